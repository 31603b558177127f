package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the template routes' bodies through the real server on loopback (a real SQLite file): the
 * first byte picks the endpoint (publish under mode none: compile only; publish under backward:
 * compile and compatibility check against the latest; push a config checked against a published
 * version; set a mode), the rest is the body. Every answer is 200 or 201, or a client error (400,
 * 404, 409, 413, 422) with a JSON {@code detail}; never a 5xx. A published text reads back exactly.
 * Seeds are in {@code TemplateBodyFuzzTestInputs/post}.
 */
class TemplateBodyFuzzTest {
  private static final String ADMIN_KEY = "hql_template_fuzz_admin_key_0123456789";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PATHS =
      List.of(
          "/lab/fuzz/templates/free",
          "/lab/fuzz/templates/checked",
          "/lab/fuzz/runs/target/meta",
          "/lab/fuzz/templates/checked/mode");
  private static final List<Integer> CLIENT_ERRORS = List.of(400, 404, 409, 413, 422);

  /** The first version of the checked template, which pushes are checked against. */
  private static final String CHECKED_V1 =
      """
      {"type": "object",
       "properties": {"lr": {"type": "number", "maximum": 1},
                      "name": {"type": "string", "pattern": "^[a-z]+$"},
                      "layers": {"type": "array", "items": {"$ref": "#/$defs/layer"}}},
       "$defs": {"layer": {"type": "object", "required": ["size"],
                           "properties": {"size": {"type": "integer", "minimum": 1}}}}}
      """;

  private static Path dir;
  private static LabServer server;
  private static HttpClient http;
  private static SilentCloseable loopbackOnly;

  /** Jazzer's SSRF detector refuses connections once its agent is in: allow the loopback lab. */
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
    dir = Files.createTempDirectory("lab-template-fuzz");
    server =
        LabServer.start(
            "sqlite:" + dir.resolve("lab.db"),
            "127.0.0.1",
            0,
            ADMIN_KEY,
            new PrintStream(PrintStream.nullOutputStream()));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(send("POST", "/admin/projects", "{\"project\": \"lab/fuzz\"}").statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/lab/fuzz/runs", "{\"name\": \"target\"}").statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/lab/fuzz/templates/free", "{}").statusCode()).isEqualTo(201);
    assertThat(send("PUT", "/lab/fuzz/templates/free/mode", "{\"mode\": \"none\"}").statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/lab/fuzz/templates/checked", CHECKED_V1).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    if (loopbackOnly != null) {
      try {
        loopbackOnly.close();
      } catch (IllegalStateException e) {
        // fuzzing mode: Jazzer has reset its detectors already when the class is done
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return send(method, path, body.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(String method, String path, byte[] body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(90))
            .header("X-API-Key", ADMIN_KEY)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @FuzzTest(maxDuration = "10m")
  void post(byte[] input) throws Exception {
    allowLoopback();
    if (input.length == 0) {
      return;
    }
    int pick = (input[0] & 0xff) % PATHS.size();
    String path = PATHS.get(pick);
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    if (pick == 2) {
      // a push checked against the checked template's first version
      String config = new String(body, StandardCharsets.UTF_8);
      body =
          ("{\"meta\": {\"__config__\": "
                  + config
                  + ", \"__template__\": {\"name\": \"checked\", \"version\": 1}}}")
              .getBytes(StandardCharsets.UTF_8);
    }
    HttpResponse<String> answer = send(pick == 3 ? "PUT" : "POST", path, body);
    int status = answer.statusCode();
    if (status != 200 && status != 201) {
      assertThat(status).as("status for %s", answer.body()).isIn(CLIENT_ERRORS);
      JsonNode error = JSON.readTree(answer.body());
      assertThat(error.path("detail").isString()).as(answer.body()).isTrue();
      return;
    }
    JsonNode ok = JSON.readTree(answer.body());
    if (pick < 2) {
      HttpResponse<String> back =
          send("GET", path + "/versions/" + ok.get("version").asInt(), new byte[0]);
      assertThat(back.statusCode()).isEqualTo(200);
      assertThat(back.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    }
  }
}
