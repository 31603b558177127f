package io.hectiqlab.cli;

import io.hectiqlab.ComposedConfig;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab compose}: config files, the environment and overrides as one config. */
@Command(
    name = "compose",
    mixinStandardHelpOptions = true,
    description = {
      "Compose config files, the environment and overrides into one validated config.",
      "",
      "Merges the layers in one order: the template's defaults, the files in the order given (JSON, YAML or TOML; - for standard input), the variables of --env-prefix, then each --set; objects merge key by key and a later layer wins. Then ${path} and ${env:VAR} are interpolated and the result is validated. A valid config is printed (YAML unless --output-format json) or written with -o; every problem names the layer that set the value, as FILE:LINE:COLUMN, env VARIABLE or --set ARG, and nothing is printed or written.",
      "",
      "Values the template marks secret (writeOnly or x-secret) are printed and written as *** unless --show-secrets is given, also in the file -o writes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab compose -t training base.yaml experiment.yaml",
      "  APP_OPTIMIZER__LR=0.01 hectiqlab compose -t training --env-prefix APP_ \\",
      "      base.yaml --set dataset.batch_size=128 -o run.yaml",
      "  hectiqlab compose -t training base.yaml --set +labels.team=vision \\",
      "      --set '~tags' --output-format json",
      "",
      "Exit codes: 0 valid, 1 invalid, 2 usage, template or unreadable file."
    })
final class ComposeCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin TemplateOptions.Required template;

  @Mixin LabOptions lab;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|-",
      description =
          "The config files, bottom layer first (JSON, YAML or TOML, told by their names), or -"
              + " for standard input.")
  List<String> files;

  @Mixin InputOptions input;

  @Mixin LayerOptions layers;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the config to a file instead of standard output, in the syntax its name tells"
              + " (json, yaml, yml or toml): a regular file, replaced atomically.")
  Path output;

  /** The syntaxes {@code --output-format} takes. */
  enum OutputFormat {
    json,
    yaml
  }

  @Option(
      names = "--output-format",
      paramLabel = "json|yaml",
      description = "How to print the config on standard output (default: yaml).")
  OutputFormat outputFormat;

  @Option(
      names = "--show-secrets",
      description = "Print or write the values of secret properties instead of ***.")
  boolean showSecrets;

  @Override
  public Integer call() {
    if (output != null && outputFormat != null) {
      throw Main.CliException.usage(
          "-o writes the syntax its name tells (json, yaml, yml or toml); --output-format is for"
              + " standard output");
    }
    if (output != null) {
      checkReplaceable(output);
    }
    ConfigSchema schema = template.load(lab);
    List<Inputs.Input> given = LayerOptions.files(files);
    ComposedConfig composed;
    try {
      composed = layers.layers(schema, input.sources(given)).compose();
    } catch (ConfigException.Invalid e) {
      LayerOptions.printInvalid(
          e,
          String.join(" + ", files),
          output == null ? "nothing was printed" : "nothing was written",
          root.style,
          root.err);
      return Main.Exit.FAILURE;
    }
    Config shown = showSecrets ? composed.config() : composed.redacted();
    if (output == null) {
      root.out.print(outputFormat == OutputFormat.json ? shown.toJson() + "\n" : shown.toYaml());
      return Main.Exit.OK;
    }
    shown.save(output);
    root.out.println(
        Printable.escape(
            "wrote the config composed from "
                + String.join(", ", composed.layers())
                + " to "
                + output));
    return Main.Exit.OK;
  }

  /**
   * Refuses an output that exists and is not a regular file (a directory, a FIFO, a device, a
   * socket; a symbolic link is followed): compose replaces files, it does not write into streams.
   */
  private static void checkReplaceable(Path output) {
    String kind = FileErrors.kind(output); // null for a regular file or a missing one
    if (kind != null) {
      throw Main.CliException.usage(
          output + ": is " + kind + "; -o replaces only regular files (or omit -o to print)");
    }
  }
}
