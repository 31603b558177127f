package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored version that compiles and validates {@code {}} but fails while it validates other
 * documents (a {@code $dynamicRef} without its anchor, reached only under a property; stored
 * through the store, as a lab with looser rules may have): pushes and compatibility reports answer
 * 422 naming it, never an internal error.
 */
class TemplateFailingAtValidationTest {
  static final String ADMIN_KEY = "hql_failing_admin_key_0123456789";
  static final String NESTED = "{\"properties\": {\"a\": {\"$dynamicRef\": \"#meta\"}}}";
  static final String PLAIN = "{\"properties\": {\"a\": {\"type\": \"integer\"}}}";
  @TempDir static Path dir;
  static LabServer server;
  static LabHttp lab;
  static String alice;

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    lab = new LabHttp(server.port());
    alice = lab.user(ADMIN_KEY, "alice");
    lab.project(ADMIN_KEY, "ml/vision", "alice");
    try (Store store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"))) {
      Store.ProjectRef p = new Store.ProjectRef("ml", "vision");
      store.publishTemplate(p, "nested", NESTED, JdbcStore.hash(NESTED), "alice", 0);
      store.publishTemplate(p, "nested", PLAIN, JdbcStore.hash(PLAIN), "alice", 1);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A 422 naming the version and the unresolved anchor (the wording is core's). */
  private static void assertFails(Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(422);
    assertThat(answer.json().get("detail").asString())
        .contains("lab:ml/vision/nested@1")
        .contains("cannot resolve $")
        .contains("meta");
  }

  @Test
  void aPushThatReachesTheBrokenRefIs422NamingTheVersionAndStoresNothing() throws Exception {
    Answer run = lab.post("/ml/vision/runs", alice, "{\"name\": \"r\"}");
    String slug = run.json().get("slug").asString();
    String before = lab.get("/ml/vision/runs/" + slug + "/configs/history", alice).text();
    Answer pushed =
        lab.post(
            "/ml/vision/runs/" + slug + "/meta",
            alice,
            "{\"meta\": {\"__config__\": {\"a\": 1}, \"__template__\": {\"name\": \"nested\","
                + " \"version\": 1}}}");
    assertFails(pushed);
    assertThat(lab.get("/ml/vision/runs/" + slug + "/configs/history", alice).text())
        .isEqualTo(before);
  }

  @Test
  void aCompatibilityReportWhoseWitnessReachesTheBrokenRefIs422NamingTheVersion() throws Exception {
    Answer compat = lab.get("/ml/vision/templates/nested/compat?from=1&to=2&mode=backward", alice);
    assertFails(compat);
  }
}
