package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.Run;
import io.hectiqlab.internal.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab push}: a config file (and metadata) to a run of the lab. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push a config file and metadata to a run of the lab.",
      "",
      "Pushes a JSON, YAML or TOML config file (or standard input, -) as the newest version of a run's config (earlier versions stay readable), and metadata. --set overrides values first; with --template the result is validated (nothing is pushed when it is invalid) and its defaults filled in. Values of --set and --meta are read as JSON when they are JSON, else as strings."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab push --project lab/demo --run 'baseline #1' train.yaml",
      "  hectiqlab push --project lab/demo --run sweep-3 -t training --set optimizer.lr=0.01 \\",
      "      --meta accuracy=0.93 --meta 'tags=[\"sweep\"]' train.yaml",
      "  generate-config | hectiqlab push --project lab/demo --run sweep-4 --input-format toml -"
    })
final class PushCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin LabOptions lab;

  @Mixin TemplateOptions template;

  @Mixin RunOptions target;

  @Parameters(
      index = "0",
      paramLabel = "CONFIG_FILE",
      description = "The config (.json, .yaml, .yml, .toml), or - for standard input.")
  String file;

  @Mixin InputOptions input;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Override a value, e.g. optimizer.lr=0.01.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "A metadata entry of the run.")
  List<String> meta = new ArrayList<>();

  @Override
  public Integer call() {
    Inputs.Input given = Inputs.single(file);
    ConfigSource source = input.source(given);
    Map<String, Object> metaEntries = new LinkedHashMap<>();
    for (String m : meta) {
      String[] kv = split(m, "--meta", "KEY=VALUE");
      metaEntries.put(kv[0], parseValue(kv[1]));
    }
    ConfigSchema schema = template.given() ? template.load() : null;
    Config config;
    try {
      if (schema != null && sets.isEmpty()) {
        config = schema.toConfig(source); // one parse; violations keep their positions
      } else {
        config = Config.load(source);
        for (String s : sets) {
          String[] kv = split(s, "--set", "PATH=VALUE");
          try {
            config.set(kv[0], parseValue(kv[1]));
          } catch (ConfigException e) {
            throw Main.CliException.usage("--set " + kv[0] + ": " + e.getMessage());
          }
        }
        if (schema != null) {
          config = schema.toConfig(config);
        }
      }
    } catch (ConfigException.Invalid e) {
      ValidateCommand.print(
          List.of(new ValidateCommand.FileResult(source.origin(), e.result())),
          root.err,
          root.style,
          false);
      root.err.println(
          root.style.error(
              "hectiqlab: "
                  + Printable.escape(source.origin())
                  + " is invalid; nothing was pushed"));
      return Main.Exit.FAILURE;
    }
    Run opened = lab.connect().run(target.run, target.project);
    int version = opened.addConfig(config);
    opened.addMeta(metaEntries);
    root.out.println(
        Printable.escape(
            "pushed "
                + source.origin()
                + " as config version "
                + version
                + " of "
                + target.project
                + " run "
                + opened.slug()
                + (opened.isNew() ? " (new run)" : "")
                + (metaEntries.isEmpty()
                    ? ""
                    : ", with metadata " + String.join(", ", metaEntries.keySet()))));
    return Main.Exit.OK;
  }

  private static String[] split(String pair, String option, String shape) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw Main.CliException.usage(option + " '" + pair + "': expected " + shape);
    }
    return new String[] {pair.substring(0, eq), pair.substring(eq + 1)};
  }

  /**
   * JSON when the text is one JSON value ({@code 0.01}, {@code true}, {@code [1,2]}), else the
   * text.
   */
  static Object parseValue(String text) {
    try {
      Config wrapper = Config.fromJson("{\"v\": " + text + "\n}");
      if (wrapper.size() == 1 && wrapper.keys().contains("v")) {
        return wrapper.get("v");
      }
    } catch (ConfigException e) {
      // not JSON: a string
    }
    return text;
  }
}
