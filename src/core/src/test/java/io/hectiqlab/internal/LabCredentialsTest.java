package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.ConfigException;
import io.hectiqlab.internal.LabCredentials.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the lab's URL and key come from, the credentials file's format and its errors. */
class LabCredentialsTest {
  private static final String KEY = "hql_secret_key_0123456789";

  @TempDir Path home;
  Path file;

  @BeforeEach
  void setUp() throws Exception {
    file = Files.createDirectories(home.resolve(".hectiqlab")).resolve("credentials");
  }

  private LabCredentials find(Map<String, String> env) {
    return LabCredentials.find(null, null, env, home);
  }

  private void write(String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void theFileHoldsNameValueLinesWithCommentsAndSpaces() throws Exception {
    write("# the lab of the team\n\n  api_url = http://127.0.0.1:8080  \r\napi_key:" + KEY + "\n");
    LabCredentials c = find(Map.of());
    assertThat(c.url()).isEqualTo(new Setting("http://127.0.0.1:8080", file + ":3"));
    assertThat(c.key()).isEqualTo(new Setting(KEY, file + ":4"));
    assertThat(c.missing("--lab URL", "--api-key KEY")).isNull();
  }

  @Test
  void givenValuesWinOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
    write("api_url = http://file:1\napi_key = file-key\n");
    LabCredentials c =
        LabCredentials.find(
            new Setting("http://option:1", "--lab"),
            null,
            Map.of("HECTIQLAB_API_URL", "http://env:1", "HECTIQLAB_API_KEY", " env-key "),
            home);
    assertThat(c.url()).isEqualTo(new Setting("http://option:1", "--lab"));
    assertThat(c.key()).isEqualTo(new Setting("env-key", "HECTIQLAB_API_KEY"));
    LabCredentials mixed = find(Map.of("HECTIQLAB_API_URL", "http://env:1"));
    assertThat(mixed.url().origin()).isEqualTo("HECTIQLAB_API_URL");
    assertThat(mixed.key()).isEqualTo(new Setting("file-key", file + ":2"));
  }

  @Test
  void theFileIsNotReadWhenTheEnvironmentNamesBoth() throws Exception {
    write("not a setting\n");
    LabCredentials c =
        find(Map.of("HECTIQLAB_API_URL", "http://env:1", "HECTIQLAB_API_KEY", "env-key"));
    assertThat(c.key().value()).isEqualTo("env-key");
  }

  @Test
  void aMissingKeyIsNamedAsTheKey() {
    LabCredentials c = find(Map.of("HECTIQLAB_API_URL", "http://127.0.0.1:8080"));
    assertThat(c.missing("--lab URL", "--api-key KEY"))
        .isEqualTo(
            "no API key for the lab at http://127.0.0.1:8080 (from HECTIQLAB_API_URL): set"
                + " HECTIQLAB_API_KEY, or api_key in "
                + file
                + "; or pass --api-key KEY");
  }

  @Test
  void aMissingUrlIsNamedAsTheUrl() {
    LabCredentials c = find(Map.of("HECTIQLAB_API_KEY", KEY));
    assertThat(c.missing(null, null))
        .isEqualTo(
            "no lab URL (the API key comes from HECTIQLAB_API_KEY): set HECTIQLAB_API_URL, or"
                + " api_url in "
                + file)
        .doesNotContain(KEY);
  }

  @Test
  void nothingAtAllSaysNoLabIsConfigured() {
    assertThat(find(Map.of()).missing("--lab URL", "--api-key KEY"))
        .isEqualTo(
            "no lab configured: set HECTIQLAB_API_URL and HECTIQLAB_API_KEY, or api_url and"
                + " api_key in "
                + file
                + "; or pass --lab URL and --api-key KEY");
  }

  @Test
  void fileErrorsNameTheFileAndLineAndNeverTheKey() throws Exception {
    write("api_url = http://x\n" + KEY + "\n");
    assertThatThrownBy(() -> find(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2: expected a setting, name = value (api_url = URL or api_key = KEY)");
    write("api_url = http://x\napi_token = " + KEY + "\n");
    assertThatThrownBy(() -> find(Map.of()))
        .hasMessage(
            file
                + ":2: unknown setting 'api_token' (the credentials file holds api_url and api_key)");
    write("api_key = a\n\napi_key = b\n");
    assertThatThrownBy(() -> find(Map.of()))
        .hasMessage(file + ":3: api_key is set twice (first on line 1)");
    write("api_url =\n");
    assertThatThrownBy(() -> find(Map.of())).hasMessage(file + ":1: api_url has no value");
  }

  @Test
  void anUnreadableFileIsNamed() throws Exception {
    Files.write(file, new byte[] {'a', '=', (byte) 0xff});
    assertThatThrownBy(() -> find(Map.of()))
        .hasMessage(file + ": credentials file is not UTF-8 text");
    Files.delete(file);
    Files.createDirectory(file);
    assertThatThrownBy(() -> find(Map.of()))
        .hasMessage(file + ": is a directory, not a credentials file");
  }
}
