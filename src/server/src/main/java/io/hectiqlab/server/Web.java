package io.hectiqlab.server;

import static io.hectiqlab.server.LabServer.JSON;

import io.hectiqlab.server.LabServer.ApiError;
import io.hectiqlab.server.LabServer.Routes;
import io.hectiqlab.server.Store.Principal;
import io.hectiqlab.server.Store.ProjectRef;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
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
  /** Where the pages live. */
  static final String PREFIX = "/ui";

  /** Where the style sheet and the script live (no project owner can be named {@code _static}). */
  static final String STATIC = PREFIX + "/_static";

  private final Store store;
  private final Routes routes;
  private final RunPages runs;
  private final TemplatePages templates;

  Web(Store store, Routes routes) {
    this.store = store;
    this.routes = routes;
    this.runs = new RunPages(store, this, routes.templates);
    this.templates = new TemplatePages(store, this, routes.templates);
  }

  /** Adds the pages' routes. */
  void register(RoutesConfig r) {
    r.get("/", ctx -> ctx.redirect(PREFIX + "/", io.javalin.http.HttpStatus.SEE_OTHER));
    r.get(STATIC + "/{file}", this::asset);
    r.get(PREFIX + "/sign-in", this::signInForm);
    r.post(PREFIX + "/sign-in", this::signIn);
    r.post(PREFIX + "/sign-out", this::signOut);
    r.get(PREFIX, ctx -> ctx.redirect(PREFIX + "/", io.javalin.http.HttpStatus.SEE_OTHER));
    r.get(PREFIX + "/", this::projects);
    r.get(PREFIX + "/{owner}/{project}", runs::table);
    r.get(PREFIX + "/{owner}/{project}/compare", runs::compare);
    r.get(PREFIX + "/{owner}/{project}/runs/{slug}", runs::run);
    r.get(PREFIX + "/{owner}/{project}/runs/{slug}/diff", runs::diff);
    r.get(PREFIX + "/{owner}/{project}/runs/{slug}/download", runs::download);
    r.get(PREFIX + "/{owner}/{project}/templates", templates::list);
    r.get(PREFIX + "/{owner}/{project}/templates/{name}", templates::versions);
    r.get(PREFIX + "/{owner}/{project}/templates/{name}/versions/{version}", templates::fields);
    r.get(PREFIX + "/{owner}/{project}/templates/{name}/compat", templates::compat);
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
   * Finds the caller of a page: a session cookie or an {@code X-API-Key} header. The sign-in page
   * and the static files need none; any other page without a caller redirects to the sign-in page
   * (its JSON twin answers 401).
   */
  void authenticate(Context ctx) {
    String path = ctx.path();
    if (path.equals("/") || path.startsWith(STATIC + "/") || path.equals(PREFIX + "/sign-in")) {
      return;
    }
    String key = ctx.header("X-API-Key");
    if (key != null && !key.isBlank()) {
      Routes.signIn(
          ctx, routes.keyPrincipal(key).orElseThrow(() -> new ApiError(401, "invalid API key")));
      return;
    }
    // issue16-web: the session cookie, and the redirect to the sign-in page
    throw new ApiError(401, "sign in first");
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

  /** Answers a page: its model as JSON when asked for, the HTML page otherwise. */
  void respond(Context ctx, Page page) {
    headers(ctx);
    if (wantsJson(ctx)) {
      ctx.status(200).contentType("application/json").result(page.model().toString());
      return;
    }
    ctx.status(200).contentType("text/html; charset=utf-8").result(render(ctx, page));
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
    h.empty("link", "rel", "stylesheet", "href", STATIC + "/lab.css");
    h.open("script", "src", STATIC + "/lab.js", "defer", "defer").close();
    h.close().open("body");
    h.open("header").open("nav", "aria-label", "Trail").open("ol");
    h.open("li").el("a", "hectiqlab lab", "href", PREFIX + "/").close();
    for (Link l : page.trail()) {
      h.open("li").el("a", l.text(), "href", l.href()).close();
    }
    h.close().close();
    // issue16-web: the sign-out form (with its CSRF token) when signed in with a session
    h.close();
    h.open("main", "id", "main");
    h.el("h1", page.title());
    page.content().accept(h);
    h.close().close().close();
    return h.toString();
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
    // issue16-web: 401 on a page redirects to the sign-in page
    Html h = new Html();
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    String title = status == 404 ? "Not found" : "Error " + status;
    h.el("title", title + " - hectiqlab lab");
    h.empty("link", "rel", "stylesheet", "href", STATIC + "/lab.css");
    h.close().open("body");
    h.open("header").open("nav", "aria-label", "Trail").open("ol");
    h.open("li").el("a", "hectiqlab lab", "href", PREFIX + "/").close();
    h.close().close().close();
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
      encode(s, b);
    }
    return b.toString();
  }

  /** Percent-encodes a path segment or a query value into {@code b}. */
  static void encode(String s, StringBuilder b) {
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
  }

  // ------------------------------------------------------------------ issue16-web writes these

  private void asset(Context ctx) {
    throw new ApiError(404, "no such file");
  }

  private void signInForm(Context ctx) {
    throw new ApiError(404, "sign-in: written in issue16-web");
  }

  private void signIn(Context ctx) {
    throw new ApiError(404, "sign-in: written in issue16-web");
  }

  private void signOut(Context ctx) {
    throw new ApiError(404, "sign-out: written in issue16-web");
  }
}
