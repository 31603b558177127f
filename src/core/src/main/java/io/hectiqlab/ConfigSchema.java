package io.hectiqlab;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Help;
import io.hectiqlab.internal.SchemaCache;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaLoadException;
import io.hectiqlab.internal.SchemaPaths;
import io.hectiqlab.lab.TemplateRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compiled JSON Schema template: prints help from its descriptions, validates documents, fills in
 * defaults, and turns valid documents into {@link Config}s.
 *
 * <p>Immutable and thread-safe; compiled schemas are cached. Drafts 2020-12 (the default when
 * {@code $schema} is absent), 2019-09, 7, 6 and 4 are supported; the jsonschema2pojo keywords
 * ({@code javaType}, {@code extendsJavaClass}, ...) are accepted and ignored, and a {@code message}
 * object overrides the message of a failing keyword ({@code "message": {"minItems": "Please provide
 * 4 strides"}}). A schema declaring draft 4, 6 or 7 also asserts the later keywords its authors
 * mean ({@code const}, {@code contains}, {@code propertyNames}, {@code if}/{@code then}/{@code
 * else}, {@code dependentRequired}, {@code dependentSchemas}), and its asserted formats follow
 * their RFCs ({@code a@b.example} is a valid {@code email}). A failed {@code oneOf} or {@code
 * anyOf} is one {@link Violation} whose {@link Violation#details()} are the closest alternative's
 * own violations.
 *
 * <p>Loading and validation never touch the network: a {@code $ref} resolves to a file in the same
 * schemas directory (by relative path, or by a {@code $id} declared in a file there), to a
 * classpath resource under the same folder, or to the bundled JSON Schema meta-schemas; anything
 * else is refused with {@link ConfigException.BadSchema}. Validation is bounded (evaluation steps
 * and depth, regular-expression work, at most 100 reported violations), so no input can hang it or
 * exhaust the stack. A schema that compiles but cannot evaluate a document (such as a {@code
 * $dynamicRef} to an anchor no schema declares, found only when it is reached) makes every method
 * that validates throw {@link ConfigException.BadSchema} naming the schema and the problem.
 */
public final class ConfigSchema {
  /** The most fields {@link #help()} and {@link #fields()} list. */
  public static final int MAX_HELP_FIELDS = Help.MAX_FIELDS;

  /**
   * The one cache of compiled schemas, behind {@link #load}, {@link #fromClasspath(String)} and
   * {@link SchemaDirectory#get}: see {@link SchemaCache} for its rule.
   */
  static final SchemaCache<ConfigSchema> CACHE = new SchemaCache<>(256);

  private final SchemaEngine.Compiled compiled;
  private volatile Help.Result help;
  private volatile SchemaPaths paths;

  ConfigSchema(SchemaEngine.Compiled compiled) {
    this.compiled = compiled;
  }

  /**
   * Loads a schema file; its relative {@code $ref}s resolve to files in the same directory tree.
   *
   * @param file a JSON (or YAML, by extension) schema file
   * @return the compiled schema, from the cache while neither the file nor any file its refs loaded
   *     has changed
   * @throws ConfigException.Io when the file cannot be read (missing, a directory, unreadable, too
   *     large)
   * @throws ConfigException.BadSchema when the file cannot be parsed or compiled
   */
  public static ConfigSchema load(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      Files.readAttributes(abs, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new ConfigException.Io(
          file, e instanceof NoSuchFileException ? "no such schema file" : FileErrors.reason(e), e);
    }
    return CACHE.file(
        abs.getParent(),
        null,
        file.getParent(), // refs' files are named below the folder as given, as the file is
        abs,
        file.toString(),
        engine -> compile(() -> engine.compileFile(abs, file.toString())));
  }

  /**
   * Loads a schema from the classpath; its relative {@code $ref}s resolve to resources in the same
   * classpath folder or below it.
   *
   * @param resource a resource name such as {@code schemas/examples/training.schema.json}
   * @return the compiled schema
   * @throws ConfigException.BadSchema when the resource is missing or invalid
   */
  public static ConfigSchema fromClasspath(String resource) {
    ClassLoader loader = ConfigSchema.class.getClassLoader();
    return CACHE.resource(
        loader, SchemaEngine.resourceName(resource), r -> fromClasspath(r, loader));
  }

  /**
   * Loads a schema from the resources of a given class loader (not cached); its relative {@code
   * $ref}s resolve to resources in the same folder or below it, also through the schema's own
   * http(s) {@code $id}.
   *
   * @param resource a resource name such as {@code examples/training.schema.json}
   * @param loader the class loader whose resources hold the schema
   * @return the compiled schema
   * @throws ConfigException.BadSchema when the resource is missing or invalid
   */
  public static ConfigSchema fromClasspath(String resource, ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return compile(() -> SchemaEngine.compileResource(resource, loader));
  }

  /**
   * Compiles schema text (JSON, or YAML); it may refer only to itself and to the meta-schemas. Its
   * origin in messages is {@code <schema>}.
   *
   * @param schema the schema text (never a file name: use {@link #load(Path)} for a file)
   * @return the compiled schema
   * @throws ConfigException.BadSchema when the text is not a valid schema
   */
  public static ConfigSchema fromText(String schema) {
    return compile(() -> SchemaEngine.forText().compileText(schema, "<schema>"));
  }

  /**
   * Compiles a template version published in a lab, from its text. Its refs may reach the document
   * itself, the JSON Schema meta-schemas and other published versions, named by pinned refs ({@code
   * lab:OWNER/PROJECT/NAME@N}, fragments allowed), each read through {@code published} when
   * compilation or validation first needs it; anything else ({@code @latest}, a relative file, an
   * http(s) URI) is refused, and nothing is fetched from anywhere else. Messages name documents by
   * their refs ({@code lab:team/common/units@2:4:7}). Not cached: the lab client and the lab server
   * keep their own caches, by content hash.
   *
   * @param ref the version the text is (pinned)
   * @param text the schema, JSON
   * @param published given a pinned ref, returns that version's text, or null when there is no such
   *     version or the caller may not read it (both read as "no such template version")
   * @return the compiled schema
   * @throws IllegalArgumentException when {@code ref} is not pinned
   * @throws ConfigException.BadSchema when the text, or a version it refers to, is not a valid
   *     schema, or a ref names what cannot be read
   */
  public static ConfigSchema fromLab(
      TemplateRef ref, String text, Function<TemplateRef, @Nullable String> published) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(published, "published");
    if (!ref.isPinned()) {
      throw new IllegalArgumentException(
          "a template version is compiled by its pinned ref: " + ref);
    }
    SchemaEngine engine = SchemaEngine.forLab(iri -> labText(iri, published));
    return compile(() -> engine.compileLab(ref.toString(), text));
  }

  /** The text a lab context reads for a {@code lab:} IRI (no fragment), or why it cannot. */
  private static String labText(String iri, Function<TemplateRef, @Nullable String> published) {
    TemplateRef ref = TemplateRef.parse(iri);
    if (!ref.isPinned()) {
      throw new IllegalArgumentException(
          "a published template refers to a pinned version (lab:OWNER/PROJECT/NAME@N), never to"
              + " @latest");
    }
    String text = published.apply(ref);
    if (text == null) {
      throw new IllegalArgumentException("no such template version (or this key may not read it)");
    }
    return text;
  }

  static ConfigSchema compile(java.util.function.Supplier<SchemaEngine.Compiled> compiler) {
    try {
      return new ConfigSchema(compiler.get());
    } catch (SchemaLoadException e) {
      throw badSchema(e);
    } catch (DocumentException e) {
      if (e.isIo()) {
        throw Trees.parseError(e);
      }
      throw new ConfigException.BadSchema(e.location() + ": " + e.problem(), e);
    }
  }

  /** The compiled schema, for layered configs. */
  SchemaEngine.Compiled compiled() {
    return compiled;
  }

  /** Returns where the schema came from: its file, classpath resource, or {@code <schema>}. */
  public String origin() {
    return compiled.origin();
  }

  /** Returns the schema's {@code $id}, or null when it declares none. */
  public @Nullable String id() {
    JsonNode id = compiled.node().get("$id");
    return id != null && id.isString() ? id.stringValue() : null;
  }

  // ---------------------------------------------------------------------------------- help

  /**
   * Returns the template's help as pretty JSON, in pyhectiqlab's shape: one entry per property,
   * nested objects recurse, and a leaf reads {@code "[<type>] <description> (<required, default and
   * constraints>)"}, with {@code No description} where the schema has none. A nested object's own
   * description is its {@code "__doc__"} entry (left out when a property has that name). {@code
   * $ref}s are followed wherever validation follows them (other files, fragments, {@code $id}s;
   * keywords beside a {@code $ref} win over the target's), {@code allOf} members count as the
   * object's own properties, the properties of {@code oneOf}/{@code anyOf} branches are listed with
   * their branch, and an object met again inside itself is a leaf marked {@code (recursive)}. At
   * most {@value #MAX_HELP_FIELDS} fields are listed (a schema whose {@code $ref}s fan out can
   * describe exponentially many): when the template has more, the help's root entry {@code
   * "__truncated__"} says so, and {@link #isHelpTruncated()} is true.
   */
  public String help() {
    return Trees.toJson(helpTree());
  }

  /** Returns the help as a Config, the form stored under {@code __help__}. */
  public Config helpConfig() {
    return Trees.toConfig(helpTree());
  }

  /**
   * Returns the template's documented fields in document order: one per property, nested objects
   * listed before their own fields (named by dotted path), walked as {@link #help()} walks them;
   * what {@link #help()} prints, in a form to lay out as a table. At most {@value
   * #MAX_HELP_FIELDS}: {@link #isHelpTruncated()} tells whether the template has more.
   */
  public List<TemplateField> fields() {
    List<TemplateField> out = new ArrayList<>();
    for (Help.Field f : helpResult().fields()) {
      out.add(field(f));
    }
    return out;
  }

  /**
   * Returns the documented field at a dotted path of a config: the one {@link #fields()} lists for
   * that path, else, for a path inside a list ({@code model.layers.0.units}) or a map, what the
   * schemas applying there say (type, description, default, constraints; never {@code required},
   * which depends on the object holding it); empty when the template says nothing there.
   *
   * @param path a dotted path, array elements by index
   * @return the field, or empty
   * @throws ConfigException.BadPath when the path is malformed
   */
  public Optional<TemplateField> field(String path) {
    for (TemplateField f : fields()) {
      if (f.path().equals(path)) {
        return Optional.of(f);
      }
    }
    Help.Field f = Help.at(paths(), path, List.of(Paths.split(path)));
    return f == null ? Optional.empty() : Optional.of(field(f));
  }

  private static TemplateField field(Help.Field f) {
    return new TemplateField(
        f.path(), f.type(), f.description(), f.defaultJson(), f.constraints(), f.required());
  }

  /**
   * Returns true when the template has more than {@value #MAX_HELP_FIELDS} fields, so that {@link
   * #help()} and {@link #fields()} list only the first {@value #MAX_HELP_FIELDS}.
   */
  public boolean isHelpTruncated() {
    return helpResult().truncated();
  }

  private ObjectNode helpTree() {
    return helpResult().tree();
  }

  private Help.Result helpResult() {
    Help.Result h = help;
    if (h == null) {
      h = Help.of(compiled);
      help = h;
    }
    return h;
  }

  // ---------------------------------------------------------------------------------- validating

  /**
   * Validates a file in the syntax its name tells ({@code .json}, {@code .yaml}, {@code .yml},
   * {@code .toml}, any case; see {@link ConfigFormat}). The root may be any JSON value (the schema
   * decides what is valid). A file that cannot be parsed, or whose name tells no syntax, gives one
   * violation with keyword {@code syntax} at the position of the problem.
   *
   * @param file the document
   * @return the result; never throws for invalid or malformed documents
   * @throws ConfigException.Io when the file cannot be read (missing, a directory, unreadable, too
   *     large)
   */
  public ValidationResult validate(Path file) {
    return validate(ConfigSource.file(file));
  }

  /**
   * Validates a document from a source: a file, a stream such as standard input, or text. A
   * document that cannot be parsed (or a stream that cannot be read) gives one violation with
   * keyword {@code syntax}.
   *
   * @param source where the document comes from and its syntax
   * @return the result, whose violations name the source's origin; never throws for invalid or
   *     malformed documents
   * @throws ConfigException.Io when the source is a file that cannot be read
   */
  public ValidationResult validate(ConfigSource source) {
    Documents.Parsed parsed;
    try {
      parsed = source.parse(false);
    } catch (DocumentException e) {
      if (e.isIo()) {
        throw Trees.parseError(e);
      }
      return Violations.syntax(e);
    }
    return check(parsed, false).result;
  }

  /**
   * Validates JSON or YAML text (JSON when its first character other than white space is <code>{
   * </code> or {@code [}, YAML otherwise, which also reads every JSON scalar); the root may be any
   * JSON value. Violations name the origin {@code <string>}.
   *
   * @param document the document's text (never a file name: use {@link #validate(Path)} for a file)
   * @return the result; never throws for invalid or malformed documents
   */
  public ValidationResult validateText(String document) {
    Documents.Parsed parsed;
    try {
      parsed =
          Documents.parse(
              Documents.Input.text(document, "<string>"),
              Documents.Format.guess(document),
              Documents.Root.ANY);
    } catch (DocumentException e) {
      return Violations.syntax(e);
    }
    return check(parsed, false).result;
  }

  /**
   * Validates a map (nested maps and lists, as from a JSON parser).
   *
   * @param document the document
   * @return the result
   * @throws ConfigException.BadValue when the map holds a value JSON cannot encode
   */
  public ValidationResult validate(Map<String, ? extends @Nullable Object> document) {
    return check(Config.fromMap(document), "<map>", false).result;
  }

  /**
   * Validates a Config; a root {@code __help__} entry is ignored.
   *
   * @param config the document
   * @return the result
   * @throws ConfigException.BadValue when the Config holds a value JSON cannot encode
   */
  public ValidationResult validate(Config config) {
    return check(config, "<config>", false).result;
  }

  // ---------------------------------------------------------------------------------- converting

  /**
   * Validates a file, applies the schema's defaults and returns the Config ({@link #storeHelp} adds
   * the template's descriptions).
   *
   * @param file a document whose name tells its syntax (see {@link ConfigFormat})
   * @return a new, unlocked Config
   * @throws ConfigException.Io when the file cannot be read
   * @throws ConfigException.Parse when the file cannot be parsed
   * @throws ConfigException.Invalid when the document violates the schema
   */
  public Config toConfig(Path file) {
    return toConfig(ConfigSource.file(file));
  }

  /**
   * Validates a document from a source, applies the schema's defaults and returns the Config.
   *
   * @param source where the document comes from and its syntax
   * @return a new, unlocked Config
   * @throws ConfigException.Io when the source is a file that cannot be read
   * @throws ConfigException.Parse when the document cannot be parsed
   * @throws ConfigException.Invalid when the document violates the schema (violations name the
   *     source's origin, line and column)
   */
  public Config toConfig(ConfigSource source) {
    Documents.Parsed parsed;
    try {
      parsed = source.parse(true);
    } catch (DocumentException e) {
      throw Trees.parseError(e);
    }
    return finish(check(parsed, true));
  }

  /**
   * Validates JSON or YAML text (told apart as {@link #validateText} does), applies defaults and
   * returns the Config.
   *
   * @param document the document's text (never a file name: use {@link #toConfig(Path)} for a file)
   * @return a new, unlocked Config
   * @throws ConfigException.Parse when the text cannot be parsed, naming {@code <string>}
   * @throws ConfigException.Invalid when the document violates the schema
   */
  public Config toConfigText(String document) {
    Documents.Parsed parsed;
    try {
      parsed = parseText(document);
    } catch (DocumentException e) {
      throw Trees.parseError(e);
    }
    return finish(check(parsed, true));
  }

  /**
   * Validates a map, applies defaults and returns the Config.
   *
   * @param document the document
   * @return a new, unlocked Config
   * @throws ConfigException.Invalid when the document violates the schema
   */
  public Config toConfig(Map<String, ? extends @Nullable Object> document) {
    return finish(check(Config.fromMap(document), "<map>", true));
  }

  /**
   * Validates a Config, applies defaults and returns a new Config (the argument is not changed).
   *
   * @param config the document
   * @return a new, unlocked Config
   * @throws ConfigException.Invalid when the document violates the schema
   */
  public Config toConfig(Config config) {
    return finish(check(config, "<config>", true));
  }

  /**
   * Stores this template's help ({@link #helpConfig()}) under the root key {@code __help__} of a
   * Config, replacing any help stored there, and returns that Config: {@code
   * schema.storeHelp(schema.toConfig(file))} is the validated config with its descriptions, as
   * pyhectiqlab stores them. Validation ignores a root {@code __help__}.
   *
   * @param config the Config to change, usually one returned by {@code toConfig}
   * @return {@code config}
   * @throws ConfigException.Locked when {@code config} is locked
   */
  public Config storeHelp(Config config) {
    return config.set("__help__", helpConfig());
  }

  // ---------------------------------------------------------------------------------- internals

  /**
   * What the schema says at each instance path (merge rules, secrets, types), built on first use
   * and kept: for validation messages and for composing layers.
   */
  SchemaPaths paths() {
    SchemaPaths p = paths;
    if (p == null) {
      p = SchemaPaths.of(compiled);
      paths = p;
    }
    return p;
  }

  /**
   * The public face of an internal schema failure, while compiling or validating: {@link
   * ConfigException.BadSchema} with its message ({@code origin: problem}).
   */
  static ConfigException.BadSchema badSchema(SchemaLoadException e) {
    return new ConfigException.BadSchema(e.getMessage(), e.getCause());
  }

  /**
   * Validates a tree (and, when asked, applies defaults when it is valid): the one place documents
   * are validated against this schema, where a schema that fails while it evaluates (see the class
   * comment) becomes {@link ConfigException.BadSchema}.
   */
  SchemaEngine.Findings findings(JsonNode node, boolean applyDefaults) {
    try {
      return applyDefaults ? compiled.validateAndApplyDefaults(node) : compiled.validate(node);
    } catch (SchemaLoadException e) {
      throw badSchema(e);
    }
  }

  private record Checked(JsonNode node, ValidationResult result) {}

  private static Documents.Parsed parseText(String document) {
    return Documents.parse(
        Documents.Input.text(document, "<string>"),
        Documents.Format.guess(document),
        Documents.Root.OBJECT);
  }

  private Checked check(Config config, String origin, boolean applyDefaults) {
    return check(Trees.toNode(config), origin, applyDefaults);
  }

  private Checked check(ObjectNode node, String origin, boolean applyDefaults) {
    node.remove("__help__");
    SchemaEngine.Findings findings = findings(node, applyDefaults);
    return new Checked(node, Violations.result(origin, findings, null, node, paths()));
  }

  // Used by ConfigTemplate, whose objects arrive as Jackson trees.

  ValidationResult validateTree(ObjectNode node, String origin) {
    return check(node, origin, false).result;
  }

  Config toConfigTree(ObjectNode node, String origin) {
    return finish(check(node, origin, true));
  }

  /** Validates a Config, applies defaults, and returns the resulting tree; throws when invalid. */
  ObjectNode checkedTree(Config config, String origin) {
    Checked checked = check(config, origin, true);
    checked.result.orThrow();
    return (ObjectNode) checked.node;
  }

  private Checked check(Documents.Parsed parsed, boolean applyDefaults) {
    JsonNode node = parsed.root();
    SchemaEngine.Findings findings = findings(node, applyDefaults);
    return new Checked(node, Violations.result(parsed.origin(), findings, parsed, node, paths()));
  }

  private static Config finish(Checked checked) {
    checked.result.orThrow();
    return Trees.toConfig(checked.node);
  }

  @Override
  public String toString() {
    return "ConfigSchema[" + origin() + "]";
  }
}
