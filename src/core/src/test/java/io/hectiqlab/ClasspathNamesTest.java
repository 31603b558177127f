package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classpath schema names follow one rule, whether given to {@link ConfigSchema#fromClasspath} or
 * reached through a {@code $ref}: leading slashes and {@code .} segments dropped, {@code ..}
 * resolved, never above the schema's folder; and a resource is read as strictly as a file.
 */
class ClasspathNamesTest {

  /** A class loader holding exactly the given resources (names as the JDK expects them). */
  private static ClassLoader holding(Map<String, byte[]> resources) {
    return new ClassLoader(null) {
      @Override
      public InputStream getResourceAsStream(String name) {
        byte[] bytes = resources.get(name);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
      }

      @Override
      public URL getResource(String name) {
        return null;
      }
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final ClassLoader SCHEMAS =
      holding(
          Map.of(
              "conf/train.schema.json",
              utf8(
                  "{\"properties\": {\"lr\": {\"$ref\": \"./parts/../common.json#/$defs/rate\"}}}"),
              "conf/common.json",
              utf8("{\"$defs\": {\"rate\": {\"type\": \"number\", \"minimum\": 1}}}"),
              "conf/escape.schema.json",
              utf8("{\"properties\": {\"a\": {\"$ref\": \"../secret.json\"}}}"),
              "secret.json",
              utf8("{\"type\": \"string\"}")));

  @Test
  void aNameWithDotSegmentsOrLeadingSlashesNamesTheSameResource() {
    for (String name :
        new String[] {
          "conf/train.schema.json",
          "/conf/train.schema.json",
          "//conf/./train.schema.json",
          "conf/parts/../train.schema.json"
        }) {
      ConfigSchema schema = ConfigSchema.fromClasspath(name, SCHEMAS);
      assertThat(schema.origin()).as(name).isEqualTo("classpath:conf/train.schema.json");
      assertThat(schema.validate(Map.of("lr", 0)).toString())
          .as(name)
          .isEqualTo("<map>: /lr: must be at least 1 (minimum)");
    }
  }

  @Test
  void aRefAboveTheSchemasFolderIsRefused() {
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("conf/escape.schema.json", SCHEMAS))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("classpath:secret.json is outside the schemas root");
  }

  @Test
  void aResourceThatIsNotUtf8IsRefusedNamingLineColumnAndByte() {
    byte[] bytes = utf8("{\"description\": \"caf\u00e9\",\n \"type\": \"object\"}");
    bytes[19] = (byte) 0xff; // the first byte of the two-byte e-acute
    ClassLoader loader = holding(Map.of("bad.schema.json", bytes));
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("bad.schema.json", loader))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage("classpath:bad.schema.json:1:20: invalid UTF-8 (byte 0xff at offset 19)");
  }
}
