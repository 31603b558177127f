package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, hostile or unsupported schemas fail at load time with a clear BadSchema error. */
class SchemaErrorsTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void malformedSchemaJsonNamesFileLineAndColumn() throws Exception {
    Path file = write("s.schema.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n}");
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageStartingWith(file + ":4:")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void nonSchemaRootIsRefused() {
    assertThatThrownBy(() -> ConfigSchema.fromText("[1, 2]"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("a schema must be an object or a boolean");
  }

  @Test
  void schemaThatItsMetaSchemaRejectsIsRefusedNamingTheKeyword() throws Exception {
    Path file =
        write(
            "typo.schema.json",
            "{\"type\": \"objec\", \"properties\": {\"a\": {\"minLength\": -1}}}");
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageStartingWith(
            file + ": not a valid schema for https://json-schema.org/draft/2020-12/schema")
        .hasMessageContaining("/type: must be one of")
        .hasMessageContaining("/properties/a/minLength");
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"required\": \"a\"}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("draft-07")
        .hasMessageContaining("/required");
  }

  @Test
  void unknownSchemaDialectIsRefusedWithoutFetching() {
    assertThatThrownBy(
            () -> ConfigSchema.fromText("{\"$schema\": \"https://example.com/my-dialect\"}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("unknown $schema")
        .hasMessageContaining("https://example.com/my-dialect");
  }

  @Test
  void unresolvableLocalRefIsReportedAtLoad() {
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("cannot resolve $ref")
        .hasMessageContaining("/$defs/missing");
  }

  @Test
  void missingSiblingFileIsReportedAtLoad() throws Exception {
    Path file = write("a.schema.json", "{\"properties\": {\"a\": {\"$ref\": \"missing.json\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("missing.json");
  }

  @Test
  void remoteRefsAreRefusedWithoutNetworkAccess() {
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"properties\": {\"a\": {\"$ref\": \"https://example.com/x.json\"}}}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("https://example.com/x.json is remote and was not loaded");
  }

  @Test
  void fileRefsMayNotEscapeTheSchemasDirectory() throws Exception {
    write("outside.json", "{\"type\": \"string\"}");
    Path file =
        write(
            "schemas/a.schema.json", "{\"properties\": {\"a\": {\"$ref\": \"../outside.json\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("is outside the schemas directory");
    Path abs =
        write(
            "schemas/b.schema.json",
            "{\"properties\": {\"a\": {\"$ref\": \""
                + dir.resolve("outside.json").toUri()
                + "\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(abs))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("is outside the schemas directory");
  }

  @Test
  void classpathRefsMayNotEscapeTheSchemaFolder() {
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("schemas/test/escape.schema.json"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("outside the schemas root");
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"properties\": {\"a\": {\"$ref\": \"classpath:schemas/secret.json\"}}}"))
        .isInstanceOf(ConfigException.BadSchema.class);
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("schemas/none.json"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("no such resource");
  }

  @Test
  void invalidRegexIsReportedAtLoad() {
    assertThatThrownBy(
            () -> ConfigSchema.fromText("{\"properties\": {\"a\": {\"pattern\": \"([a-z\"}}}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("invalid regular expression '([a-z'");
    assertThatThrownBy(
            () -> ConfigSchema.fromText("{\"patternProperties\": {\"(\": {\"type\": \"string\"}}}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void cyclicRefsDoNotOverflowTheStack() {
    ConfigSchema self = ConfigSchema.fromText("{\"$ref\": \"#\"}");
    ValidationResult r = self.validate(Map.of("a", 1));
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations().get(0).message()).startsWith("validation stopped:");

    ConfigSchema pingPong =
        ConfigSchema.fromText(
            "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
                + " \"$ref\": \"#/$defs/a\"}");
    assertThat(pingPong.validate(Map.of()).violations().get(0).keyword()).isEqualTo("limit");
  }

  @Test
  void cyclicFileRefsDoNotOverflowTheStack() throws Exception {
    write("x.schema.json", "{\"$ref\": \"y.schema.json\"}");
    Path x = dir.resolve("x.schema.json");
    write("y.schema.json", "{\"$ref\": \"x.schema.json\"}");
    ConfigSchema s = ConfigSchema.load(x);
    assertThat(s.validate(Map.of()).toString()).contains("validation stopped");
  }

  @Test
  void duplicateKeysInSchemasAreRefused() throws Exception {
    Path file = write("d.schema.json", "{\"type\": \"object\",\n \"type\": \"string\"}");
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(file + ":2:2: duplicate key 'type'");
  }

  @Test
  void helpKeyCannotBeAPropertyOfThisLibrary() {
    ConfigSchema s = ConfigSchema.fromText("{\"properties\": {\"a\": {\"type\": \"integer\"}}}");
    Config withHelp = s.storeHelp(s.toConfig(Map.of("a", 1)));
    assertThat(s.validate(withHelp).isValid()).isTrue();
  }
}
