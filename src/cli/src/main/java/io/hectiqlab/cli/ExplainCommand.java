package io.hectiqlab.cli;

import io.hectiqlab.ComposedConfig;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.LayerValue;
import io.hectiqlab.TemplateField;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.DottedPaths;
import io.hectiqlab.internal.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code hectiqlab explain}: where one value of a composed config came from. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Show where one value of a composed config came from.",
      "",
      "Composes the layers as compose does (the template's defaults, the files in the order given, the variables of --env-prefix, each --set) and prints, for one dotted path, the value it ends with, the template's type, description and default, then every layer that set or deleted it, in the order they apply: its value and its position (FILE:LINE:COLUMN, env VARIABLE, --set ARG or (default)); the last one wins. An interpolated value also shows the text written. When the composed config is invalid, the layers are shown all the same, then its problems, each at the layer that set the value. A path that neither the config nor the template knows is a usage error that lists what its parent holds. Secret values are always shown as ***."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab explain -t training base.yaml experiment.yaml optimizer.lr",
      "  APP_OPTIMIZER__LR=0.01 hectiqlab explain -t training --env-prefix APP_ \\",
      "      base.yaml --set optimizer.lr=0.02 optimizer.lr",
      "  hectiqlab explain -t training base.yaml dataset.batch_size --format json",
      "",
      "Exit codes: 0 explained, 1 the composed config is invalid (its problems are",
      "            listed), 2 usage, template, unreadable file or unknown path."
    })
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin TemplateOptions.Required template;

  @Mixin LabOptions lab;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|-... PATH",
      hideParamSyntax = true,
      description =
          "The config files, bottom layer first (JSON, YAML or TOML, told by their names; - for"
              + " standard input), then the dotted path to explain, such as optimizer.lr")
  List<String> args;

  @Mixin InputOptions input;

  @Mixin LayerOptions layers;

  /** The names {@code --format} takes: {@code text} for people, as for every command. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description =
          "text (the default: the value, then one line per layer) or json (one object for"
              + " scripts).")
  Format format;

  /** Whether validation stopped at its limit, so that more violations may exist. */
  private boolean truncated;

  /** The value in the secret's place. */
  static final String MASK = "***";

  @Override
  public Integer call() {
    if (args.size() < 2) {
      throw Main.CliException.usage(
          "give the config files (or - for standard input), then the PATH to explain");
    }
    String path = args.get(args.size() - 1);
    List<String> files = args.subList(0, args.size() - 1);
    ConfigSchema schema = template.load(lab);
    TemplateField field = field(schema, path);
    List<Inputs.Input> given = LayerOptions.files(files);
    // inspect, not compose: the stack of a config that does not validate is shown too.
    ComposedConfig composed = layers.layers(schema, input.sources(given)).inspect();
    List<Violation> violations = composed.validation().violations();
    truncated = composed.validation().truncated();
    Explained explained = explain(composed, path, field);
    if (explained == null) {
      throw Main.CliException.usage(unknown(path, composed, schema));
    }
    if (format == Format.json) {
      root.out.println(json(path, explained, field, violations).toJson());
    } else {
      text(path, explained, field, violations);
    }
    return violations.isEmpty() ? Main.Exit.OK : Main.Exit.FAILURE;
  }

  /**
   * What the composed config says of one path: whether it holds a value, the value (secrets
   * masked), its origin, and the layers that wrote it; null when neither the config, its layers nor
   * the template know the path.
   */
  record Explained(
      boolean present,
      Object value,
      String origin,
      boolean secret,
      List<LayerValue> history,
      String interpolatedFrom) {
    /**
     * Whether the value combines several layers (objects merged key by key, a list appended or
     * merged by key, defaults filled in) rather than being the last layer's value as written.
     */
    boolean merged() {
      if (!present || history.size() < 2 || interpolatedFrom != null) {
        return false;
      }
      LayerValue last = history.get(history.size() - 1);
      return !last.deleted() && !java.util.Objects.equals(last.value(), value);
    }
  }

  private static Explained explain(ComposedConfig composed, String path, TemplateField field) {
    // Presence from the config itself: redacted() puts *** in a secret's place, so the items of a
    // secret array, or the fields of a secret object, are not there.
    boolean present;
    try {
      present = composed.config().containsKey(path);
    } catch (ConfigException.BadPath e) {
      throw Main.CliException.usage(path + ": " + e.getMessage());
    }
    List<LayerValue> history = composed.history(path);
    if (!present && history.isEmpty() && field == null) {
      return null;
    }
    boolean secret = composed.isSecret(path);
    Object value = !present ? null : secret ? MASK : composed.redacted().get(path);
    var origin = present ? composed.origin(path) : null;
    String interpolatedFrom = null;
    if (present && !history.isEmpty()) {
      LayerValue winner = history.get(history.size() - 1);
      if (!winner.deleted()
          && winner.value() instanceof String written
          && written.contains("${")
          && !written.equals(value)) {
        interpolatedFrom = written;
      }
    }
    return new Explained(
        present,
        value,
        origin == null ? null : origin.toString(),
        secret,
        history,
        interpolatedFrom);
  }

  /** The template's field at a path, or null when it documents none there. */
  private static TemplateField field(ConfigSchema schema, String path) {
    try {
      return schema.field(path).orElse(null);
    } catch (ConfigException.BadPath e) {
      throw Main.CliException.usage(path + ": " + e.getMessage());
    }
  }

  private void text(String path, Explained e, TemplateField field, List<Violation> violations) {
    var out = root.out;
    Style style = root.style;
    boolean secret = e.secret();
    if (e.present()) {
      out.println(style.bold(Printable.escape(path)) + " = " + Printable.escape(json(e.value())));
      if (e.origin() != null) {
        out.println("  from " + Printable.escape(e.origin()));
      }
      if (e.interpolatedFrom() != null) {
        out.println("  interpolated from " + Printable.escape(json(e.interpolatedFrom())));
      }
    } else {
      out.println(style.bold(Printable.escape(path)) + ": not set");
    }
    if (field != null) {
      out.println(
          "  "
              + Printable.escape(field.type())
              + (field.required() ? ", required" : "")
              + (field.description() == null ? "" : ": " + Printable.escape(field.description())));
      if (field.defaultJson() != null) {
        out.println("  default: " + (secret ? MASK : Printable.escape(field.defaultJson())));
      }
      if (!field.constraints().isEmpty()) {
        out.println("  constraints: " + Printable.escape(String.join("; ", field.constraints())));
      }
    } else {
      out.println("  (the template does not document this path)");
    }
    if (e.history().isEmpty()) {
      out.println("no layer sets it");
    } else {
      boolean merged = e.merged();
      out.println(
          merged
              ? "layers, in the order they apply (merged: the value above combines them):"
              : "layers, in the order they apply (the last one wins):");
      List<String[]> rows = new ArrayList<>();
      for (LayerValue v : e.history()) {
        rows.add(
            new String[] {
              Printable.escape(v.location().toString()),
              v.deleted() ? "(deleted)" : Printable.escape(json(v.value()))
            });
      }
      int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
      for (int i = 0; i < rows.size(); i++) {
        String[] r = rows.get(i);
        String line = "  " + r[0] + " ".repeat(width - r[0].length() + 2) + r[1];
        out.println(!merged && i == rows.size() - 1 ? line + "  " + style.ok("(wins)") : line);
      }
    }
    if (!violations.isEmpty()) {
      out.println("the composed config is invalid:");
      new TextReport(style, false)
          .violations(
              new ValidateCommand.FileResult(
                  String.join(" + ", args.subList(0, args.size() - 1)), violations, truncated),
              out);
    }
  }

  private Config json(String path, Explained e, TemplateField field, List<Violation> violations) {
    boolean secret = e.secret();
    Config c = Config.of("path", path);
    c.set("set", e.present());
    c.set("value", e.present() ? e.value() : null);
    c.set("origin", e.origin());
    if (e.interpolatedFrom() != null) {
      c.set("interpolated_from", e.interpolatedFrom());
    }
    c.set("secret", e.secret());
    if (field != null) {
      c.set(
          "template",
          Config.of(
              "type",
              field.type(),
              "required",
              field.required(),
              "description",
              field.description(),
              "default",
              field.defaultJson() == null
                  ? null
                  : secret ? MASK : PushCommand.parseValue(field.defaultJson()),
              "constraints",
              field.constraints()));
    } else {
      c.set("template", null);
    }
    List<Config> stack = new ArrayList<>();
    for (int i = 0; i < e.history().size(); i++) {
      LayerValue v = e.history().get(i);
      stack.add(
          Config.of(
              "layer", v.layer(),
              "location", v.location().toString(),
              "value", v.deleted() ? null : v.value(),
              "deleted", v.deleted(),
              "wins", !e.merged() && i == e.history().size() - 1));
    }
    c.set("merged", e.merged());
    c.set("layers", stack);
    List<Config> problems = new ArrayList<>();
    for (Violation v : violations) {
      Config p = JsonReport.json(v);
      p.set("origin", v.location() == null ? null : v.location().toString());
      problems.add(p);
    }
    c.set("valid", violations.isEmpty());
    c.set("violations", problems);
    return c;
  }

  /** A value as compact JSON: {@code 0.01}, {@code "adam"}, {@code [1,2]}, {@code null}. */
  static String json(Object value) {
    Object plain = Config.of("v", value).toMap().get("v");
    return JsonMapper.shared().writeValueAsString(plain);
  }

  /**
   * The usage error for a path that neither the composed config nor the template knows: the
   * template's closest path ({@link ComposedConfig#closest}, the one did-you-mean rule), else what
   * the deepest part of the path that exists holds.
   */
  private static String unknown(String path, ComposedConfig composed, ConfigSchema schema) {
    String problem = path + ": no such path in the composed config or the template";
    String closest = composed.closest(path);
    if (closest != null && !closest.equals(path)) {
      return problem + "; did you mean '" + closest + "'?";
    }
    List<String> known = new ArrayList<>();
    for (TemplateField f : schema.fields()) {
      known.add(f.path());
    }
    collect(composed.redacted().toMap(), "", known);
    List<String> keys = keys(path);
    String parent = "";
    int depth = 0;
    for (int n = keys.size() - 1; n > 0 && parent.isEmpty(); n--) {
      String prefix = DottedPaths.join(keys.subList(0, n));
      if (known.contains(prefix)) {
        parent = prefix;
        depth = n;
      }
    }
    List<String> children = new ArrayList<>();
    for (String k : known) {
      List<String> ks = keys(k);
      if (ks.size() == depth + 1 && ks.subList(0, depth).equals(keys.subList(0, depth))) {
        String child = DottedPaths.escape(ks.get(depth));
        if (!children.contains(child)) {
          children.add(child);
        }
      }
    }
    StringBuilder sb = new StringBuilder(problem);
    if (!children.isEmpty()) {
      sb.append("; ")
          .append(parent.isEmpty() ? "the config" : parent)
          .append(" holds ")
          .append(String.join(", ", children.subList(0, Math.min(children.size(), 12))))
          .append(children.size() > 12 ? ", ..." : "");
    }
    return sb.toString();
  }

  /** The keys of a dotted path ({@link DottedPaths}, escapes and all); none for a bad one. */
  private static List<String> keys(String path) {
    try {
      return List.of(DottedPaths.split(path));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Adds the dotted paths of a map's keys, nested maps recursing under their own paths. */
  @SuppressWarnings("unchecked")
  private static void collect(Map<String, Object> map, String prefix, List<String> into) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String p = DottedPaths.child(prefix, e.getKey());
      if (!into.contains(p)) {
        into.add(p);
      }
      if (e.getValue() instanceof Map<?, ?> m && into.size() < 10_000) {
        collect((Map<String, Object>) m, p, into);
      }
    }
  }
}
