package io.hectiqlab.cli;

import io.hectiqlab.codegen.Codegen;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab codegen}: typed ConfigTemplate classes from schemas, without Maven. */
@Command(
    name = "codegen",
    mixinStandardHelpOptions = true,
    description = {
      "Generate typed Java classes from schemas.",
      "",
      "Generates typed Java classes (ConfigTemplates) from a schema file or a directory of schemas, with the same settings as the Maven plugin wiring (subdirectories become subpackages). Compile them against hectiqlab-core."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  hectiqlab codegen schemas/examples --package com.acme.config --out src/main/java"})
final class CodegenCommand implements Callable<Integer> {
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  @ParentCommand HectiqlabCommand root;

  @Parameters(index = "0", paramLabel = "SCHEMAS", description = "A schema file or directory.")
  Path source;

  @Option(
      names = {"-p", "--package"},
      required = true,
      paramLabel = "PACKAGE",
      description = "The Java package of the generated classes.")
  String targetPackage;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "Where the sources go (created when missing).")
  Path out;

  @Override
  public Integer call() {
    if (!PACKAGE.matcher(targetPackage).matches()) {
      throw Main.CliException.usage(
          "--package: '" + targetPackage + "' is not a Java package name");
    }
    List<Path> files = Codegen.generate(source, targetPackage, out);
    root.out.println("generated " + files.size() + " source files in " + out);
    if (root.verbose) {
      files.forEach(f -> root.out.println("  " + f));
    }
    return Main.Exit.OK;
  }
}
