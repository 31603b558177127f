package io.hectiqlab.cli;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigLayers;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --env-prefix} and {@code --set}: the layers a command puts on top of its files, in the
 * library's one order (the template's defaults, the files in the order given, the environment, the
 * overrides in the order given). The one place where the commands build a {@link ConfigLayers}.
 */
final class LayerOptions {
  @Option(
      names = "--env-prefix",
      paramLabel = "PREFIX",
      description =
          "Also read the environment variables whose names start with PREFIX, above the files:"
              + " PREFIX_SERVER__PORT=8081 sets server.port (__ between levels, names matched to"
              + " the template's properties in any case, values converted by its types).")
  String envPrefix;

  @Option(
      names = "--set",
      paramLabel = "OVERRIDE",
      description =
          "An override, above the files and the environment, in Hydra's grammar: k=v sets a value"
              + " that exists or that the template declares, +k=v adds a new one, ++k=v sets or"
              + " adds, ~k deletes, ~k=v deletes only when the value is v; values are read as JSON,"
              + " else as strings.")
  List<String> sets = new ArrayList<>();

  /** Whether {@code --env-prefix} or {@code --set} was given. */
  boolean given() {
    return envPrefix != null || !sets.isEmpty();
  }

  /**
   * The options given with the verb agreeing, for a usage error: {@code --set applies}, {@code
   * --env-prefix applies}, or {@code --set and --env-prefix apply}.
   */
  String namedApply() {
    if (envPrefix != null && !sets.isEmpty()) {
      return "--set and --env-prefix apply";
    }
    return (envPrefix != null ? "--env-prefix" : "--set") + " applies";
  }

  /**
   * How many layers {@link #layers} puts on the template's defaults: the files, the environment
   * (one layer, however many variables it holds), and each override.
   *
   * @param files how many files are given
   */
  int count(int files) {
    return files + (envPrefix != null ? 1 : 0) + sets.size();
  }

  /**
   * The layers: the files (as {@code input} reads them), then the environment, then the overrides;
   * composed against the template, or untyped without one.
   *
   * @param schema the template, or null
   * @param files the documents, in the order given
   */
  ConfigLayers layers(ConfigSchema schema, List<ConfigSource> files) {
    ConfigLayers layers = schema == null ? ConfigLayers.untyped() : ConfigLayers.of(schema);
    for (ConfigSource f : files) {
      layers.source(f);
    }
    if (envPrefix != null) {
      try {
        layers.environment(envPrefix);
      } catch (IllegalArgumentException refused) { // the library's one rule: an empty prefix
        throw Main.CliException.usage("--env-prefix: " + refused.getMessage());
      }
    }
    if (!sets.isEmpty()) {
      layers.overrides(sets);
    }
    return layers;
  }

  /**
   * The files of a command that takes its arguments as layers, in order: each a file or {@code -}
   * (standard input, once at most), as {@link Inputs#single} checks it.
   */
  static List<Inputs.Input> files(List<String> args) {
    List<Inputs.Input> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String arg : args) {
      if (!seen.add(arg) && arg.equals(Inputs.STDIN)) {
        throw Main.CliException.usage("-: standard input can be read only once");
      }
      out.add(Inputs.single(arg));
    }
    return out;
  }

  /**
   * Prints the violations of a composed config as {@code validate} prints them, each naming the
   * layer that set the value ({@code base.yaml:3:9}, {@code env APP_SERVER__PORT}, {@code --set
   * k=v}, {@code (default)}), then one line naming the layers at fault: {@code hectiqlab: base.yaml
   * and --set k=v are invalid; OUTCOME}.
   *
   * @param invalid what {@link ConfigLayers#compose()} threw
   * @param name what a violation without an origin is about
   * @param outcome what did not happen, such as {@code nothing was pushed}
   */
  static void printInvalid(
      ConfigException.Invalid invalid, String name, String outcome, Style style, PrintStream err) {
    List<Violation> violations = invalid.violations();
    new TextReport(style, false)
        .violations(
            new ValidateCommand.FileResult(name, violations, invalid.result().truncated()), err);
    Set<String> faults = new LinkedHashSet<>();
    for (Violation v : violations) {
      faults.add(v.source() == null ? name : v.source());
    }
    err.println(
        style.error(
            "hectiqlab: " + Printable.escape(subject(faults, name)) + " invalid; " + outcome));
  }

  /** The most layers the line after the violations names; the rest are counted. */
  static final int MAX_NAMED_FAULTS = 10;

  /**
   * The layers at fault with the verb: {@code base.yaml is}, {@code a, b and c are}, or past
   * {@value #MAX_NAMED_FAULTS} the first ones and a count: {@code a, b, ..., j and 2990 more are}.
   */
  static String subject(Set<String> faults, String name) {
    List<String> shown = new ArrayList<>(faults);
    if (shown.size() <= 1) {
      return (shown.isEmpty() ? name : shown.get(0)) + " is";
    }
    if (shown.size() > MAX_NAMED_FAULTS) {
      return String.join(", ", shown.subList(0, MAX_NAMED_FAULTS))
          + " and "
          + (shown.size() - MAX_NAMED_FAULTS)
          + " more are";
    }
    return String.join(", ", shown.subList(0, shown.size() - 1))
        + " and "
        + shown.get(shown.size() - 1)
        + " are";
  }
}
