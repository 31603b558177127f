package io.hectiqlab.cli;

import io.hectiqlab.ComposedConfig;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.Run;
import io.hectiqlab.lab.TemplateRef;
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

/** {@code hectiqlab push}: a config (composed from layers) and metadata to a run of the lab. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push a config and metadata to a run of the lab.",
      "",
      "Pushes a JSON, YAML or TOML config (or standard input, -) as the newest version of a run's config (earlier versions stay readable), and metadata. Several files are the layers of one config, bottom layer first, composed as compose composes them, with the variables of --env-prefix and each --set on top; with --template the result is validated (nothing is pushed when it is invalid, and each problem names the layer that set the value) and its defaults filled in, and the values the template marks secret are pushed as *** unless --show-secrets is given. With a lab template (-t lab:OWNER/PROJECT/NAME@N, or @latest: resolved first) the lab validates the config against that version too, refuses it when invalid (nothing is stored), and records the version with the config. The run's metadata records the layers' names under config_layers (file names, env PREFIX, --set ARG; never contents). Values of --meta are read as JSON when they are JSON, else as strings. Without a config file, only the metadata is set."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab push --project lab/demo --run 'baseline #1' train.yaml",
      "  hectiqlab push --project lab/demo --run sweep-3 -t training \\",
      "      --set optimizer.lr=0.01 --meta accuracy=0.93 --meta 'tags=[\"sweep\"]' \\",
      "      base.yaml experiment.yaml",
      "  APP_DATASET__BATCH_SIZE=64 hectiqlab push --project lab/demo --run sweep-4 \\",
      "      -t training --env-prefix APP_ base.yaml",
      "  generate-config | hectiqlab push --project lab/demo --run sweep-5 \\",
      "      --input-format toml -",
      "  hectiqlab push --project lab/demo --run sweep-6 -t lab:ml/vision/training@3 \\",
      "      train.yaml",
      "  hectiqlab push --project lab/demo --run sweep-3 --meta accuracy=0.95"
    })
final class PushCommand implements Callable<Integer> {
  /** The metadata key under which a pushed config's layers are recorded. */
  static final String LAYERS_KEY = "config_layers";

  @ParentCommand HectiqlabCommand root;

  @Mixin LabOptions lab;

  @Mixin TemplateOptions.NotRequired template;

  @Mixin RunOptions target;

  @Parameters(
      arity = "0..*",
      paramLabel = "CONFIG_FILE",
      description =
          "The config (.json, .yaml, .yml, .toml), or - for standard input; several are layers,"
              + " bottom layer first; none to set metadata only.")
  List<String> files = new ArrayList<>();

  @Mixin InputOptions input;

  @Mixin LayerOptions layers;

  @Option(
      names = "--show-secrets",
      description = "Push the values of secret properties instead of ***.")
  boolean showSecrets;

  @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "A metadata entry of the run.")
  List<String> meta = new ArrayList<>();

  @Override
  public Integer call() {
    Map<String, Object> metaEntries = new LinkedHashMap<>();
    for (String m : meta) {
      String[] kv = split(m, "--meta", "KEY=VALUE");
      metaEntries.put(kv[0], parseValue(kv[1]));
    }
    if (files.isEmpty()) {
      return pushMetaOnly(metaEntries);
    }
    if (metaEntries.containsKey(LAYERS_KEY)) {
      throw Main.CliException.usage(
          "--meta "
              + LAYERS_KEY
              + ": push records the config's layers under this key itself; use another key");
    }
    List<Inputs.Input> given = LayerOptions.files(files);
    // A lab template is pinned first (@latest asks the lab which version that is), so that the
    // version the config is checked against here is the one the lab checks and records.
    TemplateRef pinned =
        template.given() && template.isLabRef()
            ? LabRefs.fetch(lab, LabRefs.parse(template.template)).ref()
            : null;
    ConfigSchema schema =
        pinned != null ? LabRefs.schema(lab, pinned) : template.given() ? template.load(lab) : null;
    ComposedConfig composed;
    try {
      composed = layers.layers(schema, input.sources(given)).compose();
    } catch (ConfigException.Invalid e) {
      LayerOptions.printInvalid(
          e, String.join(" + ", files), "nothing was pushed", root.style, root.err);
      return Main.Exit.FAILURE;
    }
    Config config = showSecrets ? composed.config() : composed.redacted();
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put(LAYERS_KEY, composed.layers());
    entries.putAll(metaEntries);
    Run opened = lab.connect().run(target.run, target.project);
    int version = pinned == null ? opened.addConfig(config) : opened.addConfig(config, pinned);
    opened.addMeta(entries);
    root.out.println(
        Printable.escape(
            "pushed "
                + String.join(" + ", composed.layers())
                + " as config version "
                + version
                + " of "
                + target.project
                + " run "
                + opened.slug()
                + (opened.isNew() ? " (new run)" : "")
                + (pinned == null ? "" : ", validated by the lab against " + pinned)
                + (metaEntries.isEmpty()
                    ? ""
                    : ", with metadata " + String.join(", ", metaEntries.keySet()))
                + (config.equals(composed.config())
                    ? ""
                    : "; the template's secret values were sent as *** (--show-secrets sends"
                        + " them)")));
    return Main.Exit.OK;
  }

  /** {@code push --meta k=v} without a config file: sets the metadata, pushes no config version. */
  private int pushMetaOnly(Map<String, Object> metaEntries) {
    if (layers.given() || template.given()) {
      throw Main.CliException.usage(
          (layers.given() ? layers.namedApply() : "--template applies")
              + " to a config: give the CONFIG_FILE (or - for standard input)");
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
