package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.LabHttp.Answer;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The run pages over HTTP from the real server on a real SQLite file: each page's JSON twin holds
 * what its HTML shows; diff and compare semantics; paging of 10,000 versions; clear 400 and 404
 * pages; downloads.
 */
class RunPagesTest {

  static final String KEY = "hql_runpages_admin_key_0123456789";
  static final ProjectRef DEMO = new ProjectRef("lab", "demo");
  static final String EVIL = "<script>alert(1)</script>";
  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"optimizer\":{\"type\":\"object\",\"description\":\"How to step\",\"properties\":{"
          + "\"lr\":{\"type\":\"number\",\"description\":\"Learning rate "
          + "<b>\",\"default\":0.01},"
          + "\"name\":{\"type\":\"string\",\"default\":\"adam\"}}},"
          + "\"epochs\":{\"type\":\"integer\",\"default\":10,\"description\":\"Passes\"}}}";

  @TempDir static Path dir;
  static JdbcStore store;
  static LabServer server;
  static LabHttp http;
  static String bobKey;
  static TemplateKey template;

  @BeforeAll
  static void start() throws Exception {
    seed("sqlite:" + dir.resolve("lab.db"));
  }

  /** Opens the store, starts the server on it and adds the runs every case reads. */
  static void seed(String db) throws Exception {
    store = JdbcStore.open(db);
    store.createUser("admin", true);
    store.addKey("admin", KEY);
    server = LabServer.start(store, "127.0.0.1", 0);
    http = new LabHttp(server.port());
    store.createProject(DEMO);
    store.createProject(new ProjectRef("lab", "other"));
    bobKey = http.user(KEY, "bob");
    store.addMember(new ProjectRef("lab", "other"), "bob");
    template =
        store
            .publishTemplate(DEMO, "train", SCHEMA, Sha256.hex(SCHEMA), "admin", 0)
            .version()
            .key();

    store.openRun(DEMO, "tree", "Tree " + EVIL);
    store.addConfig(
        DEMO,
        "tree",
        "{\"optimizer\":{\"lr\":0.001,\"name\":\""
            + "<script>alert(2)</script>"
            + "\"},"
            + "\"a.b\":{\"c d\":1},\"n\":null,\"list\":[1,\"two\"],\"empty\":{},"
            + "\"<script>k()</script>\":1}",
        null,
        template);
    store.putMeta(DEMO, "tree", Map.of("accuracy", "0.93", EVIL, "\"" + EVIL + "\""));

    // a key holding a dot beside a nested key of the same dotted spelling, each documented
    String dots =
        "{\"type\":\"object\",\"properties\":{"
            + "\"a.b\":{\"type\":\"integer\",\"description\":\"The dotted key\",\"default\":7},"
            + "\"a\":{\"type\":\"object\",\"properties\":{"
            + "\"b\":{\"type\":\"string\",\"description\":\"b inside a\"}}}}}";
    TemplateKey dotted =
        store.publishTemplate(DEMO, "dots", dots, Sha256.hex(dots), "admin", 0).version().key();
    store.openRun(DEMO, "dotted", "Dotted");
    store.addConfig(DEMO, "dotted", "{\"a.b\":1,\"a\":{\"b\":\"x\"}}", null, dotted);
    store.openRun(DEMO, "dotted-2", "Dotted 2");
    store.addConfig(DEMO, "dotted-2", "{\"a\":{\"b\":\"x\"}}", null, dotted);

    store.openRun(DEMO, "helped", "Helped");
    store.addConfig(
        DEMO,
        "helped",
        "{\"lr\":0.1,\"__help__\":{\"lr\":\"[number] Step size from help\"}}",
        null,
        null);

    store.openRun(DEMO, "diffs", "Diffs");
    store.addConfig(
        DEMO, "diffs", "{\"a\":1,\"c\":{\"d\":3},\"e\":null,\"l\":[1,2,3]}", null, null);
    store.addConfig(
        DEMO,
        "diffs",
        "{\"a\":\"1\",\"b\":2,\"c\":{\"d\":3},\"l\":[1,3],\"x.y\":true}",
        null,
        null);

    store.openRun(DEMO, "base", "Base");
    store.addConfig(
        DEMO, "base", "{\"optimizer\":{\"lr\":0.01},\"seed\":1,\"same\":\"s\"}", null, template);
    store.openRun(DEMO, "other", "Other");
    store.addConfig(
        DEMO,
        "other",
        "{\"optimizer\":{\"lr\":0.02,\"name\":\"sgd\"},\"seed\":null,\"same\":\"s\"}",
        null,
        template);
    store.openRun(DEMO, "third", "Third");
    store.addConfig(DEMO, "third", "{\"optimizer\":{\"lr\":0.010},\"same\":\"s\"}", null, null);

    // a run of lab/other whose config was validated against lab/demo's template
    store.openRun(OTHER, "borrowed", "Borrowed");
    store.addConfig(OTHER, "borrowed", "{\"optimizer\":{\"lr\":0.5}}", null, template);
    store.openRun(OTHER, "borrowed-2", "Borrowed 2");
    store.addConfig(OTHER, "borrowed-2", "{\"epochs\":3}", null, template);

    store.createProject(TABLE);
    double[] lrs = {0.3, 0.001, 0.02, 0.5};
    for (int i = 0; i < lrs.length; i++) {
      String slug = "t" + (i + 1);
      store.openRun(TABLE, slug, "T" + (i + 1) + (i == 0 ? " " + EVIL : ""));
      store.addConfig(
          TABLE, slug, "{\"optimizer\":{\"lr\":" + lrs[i] + "},\"a.b\":" + i + "}", null, null);
      store.putMeta(TABLE, slug, Map.of("accuracy", Double.toString(0.5 + i / 10.0)));
    }
    store.openRun(TABLE, "t5", "T5"); // no config, no metadata
  }

