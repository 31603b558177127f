package io.hectiqlab;

import io.hectiqlab.LayerStack.Kind;
import io.hectiqlab.LayerStack.Layer;
import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.EnvLayer;
import io.hectiqlab.internal.Interpolation;
import io.hectiqlab.internal.OverrideException;
import io.hectiqlab.internal.Overrides;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A builder of layered configs: files, sources, maps and Configs, the environment and override
 * arguments, composed into one {@link ComposedConfig} that is validated against a template and
 * remembers where each value came from.
 *
 * <p>Not thread-safe; each method returns this builder. {@link #compose()} may be called more than
 * once (files are read again each time).
 *
 * <h2>Order</h2>
 *
 * Layers apply in this order, whatever the order of the calls: the schema's defaults (at the
 * bottom, so that an appended list extends a default list and a default satisfies {@code
 * required}), then the documents ({@link #file}, {@link #source}, {@link #map}, {@link #config}) in
 * the order they were added, then the environment ({@link #environment}, in the order of the
 * variables' names), then the overrides ({@link #overrides}) in the order given. After merging,
 * defaults are filled in again (in objects the layers created), then {@code ${...}} interpolation
 * runs (except in strings of {@link #literal()} layers; {@code ${env:X}} reads the variables of the
 * last {@link #environment(String, Map)} call, else the process environment), then validation.
 *
 * <h2>Merging</h2>
 *
 * A document merges into what is below it: objects key by key, a later layer's value winning; a
 * list is replaced as a whole, unless the schema says otherwise for that array ({@code
 * "x-hectiqlab-merge": "append"} appends the later layer's elements; {@code {"mergeBy": "name"}}
 * deep-merges object elements that have the same {@code name} and appends the others). A {@code
 * mergeBy} list must be mergeable in every layer that brings one, whether it merges into a list
 * below or is the first (or is placed whole inside an object or element): an element that is no
 * object or has no key, or a key that an earlier element of the same list has, is a {@code merge}
 * violation at that element; where the list merges into one below, such an element is left out and
 * reported at the list ({@code /layers: cannot merge by 'name': element 1 of exp.yaml's list is
 * left out: ...}), so that it hides no violation of the elements kept. Schemas that give one array
 * different rules (an {@code allOf} member {@code "append"}, the array itself {@code mergeBy}) are
 * a {@code merge} violation where a layer's list meets the one below, and that list replaces it. A
 * {@code null} sets null. An environment variable or an override sets its path as a whole (no merge
 * rule applies to it), but the {@code mergeBy} lists its value brings are checked as a document's
 * are ({@code ++layers=[{"name":"q"},{"name":"q"}]} is a violation); a value set into such a list
 * ({@code layers.0.name=q}) is not checked against the other elements. A key is deleted only by a
 * {@code ~key} override, and stays deleted even when the schema has a default for it. Keys keep the
 * order in which the layers brought them; defaults that no layer merged into take their place in
 * the schema's order, as {@link ConfigSchema#toConfig} puts them.
 *
 * <h2>Overrides</h2>
 *
 * Hydra's grammar: {@code k=v} sets a path that exists in the layers below or that the schema
 * declares; {@code +k=v} adds a path that must not exist yet; {@code ++k=v} sets or adds; {@code
 * ~k} deletes a path that exists, {@code ~k=v} only when its value is {@code v}. Values are read as
 * JSON, else taken as strings; missing intermediate objects are created. An unknown path is a
 * violation suggesting the closest one the schema declares.
 *
 * <h2>Errors</h2>
 *
 * A file that cannot be read is a {@link ConfigException.Io}, one that cannot be parsed a {@link
 * ConfigException.Parse}. Everything else (values the schema refuses, bad environment variables,
 * bad overrides, interpolation problems, merge conflicts) is reported together, in layer order, in
 * one {@link ConfigException.Invalid} whose every violation names the origin of the value it is
 * about: {@code prod.yaml:3:9: /server/port: must be at most 65535 (maximum)}, {@code env
 * APP_SERVER__PORT: /server/port: must be integer, found "08"}, {@code --set server.port=abc: ...},
 * {@code (default): ...}. The keyword of a problem found before validation says where it arose:
 * {@code merge}, {@code env}, {@code override} or {@code interpolation}. A path gets one violation:
 * one whose value a layer failed to set (and kept out) is not reported again by validation, unless
 * a later layer sets it. The exception's {@link ValidationResult#origin()} is {@code <layers>}.
 * Values of secret properties ({@code "writeOnly": true} or {@code "x-secret": true}) are shown as
 * {@code ***} in every message and origin.
 */
public final class ConfigLayers {
  /** The most layers one composition takes: documents, environments and overrides together. */
  public static final int MAX_LAYERS = 1000;

  /** The name of the composed document in {@link ConfigException.Invalid} messages. */
  static final String ORIGIN = "<layers>";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final @Nullable ConfigSchema schema;
  private final List<Document> documents = new ArrayList<>();
  private final List<Environment> environments = new ArrayList<>();
  private final List<OverrideList> overrides = new ArrayList<>();
  private @Nullable Entry last;
  private int count;

  /** A layer as added; {@link #literal()} marks the last one. */
  private abstract static class Entry {
    boolean literal;
  }

  /** A file or source (read when composing), or a tree copied from a map or Config. */
  private static final class Document extends Entry {
    final String name;
    final @Nullable ConfigSource source;
    final @Nullable ObjectNode tree;

    Document(String name, @Nullable ConfigSource source, @Nullable ObjectNode tree) {
      this.name = name;
      this.source = source;
      this.tree = tree;
    }
  }

  private static final class Environment extends Entry {
    final String prefix;
    final Map<String, String> variables;

    Environment(String prefix, Map<String, String> variables) {
      this.prefix = prefix;
      this.variables = variables;
    }
  }

  private static final class OverrideList extends Entry {
    final List<String> arguments;

    OverrideList(List<String> arguments) {
      this.arguments = arguments;
    }
  }

  private ConfigLayers(@Nullable ConfigSchema schema) {
    this.schema = schema;
  }

  /**
   * Starts layers composed against a template: its defaults are the bottom layer, its types convert
   * environment values, its declared paths admit {@code k=v} overrides, and the composed config is
   * validated against it.
   *
   * @param schema the template
   * @return a new builder without layers
   */
  public static ConfigLayers of(ConfigSchema schema) {
    return new ConfigLayers(Objects.requireNonNull(schema, "schema"));
  }

  /**
   * Starts layers composed without a template: no defaults, no validation, environment values read
   * as JSON when they parse as JSON (else kept as strings) under their variable names lowercased
   * ({@code APP_SERVER__PORT} sets {@code server.port}), and {@code k=v} overrides admitted only
   * for paths the layers below hold.
   *
   * @return a new builder without layers
   */
  public static ConfigLayers untyped() {
    return new ConfigLayers(null);
  }

  /**
   * Adds a file layer, read in the syntax its name tells ({@code .json}, {@code .yaml}, {@code
   * .yml}, {@code .toml}, any case) when {@link #compose()} runs; its name is the path as given.
   *
   * @param file the file
   * @return this builder
   */
  public ConfigLayers file(Path file) {
    Objects.requireNonNull(file, "file");
    return add(new Document(file.toString(), ConfigSource.file(file), null));
  }

  /**
   * Adds a document layer read from a source (a file, a stream such as standard input, or text);
   * its name is the source's {@link ConfigSource#origin()}.
   *
   * @param source the document
   * @return this builder
   */
  public ConfigLayers source(ConfigSource source) {
    Objects.requireNonNull(source, "source");
    return add(new Document(source.origin(), source, null));
  }

  /**
   * Adds a layer from a map (nested maps and lists, as from a JSON parser), copied now.
   *
   * @param name the layer's name in origins and messages, such as {@code defaults-from-code}
   * @param values the layer's values
   * @return this builder
   * @throws ConfigException.BadValue when the map holds a value JSON cannot encode
   */
  public ConfigLayers map(String name, Map<String, ? extends @Nullable Object> values) {
    Objects.requireNonNull(name, "name");
    return add(new Document(name, null, Trees.toNode(Config.fromMap(values))));
  }

  /**
   * Adds a layer from a Config, copied now.
   *
   * @param name the layer's name in origins and messages
   * @param config the layer's values
   * @return this builder
   * @throws ConfigException.BadValue when the Config holds a value JSON cannot encode
   */
  public ConfigLayers config(String name, Config config) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    return add(new Document(name, null, Trees.toNode(config)));
  }

  /**
   * Adds the process environment's variables that start with a prefix as a layer (see {@link
   * #environment(String, Map)}).
   *
   * @param prefix the prefix, such as {@code APP_}
   * @return this builder
   * @throws IllegalArgumentException when the prefix is empty
   */
  public ConfigLayers environment(String prefix) {
    return environment(prefix, System.getenv());
  }

  /**
   * Adds the variables that start with a prefix as a layer: {@code APP_SERVER__PORT=8081} sets
   * {@code server.port} ({@code __} separates levels; names match the schema's properties ignoring
   * case) to the value converted by the schema's type at that path. A variable the schema does not
   * declare, or a value its type refuses ({@code 08} for an integer), is a violation naming the
   * variable. The layer's name is {@code env PREFIX}; each value's origin is {@code env VARIABLE}.
   *
   * @param prefix the prefix, such as {@code APP_}
   * @param variables the variables (copied now), as from {@link System#getenv()}
   * @return this builder
   * @throws IllegalArgumentException when the prefix is empty: every variable would be read
   */
  public ConfigLayers environment(String prefix, Map<String, String> variables) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(variables, "variables");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException(
          "prefix must not be empty: every variable of the environment would be read");
    }
    return add(new Environment(prefix, new TreeMap<>(variables)));
  }

  /**
   * Adds override arguments in Hydra's grammar ({@code k=v}, {@code +k=v}, {@code ++k=v}, {@code
   * ~k}), applied after the environment in the order given; each is a layer named {@code --set ARG}
   * (a secret's value shown as {@code ***}).
   *
   * @param overrides the arguments, such as {@code server.port=8081}
   * @return this builder
   */
  public ConfigLayers overrides(List<String> overrides) {
    List<String> copy = List.copyOf(overrides);
    if (count + copy.size() > MAX_LAYERS) {
      throw tooMany(count + copy.size());
    }
    count += copy.size() - 1;
    return add(new OverrideList(copy));
  }

  /**
   * Turns interpolation off for the layer added last: its strings are kept as written ({@code
   * ${...}} and {@code $${} included).
   *
   * @return this builder
   * @throws IllegalStateException when no layer was added yet
   */
  public ConfigLayers literal() {
    if (last == null) {
      throw new IllegalStateException("literal() applies to the layer added last: add one first");
    }
    last.literal = true;
    return this;
  }

  /**
   * Reads every layer, merges them in the documented order, fills in defaults, interpolates and
   * validates.
   *
   * @return the composed config with its provenance
   * @throws ConfigException.Io when a file cannot be read
   * @throws ConfigException.Parse when a document cannot be parsed
   * @throws ConfigException.Invalid listing every problem of every layer, each violation naming the
   *     origin of the value it is about
   * @throws ConfigException.BadPath when the composed config holds a reserved key ({@code _lock},
   *     {@code _state})
   */
  public ComposedConfig compose() {
    ComposedConfig composed = new Composition().run();
    composed.validation().orThrow();
    return composed;
  }

  /**
   * Composes as {@link #compose()} does but returns the composition even when it has violations:
   * its {@link ComposedConfig#validation()} lists them, and its values, origins and history are
   * what the layers made (a value a layer failed to set is left out). For tools that show where the
   * values of a config that does not validate came from, such as {@code hectiqlab explain}.
   *
   * @return the composed config with its provenance and its validation
   * @throws ConfigException.Io when a file cannot be read
   * @throws ConfigException.Parse when a document cannot be parsed
   * @throws ConfigException.BadPath when the composed config holds a reserved key ({@code _lock},
   *     {@code _state})
   */
  public ComposedConfig inspect() {
    return new Composition().run();
  }

  private ConfigLayers add(Entry entry) {
    if (count + 1 > MAX_LAYERS) {
      throw tooMany(count + 1);
    }
    count++;
    if (entry instanceof Document d) {
      documents.add(d);
    } else if (entry instanceof Environment e) {
      environments.add(e);
    } else {
      overrides.add((OverrideList) entry);
    }
    last = entry;
    return this;
  }

  private static ConfigException tooMany(int n) {
    return new ConfigException(
        ORIGIN + ": " + n + " layers are too many (the limit is " + MAX_LAYERS + ")");
  }

  /** One run of {@link #compose()}. */
  private final class Composition {
    private final @Nullable SchemaPaths paths = schema == null ? null : schema.paths();
    private final List<String> names = new ArrayList<>();
    private int index = 1;
    private boolean anyLiteral;
    private LayerStack stack;

    ComposedConfig run() {
      Layer defaults = null;
      SchemaEngine.Finding stopped = null;
      if (schema != null) {
        ObjectNode d = NODES.objectNode();
        stopped = schema.compiled().applyDefaults(d);
        defaults =
            new Layer(
                0,
                Kind.DEFAULTS,
                LayerStack.DEFAULT_ORIGIN,
                LayerStack.DEFAULT_ORIGIN,
                d,
                null,
                false);
      }
      stack = new LayerStack(paths, defaults);
      if (stopped != null) {
        stack.report(defaults, stopped.pointer(), stopped.keyword(), stopped.message());
      }
      for (Document d : documents) {
        document(d);
      }
      for (Environment e : environments) {
        environment(e);
      }
      for (OverrideList list : overrides) {
        for (String argument : list.arguments) {
          override(argument, list.literal);
        }
      }
      if (schema != null) {
        SchemaEngine.Finding filled = schema.compiled().applyDefaults(stack.root);
        if (filled != null) {
          stack.report(defaults, filled.pointer(), filled.keyword(), filled.message());
        }
        stack.keepDeleted();
        stack.root.remove("__help__");
      }
      interpolate();
      boolean truncated = false;
      if (schema != null) {
        SchemaEngine.Findings findings = schema.findings(stack.root, false);
        stack.validated(findings);
        truncated = findings.truncated();
      }
      return new ComposedConfig(
          stack, names, new ValidationResult(ORIGIN, stack.violations(), truncated));
    }

    private Layer layer(
        Kind kind,
        String name,
        String origin,
        @Nullable JsonNode root,
        Documents.@Nullable Parsed parsed,
        boolean literal) {
      anyLiteral |= literal;
      return new Layer(index++, kind, name, origin, root, parsed, literal);
    }

    private void document(Document d) {
      JsonNode tree = d.tree;
      Documents.Parsed parsed = null;
      if (d.source != null) {
        try {
          parsed = d.source.parse(true);
        } catch (DocumentException e) {
          throw Trees.parseError(e);
        }
        tree = parsed.root();
      }
      names.add(d.name);
      stack.merge(layer(Kind.DOCUMENT, d.name, d.name, tree, parsed, d.literal));
    }

    /** One variable's value, or why it was not used, in the order of the variables' names. */
    private record Variable(
        String name, List<String> path, @Nullable JsonNode value, @Nullable String problem) {}

    private void environment(Environment env) {
      String group = "env " + env.prefix;
      names.add(group);
      List<Variable> variables = new ArrayList<>();
      if (paths != null) {
        EnvLayer.Result r = EnvLayer.read(env.prefix, env.variables, paths);
        for (EnvLayer.Value v : r.values()) {
          variables.add(new Variable(v.variable(), v.path(), v.value(), null));
        }
        for (EnvLayer.Problem p : r.problems()) {
          variables.add(new Variable(p.variable(), p.path(), null, p.message()));
        }
        variables.sort(Comparator.comparing(Variable::name)); // stable: values first
      } else {
        for (Map.Entry<String, String> e : env.variables.entrySet()) {
          if (e.getKey().startsWith(env.prefix)) {
            variables.add(untyped(e.getKey(), env.prefix, e.getValue()));
          }
        }
      }
      for (Variable v : variables) {
        Layer l = layer(Kind.ENV, group, "env " + v.name, v.value, null, env.literal);
        if (v.problem != null) {
          stack.report(l, LayerStack.pointerOf(v.path), "env", v.problem);
        } else {
          stack.set(l, v.path, v.value);
        }
      }
    }

    /**
     * A variable without a schema: levels split by {@link EnvLayer#levels} and lowercased, the
     * value read as JSON when it is JSON, else kept as a string.
     */
    private Variable untyped(String name, String prefix, String text) {
      String[] levels;
      try {
        levels = EnvLayer.levels(prefix, name);
      } catch (IllegalArgumentException bad) {
        return new Variable(name, List.of(), null, bad.getMessage());
      }
      List<String> path = new ArrayList<>(levels.length);
      for (String level : levels) {
        path.add(level.toLowerCase(Locale.ROOT));
      }
      return new Variable(name, path, jsonOrString(text), null);
    }

    private void override(String argument, boolean literal) {
      Overrides.Override o;
      try {
        o = Overrides.parse(argument);
      } catch (OverrideException e) {
        int eq = argument.indexOf('=');
        // Which keys are secret is not known for an argument that does not parse.
        String shown = "--set " + (eq < 0 ? argument : argument.substring(0, eq + 1) + "...");
        names.add(shown);
        stack.report(
            layer(Kind.OVERRIDE, shown, shown, null, null, literal),
            "",
            "override",
            e.getMessage());
        return;
      }
      String shown = "--set " + masked(o);
      names.add(shown);
      Layer l = layer(Kind.OVERRIDE, shown, shown, o.value(), null, literal);
      List<String> path = o.path();
      JsonNode current = stack.present(path);
      switch (o.op()) {
        case SET:
          if (current == null && (paths == null || !paths.declares(path))) {
            stack.report(l, LayerStack.pointerOf(path), "override", unknown(path));
            return;
          }
          stack.set(l, path, o.value());
          return;
        case ADD:
          if (current != null) {
            stack.report(
                l,
                LayerStack.pointerOf(path),
                "override",
                "already set by " + stack.setAt(path) + " (++KEY=VALUE replaces it)");
            return;
          }
          stack.set(l, path, o.value());
          return;
        case FORCE:
          stack.set(l, path, o.value());
          return;
        default:
          if (current == null) {
            stack.report(l, LayerStack.pointerOf(path), "override", "no such key to delete");
          } else if (o.value() != null && !o.value().equals(current)) {
            boolean secret = stack.holdsSecret(path);
            stack.report(
                l,
                LayerStack.pointerOf(path),
                "override",
                "not deleted: the value is "
                    + (secret ? LayerStack.MASK : LayerStack.show(current))
                    + ", not "
                    + (secret ? LayerStack.MASK : LayerStack.show(o.value())));
          } else {
            stack.delete(l, path);
          }
      }
    }

    private String unknown(List<String> path) {
      if (paths == null) {
        return "no such key in the layers (+KEY=VALUE adds one)";
      }
      String closest = paths.closest(path);
      return "no such key in the layers or the schema"
          + (closest == null ? "" : "; did you mean '" + closest + "'?");
    }

    /**
     * An argument as shown: with {@code ***} for a value that may hold a secret, or that was meant
     * for one (an undeclared path whose closest declared path holds a secret: {@code
     * db.pasword=...}).
     */
    private String masked(Overrides.Override o) {
      String argument = o.argument();
      int eq = argument.indexOf('=');
      if (eq < 0 || !(stack.holdsSecret(o.path()) || meantSecret(o.path()))) {
        return argument;
      }
      return argument.substring(0, eq + 1) + LayerStack.MASK;
    }

    /**
     * True when the schema does not declare a path and its closest declared path holds a secret.
     */
    private boolean meantSecret(List<String> path) {
      if (paths == null || paths.declares(path)) {
        return false;
      }
      List<String> closest = paths.closestPath(path);
      return closest != null && stack.holdsSecret(closest);
    }

    private void interpolate() {
      if (!hasReference(stack.root, 0)) {
        return; // no string holds "${": nothing to resolve or unescape
      }
      Map<String, String> variables =
          environments.isEmpty()
              ? System.getenv()
              : environments.get(environments.size() - 1).variables;
      Predicate<String> literal =
          anyLiteral
              ? p -> {
                LayerStack.Origin o = stack.origin(SchemaPaths.pointerKeys(p));
                return o.layer() != null && o.layer().literal;
              }
              : p -> false;
      Function<String, @Nullable String> env = variables::get;
      BiFunction<String, String, JsonNode> convert =
          paths != null
              ? (p, text) -> paths.convert(SchemaPaths.pointerKeys(p), text)
              : (p, text) -> jsonOrString(text);
      Interpolation.Result r =
          Interpolation.resolve(
              stack.root, literal, env, convert, p -> stack.secret(SchemaPaths.pointerKeys(p)));
      stack.taint(r.resolved().keySet());
      for (Interpolation.Problem p : r.problems()) {
        stack.report(
            stack.origin(SchemaPaths.pointerKeys(p.pointer())),
            p.pointer(),
            "interpolation",
            p.message());
      }
    }
  }

  /** True when a string in the tree holds {@code ${} (a reference, or an escaped one). */
  private static boolean hasReference(JsonNode node, int depth) {
    if (node.isString()) {
      return node.stringValue().contains("${");
    }
    if (Documents.tooDeep(depth)) {
      return false;
    }
    for (JsonNode child : node) {
      if (hasReference(child, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Text read as JSON when it is a JSON value, else kept as a string. */
  private static JsonNode jsonOrString(String text) {
    try {
      return Documents.parse(
              Documents.Input.text(text, "<env>"), Documents.Format.JSON, Documents.Root.ANY)
          .root();
    } catch (DocumentException e) {
      return NODES.stringNode(text);
    }
  }

  @Override
  public String toString() {
    return "ConfigLayers["
        + documents.size()
        + " documents, "
        + environments.size()
        + " environments, "
        + overrides.size()
        + " override lists]";
  }
}
