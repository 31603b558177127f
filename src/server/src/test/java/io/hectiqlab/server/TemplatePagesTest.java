package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.ConfigSchema;
import io.hectiqlab.TemplateField;
import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The template pages through the real server over HTTP, on a real SQLite file: each page's JSON
 * twin is the registry's API answer plus the page's links, the HTML shows the rows of its model
 * (the fields table the rows of {@code hectiqlab help}), the compatibility report its witnesses,
 * and every bad path or parameter gets an error page naming it.
 */
class TemplatePagesTest {
  static final String ADMIN_KEY = "hql_template_pages_admin_key_0123456789";
  static final String JSON = "application/json";

  /** v1: a required rate up to 1, a described optimizer section, a name with a default. */
  static final String V1 =
      """
      {"type": "object",
       "description": "Training <b>run</b>",
       "properties": {
         "lr": {"type": "number", "maximum": 1, "description": "learning rate <script>alert(1)</script>"},
         "optimizer": {"type": "object", "description": "the optimizer",
           "properties": {
             "name": {"enum": ["adam", "sgd"], "default": "adam"},
             "momentum": {"type": ["number", "null"], "minimum": 0}},
           "required": ["name"]},
         "a.b": {"type": "string", "default": "<i>x</i>"}},
       "required": ["lr"]}
      """;

