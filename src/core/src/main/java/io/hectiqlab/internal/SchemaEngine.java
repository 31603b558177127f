package io.hectiqlab.internal;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.ValidationLimitExceededException;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.resource.InputStreamSource;
import io.hectiqlab.Location;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One schema context: networknt registries (one per standard dialect, so that a referenced file
 * without {@code $schema} is read in the dialect of the template being compiled), the source its
 * schemas' refs may reach ({@link DirectorySchemas} for the files below a root directory, {@link
 * ClasspathSchemas} for the resources below a classpath folder, or none for schema text), and
 * validation. Refs never reach the network. Why a schema cannot be loaded is worded by {@link
 * SchemaErrors}. Thread-safe: its caches are concurrent maps.
 */
public final class SchemaEngine {
  /** Evaluation steps (schemas entered plus keywords evaluated) one validation may take. */
  public static final long MAX_STEPS = 1_000_000;

  /** How deeply schema evaluations may nest in one validation. */
  public static final int MAX_EVALUATION_DEPTH = 512;

  /** Violations reported for one document at most. */
  public static final int MAX_VIOLATIONS = 100;

  /**
   * The jsonschema2pojo keywords and hectiqlab's own (merge rules, secrets), accepted and ignored
   * by validation.
   */
  private static final List<String> CODEGEN_KEYWORDS =
      List.of(
          "javaType",
          "extendsJavaClass",
          "existingJavaType",
          "javaInterfaces",
          "javaName",
          "javaEnumNames",
          "javaEnums",
          "javaJsonView",
          "javaOmitEmpty",
          "excludedFromEqualsAndHashCode",
          "customDateTimePattern",
          "customDatePattern",
          "customTimePattern",
          "customPattern",
          "customTimezone",
          "deserializationClassProperty",
          "formatDate",
          "formatTime",
          "formatDateTime",
          "x-hectiqlab",
          SchemaPaths.MERGE_KEYWORD,
          SchemaPaths.SECRET_KEYWORD);

  /**
   * Keywords of later drafts that a schema declaring an older draft may use and have asserted, as
   * the widely used validators do (ajv with ajv-draft-04 asserts draft 6 and 7 keywords in draft-04
   * schemas; editors built on vscode-json-languageservice assert every keyword whatever the draft).
   * Each entry: the older draft, the draft the keywords come from, and the keywords. Keywords that
   * change the meaning of one the older draft has ({@code prefixItems}, {@code $defs}-based {@code
   * $dynamicRef}, {@code unevaluated*}) are not added.
   */
  private static final List<Borrowed> LATER_KEYWORDS =
      List.of(
          new Borrowed(
              Dialects.getDraft4(),
              Dialects.getDraft7(),
              List.of(
                  "const",
                  "contains",
                  "propertyNames",
                  "if",
                  "then",
                  "else",
                  "examples",
                  "$comment",
                  "readOnly",
                  "writeOnly",
                  "contentMediaType",
                  "contentEncoding")),
          new Borrowed(
              Dialects.getDraft6(),
              Dialects.getDraft7(),
              List.of(
                  "if",
                  "then",
                  "else",
                  "$comment",
                  "readOnly",
                  "writeOnly",
                  "contentMediaType",
                  "contentEncoding")));

  /** Keywords of {@code from} that {@code into} gains. */
  private record Borrowed(Dialect into, Dialect from, List<String> keywords) {}

  /** 2019-09 keywords added to drafts 4, 6 and 7. */
  private static final List<String> LATER_2019_KEYWORDS =
      List.of("dependentRequired", "dependentSchemas", "deprecated");

  private static final List<Dialect> DIALECTS = dialects();
  private static final Set<String> STANDARD_DIALECTS =
      DIALECTS.stream().map(Dialect::getId).collect(Collectors.toUnmodifiableSet());

  /** The standard dialects' meta-schemas, compiled once per JVM and shared by every engine. */
  private static final class Standard {
    static final SchemaEngine ENGINE = new SchemaEngine(null, null);
    static final Map<String, Schema> META = new ConcurrentHashMap<>();

    static Schema compile(String iri) {
      Schema meta = ENGINE.registry.getSchema(SchemaLocation.of(iri));
      meta.initializeValidators();
      return meta;
    }
  }

  /** The schema files refs may reach, or null (a classpath or text context). */
  private final DirectorySchemas directory;

  /** The classpath resources refs may reach, or null (a directory or text context). */
  private final ClasspathSchemas classpath;

