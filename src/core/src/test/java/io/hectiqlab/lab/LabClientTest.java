package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's behaviour where a real lab cannot fail on demand: 5xx, 429, stalls, truncated and
 * malformed answers (mockwebserver). The happy paths run against the real server in the server
 * module.
 */
class LabClientTest {
  static final String KEY = "hql_secret_key_never_shown";
  static final String RUN_OK =
      "{\"slug\": \"demo-run-1\", \"name\": \"Demo Run #1\", \"is_new\": true, \"p_id\": 1}";

  MockWebServer server;
  @TempDir Path home;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Lab lab() {
    return Lab.builder()
        .baseUrl(URI.create(server.url("/").toString()))
        .apiKey(KEY)
        .readTimeout(Duration.ofMillis(500))
        .callTimeout(Duration.ofSeconds(3))
        .maxBackoff(Duration.ofMillis(50))
        .build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void aLabBehindAPathPrefixGetsItsPathsAndQueriesUnderThatPrefix() throws Exception {
    Lab prefixed = Lab.connect(URI.create(server.url("/api/v1/").toString()), KEY);
    server.enqueue(json(200, "{\"__config__\": {\"a\": 1}, \"__meta__\": {}, \"__version__\": 2}"));
    assertThat(prefixed.download("Demo Run #1", "lab/demo", 2).config().getInt("a")).isEqualTo(1);
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/api/v1/lab/demo/runs/demo-run-1/configs?version=2");
    assertThat(request.getHeaders().get("X-API-Key")).isEqualTo(KEY);
  }

  @Test
  void serverErrorsAreRetriedUntilAnAnswerComes() {
    server.enqueue(json(503, "{\"detail\": \"busy\"}"));
    server.enqueue(json(500, "{\"detail\": \"oops\"}"));
    server.enqueue(json(200, RUN_OK));
    Run run = lab().run("Demo Run #1", "lab/demo");
    assertThat(run.slug()).isEqualTo("demo-run-1");
    assertThat(run.isNew()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void persistentServerErrorsEndAsServerErrorAfterTheRetries() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, "{\"detail\": \"database down\"}"));
    }
    assertThatThrownBy(() -> lab().run("r", "lab/demo"))
        .isInstanceOf(LabException.ServerError.class)
        .hasMessageContaining("POST /lab/demo/runs: 500 database down");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void retryAfterIsHonoured() {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("{}").build());
    server.enqueue(json(200, RUN_OK));
    long start = System.nanoTime();
    lab().run("Demo Run #1", "lab/demo");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void unauthorizedIsAnErrorNeverAnEmptyConfigAndIsNotRetried() {
    server.enqueue(json(401, "{\"detail\": \"invalid API key\"}"));
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.Unauthorized.class)
        .hasMessageContaining("invalid API key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void clientErrorsAreTypedAndNotRetried() {
    server.enqueue(json(404, "{\"detail\": \"no project 'lab/demo'\"}"));
    server.enqueue(json(403, "{\"detail\": \"administrators only\"}"));
    server.enqueue(json(400, "{\"detail\": \"invalid request body\"}"));
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.NotFound.class);
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.Forbidden.class);
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.InvalidRequest.class)
        .extracting(e -> ((LabException) e).status())
        .isEqualTo(400);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aStalledLabTimesOut() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.Timeout.class)
        .hasMessageContaining("did not answer in time");
  }

  @Test
  void truncatedAndMalformedAnswersAreErrors() {
    server.enqueue(json(200, "{\"__config__\": {\"a\": 1"));
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.MalformedResponse.class);
    server.enqueue(json(200, "<html>proxy error</html>"));
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessageContaining("not a JSON object");
    server.enqueue(json(200, "{\"unexpected\": true}"));
    assertThatThrownBy(() -> lab().download("r", "lab/demo"))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessageContaining("__config__");
  }

  @Test
  void anUnreachableLabIsReportedAsSuch() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Lab dead =
        Lab.builder()
            .baseUrl(URI.create("http://127.0.0.1:" + port))
            .apiKey(KEY)
            .maxRetries(1)
            .maxBackoff(Duration.ofMillis(10))
            .build();
    assertThatThrownBy(() -> dead.run("r", "lab/demo"))
        .isInstanceOf(LabException.Unreachable.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  void configPushesCarryOneIdempotencyKeyAcrossRetries() throws Exception {
    server.enqueue(json(200, RUN_OK));
    server.enqueue(json(502, "{\"detail\": \"gateway\"}"));
    server.enqueue(json(200, "{\"slug\": \"demo-run-1\", \"version\": 1}"));
    Run run = lab().run("Demo Run #1", "lab/demo");
    assertThat(run.addConfig(Config.of("lr", 0.1))).isEqualTo(1);
    server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getHeaders().get("Idempotency-Key")).isNotBlank();
    assertThat(second.getHeaders().get("Idempotency-Key"))
        .isEqualTo(first.getHeaders().get("Idempotency-Key"));
    assertThat(first.getHeaders().get("X-API-Key")).isEqualTo(KEY);
  }

  @Test
  void aConfigJsonCannotHoldFailsBeforeAnyRequest() {
    server.enqueue(json(200, RUN_OK));
    Run run = lab().run("Demo Run #1", "lab/demo");
    Config bad = Config.of("model", Config.of("weights", new Object()));
    assertThatThrownBy(() -> run.addConfig(bad))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("model.weights");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void badProjectsAndRunNamesAreRefusedLocally() {
    assertThatThrownBy(() -> lab().run("r", "../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lab().run("###", "lab/demo"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Lab.slug("Demo Run #1")).isEqualTo("demo-run-1");
    assertThat(Lab.slug("  Été 2024 / v2 ")).isEqualTo("été-2024-v2");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void environmentAndCredentialsFileNameTheLab() throws Exception {
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessageContaining("HECTIQLAB_API_URL");
    Path file = home.resolve(".hectiqlab/credentials");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "api_url=" + server.url("/") + "\napi_key=" + KEY + "\n");
    server.enqueue(
        json(
            200,
            "{\"__config__\": {\"a\": 1}, \"__meta__\": {\"m\": [1, 2]}, \"__version__\": 3}"));
    DownloadedConfig d = Lab.fromEnvironment(Map.of(), home).download("Demo Run #1", "lab/demo");
    assertThat(d.config().get("a")).isEqualTo(1);
    assertThat(d.meta()).containsEntry("m", java.util.List.of(1, 2));
    assertThat(d.version()).isEqualTo(3);
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/lab/demo/runs/demo-run-1/configs");
  }
}