  static final ProjectRef TABLE = new ProjectRef("lab", "table");
  static final ProjectRef OTHER = new ProjectRef("lab", "other");

  @Test
  void anotherProjectsTemplateDescribesAConfigOnlyToThoseWhoMayReadIt() throws Exception {
    String path = "/ui/lab/other/runs/borrowed";
    JsonNode admin = http.call("GET", path, KEY, null, "Accept", "application/json").json();
    assertThat(admin.get("descriptions").asString()).isEqualTo("template");
    assertThat(flatten(admin.get("config")).get(1).get("description").asString())
        .isEqualTo("Learning rate <b>");
    Answer bob = http.call("GET", path, bobKey, null, "Accept", "application/json");
    assertThat(bob.status()).isEqualTo(200);
    assertThat(bob.json().get("descriptions").isNull()).isTrue();
    assertThat(bob.json().get("template").asString()).isEqualTo("lab:lab/demo/train@1");
    assertThat(flatten(bob.json().get("config")))
        .allMatch(n -> n.get("description").isNull() && n.get("type").isNull());
    assertThat(http.get(path, bobKey).text()).doesNotContain("Learning rate");
    String compare = "/ui/lab/other/compare?run=borrowed&run=borrowed-2";
    JsonNode adminCompare =
        http.call("GET", compare, KEY, null, "Accept", "application/json").json();
    assertThat(adminCompare.toString()).contains("\"kind\":\"default\"");
    JsonNode bobCompare =
        http.call("GET", compare, bobKey, null, "Accept", "application/json").json();
    assertThat(bobCompare.toString()).doesNotContain("\"kind\":\"default\"");
  }