  /**
   * The texts of lab template versions refs may reach, by {@code lab:} IRI without fragment (null
   * when none is known: the text is then refused with a message), or null (not a lab context).
   */
  private final Function<String, String> lab;

  private final Map<String, Source> documents = new ConcurrentHashMap<>();
  private final Map<String, SchemaRegistry> registries = new ConcurrentHashMap<>();

  /** The registry of the default dialect, draft 2020-12. */
  private final SchemaRegistry registry;

  private final Map<String, Schema> metaSchemas = new ConcurrentHashMap<>();

  /**
   * What every schema document this context compiles or loads through a ref is passed through, with
   * the IRI it is read under, before the validator reads it (the identity, but for {@link
   * Compiled#transformed}).
   */
  private final BiFunction<String, JsonNode, JsonNode> transform;

  private SchemaEngine(DirectorySchemas directory, ClasspathSchemas classpath) {
    this(directory, classpath, null, (iri, node) -> node);
  }

  private SchemaEngine(
      DirectorySchemas directory,
      ClasspathSchemas classpath,
      Function<String, String> lab,
      BiFunction<String, JsonNode, JsonNode> transform) {
    this.directory = directory;
    this.classpath = classpath;
    this.lab = lab;
    this.transform = transform;
    this.registry = registry(DIALECTS.get(0).getId());
  }

  /**
   * The networknt registry that reads documents without {@code $schema} in the given standard
   * dialect, created on first use. A template is compiled in the registry of its own dialect, so
   * that the files it refers to that declare none are read in the template's dialect, as the
   * JSON-Schema-Test-Suite expects; each registry caches its own compiled documents, so a shared
   * file referred to by templates of two drafts is compiled once per draft.
   */
  private SchemaRegistry registry(String dialectId) {
    SchemaRegistry existing = registries.get(dialectId);
    if (existing != null) {
      return existing;
    }
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .errorMessageKeyword("message")
            .regularExpressionFactory(SafeRegex.INSTANCE)
            .locale(Locale.ENGLISH)
            .preloadSchema(false)
            .build();
    SchemaRegistry created =
        SchemaRegistry.withDefaultDialectId(
            dialectId,
            b ->
                b.dialectRegistry(new DefaultDialectRegistry(DIALECTS))
                    .schemaRegistryConfig(config)
                    .schemaLoader(
                        l ->
                            l.block(this::blocked)
                                .resourceLoaders(
                                    r -> r.values(list -> list.add(0, this::resource)))));
    SchemaRegistry raced = registries.putIfAbsent(dialectId, created);
    return raced != null ? raced : created;
  }

  /**
   * The standard dialect a schema document is read in: the one its {@code $schema} names, else
   * {@code inherited} (the dialect of the template that refers to it), else draft 2020-12. A {@code
   * $schema} naming a meta-schema of the schemas directory counts as draft 2020-12 here.
   */
  String dialectOf(JsonNode node, String inherited) {
    JsonNode declared = node.isObject() ? node.get("$schema") : null;
    if (declared == null) {
      return inherited != null ? inherited : DIALECTS.get(0).getId();
    }
    String standard = standardDialect(declared);
    return standard != null ? standard : DIALECTS.get(0).getId();
  }

  /** The id of the standard dialect a {@code $schema} value names, or null. */
  private String standardDialect(JsonNode declared) {
    if (!declared.isString()
        || !declared.stringValue().matches("(?i)https?://json-schema\\.org/.*")) {
      return null;
    }
    try {
      String id = registry.getDialect(declared.stringValue()).getId();
      return STANDARD_DIALECTS.contains(id) ? id : null;
    } catch (RuntimeException e) {
      return null; // an unknown draft: compiling reports it
    }
  }

  /** True when the standard dialect {@code dialectId} has {@code keyword}. */
  static boolean dialectHas(String dialectId, String keyword) {
    return DIALECTS.stream()
        .anyMatch(d -> d.getId().equals(dialectId) && d.getKeywords().containsKey(keyword));
  }

  private static List<Dialect> dialects() {
    List<Keyword> extra = new ArrayList<>();
    for (String k : CODEGEN_KEYWORDS) {
      extra.add(new NonValidationKeyword(k));
    }
    extra.addAll(Alternatives.KEYWORDS);
    return Stream.of(
            Dialects.getDraft202012(),
            Dialects.getDraft201909(),
            Dialects.getDraft7(),
            Dialects.getDraft6(),
            Dialects.getDraft4())
        .map(
            base -> {
              List<Keyword> keywords = new ArrayList<>(laterKeywords(base));
              keywords.addAll(extra);
              return Dialect.builder(base).keywords(keywords).formats(FormatChecks.ALL).build();
            })
        .toList();
  }

