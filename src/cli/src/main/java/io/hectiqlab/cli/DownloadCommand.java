package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.DownloadedConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab download}: a run's config (and metadata) from the lab. */
@Command(
    name = "download",
    description = {
      "Download a run's config (and metadata) from the lab.",
      "",
      "Downloads a run's config (the latest, or --version N) to a file, JSON, YAML or TOML by its extension, or as JSON to standard output. With --meta the output is an object holding config, meta and version."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab download --project lab/demo --run baseline-1",
      "  hectiqlab download --project lab/demo --run baseline-1 --version 2 -o config.yaml",
      "  hectiqlab download --project lab/demo --run baseline-1 --meta -o run.json"
    })
final class DownloadCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin LabOptions lab;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Mixin RunOptions target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write (.json, .yaml, .yml, .toml).")
  Path output;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "A version (1 is the first push; default: the latest).")
  Integer version;

  @Option(names = "--meta", description = "Also the run's metadata.")
  boolean meta;

  @Override
  public Integer call() {
    if (version != null && version < 1) {
      throw Main.CliException.usage("--version must be at least 1");
    }
    DownloadedConfig d =
        lab.connect().download(target.run, target.project, version == null ? 0 : version);
    Config document =
        meta
            ? Config.of("config", d.config(), "meta", d.meta(), "version", d.version())
            : d.config();
    if (output == null) {
      root.out.println(document.toJson());
    } else {
      document.save(output);
      root.out.println(
          "wrote config version "
              + d.version()
              + " of "
              + target.project
              + " run "
              + target.run
              + " to "
              + output);
    }
    return Main.Exit.OK;
  }
}
