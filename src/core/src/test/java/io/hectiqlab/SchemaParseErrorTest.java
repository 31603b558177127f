package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema (or config) file that is not well-formed fails with {@code file:line:col: problem}, and
 * the problem says nothing of the parser's own view of its input.
 */
class SchemaParseErrorTest {
  private static final String UNCLOSED =
      "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {}\n";
  private static final String PROBLEM =
      "invalid JSON: Unexpected end-of-input: expected close marker for Object (opened at 3:17)";

  @TempDir Path dir;

  @Test
  void anUnclosedObjectInASchemaFileNamesItsPositionAndWhereTheObjectOpened() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.schema.json"), UNCLOSED);
    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(file + ":4:1: " + PROBLEM);
  }

  @Test
  void anUnclosedObjectInATemplateOfADirectoryReadsTheSame() throws IOException {
    Files.writeString(dir.resolve("bad.schema.json"), UNCLOSED);
    assertThatThrownBy(() -> SchemaDirectory.open(dir).get("bad"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(dir.resolve("bad.schema.json") + ":4:1: " + PROBLEM);
  }

  @Test
  void schemaTextAndConfigFilesReadTheSame() throws IOException {
    assertThatThrownBy(() -> ConfigSchema.fromText(UNCLOSED))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage("<schema>:4:1: " + PROBLEM);
    Path config = Files.writeString(dir.resolve("run.json"), UNCLOSED);
    assertThatThrownBy(() -> Config.load(config)).hasMessage(config + ":4:1: " + PROBLEM);
  }

  @Test
  void anUnclosedArrayNamesWhereItOpened() {
    assertThatThrownBy(() -> ConfigSchema.fromText("{\"enum\": [1, 2"))
        .hasMessage(
            "<schema>:1:15: invalid JSON: Unexpected end-of-input: expected close marker for Array"
                + " (opened at 1:10)");
  }
}
