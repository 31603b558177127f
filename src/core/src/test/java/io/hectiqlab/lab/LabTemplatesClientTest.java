package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.internal.Sha256;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template client where a real lab cannot misbehave on demand: texts that do not match their
 * hash, answers for another version, pushes the lab does not confirm (mockwebserver). The happy
 * paths run against the real server in the server module ({@code TemplateClientEndToEndTest}).
 */
class LabTemplatesClientTest {
  static final String TEXT = "{\"type\": \"object\"}";
  static final String RUN_OK = "{\"slug\": \"r\", \"name\": \"r\", \"is_new\": true, \"p_id\": 1}";

  MockWebServer server;
  @TempDir Path cache;

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
        .apiKey("hql_k")
        .templateCache(cache)
        .maxRetries(0)
        .callTimeout(Duration.ofSeconds(3))
        .build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse text(String body, String etag, String version) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/schema+json")
        .setHeader("ETag", etag)
        .setHeader("X-Template-Version", version)
        .body(body)
        .build();
  }

  static String hex(String text) {
    return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTextThatDoesNotMatchItsEtagIsRefusedAndNotCached() {
    server.enqueue(text(TEXT, "\"" + hex("{}") + "\"", "1"));
    assertThatThrownBy(() -> lab().templates().fetch(TemplateRef.parse("lab:o/p/t@1")))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessage(
            "GET /o/p/templates/t/versions/1: the text does not match its ETag \""
                + hex("{}")
                + "\" (its SHA-256 is "
                + hex(TEXT)
                + ")");
    assertThat(cache.resolve("refs")).doesNotExist();
  }

  @Test
  void anAnswerForAnotherVersionIsRefused() {
    server.enqueue(text(TEXT, "\"" + hex(TEXT) + "\"", "2"));
    assertThatThrownBy(() -> lab().templates().fetch(TemplateRef.parse("lab:o/p/t@1")))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessage("GET /o/p/templates/t/versions/1: the lab answered version 2 for lab:o/p/t@1");
  }

  @Test
  void aCachedPinnedVersionIsNeverAskedOfTheLabButLatestAlwaysIs() throws Exception {
    server.enqueue(text(TEXT, "\"" + hex(TEXT) + "\"", "4"));
    FetchedTemplate latest = lab().templates().fetch(TemplateRef.parse("lab:o/p/t@latest"));
    assertThat(latest.ref()).isEqualTo(TemplateRef.of("o/p", "t", 4));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/o/p/templates/t/versions/latest");

    FetchedTemplate pinned = lab().templates().fetch(TemplateRef.parse("lab:o/p/t@4"));
    assertThat(pinned.text()).isEqualTo(TEXT);
    assertThat(pinned.sha256()).isEqualTo(hex(TEXT));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void publishSendsTheTextAsIsAndReadsTheVersion() throws Exception {
    server.enqueue(
        json(
            201,
            "{\"project\":\"o/p\",\"name\":\"t\",\"version\":3,\"ref\":\"lab:o/p/t@3\","
                + "\"sha256\":\""
                + hex(TEXT)
                + "\",\"published_by\":\"alice\",\"published_at\":1000,\"created\":true}"));
    LabTemplates.Published p = lab().templates().publish("o/p", "t", TEXT);
    assertThat(p.created()).isTrue();
    assertThat(p.version().ref()).isEqualTo(TemplateRef.of("o/p", "t", 3));
    assertThat(p.version().publishedBy()).isEqualTo("alice");
    assertThat(p.version().publishedAt().toEpochMilli()).isEqualTo(1000);
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/o/p/templates/t");
    assertThat(request.getBody().utf8()).isEqualTo(TEXT);
  }

  @Test
  void anInvalidConfigListsEveryViolation() {
    server.enqueue(json(200, RUN_OK));
    server.enqueue(
        json(
            422,
            "{\"detail\":\"config does not validate against lab:o/p/t@3: /lr: too big\","
                + "\"template\":\"lab:o/p/t@3\",\"violations\":["
                + "{\"path\":\"/lr\",\"keyword\":\"maximum\",\"message\":\"too big\"},"
                + "{\"path\":\"\",\"keyword\":\"required\",\"message\":\"epochs is missing\"}]}"));
    Run run = lab().run("r", "o/p");
    assertThatThrownBy(() -> run.addConfig(Config.of("lr", 2), TemplateRef.of("o/p", "t", 3)))
        .isInstanceOf(LabException.InvalidConfig.class)
        .hasMessage(
            "POST /o/p/runs/r/meta: 422 config does not validate against lab:o/p/t@3: /lr: too"
                + " big\n  /lr: too big (maximum)\n  (root): epochs is missing (required)");
  }

  @Test
  void aPushAnswerWithoutViolationsStaysAnInvalidRequest() {
    server.enqueue(json(200, RUN_OK));
    server.enqueue(json(422, "{\"detail\":\"idempotency key reused with another body\"}"));
    Run run = lab().run("r", "o/p");
    assertThatThrownBy(() -> run.addConfig(Config.of("lr", 2), TemplateRef.of("o/p", "t", 3)))
        .isExactlyInstanceOf(LabException.InvalidRequest.class);
  }

  @Test
  void aPushTheLabDoesNotConfirmAgainstTheTemplateIsReported() throws Exception {
    server.enqueue(json(200, RUN_OK));
    server.enqueue(json(200, "{\"version\": 1}"));
    Run run = lab().run("r", "o/p");
    assertThatThrownBy(() -> run.addConfig(Config.of("lr", 2), TemplateRef.of("o/p", "t", 3)))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessage(
            "POST /o/p/runs/r/meta: the lab stored version 1 without confirming it was validated"
                + " against lab:o/p/t@3 (a lab without templates?)");
    server.takeRequest(1, TimeUnit.SECONDS);
    Config sent = Config.fromJson(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
    assertThat(sent.getConfig("meta"))
        .isEqualTo(
            Config.of(
                "__config__",
                Config.of("lr", 2),
                "__template__",
                Config.of("project", "o/p", "name", "t", "version", 3)));
  }

  @Test
  void aDownloadedTemplateDefaultsToTheRunsProjectAndAMalformedOneIsReported() {
    server.enqueue(
        json(
            200,
            "{\"__config__\": {}, \"__meta__\": {}, \"__version__\": 1,"
                + " \"__template__\": {\"name\": \"t\", \"version\": 2}}"));
    assertThat(lab().download("r", "o/p").template()).isEqualTo(TemplateRef.of("o/p", "t", 2));
    server.enqueue(
        json(
            200,
            "{\"__config__\": {}, \"__meta__\": {}, \"__version__\": 1,"
                + " \"__template__\": {\"name\": \"t\"}}"));
    assertThatThrownBy(() -> lab().download("r", "o/p"))
        .isInstanceOf(LabException.MalformedResponse.class)
        .hasMessage(
            "GET /o/p/runs/r/configs: __template__: not a template version (an object with name,"
                + " version and an optional project)");
  }

  @Test
  void aCacheFolderThatIsAFileLeavesFetchesWorking() throws Exception {
    Path file = Files.writeString(cache.resolve("file"), "x");
    Lab lab =
        Lab.builder()
            .baseUrl(URI.create(server.url("/").toString()))
            .apiKey("hql_k")
            .templateCache(file)
            .maxRetries(0)
            .build();
    server.enqueue(text(TEXT, "\"" + hex(TEXT) + "\"", "1"));
    assertThat(lab.templates().fetch(TemplateRef.of("o/p", "t", 1)).text()).isEqualTo(TEXT);
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
