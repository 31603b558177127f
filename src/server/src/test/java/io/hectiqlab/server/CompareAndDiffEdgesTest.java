package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Compare and diff where one config's leaf is another's object, and configs with __help__. */
class CompareAndDiffEdgesTest {
  static final String ADMIN_KEY = "hql_compare_edges_admin_key_0123456789";

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, null);
    http = new LabHttp(server.port());
    http.project(ADMIN_KEY, "lab/edges");
    push("nested", "{\"a\": {\"b\": 2}}");
    push("scalar", "{\"a\": 5}");
    push("helped", "{\"lr\": 0.1, \"__help__\": {\"lr\": \"Learning rate\"}}");
    push("helped", "{\"lr\": 0.2}");
  }

  static void push(String run, String config) throws Exception {
    http.post("/lab/edges/runs", ADMIN_KEY, "{\"name\": \"" + run + "\"}");
    Answer a =
        http.post(
            "/lab/edges/runs/" + run + "/meta",
            ADMIN_KEY,
            "{\"meta\": {\"__config__\": " + config + "}}");
    assertThat(a.status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode twin(String path) throws Exception {
    Answer a = http.call("GET", path, ADMIN_KEY, null, "Accept", "application/json");
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.json();
  }

  @Test
  void aPathHoldingAnObjectInOneRunIsShownNotMissing() throws Exception {
    JsonNode m = twin("/ui/lab/edges/compare?run=nested&run=scalar");
    List<String> rows = new ArrayList<>();
    for (JsonNode row : m.get("rows")) {
      StringBuilder b = new StringBuilder(row.get("path").asString());
      for (JsonNode cell : row.get("cells")) {
        b.append(" | ").append(cell.get("kind").asString());
        if (cell.has("json") && !cell.get("json").isNull()) {
          b.append(' ').append(cell.get("json").asString());
        }
      }
      rows.add(b.toString());
    }
    assertThat(rows)
        .containsExactly(
            "config.a.b | number 2 | missing", "config.a | object {\"b\":2} | number 5");
  }

  @Test
  void aPatternFilterWaitsForASlotAndIsRefusedWith429WhenNoneFrees() throws Exception {
    RunPages.PATTERN_SLOTS.acquire(RunPages.PATTERN_QUERIES);
    try {
      Answer busy =
          http.call(
              "GET",
              "/ui/lab/edges?filter=" + java.net.URLEncoder.encode("name ~ \"^n\"", "UTF-8"),
              ADMIN_KEY,
              null,
              "Accept",
              "application/json");
      assertThat(busy.status()).isEqualTo(429);
      assertThat(busy.header("Retry-After")).isEqualTo("2");
      assertThat(busy.detail())
          .isEqualTo("too many filters with ~ are running on this lab: try again in a moment");
      // a filter without ~ never waits for a slot
      assertThat(twin("/ui/lab/edges?filter=versions%20%3E%200").get("runs")).hasSize(3);
    } finally {
      RunPages.PATTERN_SLOTS.release(RunPages.PATTERN_QUERIES);
    }
    assertThat(
            twin("/ui/lab/edges?filter=" + java.net.URLEncoder.encode("name ~ \"^n\"", "UTF-8"))
                .get("runs"))
        .hasSize(1);
  }

  @Test
  void aDiffLeavesHelpOutAsTheRunPageDoes() throws Exception {
    JsonNode m = twin("/ui/lab/edges/runs/helped/diff?from=1&to=2");
    List<String> changes = new ArrayList<>();
    for (JsonNode c : m.get("changes")) {
      changes.add(c.get("path").asString() + " " + c.get("change").asString());
    }
    assertThat(changes).containsExactly("config.lr changed");
  }
}
