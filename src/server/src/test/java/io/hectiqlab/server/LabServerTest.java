package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real server on a loopback port over a real SQLite file, spoken to over HTTP. */
class LabServerTest {
  static final String ADMIN_KEY = "hql_test_admin_key_0123456789";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static LabServer server;
  static String aliceKey;

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    assertThat(call("POST", "/admin/users", ADMIN_KEY, "{\"name\": \"alice\"}").status)
        .isEqualTo(200);
    aliceKey = call("POST", "/admin/users/alice/keys", ADMIN_KEY, "").json.get("key").asString();
    assertThat(
            call(
                    "POST",
                    "/admin/projects",
                    ADMIN_KEY,
                    "{\"project\": \"lab/demo\", \"members\": [\"alice\"]}")
                .status)
        .isEqualTo(200);
    assertThat(call("POST", "/admin/projects", ADMIN_KEY, "{\"project\": \"other/secret\"}").status)
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int status, JsonNode json, String text) {}

  static Answer call(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    return new Answer(r.statusCode(), json, r.body());
  }

  @Test
  void theGreetingNamesTheApiAndTheWebPages() {
    int port = server.port();
    assertThat(server.greeting("127.0.0.1"))
        .isEqualTo(
            "hectiqlab lab listening on http://127.0.0.1:"
                + port
                + " (web pages: http://127.0.0.1:"
                + port
                + "/ui/)");
    assertThat(server.greeting("::1")).startsWith("hectiqlab lab listening on http://[::1]:");
  }

  @Test
  void runsAreCreatedOnceWithThePyhectiqlabWireShape() throws Exception {
    Answer first = call("POST", "/lab/demo/runs", aliceKey, "{\"name\": \"Demo Run #1\"}");
    Answer again = call("POST", "/lab/demo/runs", aliceKey, "{\"name\": \"Demo Run #1\"}");
    assertThat(first.status).isEqualTo(200);
    assertThat(first.json.get("slug").asString()).isEqualTo("demo-run-1");
    assertThat(first.json.get("name").asString()).isEqualTo("Demo Run #1");
    assertThat(first.json.get("is_new").asBoolean()).isTrue();
    assertThat(first.json.get("p_id").isNumber()).isTrue();
    assertThat(again.json.get("is_new").asBoolean()).isFalse();
    assertThat(again.json.get("p_id").asInt()).isEqualTo(first.json.get("p_id").asInt());
    assertThat(call("GET", "/lab/demo/runs/demo-run-1", aliceKey, null).json.get("name").asString())
        .isEqualTo("Demo Run #1");
    assertThat(call("GET", "/lab/demo/runs?page=1&size=10", aliceKey, null).json.get("runs").size())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void pushedConfigsKeepTheirHistoryAndDownloadWithMeta() throws Exception {
    call("POST", "/lab/demo/runs", aliceKey, "{\"name\": \"history\"}");
    String v1 = "{\"meta\": {\"__config__\": {\"lr\": 0.1, \"big\": 12345678901234567890}}}";
    String v2 = "{\"meta\": {\"__config__\": {\"lr\": 0.2}}}";
    assertThat(
            call("POST", "/lab/demo/runs/history/meta", aliceKey, v1).json.get("version").asInt())
        .isEqualTo(1);
    assertThat(
            call("POST", "/lab/demo/runs/history/meta", aliceKey, v2).json.get("version").asInt())
        .isEqualTo(2);
    call(
        "POST",
        "/lab/demo/runs/history/meta",
        aliceKey,
        "{\"meta\": {\"__meta__\": {\"acc\": 0.9, \"tags\": [\"a\"]}}}");
    call(
        "POST",
        "/lab/demo/runs/history/meta",
        aliceKey,
        "{\"meta\": {\"__meta__\": {\"acc\": 0.95}}}");

    Answer latest = call("GET", "/lab/demo/runs/history/configs", aliceKey, null);
    assertThat(latest.status).isEqualTo(200);
    assertThat(latest.json.get("__config__").get("lr").asDouble()).isEqualTo(0.2);
    assertThat(latest.json.get("__meta__").get("acc").asDouble()).isEqualTo(0.95);
    assertThat(latest.json.get("__meta__").get("tags").get(0).asString()).isEqualTo("a");

    Answer first = call("GET", "/lab/demo/runs/history/configs?version=1", aliceKey, null);
    assertThat(first.text).contains("12345678901234567890");
    assertThat(call("GET", "/lab/demo/runs/history/configs?version=9", aliceKey, null).status)
        .isEqualTo(404);
    assertThat(
            call("GET", "/lab/demo/runs/history/configs/history", aliceKey, null)
                .json
                .get("versions")
                .size())
        .isEqualTo(2);
  }

  @Test
  void aRetriedPushWithTheSameIdempotencyKeyIsAppliedOnce() throws Exception {
    call("POST", "/lab/demo/runs", aliceKey, "{\"name\": \"retry\"}");
    for (int i = 0; i < 3; i++) {
      HttpRequest r =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.port() + "/lab/demo/runs/retry/meta"))
              .header("X-API-Key", aliceKey)
              .header("Idempotency-Key", "push-1")
              .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"__config__\": {\"a\": 1}}}"))
              .build();
      assertThat(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
    assertThat(
            call("GET", "/lab/demo/runs/retry/configs/history", aliceKey, null)
                .json
                .get("versions")
                .size())
        .isEqualTo(1);
  }

  @Test
  void missingOrWrongKeysAre401WithADetail() throws Exception {
    Answer none = call("GET", "/projects", null, null);
    Answer wrong = call("GET", "/projects", "hql_wrong", null);
    assertThat(none.status).isEqualTo(401);
    assertThat(none.json.get("detail").asString()).contains("X-API-Key");
    assertThat(wrong.status).isEqualTo(401);
    assertThat(wrong.json.get("detail").asString()).isEqualTo("invalid API key");
    assertThat(wrong.text).doesNotContain("hql_wrong");
  }

  @Test
  void aRevokedKeyStopsWorkingWithinTheAccessCacheTime() throws Exception {
    call("POST", "/admin/users", ADMIN_KEY, "{\"name\": \"carl\"}");
    String key = call("POST", "/admin/users/carl/keys", ADMIN_KEY, "").json.get("key").asString();
    assertThat(call("GET", "/projects", key, null).status).isEqualTo(200);
    assertThat(call("POST", "/admin/keys/revoke", ADMIN_KEY, "{\"key\": \"" + key + "\"}").status)
        .isEqualTo(200);
    Thread.sleep(LabServer.ACCESS_TTL_NANOS / 1_000_000 + 100);
    assertThat(call("GET", "/projects", key, null).status).isEqualTo(401);
  }

  @Test
  void otherTeamsProjectsLookAbsentAndAdminRoutesAreForbidden() throws Exception {
    Answer secret = call("GET", "/other/secret/runs", aliceKey, null);
    Answer missing = call("GET", "/nope/nope/runs", aliceKey, null);
    assertThat(secret.status).isEqualTo(404);
    assertThat(missing.status).isEqualTo(404);
    assertThat(secret.json.get("detail").asString()).contains("no project");
    assertThat(call("GET", "/projects", aliceKey, null).json.get("projects").toString())
        .isEqualTo("[\"lab/demo\"]");
    assertThat(call("POST", "/admin/users", aliceKey, "{\"name\": \"eve\"}").status).isEqualTo(403);
  }

  @Test
  void badBodiesAre400WithTheViolationsAndStoreNothing() throws Exception {
    Answer missing = call("POST", "/lab/demo/runs", aliceKey, "{}");
    assertThat(missing.status).isEqualTo(400);
    assertThat(missing.json.get("detail").asString()).contains("name");
    assertThat(missing.json.get("violations").size()).isEqualTo(1);

    Answer malformed = call("POST", "/lab/demo/runs", aliceKey, "{\"name\": ");
    assertThat(malformed.status).isEqualTo(400);
    assertThat(malformed.json.get("detail").asString()).contains("invalid request body");

    Answer dup = call("POST", "/lab/demo/runs", aliceKey, "{\"name\": \"a\", \"name\": \"b\"}");
    assertThat(dup.status).isEqualTo(400);

    String deep = "[".repeat(5000) + "]".repeat(5000);
    Answer tooDeep =
        call(
            "POST",
            "/lab/demo/runs/x/meta",
            aliceKey,
            "{\"meta\": {\"__meta__\": {\"d\": " + deep + "}}}");
    assertThat(tooDeep.status).isIn(400, 404);
    assertThat(tooDeep.json.has("detail")).isTrue();

    Answer revokeMalformed = call("POST", "/admin/keys/revoke", ADMIN_KEY, "{\"key\": ");
    assertThat(revokeMalformed.status).isEqualTo(400);
    assertThat(revokeMalformed.json.get("detail").asString()).contains("invalid request body");
    assertThat(call("POST", "/admin/keys/revoke", ADMIN_KEY, "").status).isEqualTo(400);

    Answer unknownKey =
        call("POST", "/lab/demo/runs/x/meta", aliceKey, "{\"meta\": {\"__other__\": 1}}");
    assertThat(unknownKey.status).isIn(400, 404);
  }

  @Test
  void hugeBodiesAre413BeforeTheBodyIsSent() throws Exception {
    // only the headers are sent: the server refuses by Content-Length, without waiting for (or
    // asking with "100 Continue" for) 10 MiB it would throw away
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /lab/demo/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
              + aliceKey
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + (10 * 1024 * 1024)
              + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
      assertThat(answer).contains("{\"detail\":\"request body larger than 4194304 bytes\"}");
    }
  }

  @Test
  void pathTricksFindNothing() throws Exception {
    for (String path :
        new String[] {"/lab/%2e%2e/runs", "/lab/demo/runs/%2e%2e", "/lab/demo/runs/..%2fx"}) {
      Answer a = call("GET", path, aliceKey, null);
      assertThat(a.status).as(path).isIn(400, 404);
      assertThat(a.json.has("detail")).as(path).isTrue();
    }
    assertThat(
            call("GET", "/no/such/endpoint/at/all", aliceKey, null).json.get("detail").asString())
        .contains("not found");
  }

  @Test
  void aNewLabPrintsItsAdminKeyOnceAndRefusesToListenBeyondLoopbackWithoutOne() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path db = dir.resolve("fresh.db");
    try (LabServer s =
        LabServer.start(
            "sqlite:" + db,
            "127.0.0.1",
            0,
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(s.port()).isPositive();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("admin API key").contains("hql_");
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (LabServer s =
        LabServer.start(
            "sqlite:" + db,
            "127.0.0.1",
            0,
            null,
            new PrintStream(again, true, StandardCharsets.UTF_8))) {
      assertThat(s.port()).isPositive();
    }
    assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("hql_");
    assertThatThrownBy(
            () ->
                LabServer.start("sqlite:" + dir.resolve("open.db"), "0.0.0.0", 0, null, System.out))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HECTIQLAB_ADMIN_API_KEY");
  }
}
