package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes schema loading: any text (JSON or YAML) gives a ConfigSchema or {@link
 * ConfigException.BadSchema} with a message, and a schema that loaded prints its help, lists its
 * fields and fills in the defaults of an empty document (a {@link ConfigException.Invalid} when the
 * schema refuses it) without any other exception. Seeds are in {@code SchemaFuzzTestInputs/load}.
 */
class SchemaFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void load(byte[] input) {
    ConfigSchema schema;
    try {
      schema = ConfigSchema.fromText(new String(input, StandardCharsets.UTF_8));
    } catch (ConfigException.BadSchema e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(schema.help()).isNotNull();
    assertThat(schema.fields()).isNotNull();
    try {
      // Defaults are annotations, filled in after validation and not checked against their own
      // schema (a default may violate it): only that filling them in ends is checked here.
      assertThat(schema.toConfig(new Config())).isNotNull();
    } catch (ConfigException.Invalid e) {
      assertThat(e.violations()).isNotEmpty();
    }
  }
}