  private static List<Keyword> laterKeywords(Dialect base) {
    List<Keyword> out = new ArrayList<>();
    for (Borrowed b : LATER_KEYWORDS) {
      if (b.into().getId().equals(base.getId())) {
        for (String k : b.keywords()) {
          out.add(Objects.requireNonNull(b.from().getKeywords().get(k), k));
        }
      }
    }
    if (base.getSpecificationVersion().getOrder()
        < Dialects.getDraft201909().getSpecificationVersion().getOrder()) {
      for (String k : LATER_2019_KEYWORDS) {
        out.add(Dialects.getDraft201909().getKeywords().get(k));
      }
    }
    return out;
  }

  /**
   * A context whose refs resolve to files below {@code root}, and optionally {@code baseUri}; the
   * files refs load are named relative to the root.
   */
  public static SchemaEngine forDirectory(Path root, URI baseUri) {
    return forDirectory(root, baseUri, null);
  }

  /**
   * A context whose refs resolve to files below {@code root}, and optionally {@code baseUri}; the
   * files refs load are named in messages below {@code shown}, the root as the user gave it (null:
   * relative to the root).
   */
  public static SchemaEngine forDirectory(Path root, URI baseUri, Path shown) {
    return new SchemaEngine(
        new DirectorySchemas(
            root.toAbsolutePath().normalize(), baseUri == null ? null : baseUri.toString(), shown),
        null);
  }

  /** A context for schema text alone: its refs reach only itself and the meta-schemas. */
  public static SchemaEngine forText() {
    return new SchemaEngine(null, null);
  }

  /** The scheme of lab template refs. */
  public static final String LAB_SCHEME = "lab";

  /**
   * A context for templates published in a lab: refs reach the document itself, the meta-schemas,
   * and other published versions through {@code published}, which is given a {@code lab:} IRI
   * without fragment (any text after {@code lab:}, such as {@code lab:o/p/t@2} or, for a relative
   * ref, {@code lab:o/p/common.json}) and returns that version's text, or throws an {@link
   * IllegalArgumentException} saying why not (the message follows "$ref to IRI: "). Nothing else is
   * read.
   */
  public static SchemaEngine forLab(Function<String, String> published) {
    return new SchemaEngine(null, null, Objects.requireNonNull(published), (iri, node) -> node);
  }

  /**
   * Compiles the text of a lab template version read under {@code iri} ({@code lab:o/p/t@3}), which
   * also names it in messages, in a context made by {@link #forLab}.
   */
  public Compiled compileLab(String iri, String text) {
    Documents.Parsed parsed =
        Documents.parse(Documents.Input.text(text, iri), Documents.Format.JSON, Documents.Root.ANY);
    refuseRelativeRefs(iri, parsed.root());
    LabDocuments.refuseLabIds(iri + ": ", parsed.root());
    Compiled compiled = compile(iri, Source.of(parsed, null, null), iri);
    // every ref resolves, also those validating a document may never reach
    SchemaLoadException broken = BrokenRefs.find(this, compiled.schema(), iri);
    if (broken != null) {
      throw broken;
    }
    return compiled;
  }

  /** The keywords whose string values are references. */
  private static final Set<String> REF_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

