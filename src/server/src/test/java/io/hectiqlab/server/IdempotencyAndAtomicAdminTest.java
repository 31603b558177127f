package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes through the real server are whole or refused: idempotent pushes, projects. */
class IdempotencyAndAtomicAdminTest {
  static final String KEY = "hql_atomic_admin_key_0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dir;
  static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, KEY, System.out);
    assertThat(call("POST", "/admin/projects", null, "{\"project\": \"lab/demo\"}").statusCode())
        .isEqualTo(200);
    assertThat(call("POST", "/lab/demo/runs", null, "{\"name\": \"r\"}").statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> call(String method, String path, String idempotencyKey, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("X-API-Key", KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anIdempotencyKeyReusedForAnotherBodyIs422AndTheFirstVersionStays() throws Exception {
    String v1 = "{\"meta\": {\"__config__\": {\"lr\": 0.1}}}";
    String v2 = "{\"meta\": {\"__config__\": {\"lr\": 0.2}}}";
    HttpResponse<String> first = call("POST", "/lab/demo/runs/r/meta", "push-1", v1);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(call("POST", "/lab/demo/runs/r/meta", "push-1", v1).body()).isEqualTo(first.body());
    HttpResponse<String> reused = call("POST", "/lab/demo/runs/r/meta", "push-1", v2);
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.body())
        .isEqualTo(
            "{\"detail\":\"Idempotency-Key 'push-1' was used for another config (version 1 of"
                + " run 'r'): send a new key for a new config\"}");
    assertThat(call("GET", "/lab/demo/runs/r/configs", null, null).body())
        .contains("\"lr\":0.1")
        .contains("\"__version__\":1");
  }

  @Test
  void aProjectWithAMissingMemberIs404AndIsNotCreated() throws Exception {
    HttpResponse<String> r =
        call(
            "POST",
            "/admin/projects",
            null,
            "{\"project\": \"lab/ghostly\", \"members\": [\"ghost\"]}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo("{\"detail\":\"no user 'ghost': project 'lab/ghostly' was not created\"}");
    assertThat(call("GET", "/projects", null, null).body()).doesNotContain("lab/ghostly");
    // and the same request, once the user exists, is not refused as a duplicate
    assertThat(call("POST", "/admin/users", null, "{\"name\": \"ghost\"}").statusCode())
        .isEqualTo(200);
    r =
        call(
            "POST",
            "/admin/projects",
            null,
            "{\"project\": \"lab/ghostly\", \"members\": [\"ghost\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
