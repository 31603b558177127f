package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      "Pushes a JSON, YAML or TOML config file (or standard input, -) as the newest version of a run's config (earlier versions stay readable), and metadata. --set overrides values first; with --template the result is validated (nothing is pushed when it is invalid) and its defaults filled in. Values of --set and --meta are read as JSON when they are JSON, else as strings. Without a config file, only the metadata is set."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab push --project lab/demo --run 'baseline #1' train.yaml",
      "  hectiqlab push --project lab/demo --run sweep-3 -t training \\",
      "      --set optimizer.lr=0.01 --meta accuracy=0.93 --meta 'tags=[\"sweep\"]' \\",
      "      train.yaml",
      "  generate-config | hectiqlab push --project lab/demo --run sweep-4 \\",
      "      --input-format toml -",
      "  hectiqlab push --project lab/demo --run sweep-3 --meta accuracy=0.95"
    })
final class PushCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin LabOptions lab;

  @Mixin TemplateOptions.NotRequired template;

  @Mixin RunOptions target;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CONFIG_FILE",
      description =
          "The config (.json, .yaml, .yml, .toml), or - for standard input; none to set metadata"
              + " only.")
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
    Map<String, Object> metaEntries = new LinkedHashMap<>();
    for (String m : meta) {
      String[] kv = split(m, "--meta", "KEY=VALUE");
      metaEntries.put(kv[0], parseValue(kv[1]));
    }
    if (file == null) {
      return pushMetaOnly(metaEntries);
    }
    Inputs.Input given = Inputs.single(file);
    ConfigSource source = input.source(given);
    ConfigSchema schema = template.given() ? template.load() : null;
    Config config;
    Map<String, String> setPointers = new LinkedHashMap<>();
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
          setPointers.put(pointer(kv[0]), "--set " + s);
        }
        if (schema != null) {
          config = schema.toConfig(config);
        }
      }
    } catch (ConfigException.Invalid e) {
      if (setPointers.isEmpty()) {
        new TextReport(root.style, false)
            .write(
                null,
                List.of(new ValidateCommand.FileResult(source.origin(), e.result())),
                root.err);
        root.err.println(
            root.style.error(
                "hectiqlab: "
                    + Printable.escape(source.origin())
                    + " is invalid; nothing was pushed"));
      } else {
        printBlamingSets(e.result().violations(), setPointers, source.origin());
      }
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

  /** {@code push --meta k=v} without a config file: sets the metadata, pushes no config version. */
  private int pushMetaOnly(Map<String, Object> metaEntries) {
    if (!sets.isEmpty() || template.given()) {
      throw Main.CliException.usage(
          (sets.isEmpty() ? "--template" : "--set")
              + " applies to a config: give the CONFIG_FILE (or - for standard input)");
    }
    if (metaEntries.isEmpty()) {
      throw Main.CliException.usage(
          "nothing to push: give a CONFIG_FILE (or - for standard input), --meta KEY=VALUE, or"
              + " both");
    }
    Run opened = lab.connect().run(target.run, target.project);
    opened.addMeta(metaEntries);
    root.out.println(
        Printable.escape(
            "set metadata "
                + String.join(", ", metaEntries.keySet())
                + " of "
                + target.project
                + " run "
                + opened.slug()
                + (opened.isNew() ? " (new run)" : "")
                + "; no config pushed"));
    return Main.Exit.OK;
  }

  /**
   * Prints the violations of a config changed by {@code --set}: those at or under a path that a
   * {@code --set} wrote name that argument instead of the file; then what was at fault.
   */
  private void printBlamingSets(
      List<Violation> violations, Map<String, String> setPointers, String origin) {
    Set<String> blamed = new LinkedHashSet<>();
    boolean fileBlamed = false;
    for (Violation v : violations) {
      String set = null;
      for (Map.Entry<String, String> p : setPointers.entrySet()) {
        String at = p.getKey();
        if (v.instancePath().equals(at) || v.instancePath().startsWith(at + "/")) {
          set = p.getValue(); // the last --set of a path wins, as it did when it was applied
        }
      }
      Violation shown = v;
      if (set != null) {
        blamed.add(set);
        shown = new Violation(v.instancePath(), v.keyword(), v.message(), set, 0, 0, v.details());
      } else {
        fileBlamed = true;
        if (v.source() == null) {
          shown =
              new Violation(v.instancePath(), v.keyword(), v.message(), origin, 0, 0, v.details());
        }
      }
      root.err.println(root.style.error(shown.toString()));
      for (Violation d : shown.details()) {
        root.err.println("  " + d);
      }
    }
    List<String> faults = new ArrayList<>();
    if (fileBlamed) {
      faults.add(origin);
    }
    faults.addAll(blamed);
    root.err.println(
        root.style.error(
            "hectiqlab: "
                + Printable.escape(String.join(" and ", faults))
                + (faults.size() == 1 ? " is" : " are")
                + " invalid; nothing was pushed"));
  }

  /** The JSON Pointer of a dotted path, by Config's own path rule (escaped dots included). */
  private static String pointer(String path) {
    Config probe = new Config();
    try {
      probe.set(path, true);
    } catch (ConfigException e) {
      return "/" + path.replace('.', '/'); // a list index: the config has the list, the probe not
    }
    StringBuilder pointer = new StringBuilder();
    Object node = probe;
    while (node instanceof Config c && c.size() == 1) {
      String key = c.keys().iterator().next();
      pointer.append('/').append(Documents.escapePointer(key));
      node = c.get(Config.escapeKey(key));
    }
    return pointer.toString();
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