  /** v2: the rate may go only up to 0.5 and the optimizer section is gone (breaks backward). */
  static final String V2 =
      """
      {"type": "object",
       "properties": {"lr": {"type": "number", "maximum": 0.5}},
       "required": ["lr"]}
      """;

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp lab;
  static String alice; // member of ml/vision
  static String bob; // member of other/place only

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    lab = new LabHttp(server.port());
    alice = lab.user(ADMIN_KEY, "alice");
    bob = lab.user(ADMIN_KEY, "bob");
    lab.project(ADMIN_KEY, "ml/vision", "alice");
    lab.project(ADMIN_KEY, "other/place", "bob");
    assertThat(lab.post("/ml/vision/templates/training", alice, V1).status()).isEqualTo(201);
    Answer none =
        lab.call("PUT", "/ml/vision/templates/training/mode", alice, "{\"mode\": \"none\"}");
    assertThat(none.status()).isEqualTo(200);
    assertThat(lab.post("/ml/vision/templates/training", alice, V2).status()).isEqualTo(201);
    assertThat(lab.post("/ml/vision/templates/fan", alice, fanOut(10, 4)).status()).isEqualTo(201);
    assertThat(lab.post("/ml/vision/templates/empty", alice, "{}").status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ------------------------------------------------------------------------------ the list

  @Test
  void theListsJsonTwinIsTheApiAnswerWithTheLinksThePageShows() throws Exception {
    Answer api = lab.get("/ml/vision/templates", alice);
    Answer twin = twin("/ui/ml/vision/templates", alice);
    assertThat(twin.status()).isEqualTo(200);
    assertThat(twin.header("Content-Type")).startsWith(JSON);
    assertThat(twin.json().get("project").asString()).isEqualTo("ml/vision");
    assertThat(twin.json().get("previous").isNull()).isTrue();
    assertThat(twin.json().get("next").isNull()).isTrue();
    JsonNode training = twin.json().get("templates").get(2);
    assertThat(training.get("name").asString()).isEqualTo("training");
    assertThat(training.get("href").asString()).isEqualTo("/ui/ml/vision/templates/training");
    assertThat(training.get("latest_href").asString())
        .isEqualTo("/ui/ml/vision/templates/training/versions/2");
    assertThat(
            without(
                twin.json(),
                List.of("project", "previous", "next"),
                "templates",
                List.of("href", "latest_href")))
        .isEqualTo(api.text());

    Answer page = lab.get("/ui/ml/vision/templates", alice);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(rows(page.text()))
        .containsExactly(
            List.of("empty", "version 1", "backward", time(twin, "templates", 0, "updated_at")),
            List.of("fan", "version 1", "backward", time(twin, "templates", 1, "updated_at")),
            List.of("training", "version 2", "none", time(twin, "templates", 2, "updated_at")));
    assertThat(page.text())
        .contains("<a href=\"/ui/ml/vision/templates/training\">training</a>")
        .contains("<a href=\"/ui/ml/vision/templates/training/versions/2\">version 2</a>");
  }

  @Test
  void theListPagesWithPreviousAndNextLinks() throws Exception {
    Answer first = twin("/ui/ml/vision/templates?size=2", alice);
    assertThat(first.json().get("templates")).hasSize(2);
    assertThat(first.json().get("previous").isNull()).isTrue();
    assertThat(first.json().get("next").asString())
        .isEqualTo("/ui/ml/vision/templates?page=2&size=2");
    Answer second = twin(first.json().get("next").asString(), alice);
    assertThat(second.json().get("templates")).hasSize(1);
    assertThat(second.json().get("previous").asString())
        .isEqualTo("/ui/ml/vision/templates?page=1&size=2");
    assertThat(second.json().get("next").isNull()).isTrue();
    assertThat(lab.get("/ui/ml/vision/templates?size=2", alice).text())
        .contains("<a href=\"/ui/ml/vision/templates?page=2&amp;size=2\">Next page</a>");
    // the API's answer is unchanged by the look-ahead
    assertThat(lab.get("/ml/vision/templates?size=2", alice).json().get("templates")).hasSize(2);
  }

  // ------------------------------------------------------------------------------ versions

  @Test
  void theVersionsPageShowsEachVersionWithItsLinksAndAFormToPickTwo() throws Exception {
    Answer api = lab.get("/ml/vision/templates/training", alice);
    Answer twin = twin("/ui/ml/vision/templates/training", alice);
    assertThat(twin.status()).isEqualTo(200);
    JsonNode versions = twin.json().get("versions");
    assertThat(versions.get(0).get("href").asString())
        .isEqualTo("/ui/ml/vision/templates/training/versions/1");
    assertThat(versions.get(0).get("compat_href").isNull()).isTrue();
    assertThat(versions.get(1).get("compat_href").asString())
        .isEqualTo("/ui/ml/vision/templates/training/compat?from=1&to=2");
    assertThat(
            without(
                twin.json(),
                List.of("previous", "next", "compat_action"),
                "versions",
                List.of("href", "compat_href")))
        .isEqualTo(api.text());

    Answer page = lab.get("/ui/ml/vision/templates/training", alice);
    String sha1 = JdbcStore.hash(V1);
    String sha2 = JdbcStore.hash(V2);
    assertThat(rows(page.text()))
        .containsExactly(
            List.of(
                "version 1",
                sha1.substring(0, 12),
                "alice",
                time(twin, "versions", 0, "published_at"),
                String.valueOf(versions.get(0).get("bytes").asLong()),
                "-"),
            List.of(
                "version 2",
                sha2.substring(0, 12),
                "alice",
                time(twin, "versions", 1, "published_at"),
                String.valueOf(versions.get(1).get("bytes").asLong()),
                "with version 1"));
    assertThat(page.text())
        .contains("<p>Mode none; latest version 2.</p>")
        .contains("<form method=\"get\" action=\"/ui/ml/vision/templates/training/compat\"")
        .contains("<label for=\"compat-from\">From version</label>")
        .contains("<label for=\"compat-to\">To version</label>")
        .contains("<option value=\"none\" selected>none (the template&#39;s mode)</option>")
        .contains("<button type=\"submit\">Check compatibility</button>");
  }

  @Test
  void theVersionsPageWithPreviousAndNextLinks() throws Exception {
    Answer first = twin("/ui/ml/vision/templates/training?size=1", alice);
    assertThat(first.json().get("versions")).hasSize(1);
    assertThat(first.json().get("previous").isNull()).isTrue();
    assertThat(first.json().get("next").asString())
        .isEqualTo("/ui/ml/vision/templates/training?page=2&size=1");
    Answer second = twin(first.json().get("next").asString(), alice);
    assertThat(second.json().get("versions").get(0).get("version").asInt()).isEqualTo(2);
    assertThat(second.json().get("next").isNull()).isTrue();
    assertThat(lab.get("/ui/ml/vision/templates/training?page=2&size=1", alice).text())
        .contains(
            "<a href=\"/ui/ml/vision/templates/training?page=1&amp;size=1\">Previous page</a>")
        .contains("<span>Page 2</span>");
    Answer beyond = lab.get("/ui/ml/vision/templates/training?page=3&size=1", alice);
    assertThat(beyond.status()).isEqualTo(200);
    assertThat(beyond.text()).contains("No versions on this page.");
  }

  // ------------------------------------------------------------------------------ fields

  @Test
  void theFieldsTableHasTheRowsOfHelpWithRequiredMarkersEscaped() throws Exception {
    Answer twin = twin("/ui/ml/vision/templates/training/versions/1", alice);
    assertThat(twin.status()).as(twin.text()).isEqualTo(200);
    List<TemplateField> fields = ConfigSchema.fromText(V1).fields();
    JsonNode rows = twin.json().get("fields");
    assertThat(rows).hasSize(fields.size());
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      TemplateField f = fields.get(i);
      JsonNode r = rows.get(i);
      assertThat(r.get("path").asString()).isEqualTo(f.path());
      assertThat(r.get("type").asString()).isEqualTo(f.type());
      assertThat(r.get("required").asBoolean()).isEqualTo(f.required());
      assertThat(r.get("default").isNull() ? null : r.get("default").asString())
          .isEqualTo(f.defaultJson());
      assertThat(r.get("description").isNull() ? null : r.get("description").asString())
          .isEqualTo(f.description());
      List<String> constraints = new ArrayList<>();
      r.get("constraints").forEach(c -> constraints.add(c.asString()));
      assertThat(constraints).isEqualTo(f.constraints());
      // the cells as `hectiqlab help -t` prints them
      expected.add(
          List.of(
              f.path(),
              f.type(),
              f.required() ? "yes" : "-",
              f.defaultJson() == null ? "-" : f.defaultJson(),
              f.constraints().isEmpty() ? "-" : String.join("; ", f.constraints()),
              f.description() == null ? "-" : f.description()));
    }
    assertThat(twin.json().get("truncated").asBoolean()).isFalse();
    assertThat(twin.json().get("ref").asString()).isEqualTo("lab:ml/vision/training@1");
    assertThat(twin.json().get("previous_href").isNull()).isTrue();
    assertThat(twin.json().get("next_href").asString())
        .isEqualTo("/ui/ml/vision/templates/training/versions/2");

    Answer page = lab.get("/ui/ml/vision/templates/training/versions/1", alice);
    assertThat(page.status()).isEqualTo(200);
    assertThat(rows(page.text())).isEqualTo(expected);
    assertThat(expected)
        .contains(
            List.of("lr", "number", "yes", "-", "<= 1", "learning rate <script>alert(1)</script>"))
        .anySatisfy(row -> assertThat(row.get(0)).isEqualTo("a\\.b"));
    assertThat(page.text())
        .doesNotContain("<script>alert")
        .doesNotContain("<i>x</i>")
        .contains("learning rate &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("<tr class=\"required\"><th scope=\"row\"><code>lr</code></th>")
        .doesNotContain("Only the first");
    // "latest" names the latest version
    assertThat(twin("/ui/ml/vision/templates/training/versions/latest", alice).json())
        .isEqualTo(twin("/ui/ml/vision/templates/training/versions/2", alice).json());
  }