  /** The run names of a runs table page, in order, as its HTML shows them. */
  private static List<String> htmlNames(String html) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "<th scope=\"row\"><a href=\"([^\"]*)\" id=\"run-name-\\d+\">([^<]*)</a>")
            .matcher(html);
    while (m.find()) {
      out.add(m.group(2) + " " + m.group(1));
    }
    return out;
  }

  private static List<String> jsonNames(JsonNode model) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : model.get("runs")) {
      out.add(esc(r.get("name").asString()) + " " + esc(r.get("href").asString()));
    }
    return out;
  }

  @Test
  void theRunsTableShowsWhatItsTwinSaysNewestFirst() throws Exception {
    Answer json = twin("/ui/lab/table");
    Answer html = page("/ui/lab/table");
    assertThat(json.status()).isEqualTo(200);
    JsonNode m = json.json();
    assertThat(m.get("project").asString()).isEqualTo("lab/table");
    assertThat(m.get("filter").isNull()).isTrue();
    assertThat(m.get("sort").asString()).isEqualTo("created");
    assertThat(m.get("order").asString()).isEqualTo("desc");
    assertThat(m.get("page").asInt()).isEqualTo(1);
    assertThat(m.get("size").asInt()).isEqualTo(50);
    assertThat(m.get("runs")).hasSize(5);
    assertThat(htmlNames(html.text())).containsExactlyElementsOf(jsonNames(m));
    JsonNode t1 = null;
    for (JsonNode r : m.get("runs")) {
      if (r.get("slug").asString().equals("t1")) {
        t1 = r;
      }
    }
    assertThat(t1.get("versions").asInt()).isEqualTo(1);
    assertThat(t1.get("last_push").asLong()).isPositive();
    assertThat(t1.get("href").asString()).isEqualTo("/ui/lab/table/runs/t1");
    assertThat(html.text()).contains(esc("T1 " + EVIL)).doesNotContain(EVIL);
    assertThat(html.text()).contains("<th scope=\"col\" aria-sort=\"descending\">");
    assertThat(html.text()).contains("<option value=\"config.optimizer.lr\">");
    assertThat(html.text()).contains("<option value=\"config.&quot;a.b&quot;\">");
    // the column picker: the page's runs' config scalars, then their metadata keys
    assertThat(m.get("paths").valueStream().map(JsonNode::asString))
        .containsExactly("config.\"a.b\"", "config.optimizer.lr", "meta.accuracy");
    assertThat(html.text()).contains("<label for=\"filter\">Filter</label>");
  }

  @Test
  void sortingByAConfigColumnPutsRunsWithoutItLastAndPagesKeepTheQuery() throws Exception {
    String path =
        "/ui/lab/table?sort=config.optimizer.lr&order=asc&column=config.optimizer.lr&column=meta.accuracy&size=2";
    JsonNode p1 = twin(path).json();
    assertThat(p1.get("columns").toString())
        .isEqualTo("[\"config.optimizer.lr\",\"meta.accuracy\"]");
    assertThat(p1.get("runs").findValuesAsString("slug")).containsExactly("t2", "t3");
    assertThat(p1.get("runs").get(0).get("cells").get("config.optimizer.lr").toString())
        .isEqualTo("{\"kind\":\"number\",\"json\":\"0.001\"}");
    assertThat(p1.get("previous").isNull()).isTrue();
    assertThat(p1.get("permalink").asString()).isEqualTo(path);
    String next = p1.get("next").asString();
    assertThat(next).isEqualTo(path.replace("&size=2", "&page=2&size=2"));
    JsonNode p2 = twin(next).json();
    assertThat(p2.get("runs").findValuesAsString("slug")).containsExactly("t1", "t4");
    JsonNode p3 = twin(p2.get("next").asString()).json();
    assertThat(p3.get("runs").findValuesAsString("slug")).containsExactly("t5");
    assertThat(p3.get("runs").get(0).get("cells").isEmpty()).isTrue(); // missing, not null
    assertThat(p3.get("next").isNull()).isTrue();
    assertThat(p3.get("previous").asString()).isEqualTo(next);
    String h = page(path).text();
    assertThat(h)
        .contains(
            "aria-sort=\"ascending\"><a href=\"" + esc(path.replace("&order=asc", "")) + "\">");
    assertThat(h).contains("<td class=\"number\">0.001</td>");
    assertThat(page(p3.get("permalink").asString()).text())
        .contains("<td class=\"missing\">missing</td>");
    // the same query in the other direction: still without a value last
    JsonNode desc = twin("/ui/lab/table?sort=config.optimizer.lr").json();
    assertThat(desc.get("runs").findValuesAsString("slug"))
        .containsExactly("t4", "t1", "t3", "t2", "t5");
  }

  @Test
  void aFilterKeepsTheMatchingRunsAndABadOneSays400WithItsColumn() throws Exception {
    JsonNode ok =
        twin("/ui/lab/table?filter=" + enc("config.optimizer.lr < 0.1 and meta.accuracy >= 0.6"))
            .json();
    assertThat(ok.get("filter").asString())
        .isEqualTo("config.optimizer.lr < 0.1 and meta.accuracy >= 0.6");
    assertThat(ok.get("runs").findValuesAsString("slug")).containsExactly("t3", "t2");
    Answer bad = twin("/ui/lab/table?filter=" + enc("config.optimizer.lr <"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").get("column").asInt()).isEqualTo(22);
    assertThat(bad.json().get("error").get("message").asString()).startsWith("filter: column 22: ");
    assertThat(bad.json().get("runs")).isEmpty();
    Answer badPage = page("/ui/lab/table?filter=" + enc("config.optimizer.lr <"));
    assertThat(badPage.status()).isEqualTo(400);
    assertThat(badPage.text())
        .contains(
            "<p id=\"filter-error\" class=\"error\" role=\"alert\">"
                + esc(bad.json().get("error").get("message").asString())
                + "</p>")
        .contains("value=\"config.optimizer.lr &lt;\"")
        .doesNotContain("run-name-");
    Answer column = twin("/ui/lab/table?column=" + enc("config.\"unclosed"));
    assertThat(column.status()).isEqualTo(400);
    assertThat(column.json().get("error").get("message").asString()).startsWith("column: ");
    assertThat(twin("/ui/lab/table?sort=nothing").json().get("error").get("message").asString())
        .startsWith("sort: ");
    assertThat(twin("/ui/lab/table?order=up").json().get("error").get("message").asString())
        .isEqualTo("order must be asc or desc");
    assertThat(twin("/ui/lab/table?size=201").status()).isEqualTo(400);
    Answer evil = page("/ui/lab/table?filter=" + enc("config.x = '" + EVIL + "' and"));
    assertThat(evil.status()).isEqualTo(400);
    assertThat(evil.text()).doesNotContain(EVIL);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Answer page(String path) throws Exception {
    return http.get(path, KEY);
  }

  private static Answer twin(String path) throws Exception {
    return http.call("GET", path, KEY, null, "Accept", "application/json");
  }

  private static String esc(String text) {
    return Html.escape(text);
  }

  private static List<JsonNode> flatten(JsonNode nodes) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      out.add(n);
      if (n.has("children")) {
        out.addAll(flatten(n.get("children")));
      }
    }
    return out;
  }

  @Test
  void theRunPageShowsItsConfigTreeWithTemplateDescriptionsAndItsTwinSaysTheSame()
      throws Exception {
    Answer json = twin("/ui/lab/demo/runs/tree");
    Answer html = page("/ui/lab/demo/runs/tree");
    assertThat(json.status()).isEqualTo(200);
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.header("Content-Type")).startsWith("text/html");
    JsonNode m = json.json();
    assertThat(m.get("template").asString()).isEqualTo("lab:lab/demo/train@1");
    assertThat(m.get("descriptions").asString()).isEqualTo("template");
    assertThat(m.get("template_href").asString())
        .isEqualTo("/ui/lab/demo/templates/train/versions/1");
    assertThat(html.text())
        .contains("<a href=\"/ui/lab/demo/templates/train/versions/1\">lab:lab/demo/train@1</a>");
    List<JsonNode> nodes = flatten(m.get("config"));
    assertThat(nodes.stream().map(n -> n.get("path").asString()))
        .containsExactly(
            "config.optimizer",
            "config.optimizer.lr",
            "config.optimizer.name",
            "config.\"a.b\"",
            "config.\"a.b\".\"c d\"",
            "config.n",
            "config.list",
            "config.list.0",
            "config.list.1",
            "config.empty",
            "config.\"<script>k()</script>\"");
    JsonNode lr = nodes.get(1);
    assertThat(lr.get("key").asString()).isEqualTo("lr");
    assertThat(lr.get("json").asString()).isEqualTo("0.001");
    assertThat(lr.get("type").asString()).isEqualTo("number");
    assertThat(lr.get("description").asString()).isEqualTo("Learning rate <b>");
    assertThat(nodes.get(0).get("description").asString()).isEqualTo("How to step");
    assertThat(nodes.get(3).get("key").asString()).isEqualTo("a.b");
    assertThat(nodes.get(5).get("kind").asString()).isEqualTo("null");
    String h = html.text();
    for (JsonNode n : nodes) {
      assertThat(h).contains("<span class=\"key\">" + esc(n.get("key").asString()) + "</span>");
      if (n.has("json")) {
        assertThat(h).contains(">" + esc(n.get("json").asString()) + "</code>");
      }
      if (!n.get("description").isNull()) {
        assertThat(h).contains(esc(n.get("description").asString()));
      }
    }
    assertThat(h).contains("<details open>").contains("Learning rate &lt;b&gt;");
    assertThat(h).doesNotContain("<script>alert").doesNotContain("<script>k").doesNotContain("<b>");
    // metadata: a table, keys and values escaped
    assertThat(m.get("meta")).hasSize(2);
    for (JsonNode e : m.get("meta")) {
      assertThat(h).contains("<th scope=\"row\">" + esc(e.get("key").asString()) + "</th>");
      assertThat(h).contains("<code>" + esc(e.get("json").asString()) + "</code>");
    }
    assertThat(h).contains(esc("Tree " + EVIL));
    assertThat(m.get("downloads").get("json").asString())
        .isEqualTo("/ui/lab/demo/runs/tree/download?version=1&format=json");
    assertThat(h).contains("href=\"/ui/lab/demo/runs/tree/download?version=1&amp;format=yaml\"");
  }

  @Test
  void aConfigWithMoreKeysThanAPageShowsSaysItIsCutAndKeepsTheDownloadWhole() throws Exception {
    StringBuilder big = new StringBuilder("{");
    for (int i = 0; i < RunPages.MAX_SHOWN + 50; i++) {
      big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    String body = big.append('}').toString();
    store.openRun(DEMO, "big", "Big");
    store.addConfig(DEMO, "big", body, null, null);
    JsonNode m = twin("/ui/lab/demo/runs/big").json();
    assertThat(m.get("truncated").asBoolean()).isTrue();
    assertThat(m.get("config")).hasSize(RunPages.MAX_SHOWN);
    assertThat(page("/ui/lab/demo/runs/big").text())
        .contains("Only the first " + RunPages.MAX_SHOWN + " keys are shown");
    assertThat(page("/ui/lab/demo/runs/big/download?format=json").text()).isEqualTo(body);
    assertThat(twin("/ui/lab/demo/runs/tree").json().get("truncated").asBoolean()).isFalse();
  }

  @Test
  void withoutATemplateDescriptionsComeFromTheConfigsHelp() throws Exception {
    JsonNode m = twin("/ui/lab/demo/runs/helped").json();
    assertThat(m.get("descriptions").asString()).isEqualTo("__help__");
    assertThat(m.get("config")).hasSize(1); // __help__ itself is not a key of the tree
    assertThat(m.get("config").get(0).get("description").asString())
        .isEqualTo("[number] Step size from help");
    assertThat(page("/ui/lab/demo/runs/helped").text()).contains("[number] Step size from help");
  }

  @Test
  void theDiffMarksEachChangedPathWithStrictTypesAndNullApartFromMissing() throws Exception {
    Answer json = twin("/ui/lab/demo/runs/diffs/diff?from=1&to=2");
    assertThat(json.status()).isEqualTo(200);
    List<String> changes = new ArrayList<>();
    for (JsonNode c : json.json().get("changes")) {
      changes.add(
          c.get("path").asString()
              + " "
              + c.get("change").asString()
              + " "
              + (c.get("from").isNull() ? "missing" : c.get("from").get("json").asString())
              + " "
              + (c.get("to").isNull() ? "missing" : c.get("to").get("json").asString()));
    }
    assertThat(changes)
        .containsExactly(
            "config.a changed 1 \"1\"",
            "config.e removed null missing",
            "config.l.1 removed 2 missing",
            "config.b added missing 2",
            "config.\"x.y\" added missing true");
    String h = page("/ui/lab/demo/runs/diffs/diff?from=1&to=2").text();
    for (JsonNode c : json.json().get("changes")) {
      assertThat(h)
          .contains(
              "<tr class=\""
                  + c.get("change").asString()
                  + "\"><th scope=\"row\"><code>"
                  + esc(c.get("path").asString())
                  + "</code>");
    }
    assertThat(h).contains("<td class=\"missing\">missing</td>");
    assertThat(h).contains("<td class=\"null\"><code>null</code></td>");
    assertThat(twin("/ui/lab/demo/runs/diffs/diff?from=2&to=2").json().get("changes")).isEmpty();
  }

  @Test
  void aKeyHoldingADotIsDescribedAsThatKeyAndNotAsTheNestedPathSpelledAlike() throws Exception {
    List<JsonNode> nodes = flatten(twin("/ui/lab/demo/runs/dotted").json().get("config"));
    Map<String, String> described = new java.util.LinkedHashMap<>();
    for (JsonNode n : nodes) {
      JsonNode d = n.get("description");
      described.put(n.get("path").asString(), d.isNull() ? "(none)" : d.asString());
    }
    assertThat(described)
        .containsExactly(
            Map.entry("config.\"a.b\"", "The dotted key"),
            Map.entry("config.a", "(none)"),
            Map.entry("config.a.b", "b inside a"));
    assertThat(nodes.get(0).get("type").asString()).isEqualTo("integer");
    assertThat(nodes.get(2).get("type").asString()).isEqualTo("string");

    // compare: the dotted key's default fills the run that lacks it, the nested key is not it
    JsonNode m = twin("/ui/lab/demo/compare?run=dotted&run=dotted-2").json();
    Map<String, String> cells = new java.util.LinkedHashMap<>();
    for (JsonNode row : m.get("rows")) {
      JsonNode second = row.get("cells").get(1);
      cells.put(
          row.get("path").asString(),
          second.get("kind").asString() + " " + second.path("json").asString(""));
    }
    assertThat(cells)
        .containsEntry("config.\"a.b\"", "default 7")
        .containsEntry("config.a.b", "string \"x\"");
  }

  @Test
  void compareShowsOneColumnPerRunWithTheBaselineAndKeepsMissingNullAndDefaultApart()
      throws Exception {
    String path = "/ui/lab/demo/compare?run=base&run=other&run=third";
    Answer json = twin(path);
    assertThat(json.status()).isEqualTo(200);
    JsonNode m = json.json();
    assertThat(m.get("runs").findValuesAsString("slug")).containsExactly("base", "other", "third");
    List<String> rows = new ArrayList<>();
    for (JsonNode row : m.get("rows")) {
      StringBuilder b = new StringBuilder(row.get("path").asString());
      for (JsonNode c : row.get("cells")) {
        b.append(" | ").append(c.get("kind").asString());
        if (c.has("json")) {
          b.append(' ').append(c.get("json").asString());
        }
        if (c.path("changed").asBoolean(false)) {
          b.append(" *");
        }
      }
      rows.add(b.toString());
    }
    assertThat(rows)
        .containsExactly(
            "config.optimizer.lr | number 0.01 | number 0.02 * | number 0.010",
            "config.seed | number 1 | null null * | missing *",
            "config.same | string \"s\" | string \"s\" | string \"s\"",
            "config.optimizer.name | default \"adam\" | string \"sgd\" * | missing *");
    String h = page(path).text();
    assertThat(h).contains("<td class=\"number changed\"><code>0.02</code></td>");
    assertThat(h).contains("<td class=\"null changed\"><code>null</code></td>");
    assertThat(h).contains("<td class=\"missing changed\">missing</td>");
    assertThat(h).contains("<td class=\"default\"><code>&quot;adam&quot;</code></td>");
    assertThat(h).contains("<label for=\"only\">Differences only</label>");

    JsonNode only = twin(path + "&only=differences").json();
    assertThat(only.get("only").asString()).isEqualTo("differences");
    assertThat(only.get("rows").findValuesAsString("path"))
        .containsExactly("config.optimizer.lr", "config.seed", "config.optimizer.name");
    assertThat(page(path + "&only=differences").text())
        .contains("name=\"only\" value=\"differences\" checked>")
        .doesNotContain("<code>config.same</code>");
  }

  @Test
  void compareRefusesOneRunAndTwentyOneRunsClearly() throws Exception {
    Answer one = page("/ui/lab/demo/compare?run=base");
    assertThat(one.status()).isEqualTo(400);
    assertThat(one.text()).contains("compare: pick 2 to 20 different runs (1 given)");
    StringBuilder many = new StringBuilder("/ui/lab/demo/compare?run=r0");
    for (int i = 1; i < 21; i++) {
      many.append("&run=r").append(i);
    }
    Answer tooMany = twin(many.toString());
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.detail()).isEqualTo("compare: pick 2 to 20 different runs (21 given)");
    Answer same = twin("/ui/lab/demo/compare?run=base&run=base");
    assertThat(same.status()).isEqualTo(400);
    Answer unknown = twin("/ui/lab/demo/compare?run=base&run=nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.detail()).isEqualTo("no run 'nope'");
    assertThat(twin("/ui/lab/demo/compare?run=base&run=other&only=yes").status()).isEqualTo(400);
  }

  @Test
  void unknownRunsAndVersionsGet404PagesAndBadNumbers400() throws Exception {
    Answer run = page("/ui/lab/demo/runs/nope");
    assertThat(run.status()).isEqualTo(404);
    assertThat(run.header("Content-Type")).startsWith("text/html");
    assertThat(run.text()).contains("no run &#39;nope&#39;");
    assertThat(twin("/ui/lab/demo/runs/nope").detail()).isEqualTo("no run 'nope'");
    assertThat(twin("/ui/lab/demo/runs/tree?version=9").detail())
        .isEqualTo("run 'tree' has no config version 9");
    assertThat(twin("/ui/lab/demo/runs/diffs/diff?from=1&to=3").status()).isEqualTo(404);
    assertThat(twin("/ui/lab/demo/runs/diffs/diff?from=1").detail())
        .isEqualTo("diff: name two versions, as ?from=1&to=2");
    assertThat(twin("/ui/lab/demo/runs/tree?version=x").detail())
        .isEqualTo("version must be an integer from 1 to 2147483647");
    assertThat(twin("/ui/lab/demo/runs/NOT%20A%20SLUG").status()).isEqualTo(404);
    assertThat(twin("/ui/lab/demo/runs/tree/download?format=xml").detail())
        .isEqualTo("format must be json or yaml");
  }

  @Test
  void aKeyThatMayNotSeeTheProjectGetsTheMissingProjectPage() throws Exception {
    Answer hidden = http.get("/ui/lab/demo/runs/tree", bobKey);
    Answer missing = http.get("/ui/lab/nosuch/runs/tree", bobKey);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.text().replace("lab/demo", "X"))
        .isEqualTo(missing.text().replace("lab/nosuch", "X"));
  }

  @Test
  void downloadsTheConfigAsStoredOrAsYamlAsAnAttachment() throws Exception {
    Answer j = page("/ui/lab/demo/runs/diffs/download?version=1&format=json");
    assertThat(j.status()).isEqualTo(200);
    assertThat(j.text()).isEqualTo(store.config(DEMO, "diffs", 1).orElseThrow().body());
    assertThat(j.header("Content-Disposition")).isEqualTo("attachment; filename=\"diffs-v1.json\"");
    assertThat(j.header("Content-Type")).startsWith("application/json");
    Answer y = page("/ui/lab/demo/runs/diffs/download?version=2&format=yaml");
    assertThat(y.header("Content-Disposition")).isEqualTo("attachment; filename=\"diffs-v2.yaml\"");
    assertThat(y.header("Content-Type")).startsWith("application/yaml");
    assertThat(Config.fromYaml(y.text()))
        .isEqualTo(Config.fromJson(store.config(DEMO, "diffs", 2).orElseThrow().body()));
    Answer latest = page("/ui/lab/demo/runs/diffs/download?format=json");
    assertThat(latest.header("Content-Disposition")).contains("diffs-v2.json");
    assertThat(twin("/ui/lab/demo/runs/diffs/download?version=3&format=json").status())
        .isEqualTo(404);
  }

  @Test
  void aNonAsciiSlugDownloadsUnderItsOwnName() {
    assertThat(RunPages.attachment("ωmega-v1.json"))
        .isEqualTo("attachment; filename=\"_mega-v1.json\"; filename*=UTF-8''%CF%89mega-v1.json");
  }

  @Test
  void aRunWithTenThousandVersionsPagesThemNewestFirst() throws Exception {
    store.openRun(DEMO, "long", "Long");
    for (int i = 1; i <= 10_000; i++) {
      store.addConfig(DEMO, "long", "{\"i\":" + i + "}", null, null);
    }
    JsonNode first = twin("/ui/lab/demo/runs/long").json();
    assertThat(first.get("latest").asInt()).isEqualTo(10_000);
    assertThat(first.get("versions")).hasSize(RunPages.VERSIONS_PAGE);
    assertThat(first.get("versions").get(0).get("version").asInt()).isEqualTo(10_000);
    assertThat(first.get("versions").get(49).get("version").asInt()).isEqualTo(9_951);
    assertThat(first.get("previous").isNull()).isTrue();
    assertThat(first.get("next").asString()).isEqualTo("/ui/lab/demo/runs/long?page=2");
    JsonNode last = twin("/ui/lab/demo/runs/long?page=200").json();
    assertThat(last.get("versions").findValuesAsString("version"))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.iterate(50, v -> v >= 1, v -> v - 1)
                .mapToObj(Integer::toString)
                .toList());
    assertThat(last.get("next").isNull()).isTrue();
    assertThat(last.get("previous").asString()).isEqualTo("/ui/lab/demo/runs/long?page=199");
    assertThat(twin("/ui/lab/demo/runs/long?page=201").status()).isEqualTo(400);
    JsonNode old = twin("/ui/lab/demo/runs/long?version=3&page=2").json();
    assertThat(old.get("version").asInt()).isEqualTo(3);
    assertThat(old.get("config").get(0).get("json").asString()).isEqualTo("3");
    assertThat(old.get("next").asString()).isEqualTo("/ui/lab/demo/runs/long?version=3&page=3");
    String h = page("/ui/lab/demo/runs/long?page=2").text();
    assertThat(h).contains(">Version 9950</a>").contains(">Version 9901</a>");
    assertThat(h).doesNotContain(">Version 9951</a>");
    JsonNode diff = twin("/ui/lab/demo/runs/long/diff?from=1&to=10000").json();
    assertThat(diff.get("changes").get(0).get("to").get("json").asString()).isEqualTo("10000");
  }
}
