package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigFormat;
import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.ConfigVersion;
import io.hectiqlab.lab.DownloadedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
      "Downloads a run's config (the latest, or --version N) to a file, JSON, YAML or TOML by its extension, or as JSON to standard output. With --meta the output is an object holding config, meta, version and, when the config was pushed with a lab template, template (lab:OWNER/PROJECT/NAME@N; otherwise standard error names it). With --history every version is printed, oldest first, one JSON object a line, fetched page by page.",
      "",
      "A regular file is replaced atomically and keeps its permissions and owner; a symbolic link is followed; a FIFO or a device (-o /dev/stdout) is written directly, as JSON unless its name has an extension."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab download --project lab/demo --run baseline-1",
      "  hectiqlab download --project lab/demo --run baseline-1 --version 2 \\",
      "      -o config.yaml",
      "  hectiqlab download --project lab/demo --run baseline-1 --meta -o run.json",
      "  hectiqlab download --project lab/demo --run baseline-1 --history \\",
      "      > history.jsonl"
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

  @Option(
      names = "--history",
      description =
          "Every version, oldest first, as JSON Lines on standard output:"
              + " {\"version\": N, \"pushed_at\": \"...\", \"config\": {...}}, with a"
              + " \"template\" entry (the lab template version) when it was pushed with one.")
  boolean history;

  @Override
  public Integer call() {
    if (version != null && version < 1) {
      throw Main.CliException.usage("--version must be at least 1");
    }
    if (history) {
      if (version != null || meta || output != null) {
        throw Main.CliException.usage(
            "--history prints every version to standard output: it takes no --version, --meta"
                + " or -o");
      }
      lab.connect()
          .history(target.run, target.project)
          .forEach(
              v -> {
                root.out.println(
                    historyLine(v)
                        .toJson()
                        // one line: JSON strings hold no raw newline, so these are indentation
                        .replaceAll("\n *", " "));
                root.out.flush();
              });
      return Main.Exit.OK;
    }
    DownloadedConfig d =
        lab.connect().download(target.run, target.project, version == null ? 0 : version);
    Config document = meta ? withMeta(d) : d.config();
    if (output == null) {
      root.out.println(document.toJson());
      if (d.template() != null && !meta) {
        root.err.println(Printable.escape(validatedAgainst(d)));
      }
      return Main.Exit.OK;
    }
    // A FIFO or a device (/dev/stdout, /dev/null) is written directly, never replaced; without an
    // extension that tells a syntax it gets JSON, as standard output does.
    boolean special =
        Files.exists(output) && !Files.isRegularFile(output) && !Files.isDirectory(output);
    if (special && ConfigFormat.forFile(output).isEmpty()) {
      try {
        AtomicFiles.write(output, (document.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException.Io(
            output, "cannot save config: " + FileErrors.about(output, e), e);
      }
    } else {
      document.save(output);
    }
    // The confirmation goes to standard error when the config went to a stream (maybe stdout).
    (special ? root.err : root.out)
        .println(
            Printable.escape(
                "wrote config version "
                    + d.version()
                    + " of "
                    + target.project
                    + " run "
                    + target.run
                    + " to "
                    + output
                    + (d.template() == null ? "" : " (validated against " + d.template() + ")")));
    return Main.Exit.OK;
  }

  /**
   * {@code --meta}'s document: config, meta, version, and the template version the config was
   * validated against when it was pushed with one.
   */
  private static Config withMeta(DownloadedConfig d) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("config", d.config());
    document.put("meta", d.meta());
    document.put("version", d.version());
    if (d.template() != null) {
      document.put("template", d.template().toString());
    }
    return Config.fromMap(document);
  }

  /** A line of {@code --history}: a {@code template} entry when the version recorded one. */
  private static Config historyLine(ConfigVersion v) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("version", v.version());
    line.put("pushed_at", v.pushedAt().toString());
    if (v.template() != null) {
      line.put("template", v.template().toString());
    }
    line.put("config", v.config());
    return Config.fromMap(line);
  }

  /** What standard error says when a config printed on standard output was validated. */
  private String validatedAgainst(DownloadedConfig d) {
    return "config version "
        + d.version()
        + " of "
        + target.project
        + " run "
        + target.run
        + " was validated against "
        + d.template();
  }
}
