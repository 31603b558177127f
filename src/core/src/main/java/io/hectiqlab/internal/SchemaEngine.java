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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One schema context: networknt registries (one per standard dialect, so that a referenced file
 * without {@code $schema} is read in the dialect of the template being compiled), and the files its
 * schemas may refer to. Refs resolve only to files below the root directory (by path, or by a
 * {@code $id} declared in a file there), to classpath resources below the classpath root, or to the
 * bundled meta-schemas: never to the network. Thread-safe: its caches are concurrent maps.
 */
public final class SchemaEngine {
  /** Evaluation steps (schemas entered plus keywords evaluated) one validation may take. */
  public static final long MAX_STEPS = 1_000_000;

  /** How deeply schema evaluations may nest in one validation. */
  public static final int MAX_EVALUATION_DEPTH = 512;

  /** Violations reported for one document at most. */
  public static final int MAX_VIOLATIONS = 100;

  private static final int MAX_SCAN_FILES = 10_000;

  /** The jsonschema2pojo keywords, accepted and ignored by validation. */
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
          "x-hectiqlab");

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

  private static final Pattern DIALECT =
      Pattern.compile("(?:Failed to load|Unknown) dialect '?([^' ]*)'?");

  /** The standard dialects' meta-schemas, compiled once per JVM and shared by every engine. */
  private static final class Standard {
    static final SchemaEngine ENGINE = new SchemaEngine(null, null, null, null);
    static final Map<String, Schema> META = new ConcurrentHashMap<>();

    static Schema compile(String iri) {
      Schema meta = ENGINE.registry.getSchema(SchemaLocation.of(iri));
      meta.initializeValidators();
      return meta;
    }
  }

  private final Path root;
  private final String classpathRoot;
  private static final String RESOURCE_SCHEME = "hectiqlab-resource";
  private final ClassLoader loader;

  /** For classpath engines: the folder part of a loaded schema's http(s) $id -> its folder. */
  private final Map<String, String> classpathIds = new ConcurrentHashMap<>();

  private final String baseUri;
  private final Map<String, Source> documents = new ConcurrentHashMap<>();
  private final Map<String, List<Path>> ids = new ConcurrentHashMap<>();
  private final Map<String, Path> idDirectories = new ConcurrentHashMap<>();
  private volatile boolean scanned;
  private final Map<String, SchemaRegistry> registries = new ConcurrentHashMap<>();

  /** The registry of the default dialect, draft 2020-12. */
  private final SchemaRegistry registry;

  private final Map<String, Schema> metaSchemas = new ConcurrentHashMap<>();

  /** The root with its symbolic links resolved, on first use. */
  private volatile Path realRoot;

  /** Every file read so far, as it was just before it was read (the first read of each counts). */
  private final Map<Path, FileStamp> stamps = new ConcurrentHashMap<>();

  private SchemaEngine(Path root, String classpathRoot, ClassLoader loader, String baseUri) {
    this.root = root;
    this.classpathRoot = classpathRoot;
    this.loader = loader;
    this.baseUri = baseUri;
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

  /** A context whose refs resolve to files below {@code root}, and optionally {@code baseUri}. */
  public static SchemaEngine forDirectory(Path root, URI baseUri) {
    return new SchemaEngine(
        root.toAbsolutePath().normalize(), null, null, baseUri == null ? null : baseUri.toString());
  }

  /**
   * A context whose refs resolve to resources of {@code loader} below {@code classpathRoot}; refs
   * to the http(s) {@code $id} folder of a loaded schema map to that schema's resource folder.
   */
  public static SchemaEngine forClasspath(String classpathRoot, ClassLoader loader) {
    return new SchemaEngine(null, classpathRoot, loader, null);
  }

  /** A classpath resource's name without a leading {@code /}. */
  public static String resourceName(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }

  // ------------------------------------------------------------------------------------ loading

  /**
   * True when every file this context has read (schemas, the files their refs loaded, the files its
   * {@code $id} scan read) still has the modification time, size and file key it had just before it
   * was read: what this context compiled is still what the files say.
   */
  public boolean unchanged() {
    for (FileStamp s : stamps.values()) {
      if (!s.unchanged()) {
        return false;
      }
    }
    return true;
  }

  /** Reads a schema file's text, stamping the file first (see {@link #unchanged}). */
  private String readFile(Path file, String origin) {
    FileStamp stamp = FileStamp.of(file);
    if (stamp != null) {
      stamps.putIfAbsent(file, stamp);
    }
    return Documents.readText(file, origin);
  }

  /** Compiles a schema file below the root; {@code origin} names it in messages. */
  public Compiled compileFile(Path file, String origin) {
    Path abs = file.toAbsolutePath().normalize();
    String text = readFile(abs, origin);
    Documents.Format format = format(abs, origin);
    JsonNode node = Documents.parseAny(text, origin, format);
    return compile(
        abs.toUri().toString(), new Source(node, origin, text, format, abs, null), origin);
  }

  /** Compiles a classpath resource below the classpath root. */
  public Compiled compileResource(String resource) {
    // Our own scheme, not classpath: networknt answers classpath: IRIs itself, from its own class
    // loader, before asking ours; relative refs stay in this scheme and reach resource().
    return compile(
        RESOURCE_SCHEME + ":" + resource, readResource(resource), "classpath:" + resource);
  }

  private Source readResource(String resource) {
    String origin = "classpath:" + resource;
    byte[] bytes;
    try (var in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SchemaLoadException(origin + ": no such resource on the classpath", null);
      }
      bytes = in.readNBytes(Documents.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new SchemaLoadException(origin + ": cannot read: " + e.getMessage(), e);
    }
    if (bytes.length > Documents.MAX_BYTES) {
      throw new SchemaLoadException(origin + ": schema is too large", null);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Documents.Format format = Documents.Format.ofSchema(resource, origin);
    JsonNode node = Documents.parseAny(text, origin, format);
    String declared = declaredId(node);
    if (declared != null && isHttp(declared)) {
      int folder = resource.lastIndexOf('/');
      classpathIds.putIfAbsent(
          idFolder(declared), folder < 0 ? "" : resource.substring(0, folder + 1));
    }
    return new Source(node, origin, text, format, null, resource);
  }

  /** Compiles schema text; relative refs resolve against the root (or fail without one). */
  public Compiled compileText(String text, String origin) {
    Documents.Format format = Documents.Format.guess(text);
    JsonNode node = Documents.parseAny(text, origin, format);
    Path file = root != null ? root.resolve("inline.schema.json") : null;
    String base = file != null ? file.toUri().toString() : "urn:hectiqlab:inline";
    return compile(base, new Source(node, origin, text, format, file, null), origin);
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
      throw failure(iri, node, origin, null, e);
    }
    try {
      schema.initializeValidators();
    } catch (RuntimeException | StackOverflowError e) {
      throw failure(iri, node, origin, schema, e);
    }
    checkAgainstMetaSchema(schema.getSchemaContext().getDialect().getId(), node, origin);
    return new Compiled(this, schema, iri, node, origin);
  }

  /**
   * Explains why the validator could not build a schema: a keyword value of the wrong shape (named
   * with its file, position and pointer), else an unresolvable {@code $ref}, else what the
   * dialect's meta-schema finds wrong in the root document, else the validator's own message.
   */
  private SchemaLoadException failure(
      String iri, JsonNode node, String origin, Schema schema, Throwable e) {
    SchemaLoadException invalid = InvalidKeywords.find(this, iri, origin, e);
    if (invalid != null) {
      return invalid;
    }
    SchemaLoadException broken = schema == null ? null : BrokenRefs.find(this, schema, origin);
    if (broken != null) {
      return broken;
    }
    if (!(e instanceof StackOverflowError)) {
      String dialect = dialectOf(node, null);
      List<Source> referenced = otherSources(node);
      SchemaLoadException meta = metaSchemaProblem(node, dialect, origin);
      for (int i = 0; meta == null && i < referenced.size() && i < 100; i++) {
        Source d = referenced.get(i);
        meta =
            metaSchemaProblem(
                d.node(),
                dialectOf(d.node(), dialect),
                origin + ": referenced schema " + d.origin());
      }
      if (meta != null) {
        return meta;
      }
    }
    return loadError(origin, e);
  }

  /**
   * What the meta-schema of a document's standard dialect finds wrong in it, or null (also when its
   * {@code $schema} names no standard dialect).
   */
  private SchemaLoadException metaSchemaProblem(JsonNode node, String dialect, String origin) {
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
      leaves(Messages.finding(this, e), findings);
    }
    List<String> distinct =
        findings.stream()
            .map(
                f ->
                    (f.pointer().isEmpty() ? "(root)" : f.pointer())
                        + ": "
                        + f.message()
                        + " ("
                        + f.keyword()
                        + ")")
            .distinct()
            .toList();
    List<String> problems = new ArrayList<>(distinct.subList(0, Math.min(5, distinct.size())));
    if (distinct.size() > 5) {
      problems.add("... " + (distinct.size() - 5) + " more");
    }
    throw new SchemaLoadException(
        origin + ": not a valid schema for " + metaIri + ": " + String.join("; ", problems), null);
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
    /**
     * {@code name:line:column} of the value at {@code pointer} in this document's text; {@code
     * name} alone when the text or the position is unknown.
     */
    String location(String name, String pointer) {
      if (text == null) {
        return name;
      }
      int[] pos = Documents.parseValue(text, origin, format).position(pointer);
      if (pos[0] <= 0) {
        return name;
      }
      return name + ":" + pos[0] + (pos[1] > 0 ? ":" + pos[1] : "");
    }
  }

  /**
   * The load error {@code message} about a document: as it is for the root schema, else prefixed
   * {@code rootOrigin: referenced schema}.
   */
  static SchemaLoadException referenced(
      boolean inRoot, String rootOrigin, String message, Throwable failure) {
    return new SchemaLoadException(
        inRoot ? message : rootOrigin + ": referenced schema " + message, failure);
  }

  /** A failure and its causes, the failure first, at most ten (a cause chain may loop). */
  static List<Throwable> causes(Throwable failure) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = failure; c != null && out.size() < 10; ) {
      out.add(c);
      c = c.getCause() == c ? null : c.getCause();
    }
    return out;
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

  /** Turns any failure while loading into a SchemaLoadException naming the origin. */
  static SchemaLoadException loadError(String origin, Throwable e) {
    if (e instanceof SchemaLoadException s) {
      return s;
    }
    if (e instanceof DocumentException d) {
      return new SchemaLoadException(d.location() + ": " + d.problem(), d);
    }
    if (e instanceof StackOverflowError) {
      return new SchemaLoadException(origin + ": the schema's references nest too deeply", null);
    }
    Matcher dialect = DIALECT.matcher(String.valueOf(e.getMessage()));
    if (dialect.find()) {
      return new SchemaLoadException(
          origin
              + ": unknown $schema '"
              + dialect.group(1)
              + "' (supported: draft 2020-12, 2019-09, 7, 6 and 4, or a meta-schema file in the"
              + " schemas directory)",
          e);
    }
    for (Throwable cause : causes(e)) {
      if (cause instanceof SchemaLoadException s) {
        return new SchemaLoadException(origin + ": " + s.getMessage(), s);
      }
      if (cause instanceof DocumentException d) {
        return new SchemaLoadException(
            origin + ": referenced schema " + d.location() + ": " + d.problem(), d);
      }
      if (cause instanceof PatternSyntaxException p) {
        return new SchemaLoadException(
            origin + ": invalid regular expression '" + p.getPattern() + "': " + p.getDescription(),
            p);
      }
      if (cause instanceof java.io.FileNotFoundException f) {
        return new SchemaLoadException(
            origin + ": cannot resolve $ref: " + f.getMessage() + " does not exist", f);
      }
    }
    String message = shown(readable(e));
    Matcher refused = REFUSED_LOAD.matcher(message);
    if (refused.find()) {
      message = "$ref refused: " + refused.group(1) + " is outside the schemas root";
    } else if (message.contains("dialect")) {
      message = "unknown $schema: " + message + " (supported: draft 2020-12, 2019-09, 7, 6 and 4)";
    } else if (message.contains("cannot be resolved")) {
      message = "cannot resolve $ref: " + message;
    } else if (e instanceof JacksonException) {
      message = "invalid JSON: " + message.lines().findFirst().orElse("");
    }
    return new SchemaLoadException(origin + ": " + message, e);
  }

  private static final Pattern REFUSED_LOAD =
      Pattern.compile("Schema from '([^']*)' is not allowed to be loaded");

  /** A Java class name that the validator puts before a message ({@code java.lang.X: }). */
  private static final Pattern CLASS_NAME =
      Pattern.compile("(?:\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  /** The first message among a failure and its causes, without Java class names. */
  private static String readable(Throwable e) {
    for (Throwable cause : causes(e)) {
      String m = cause.getMessage();
      if (m != null) {
        m = CLASS_NAME.matcher(m).replaceAll("").strip();
        if (!m.isEmpty()) {
          return m;
        }
      }
    }
    return "the validator cannot compile this schema";
  }

  /** An IRI or message as users see it: classpath resources as {@code classpath:name}. */
  private static String shown(String text) {
    return text.replaceAll(RESOURCE_SCHEME + ":/*", "classpath:");
  }

  private boolean blocked(AbsoluteIri iri) {
    String scheme = iri.getScheme();
    if (!"classpath".equals(scheme)
        && !"resource".equals(scheme)
        && !RESOURCE_SCHEME.equals(scheme)) {
      return false;
    }
    if (classpathRoot == null) {
      return true;
    }
    String path = iri.toString().substring(scheme.length() + 1);
    String normalized = URI.create("x:/" + path.replace(" ", "%20")).normalize().getPath();
    return !normalized.startsWith("/" + classpathRoot);
  }

  private InputStreamSource resource(AbsoluteIri iri) {
    String s = stripFragment(iri.toString());
    String scheme = iri.getScheme() == null ? "" : iri.getScheme().toLowerCase(Locale.ROOT);
    Path file;
    if (scheme.equals("file")) {
      file = Path.of(URI.create(s)).normalize();
      if (root == null || !file.startsWith(root)) {
        throw new SchemaLoadException(
            "$ref to " + s + " is outside the schemas directory and was not loaded", null);
      }
    } else if (loader != null && scheme.equals(RESOURCE_SCHEME)) {
      return classpathSource(s, s.substring(scheme.length() + 1));
    } else if (loader != null && (scheme.equals("http") || scheme.equals("https"))) {
      for (Map.Entry<String, String> e : classpathIds.entrySet()) {
        if (s.startsWith(e.getKey())) {
          return classpathSource(s, e.getValue() + s.substring(e.getKey().length()));
        }
      }
      throw new SchemaLoadException(
          "$ref to "
              + s
              + " is remote and was not loaded: hectiqlab never fetches schemas over the network",
          null);
    } else if (scheme.equals("http") || scheme.equals("https")) {
      file = mapRemote(s);
      if (file == null) {
        throw new SchemaLoadException(
            "$ref to "
                + s
                + " is remote and was not loaded: hectiqlab never fetches schemas over the"
                + " network; put that schema in the schemas directory with this $id",
            null);
      }
    } else if (scheme.isEmpty() || scheme.equals("classpath") || scheme.equals("resource")) {
      return null; // classpath refs are checked by blocked() and answered by networknt
    } else {
      file = root == null ? null : declaring(s);
      if (file == null) {
        throw new SchemaLoadException(
            "$ref to "
                + s
                + " was not loaded: "
                + (root == null ? "" : "no file in the schemas directory declares this $id, and ")
                + "hectiqlab never fetches schemas over the network",
            null);
      }
    }
    if (!Files.isRegularFile(file)) {
      String kind = FileErrors.kind(file);
      throw new SchemaLoadException(
          "cannot resolve $ref "
              + s
              + ": "
              + (kind == null ? "no such file" : "is " + kind + ", not a schema file"),
          null);
    }
    if (!contains(file)) {
      throw new SchemaLoadException(
          "$ref to "
              + s
              + " leads outside the schemas directory through a symbolic link and was not loaded",
          null);
    }
    String origin = root == null ? file.toString() : root.relativize(file).toString();
    String text = readFile(file, origin);
    Documents.Format format = format(file, origin);
    JsonNode node;
    try {
      node = Documents.parseAny(text, origin, format);
    } catch (DocumentException e) {
      throw e.withoutInput(); // a file the user did not name: its content stays out of messages
    }
    Source source = new Source(node, origin, text, format, file, null);
    remember(s, source);
    remember(file.toUri().toString(), source);
    byte[] bytes = Documents.toBytes(RefPointers.forEngine(node));
    return () -> new ByteArrayInputStream(bytes);
  }

  private InputStreamSource classpathSource(String iri, String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    String normalized = URI.create("x:/" + name.replace(" ", "%20")).normalize().getPath();
    if (classpathRoot == null || !normalized.startsWith("/" + classpathRoot)) {
      throw new SchemaLoadException(
          "$ref to " + shown(iri) + " is outside the schema's classpath folder and was not loaded",
          null);
    }
    Source source = readResource(normalized.substring(1).replace("%20", " "));
    remember(iri, source);
    byte[] bytes = Documents.toBytes(RefPointers.forEngine(source.node()));
    return () -> new ByteArrayInputStream(bytes);
  }

  private Path mapRemote(String iri) {
    if (root == null) {
      return null;
    }
    Path hit = declaring(iri);
    if (hit != null) {
      return hit;
    }
    if (baseUri != null && iri.startsWith(baseUri)) {
      return inside(root.resolve(iri.substring(baseUri.length())));
    }
    for (Map.Entry<String, Path> e : idDirectories.entrySet()) {
      if (iri.startsWith(e.getKey())) {
        Path candidate = inside(e.getValue().resolve(iri.substring(e.getKey().length())));
        if (candidate != null && Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * Returns the file below the root that declares {@code id} (without fragment) as its {@code $id}
   * (or draft-04 {@code id}), or null when none does.
   *
   * @throws SchemaLoadException when several files declare it
   */
  public Path declaring(String id) {
    if (root == null) {
      return null;
    }
    if (!scanned) {
      scan();
    }
    List<Path> files = ids.get(stripFragment(id));
    if (files == null) {
      return null;
    }
    if (files.size() > 1) {
      throw new SchemaLoadException(
          "$ref to "
              + id
              + " is ambiguous: "
              + files.stream()
                  .map(f -> root.relativize(f).toString().replace('\\', '/'))
                  .collect(Collectors.joining(" and "))
              + " both declare this $id",
          null);
    }
    return files.get(0);
  }

  private Path inside(Path p) {
    Path n = p.normalize();
    return n.startsWith(root) ? n : null;
  }

  /**
   * True when {@code file} is below the root once every symbolic link is resolved (of the root,
   * too): the one containment rule for files reached through the schemas directory; false without a
   * root or when the file cannot be resolved.
   */
  public boolean contains(Path file) {
    if (root == null) {
      return false;
    }
    try {
      Path real = realRoot;
      if (real == null) {
        real = root.toRealPath();
        realRoot = real;
      }
      return file.toAbsolutePath().toRealPath().startsWith(real);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Indexes every schema file below the root by the absolute URI it declares in {@code $id} (or,
   * when a draft-04 file has no {@code $id}, in {@code id}), once: any scheme but {@code file},
   * with or without {@code .json}, on any host. The files and folders it read are stamped, so a
   * changed, added or removed file makes this context stale (see {@link #unchanged}).
   */
  private synchronized void scan() {
    if (scanned) {
      return;
    }
    try (Stream<Path> files = Files.walk(root, 8)) {
      Iterator<Path> it = files.limit(MAX_SCAN_FILES).sorted().iterator();
      while (it.hasNext()) {
        Path file = it.next();
        if (Files.isDirectory(file)) {
          // A file added, removed or renamed here changes the folder: the ids are scanned again.
          FileStamp stamp = FileStamp.of(file);
          if (stamp != null) {
            stamps.putIfAbsent(file, stamp);
          }
          continue;
        }
        if (!Files.isRegularFile(file) || !isSchemaFile(file) || !contains(file)) {
          continue;
        }
        try {
          JsonNode node =
              Documents.parseAny(
                  readFile(file, file.toString()), file.toString(), format(file, file.toString()));
          String full = declaredId(node);
          if (full == null) {
            continue;
          }
          ids.computeIfAbsent(full, k -> new ArrayList<>()).add(file);
          if (isHttp(full)) {
            idDirectories.putIfAbsent(idFolder(full), file.getParent());
          }
        } catch (DocumentException e) {
          // Not a readable schema; it fails with its own error if something refers to it.
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // An unreadable directory leaves its ids unmapped; refs to them fail clearly.
    }
    scanned = true;
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
  private static boolean isHttp(String iri) {
    return iri.regionMatches(true, 0, "http://", 0, 7)
        || iri.regionMatches(true, 0, "https://", 0, 8);
  }

  /** The folder part of an http(s) {@code $id}, up to its last {@code /}. */
  private static String idFolder(String id) {
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

  private static Documents.Format format(Path file, String origin) {
    return Documents.Format.ofSchema(String.valueOf(file.getFileName()), origin);
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
    return loader != null && loader.getResource(name) != null;
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
  }

  /** The findings of one validation, capped at {@link #MAX_VIOLATIONS}. */
  public record Findings(List<Finding> list, boolean truncated) {}

  /** A compiled schema of this context. Thread-safe. */
  public static final class Compiled {
    private final SchemaEngine engine;
    private final Schema schema;
    private final String iri;
    private final JsonNode node;
    private final String origin;
    private volatile Defaults.Plan defaults;

    Compiled(SchemaEngine engine, Schema schema, String iri, JsonNode node, String origin) {
      this.engine = engine;
      this.schema = schema;
      this.iri = iri;
      this.node = node;
      this.origin = origin;
    }

    /** The validator's schema, whose context resolves refs as validation does. */
    Schema schema() {
      return schema;
    }

    /** The schema document. */
    public JsonNode node() {
      return node;
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
        Defaults.Plan plan = defaults;
        if (plan == null) {
          plan = Defaults.plan(this);
          defaults = plan == null ? NO_DEFAULTS : plan;
        }
        if (plan != NO_DEFAULTS) {
          try {
            Defaults.apply(plan, instance);
          } catch (Defaults.TooMany e) {
            return new Findings(
                List.of(new Finding("", "limit", "defaults stopped: " + e.getMessage())), false);
          }
        }
      }
      return findings;
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
        throw engine.failure(iri, node, origin, schema, e);
      }
      List<Finding> out = new ArrayList<>(Math.min(errors.size(), MAX_VIOLATIONS));
      for (Error e : errors) {
        if (out.size() == MAX_VIOLATIONS) {
          break;
        }
        out.add(Messages.finding(engine, e));
      }
      return new Findings(out, errors.size() > MAX_VIOLATIONS);
    }
  }
}
