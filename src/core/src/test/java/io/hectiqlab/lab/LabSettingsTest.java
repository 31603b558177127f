package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the client finds its lab (variables, the credentials file, arguments), what it says when a
 * setting is missing or bad, and how its failures relate to config failures.
 */
class LabSettingsTest {
  static final String KEY = "hql_settings_key_0123456789";
  @TempDir Path home;

  private Path credentials(String text) throws Exception {
    Path file = home.resolve(".hectiqlab/credentials");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aMissingKeySaysTheKeyIsMissing() {
    assertThatThrownBy(
            () -> Lab.fromEnvironment(Map.of(Lab.URL_VARIABLE, "http://127.0.0.1:1"), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessage(
            "no lab configured: no API key (the URL is set); set HECTIQLAB_API_KEY, or api_key in "
                + home.resolve(".hectiqlab/credentials"));
  }

  @Test
  void aMissingUrlSaysTheUrlIsMissing() {
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(Lab.KEY_VARIABLE, KEY), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessageStartingWith(
            "no lab configured: no URL (the API key is set); set HECTIQLAB_API_URL, or api_url in ");
  }

  @Test
  void nothingConfiguredNamesBothSettings() {
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessageStartingWith(
            "no lab configured: no URL and no API key; set HECTIQLAB_API_URL and"
                + " HECTIQLAB_API_KEY, or api_url and api_key in ");
  }

  @Test
  void credentialsErrorsNameTheFileAndLine() throws Exception {
    Path file = credentials("# my lab\napi_url = http://127.0.0.1:1\napi-key: " + KEY + "\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessage(file + ":3: expected a setting, name = value (api_url = URL or api_key = KEY)");
    credentials("api_url = http://127.0.0.1:1\n" + KEY + "\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ":2: expected a setting, name = value (api_url = URL or api_key = KEY)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    credentials("api_url = http://127.0.0.1:1\napi_token = x\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ":2: unknown setting api_token (the settings are api_url and api_key)");
    credentials("api_key = a\n\napi_key = b\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ":3: api_key is set twice (first at line 1)");
    credentials("api_key =\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ":1: api_key has no value");
  }

  @Test
  void aBadUrlIsBlamedOnWhereItWasFound() throws Exception {
    Path file = credentials("api_key = " + KEY + "\napi_url = ftp://lab.example\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessage(file + ":2: not an http(s) URL (it must start with http:// or https://)");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(Lab.URL_VARIABLE, "not a url"), home))
        .hasMessage(
            "HECTIQLAB_API_URL: not an http(s) URL (it must start with http:// or https://)");
    assertThatThrownBy(
            () -> Lab.fromEnvironment(Map.of(), home, URI.create("ftp://lab.example"), KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an http(s) URL: ftp://lab.example");
  }

  @Test
  void variablesWinOverTheFileAndBlankVariablesFallBackToIt() throws Exception {
    credentials("api_url = http://127.0.0.1:9\napi_key = " + KEY + "\n");
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"__config__\": {}, \"__meta__\": {}, \"__version__\": 0}")
              .build());
      Lab lab =
          Lab.fromEnvironment(
              Map.of(Lab.URL_VARIABLE, server.url("/").toString(), Lab.KEY_VARIABLE, " "), home);
      lab.download("r", "lab/demo");
      assertThat(server.takeRequest().getHeaders().get("X-API-Key")).isEqualTo(KEY);
    }
  }

  @Test
  void aCredentialsFileThatIsNotUtf8OrIsADirectoryIsNamed() throws Exception {
    Path file = home.resolve(".hectiqlab/credentials");
    Files.createDirectories(file);
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ": is a directory, not a file");
    Files.delete(file);
    Files.write(file, new byte[] {'a', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .hasMessage(file + ":1:2: invalid UTF-8 (byte 0xff at offset 1)");
  }

  @Test
  void labFailuresAreNotConfigFailures() {
    assertThat(ConfigException.class.isAssignableFrom(LabException.class)).isFalse();
    assertThat(RuntimeException.class).isAssignableFrom(LabException.class);
  }

  @Test
  void metadataSetToNullDownloadsAsNull() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(
                  "{\"__config__\": {\"a\": null}, \"__meta__\": {\"k\": null, \"m\": 1},"
                      + " \"__version__\": 1}")
              .build());
      DownloadedConfig d =
          Lab.connect(URI.create(server.url("/").toString()), KEY).download("r", "lab/demo");
      assertThat(d.meta()).containsEntry("k", null).containsEntry("m", 1);
      assertThat(d.config()).isEqualTo(Config.of("a", null));
      assertThatThrownBy(() -> d.meta().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void aBadMetadataKeyIsRefusedBeforeAnyRequest() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"slug\": \"r\", \"name\": \"r\", \"is_new\": true}")
              .build());
      Run run = Lab.connect(URI.create(server.url("/").toString()), KEY).run("r", "lab/demo");
      assertThatThrownBy(() -> run.addMeta("bad\nkey", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "meta key must be 1 to 256 characters without control characters: 'bad\\nkey'");
      assertThatThrownBy(() -> run.addMeta(Map.of("", 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aKeyThatCannotGoIntoAHeaderIsNamedByWhereItCameFromAndNeverShown() throws Exception {
    String pasted = KEY + "\u00a0";
    Path file = credentials("api_url = http://127.0.0.1:1\napi_key = " + pasted + "\n");
    assertThatThrownBy(() -> Lab.fromEnvironment(Map.of(), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .hasMessage(
            file
                + ":2: the API key has a character that is not printable ASCII at position 28 (a"
                + " pasted space or line break?)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    assertThatThrownBy(
            () ->
                Lab.fromEnvironment(
                    Map.of(Lab.URL_VARIABLE, "http://127.0.0.1:1", Lab.KEY_VARIABLE, "a\u00e9b"),
                    home))
        .hasMessage(
            "HECTIQLAB_API_KEY: the API key has a character that is not printable ASCII at"
                + " position 2 (a pasted space or line break?)");
    assertThatThrownBy(() -> Lab.connect(URI.create("http://127.0.0.1:1"), "k\ney"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("k\ney");
  }

  @Test
  void aKeyPutWhereTheUrlBelongsIsNeverShown() {
    assertThatThrownBy(
            () ->
                Lab.fromEnvironment(
                    Map.of(Lab.URL_VARIABLE, KEY, Lab.KEY_VARIABLE, "http://127.0.0.1:1"), home))
        .isInstanceOf(LabException.NotConfigured.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }
}
