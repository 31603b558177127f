package io.hectiqlab.server;

import static io.hectiqlab.server.LabServer.JSON;

import io.hectiqlab.internal.PercentEncoding;
import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.LabServer.ApiError;
import io.hectiqlab.server.LabServer.Routes;
import io.hectiqlab.server.Store.Principal;
import io.hectiqlab.server.Store.ProjectRef;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lab's web pages, under {@code /ui}: sign in and out, projects, runs, a run, compare,
 * templates. Every page is built from one JSON model, which is also its JSON twin (the same URL
 * asked with {@code Accept: application/json}), so that a page shows exactly what its JSON says.
 * Pages read with a session cookie (signed in through the form) or an {@code X-API-Key} header;
 * access follows the lab's one rule ({@link Routes#mayUse}): a project the caller may not use gets
 * the same page as a missing one. Thread-safe.
 */
final class Web {
  /** The owner name no project may take: its API paths would be the pages' ({@link #PREFIX}). */
  static final String RESERVED_OWNER = "ui";

  /** Where the pages live. */
  static final String PREFIX = "/" + RESERVED_OWNER;

  /** Where the style sheet and the script live (no project owner can be named {@code _static}). */
  static final String STATIC = PREFIX + "/_static";

  /** The session cookie: its value is the session's token (only its SHA-256 is stored). */
  static final String SESSION_COOKIE = "hectiqlab_session";

  /** The sign-in form's double-submit CSRF cookie: its value is the form's {@code csrf} field. */
  static final String SIGN_IN_COOKIE = "hectiqlab_signin";

  /** How long a session lasts: 12 hours. */
  static final long SESSION_SECONDS = 12 * 60 * 60;

  /** How long a sign-in form may wait to be sent: 1 hour. */
  private static final long SIGN_IN_SECONDS = 60 * 60;

  /** The longest {@code next} a sign-in keeps (a longer one goes to the projects page). */
  private static final int MAX_NEXT = 2048;

  /** The request attribute holding the session token of a request signed in by its cookie. */
  private static final String SESSION = "hectiqlab.session";

