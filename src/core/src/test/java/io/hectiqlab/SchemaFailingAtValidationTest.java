package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema that compiles but fails only while it validates (a {@code $dynamicRef} without its
 * anchor) is reported through the public API as {@link ConfigException.BadSchema} naming the schema
 * and the problem, never as an internal exception.
 */
class SchemaFailingAtValidationTest {
  private static final String BROKEN = "{\"$dynamicRef\": \"#meta\"}";

  @TempDir Path dir;

  /**
   * Asserts a BadSchema naming {@code origin} (then, maybe, a line and column) and the unresolved
   * {@code meta}; the wording after the origin is the loader's (pinned in its own tests).
   */
  private static void badSchema(ThrowingCallable call, String origin) {
    assertThatThrownBy(call)
        .isExactlyInstanceOf(ConfigException.BadSchema.class)
        .hasMessageStartingWith(origin + ":")
        .hasMessageContaining(": cannot resolve $")
        .hasMessageContaining("meta");
  }

  @Test
  void validatingAndConvertingThrowBadSchemaNamingTheSchema() throws Exception {
    ConfigSchema schema = ConfigSchema.fromText(BROKEN);
    Path doc = Files.writeString(dir.resolve("doc.json"), "{\"a\": 1}");
    String message = "<schema>";
    badSchema(() -> schema.validateText("{}"), message);
    badSchema(() -> schema.validate(Map.of("a", 1)), message);
    badSchema(() -> schema.validate(Config.of("a", 1)), message);
    badSchema(() -> schema.validate(doc), message);
    badSchema(() -> schema.validate(ConfigSource.file(doc)), message);
    badSchema(() -> schema.toConfigText("{}"), message);
    badSchema(() -> schema.toConfig(Map.of("a", 1)), message);
    badSchema(() -> schema.toConfig(Config.of("a", 1)), message);
    badSchema(() -> schema.toConfig(doc), message);
    badSchema(() -> schema.toConfig(ConfigSource.file(doc)), message);
  }

  @Test
  void aSchemaFailingOnlyForSomeDocumentsThrowsBadSchemaForThoseFromFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("nested.schema.json"),
            "{\"properties\": {\"a\": {\"$dynamicRef\": \"#meta\"}}}");
    ConfigSchema schema = ConfigSchema.load(file);
    org.assertj.core.api.Assertions.assertThat(schema.validateText("{}").isValid()).isTrue();
    badSchema(() -> schema.validateText("{\"a\": 1}"), file.toString());
    badSchema(
        () -> ConfigLayers.of(schema).config("run", Config.of("a", 1)).compose(), file.toString());
  }

  @Test
  void compatibilityChecksThrowBadSchemaNamingTheSchema() throws Exception {
    ConfigSchema older =
        ConfigSchema.fromText(
            "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"maximum\": 1}}}");
    Path file =
        Files.writeString(
            dir.resolve("candidate.schema.json"),
            "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"maximum\":"
                + " 0.5}}, \"$dynamicRef\": \"#meta\"}");
    ConfigSchema newer = ConfigSchema.load(file);
    String message = file.toString();
    for (Compatibility.Mode mode : Compatibility.Mode.values()) {
      Compatibility c = Compatibility.of(mode);
      if (mode == Compatibility.Mode.NONE) {
        continue;
      }
      badSchema(() -> c.compare(older, newer), message);
      badSchema(() -> c.check(List.of(older), newer), message);
      badSchema(() -> c.compare(newer, older), message);
    }
  }
}
