package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths under /ui are pages or no page, whatever the method: never an API route of an owner named
 * "ui", which no project may take.
 */
class WebRoutesTest {
  static final String ADMIN_KEY = "hql_web_routes_admin_key_0123456789";

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp http;
  static String aliceKey;

  @BeforeAll
  static void start() throws Exception {
    server = LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, null);
    http = new LabHttp(server.port());
    aliceKey = http.user(ADMIN_KEY, "alice");
    // projects named like the API's path segments
    http.project(ADMIN_KEY, "alice/runs", "alice");
    http.project(ADMIN_KEY, "alice/templates", "alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noProjectMayBeOwnedByUi() throws Exception {
    Answer a =
        http.post(
            "/admin/projects", ADMIN_KEY, "{\"project\": \"ui/alice\", \"members\": [\"alice\"]}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.detail())
        .isEqualTo("the owner name 'ui' is reserved: the lab's web pages live under /ui/");
    assertThat(http.get("/projects", ADMIN_KEY).text()).doesNotContain("ui/alice");
  }

  @Test
  void projectsNamedRunsOrTemplatesGetTheirRunsPage() throws Exception {
    for (String project : new String[] {"alice/runs", "alice/templates"}) {
      Answer page = http.get("/ui/" + project, aliceKey);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.text()).contains("<h1>" + project + "</h1>");
      Answer twin =
          http.call("GET", "/ui/" + project, aliceKey, null, "Accept", "application/json");
      assertThat(twin.json().get("project").asString()).isEqualTo(project);
    }
  }

  @Test
  void apiShapedPathsUnderUiAreNoPageAndChangeNothing() throws Exception {
    Answer post = http.post("/ui/alice/runs", aliceKey, "{\"name\": \"sneaky\"}");
    Answer meta =
        http.post("/ui/alice/runs/sneaky/meta", aliceKey, "{\"meta\": {\"__meta__\": {\"a\": 1}}}");
    Answer put = http.call("PUT", "/ui/alice/runs/templates/t/mode", aliceKey, "{}");
    for (Answer a : new Answer[] {post, meta, put}) {
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.header("Content-Security-Policy")).startsWith("default-src 'none'");
    }
    assertThat(post.text()).contains("no page /ui/alice/runs");
    assertThat(http.get("/alice/runs/runs", aliceKey).json().get("runs")).isEmpty();
    assertThat(http.get("/ui/a/b/c/d/e/f/g", aliceKey).status()).isEqualTo(404);
  }

  @Test
  void aHeadAnswersWhatTheGetWouldWithoutItsBody() throws Exception {
    String[][] cases = {
      {"/", null},
      {"/ui", null},
      {"/ui/", aliceKey},
      {"/ui/", null},
      {"/ui/sign-in", null},
      {"/ui/alice/runs", aliceKey},
      {"/ui/alice/missing", aliceKey},
      {"/ui/alice/runs/runs/none", aliceKey},
      {"/ui/no/such/page/here/at/all", aliceKey},
      {"/health", null},
      {"/projects", aliceKey},
      {"/projects", null},
      {"/alice/runs/runs/none", aliceKey},
    };
    for (String[] c : cases) {
      Answer get = http.call("GET", c[0], c[1], null);
      Answer head = http.call("HEAD", c[0], c[1], null);
      String what = "HEAD " + c[0] + (c[1] == null ? "" : " with a key");
      assertThat(head.status()).as(what).isEqualTo(get.status());
      assertThat(head.header("Location")).as(what).isEqualTo(get.header("Location"));
      assertThat(head.header("Content-Type")).as(what).isEqualTo(get.header("Content-Type"));
      assertThat(head.header("Content-Security-Policy"))
          .as(what)
          .isEqualTo(get.header("Content-Security-Policy"));
      assertThat(head.text()).as(what).isEmpty();
    }
    assertThat(http.call("HEAD", "/ui/alice/missing", aliceKey, null).status()).isEqualTo(404);
  }
}