  @Test
  void aTemplateWhoseFieldsAreTruncatedSaysSo() throws Exception {
    Answer twin = twin("/ui/ml/vision/templates/fan/versions/1", alice);
    assertThat(twin.status()).isEqualTo(200);
    assertThat(twin.json().get("truncated").asBoolean()).isTrue();
    assertThat(twin.json().get("fields")).hasSize(ConfigSchema.MAX_HELP_FIELDS);
    assertThat(twin.json().get("max_fields").asInt()).isEqualTo(ConfigSchema.MAX_HELP_FIELDS);
    Answer page = lab.get("/ui/ml/vision/templates/fan/versions/1", alice);
    assertThat(page.text())
        .contains(
            "Only the first 10000 fields are listed: the template has more (its $refs fan out).");
    assertThat(rows(page.text())).hasSize(ConfigSchema.MAX_HELP_FIELDS);
  }

  @Test
  void aTemplateWithoutPropertiesSaysSo() throws Exception {
    Answer page = lab.get("/ui/ml/vision/templates/empty/versions/1", alice);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("The template documents no properties.");
    assertThat(twin("/ui/ml/vision/templates/empty/versions/1", alice).json().get("fields"))
        .isEmpty();
  }

  // ------------------------------------------------------------------------------ compat

  @Test
  void theCompatPageShowsEachChangeWithItsWitnesses() throws Exception {
    String query = "/ml/vision/templates/training/compat?from=1&to=2&mode=backward";
    Answer api = lab.get(query, alice);
    Answer twin = twin("/ui" + query, alice);
    assertThat(twin.status()).as(twin.text()).isEqualTo(200);
    assertThat(twin.json().get("compatible").asBoolean()).isFalse();
    assertThat(twin.json().get("template_mode").asString()).isEqualTo("none");
    assertThat(
            without(
                twin.json(),
                List.of(
                    "project",
                    "name",
                    "latest",
                    "from_href",
                    "to_href",
                    "compat_action",
                    "template_mode"),
                null,
                List.of()))
        .isEqualTo(api.text());

    Answer page = lab.get("/ui" + query, alice);
    assertThat(page.status()).isEqualTo(200);
    String html = page.text();
    assertThat(html)
        .contains("<strong>Not compatible</strong> under mode backward")
        .contains("<a href=\"/ui/ml/vision/templates/training/versions/1\">")
        .contains("<option value=\"backward\" selected>backward</option>")
        .contains("<option value=\"none\">none (the template&#39;s mode)</option>");
    JsonNode changes = twin.json().get("report").get("changes");
    assertThat(changes).isNotEmpty();
    int witnesses = 0;
    int change = 0;
    List<List<String>> rows = rows(html);
    assertThat(rows).hasSize(changes.size());
    for (JsonNode c : changes) {
      List<String> row = rows.get(change++);
      assertThat(List.of(row.get(0), row.get(1), row.get(5), row.get(6)))
          .containsExactly(
              String.valueOf(change),
              c.get("reason").asString(),
              c.get("kind").asString(),
              c.get("instancePath").asString().isEmpty()
                  ? "(root)"
                  : c.get("instancePath").asString());
      for (JsonNode w : c.get("witnesses")) {
        witnesses++;
        boolean backward = w.get("direction").asString().equals("BACKWARD");
        // shown as the document it is, with what the rejecting version says
        assertThat(html)
            .contains(
                Html.escape(
                        (backward ? "Backward witness" : "Forward witness")
                            + " of change "
                            + change
                            + "</strong>: valid under lab:ml/vision/training@"
                            + (backward
                                ? "1, invalid under lab:ml/vision/training@2: "
                                : "2, invalid under lab:ml/vision/training@1: ")
                            + w.get("violation").asString())
                    .replace("&lt;/strong&gt;", "</strong>"))
            .contains("<pre><code>" + Html.escape(w.get("document").toString()));
        // and it is what the report claims
        String document = w.get("document").toString();
        assertThat(ConfigSchema.fromText(backward ? V1 : V2).validateText(document).isValid())
            .isTrue();
        assertThat(ConfigSchema.fromText(backward ? V2 : V1).validateText(document).isValid())
            .isFalse();
      }
    }
    assertThat(witnesses).isPositive();
    // the lowered maximum breaks backward, and its witness is linked from its row
    assertThat(rows)
        .anySatisfy(
            row -> {
              assertThat(row.get(1)).isEqualTo("maximum lowered from 1 to 0.5");
              assertThat(row.subList(2, 5)).containsExactly("breaks", "no effect", "backward");
              assertThat(row.subList(7, 9))
                  .containsExactly(
                      "/properties/lr/maximum, line 4:40", "/properties/lr/maximum, line 2:53");
            });
    String text = twin.json().get("text").asString();
    assertThat(html).contains(Html.escape(text.substring(text.lastIndexOf('\n') + 1)));
  }

