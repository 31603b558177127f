package io.hectiqlab.cli;

import io.hectiqlab.codegen.Codegen;
import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.TemplateRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    footer = {
      "  hectiqlab codegen schemas/examples --package com.acme.config \\",
      "      --out src/main/java",
      "  hectiqlab codegen lab:ml/vision/training@3 --package com.acme.config \\",
      "      --out src/main/java"
    })
final class CodegenCommand implements Callable<Integer> {
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  @ParentCommand HectiqlabCommand root;

  @Parameters(
      index = "0",
      paramLabel = "SCHEMAS",
      description = {
        "A schema file or directory, or a version published in the lab:",
        "lab:OWNER/PROJECT/NAME@N or @latest (pulled with the versions its refs reach into a"
            + " temporary folder, refs rewritten to relative files)."
      })
  String source;

  @Mixin LabOptions lab;

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
      description =
          "Where the sources go (created when missing; a symbolic link to a directory is"
              + " followed). Each source is replaced atomically, keeping its mode and owner.")
  Path out;

  /**
   * Generates into a private temporary directory, then writes each source into --out by the
   * project's file rule (atomic replacement keeping mode and owner, symbolic links followed), so
   * that jsonschema2pojo never deletes or replaces what --out holds.
   */
  private List<Path> generate(Path schemas) {
    Path staging = temporaryDirectory("hectiqlab-codegen-");
    try {
      List<Path> written = new ArrayList<>();
      for (Path f : Codegen.generate(schemas, targetPackage, staging)) {
        Path dest = out.resolve(staging.relativize(f).toString());
        try {
          Files.createDirectories(dest.getParent());
          AtomicFiles.write(dest, Files.readAllBytes(f));
        } catch (IOException e) {
          throw Main.CliException.failure(
              dest + ": cannot write generated source: " + FileErrors.about(dest, e));
        }
        written.add(dest);
      }
      return written;
    } finally {
      deleteTree(staging);
    }
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw Main.CliException.failure(
          "cannot create a temporary directory: " + FileErrors.message(e, null));
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover in the temporary directory is harmless.
    }
  }

  @Override
  public Integer call() {
    if (!PACKAGE.matcher(targetPackage).matches()) {
      throw Main.CliException.usage(
          "--package: '" + targetPackage + "' is not a Java package name");
    }
    if (Files.isSymbolicLink(out) && !Files.exists(out)) {
      throw Main.CliException.usage("--out " + out + ": " + FileErrors.BROKEN_LINK);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      String kind = FileErrors.kind(out);
      throw Main.CliException.usage(
          "--out " + out + ": is " + (kind == null ? "a file" : kind) + ", not a directory");
    }
    List<Path> files;
    if (TemplateRef.isRef(source)) {
      TemplateRef ref = LabRefs.parse(source);
      Path pulled = temporaryDirectory("hectiqlab-codegen-lab-");
      try {
        files = generate(LabRefs.pullTree(lab, ref, pulled));
      } finally {
        deleteTree(pulled);
      }
    } else {
      files = generate(Path.of(source));
    }
    root.out.println(Printable.escape("generated " + files.size() + " source files in " + out));
    if (root.verbose) {
      files.forEach(f -> root.out.println("  " + Printable.escape(f.toString())));
    }
    return Main.Exit.OK;
  }
}