  /**
   * Refuses a relative ref in a lab document ({@code common.json}, {@code ../team/t@2}): it would
   * resolve against the document's own {@code lab:} IRI (or an {@code $id}) into another name, so a
   * published template refers only to its own fragments ({@code #...}) and to absolute refs, which
   * are then pinned {@code lab:} refs or meta-schemas (anything else is refused when loaded).
   */
  private static void refuseRelativeRefs(String iri, JsonNode root) {
    List<JsonNode> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      JsonNode node = todo.remove(todo.size() - 1);
      if (node.isArray()) {
        node.forEach(todo::add);
      }
      if (!node.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = e.getValue();
        if (REF_KEYWORDS.contains(e.getKey()) && value.isString()) {
          String ref = value.stringValue();
          if (!ref.startsWith("#") && !hasScheme(ref)) {
            throw new SchemaLoadException(
                iri
                    + ": cannot resolve $ref '"
                    + ref
                    + "': a relative ref; a published template refers only to its own fragments"
                    + " (#...) and to pinned versions (lab:OWNER/PROJECT/NAME@N)",
                null);
          }
        } else if (!Refs.DATA_KEYWORDS.contains(e.getKey())) {
          todo.add(value);
        }
      }
    }
  }

  /** Whether a URI reference starts with a scheme ({@code lab:}, {@code https:}). */
  static boolean hasScheme(String ref) {
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c == ':') {
        return i > 0;
      }
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-')))) {
        return false;
      }
    }
    return false;
  }

  /**
   * The one rule for classpath resource names (see {@link ClasspathSchemas#name}): {@code
   * /a/./b.json} is {@code a/b.json}; a name that climbs above the top of the classpath is kept as
   * given, without its leading {@code /}s, and is not found.
   */
  public static String resourceName(String resource) {
    String name = ClasspathSchemas.name(resource);
    return name != null ? name : resource.replaceFirst("^/+", "");
  }

  // ------------------------------------------------------------------------------------ loading

  /**
   * True when every file this context has read (schemas, the files their refs loaded, the files its
   * {@code $id} scan read) still has the modification time, size and file key it had just before it
   * was read: what this context compiled is still what the files say. Always true for a context
   * without a directory.
   */
  public boolean unchanged() {
    return directory == null || directory.unchanged();
  }

  /** Compiles a schema file below the root; {@code origin} names it in messages. */
  public Compiled compileFile(Path file, String origin) {
    Path abs = file.toAbsolutePath().normalize();
    Documents.Parsed parsed = directory.read(abs, origin);
    return compile(abs.toUri().toString(), Source.of(parsed, abs, null), origin);
  }

  /**
   * Compiles a classpath resource of {@code loader} in a context of its own, whose refs resolve to
   * resources in the same folder or below it, also through the schema's own http(s) {@code $id}.
   */
  public static Compiled compileResource(String resource, ClassLoader loader) {
    String name = resourceName(resource);
    SchemaEngine engine =
        new SchemaEngine(null, new ClasspathSchemas(ClasspathSchemas.folderOf(name), loader));
    return engine.compile(
        ClasspathSchemas.SCHEME + ":" + name, engine.classpath.read(name), "classpath:" + name);
  }

  /** Compiles schema text; relative refs resolve against the root (or fail without one). */
  public Compiled compileText(String text, String origin) {
    Documents.Format format = Documents.Format.guess(text);
    Documents.Parsed parsed =
        Documents.parse(Documents.Input.text(text, origin), format, Documents.Root.ANY);
    Path file = directory != null ? directory.root().resolve("inline.schema.json") : null;
    String base = file != null ? file.toUri().toString() : "urn:hectiqlab:inline";
    return compile(base, Source.of(parsed, file, null), origin);
  }

  private Compiled compile(String iri, Source source, String origin) {
    JsonNode node = source.node();
    if (!node.isObject() && !node.isBoolean()) {
      throw new SchemaLoadException(
          origin + ": a schema must be an object or a boolean, found " + node.getNodeType(), null);
    }
    remember(iri, source);
    Schema schema;
    try {
      schema =
          registry(dialectOf(node, null))
              .getSchema(SchemaLocation.of(iri), RefPointers.forEngine(node));
    } catch (RuntimeException | StackOverflowError e) {
      throw SchemaErrors.failure(this, iri, node, origin, null, e);
    }
    try {
      schema.initializeValidators();
    } catch (RuntimeException | StackOverflowError e) {
      throw SchemaErrors.failure(this, iri, node, origin, schema, e);
    }
    checkAgainstMetaSchema(schema.getSchemaContext().getDialect().getId(), node, origin);
    SchemaLoadException badOwn = InvalidKeywords.badOwnKeyword(this, iri, origin);
    if (badOwn != null) {
      throw badOwn;
    }
    return new Compiled(this, schema, iri, source, origin);
  }

  /**
   * What the meta-schema of a document's standard dialect finds wrong in it, or null (also when its
   * {@code $schema} names no standard dialect).
   */
  SchemaLoadException metaSchemaProblem(JsonNode node, String dialect, String origin) {
    JsonNode declared = node.isObject() ? node.get("$schema") : null;
    if (declared != null && standardDialect(declared) == null) {
      return null;
    }
    try {
      checkAgainstMetaSchema(dialect, node, origin);
      return null;
    } catch (SchemaLoadException meta) {
      return meta;
    }
  }

  /**
   * Refuses a schema that its dialect's meta-schema rejects ({@code "type": "objec"}, a string
   * {@code required}, a negative {@code minLength}...), which would otherwise validate documents in
   * surprising ways.
   */
  private void checkAgainstMetaSchema(String metaIri, JsonNode node, String origin) {
    if (!node.isObject()) {
      return;
    }
    List<Error> errors;
    try {
      Schema meta =
          STANDARD_DIALECTS.contains(metaIri)
              ? Standard.META.computeIfAbsent(metaIri, Standard::compile)
              : metaSchemas.computeIfAbsent(metaIri, i -> registry.getSchema(SchemaLocation.of(i)));
      errors = meta.validate(node, LIMITS);
    } catch (RuntimeException | StackOverflowError e) {
      return; // a meta-schema of the schemas directory that cannot be used: nothing to check with
    }
    if (errors.isEmpty()) {
      return;
    }
    List<Finding> findings = new ArrayList<>();
    for (Error e : errors) {
      leaves(Messages.finding(this::source, e), findings);
    }
    throw SchemaErrors.notValidFor(origin, metaIri, findings);
  }

  /** A failed oneOf/anyOf of the meta-schema stands for its closest alternative's problems. */
  private static void leaves(Finding f, List<Finding> out) {
    if (f.details().isEmpty()) {
      out.add(f);
    } else {
      f.details().forEach(d -> leaves(d, out));
    }
  }

  /**
   * A schema document as read: its tree, its name in messages, its text (for positions), and the
   * file or classpath resource it came from (either may be null).
   */
  record Source(
      JsonNode node,
      String origin,
      String text,
      Documents.Format format,
      Path file,
      String resource) {
    /** A parsed document, read from {@code file} or {@code resource} (either may be null). */
    static Source of(Documents.Parsed parsed, Path file, String resource) {
      return new Source(
          parsed.root(), parsed.origin(), parsed.text(), parsed.format(), file, resource);
    }

    /**
     * {@code name:line:column} of the value at {@code pointer} in this document's text; {@code
     * name} alone when the text or the position is unknown.
     */
    String location(String name, String pointer) {
      if (text == null) {
        return name;
      }
      int[] pos =
          Documents.parse(Documents.Input.text(text, origin), format, Documents.Root.ANY)
              .position(pointer);
      if (pos[0] <= 0) {
        return name;
      }
      return new Location(name, pos[0], pos[1]).toString();
    }
  }

  private void remember(String iri, Source source) {
    JsonNode node = source.node();
    documents.put(iri, source);
    JsonNode id = node.isObject() ? node.get(node.has("$id") ? "$id" : "id") : null;
    if (id != null && id.isString()) {
      String resolved = stripFragment(AbsoluteIri.resolve(iri, id.stringValue()));
      documents.putIfAbsent(resolved, source);
    }
  }

  /**
   * True for a {@code classpath:}, {@code resource:} or classpath-context IRI the validator must
   * not load: every one in a context without classpath, else one outside its folder.
   */
  private boolean blocked(AbsoluteIri iri) {
    String scheme = iri.getScheme();
    if (!"classpath".equals(scheme)
        && !"resource".equals(scheme)
        && !ClasspathSchemas.SCHEME.equals(scheme)) {
      return false;
    }
    return classpath == null || classpath.refuses(iri);
  }

  /** Answers the validator's request for a document: from the classpath or the directory. */
  private InputStreamSource resource(AbsoluteIri iri) {
    String s = stripFragment(iri.toString());
    String scheme = iri.getScheme() == null ? "" : iri.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http") || scheme.equals("https");
    if (classpath != null && scheme.equals(ClasspathSchemas.SCHEME)) {
      return classpathSource(s, s.substring(scheme.length() + 1));
    }
    if (classpath != null && http) {
      String mapped = classpath.mapped(s);
      if (mapped != null) {
        return classpathSource(s, mapped);
      }
      throw new SchemaLoadException(
          "$ref to "
              + s
              + " is remote and was not loaded: hectiqlab never fetches schemas over the network",
          null);
    }
    if (scheme.isEmpty() || scheme.equals("classpath") || scheme.equals("resource")) {
      return null; // classpath refs are checked by blocked() and answered by networknt
    }
    if (scheme.equals(LAB_SCHEME)) {
      return labSource(s);
    }
    if (directory == null) {
      throw lab != null ? notInLab(s) : withoutDirectory(s, scheme, http);
    }
    Path file = directory.fileOf(s, scheme);
    if (!Files.isRegularFile(file)) {
      String kind = FileErrors.kind(file);
      throw new SchemaLoadException(
          "cannot resolve $ref "
              + s
              + ": "
              + (kind == null ? "no such file" : "is " + kind + ", not a schema file"),
          null);
    }
    if (!directory.contains(file)) {
      throw new SchemaLoadException(
          "$ref to "
              + s
              + " leads outside the schemas directory through a symbolic link and was not loaded",
          null);
    }
    String origin = directory.origin(file);
    String text = directory.text(file, origin);
    Documents.Parsed parsed;
    try {
      parsed = DirectorySchemas.parse(text, file, origin);
    } catch (DocumentException e) {
      throw e.withoutInput(); // a file the user did not name: its content stays out of messages
    }
    Source source = Source.of(parsed, file, null);
    remember(s, source);
    remember(file.toUri().toString(), source);
    byte[] bytes = Documents.toBytes(RefPointers.forEngine(transform.apply(s, parsed.root())));
    return () -> new ByteArrayInputStream(bytes);
  }

  /** A lab template version a ref names, read through this context's {@link #lab} function. */
  private InputStreamSource labSource(String iri) {
    if (lab == null) {
      throw new SchemaLoadException(
          "$ref to "
              + iri
              + " names a template published in a lab: such refs resolve only in a template"
              + " read from a lab (lab:OWNER/PROJECT/NAME@N), not in a file",
          null);
    }
    String text;
    try {
      text = lab.apply(iri);
    } catch (IllegalArgumentException e) {
      throw new SchemaLoadException("$ref to " + iri + ": " + e.getMessage(), null);
    }
    Documents.Parsed parsed;
    try {
      parsed =
          Documents.parse(
              Documents.Input.text(text, iri), Documents.Format.JSON, Documents.Root.ANY);
    } catch (DocumentException e) {
      throw e.withoutInput();
    }
    LabDocuments.refuseLabIds("$ref to " + iri + ": ", parsed.root());
    Source source = Source.of(parsed, null, null);
    remember(iri, source);
    byte[] bytes = Documents.toBytes(RefPointers.forEngine(transform.apply(iri, parsed.root())));
    return () -> new ByteArrayInputStream(bytes);
  }

  /** Why a ref of a lab document to anything but a lab version was not loaded. */
  private static SchemaLoadException notInLab(String iri) {
    return new SchemaLoadException(
        "$ref to "
            + iri
            + " was not loaded: a published template refers only to its own fragments (#...)"
            + " and to pinned versions (lab:OWNER/PROJECT/NAME@N); nothing is fetched from"
            + " anywhere else",
        null);
  }

  /** Why a ref of a context without a schemas directory was not loaded. */
  private static SchemaLoadException withoutDirectory(String iri, String scheme, boolean http) {
    if (scheme.equals("file")) {
      return DirectorySchemas.outside(iri);
    }
    if (http) {
      return new SchemaLoadException(
          "$ref to "
              + iri
              + " is remote and was not loaded: hectiqlab never fetches schemas over the"
              + " network; put that schema in the schemas directory with this $id",
          null);
    }
    return new SchemaLoadException(
        "$ref to " + iri + " was not loaded: hectiqlab never fetches schemas over the network",
        null);
  }

  private InputStreamSource classpathSource(String iri, String resource) {
    String name = ClasspathSchemas.name(resource.replace("%20", " "));
    if (!classpath.holds(name)) {
      throw new SchemaLoadException(
          "$ref to "
              + SchemaErrors.shown(iri)
              + " is outside the schema's classpath folder and was not loaded",
          null);
    }
    Source source = classpath.read(name);
    remember(iri, source);
    byte[] bytes = Documents.toBytes(RefPointers.forEngine(transform.apply(iri, source.node())));
    return () -> new ByteArrayInputStream(bytes);
  }

  /**
   * Returns the file below the root that declares {@code id} (without fragment) as its {@code $id}
   * (or draft-04 {@code id}), or null when none does (or there is no root).
   *
   * @throws SchemaLoadException when several files declare it
   */
  public Path declaring(String id) {
    return directory == null ? null : directory.declaring(id);
  }

  /**
   * True when {@code file} is below the root once every symbolic link is resolved (of the root,
   * too): the one containment rule for files reached through the schemas directory; false without a
   * root or when the file cannot be resolved.
   */
  public boolean contains(Path file) {
    return directory != null && directory.contains(file);
  }

  private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.+");

  /**
   * True for an absolute URI whose scheme has two or more characters: {@code urn:x}, not a drive
   * letter.
   */
  public static boolean isAbsoluteUri(String s) {
    int colon = s.indexOf(':');
    return colon > 1 && ABSOLUTE.matcher(s).matches();
  }

  /** True for an http or https URI (any case), whose folder may stand for a schemas folder. */
  static boolean isHttp(String iri) {
    return iri.regionMatches(true, 0, "http://", 0, 7)
        || iri.regionMatches(true, 0, "https://", 0, 8);
  }

  /** The folder part of an http(s) {@code $id}, up to its last {@code /}. */
  static String idFolder(String id) {
    return id.substring(0, id.lastIndexOf('/') + 1);
  }

  /** The absolute URI (without fragment) a schema document declares, or null. */
  static String declaredId(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    JsonNode id = node.get("$id");
    if (id == null) {
      JsonNode schema = node.get("$schema");
      boolean oldDraft =
          schema == null
              || (schema.isString()
                  && schema.stringValue().matches("(?i)https?://json-schema\\.org/draft-0[34]/.*"));
      id = oldDraft ? node.get("id") : null;
    }
    if (id == null || !id.isString()) {
      return null;
    }
    String full = stripFragment(id.stringValue());
    if (!isAbsoluteUri(full) || full.regionMatches(true, 0, "file:", 0, 5)) {
      return null;
    }
    return full;
  }

  /** True for the names {@link Documents.Format#byName} tells are JSON or YAML (any case). */
  public static boolean isSchemaFile(Path file) {
    Documents.Format f = Documents.Format.byName(file);
    return f == Documents.Format.JSON || f == Documents.Format.YAML;
  }

  static String stripFragment(String iri) {
    int hash = iri.indexOf('#');
    return hash < 0 ? iri : iri.substring(0, hash);
  }

  /** The documents read so far besides {@code root}, each once, ordered by their names. */
  List<Source> otherSources(JsonNode root) {
    return documents.values().stream()
        .filter(d -> d.node() != root)
        .distinct()
        .sorted(java.util.Comparator.comparing(Source::origin))
        .toList();
  }

  /** Returns how the document under an IRI (its retrieval IRI or its $id) was read, or null. */
  Source source(String iri) {
    return documents.get(stripFragment(iri));
  }

  /** True when the class loader of a classpath context has a resource of that name. */
  boolean hasResource(String name) {
    return classpath != null && classpath.has(name);
  }

  // --------------------------------------------------------------------------------- validating

  private static final Defaults.Plan NO_DEFAULTS = new Defaults.Plan();

  private static final Consumer<ExecutionContext> LIMITS =
      ctx ->
          ctx.executionConfig(
              c -> c.maxEvaluationSteps(MAX_STEPS).maxEvaluationDepth(MAX_EVALUATION_DEPTH));

  /**
   * One problem found by validation, before positions are attached; {@code details} are the closest
   * alternative's own problems when a {@code oneOf} or {@code anyOf} fails, else empty.
   */
  public record Finding(String pointer, String keyword, String message, List<Finding> details) {
    /** A finding without details. */
    public Finding(String pointer, String keyword, String message) {
      this(pointer, keyword, message, List.of());
    }

    /** Copies the details. */
    public Finding {
      details = List.copyOf(details);
    }

    /**
     * The one way a finding reads as text: {@code /pointer: message (keyword)}, {@code (root)} for
     * the document itself; {@link io.hectiqlab.Violation#toString()} puts the location before it.
     */
    public String describe() {
      return describe(pointer, message, keyword);
    }

    /** {@link #describe()} of the parts of a finding or violation. */
    public static String describe(String pointer, String message, String keyword) {
      return Location.path(pointer) + ": " + message + " (" + keyword + ")";
    }
  }

  /** The findings of one validation, capped at {@link #MAX_VIOLATIONS}. */
  public record Findings(List<Finding> list, boolean truncated) {}

  /** A compiled schema of this context. Thread-safe. */
  public static final class Compiled {
    private final SchemaEngine engine;
    private final Schema schema;
    private final String iri;
    private final Source source;

    /** The root document's {@code $id} (or draft-04 {@code id}) resolved, without fragment. */
    private final String id;

    private final JsonNode node;
    private final String origin;
    private volatile Defaults.Plan defaults;

    Compiled(SchemaEngine engine, Schema schema, String iri, Source source, String origin) {
      this.engine = engine;
      this.schema = schema;
      this.iri = iri;
      this.source = source;
      this.node = source.node();
      this.origin = origin;
      JsonNode declared = node.isObject() ? node.get(node.has("$id") ? "$id" : "id") : null;
      this.id =
          declared != null && declared.isString()
              ? stripFragment(AbsoluteIri.resolve(iri, declared.stringValue()))
              : iri;
    }

    /**
     * How the document under an IRI was read, or null: this schema's own document for its own IRI
     * and for its {@code $id} (which another file of the same context may declare too: a copy
     * edited into a new version), else the context's document under that IRI ({@link
     * SchemaEngine#source}). The one lookup for positions in this schema's documents.
     */
    Source source(String iri) {
      String doc = stripFragment(iri);
      return doc.equals(this.iri) || doc.equals(id) ? source : engine.source(doc);
    }

    /** The validator's schema, whose context resolves refs as validation does. */
    Schema schema() {
      return schema;
    }

    /** The context that compiled it: its documents, their text and positions. */
    SchemaEngine engine() {
      return engine;
    }

    /** The schema document. */
    public JsonNode node() {
      return node;
    }

    /**
     * This schema compiled again in a context of its own over the same schema files or resources,
     * where every schema document that compilation reads (this one, and each one its refs load,
     * when they load) is first passed through {@code transform}; this compiled schema and its
     * context are left as they are. {@link #node()} of the result is the transformed document;
     * positions still come from the documents' text.
     *
     * @param transform given the IRI a document is read under and the document, returns the
     *     document to compile in its place (it must not change the one given); refs load lazily, so
     *     it may be called later, from a thread that validates
     * @throws SchemaLoadException when the transformed schema cannot be compiled
     */
    public Compiled transformed(BiFunction<String, JsonNode, JsonNode> transform) {
      SchemaEngine other =
          new SchemaEngine(engine.directory, engine.classpath, engine.lab, transform);
      Source read = source;
      Source transformed =
          new Source(
              transform.apply(iri, read.node()),
              read.origin(),
              read.text(),
              read.format(),
              read.file(),
              read.resource());
      return other.compile(iri, transformed, origin);
    }

    /** Where the schema came from. */
    public String origin() {
      return origin;
    }

    /** Validates a document. */
    public Findings validate(JsonNode instance) {
      return run(instance);
    }

    /**
     * Validates a document and, when it is valid, fills in missing properties that have defaults
     * (copies of them), in place.
     */
    public Findings validateAndApplyDefaults(JsonNode instance) {
      Findings findings = run(instance);
      if (findings.list().isEmpty()) {
        Finding stopped = applyDefaults(instance);
        if (stopped != null) {
          return new Findings(List.of(stopped), false);
        }
      }
      return findings;
    }

    /**
     * Fills in missing properties that have defaults (copies of them), in place, whether or not the
     * document is valid (layered configs fill them in below and above their layers).
     *
     * @return null, or the finding that filling in stopped at its limit
     */
    public Finding applyDefaults(JsonNode instance) {
      Defaults.Plan plan = defaults;
      if (plan == null) {
        plan = Defaults.plan(this);
        defaults = plan == null ? NO_DEFAULTS : plan;
      }
      if (plan != NO_DEFAULTS) {
        try {
          Defaults.apply(plan, instance);
        } catch (Defaults.TooMany e) {
          return new Finding("", "limit", "defaults stopped: " + e.getMessage());
        }
      }
      return null;
    }

    private Findings run(JsonNode instance) {
      List<Error> errors;
      try {
        errors = schema.validate(instance, LIMITS);
      } catch (ValidationLimitExceededException e) {
        String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        String what =
            e.getLimitKind() == ValidationLimitExceededException.LimitKind.EVALUATION_DEPTH
                ? "schema evaluation nests deeper than " + e.getLimit() + " levels"
                : "the document needs more than " + e.getLimit() + " evaluation steps";
        return new Findings(
            List.of(new Finding(where, "limit", "validation stopped: " + what)), true);
      } catch (LimitException e) {
        return new Findings(
            List.of(new Finding("", "pattern", "validation stopped: " + e.getMessage())), true);
      } catch (StackOverflowError e) {
        return new Findings(
            List.of(new Finding("", "limit", "validation stopped: the schema recurses too deeply")),
            true);
      } catch (SchemaException e) {
        throw SchemaErrors.failure(engine, iri, node, origin, schema, e);
      }
      List<Finding> out = new ArrayList<>(Math.min(errors.size(), MAX_VIOLATIONS));
      for (Error e : errors) {
        if (out.size() == MAX_VIOLATIONS) {
          break;
        }
        out.add(Messages.finding(this::source, e));
      }
      return new Findings(out, errors.size() > MAX_VIOLATIONS);
    }
  }
}