  @Test
  void theCompatPageUnderTheTemplatesOwnModeIsCompatible() throws Exception {
    Answer twin = twin("/ui/ml/vision/templates/training/compat?from=1&to=2", alice);
    assertThat(twin.json().get("mode").asString()).isEqualTo("none");
    assertThat(twin.json().get("compatible").asBoolean()).isTrue();
    assertThat(twin.json().get("template_mode").asString()).isEqualTo("none");
    assertThat(lab.get("/ui/ml/vision/templates/training/compat?from=1&to=2", alice).text())
        .contains("<strong>Compatible</strong> under mode none");
  }

  // ------------------------------------------------------------------------------ refusals

  @Test
  void unknownTemplatesAndVersionsGetNotFoundPagesNamingThem() throws Exception {
    assertError("/ui/ml/vision/templates/nope", 404, "no template 'lab:ml/vision/nope'");
    assertError(
        "/ui/ml/vision/templates/%3Cscript%3Ealert(1)%3C%2Fscript%3E/versions/1",
        404, "no template 'lab:ml/vision/<script>alert(1)</script>'");
    assertError("/ui/ml/vision/templates/nope/versions/1", 404, "no template 'lab:ml/vision/nope'");
    assertError(
        "/ui/ml/vision/templates/training/versions/3",
        404,
        "no template version lab:ml/vision/training@3");
    assertError(
        "/ui/ml/vision/templates/training/versions/abc",
        404,
        "no template version lab:ml/vision/training@abc");
    assertError(
        "/ui/ml/vision/templates/training/compat?from=1&to=9",
        404,
        "no template version lab:ml/vision/training@9");
    assertError(
        "/ui/ml/vision/templates/training/compat?to=2",
        400,
        "from is required: compat?from=N&to=M[&mode=ID]");
    assertError(
        "/ui/ml/vision/templates/training/compat?from=x&to=2",
        400,
        "from must be an integer from 1 to 2147483647");
    assertError(
        "/ui/ml/vision/templates/training/compat?from=1&to=2&mode=%3Cscript%3E",
        400,
        "unknown compatibility mode \"<script>\": use backward, forward, full or none, or one of"
            + " them with -transitive");
    assertError("/ui/ml/vision/templates?page=0", 400, "page must be an integer from 1 to 1000000");
    assertError(
        "/ui/ml/vision/templates/training?size=501", 400, "size must be an integer from 1 to 500");
  }

