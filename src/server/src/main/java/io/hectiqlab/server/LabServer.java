package io.hectiqlab.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ValidationResult;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.Store.ConfigVersion;
import io.hectiqlab.server.Store.OpenedRun;
import io.hectiqlab.server.Store.Principal;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunRecord;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.VersionInfo;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The lab's HTTP server: projects, runs, each run's config (every version kept) and metadata, on
 * the wire that the pyhectiqlab 2.x client speaks, plus listing, history and administration. Every
 * response body is a JSON object; errors are {@code {"detail": "..."}} with the right status. Start
 * with {@link #start(String, String, int, String, PrintStream)}; stop with {@link #close()}.
 * Thread-safe.
 */
public final class LabServer implements AutoCloseable {
  /** The largest request body accepted, in bytes. */
  public static final long MAX_BODY = 4L * 1024 * 1024;

  /** The answer to a request body over {@link #MAX_BODY}. */
  static final String TOO_LARGE = "request body larger than " + MAX_BODY + " bytes";

  static final String ADMIN = "admin";

  /** Versions in a page of config history when the request names no {@code limit}. */
  static final int HISTORY_PAGE = 20;

  /** The largest {@code limit} of a page of config history. */
  static final int HISTORY_MAX_PAGE = 100;

  /**
   * The bytes of config bodies a page of history holds at most (a page holds at least one version,
   * and a version at most {@link #MAX_BODY}): the server holds one version in memory at a time.
   */
  static final long HISTORY_PAGE_BYTES = 8L * 1024 * 1024;

  /** How long a server trusts a key or a membership it has checked: 2 seconds. */
  static final long ACCESS_TTL_NANOS = 2_000_000_000L;

  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final ConfigSchema CREATE_RUN = schema("create-run");
  private static final ConfigSchema PUSH_META = schema("push-meta");
  private static final ConfigSchema CREATE_USER = schema("create-user");
  private static final ConfigSchema CREATE_PROJECT = schema("create-project");
  private static final ConfigSchema REVOKE_KEY = schema("revoke-key");

  private final Store store;
  private final Javalin app;

  private LabServer(Store store, Javalin app) {
    this.store = store;
    this.app = app;
  }

  private static ConfigSchema schema(String name) {
    return ConfigSchema.fromClasspath(
        "lab/" + name + ".schema.json", LabServer.class.getClassLoader());
  }

  /**
   * Returns the default store: {@code sqlite:} a file {@code lab.db} in {@code .hectiqlab} under
   * the user's home.
   */
  public static String defaultDatabase() {
    return "sqlite:" + Path.of(System.getProperty("user.home"), ".hectiqlab", "lab.db");
  }

  /**
   * Opens the store and starts the server.
   *
   * @param db {@code sqlite:PATH} or {@code postgresql://HOST:PORT/DB?user=..}
   * @param host the address to listen on, such as {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param adminKey the admin API key to accept (HECTIQLAB_ADMIN_API_KEY), or null: then a new lab
   *     creates an admin key and prints it once to {@code out}
   * @param out where to print the one-time admin key
   * @return the running server
   * @throws IllegalStateException when asked to listen beyond loopback without any admin key
   */
  public static LabServer start(
      String db, String host, int port, String adminKey, PrintStream out) {
    Store store = JdbcStore.open(db);
    LabServer server = null;
    try {
      boolean createKey = prepareAdmin(store, host, adminKey);
      server = start(store, host, port); // binds: a busy port fails here, before a key is made
      if (createKey) {
        printNewAdminKey(store, out);
      }
      return server;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      } else {
        store.close();
      }
      throw e;
    }
  }

  /**
   * Creates the user {@code admin} when absent and registers {@code adminKey}; returns whether the
   * lab has no admin key, so that one must be created (once the server listens, so that a key is
   * never printed by a server that then fails to start).
   *
   * @throws IllegalStateException when the lab would listen beyond loopback without an admin key
   */
  private static boolean prepareAdmin(Store store, String host, String adminKey) {
    if (!store.userExists(ADMIN)) {
      store.createUser(ADMIN, true);
    }
    if (adminKey != null && !adminKey.isBlank()) {
      store.addKey(ADMIN, adminKey);
      return false;
    }
    if (store.hasAdminKey()) {
      return false;
    }
    if (!isLoopback(host)) {
      throw new IllegalStateException(
          "refusing to listen on "
              + host
              + " without an admin key: set HECTIQLAB_ADMIN_API_KEY or start once on"
              + " 127.0.0.1");
    }
    return true;
  }

  private static void printNewAdminKey(Store store, PrintStream out) {
    String key = store.createKey(ADMIN);
    out.println("hectiqlab lab: admin API key (shown once, keep it): " + key);
    out.flush();
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static LabServer start(Store store, String host, int port) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.startupWatcherEnabled = false;
              config.http.maxRequestSize = MAX_BODY;
              // Answers are small JSON objects: Javalin's compression check costs more CPU per
              // request (5-8% of a server thread, measured) than compressing would save.
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.http.defaultContentType = "application/json";
              config.jetty.host = host;
              config.jetty.port = port;
              // Jetty's own answers (a malformed URI, 414, 431, ...) are JSON like ours.
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
              config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrors()));
              // An Error (OutOfMemoryError, StackOverflowError) in a handler: logged once, and
              // answered like every other failure.
              config.router.javaLangErrorHandler(
                  (res, e) -> {
                    logFailure("a request", e);
                    if (!res.isCommitted()) {
                      res.reset();
                      res.setStatus(500);
                      res.setContentType("application/json");
                      try {
                        res.getOutputStream()
                            .write(
                                JSON.createObjectNode()
                                    .put("detail", "internal error")
                                    .toString()
                                    .getBytes(UTF_8));
                      } catch (java.io.IOException ignored) {
                        // the client is gone
                      }
                    }
                  });
              Routes routes = new Routes(store);
              config.routes.before(routes::authenticate);
              get(config.routes, "/health", ctx -> ctx.result("{\"status\": \"ok\"}"));
              // First: a path under /ui is a page (or no page), never an API route of an owner
              // named "ui" (Javalin takes the first route that matches).
              routes.web.register(config.routes);
              get(config.routes, "/projects", routes::projects);
              config.routes.post("/admin/users", routes::createUser);
              config.routes.post("/admin/users/{user}/keys", routes::createKey);
              config.routes.post("/admin/keys/revoke", routes::revokeKey);
              config.routes.post("/admin/projects", routes::createProject);
              config.routes.put(
                  "/admin/projects/{owner}/{project}/members/{user}", routes::addMember);
              config.routes.delete(
                  "/admin/projects/{owner}/{project}/members/{user}", routes::removeMember);
              config.routes.post("/{owner}/{project}/runs", routes::openRun);
              get(config.routes, "/{owner}/{project}/runs", routes::listRuns);
              get(config.routes, "/{owner}/{project}/runs/{slug}", routes::getRun);
              config.routes.post("/{owner}/{project}/runs/{slug}/meta", routes::pushMeta);
              get(config.routes, "/{owner}/{project}/runs/{slug}/configs", routes::download);
              get(config.routes, "/{owner}/{project}/runs/{slug}/configs/history", routes::history);
              TemplateRoutes templates = routes.templates;
              get(config.routes, "/{owner}/{project}/templates", templates::list);
              config.routes.post("/{owner}/{project}/templates/{name}", templates::publish);
              get(config.routes, "/{owner}/{project}/templates/{name}", templates::versions);
              config.routes.put("/{owner}/{project}/templates/{name}/mode", templates::setMode);
              get(
                  config.routes,
                  "/{owner}/{project}/templates/{name}/versions/{version}",
                  templates::version);
              get(config.routes, "/{owner}/{project}/templates/{name}/compat", templates::compat);
              config.routes.exception(
                  ApiError.class,
                  (e, ctx) -> {
                    if (e instanceof BodyError b) {
                      ctx.status(b.status)
                          .contentType("application/json")
                          .result(b.body.toString());
                    } else {
                      error(ctx, e.status, e.getMessage());
                    }
                  });
              config.routes.exception(
                  IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              config.routes.exception(
                  StoreException.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
              config.routes.exception(
                  StoreException.Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
              config.routes.exception(
                  StoreException.KeyReused.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
              config.routes.exception(
                  StoreException.Unavailable.class,
                  (e, ctx) -> {
                    log(ctx, e);
                    error(ctx, 503, "the lab's database is unavailable");
                  });
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log(ctx, e);
                    error(ctx, 500, "internal error");
                  });
              config.routes.error(405, ctx -> error(ctx, 405, "method not allowed"));
              config.routes.error(413, ctx -> error(ctx, 413, TOO_LARGE));
            });
    app.start();
    return new LabServer(store, app);
  }

  /**
   * Serves until the JVM is asked to stop (Ctrl-C, SIGTERM): then the server closes (in-flight
   * requests finish, the store closes) and this returns.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void serveUntilStopped() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  close();
                  stopped.countDown();
                },
                "hectiqlab-lab-shutdown"));
    stopped.await();
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /**
   * The line a started lab prints: where it listens and where its web pages are, such as {@code
   * hectiqlab lab listening on http://127.0.0.1:8080 (web pages: http://127.0.0.1:8080/ui/)}.
   *
   * @param host the address the server was started on
   */
  public String greeting(String host) {
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    return "hectiqlab lab listening on " + base + " (web pages: " + base + Web.PREFIX + "/)";
  }

  /** Stops the server and closes its store. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      store.close();
    }
  }

  /** Server-side failures go to the operator's log (stderr), never into an answer. */
  private static void log(Context ctx, Exception e) {
    logFailure(ctx.method() + " " + ctx.path(), e);
  }

  /**
   * Adds a GET route and the same handler for HEAD, so that a HEAD answers what the GET would,
   * without its body (Jetty drops it). Without a HEAD route Javalin answers every HEAD for a GET
   * path 200 without running the handler: a missing run or a redirect would read as there.
   */
  static void get(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  /** Logs a failure once: what failed and its cause, then the stack trace. */
  static void logFailure(String what, Throwable e) {
    synchronized (System.err) {
      System.err.println("hectiqlab lab: " + what + " failed: " + e);
      e.printStackTrace(System.err);
    }
  }

  static void error(Context ctx, int status, String detail) {
    if (Web.isPage(ctx)) {
      Web.errorPage(ctx, status, detail);
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("detail", detail == null ? "error" : detail);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  /** An error answer with its status. */
  static class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The handlers, over one store. */
  static final class Routes {
    private static final String PRINCIPAL = "hectiqlab.principal";
    private final Store store;

    /** The template registry's handlers, and the validation of pushes against a template. */
    final TemplateRoutes templates;

    /** The web pages ({@code /ui}). */
    final Web web;

    /**
     * Positive answers about keys and project access, kept for {@link #ACCESS_TTL_NANOS}: a revoked
     * key or a removed member keeps access for at most that long (on every server of a lab).
     * Failures are never cached.
     */
    private final Map<String, Grant> granted = new java.util.concurrent.ConcurrentHashMap<>();

    /** A checked key (with its principal) or project access (principal null), until a time. */
    private record Grant(Principal principal, long until) {}

    Routes(Store store) {
      this.store = store;
      this.templates = new TemplateRoutes(store, this);
      this.web = new Web(store, this);
    }

    private Grant fresh(String entry) {
      Grant g = granted.get(entry);
      if (g == null || g.until - System.nanoTime() > 0) {
        return g;
      }
      granted.remove(entry, g);
      return null;
    }

    private void grant(String entry, Principal principal) {
      if (granted.size() > 100_000) {
        granted.clear();
      }
      granted.put(entry, new Grant(principal, System.nanoTime() + ACCESS_TTL_NANOS));
    }

    void authenticate(Context ctx) {
      if (ctx.path().equals("/health")) {
        return;
      }
      if (Web.isPage(ctx)) {
        web.authenticate(ctx);
        return;
      }
      String key = ctx.header("X-API-Key");
      if (key == null || key.isBlank()) {
        throw new ApiError(401, "missing API key: send it in the X-API-Key header");
      }
      signIn(ctx, keyPrincipal(key).orElseThrow(() -> new ApiError(401, "invalid API key")));
    }

    /** The principal of an active key (checked keys are kept {@link #ACCESS_TTL_NANOS}). */
    Optional<Principal> keyPrincipal(String key) {
      String entry = "key:" + Sha256.hex(key);
      Grant g = fresh(entry);
      if (g != null && g.principal() != null) {
        return Optional.of(g.principal());
      }
      Optional<Principal> p = store.authenticate(key);
      p.ifPresent(found -> grant(entry, found));
      return p;
    }

    /** Makes {@code who} the principal of this request. */
    static void signIn(Context ctx, Principal who) {
      ctx.attribute(PRINCIPAL, who);
    }

    static Principal principal(Context ctx) {
      return ctx.attribute(PRINCIPAL);
    }

    private static void requireAdmin(Context ctx) {
      if (!principal(ctx).admin()) {
        throw new ApiError(403, "administrators only");
      }
    }

    /** The project of the path, when the caller may use it; 404 otherwise (existence hidden). */
    ProjectRef project(Context ctx) {
      String owner = ctx.pathParam("owner");
      String name = ctx.pathParam("project");
      ProjectRef p;
      try {
        p = new ProjectRef(LabNames.checkName("owner", owner), LabNames.checkName("project", name));
      } catch (IllegalArgumentException e) {
        throw new ApiError(404, "no project '" + owner + "/" + name + "'");
      }
      if (!mayUse(principal(ctx), p)) {
        throw new ApiError(404, "no project '" + p + "'");
      }
      return p;
    }

    /** Whether a principal may use a project: a member (an admin: any existing project). */
    boolean mayUse(Principal who, ProjectRef p) {
      String entry = "access:" + who.user() + ":" + p;
      if (fresh(entry) != null) {
        return true;
      }
      boolean allowed = who.admin() ? store.projectExists(p) : store.isMember(p, who.user());
      if (allowed) {
        grant(entry, null);
      }
      return allowed;
    }

    private static String slug(Context ctx) {
      try {
        return LabNames.checkSlug(ctx.pathParam("slug"));
      } catch (IllegalArgumentException e) {
        throw new ApiError(404, "no run '" + ctx.pathParam("slug") + "'");
      }
    }

    /**
     * The body of an answer refusing a document: {@code detail} is {@code prefix} and the first
     * violation ({@code /path: message}), {@code violations} lists each ({@code path}, {@code
     * keyword}, {@code message}, and with {@code positions} {@code line}/{@code column} when known:
     * positions in the text the client sent, not in a text the server wrote).
     */
    static ObjectNode violationsBody(String prefix, ValidationResult result, boolean positions) {
      ObjectNode out = JSON.createObjectNode();
      Violation first = result.violations().get(0);
      out.put(
          "detail",
          prefix
              + (first.instancePath().isEmpty() ? "" : first.instancePath() + ": ")
              + first.message());
      ArrayNode list = out.putArray("violations");
      for (Violation v : result.violations()) {
        ObjectNode item = list.addObject();
        item.put("path", v.instancePath());
        item.put("keyword", v.keyword());
        item.put("message", v.message());
        if (positions && v.line() > 0) {
          item.put("line", v.line());
          item.put("column", v.column());
        }
      }
      return out;
    }

    /** Validates a body against its schema and parses it (numbers exact). */
    static JsonNode body(Context ctx, ConfigSchema schema) {
      String text = Bodies.read(ctx);
      JsonNode tree = Bodies.parseJson(text);
      ValidationResult result = schema.validateText(text);
      if (!result.isValid()) {
        ObjectNode out = violationsBody("invalid request body: ", result, true);
        throw new BodyError(out);
      }
      return tree;
    }

    void openRun(Context ctx) {
      ProjectRef p = project(ctx);
      String name = body(ctx, CREATE_RUN).get("name").asString();
      OpenedRun opened = store.openRun(p, LabNames.slugOf(name), name);
      ObjectNode out = run(opened.run());
      out.put("is_new", opened.isNew());
      ok(ctx, out);
    }

    void getRun(Context ctx) {
      ProjectRef p = project(ctx);
      String slug = slug(ctx);
      RunRecord r =
          store.run(p, slug).orElseThrow(() -> new ApiError(404, "no run '" + slug + "'"));
      ok(ctx, run(r));
    }

    void listRuns(Context ctx) {
      ProjectRef p = project(ctx);
      int page = intParam(ctx, "page", 1, 1, 1_000_000);
      int size = intParam(ctx, "size", 50, 1, 500);
      ObjectNode out = JSON.createObjectNode();
      out.put("page", page);
      out.put("size", size);
      ArrayNode runs = out.putArray("runs");
      for (RunRecord r : store.runs(p, (page - 1) * size, size)) {
        runs.add(run(r));
      }
      ok(ctx, out);
    }

    void pushMeta(Context ctx) {
      ProjectRef p = project(ctx);
      String slug = slug(ctx);
      JsonNode meta = body(ctx, PUSH_META).get("meta");
      // checked before anything is stored: a config that fails its template stores nothing
      TemplateKey template =
          meta.has("__template__")
              ? templates.checkPush(ctx, p, meta.get("__template__"), meta.get("__config__"))
              : null;
      ObjectNode out = JSON.createObjectNode();
      out.put("slug", slug);
      if (meta.has("__config__")) {
        String idempotency = ctx.header("Idempotency-Key");
        if (idempotency != null && (idempotency.isEmpty() || idempotency.length() > 128)) {
          throw new ApiError(400, "Idempotency-Key must be 1 to 128 characters");
        }
        int version =
            store.addConfig(p, slug, meta.get("__config__").toString(), idempotency, template);
        out.put("version", version);
        if (template != null) {
          out.set("template", TemplateRoutes.keyJson(template));
        }
      }
      if (meta.has("__meta__")) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : meta.get("__meta__").properties()) {
          entries.put(e.getKey(), e.getValue().toString());
        }
        store.putMeta(p, slug, entries);
        out.put("meta_keys", entries.size());
      }
      ok(ctx, out);
    }

    void download(Context ctx) {
      ProjectRef p = project(ctx);
      String slug = slug(ctx);
      String v = ctx.queryParam("version");
      Integer version = v == null ? null : intParam(ctx, "version", 0, 1, Integer.MAX_VALUE);
      Store.Snapshot snap =
          store
              .snapshot(p, slug, version)
              .orElseThrow(() -> new ApiError(404, "no run '" + slug + "'"));
      if (version != null && snap.config().isEmpty()) {
        throw new ApiError(404, "run '" + slug + "' has no config version " + version);
      }
      ObjectNode out = JSON.createObjectNode();
      if (snap.config().isPresent()) {
        out.putRawValue("__config__", new RawValue(snap.config().get().body()));
        out.put("__version__", snap.config().get().version());
        TemplateKey template = snap.config().get().template();
        if (template != null) {
          out.set("__template__", TemplateRoutes.keyJson(template));
        }
      } else {
        out.putObject("__config__");
      }
      ObjectNode metaOut = out.putObject("__meta__");
      for (Map.Entry<String, String> e : snap.meta().entrySet()) {
        metaOut.putRawValue(e.getKey(), new RawValue(e.getValue()));
      }
      ok(ctx, out);
    }

    /**
     * A page of a run's config history, oldest first: {@code limit} versions (default {@link
     * #HISTORY_PAGE}, at most {@link #HISTORY_MAX_PAGE}) after version {@code after}, and no more
     * than {@link #HISTORY_PAGE_BYTES} of bodies. The next page's path is in {@code next} and in a
     * {@code Link} header. The answer is streamed, one version read from the store at a time.
     */
    void history(Context ctx) {
      ProjectRef p = project(ctx);
      String slug = slug(ctx);
      int limit = intParam(ctx, "limit", HISTORY_PAGE, 1, HISTORY_MAX_PAGE);
      int after = intParam(ctx, "after", 0, 0, Integer.MAX_VALUE);
      store.run(p, slug).orElseThrow(() -> new ApiError(404, "no run '" + slug + "'"));
      List<VersionInfo> candidates = store.versions(p, slug, after, limit + 1);
      List<VersionInfo> page = new ArrayList<>();
      long bytes = 0;
      for (VersionInfo v : candidates) {
        if (page.size() == limit || (!page.isEmpty() && bytes + v.bytes() > HISTORY_PAGE_BYTES)) {
          break;
        }
        page.add(v);
        bytes += v.bytes();
      }
      String next =
          page.size() < candidates.size()
              ? ctx.path() + "?limit=" + limit + "&after=" + page.get(page.size() - 1).version()
              : null;
      if (next != null) {
        ctx.header("Link", "<" + next + ">; rel=\"next\"");
      }
      ctx.status(200).contentType("application/json");
      try {
        writeHistory(ctx.outputStream(), p, slug, page, next);
      } catch (java.io.IOException e) {
        // the client left in the middle of the answer: nothing to answer, nothing to log
      }
    }

    private void writeHistory(
        OutputStream out, ProjectRef p, String slug, List<VersionInfo> page, String next)
        throws java.io.IOException {
      out.write("{\"versions\": [".getBytes(UTF_8));
      boolean first = true;
      for (VersionInfo v : page) {
        Optional<ConfigVersion> c = store.config(p, slug, v.version());
        if (c.isEmpty()) {
          break; // versions are never deleted one by one: a vanished one means the run is gone
        }
        out.write(
            ((first ? "" : ", ")
                    + "{\"version\": "
                    + v.version()
                    + ", \"created_at\": "
                    + v.createdAt()
                    + (v.template() == null
                        ? ""
                        : ", \"template\": " + TemplateRoutes.keyJson(v.template()))
                    + ", \"config\": ")
                .getBytes(UTF_8));
        out.write(c.get().body().getBytes(UTF_8));
        out.write('}');
        first = false;
      }
      out.write(
          ("], \"next\": " + (next == null ? "null" : JSON.writeValueAsString(next)) + "}")
              .getBytes(UTF_8));
    }

    void projects(Context ctx) {
      Principal who = principal(ctx);
      ObjectNode out = JSON.createObjectNode();
      ArrayNode list = out.putArray("projects");
      for (ProjectRef p : store.projects(who.admin() ? null : who.user())) {
        list.add(p.toString());
      }
      ok(ctx, out);
    }

    void createUser(Context ctx) {
      requireAdmin(ctx);
      JsonNode body = body(ctx, CREATE_USER);
      String name = body.get("name").asString();
      store.createUser(name, body.has("admin") && body.get("admin").asBoolean());
      ObjectNode out = JSON.createObjectNode();
      out.put("user", name);
      ok(ctx, out);
    }

    void createKey(Context ctx) {
      requireAdmin(ctx);
      String user = ctx.pathParam("user");
      ObjectNode out = JSON.createObjectNode();
      out.put("user", user);
      out.put("key", store.createKey(user));
      ok(ctx, out);
    }

    void revokeKey(Context ctx) {
      requireAdmin(ctx);
      if (!store.revokeKey(body(ctx, REVOKE_KEY).get("key").asString())) {
        throw new ApiError(404, "no such active key");
      }
      ok(ctx, JSON.createObjectNode().put("revoked", true));
    }

    void createProject(Context ctx) {
      requireAdmin(ctx);
      JsonNode body = body(ctx, CREATE_PROJECT);
      String[] parts = body.get("project").asString().split("/", 2);
      ProjectRef p = new ProjectRef(parts[0], parts[1]);
      if (p.owner().equals(Web.RESERVED_OWNER)) {
        throw new ApiError(
            400,
            "the owner name '"
                + Web.RESERVED_OWNER
                + "' is reserved: the lab's web pages live under /"
                + Web.RESERVED_OWNER
                + "/");
      }
      List<String> members = new ArrayList<>();
      if (body.has("members")) {
        for (JsonNode m : body.get("members")) {
          members.add(m.asString());
        }
      }
      store.createProject(p, members);
      ok(ctx, JSON.createObjectNode().put("project", p.toString()));
    }

    void addMember(Context ctx) {
      requireAdmin(ctx);
      ProjectRef p = new ProjectRef(ctx.pathParam("owner"), ctx.pathParam("project"));
      store.addMember(p, ctx.pathParam("user"));
      ok(ctx, JSON.createObjectNode().put("member", ctx.pathParam("user")));
    }

    void removeMember(Context ctx) {
      requireAdmin(ctx);
      ProjectRef p = new ProjectRef(ctx.pathParam("owner"), ctx.pathParam("project"));
      if (!store.removeMember(p, ctx.pathParam("user"))) {
        throw new ApiError(404, "'" + ctx.pathParam("user") + "' is not a member of " + p);
      }
      ok(ctx, JSON.createObjectNode().put("removed", ctx.pathParam("user")));
    }

    private static ObjectNode run(RunRecord r) {
      ObjectNode out = JSON.createObjectNode();
      out.put("slug", r.slug());
      out.put("name", r.name());
      out.put("p_id", r.pId());
      out.put("project", r.project().toString());
      out.put("created_at", r.createdAt());
      return out;
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
      String v = ctx.queryParam(name);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ApiError(400, name + " must be an integer from " + min + " to " + max);
    }

    static void ok(Context ctx, ObjectNode body) {
      ctx.status(200).contentType("application/json").result(body.toString());
    }
  }

  /** An error whose body says more than its detail (such as the violations): 400 by default. */
  static final class BodyError extends ApiError {
    private static final long serialVersionUID = 1L;
    final transient ObjectNode body;

    BodyError(ObjectNode body) {
      this(400, body);
    }

    BodyError(int status, ObjectNode body) {
      super(status, body.get("detail").asString());
      this.body = body;
    }
  }
}