  /** The request attribute set when the request's session cookie names no live session. */
  private static final String STALE_SESSION = "hectiqlab.stale-session";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The style sheet and the script, read once, by file name. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "lab.css", Asset.load("lab.css", "text/css; charset=utf-8"),
          "lab.js", Asset.load("lab.js", "text/javascript; charset=utf-8"));

  private final Store store;
  private final Routes routes;
  private final RunPages runs;
  private final TemplatePages templates;

  Web(Store store, Routes routes) {
    this.store = store;
    this.routes = routes;
    this.runs = new RunPages(store, this, routes);
    this.templates = new TemplatePages(store, this, routes.templates);
  }

  /** Adds the pages' routes. */
  void register(RoutesConfig r) {
    LabServer.get(r, "/", ctx -> seeOther(ctx, PREFIX + "/"));
    LabServer.get(r, STATIC + "/{file}", this::asset);
    LabServer.get(r, PREFIX + "/sign-in", this::signInForm);
    r.post(PREFIX + "/sign-in", this::signIn);
    r.post(PREFIX + "/sign-out", this::signOut);
    // Javalin ignores trailing slashes: this one route serves /ui/ and sends /ui there
    LabServer.get(
        r,
        PREFIX + "/",
        ctx -> {
          if (ctx.path().equals(PREFIX)) {
            seeOther(ctx, PREFIX + "/");
          } else {
            projects(ctx);
          }
        });
    LabServer.get(r, PREFIX + "/{owner}/{project}", runs::table);
    LabServer.get(r, PREFIX + "/{owner}/{project}/compare", runs::compare);
    LabServer.get(r, PREFIX + "/{owner}/{project}/runs/{slug}", runs::run);
    LabServer.get(r, PREFIX + "/{owner}/{project}/runs/{slug}/diff", runs::diff);
    LabServer.get(r, PREFIX + "/{owner}/{project}/runs/{slug}/download", runs::download);
    LabServer.get(r, PREFIX + "/{owner}/{project}/templates", templates::list);
    LabServer.get(r, PREFIX + "/{owner}/{project}/templates/{name}", templates::versions);
    LabServer.get(
        r, PREFIX + "/{owner}/{project}/templates/{name}/versions/{version}", templates::fields);
    LabServer.get(r, PREFIX + "/{owner}/{project}/templates/{name}/compat", templates::compat);
    // Any other path under /ui is no page, whatever the method: the API routes (registered after
    // these) never see a path under /ui, nor a request signed in with a session cookie.
    io.javalin.http.Handler none = ctx -> errorPage(ctx, 404, "no page " + ctx.path());
    LabServer.get(r, PREFIX + "/*", none);
    r.post(PREFIX + "/*", none);
    r.put(PREFIX + "/*", none);
    r.patch(PREFIX + "/*", none);
    r.delete(PREFIX + "/*", none);
  }

  /** Whether a request is for a page (answered in HTML, errors too, unless it asks for JSON). */
  static boolean isPage(Context ctx) {
    String path = ctx.path();
    return path.equals("/") || path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /**
   * Whether the caller asks for the JSON twin: its {@code Accept} header names {@code
   * application/json} first.
   */
  static boolean wantsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null
        && accept.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  /**
   * Finds the caller of a page: an {@code X-API-Key} header, else the session cookie. The sign-in
   * page and the static files need none; any other page without a caller is refused with 401, which
   * {@link #errorPage} turns into a redirect to the sign-in page (its JSON twin answers 401). Every
   * POST must come from this lab's own pages: an {@code Origin} header naming another origin is
   * refused with 403 before anything else.
   */
  void authenticate(Context ctx) {
    if (ctx.method().name().equals("POST")) {
      checkOrigin(ctx);
    }
    String path = ctx.path();
    if (path.equals("/")
        || path.equals(PREFIX)
        || path.startsWith(STATIC + "/")
        || path.equals(PREFIX + "/sign-in")) {
      return;
    }
    String key = ctx.header("X-API-Key");
    if (key != null && !key.isBlank()) {
      Routes.signIn(
          ctx, routes.keyPrincipal(key).orElseThrow(() -> new ApiError(401, "invalid API key")));
      return;
    }
    String token = ctx.cookie(SESSION_COOKIE);
    if (token != null && !token.isEmpty()) {
      Optional<Store.Session> session = store.session(token);
      if (session.isPresent()) {
        Routes.signIn(ctx, session.get().principal());
        ctx.attribute(SESSION, token);
        return;
      }
      ctx.attribute(STALE_SESSION, Boolean.TRUE);
      throw new ApiError(401, "your session has ended: sign in again");
    }
    throw new ApiError(
        401, "sign in first: through the sign-in page, or send an API key in the X-API-Key header");
  }

  /**
   * Refuses (403) a POST whose {@code Origin} header names another origin than the request's own
   * host: scheme http or https, and host and port equal to the {@code Host} header (the scheme is
   * not compared, so that a TLS-terminating proxy in front of the lab keeps working). A POST
   * without {@code Origin} passes here; its CSRF token still decides.
   */
  private static void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    String host = ctx.header("Host");
    String o = origin.trim().toLowerCase(Locale.ROOT);
    String authority =
        o.startsWith("https://")
            ? o.substring("https://".length())
            : o.startsWith("http://") ? o.substring("http://".length()) : null;
    if (authority == null
        || host == null
        || !authority.equals(host.trim().toLowerCase(Locale.ROOT))) {
      throw new ApiError(
          403, "refused: this form was sent from another site (Origin " + origin + ")");
    }
  }

  /** The caller of this page. */
  static Principal principal(Context ctx) {
    return Routes.principal(ctx);
  }

  /**
   * The project of the path when the caller may use it; otherwise the same 404 page as for a
   * project that does not exist.
   */
  ProjectRef project(Context ctx) {
    return routes.project(ctx);
  }

  /** A link of a page's trail (the breadcrumbs above its heading). */
  record Link(String text, String href) {}

  /**
   * A page: its title (the {@code <title>} and the {@code <h1>}), its trail, its model (the JSON
   * twin, and all the page shows) and what writes the page's content from that model inside {@code
   * <main>}, after the heading.
   */
  record Page(String title, List<Link> trail, ObjectNode model, Consumer<Html> content) {}

  /** Answers a page with status 200: its model as JSON when asked for, the HTML page otherwise. */
  void respond(Context ctx, Page page) {
    respond(ctx, 200, page);
  }

  /**
   * Answers a page with a status (such as 400 for a page showing what is wrong with its query): its
   * model as JSON when asked for, the HTML page otherwise.
   */
  void respond(Context ctx, int status, Page page) {
    headers(ctx);
    if (wantsJson(ctx)) {
      ctx.status(status).contentType("application/json").result(page.model().toString());
      return;
    }
    ctx.status(status).contentType("text/html; charset=utf-8").result(render(ctx, page));
  }

  /** The headers every page answer carries. */
  static void headers(Context ctx) {
    ctx.header("Vary", "Accept, Cookie");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  }

  /** The whole HTML page: head, header with the trail and sign out, main with the content. */
  private String render(Context ctx, Page page) {
    Html h = new Html();
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.el("title", page.title() + " - hectiqlab lab");
    h.empty("link", "rel", "stylesheet", "href", ASSETS.get("lab.css").href());
    h.open("script", "src", ASSETS.get("lab.js").href(), "defer", "defer").close();
    h.close().open("body");
    header(ctx, h, page.trail());
    h.open("main", "id", "main");
    h.el("h1", page.title());
    page.content().accept(h);
    h.close().close().close();
    return h.toString();
  }

  /**
   * Writes the top of every page's body: a skip link, the trail (home first), and for a browser
   * signed in with a session, who it is and the sign-out form with its CSRF token.
   */
  private static void header(Context ctx, Html h, List<Link> trail) {
    h.el("a", "Skip to content", "class", "skip", "href", "#main");
    h.open("header").open("nav", "aria-label", "Trail").open("ol");
    h.open("li").el("a", "hectiqlab lab", "href", PREFIX + "/").close();
    for (Link l : trail) {
      h.open("li").el("a", l.text(), "href", l.href()).close();
    }
    h.close().close();
    String session = ctx.attribute(SESSION);
    if (session != null) {
      h.open("form", "class", "sign-out", "method", "post", "action", PREFIX + "/sign-out");
      h.empty("input", "type", "hidden", "name", "csrf", "value", signOutToken(session));
      h.el("span", principal(ctx).user(), "class", "who");
      h.el("button", "Sign out", "type", "submit");
      h.close();
    }
    h.close();
  }

  /** Answers an error on a page: JSON {@code detail} for the JSON twin, a page otherwise. */
  static void errorPage(Context ctx, int status, String detail) {
    headers(ctx);
    String text = detail == null ? "error" : detail;
    if (wantsJson(ctx)) {
      ctx.status(status)
          .contentType("application/json")
          .result(JSON.createObjectNode().put("detail", text).toString());
      return;
    }
    if (status == 401) {
      if (Boolean.TRUE.equals(ctx.attribute(STALE_SESSION))) {
        clearCookie(ctx, SESSION_COOKIE);
      }
      seeOther(ctx, signInHref(ctx));
      return;
    }
    Html h = new Html();
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    String title = status == 404 ? "Not found" : "Error " + status;
    h.el("title", title + " - hectiqlab lab");
    h.empty("link", "rel", "stylesheet", "href", ASSETS.get("lab.css").href());
    h.close().open("body");
    header(ctx, h, List.of());
    h.open("main", "id", "main").el("h1", title).el("p", text, "role", "alert").close();
    h.close().close();
    ctx.status(status).contentType("text/html; charset=utf-8").result(h.toString());
  }

  /** The projects the caller can see, each a link to its runs. */
  void projects(Context ctx) {
    Principal who = principal(ctx);
    ObjectNode model = JSON.createObjectNode();
    ArrayNode list = model.putArray("projects");
    for (ProjectRef p : store.projects(who.admin() ? null : who.user())) {
      list.addObject().put("project", p.toString()).put("href", projectHref(p));
    }
    respond(
        ctx,
        new Page(
            "Projects",
            List.of(),
            model,
            h -> {
              if (list.isEmpty()) {
                h.el("p", "No projects yet.");
                return;
              }
              h.open("ul", "class", "projects");
              for (var p : list) {
                h.open("li").el("a", p.get("project").asString(), "href", p.get("href").asString());
                h.close();
              }
              h.close();
            }));
  }

  /**
   * Opens the frame a table scrolls in (sideways, at 400 px): a region named {@code label} that the
   * keyboard can reach, so that its overflow can be scrolled without a mouse. Close it after the
   * table.
   */
  static Html tableFrame(Html h, String label) {
    return h.open(
        "div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", label);
  }

  /** The path of a project's runs page. */
  static String projectHref(ProjectRef p) {
    return href(p.owner(), p.name());
  }

  /**
   * A path under {@link #PREFIX} from its segments, each percent-encoded (UTF-8; letters, digits
   * and {@code -._~} as they are), so that a run slug in any script makes a working link.
   */
  static String href(String... segments) {
    StringBuilder b = new StringBuilder(PREFIX);
    for (String s : segments) {
      b.append('/');
      PercentEncoding.encode(s, b);
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ sign in and out

  /**
   * The sign-in page's address for this request: {@code /ui/sign-in}, with {@code next} naming the
   * page asked for when it was a GET of a page (other than the sign-in page).
   */
  private static String signInHref(Context ctx) {
    String here = ctx.path();
    String query = ctx.queryString();
    if (query != null && !query.isEmpty()) {
      here += "?" + query;
    }
    String method = ctx.method().name();
    String next = method.equals("GET") || method.equals("HEAD") ? safeNext(here) : null;
    if (next == null || next.equals(PREFIX + "/") || here.startsWith(PREFIX + "/sign-in")) {
      return PREFIX + "/sign-in";
    }
    StringBuilder b = new StringBuilder(PREFIX + "/sign-in?next=");
    PercentEncoding.encode(next, b);
    return b.toString();
  }

  /**
   * Where a sign-in may send the browser: {@code next} when it is a local path under {@code /ui/}
   * (printable ASCII without backslashes, no empty, {@code .} or {@code ..} segment, at most
   * {@value #MAX_NEXT} characters, not the sign-in or sign-out path); null otherwise, so that a
   * link can never send a signed-in browser to another site ({@code //evil}, {@code /ui/..//evil},
   * {@code /\evil}).
   */
  static String safeNext(String next) {
    if (next == null || next.length() > MAX_NEXT || !next.startsWith(PREFIX + "/")) {
      return null;
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '\\') {
        return null;
      }
    }
    int q = next.indexOf('?');
    String path = q < 0 ? next : next.substring(0, q);
    if (path.equals(PREFIX + "/sign-in") || path.equals(PREFIX + "/sign-out")) {
      return null;
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i].toLowerCase(Locale.ROOT).replace("%2e", ".");
      boolean last = i == segments.length - 1;
      if ((seg.isEmpty() && !last) || seg.equals(".") || seg.equals("..")) {
        return null;
      }
    }
    return next;
  }

  /** {@code GET /ui/sign-in[?next=..]}: the sign-in form. */
  private void signInForm(Context ctx) {
    String next = Optional.ofNullable(safeNext(ctx.queryParam("next"))).orElse(PREFIX + "/");
    signInPage(ctx, 200, next, null);
  }

  /**
   * Writes the sign-in form (with status 401 and {@code error} after a refused key). Its CSRF token
   * is the browser's {@link #SIGN_IN_COOKIE} (kept when it has a well-formed one, so that two tabs
   * can both sign in; a new one otherwise).
   */
  private void signInPage(Context ctx, int status, String next, String error) {
    String sent = ctx.cookie(SIGN_IN_COOKIE);
    String csrf = isToken(sent) ? sent : newToken();
    setCookie(ctx, SIGN_IN_COOKIE, csrf, SIGN_IN_SECONDS);
    ObjectNode model = JSON.createObjectNode();
    model.put("action", PREFIX + "/sign-in").put("next", next).put("csrf", csrf);
    model.put("error", error);
    respond(
        ctx,
        status,
        new Page(
            "Sign in",
            List.of(),
            model,
            h -> {
              h.open("form", "class", "sign-in", "method", "post", "action", PREFIX + "/sign-in");
              h.empty("input", "type", "hidden", "name", "csrf", "value", csrf);
              h.empty("input", "type", "hidden", "name", "next", "value", next);
              if (error != null) {
                h.el("p", error, "class", "error", "id", "sign-in-error", "role", "alert");
              }
              h.el("label", "API key", "for", "key");
              h.empty(
                  "input",
                  "id",
                  "key",
                  "type",
                  "password",
                  "name",
                  "key",
                  "autocomplete",
                  "current-password",
                  "spellcheck",
                  "false",
                  "required",
                  "required",
                  "aria-describedby",
                  error == null ? null : "sign-in-error");
              h.el("button", "Sign in", "type", "submit");
              h.close();
              h.el(
                  "p",
                  "Your key is sent once, to open a session of 12 hours: the lab keeps only a"
                      + " session cookie in this browser, never the key.",
                  "class",
                  "hint");
            }));
  }

  /**
   * {@code POST /ui/sign-in} (form: {@code csrf}, {@code key}, {@code next}): with the form's CSRF
   * token equal to the browser's {@link #SIGN_IN_COOKIE} and an active key, opens a session, sets
   * its cookie and sends the browser on to {@code next} (303); a wrong key answers the form again
   * with 401 (the key is never written back).
   */
  private void signIn(Context ctx) {
    String csrf = ctx.formParam("csrf");
    if (!isToken(csrf) || !sameToken(csrf, ctx.cookie(SIGN_IN_COOKIE))) {
      throw new ApiError(
          403,
          "refused: the sign-in form's CSRF token is missing or wrong (reload the sign-in page"
              + " and sign in again)");
    }
    String next = Optional.ofNullable(safeNext(ctx.formParam("next"))).orElse(PREFIX + "/");
    String key = ctx.formParam("key");
    if (key == null || key.isBlank()) {
      signInPage(ctx, 401, next, "API key: enter your API key");
      return;
    }
    String token;
    try {
      token = store.createSession(key.strip(), SESSION_SECONDS * 1000);
    } catch (StoreException.NotFound e) {
      signInPage(ctx, 401, next, "API key: this key is not valid, or it has been revoked");
      return;
    }
    String previous = ctx.cookie(SESSION_COOKIE);
    if (previous != null && !previous.isEmpty()) {
      store.deleteSession(previous); // signing in again replaces the browser's session
    }
    headers(ctx);
    setCookie(ctx, SESSION_COOKIE, token, SESSION_SECONDS);
    clearCookie(ctx, SIGN_IN_COOKIE);
    seeOther(ctx, next);
  }

  /**
   * {@code POST /ui/sign-out} (form: {@code csrf}): with the session's sign-out token, ends the
   * session, clears its cookie and sends the browser to the sign-in page (303).
   */
  private void signOut(Context ctx) {
    String token = ctx.attribute(SESSION);
    if (token == null) {
      throw new ApiError(400, "sign out: this request has no session (it signed in with a key)");
    }
    String csrf = ctx.formParam("csrf");
    if (csrf == null || !sameToken(csrf, signOutToken(token))) {
      throw new ApiError(
          403, "refused: the sign-out form's CSRF token is missing or wrong (nothing was changed)");
    }
    store.deleteSession(token);
    headers(ctx);
    clearCookie(ctx, SESSION_COOKIE);
    seeOther(ctx, PREFIX + "/sign-in");
  }

  /** Answers 303 See Other to a path of this lab, with the pages' headers and no body. */
  private static void seeOther(Context ctx, String location) {
    headers(ctx);
    ctx.status(HttpStatus.SEE_OTHER).header("Location", location);
    ctx.contentType("text/plain; charset=utf-8").result("");
  }

  /** The sign-out form's CSRF token of a session: derived from its token, never the token. */
  static String signOutToken(String sessionToken) {
    return Sha256.hex("csrf:" + sessionToken);
  }

  /** A new random token: 32 bytes, base64url without padding (43 characters). */
  private static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether a text has the shape of a {@link #newToken()}. */
  private static boolean isToken(String s) {
    return s != null && s.length() == 43 && s.chars().allMatch(Web::isBase64Url);
  }

  private static boolean isBase64Url(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /** Compares two tokens in time independent of where they differ; null equals nothing. */
  private static boolean sameToken(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets a cookie of the pages: {@code Path=/ui; HttpOnly; SameSite=Strict}, {@code Max-Age}, and
   * {@code Secure} when the request came over https. Values are tokens (base64url), never data.
   */
  private static void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
    String cookie =
        name
            + "="
            + value
            + "; Path="
            + PREFIX
            + "; HttpOnly; SameSite=Strict; Max-Age="
            + maxAgeSeconds
            + ("https".equals(ctx.scheme()) ? "; Secure" : "");
    ctx.res().addHeader("Set-Cookie", cookie);
  }

  /** Clears a cookie of the pages (empty, {@code Max-Age=0}). */
  private static void clearCookie(Context ctx, String name) {
    setCookie(ctx, name, "", 0);
  }

  // ------------------------------------------------------------------ the style sheet, the script

  /**
   * A static file of the pages: its bytes, content type and ETag (a hash of the bytes), and the
   * address pages link it by, which carries the hash so that a new version is fetched at once.
   */
  private record Asset(byte[] bytes, String contentType, String etag, String href) {
    static Asset load(String file, String contentType) {
      try (InputStream in = Web.class.getResourceAsStream("web/" + file)) {
        if (in == null) {
          throw new IllegalStateException("the lab's " + file + " is missing from its jar");
        }
        byte[] bytes = in.readAllBytes();
        String hash = Sha256.hex(new String(bytes, StandardCharsets.UTF_8)).substring(0, 16);
        return new Asset(
            bytes, contentType, "\"" + hash + "\"", STATIC + "/" + file + "?v=" + hash);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * {@code GET /ui/_static/{file}}: the style sheet or the script, cached by browsers for a day and
   * revalidated by ETag (304 when unchanged); no sign-in needed.
   */
  private void asset(Context ctx) {
    Asset a = ASSETS.get(ctx.pathParam("file"));
    if (a == null) {
      throw new ApiError(404, "no file '" + ctx.pathParam("file") + "'");
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.header("ETag", a.etag());
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType(a.contentType()).result(a.bytes());
  }
}