  @Test
  void aKeyThatMayNotSeeTheProjectGetsThePageOfAMissingProject() throws Exception {
    for (String page :
        List.of(
            "/templates",
            "/templates/training",
            "/templates/training/versions/1",
            "/templates/training/compat?from=1&to=2")) {
      Answer hidden = lab.get("/ui/ml/vision" + page, bob);
      Answer missing = lab.get("/ui/ml/nothing" + page, bob);
      assertThat(hidden.status()).isEqualTo(404);
      assertThat(hidden.text())
          .isEqualTo(missing.text().replace("ml/nothing", "ml/vision"))
          .contains("no project &#39;ml/vision&#39;")
          .doesNotContain("training");
      assertThat(twin("/ui/ml/vision" + page, bob).text())
          .isEqualTo("{\"detail\":\"no project 'ml/vision'\"}");
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private static void assertError(String path, int status, String detail) throws Exception {
    Answer page = lab.get(path, alice);
    assertThat(page.status()).as(path).isEqualTo(status);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("<p role=\"alert\">" + Html.escape(detail) + "</p>");
    assertThat(page.text()).doesNotContain("<script>");
    Answer twin = twin(path, alice);
    assertThat(twin.status()).isEqualTo(status);
    assertThat(twin.detail()).isEqualTo(detail);
  }

  private static Answer twin(String path, String key) throws Exception {
    return lab.call("GET", path, key, null, "Accept", JSON);
  }

  /**
   * The twin's JSON text without the fields the page adds (at the top, and in each element of the
   * array {@code list}).
   */
  private static String without(
      JsonNode twin, List<String> top, String list, List<String> inElements) {
    ObjectNode copy = (ObjectNode) twin.deepCopy();
    top.forEach(copy::remove);
    if (list != null) {
      copy.get(list).forEach(e -> inElements.forEach(((ObjectNode) e)::remove));
    }
    return copy.toString();
  }

  /** How a page writes the time at {@code list[i].field} of a twin. */
  private static String time(Answer twin, String list, int i, String field) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.ofEpochMilli(twin.json().get(list).get(i).get(field).asLong()));
  }

  private static final Pattern TBODY = Pattern.compile("<tbody>(.*?)</tbody>", Pattern.DOTALL);
  private static final Pattern TR = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<t([hd])[^>]*>(.*?)</t\\1>", Pattern.DOTALL);

  /** The text of each cell of each row of the first table body of a page. */
  static List<List<String>> rows(String html) {
    Matcher body = TBODY.matcher(html);
    assertThat(body.find()).as("a <tbody>").isTrue();
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = TR.matcher(body.group(1));
    while (tr.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = CELL.matcher(tr.group(1));
      while (cell.find()) {
        cells.add(unescape(cell.group(2).replaceAll("<[^>]*>", "")));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** {@code width} properties per level, each a $ref to the next of {@code levels} levels. */
  static String fanOut(int width, int levels) {
    StringBuilder sb = new StringBuilder("{\"$defs\": {");
    for (int l = 0; l < levels; l++) {
      sb.append(l == 0 ? "" : ", ").append("\"l").append(l).append("\": {\"type\": \"object\",");
      sb.append(" \"properties\": {");
      for (int p = 0; p < width; p++) {
        sb.append(p == 0 ? "" : ", ").append("\"p").append(p).append("\": ");
        if (l == levels - 1) {
          sb.append("{\"type\": \"integer\", \"default\": ").append(p).append('}');
        } else {
          sb.append("{\"$ref\": \"#/$defs/l").append(l + 1).append("\"}");
        }
      }
      sb.append("}}");
    }
    return sb.append("}, \"$ref\": \"#/$defs/l0\"}").toString();
  }
}
