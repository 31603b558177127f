package io.hectiqlab.server;

import static io.hectiqlab.server.LabServer.JSON;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.TemplateField;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.PercentEncoding;
import io.hectiqlab.server.LabServer.ApiError;
import io.hectiqlab.server.LabServer.Routes;
import io.hectiqlab.server.Store.Cell;
import io.hectiqlab.server.Store.ConfigVersion;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunQuery;
import io.hectiqlab.server.Store.RunRecord;
import io.hectiqlab.server.Store.RunRow;
import io.hectiqlab.server.Store.Snapshot;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.VersionInfo;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pages of a project's runs: the runs table (filter, sort, columns, paging, compare selection),
 * one run (config tree with descriptions, metadata, versions, downloads), the structural diff of
 * two versions, and the comparison of up to {@link #MAX_COMPARED} runs. Each page builds its model
 * (the JSON twin) first and writes its HTML from that model only. Thread-safe.
 */
final class RunPages {
  /** The most runs one comparison shows. */
  static final int MAX_COMPARED = 20;

  /**
   * How many runs-table queries with a {@code ~} may run at once on this server: each may take up
   * to the store's regex budget, so that a burst of them cannot hold every core and stall every
   * page.
   */
  static final int PATTERN_QUERIES = 2;

  static final java.util.concurrent.Semaphore PATTERN_SLOTS =
      new java.util.concurrent.Semaphore(PATTERN_QUERIES);

  /** Rows of the runs table per page when the URL names no {@code size}, and the most. */
  static final int PAGE_SIZE = 50;

  static final int MAX_PAGE_SIZE = 200;

  /** The most config and metadata columns the runs table shows. */
  static final int MAX_COLUMNS = 20;

  /** Versions in a page of a run's version list. */
  static final int VERSIONS_PAGE = 50;

  /** The most nodes of a config tree, rows of a comparison or changes of a diff a page shows. */
  static final int MAX_SHOWN = Store.MAX_INDEXED_VALUES;

  /** The most paths the column picker proposes. */
  static final int MAX_PICKER_PATHS = 500;

  /** The config key under which a config carries its template's help (see ConfigSchema). */
  static final String HELP_KEY = "__help__";

  private static final String ASC = "asc";
  private static final String DESC = "desc";
  private static final String DIFFERENCES = "differences";

  private final Store store;
  private final Web web;
  private final Routes routes;
  private final TemplateRoutes templates;

  RunPages(Store store, Web web, Routes routes) {
    this.store = store;
    this.web = web;
    this.routes = routes;
    this.templates = routes.templates;
  }

  /**
   * The compiled template version a run's config was validated against, when there is one, the lab
   * can still compile it, and the caller may read it (its project is the run's, or one the caller
   * may use: a config pushed with another project's template shows that template's words only to
   * its readers); empty otherwise.
   */
  private Optional<ConfigSchema> readableTemplate(Context ctx, ProjectRef runs, TemplateKey key) {
    if (key == null
        || (!key.project().equals(runs) && !routes.mayUse(Web.principal(ctx), key.project()))) {
      return Optional.empty();
    }
    try {
      return Optional.of(templates.compiledVersion(key));
    } catch (RuntimeException e) {
      return Optional.empty(); // deleted or no longer compiling: nothing to describe with
    }
  }

  // ------------------------------------------------------------------------------ runs table

  /** What the runs table's URL asks for, once read; {@code error} set when something is wrong. */
  private record TableQuery(
      String filterText,
      RunFilter filter,
      RunColumn sort,
      boolean descending,
      List<RunColumn> columns,
      int page,
      int size,
      ObjectNode error) {}

  /** {@code GET /ui/{owner}/{project}}: the runs table. */
  void table(Context ctx) {
    ProjectRef p = web.project(ctx);
    TableQuery q = tableQuery(ctx);
    ObjectNode model = JSON.createObjectNode();
    model.put("project", p.toString());
    model.put("filter", q.filterText());
    model.put("sort", q.sort().toString());
    model.put("order", q.descending() ? DESC : ASC);
    ArrayNode columns = model.putArray("columns");
    q.columns().forEach(c -> columns.add(c.toString()));
    model.put("page", q.page());
    model.put("size", q.size());
    ArrayNode runs = model.putArray("runs");
    boolean more = false;
    ObjectNode error = q.error();
    if (error == null) {
      try {
        RunQuery query =
            new RunQuery(
                q.filter(),
                q.sort(),
                q.descending(),
                q.columns(),
                (q.page() - 1) * q.size(),
                q.size() + 1);
        List<RunRow> rows =
            matches(q.filter()) ? withPatternSlot(ctx, p, query) : store.runRows(p, query);
        more = rows.size() > q.size();
        for (RunRow r : rows.subList(0, Math.min(rows.size(), q.size()))) {
          runs.add(rowJson(p, r, q.columns()));
        }
      } catch (RunFilter.SyntaxError e) {
        error = error("filter", e.column(), e.getMessage());
      } catch (IllegalArgumentException e) {
        error = error("filter", 0, e.getMessage());
      }
    }
    model.put("permalink", tableHref(p, q, q.page(), q.sort(), q.descending()));
    model.put(
        "previous",
        error == null && q.page() > 1
            ? tableHref(p, q, q.page() - 1, q.sort(), q.descending())
            : null);
    model.put(
        "next",
        error == null && more ? tableHref(p, q, q.page() + 1, q.sort(), q.descending()) : null);
    model.put("runs_href", Web.projectHref(p));
    model.put("compare", Web.href(p.owner(), p.name(), "compare"));
    model.put("templates", Web.href(p.owner(), p.name(), "templates"));
    ArrayNode paths = model.putArray("paths");
    pickerPaths(p, runs).forEach(paths::add);
    ArrayNode sortLinks = model.putArray("sort_links");
    for (RunColumn c : tableColumns(q.columns())) {
      boolean sorted = c.equals(q.sort());
      boolean desc = sorted ? !q.descending() : c.equals(RunColumn.CREATED);
      sortLinks
          .addObject()
          .put("column", c.toString())
          .put("href", tableHref(p, q, 1, c, desc))
          .put("sorted", sorted ? (q.descending() ? "descending" : "ascending") : null);
    }
    if (error != null) {
      model.set("error", error);
    }
    web.respond(
        ctx,
        error == null ? 200 : 400,
        new Web.Page(p.toString(), List.of(projectLink(p)), model, h -> tableHtml(h, model)));
  }

  /** The error of the runs table: which parameter, where in it (1-based; 0 when no column). */
  private static ObjectNode error(String parameter, int column, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("parameter", parameter);
    if (column > 0) {
      e.put("column", column);
    } else {
      e.putNull("column");
    }
    e.put("message", message);
    return e;
  }

  /** Reads the runs table's parameters; the first problem found goes into {@code error}. */
  private static TableQuery tableQuery(Context ctx) {
    String text = ctx.queryParam("filter");
    String filterText = text == null || text.isBlank() ? null : text;
    RunFilter filter = null;
    RunColumn sort = RunColumn.CREATED;
    boolean descending = true;
    List<RunColumn> columns = new ArrayList<>();
    int page = 1;
    int size = PAGE_SIZE;
    ObjectNode error = null;
    try {
      page = Routes.intParam(ctx, "page", 1, 1, 1_000_000);
    } catch (ApiError e) {
      error = error("page", 0, e.getMessage());
    }
    try {
      size = Routes.intParam(ctx, "size", PAGE_SIZE, 1, MAX_PAGE_SIZE);
    } catch (ApiError e) {
      error = first(error, error("size", 0, e.getMessage()));
    }
    List<String> asked = ctx.queryParams("column");
    if (asked.size() > MAX_COLUMNS) {
      error = first(error, error("column", 0, "column: at most " + MAX_COLUMNS + " columns"));
    }
    for (String c : asked.subList(0, Math.min(asked.size(), MAX_COLUMNS))) {
      if (c.isBlank()) {
        continue; // the picker's empty "add a column" field
      }
      try {
        RunColumn col = RunColumn.parse(c.strip());
        if (col.source() == RunColumn.Source.RUN) {
          throw new IllegalArgumentException("'" + c + "' is always shown");
        }
        if (!columns.contains(col)) {
          columns.add(col);
        }
      } catch (IllegalArgumentException e) {
        error = first(error, error("column", 0, "column: " + e.getMessage()));
      }
    }
    String s = ctx.queryParam("sort");
    if (s != null && !s.isBlank()) {
      try {
        sort = RunColumn.parse(s.strip());
      } catch (IllegalArgumentException e) {
        error = first(error, error("sort", 0, "sort: " + e.getMessage()));
      }
    }
    String order = ctx.queryParam("order");
    if (order != null && !order.equals(ASC) && !order.equals(DESC)) {
      error = first(error, error("order", 0, "order must be asc or desc"));
    } else {
      descending = !ASC.equals(order);
    }
    if (filterText != null) {
      try {
        filter = RunFilter.parse(filterText);
      } catch (RunFilter.SyntaxError e) {
        error = first(error, error("filter", e.column(), e.getMessage()));
      }
    }
    return new TableQuery(filterText, filter, sort, descending, columns, page, size, error);
  }

  /** The error found first: {@code found} when there is one, else {@code next}. */
  private static ObjectNode first(ObjectNode found, ObjectNode next) {
    return found != null ? found : next;
  }

  /** The table's columns in order: the run attributes, then the picked columns. */
  private static List<RunColumn> tableColumns(List<RunColumn> picked) {
    List<RunColumn> out = new ArrayList<>();
    for (String a : RunColumn.ATTRIBUTES) {
      out.add(new RunColumn(RunColumn.Source.RUN, List.of(a)));
    }
    out.addAll(picked);
    return out;
  }

  /** A row of the runs table's model. */
  private static ObjectNode rowJson(ProjectRef p, RunRow r, List<RunColumn> columns) {
    ObjectNode o = JSON.createObjectNode();
    o.put("slug", r.run().slug());
    o.put("name", r.run().name());
    o.put("href", runHref(p, r.run().slug()));
    o.put("created_at", r.run().createdAt());
    o.put("versions", r.versions());
    if (r.lastPush() > 0) {
      o.put("last_push", r.lastPush());
    } else {
      o.putNull("last_push");
    }
    o.put("template", r.template() == null ? null : r.template().toString());
    o.put("template_href", r.template() == null ? null : TemplatePages.href(r.template()));
    ObjectNode cells = o.putObject("cells");
    for (RunColumn c : columns) {
      Cell cell = r.cells().get(c);
      if (cell != null) {
        cells.putObject(c.toString()).put("kind", cell.kind()).put("json", cell.json());
      }
    }
    return o;
  }

  /**
   * The config and metadata paths of the page's runs (their latest config's scalars, their metadata
   * keys), for the column picker; at most {@link #MAX_PICKER_PATHS} of each.
   */
  private List<String> pickerPaths(ProjectRef p, ArrayNode runs) {
    List<String> slugs = new ArrayList<>();
    runs.forEach(r -> slugs.add(r.get("slug").asString()));
    return store.columns(p, slugs, MAX_PICKER_PATHS).stream().map(RunColumn::toString).toList();
  }

  /** The runs table's URL for another page or sort, keeping the filter and the columns. */
  private static String tableHref(
      ProjectRef p, TableQuery q, int page, RunColumn sort, boolean desc) {
    List<String[]> params = new ArrayList<>();
    if (q.filterText() != null) {
      params.add(new String[] {"filter", q.filterText()});
    }
    if (!sort.equals(RunColumn.CREATED)) {
      params.add(new String[] {"sort", sort.toString()});
    }
    if (!desc) {
      params.add(new String[] {"order", ASC});
    }
    for (RunColumn c : q.columns()) {
      params.add(new String[] {"column", c.toString()});
    }
    if (page > 1) {
      params.add(new String[] {"page", Integer.toString(page)});
    }
    if (q.size() != PAGE_SIZE) {
      params.add(new String[] {"size", Integer.toString(q.size())});
    }
    return withQuery(Web.projectHref(p), params);
  }

  /** {@code path?name=value&...}, each value percent-encoded. */
  private static String withQuery(String path, List<String[]> params) {
    StringBuilder b = new StringBuilder(path);
    char sep = '?';
    for (String[] kv : params) {
      b.append(sep).append(kv[0]).append('=');
      PercentEncoding.encode(kv[1], b);
      sep = '&';
    }
    return b.toString();
  }

  /**
   * The runs table page from its model: the filter and column form (with the error under the filter
   * box), the permalink, the table inside the compare form, the paging links.
   */
  private static void tableHtml(Html h, ObjectNode m) {
    h.open("p", "class", "project-links")
        .el("a", "Templates", "href", m.get("templates").asString());
    h.close();
    JsonNode error = m.get("error");
    List<String> columns = strings(m.get("columns"));
    // the filter and the columns: one GET form, so that the URL keeps them
    h.open(
        "form",
        "method",
        "get",
        "action",
        m.get("runs_href").asString(),
        "class",
        "filter",
        "role",
        "search");
    h.el("label", "Filter", "for", "filter");
    h.empty(
        "input",
        "type",
        "text",
        "id",
        "filter",
        "name",
        "filter",
        "value",
        text(m.get("filter")),
        "placeholder",
        "config.optimizer.lr < 0.01 and meta.accuracy >= 0.9",
        "aria-describedby",
        error != null ? "filter-error" : "filter-help",
        "aria-invalid",
        error != null ? "true" : null,
        "spellcheck",
        "false",
        "autocomplete",
        "off");
    if (error != null) {
      h.el(
          "p",
          error.get("message").asString(),
          "id",
          "filter-error",
          "class",
          "error",
          "role",
          "alert");
    } else {
      h.el(
          "p",
          "Compare config.PATH or meta.PATH with = != < <= > >= or ~ (a regular expression);"
              + " join with and, or, not; quote strings.",
          "id",
          "filter-help",
          "class",
          "hint");
    }
    h.open("fieldset", "class", "columns").el("legend", "Columns");
    int i = 0;
    for (String c : columns) {
      i++;
      h.el("label", "Column " + i, "for", "column-" + i);
      h.empty(
          "input",
          "type",
          "text",
          "id",
          "column-" + i,
          "name",
          "column",
          "value",
          c,
          "list",
          "paths");
    }
    h.el("label", "Add a column", "for", "column-new");
    h.empty(
        "input",
        "type",
        "text",
        "id",
        "column-new",
        "name",
        "column",
        "list",
        "paths",
        "placeholder",
        "config.optimizer.lr");
    h.open("datalist", "id", "paths");
    for (JsonNode p : m.get("paths")) {
      h.el("option", null, "value", p.asString());
    }
    h.close();
    h.close();
    if (!m.get("sort").asString().equals(RunColumn.CREATED.toString())) {
      h.empty("input", "type", "hidden", "name", "sort", "value", m.get("sort").asString());
    }
    if (m.get("order").asString().equals(ASC)) {
      h.empty("input", "type", "hidden", "name", "order", "value", ASC);
    }
    if (m.get("size").asInt() != PAGE_SIZE) {
      h.empty("input", "type", "hidden", "name", "size", "value", m.get("size").asString());
    }
    h.el("button", "Apply", "type", "submit");
    h.close();

    h.open("p", "class", "permalink")
        .el("a", "Permalink", "href", m.get("permalink").asString())
        .close();

    ArrayNode runs = (ArrayNode) m.get("runs");
    if (runs.isEmpty()) {
      h.el(
          "p",
          error != null ? "No runs: the query has an error." : "No runs match.",
          "class",
          "empty");
    }
    h.open(
        "form",
        "method",
        "get",
        "action",
        m.get("compare").asString(),
        "class",
        "compare",
        "id",
        "compare-form");
    Web.tableFrame(h, "Runs table");
    h.open("table", "class", "runs");
    h.el("caption", "Runs of " + m.get("project").asString() + ", page " + m.get("page").asInt());
    h.open("thead").open("tr");
    h.el("th", "Compare", "scope", "col");
    for (JsonNode s : m.get("sort_links")) {
      String label = headerLabel(s.get("column").asString());
      h.open("th", "scope", "col", "aria-sort", text(s.get("sorted")));
      h.open("a", "href", s.get("href").asString()).text(label);
      String sorted = text(s.get("sorted"));
      if (sorted != null) {
        // the direction is in aria-sort for screen readers; the arrow is for eyes
        h.el("span", sorted.equals("ascending") ? " \u25B2" : " \u25BC", "aria-hidden", "true");
      }
      h.close();
      h.close();
    }
    h.close().close();
    h.open("tbody");
    int n = 0;
    for (JsonNode r : runs) {
      n++;
      String nameId = "run-name-" + n;
      h.open("tr");
      h.open("td");
      h.empty(
          "input",
          "type",
          "checkbox",
          "name",
          "run",
          "value",
          r.get("slug").asString(),
          "id",
          "pick-" + n,
          "aria-labelledby",
          nameId);
      h.close();
      h.open("th", "scope", "row")
          .el("a", r.get("name").asString(), "href", r.get("href").asString(), "id", nameId)
          .close();
      h.el("td", time(r.get("created_at").asLong()));
      h.el("td", r.get("versions").asString(), "class", "num");
      h.el(
          "td",
          r.get("last_push").isNull() ? "never" : time(r.get("last_push").asLong()),
          "class",
          r.get("last_push").isNull() ? "missing" : null);
      templateCell(h, r);
      for (String c : columns) {
        cellHtml(h, r.get("cells").get(c));
      }
      h.close();
    }
    h.close().close().close();
    h.el("button", "Compare", "type", "submit", "class", "compare-button");
    h.el(
        "p",
        "Tick 2 to " + MAX_COMPARED + " runs, then Compare.",
        "class",
        "hint",
        "id",
        "compare-help");
    h.close();
    pager(h, m);
  }

  /** A table cell naming a row's template version (a link to its fields), or none. */
  private static void templateCell(Html h, JsonNode row) {
    if (row.get("template").isNull()) {
      h.el("td", "none", "class", "missing");
      return;
    }
    h.open("td");
    h.el("a", row.get("template").asString(), "href", row.get("template_href").asString());
    h.close();
  }

  /** A table cell of a config or metadata value: missing, null or the value's JSON. */
  private static void cellHtml(Html h, JsonNode cell) {
    if (cell == null) {
      h.el("td", "missing", "class", "missing");
      return;
    }
    String kind = cell.get("kind").asString();
    String json = text(cell.get("json"));
    switch (kind) {
      case "null" -> h.el("td", "null", "class", "null");
      case "object", "array" -> h.el("td", kind, "class", "container");
      default -> h.el("td", json, "class", kind);
    }
  }

  /** The header text of a column: a run attribute in words, a config or metadata path as is. */
  private static String headerLabel(String column) {
    return switch (column) {
      case "name" -> "Run";
      case "created" -> "Created";
      case "versions" -> "Versions";
      case "last_push" -> "Last push";
      case "template" -> "Template";
      default -> column;
    };
  }

  /** The previous and next page links of the runs table, when there are any. */
  private static void pager(Html h, ObjectNode m) {
    JsonNode prev = m.get("previous");
    JsonNode next = m.get("next");
    if (prev.isNull() && next.isNull()) {
      return;
    }
    h.open("nav", "class", "paging", "aria-label", "Pages");
    if (!prev.isNull()) {
      h.el("a", "Previous page", "href", prev.asString(), "rel", "prev");
    }
    h.el("span", "Page " + m.get("page").asInt());
    if (!next.isNull()) {
      h.el("a", "Next page", "href", next.asString(), "rel", "next");
    }
    h.close();
  }

  // ------------------------------------------------------------------------------ one run

  /** {@code GET /ui/{owner}/{project}/runs/{slug}[?version=N&page=N]}: one run. */
  void run(Context ctx) {
    ProjectRef p = web.project(ctx);
    String slug = slug(ctx);
    Snapshot latest = store.snapshot(p, slug, null).orElseThrow(() -> noRun(slug));
    int last = latest.config().map(ConfigVersion::version).orElse(0);
    Optional<ConfigVersion> shown = latest.config();
    if (ctx.queryParam("version") != null) {
      int v = Routes.intParam(ctx, "version", 0, 1, Integer.MAX_VALUE);
      shown = v == last ? shown : store.config(p, slug, v);
      if (shown.isEmpty()) {
        throw noVersion(slug, v);
      }
    }
    int pages = Math.max(1, (last + VERSIONS_PAGE - 1) / VERSIONS_PAGE);
    int page = Routes.intParam(ctx, "page", 1, 1, pages);

    RunRecord run = latest.run();
    ObjectNode model = JSON.createObjectNode();
    model.put("project", p.toString());
    model.set("run", runJson(p, run));
    model.put("latest", last);
    ConfigVersion cv = shown.orElse(null);
    model.put("version", cv == null ? null : cv.version());
    model.put("pushed_at", cv == null ? null : cv.createdAt());
    model.put("template", cv == null || cv.template() == null ? null : cv.template().toString());
    model.put(
        "template_href",
        cv == null || cv.template() == null ? null : TemplatePages.href(cv.template()));
    ArrayNode tree = model.putArray("config");
    boolean truncated = false;
    if (cv != null) {
      ObjectNode config = (ObjectNode) parse(cv.body());
      Describer describe =
          new Describer(readableTemplate(ctx, p, cv.template()), config.get(HELP_KEY));
      int[] budget = {MAX_SHOWN};
      treeJson(new ArrayList<>(), withoutHelp(config), tree, describe, budget);
      truncated = budget[0] < 0;
      model.put("descriptions", describe.source());
    } else {
      model.putNull("descriptions");
    }
    model.put("truncated", truncated);
    ArrayNode meta = model.putArray("meta");
    for (Map.Entry<String, String> e : latest.meta().entrySet()) {
      JsonNode v = parse(e.getValue());
      meta.addObject().put("key", e.getKey()).put("kind", kind(v)).put("json", e.getValue());
    }
    // versions, newest first: page k holds versions last-(k-1)*size down to 1 at most
    int highest = last - (page - 1) * VERSIONS_PAGE;
    int lowest = Math.max(1, highest - VERSIONS_PAGE + 1);
    List<VersionInfo> infos =
        highest < 1 ? List.of() : store.versions(p, slug, lowest - 1, highest - lowest + 1);
    ArrayNode versions = model.putArray("versions");
    for (int i = infos.size() - 1; i >= 0; i--) {
      VersionInfo v = infos.get(i);
      versions
          .addObject()
          .put("version", v.version())
          .put("created_at", v.createdAt())
          .put("bytes", v.bytes())
          .put("template", v.template() == null ? null : v.template().toString())
          .put("template_href", v.template() == null ? null : TemplatePages.href(v.template()))
          .put("href", versionHref(p, slug, v.version()));
    }
    model.put("versions_page", page);
    model.put("versions_pages", pages);
    String base = runHref(p, slug);
    String keep = cv == null || cv.version() == last ? "" : "version=" + cv.version() + "&";
    model.put("previous", page > 1 ? base + "?" + keep + "page=" + (page - 1) : null);
    model.put("next", page < pages ? base + "?" + keep + "page=" + (page + 1) : null);
    model.put("diff", base + "/diff");
    if (cv != null) {
      ObjectNode downloads = model.putObject("downloads");
      downloads.put("json", downloadHref(p, slug, cv.version(), "json"));
      downloads.put("yaml", downloadHref(p, slug, cv.version(), "yaml"));
    } else {
      model.putNull("downloads");
    }
    web.respond(
        ctx,
        new Web.Page(
            run.name(),
            List.of(projectLink(p), new Web.Link(run.name(), base)),
            model,
            h -> runHtml(h, model)));
  }

  /**
   * Where the descriptions of a config's keys come from: the template version the config was
   * validated against when the lab can compile it, else the config's own {@code __help__}.
   */
  private static final class Describer {
    private final ConfigSchema schema;
    private final Map<String, TemplateField> fields = new HashMap<>();
    private final JsonNode help;

    Describer(Optional<ConfigSchema> template, JsonNode help) {
      ConfigSchema s = template.orElse(null);
      if (s != null) {
        for (TemplateField f : s.fields()) {
          fields.put(f.path(), f);
        }
      }
      this.schema = s;
      this.help = help != null && help.isObject() ? help : null;
    }

    /** {@code template}, {@code __help__} or null (nothing describes the keys). */
    String source() {
      return schema != null ? "template" : help != null ? HELP_KEY : null;
    }

    /** The template's field at a path, or null. */
    TemplateField field(List<String> path, boolean inArray) {
      if (schema == null) {
        return null;
      }
      String dotted = dotted(path);
      TemplateField f = fields.get(dotted);
      if (f == null && inArray) {
        try {
          f = schema.field(dotted).orElse(null);
        } catch (RuntimeException e) {
          f = null;
        }
      }
      return f;
    }

    /** The description of a path, or null. */
    String description(List<String> path, boolean inArray) {
      if (schema != null) {
        TemplateField f = field(path, inArray);
        return f == null ? null : f.description();
      }
      if (help == null) {
        return null;
      }
      JsonNode at = help;
      for (String k : path) {
        at =
            at.isObject()
                ? at.get(k)
                : at.isArray() && isIndex(k) ? at.get(Integer.parseInt(k)) : null;
        if (at == null) {
          return null;
        }
      }
      if (at.isString()) {
        return at.asString();
      }
      JsonNode doc = at.isObject() ? at.get("__doc__") : null;
      return doc != null && doc.isString() ? doc.asString() : null;
    }
  }

  /** The tree of a config for the run page: one node per key (or array element), in order. */
  private static void treeJson(
      List<String> path, JsonNode node, ArrayNode out, Describer describe, int[] budget) {
    boolean array = node.isArray();
    List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
    if (array) {
      for (int i = 0; i < node.size(); i++) {
        children.add(Map.entry(Integer.toString(i), node.get(i)));
      }
    } else {
      children.addAll(node.properties());
    }
    boolean inArray = array || path.stream().anyMatch(RunPages::isIndex);
    for (Map.Entry<String, JsonNode> e : children) {
      if (--budget[0] < 0) {
        return;
      }
      path.add(e.getKey());
      JsonNode v = e.getValue();
      ObjectNode o = out.addObject();
      o.put("key", e.getKey());
      o.put("path", new RunColumn(RunColumn.Source.CONFIG, path).toString());
      o.put("kind", kind(v));
      TemplateField f = describe.field(path, inArray);
      o.put("type", f == null ? null : f.type());
      o.put("description", describe.description(path, inArray));
      if (v.isContainer()) {
        o.put("size", v.size());
        treeJson(path, v, o.putArray("children"), describe, budget);
      } else {
        o.put("json", v.toString());
      }
      path.remove(path.size() - 1);
    }
  }

  private static void runHtml(Html h, ObjectNode m) {
    JsonNode run = m.get("run");
    h.open("p", "class", "run-facts");
    h.text(
        "Slug "
            + run.get("slug").asString()
            + ", created "
            + time(run.get("created_at").asLong())
            + ". ");
    if (m.get("version").isNull()) {
      h.text("No config pushed yet.");
    } else {
      h.text(
          "Config version "
              + m.get("version").asInt()
              + " of "
              + m.get("latest").asInt()
              + ", pushed "
              + time(m.get("pushed_at").asLong())
              + ", template ");
      if (m.get("template").isNull()) {
        h.text("none");
      } else {
        h.el("a", m.get("template").asString(), "href", m.get("template_href").asString());
      }
      h.text(".");
    }
    h.close();
    if (!m.get("downloads").isNull()) {
      h.open("p", "class", "downloads").text("Download: ");
      h.el("a", "JSON", "href", m.get("downloads").get("json").asString(), "download", "download");
      h.text(" ");
      h.el("a", "YAML", "href", m.get("downloads").get("yaml").asString(), "download", "download");
      h.close();
    }

    h.open("section", "aria-labelledby", "config-heading");
    h.el("h2", "Config", "id", "config-heading");
    if (!m.get("descriptions").isNull()) {
      h.el(
          "p",
          m.get("descriptions").asString().equals("template")
              ? "Descriptions from " + m.get("template").asString() + "."
              : "Descriptions from the config's " + HELP_KEY + ".",
          "class",
          "hint");
    }
    if (m.get("truncated").asBoolean()) {
      h.el(
          "p",
          "Only the first " + MAX_SHOWN + " keys are shown: download the config for all of it.",
          "class",
          "error",
          "role",
          "status");
    }
    if (m.get("config").isEmpty()) {
      h.el(
          "p", m.get("version").isNull() ? "No config." : "The config is empty.", "class", "empty");
    } else {
      h.open("div", "class", "tree", "id", "config-tree", "data-fold", "data-fold");
      treeHtml(h, m.get("config"), 0);
      h.close();
    }
    h.close();

    h.open("section", "aria-labelledby", "meta-heading");
    h.el("h2", "Metadata", "id", "meta-heading");
    if (m.get("meta").isEmpty()) {
      h.el("p", "No metadata.", "class", "empty");
    } else {
      Web.tableFrame(h, "Metadata table");
      h.open("table", "class", "meta").el("caption", "Metadata");
      h.open("thead")
          .open("tr")
          .el("th", "Key", "scope", "col")
          .el("th", "Value", "scope", "col")
          .el("th", "Type", "scope", "col")
          .close()
          .close();
      h.open("tbody");
      for (JsonNode e : m.get("meta")) {
        String kind = e.get("kind").asString();
        h.open("tr").el("th", e.get("key").asString(), "scope", "row");
        h.open("td", "class", kind).el("code", e.get("json").asString()).close();
        h.el("td", kind).close();
      }
      h.close().close().close();
    }
    h.close();

    h.open("section", "aria-labelledby", "versions-heading");
    h.el("h2", "Versions", "id", "versions-heading");
    int last = m.get("latest").asInt();
    if (last >= 2) {
      int shown = m.get("version").asInt();
      int from = shown > 1 ? shown - 1 : 1;
      int to = shown > 1 ? shown : 2;
      h.open("form", "method", "get", "action", m.get("diff").asString(), "class", "diff-form");
      h.el("label", "From version", "for", "diff-from");
      h.empty(
          "input",
          "type",
          "number",
          "id",
          "diff-from",
          "name",
          "from",
          "min",
          "1",
          "max",
          Integer.toString(last),
          "value",
          Integer.toString(from),
          "required",
          "required");
      h.el("label", "To version", "for", "diff-to");
      h.empty(
          "input",
          "type",
          "number",
          "id",
          "diff-to",
          "name",
          "to",
          "min",
          "1",
          "max",
          Integer.toString(last),
          "value",
          Integer.toString(to),
          "required",
          "required");
      h.el("button", "Show the diff", "type", "submit");
      h.close();
    }
    if (m.get("versions").isEmpty()) {
      h.el("p", "No versions.", "class", "empty");
    } else {
      Web.tableFrame(h, "Versions table");
      h.open("table", "class", "versions")
          .el(
              "caption",
              "Versions, newest first, page "
                  + m.get("versions_page").asInt()
                  + " of "
                  + m.get("versions_pages").asInt());
      h.open("thead")
          .open("tr")
          .el("th", "Version", "scope", "col")
          .el("th", "Pushed", "scope", "col")
          .el("th", "Bytes", "scope", "col")
          .el("th", "Template", "scope", "col")
          .close()
          .close();
      h.open("tbody");
      for (JsonNode v : m.get("versions")) {
        boolean current =
            !m.get("version").isNull() && v.get("version").asInt() == m.get("version").asInt();
        h.open("tr", "class", current ? "current" : null);
        h.open("th", "scope", "row")
            .el(
                "a",
                "Version " + v.get("version").asInt(),
                "href",
                v.get("href").asString(),
                "aria-current",
                current ? "page" : null)
            .close();
        h.el("td", time(v.get("created_at").asLong()));
        h.el("td", v.get("bytes").asString(), "class", "num");
        templateCell(h, v);
        h.close();
      }
      h.close().close().close();
    }
    JsonNode prev = m.get("previous");
    JsonNode next = m.get("next");
    if (!prev.isNull() || !next.isNull()) {
      h.open("nav", "class", "paging", "aria-label", "Version pages");
      if (!prev.isNull()) {
        h.el("a", "Newer versions", "href", prev.asString(), "rel", "prev");
      }
      h.el(
          "span",
          "Page " + m.get("versions_page").asInt() + " of " + m.get("versions_pages").asInt());
      if (!next.isNull()) {
        h.el("a", "Older versions", "href", next.asString(), "rel", "next");
      }
      h.close();
    }
    h.close();
  }

  /**
   * The config tree: a container folds in a {@code <details>} (open) whose summary is its key, type
   * and description; a leaf is a line with its key, value, type and description.
   */
  private static void treeHtml(Html h, JsonNode nodes, int depth) {
    for (JsonNode n : nodes) {
      String kind = n.get("kind").asString();
      String type = n.get("type").isNull() ? kind : n.get("type").asString();
      String description = text(n.get("description"));
      if (n.has("children")) {
        h.open("details", "open", "open").open("summary");
        h.el("span", n.get("key").asString(), "class", "key");
        h.text(" ");
        String size = kind.equals("array") ? ", " + n.get("size").asInt() + " items" : "";
        h.el("span", type + size, "class", "type");
        describe(h, description);
        h.close();
        if (n.get("children").isEmpty()) {
          h.el("div", kind.equals("array") ? "empty list" : "empty object", "class", "leaf hint");
        } else {
          treeHtml(h, n.get("children"), depth + 1);
        }
        h.close();
      } else {
        // lab.css indents a .leaf under its parent's key: a top-level line has no parent
        h.open("div", "class", depth == 0 ? "top" : "leaf");
        h.el("span", n.get("key").asString(), "class", "key");
        h.text(": ");
        h.el("code", n.get("json").asString(), "class", "value " + kind);
        h.text(" ");
        h.el("span", type, "class", "type");
        describe(h, description);
        h.close();
      }
    }
  }

  private static void describe(Html h, String description) {
    if (description != null) {
      h.text(" ");
      h.el("span", description, "class", "description");
    }
  }

  // ------------------------------------------------------------------------------ diff

  /** {@code GET /ui/{owner}/{project}/runs/{slug}/diff?from=A&to=B}: two versions, by path. */
  void diff(Context ctx) {
    ProjectRef p = web.project(ctx);
    String slug = slug(ctx);
    RunRecord run = store.run(p, slug).orElseThrow(() -> noRun(slug));
    if (ctx.queryParam("from") == null || ctx.queryParam("to") == null) {
      throw new ApiError(400, "diff: name two versions, as ?from=1&to=2");
    }
    int from = Routes.intParam(ctx, "from", 0, 1, Integer.MAX_VALUE);
    int to = Routes.intParam(ctx, "to", 0, 1, Integer.MAX_VALUE);
    ConfigVersion a = store.config(p, slug, from).orElseThrow(() -> noVersion(slug, from));
    ConfigVersion b = store.config(p, slug, to).orElseThrow(() -> noVersion(slug, to));
    // as the run page and compare: a config's __help__ is its template's words, not its values
    ConfigDiff.Result result =
        ConfigDiff.of(withoutHelp(parse(a.body())), withoutHelp(parse(b.body())), MAX_SHOWN);

    ObjectNode model = JSON.createObjectNode();
    model.put("project", p.toString());
    model.set("run", runJson(p, run));
    model.set("from", versionJson(p, slug, a));
    model.set("to", versionJson(p, slug, b));
    ArrayNode changes = model.putArray("changes");
    for (ConfigDiff.Change c : result.changes()) {
      ObjectNode o = changes.addObject();
      o.put(
          "path",
          c.path().isEmpty()
              ? "config"
              : new RunColumn(RunColumn.Source.CONFIG, c.path()).toString());
      o.put("change", c.kind().id());
      o.set("from", valueJson(c.from()));
      o.set("to", valueJson(c.to()));
    }
    model.put("truncated", result.truncated());
    String base = runHref(p, slug);
    web.respond(
        ctx,
        new Web.Page(
            "Diff of " + run.name() + ": version " + from + " to " + to,
            List.of(projectLink(p), new Web.Link(run.name(), base)),
            model,
            h -> diffHtml(h, model)));
  }

  /** One side of a diff: the version, its time, its template and its link. */
  private static ObjectNode versionJson(ProjectRef p, String slug, ConfigVersion v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", v.version());
    o.put("created_at", v.createdAt());
    o.put("template", v.template() == null ? null : v.template().toString());
    o.put("href", versionHref(p, slug, v.version()));
    return o;
  }

  /** A value of a diff or a comparison: its kind and, for a scalar, its JSON; null: missing. */
  private static JsonNode valueJson(JsonNode v) {
    if (v == null) {
      return JSON.nullNode();
    }
    ObjectNode o = JSON.createObjectNode().put("kind", kind(v));
    o.put("json", v.toString());
    return o;
  }

  /** The diff page from its model: both versions, a summary, and one table row per change. */
  private static void diffHtml(Html h, ObjectNode m) {
    JsonNode from = m.get("from");
    JsonNode to = m.get("to");
    h.open("p", "class", "diff-facts").text("From ");
    h.el("a", "version " + from.get("version").asInt(), "href", from.get("href").asString());
    h.text(
        " ("
            + time(from.get("created_at").asLong())
            + ", template "
            + (from.get("template").isNull() ? "none" : from.get("template").asString())
            + ") to ");
    h.el("a", "version " + to.get("version").asInt(), "href", to.get("href").asString());
    h.text(
        " ("
            + time(to.get("created_at").asLong())
            + ", template "
            + (to.get("template").isNull() ? "none" : to.get("template").asString())
            + ").");
    h.close();
    ArrayNode changes = (ArrayNode) m.get("changes");
    if (changes.isEmpty()) {
      h.el("p", "No differences: the two versions hold the same values.", "class", "empty");
      return;
    }
    int added = 0;
    int removed = 0;
    for (JsonNode c : changes) {
      added += c.get("change").asString().equals("added") ? 1 : 0;
      removed += c.get("change").asString().equals("removed") ? 1 : 0;
    }
    h.el(
        "p",
        changes.size()
            + " differences: "
            + added
            + " added, "
            + removed
            + " removed, "
            + (changes.size() - added - removed)
            + " changed.",
        "class",
        "summary");
    if (m.get("truncated").asBoolean()) {
      h.el(
          "p",
          "Only the first " + MAX_SHOWN + " differences are shown.",
          "class",
          "error",
          "role",
          "status");
    }
    Web.tableFrame(h, "Differences table");
    h.open("table", "class", "diff").el("caption", "Differences by path");
    h.open("thead").open("tr");
    h.el("th", "Path", "scope", "col").el("th", "Change", "scope", "col");
    h.el("th", "Version " + from.get("version").asInt(), "scope", "col");
    h.el("th", "Version " + to.get("version").asInt(), "scope", "col");
    h.close().close().open("tbody");
    for (JsonNode c : changes) {
      String kind = c.get("change").asString();
      h.open("tr", "class", kind);
      h.open("th", "scope", "row").el("code", c.get("path").asString()).close();
      h.el("td", kind);
      valueCell(h, c.get("from"), null);
      valueCell(h, c.get("to"), null);
      h.close();
    }
    h.close().close().close();
  }

  /** A cell of a value (diff, compare): missing, null, a container's kind or the JSON. */
  private static void valueCell(Html h, JsonNode v, String extraClass) {
    String extra = extraClass == null ? "" : " " + extraClass;
    if (v == null || v.isNull() || v.get("kind").asString().equals("missing")) {
      h.el("td", "missing", "class", "missing" + extra);
      return;
    }
    String kind = v.get("kind").asString();
    if (kind.equals("default")) {
      h.open("td", "class", "default" + extra).el("code", v.get("json").asString()).close();
      return;
    }
    if (kind.equals("null")) {
      h.open("td", "class", "null" + extra).el("code", "null").close();
      return;
    }
    h.open("td", "class", kind + extra).el("code", v.get("json").asString()).close();
  }

  // ------------------------------------------------------------------------------ compare

  /** {@code GET /ui/{owner}/{project}/compare?run=..&run=..[&only=differences]}. */
  void compare(Context ctx) {
    ProjectRef p = web.project(ctx);
    List<String> slugs = new ArrayList<>(new LinkedHashSet<>(ctx.queryParams("run")));
    if (slugs.size() < 2 || slugs.size() > MAX_COMPARED) {
      throw new ApiError(
          400,
          "compare: pick 2 to " + MAX_COMPARED + " different runs (" + slugs.size() + " given)");
    }
    String only = ctx.queryParam("only");
    if (only != null && !only.equals(DIFFERENCES)) {
      throw new ApiError(400, "only must be '" + DIFFERENCES + "'");
    }
    boolean differencesOnly = only != null;
    List<Snapshot> snaps = new ArrayList<>();
    for (String s : slugs) {
      String slug = checkSlug(s);
      snaps.add(store.snapshot(p, slug, null).orElseThrow(() -> noRun(slug)));
    }
    // every run's leaves, by path; then the rows: the union of paths, the first run's order first
    List<Map<List<String>, JsonNode>> leaves = new ArrayList<>();
    List<JsonNode> configs = new ArrayList<>();
    List<Map<String, String>> defaults = new ArrayList<>();
    Map<List<String>, Boolean> paths = new LinkedHashMap<>();
    boolean truncated = false;
    for (Snapshot s : snaps) {
      Map<List<String>, JsonNode> l = new LinkedHashMap<>();
      JsonNode config = s.config().isPresent() ? withoutHelp(parse(s.config().get().body())) : null;
      if (config != null) {
        truncated |= !leaves(new ArrayList<>(), config, l, MAX_SHOWN);
      }
      leaves.add(l);
      configs.add(config);
      defaults.add(
          defaults(readableTemplate(ctx, p, s.config().map(ConfigVersion::template).orElse(null))));
      for (List<String> path : l.keySet()) {
        if (paths.size() >= MAX_SHOWN && !paths.containsKey(path)) {
          truncated = true;
          break;
        }
        paths.put(path, Boolean.TRUE);
      }
    }
    ObjectNode model = JSON.createObjectNode();
    model.put("project", p.toString());
    ArrayNode runs = model.putArray("runs");
    for (Snapshot s : snaps) {
      ObjectNode r = runJson(p, s.run());
      r.put("version", s.config().map(ConfigVersion::version).orElse(null));
      r.put(
          "template",
          s.config().map(c -> c.template() == null ? null : c.template().toString()).orElse(null));
      runs.add(r);
    }
    model.put("only", differencesOnly ? DIFFERENCES : null);
    ArrayNode rows = model.putArray("rows");
    int differing = 0;
    for (List<String> path : paths.keySet()) {
      ObjectNode row = JSON.createObjectNode();
      row.put("path", new RunColumn(RunColumn.Source.CONFIG, path).toString());
      ArrayNode cells = row.putArray("cells");
      ObjectNode baseline = null;
      boolean differs = false;
      for (int i = 0; i < snaps.size(); i++) {
        // a path that is a leaf in one run may hold an object or an array in another: that run
        // has the key, and its cell shows what is there (never "missing")
        JsonNode value = leaves.get(i).get(path);
        if (value == null) {
          value = at(configs.get(i), path);
        }
        ObjectNode cell = compareCell(value, defaults.get(i).get(dotted(path)));
        if (baseline == null) {
          baseline = cell;
        } else {
          boolean changed = !sameCell(baseline, cell);
          cell.put("changed", changed);
          differs |= changed;
        }
        cells.add(cell);
      }
      row.put("differs", differs);
      differing += differs ? 1 : 0;
      if (!differencesOnly || differs) {
        rows.add(row);
      }
    }
    model.put("paths", paths.size());
    model.put("differing", differing);
    model.put("truncated", truncated);
    String self = Web.href(p.owner(), p.name(), "compare");
    model.put("action", self);
    web.respond(
        ctx,
        new Web.Page(
            "Compare " + snaps.size() + " runs",
            List.of(projectLink(p)),
            model,
            h -> compareHtml(h, model)));
  }

  /** The defaults a template version gives, by dotted path (empty without a template). */
  private static Map<String, String> defaults(Optional<ConfigSchema> template) {
    Map<String, String> out = new HashMap<>();
    template.ifPresent(
        t -> {
          for (TemplateField f : t.fields()) {
            if (f.defaultJson() != null) {
              out.put(f.path(), f.defaultJson());
            }
          }
        });
    return out;
  }

  /** A cell of the comparison: the value, else the template's default, else missing. */
  private static ObjectNode compareCell(JsonNode value, String defaultJson) {
    if (value != null) {
      return (ObjectNode) valueJson(value);
    }
    ObjectNode o = JSON.createObjectNode();
    if (defaultJson != null) {
      return o.put("kind", "default").put("json", defaultJson);
    }
    return o.put("kind", "missing");
  }

  /**
   * Whether two comparison cells are the same: same kind, and the same value (numbers by value).
   */
  private static boolean sameCell(ObjectNode a, ObjectNode b) {
    String kind = a.get("kind").asString();
    if (!kind.equals(b.get("kind").asString())) {
      return false;
    }
    if (kind.equals("missing")) {
      return true;
    }
    return ConfigDiff.same(parse(a.get("json").asString()), parse(b.get("json").asString()));
  }

  /**
   * The compare page from its model: the "Differences only" form, a summary, and the table (one
   * column per run, one row per path, cells marked against the baseline).
   */
  private static void compareHtml(Html h, ObjectNode m) {
    ArrayNode runs = (ArrayNode) m.get("runs");
    boolean only = !m.get("only").isNull();
    h.open(
        "form", "method", "get", "action", m.get("action").asString(), "class", "compare-options");
    for (JsonNode r : runs) {
      h.empty("input", "type", "hidden", "name", "run", "value", r.get("slug").asString());
    }
    h.empty(
        "input",
        "type",
        "checkbox",
        "id",
        "only",
        "name",
        "only",
        "value",
        DIFFERENCES,
        "checked",
        only ? "checked" : null);
    h.el("label", "Differences only", "for", "only");
    h.el("button", "Apply", "type", "submit");
    h.close();
    h.el(
        "p",
        m.get("paths").asInt()
            + " paths, "
            + m.get("differing").asInt()
            + " differ from the first run (the baseline)."
            + (only ? " Showing the differences only." : ""),
        "class",
        "summary");
    if (m.get("truncated").asBoolean()) {
      h.el(
          "p",
          "Only the first " + MAX_SHOWN + " paths are compared.",
          "class",
          "error",
          "role",
          "status");
    }
    Web.tableFrame(h, "Comparison table");
    h.open("table", "class", "compare")
        .el("caption", "Config values by path; the first run is the baseline");
    h.open("thead").open("tr").el("th", "Path", "scope", "col");
    for (JsonNode r : runs) {
      h.open("th", "scope", "col")
          .el("a", r.get("name").asString(), "href", r.get("href").asString());
      h.el(
          "span",
          r.get("version").isNull() ? " no config" : " v" + r.get("version").asInt(),
          "class",
          "version");
      h.close();
    }
    h.close().close().open("tbody");
    for (JsonNode row : m.get("rows")) {
      h.open("tr", "class", row.get("differs").asBoolean() ? "differs" : null);
      h.open("th", "scope", "row").el("code", row.get("path").asString()).close();
      for (JsonNode c : row.get("cells")) {
        valueCell(h, c, c.path("changed").asBoolean(false) ? "changed" : null);
      }
      h.close();
    }
    h.close().close().close();
    if (m.get("rows").isEmpty()) {
      h.el(
          "p",
          only
              ? "No differences: every path holds the same value in every run."
              : "No config values.",
          "class",
          "empty");
    }
    h.el(
        "p",
        "Marks: changed (differs from the baseline), missing (no such key), null (an explicit null),"
            + " default (missing, and the run's template gives this default).",
        "class",
        "hint");
  }

  // ------------------------------------------------------------------------------ download

  /** {@code GET /ui/{owner}/{project}/runs/{slug}/download?version=N&format=json|yaml}. */
  void download(Context ctx) {
    ProjectRef p = web.project(ctx);
    String slug = slug(ctx);
    String format = ctx.queryParam("format");
    if (!"json".equals(format) && !"yaml".equals(format)) {
      throw new ApiError(400, "format must be json or yaml");
    }
    ConfigVersion cv;
    if (ctx.queryParam("version") == null) {
      Snapshot s = store.snapshot(p, slug, null).orElseThrow(() -> noRun(slug));
      cv = s.config().orElseThrow(() -> new ApiError(404, "run '" + slug + "' has no config yet"));
    } else {
      int v = Routes.intParam(ctx, "version", 0, 1, Integer.MAX_VALUE);
      store.run(p, slug).orElseThrow(() -> noRun(slug));
      cv = store.config(p, slug, v).orElseThrow(() -> noVersion(slug, v));
    }
    String name = slug + "-v" + cv.version() + "." + format;
    String body = format.equals("json") ? cv.body() : Config.fromJson(cv.body()).toYaml();
    Web.headers(ctx);
    ctx.header("Content-Disposition", attachment(name));
    ctx.status(200)
        .contentType(
            format.equals("json")
                ? "application/json; charset=utf-8"
                : "application/yaml; charset=utf-8")
        .result(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A {@code Content-Disposition} attachment header for a file name: ASCII characters as they are
   * (a slug holds no quote or backslash), others as {@code _} in {@code filename} and exact in
   * {@code filename*} (RFC 6266).
   */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    boolean plain = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
      ascii.append(ok ? c : '_');
      plain &= ok;
    }
    String header = "attachment; filename=\"" + ascii + "\"";
    if (!plain) {
      StringBuilder b = new StringBuilder();
      PercentEncoding.encode(name, b);
      header += "; filename*=UTF-8''" + b;
    }
    return header;
  }

  // ------------------------------------------------------------------------------ shared

  /** The slug of the path; a malformed one is the same 404 as a missing run. */
  private static String slug(Context ctx) {
    return checkSlug(ctx.pathParam("slug"));
  }

  private static String checkSlug(String slug) {
    try {
      return LabNames.checkSlug(slug);
    } catch (IllegalArgumentException e) {
      throw noRun(slug);
    }
  }

  private static ApiError noRun(String slug) {
    return new ApiError(404, "no run '" + slug + "'");
  }

  private static ApiError noVersion(String slug, int version) {
    return new ApiError(404, "run '" + slug + "' has no config version " + version);
  }

  private static Web.Link projectLink(ProjectRef p) {
    return new Web.Link(p.toString(), Web.projectHref(p));
  }

  private static ObjectNode runJson(ProjectRef p, RunRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("slug", r.slug());
    o.put("name", r.name());
    o.put("href", runHref(p, r.slug()));
    o.put("created_at", r.createdAt());
    return o;
  }

  /** The path of a run's page. */
  static String runHref(ProjectRef p, String slug) {
    return Web.href(p.owner(), p.name(), "runs", slug);
  }

  private static String versionHref(ProjectRef p, String slug, int version) {
    return runHref(p, slug) + "?version=" + version;
  }

  private static String downloadHref(ProjectRef p, String slug, int version, String format) {
    return runHref(p, slug) + "/download?version=" + version + "&format=" + format;
  }

  /** A JSON text the store holds (it was checked when pushed). */
  private static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  /**
   * Runs a query with a {@code ~} in one of the {@link #PATTERN_QUERIES} slots, waiting for one as
   * long as a pattern may run; 429 (with {@code Retry-After}) when none frees in that time.
   */
  private List<RunRow> withPatternSlot(Context ctx, ProjectRef p, RunQuery query) {
    boolean acquired;
    try {
      acquired =
          PATTERN_SLOTS.tryAcquire(
              SqliteRegexp.BUDGET_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      ctx.header("Retry-After", "2");
      throw new LabServer.ApiError(
          429, "too many filters with ~ are running on this lab: try again in a moment");
    }
    try {
      return store.runRows(p, query);
    } finally {
      PATTERN_SLOTS.release();
    }
  }

  /** Whether a filter holds a {@code ~} comparison. */
  private static boolean matches(RunFilter f) {
    if (f instanceof RunFilter.And a) {
      return matches(a.left()) || matches(a.right());
    }
    if (f instanceof RunFilter.Or o) {
      return matches(o.left()) || matches(o.right());
    }
    if (f instanceof RunFilter.Not n) {
      return matches(n.inner());
    }
    return f instanceof RunFilter.Compare c && c.op() == RunFilter.Op.MATCHES;
  }

  /** The node at a path of a config (array elements by index), or null when there is none. */
  private static JsonNode at(JsonNode config, List<String> path) {
    JsonNode node = config;
    for (String key : path) {
      if (node == null) {
        return null;
      }
      node = node.isArray() ? node.get(index(key)) : node.isObject() ? node.get(key) : null;
    }
    return node;
  }

  private static int index(String key) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A config without its root {@code __help__} (which the run page uses for descriptions). */
  private static JsonNode withoutHelp(JsonNode config) {
    if (config.isObject() && config.has(HELP_KEY)) {
      ObjectNode copy = ((ObjectNode) config).deepCopy();
      copy.remove(HELP_KEY);
      return copy;
    }
    return config;
  }

  /**
   * Adds the leaves under {@code path} (scalars, and empty objects and arrays) by path, in order;
   * returns false when there were more than {@code limit}.
   */
  private static boolean leaves(
      List<String> path, JsonNode node, Map<List<String>, JsonNode> out, int limit) {
    if (!node.isContainer() || node.isEmpty()) {
      if (path.isEmpty()) {
        return true;
      }
      if (out.size() >= limit) {
        return false;
      }
      out.put(List.copyOf(path), node);
      return true;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(Integer.toString(i));
        boolean more = leaves(path, node.get(i), out, limit);
        path.remove(path.size() - 1);
        if (!more) {
          return false;
        }
      }
      return true;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      path.add(e.getKey());
      boolean more = leaves(path, e.getValue(), out, limit);
      path.remove(path.size() - 1);
      if (!more) {
        return false;
      }
    }
    return true;
  }

  /** The dotted path a {@link ConfigSchema} reads (dots inside keys escaped). */
  private static String dotted(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String k : path) {
      b.append(b.length() == 0 ? "" : ".").append(Config.escapeKey(k));
    }
    return b.toString();
  }

  /** Whether a key reads as an array index (digits only). */
  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.length() < 10 && key.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** A JSON value's kind: object, array, string, number, boolean or null. */
  static String kind(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isString()) {
      return "string";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  /** A time for people: UTC, to the second. */
  private static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asString()));
    return out;
  }
}
