package io.hectiqlab.server;

import static io.hectiqlab.server.LabServer.JSON;

import io.hectiqlab.Compatibility;
import io.hectiqlab.CompatibilityReport;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.SchemaChange;
import io.hectiqlab.ValidationResult;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.LabDocuments;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.server.LabServer.ApiError;
import io.hectiqlab.server.LabServer.BodyError;
import io.hectiqlab.server.LabServer.Routes;
import io.hectiqlab.server.Store.Principal;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.Published;
import io.hectiqlab.server.Store.TemplateInfo;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.TemplateVersion;
import io.hectiqlab.server.Store.TemplateVersionInfo;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The template registry's handlers ({@code /{owner}/{project}/templates...}) and the check of a
 * pushed config against the template version it names. Access follows the lab's one rule (a key may
 * use a project when its user is a member, an admin every project; otherwise 404 exactly as for a
 * missing project), through {@link Routes#mayUse}. Thread-safe.
 */
final class TemplateRoutes {
  /** The content type of a template version's text. */
  static final String SCHEMA_TYPE = "application/schema+json";

  /** How many times a publish checks compatibility again after losing a race to another. */
  static final int PUBLISH_ATTEMPTS = 16;

  private static final ConfigSchema SET_MODE =
      ConfigSchema.fromClasspath(
          "lab/set-template-mode.schema.json", TemplateRoutes.class.getClassLoader());

  /** In a core message, what follows the origin of a schema that fails its meta-schema. */
  private static final String NOT_VALID = ": not a valid schema for ";

  /** In a core message, what follows the origin of a ref that cannot be resolved. */
  private static final String UNRESOLVED = ": cannot resolve $ref '";

  /** The same for a {@code $dynamicRef}. */
  private static final String UNRESOLVED_DYNAMIC = ": cannot resolve $dynamicRef '";

  /** In a core message, what follows the origin of a problem in a document it refers to. */
  private static final String REFERENCED = ": referenced schema ";

  /** How the message of a validation stopped on a limit starts. */
  private static final String STOPPED = "validation stopped: ";

  private final Store store;
  private final Routes routes;
  private final CompiledTemplates compiled;

  TemplateRoutes(Store store, Routes routes) {
    this.store = store;
    this.routes = routes;
    this.compiled = new CompiledTemplates(store);
  }

  /**
   * {@code {"project": "o/p", "name": "training", "version": 3}}: a template version on the wire.
   */
  static ObjectNode keyJson(TemplateKey key) {
    ObjectNode out = JSON.createObjectNode();
    out.put("project", key.project().toString());
    out.put("name", key.name());
    out.put("version", key.version());
    return out;
  }

  // ------------------------------------------------------------------------------ publishing

  /** {@code POST /{o}/{p}/templates/{name}}: publishes the body as the next version. */
  void publish(Context ctx) {
    ProjectRef p = routes.project(ctx);
    String name = LabNames.checkName("template name", ctx.pathParam("name"));
    String text = Bodies.read(ctx);
    Bodies.parseJson(text); // 400 when not JSON
    String sha256 = JdbcStore.hash(text);
    Principal who = Routes.principal(ctx);
    Optional<TemplateVersion> same = store.sameContentVersion(p, name, text);
    if (same.isPresent()) {
      published(ctx, new Published(same.get(), false));
      return;
    }
    Function<TemplateRef, String> readable = readableBy(who);
    for (int attempt = 1; ; attempt++) {
      Optional<TemplateVersion> latest = store.templateVersion(p, name, null);
      int latestVersion = latest.map(v -> v.key().version()).orElse(0);
      TemplateKey candidateKey = new TemplateKey(p, name, latestVersion + 1);
      ConfigSchema candidate = compileCandidate(candidateKey, text, readable);
      if (latestVersion > 0) {
        checkCompatible(candidateKey, candidate, text);
      }
      try {
        published(ctx, store.publishTemplate(p, name, text, sha256, who.user(), latestVersion));
        return;
      } catch (StoreException.Raced raced) {
        if (attempt == PUBLISH_ATTEMPTS) {
          throw new ApiError(
              503,
              "lab:"
                  + p
                  + "/"
                  + name
                  + " is being published by others meanwhile ("
                  + PUBLISH_ATTEMPTS
                  + " attempts lost the race): try again");
        }
      }
    }
  }

  private static void published(Context ctx, Published published) {
    TemplateVersion v = published.version();
    ObjectNode out = keyJson(v.key());
    out.put("ref", v.key().toString());
    out.put("sha256", v.sha256());
    out.put("published_by", v.publishedBy());
    out.put("published_at", v.publishedAt());
    out.put("created", published.created());
    ctx.status(published.created() ? 201 : 200).contentType("application/json");
    ctx.result(out.toString());
  }

  /**
   * Reads a published version's text for a principal: null (read as "no such template version")
   * when it does not exist or the principal may not use its project.
   */
  private Function<TemplateRef, String> readableBy(Principal who) {
    Function<TemplateRef, String> any = CompiledTemplates.readAny(store);
    return r -> routes.mayUse(who, CompiledTemplates.key(r).project()) ? any.apply(r) : null;
  }

  /**
   * Compiles a candidate version and validates an empty object with it (some refs, such as a {@code
   * $dynamicRef} without its anchor, fail only then); 422 with the problems when it is not a valid
   * template.
   */
  private static ConfigSchema compileCandidate(
      TemplateKey key, String text, Function<TemplateRef, String> readable) {
    try {
      ConfigSchema schema = ConfigSchema.fromLab(CompiledTemplates.ref(key), text, readable);
      for (Violation v : schema.validateText("{}").violations()) {
        if (v.message().startsWith(STOPPED)) {
          // it would stop so on every document: it can never validate one
          throw invalidTemplate(
              key.toString(),
              text,
              key
                  + ": "
                  + v.message()
                  + " when validating {}: such a template can never validate a config");
        }
      }
      return schema;
    } catch (ConfigException.BadSchema e) {
      throw invalidTemplate(key.toString(), text, e.getMessage());
    }
  }

  /**
   * The 422 for a template that does not compile: {@code detail} names the first problem, {@code
   * violations} lists each with the schema pointer where it is ({@code ""} when unknown). The
   * candidate's own name (a version it may never get) is left out of the messages.
   */
  static BodyError invalidTemplate(String candidate, String text, String message) {
    // read with indexOf, never a regex: messages hold what the client sent, of any length
    List<ObjectNode> problems = new ArrayList<>();
    String rest = afterOrigin(message, candidate);
    if (rest == null && message.startsWith(UNRESOLVED.substring(2))) {
      rest = ": " + message; // some refs are reported without the document's name
    }
    if (rest != null && rest.startsWith(NOT_VALID) && rest.indexOf(": ", NOT_VALID.length()) > 0) {
      String findings = rest.substring(rest.indexOf(": ", NOT_VALID.length()) + 2);
      for (String finding : findings.split("; (?=\\(root\\)|/|\\.\\.\\. )")) {
        int colon = finding.indexOf(": ");
        if (finding.startsWith("(root): ")) {
          problems.add(problem("", finding.substring("(root): ".length())));
        } else if (finding.startsWith("/") && colon > 0) {
          problems.add(problem(finding.substring(0, colon), finding.substring(colon + 2)));
        } else {
          problems.add(problem("", finding));
        }
      }
    } else if (rest != null
        && rest.startsWith(UNRESOLVED)
        && rest.indexOf("': ", UNRESOLVED.length()) >= 0) {
      int end = rest.indexOf("': ", UNRESOLVED.length());
      String ref = rest.substring(UNRESOLVED.length(), end);
      problems.add(problem(refPointer(text, "$ref", ref), rest.substring(2)));
    } else if (rest != null
        && rest.startsWith(UNRESOLVED_DYNAMIC)
        && rest.indexOf("': ", UNRESOLVED_DYNAMIC.length()) >= 0) {
      int end = rest.indexOf("': ", UNRESOLVED_DYNAMIC.length());
      String ref = rest.substring(UNRESOLVED_DYNAMIC.length(), end);
      problems.add(problem(refPointer(text, "$dynamicRef", ref), rest.substring(2)));
    } else if (rest != null && rest.startsWith(": /") && rest.indexOf(LabDocuments.LAB_ID) > 0) {
      int end = rest.indexOf(LabDocuments.LAB_ID);
      problems.add(problem(rest.substring(2, end), rest.substring(end + 2)));
    } else if (rest != null && rest.startsWith(REFERENCED + "lab:") && rest.indexOf('@') > 0) {
      // a version the candidate refers to cannot be used: point at the candidate's ref to it
      int at = rest.indexOf('@');
      int end = at + 1;
      while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
        end++;
      }
      String version = rest.substring(REFERENCED.length(), end);
      problems.add(problem(refPointer(text, version), rest.substring(2)));
    } else {
      problems.add(problem("", rest == null ? message : rest.substring(2)));
    }
    ObjectNode out = JSON.createObjectNode();
    ObjectNode first = problems.get(0);
    String where = first.get("path").asString();
    out.put(
        "detail",
        "invalid template: "
            + (where.isEmpty() ? "" : where + ": ")
            + first.get("message").asString());
    ArrayNode list = out.putArray("violations");
    problems.forEach(list::add);
    return new BodyError(422, out);
  }

  /**
   * What follows the candidate's name (and a {@code :line:column}) at the start of a message, from
   * its {@code ": "}; null when the message names another document first.
   */
  private static String afterOrigin(String message, String candidate) {
    if (!message.startsWith(candidate)) {
      return null;
    }
    int i = candidate.length();
    int digits = 0;
    for (int part = 0; part < 2; part++) {
      int start = i;
      if (i < message.length() && message.charAt(i) == ':') {
        int j = i + 1;
        while (j < message.length() && Character.isDigit(message.charAt(j))) {
          j++;
        }
        if (j > i + 1) {
          i = j;
          digits++;
          continue;
        }
      }
      i = start;
      break;
    }
    if (digits == 1) {
      return null; // "name:12" is no origin of ours
    }
    return message.startsWith(": ", i) ? message.substring(i) : null;
  }

  private static ObjectNode problem(String path, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("path", path);
    o.put("message", message);
    return o;
  }

  /**
   * The schema pointer of the first {@code keyword} ({@code $ref}, {@code $dynamicRef}) whose value
   * is {@code ref}, or {@code ""}.
   */
  private static String refPointer(String text, String keyword, String ref) {
    return refPointer(text, keyword, ref::equals);
  }

  /**
   * The schema pointer of the first {@code $ref} or {@code $dynamicRef} to a version ({@code
   * lab:o/p/t@2}, with or without a fragment), or {@code ""}.
   */
  private static String refPointer(String text, String version) {
    String found = refPointer(text, "$ref", r -> r.equals(version) || r.startsWith(version + "#"));
    return found.isEmpty()
        ? refPointer(text, "$dynamicRef", r -> r.equals(version) || r.startsWith(version + "#"))
        : found;
  }

  private static String refPointer(String text, String keyword, Predicate<String> ref) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (RuntimeException e) {
      return "";
    }
    Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
    todo.add(Map.entry("", root));
    while (!todo.isEmpty()) {
      Map.Entry<String, JsonNode> at = todo.poll();
      JsonNode node = at.getValue();
      if (node.isObject()) {
        JsonNode r = node.get(keyword);
        if (r != null && r.isString() && ref.test(r.asString())) {
          return at.getKey() + "/" + keyword;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          todo.add(
              Map.entry(at.getKey() + "/" + Documents.escapePointer(e.getKey()), e.getValue()));
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          todo.add(Map.entry(at.getKey() + "/" + i, node.get(i)));
        }
      }
    }
    return "";
  }

  /**
   * Refuses with 409 a candidate that breaks the template's mode: against every earlier version
   * under a transitive mode, the latest otherwise; nothing is checked under {@code none}.
   */
  private void checkCompatible(TemplateKey candidateKey, ConfigSchema candidate, String text) {
    ProjectRef p = candidateKey.project();
    String name = candidateKey.name();
    Compatibility.Mode mode =
        Compatibility.Mode.parse(store.templateMode(p, name).orElse(Store.DEFAULT_MODE));
    if (mode == Compatibility.Mode.NONE) {
      return;
    }
    int latest = candidateKey.version() - 1;
    List<ConfigSchema> published = new ArrayList<>();
    for (int v = mode.isTransitive() ? 1 : latest; v <= latest; v++) {
      published.add(compiledVersion(new TemplateKey(p, name, v)));
    }
    CompatibilityReport report;
    try {
      report = Compatibility.of(mode).check(published, candidate);
    } catch (ConfigException.BadSchema e) {
      throw failedCheck(candidateKey.toString(), text, e);
    }
    if (report.isCompatible()) {
      return;
    }
    TreeSet<Integer> against = new TreeSet<>();
    for (SchemaChange c : report.breaking()) {
      against.add(c.against() == null ? latest : TemplateRef.parse(c.against()).version());
    }
    int n = report.breaking().size();
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "detail",
        candidateKey
            + " would break "
            + mode.id()
            + " compatibility with "
            + (against.size() == 1 ? "version " : "versions ")
            + String.join(", ", against.stream().map(String::valueOf).toList())
            + ": "
            + n
            + (n == 1 ? " breaking change" : " breaking changes"));
    out.put("mode", mode.id());
    out.set("report", JSON.readTree(report.toJson()));
    out.put("text", report.toString());
    throw new BodyError(409, out);
  }

  /**
   * The answer when a schema fails while it validates (a witness, a config): 422 naming the
   * problem; as an invalid template when it is the candidate's.
   */
  private static ApiError failedCheck(String candidate, String text, ConfigException e) {
    String message = e.getMessage();
    if (candidate != null && message.startsWith(candidate + ":")) {
      return invalidTemplate(candidate, text, message);
    }
    return new ApiError(422, "a template version cannot validate documents: " + message);
  }

  /** A published version, compiled (cached); 404 naming it when there is none. */
  ConfigSchema compiledVersion(TemplateKey key) {
    try {
      return compiled.get(key).orElseThrow(() -> noVersion(key));
    } catch (ConfigException.BadSchema e) {
      // stored by an older lab whose rules were looser: say so, never a stack trace
      throw new ApiError(422, key + " no longer compiles: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------ reading

  /** {@code GET /{o}/{p}/templates}: a page of the project's templates, by name. */
  void list(Context ctx) {
    Routes.ok(ctx, listModel(ctx).json());
  }

  /**
   * A page of the JSON of a registry's listing (its API answer, which the template pages build on)
   * and whether a later page has more.
   */
  record Listing(ObjectNode json, boolean more) {}

  /**
   * The answer of {@code GET /{o}/{p}/templates} ({@code page}, {@code size}, {@code templates}:
   * {@code name}, {@code latest}, {@code ref}, {@code mode}, {@code updated_at}), for the API and
   * the templates page; 404 for a project the caller may not use, 400 for a bad page or size.
   */
  Listing listModel(Context ctx) {
    ProjectRef p = routes.project(ctx);
    int page = Routes.intParam(ctx, "page", 1, 1, 1_000_000);
    int size = Routes.intParam(ctx, "size", 50, 1, 500);
    ObjectNode out = JSON.createObjectNode();
    out.put("page", page);
    out.put("size", size);
    ArrayNode list = out.putArray("templates");
    List<TemplateInfo> found = store.templates(p, (page - 1) * size, size + 1);
    for (TemplateInfo t : found.subList(0, Math.min(size, found.size()))) {
      ObjectNode o = list.addObject();
      o.put("name", t.name());
      o.put("latest", t.latest());
      o.put("ref", new TemplateKey(p, t.name(), t.latest()).toString());
      o.put("mode", t.mode());
      o.put("updated_at", t.updatedAt());
    }
    return new Listing(out, found.size() > size);
  }

  /** {@code GET /{o}/{p}/templates/{name}}: the mode, the latest version and a page of versions. */
  void versions(Context ctx) {
    Routes.ok(ctx, versionsModel(ctx).json());
  }

  /**
   * The answer of {@code GET /{o}/{p}/templates/{name}} ({@code project}, {@code name}, {@code
   * mode}, {@code latest}, {@code page}, {@code size}, {@code versions}: {@code version}, {@code
   * ref}, {@code sha256}, {@code published_by}, {@code published_at}, {@code bytes}), oldest first,
   * for the API and the versions page; 404 for a missing template.
   */
  Listing versionsModel(Context ctx) {
    ProjectRef p = routes.project(ctx);
    String name = name(ctx, p);
    int page = Routes.intParam(ctx, "page", 1, 1, 1_000_000);
    int size = Routes.intParam(ctx, "size", 50, 1, 500);
    String mode = store.templateMode(p, name).orElseThrow(() -> noTemplate(p, name));
    TemplateVersion latest =
        store.templateVersion(p, name, null).orElseThrow(() -> noTemplate(p, name));
    ObjectNode out = JSON.createObjectNode();
    out.put("project", p.toString());
    out.put("name", name);
    out.put("mode", mode);
    out.put("latest", latest.key().version());
    out.put("page", page);
    out.put("size", size);
    ArrayNode list = out.putArray("versions");
    for (TemplateVersionInfo v : store.templateVersions(p, name, (page - 1) * size, size)) {
      ObjectNode o = list.addObject();
      o.put("version", v.version());
      o.put("ref", new TemplateKey(p, name, v.version()).toString());
      o.put("sha256", v.sha256());
      o.put("published_by", v.publishedBy());
      o.put("published_at", v.publishedAt());
      o.put("bytes", v.bytes());
    }
    // versions are numbered 1 to latest without gaps
    return new Listing(out, (long) page * size < latest.key().version());
  }

  /**
   * {@code GET /{o}/{p}/templates/{name}/versions/{n|latest}}: the text exactly as published, its
   * hash as the ETag; 304 without body when {@code If-None-Match} names that ETag.
   */
  void version(Context ctx) {
    ProjectRef p = routes.project(ctx);
    String name = name(ctx, p);
    String n = ctx.pathParam("version");
    Integer version = n.equals("latest") ? null : versionNumber(n);
    if (n.equals("latest") || version != null) {
      Optional<TemplateVersion> found = store.templateVersion(p, name, version);
      if (found.isPresent()) {
        TemplateVersion v = found.get();
        String etag = "\"" + v.sha256() + "\"";
        ctx.header("ETag", etag);
        ctx.header("X-Template-Version", String.valueOf(v.key().version()));
        if (matches(ctx.header("If-None-Match"), etag)) {
          ctx.status(304);
          return;
        }
        ctx.status(200).contentType(SCHEMA_TYPE).result(v.body());
        return;
      }
    }
    if (store.templateMode(p, name).isEmpty()) {
      throw noTemplate(p, name);
    }
    throw new ApiError(404, "no template version lab:" + p + "/" + name + "@" + n);
  }

  /** A version number from a path: null when it is not one (1 to a 9-digit number). */
  static Integer versionNumber(String text) {
    return text.matches("[1-9][0-9]{0,8}") ? Integer.valueOf(text) : null;
  }

  /** Whether an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code GET /{o}/{p}/templates/{name}/compat?from=N&to=M[&mode=ID]}: the report between two
   * versions, under the template's mode unless {@code mode} names one (a transitive mode compares
   * just the two).
   */
  void compat(Context ctx) {
    Routes.ok(ctx, compatModel(ctx));
  }

  /**
   * The answer of {@code GET /{o}/{p}/templates/{name}/compat} ({@code from}, {@code to}, {@code
   * mode}, {@code compatible}, {@code report} as {@link CompatibilityReport#toJson()}, {@code text}
   * as the {@code compat} command prints it), for the API and the compatibility page; 400 without
   * {@code from} and {@code to} or with an unknown {@code mode}, 404 for a missing version.
   */
  ObjectNode compatModel(Context ctx) {
    ProjectRef p = routes.project(ctx);
    String name = name(ctx, p);
    int from = required(ctx, "from");
    int to = required(ctx, "to");
    String given = ctx.queryParam("mode");
    String modeId = store.templateMode(p, name).orElseThrow(() -> noTemplate(p, name));
    Compatibility.Mode mode = Compatibility.Mode.parse(given == null ? modeId : given);
    ConfigSchema older = compiledVersion(new TemplateKey(p, name, from));
    ConfigSchema newer = compiledVersion(new TemplateKey(p, name, to));
    CompatibilityReport report;
    try {
      report = Compatibility.of(mode).compare(older, newer);
    } catch (ConfigException.BadSchema e) {
      throw failedCheck(null, null, e);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("from", from);
    out.put("to", to);
    out.put("mode", mode.id());
    out.put("compatible", report.isCompatible());
    out.set("report", JSON.readTree(report.toJson()));
    out.put("text", report.toString());
    return out;
  }

  private static int required(Context ctx, String param) {
    if (ctx.queryParam(param) == null) {
      throw new ApiError(400, param + " is required: compat?from=N&to=M[&mode=ID]");
    }
    return Routes.intParam(ctx, param, 0, 1, Integer.MAX_VALUE);
  }

  // ------------------------------------------------------------------------------ mode

  /** {@code PUT /{o}/{p}/templates/{name}/mode}: sets the mode later versions are checked under. */
  void setMode(Context ctx) {
    ProjectRef p = routes.project(ctx);
    String name = name(ctx, p);
    Compatibility.Mode mode =
        Compatibility.Mode.parse(Routes.body(ctx, SET_MODE).get("mode").asString());
    if (store.templateMode(p, name).isEmpty()) {
      throw noTemplate(p, name);
    }
    try {
      store.setTemplateMode(p, name, mode.id());
    } catch (StoreException.NotFound e) {
      throw noTemplate(p, name);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("project", p.toString());
    out.put("name", name);
    out.put("mode", mode.id());
    Routes.ok(ctx, out);
  }

  // ------------------------------------------------------------------------------ pushes

  /**
   * Checks a pushed config against the template version {@code template} names ({@code {"name",
   * "version", "project"?}}, the run's project by default): 404 when there is no such version or
   * the caller may not use its project, 422 with the violations when the config is invalid.
   *
   * @return the version, to record with the config
   */
  TemplateKey checkPush(Context ctx, ProjectRef runProject, JsonNode template, JsonNode config) {
    String name = LabNames.checkName("template name", template.get("name").asString());
    ProjectRef p = runProject;
    if (template.has("project")) {
      String[] parts = LabNames.checkProject(template.get("project").asString()).split("/", 2);
      p = new ProjectRef(parts[0], parts[1]);
    }
    TemplateKey key = new TemplateKey(p, name, template.get("version").asInt());
    // a run that does not exist is answered first, whatever the config
    String slug = ctx.pathParam("slug");
    if (store.run(runProject, slug).isEmpty()) {
      throw new ApiError(404, "no run '" + slug + "'");
    }
    Principal who = Routes.principal(ctx);
    if (!p.equals(runProject) && !routes.mayUse(who, p)) {
      throw noVersion(key);
    }
    // using a version needs reading every version it reaches: checked before any text is shown
    Set<ProjectRef> reaches;
    try {
      reaches = compiled.reaches(key).orElseThrow(() -> noVersion(key));
    } catch (ConfigException.BadSchema e) {
      throw new ApiError(422, e.getMessage());
    }
    for (ProjectRef reached : reaches) {
      if (!reached.equals(runProject) && !routes.mayUse(who, reached)) {
        throw new ApiError(
            404,
            "template "
                + key
                + " refers to a template version this key may not read: it cannot be used");
      }
    }
    ValidationResult result;
    try {
      result = compiledVersion(key).validateText(config.toString());
    } catch (ConfigException.BadSchema e) {
      throw failedCheck(null, null, e);
    }
    if (result.isValid()) {
      return key;
    }
    ObjectNode out =
        Routes.violationsBody("config does not validate against " + key + ": ", result, false);
    out.put("template", key.toString());
    throw new BodyError(422, out);
  }

  // ------------------------------------------------------------------------------ names

  /** The template name of the path; 404 (as for a missing template) when it breaks the rule. */
  static String name(Context ctx, ProjectRef p) {
    String name = ctx.pathParam("name");
    try {
      return LabNames.checkName("template name", name);
    } catch (IllegalArgumentException e) {
      throw noTemplate(p, name);
    }
  }

  static ApiError noTemplate(ProjectRef p, String name) {
    return new ApiError(404, "no template 'lab:" + p + "/" + name + "'");
  }

  static ApiError noVersion(TemplateKey key) {
    return new ApiError(404, "no template version " + key);
  }
}
