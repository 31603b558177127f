package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Fuzzes the document parser: any bytes read as JSON, YAML or TOML give a Config or a {@link
 * ConfigException} with a message, and a Config that was read writes back as JSON and YAML that
 * read as the same Config. The first byte picks the syntax (0 JSON, 1 YAML, 2 TOML, modulo 3); the
 * rest is the document. In a normal build this runs the committed seeds in {@code
 * DocumentFuzzTestInputs/parse}; with {@code JAZZER_FUZZ=1} it fuzzes (see README).
 */
class DocumentFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] input) {
    if (input.length == 0) {
      return;
    }
    ConfigFormat format = ConfigFormat.values()[(input[0] & 0xff) % 3];
    byte[] document = Arrays.copyOfRange(input, 1, input.length);
    Config config;
    try {
      config = Config.load(ConfigSource.stream(new ByteArrayInputStream(document), "fuzz", format));
    } catch (ConfigException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(Config.fromJson(config.toJson())).isEqualTo(config);
    assertThat(Config.fromYaml(config.toYaml())).isEqualTo(config);
  }
}
