package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hectiqlab.Config;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the lab's request bodies through the real server on loopback (a real SQLite file): the
 * first byte picks the endpoint (open a run, push a config and metadata, create a user, a project,
 * revoke a key), the rest is the body, posted as it is. Every answer is 200, or a client error
 * (400, 404, 409, 413, 422) with a JSON {@code detail}; never a 5xx. A config the server accepted
 * downloads as the same Config. Seeds are in {@code LabBodyFuzzTestInputs/post}.
 */
class LabBodyFuzzTest {
  private static final String ADMIN_KEY = "hql_fuzz_admin_key_0123456789";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PATHS =
      List.of(
          "/lab/fuzz/runs",
          "/lab/fuzz/runs/target/meta",
          "/admin/users",
          "/admin/projects",
          "/admin/keys/revoke");
  private static final List<Integer> CLIENT_ERRORS = List.of(400, 404, 409, 413, 422);

  private static Path dir;
  private static LabServer server;
  private static HttpClient http;
  private static SilentCloseable loopbackOnly;

  /**
   * Jazzer's SSRF detector refuses connections once its agent is in (it comes with the first fuzz
   * input): the only ones made here are to the loopback lab. Its JVM runs fuzz tests only.
   */
  private static void allowLoopback() {
    if (loopbackOnly == null) {
      loopbackOnly =
          BugDetectors.allowNetworkConnections(
              (host, port) -> {
                try {
                  return InetAddress.getByName(host).isLoopbackAddress();
                } catch (Exception e) {
                  return false;
                }
              });
    }
  }

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("lab-fuzz");
    server =
        LabServer.start(
            "sqlite:" + dir.resolve("lab.db"),
            "127.0.0.1",
            0,
            ADMIN_KEY,
            new PrintStream(PrintStream.nullOutputStream()));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(post("/admin/projects", "{\"project\": \"lab/fuzz\"}".getBytes()).statusCode())
        .isEqualTo(200);
    assertThat(post("/lab/fuzz/runs", "{\"name\": \"target\"}".getBytes()).statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    if (loopbackOnly != null) {
      loopbackOnly.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static HttpResponse<String> post(String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", ADMIN_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @FuzzTest(maxDuration = "10m")
  void post(byte[] input) throws Exception {
    allowLoopback();
    if (input.length == 0) {
      return;
    }
    String path = PATHS.get((input[0] & 0xff) % PATHS.size());
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    HttpResponse<String> answer = post(path, body);
    int status = answer.statusCode();
    if (status != 200) {
      assertThat(status).as("status for %s", answer.body()).isIn(CLIENT_ERRORS);
      JsonNode error = JSON.readTree(answer.body());
      assertThat(error.path("detail").isString()).as(answer.body()).isTrue();
      return;
    }
    JsonNode ok = JSON.readTree(answer.body());
    if (path.endsWith("/meta") && ok.has("version")) {
      // What was pushed (as core reads it) comes back unaltered.
      Config pushed = Config.fromJson(new String(body, "UTF-8")).getConfig("meta.__config__");
      HttpRequest get =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + server.port()
                          + "/lab/fuzz/runs/target/configs?version="
                          + ok.get("version").asInt()))
              .timeout(Duration.ofSeconds(10))
              .header("X-API-Key", ADMIN_KEY)
              .build();
      HttpResponse<String> downloaded = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertThat(downloaded.statusCode()).isEqualTo(200);
      assertThat(Config.fromJson(downloaded.body()).getConfig("__config__")).isEqualTo(pushed);
    }
  }

  @Test
  void bodyWithALoneSurrogateIsRefusedWith400NamingIt() throws Exception {
    HttpResponse<String> answer =
        post(
            "/lab/fuzz/runs/target/meta",
            "{\"meta\": {\"__config__\": {\"a\": \"x\\ud800\"}}}".getBytes("UTF-8"));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("detail").asString())
        .isEqualTo(
            "invalid request body: request body:1:31: invalid text: lone surrogate \\ud800 (half of a UTF-16 pair"
                + " without its other half is not Unicode text)");
  }
}
