package io.hectiqlab.server;

import static io.hectiqlab.server.LabServer.JSON;

import io.hectiqlab.Compatibility;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.TemplateField;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.TemplateVersion;
import io.hectiqlab.server.TemplateRoutes.Listing;
import io.hectiqlab.server.Web.Link;
import io.hectiqlab.server.Web.Page;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pages of a project's templates: the list, a template's versions, a version's fields table
 * (the rows {@code hectiqlab help} prints, required fields marked) and the compatibility report
 * between two versions with its witnesses. Each page's model is the registry's API answer for the
 * same thing ({@link TemplateRoutes#listModel}, {@link TemplateRoutes#versionsModel}, {@link
 * TemplateRoutes#compatModel}) with the page's links added; the fields page, which has no API twin,
 * lists {@link ConfigSchema#fields()}. Thread-safe.
 */
final class TemplatePages {
  /** How many hexadecimal digits of a version's SHA-256 the versions table shows. */
  static final int SHORT_SHA = 12;

  /** How a time is written on the pages (the model keeps epoch milliseconds). */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Store store;
  private final Web web;
  private final TemplateRoutes registry;

  TemplatePages(Store store, Web web, TemplateRoutes registry) {
    this.store = store;
    this.web = web;
    this.registry = registry;
  }

  // ------------------------------------------------------------------------------ list

  /** {@code GET /ui/{owner}/{project}/templates}. */
  void list(Context ctx) {
    ProjectRef p = web.project(ctx);
    Listing listing = registry.listModel(ctx);
    ObjectNode model = listing.json();
    model.put("project", p.toString());
    for (JsonNode t : model.get("templates")) {
      ObjectNode o = (ObjectNode) t;
      o.put("href", templateHref(p, o.get("name").asString()));
      o.put("latest_href", versionHref(p, o.get("name").asString(), o.get("latest").asInt()));
    }
    paging(model, listing.more(), templatesHref(p));
    web.respond(
        ctx,
        new Page(
            "Templates of " + p,
            List.of(
                new Link(p.toString(), Web.projectHref(p)),
                new Link("Templates", templatesHref(p))),
            model,
            h -> {
              ArrayNode list = (ArrayNode) model.get("templates");
              if (list.isEmpty()) {
                h.el(
                    "p",
                    model.get("page").asInt() == 1
                        ? "No templates in this project yet."
                        : "No templates on this page.");
              } else {
                tableStart(h, "Templates");
                h.open("thead").open("tr");
                th(h, "Template", "Latest version", "Mode", "Updated");
                h.close().close().open("tbody");
                for (JsonNode t : list) {
                  h.open("tr");
                  h.open("th", "scope", "row")
                      .el("a", t.get("name").asString(), "href", t.get("href").asString())
                      .close();
                  h.open("td")
                      .el(
                          "a",
                          "version " + t.get("latest").asInt(),
                          "href",
                          t.get("latest_href").asString())
                      .close();
                  h.el("td", t.get("mode").asString());
                  h.open("td");
                  time(h, t.get("updated_at").asLong());
                  h.close();
                  h.close();
                }
                h.close();
                tableEnd(h);
              }
              pagingLinks(h, model);
            }));
  }

  // ------------------------------------------------------------------------------ versions

  /** {@code GET /ui/{owner}/{project}/templates/{name}}: its versions. */
  void versions(Context ctx) {
    ProjectRef p = web.project(ctx);
    Listing listing = registry.versionsModel(ctx);
    ObjectNode model = listing.json();
    String name = model.get("name").asString();
    int latest = model.get("latest").asInt();
    for (JsonNode v : model.get("versions")) {
      ObjectNode o = (ObjectNode) v;
      int n = o.get("version").asInt();
      o.put("href", versionHref(p, name, n));
      if (n > 1) {
        o.put("compat_href", compatHref(p, name, n - 1, n));
      } else {
        o.putNull("compat_href");
      }
    }
    paging(model, listing.more(), templateHref(p, name));
    model.put("compat_action", templateHref(p, name) + "/compat");
    web.respond(
        ctx,
        new Page(
            "Template " + name,
            trail(p, name),
            model,
            h -> {
              summary(h, model);
              ArrayNode list = (ArrayNode) model.get("versions");
              if (list.isEmpty()) {
                h.el("p", "No versions on this page.");
              } else {
                tableStart(h, "Versions of " + name);
                h.open("thead").open("tr");
                th(h, "Version", "SHA-256", "Published by", "Published", "Bytes", "Compatibility");
                h.close().close().open("tbody");
                for (JsonNode v : list) {
                  int n = v.get("version").asInt();
                  h.open("tr");
                  h.open("th", "scope", "row")
                      .el("a", "version " + n, "href", v.get("href").asString())
                      .close();
                  String sha = v.get("sha256").asString();
                  h.open("td")
                      .el("code", sha.substring(0, Math.min(SHORT_SHA, sha.length())), "title", sha)
                      .close();
                  h.el("td", v.get("published_by").asString());
                  h.open("td");
                  time(h, v.get("published_at").asLong());
                  h.close();
                  h.el("td", String.valueOf(v.get("bytes").asLong()));
                  h.open("td");
                  if (v.get("compat_href").isNull()) {
                    h.text("-");
                  } else {
                    h.el("a", "with version " + (n - 1), "href", v.get("compat_href").asString());
                  }
                  h.close();
                  h.close();
                }
                h.close();
                tableEnd(h);
              }
              pagingLinks(h, model);
              compatForm(
                  h,
                  model.get("compat_action").asString(),
                  latest,
                  Math.max(1, latest - 1),
                  latest,
                  model.get("mode").asString(),
                  model.get("mode").asString());
            }));
  }

  // ------------------------------------------------------------------------------ fields

  /** {@code GET /ui/{owner}/{project}/templates/{name}/versions/{version}}: its fields. */
  void fields(Context ctx) {
    ProjectRef p = web.project(ctx);
    String name = TemplateRoutes.name(ctx, p);
    String n = ctx.pathParam("version");
    Integer asked = n.equals("latest") ? null : TemplateRoutes.versionNumber(n);
    TemplateVersion latest =
        store.templateVersion(p, name, null).orElseThrow(() -> TemplateRoutes.noTemplate(p, name));
    TemplateVersion version =
        (n.equals("latest") || asked != null)
            ? store.templateVersion(p, name, asked).orElse(null)
            : null;
    if (version == null) {
      throw new LabServer.ApiError(404, "no template version lab:" + p + "/" + name + "@" + n);
    }
    TemplateKey key = version.key();
    ConfigSchema schema = registry.compiledVersion(key);
    ObjectNode model = JSON.createObjectNode();
    model.put("project", p.toString());
    model.put("name", name);
    model.put("version", key.version());
    model.put("ref", key.toString());
    model.put("latest", latest.key().version());
    model.put("sha256", version.sha256());
    model.put("published_by", version.publishedBy());
    model.put("published_at", version.publishedAt());
    model.put("truncated", schema.isHelpTruncated());
    model.put("max_fields", ConfigSchema.MAX_HELP_FIELDS);
    ArrayNode rows = model.putArray("fields");
    for (TemplateField f : schema.fields()) {
      ObjectNode o = rows.addObject();
      o.put("path", f.path());
      o.put("type", f.type());
      o.put("required", f.required());
      putNullable(o, "default", f.defaultJson());
      ArrayNode constraints = o.putArray("constraints");
      f.constraints().forEach(constraints::add);
      putNullable(o, "description", f.description());
    }
    int v = key.version();
    putNullable(model, "previous_href", v > 1 ? versionHref(p, name, v - 1) : null);
    putNullable(
        model, "next_href", v < latest.key().version() ? versionHref(p, name, v + 1) : null);
    putNullable(model, "compat_href", v > 1 ? compatHref(p, name, v - 1, v) : null);
    model.put("template_href", templateHref(p, name));
    List<Link> trail = new ArrayList<>(trail(p, name));
    trail.add(new Link("version " + v, versionHref(p, name, v)));
    web.respond(
        ctx,
        new Page(
            "Fields of " + key,
            trail,
            model,
            h -> {
              h.open("p").text("Published by " + model.get("published_by").asString() + " on ");
              time(h, model.get("published_at").asLong());
              h.text(", SHA-256 ").el("code", model.get("sha256").asString()).text(".");
              h.close();
              h.open("nav", "class", "paging", "aria-label", "Versions");
              link(h, "Previous version", model.get("previous_href"));
              link(h, "Next version", model.get("next_href"));
              link(h, "Compatibility with the previous version", model.get("compat_href"));
              link(h, "All versions", model.get("template_href"));
              h.close();
              ArrayNode list = (ArrayNode) model.get("fields");
              if (model.get("truncated").asBoolean()) {
                h.el(
                    "p",
                    "Only the first "
                        + model.get("max_fields").asInt()
                        + " fields are listed: the template has more (its $refs fan out).",
                    "class",
                    "notice",
                    "role",
                    "note");
              }
              if (list.isEmpty()) {
                h.el("p", "The template documents no properties.");
                return;
              }
              tableStart(h, "Fields of " + model.get("ref").asString());
              h.open("thead").open("tr");
              th(h, "Field", "Type", "Required", "Default", "Constraints", "Description");
              h.close().close().open("tbody");
              for (JsonNode f : list) {
                boolean required = f.get("required").asBoolean();
                h.open("tr", "class", required ? "required" : null);
                h.open("th", "scope", "row").el("code", f.get("path").asString()).close();
                h.el("td", f.get("type").asString());
                h.el("td", required ? "yes" : "-");
                h.open("td");
                if (f.get("default").isNull()) {
                  h.text("-");
                } else {
                  h.el("code", f.get("default").asString());
                }
                h.close();
                List<String> constraints = new ArrayList<>();
                f.get("constraints").forEach(c -> constraints.add(c.asString()));
                h.el(
                    "td",
                    constraints.isEmpty() ? "-" : String.join("; ", constraints),
                    "class",
                    "wrap");
                h.el(
                    "td",
                    f.get("description").isNull() ? "-" : f.get("description").asString(),
                    "class",
                    "wrap");
                h.close();
              }
              h.close();
              tableEnd(h);
            }));
  }

  // ------------------------------------------------------------------------------ compat

  /** {@code GET /ui/{owner}/{project}/templates/{name}/compat?from=A&to=B}. */
  void compat(Context ctx) {
    ProjectRef p = web.project(ctx);
    String name = TemplateRoutes.name(ctx, p);
    ObjectNode model = registry.compatModel(ctx);
    int from = model.get("from").asInt();
    int to = model.get("to").asInt();
    int latest =
        store
            .templateVersion(p, name, null)
            .orElseThrow(() -> TemplateRoutes.noTemplate(p, name))
            .key()
            .version();
    model.put("project", p.toString());
    model.put("name", name);
    model.put("latest", latest);
    model.put("from_href", versionHref(p, name, from));
    model.put("to_href", versionHref(p, name, to));
    model.put("compat_action", templateHref(p, name) + "/compat");
    model.put(
        "template_mode",
        store.templateMode(p, name).orElseThrow(() -> TemplateRoutes.noTemplate(p, name)));
    String fromRef = new TemplateKey(p, name, from).toString();
    String toRef = new TemplateKey(p, name, to).toString();
    List<Link> trail = new ArrayList<>(trail(p, name));
    trail.add(new Link("compatibility", compatHref(p, name, from, to)));
    web.respond(
        ctx,
        new Page(
            "Compatibility of " + name + ", version " + from + " to " + to,
            trail,
            model,
            h -> {
              boolean ok = model.get("compatible").asBoolean();
              h.open("p", "class", ok ? "verdict compatible" : "verdict incompatible");
              h.el("strong", ok ? "Compatible" : "Not compatible");
              h.text(" under mode " + model.get("mode").asString() + ": from ");
              h.el("a", fromRef, "href", model.get("from_href").asString());
              h.text(" to ");
              h.el("a", toRef, "href", model.get("to_href").asString());
              h.text(".");
              h.close();
              JsonNode report = model.get("report");
              String text = model.get("text").asString();
              h.el("p", text.substring(text.lastIndexOf('\n') + 1), "class", "summary");
              h.el(
                  "p",
                  "Content model: "
                      + report.get("contentModel").asString()
                      + (report.get("witnessSearchComplete").asBoolean()
                          ? "; every breaking direction was searched for a witness."
                          : "; the witness search stopped at its limit."));
              changes(h, report.get("changes"), fromRef, toRef);
              h.open("details").el("summary", "As the compat command prints it");
              h.el("pre", text);
              h.close();
              compatForm(
                  h,
                  model.get("compat_action").asString(),
                  latest,
                  from,
                  to,
                  model.get("template_mode").asString(),
                  model.get("mode").asString());
            }));
  }

  /**
   * The changes of a report as a table (what, where in each version, the impact on each direction,
   * links to its witnesses), then each witness document with what the version rejecting it says.
   */
  private static void changes(Html h, JsonNode changes, String fromRef, String toRef) {
    if (changes.isEmpty()) {
      h.el("p", "The two versions do not differ.");
      return;
    }
    boolean against = false;
    for (JsonNode c : changes) {
      against |= !c.get("against").isNull();
    }
    tableStart(h, "Changes");
    h.open("thead").open("tr");
    th(h, "#", "Change", "Backward", "Forward", "Witnesses", "Kind", "Applies to");
    th(h, "In version " + versionOf(fromRef), "In version " + versionOf(toRef));
    if (against) {
      th(h, "Found against");
    }
    h.close().close().open("tbody");
    int i = 0;
    for (JsonNode c : changes) {
      i++;
      boolean breaks = isBreaking(c.get("backward")) || isBreaking(c.get("forward"));
      h.open("tr", "id", "change-" + i, "class", breaks ? "breaking" : null);
      h.el("th", String.valueOf(i), "scope", "row");
      h.el("td", c.get("reason").asString(), "class", "wrap");
      impact(h, c.get("backward"));
      impact(h, c.get("forward"));
      h.open("td");
      if (c.get("witnesses").isEmpty()) {
        h.text("-");
      }
      String separator = "";
      for (JsonNode w : c.get("witnesses")) {
        String direction = w.get("direction").asString().toLowerCase(java.util.Locale.ROOT);
        h.text(separator).el("a", direction, "href", "#witness-" + i + "-" + direction);
        separator = ", ";
      }
      h.close();
      h.open("td").el("code", c.get("kind").asString()).close();
      h.open("td").el("code", pointer(c.get("instancePath").asString())).close();
      site(h, c.get("older"), fromRef);
      site(h, c.get("newer"), toRef);
      if (against) {
        h.el("td", c.get("against").isNull() ? "-" : c.get("against").asString());
      }
      h.close();
    }
    h.close();
    tableEnd(h);
    i = 0;
    boolean heading = false;
    for (JsonNode c : changes) {
      i++;
      for (JsonNode w : c.get("witnesses")) {
        if (!heading) {
          h.el("h2", "Witnesses");
          heading = true;
        }
        boolean backward = w.get("direction").asString().equals("BACKWARD");
        String id = "witness-" + i + "-" + (backward ? "backward" : "forward");
        h.open("figure", "class", "witness", "id", id);
        h.open("figcaption");
        h.el("strong", (backward ? "Backward witness" : "Forward witness") + " of change " + i);
        h.text(
            ": valid under "
                + (backward ? fromRef : toRef)
                + ", invalid under "
                + (backward ? toRef : fromRef)
                + ": "
                + w.get("violation").asString());
        h.close();
        h.open("pre").el("code", w.get("document").toString()).close();
        h.close();
      }
    }
  }

  /**
   * A change's site in version {@code ref} as a cell: its pointer and where that is ({@code -} when
   * the version has none).
   */
  private static void site(Html h, JsonNode site, String ref) {
    if (site.isNull()) {
      h.el("td", "-");
      return;
    }
    // the column names the version: a place in it reads "line 4:40"
    String location = site.get("location").asString();
    boolean inVersion = location.startsWith(ref + ":");
    h.open("td").el("code", pointer(site.get("pointer").asString()));
    h.text(inVersion ? ", line " : " at ");
    h.el("code", inVersion ? location.substring(ref.length() + 1) : location).close();
  }

  /** The version number of a ref ({@code lab:o/p/t@3}: {@code 3}). */
  private static String versionOf(String ref) {
    return ref.substring(ref.lastIndexOf('@') + 1);
  }

  private static boolean isBreaking(JsonNode impact) {
    return !impact.asString().equals("NONE");
  }

  /** A change's impact on one direction as a cell, a breaking one in bold. */
  private static void impact(Html h, JsonNode impact) {
    String words = impact(impact.asString());
    if (isBreaking(impact)) {
      h.open("td").el("strong", words).close();
    } else {
      h.el("td", words);
    }
  }

  /** A JSON Pointer as shown: {@code (root)} for the whole document, as the compat command says. */
  private static String pointer(String p) {
    return p.isEmpty() ? "(root)" : p;
  }

  /** An impact in words. */
  private static String impact(String name) {
    return switch (name) {
      case "NONE" -> "no effect";
      case "BREAKS" -> "breaks";
      case "NOT_DECIDED" -> "not decided";
      default -> name;
    };
  }

  /**
   * The GET form choosing two versions and a mode to compare them under ({@code mode} chosen, the
   * template's own marked).
   */
  private static void compatForm(
      Html h, String action, int latest, int from, int to, String templateMode, String mode) {
    h.el("h2", "Compare two versions", "id", "compat-heading");
    h.open(
        "form",
        "method",
        "get",
        "action",
        action,
        "class",
        "compat-form",
        "aria-labelledby",
        "compat-heading");
    String max = String.valueOf(latest);
    h.open("div");
    h.el("label", "From version", "for", "compat-from");
    h.empty(
        "input",
        "type",
        "number",
        "id",
        "compat-from",
        "name",
        "from",
        "min",
        "1",
        "max",
        max,
        "value",
        String.valueOf(from),
        "required",
        "required");
    h.close().open("div");
    h.el("label", "To version", "for", "compat-to");
    h.empty(
        "input",
        "type",
        "number",
        "id",
        "compat-to",
        "name",
        "to",
        "min",
        "1",
        "max",
        max,
        "value",
        String.valueOf(to),
        "required",
        "required");
    h.close().open("div");
    h.el("label", "Mode", "for", "compat-mode");
    h.open("select", "id", "compat-mode", "name", "mode");
    for (Compatibility.Mode m : Compatibility.Mode.values()) {
      h.el(
          "option",
          m.id() + (m.id().equals(templateMode) ? " (the template's mode)" : ""),
          "value",
          m.id(),
          "selected",
          m.id().equals(mode) ? "selected" : null);
    }
    h.close().close();
    h.el("button", "Check compatibility", "type", "submit");
    h.close();
  }

  // ------------------------------------------------------------------------------ shared

  /** The line under a template's heading: its mode and latest version. */
  private static void summary(Html h, ObjectNode model) {
    h.el(
        "p",
        "Mode "
            + model.get("mode").asString()
            + "; latest version "
            + model.get("latest").asInt()
            + ".");
  }

  private static List<Link> trail(ProjectRef p, String name) {
    return List.of(
        new Link(p.toString(), Web.projectHref(p)),
        new Link("Templates", templatesHref(p)),
        new Link(name, templateHref(p, name)));
  }

  /** Adds {@code previous} and {@code next} (null when there is none) for a paged model. */
  private static void paging(ObjectNode model, boolean more, String base) {
    int page = model.get("page").asInt();
    int size = model.get("size").asInt();
    putNullable(
        model, "previous", page > 1 ? base + "?page=" + (page - 1) + "&size=" + size : null);
    putNullable(model, "next", more ? base + "?page=" + (page + 1) + "&size=" + size : null);
  }

  private static void pagingLinks(Html h, ObjectNode model) {
    if (model.get("previous").isNull() && model.get("next").isNull()) {
      return;
    }
    h.open("nav", "class", "paging", "aria-label", "Pages");
    link(h, "Previous page", model.get("previous"));
    h.el("span", "Page " + model.get("page").asInt());
    link(h, "Next page", model.get("next"));
    h.close();
  }

  /** A link to {@code href}, or nothing when it is null. */
  private static void link(Html h, String text, JsonNode href) {
    if (href != null && !href.isNull()) {
      h.el("a", text, "href", href.asString());
    }
  }

  /** Opens a table in its scrolling wrapper (reachable by keyboard to scroll it). */
  private static void tableStart(Html h, String caption) {
    Web.tableFrame(h, caption);
    h.open("table").el("caption", caption);
  }

  private static void tableEnd(Html h) {
    h.close().close();
  }

  private static void th(Html h, String... headers) {
    for (String t : headers) {
      h.el("th", t, "scope", "col");
    }
  }

  /** Writes a time (epoch milliseconds) as a {@code <time>} element. */
  private static void time(Html h, long millis) {
    Instant at = Instant.ofEpochMilli(millis);
    h.el("time", TIME.format(at), "datetime", DateTimeFormatter.ISO_INSTANT.format(at));
  }

  private static void putNullable(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  private static String templatesHref(ProjectRef p) {
    return Web.href(p.owner(), p.name(), "templates");
  }

  private static String templateHref(ProjectRef p, String name) {
    return Web.href(p.owner(), p.name(), "templates", name);
  }

  /** The fields page of a template version: what other pages link a {@code lab:} ref to. */
  static String href(TemplateKey key) {
    return versionHref(key.project(), key.name(), key.version());
  }

  private static String versionHref(ProjectRef p, String name, int version) {
    return Web.href(p.owner(), p.name(), "templates", name, "versions", String.valueOf(version));
  }

  private static String compatHref(ProjectRef p, String name, int from, int to) {
    return templateHref(p, name) + "/compat?from=" + from + "&to=" + to;
  }
}
