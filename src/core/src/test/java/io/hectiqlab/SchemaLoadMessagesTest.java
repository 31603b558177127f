package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schemas the validator cannot build read {@code file:line:col: /pointer: problem}, without Java
 * class names; classpath refs are shown as {@code classpath:}; schema files are JSON or YAML.
 */
class SchemaLoadMessagesTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void arrayFormItemsInDraft202012SaysToUsePrefixItems() {
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"properties\": {\"ids\": {\"items\": [{\"type\": \"integer\"}]}}}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            "<schema>:1:34: /properties/ids/items: array-form \"items\" is draft 2019-09 and"
                + " earlier; draft 2020-12 (the default without $schema) writes it"
                + " \"prefixItems\", or declare the older draft in \"$schema\"");
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
                        + " \"items\": [true]}"))
        .hasMessage(
            "<schema>:2:11: /items: array-form \"items\" is draft 2019-09 and earlier; draft"
                + " 2020-12 writes it \"prefixItems\", or declare the older draft in \"$schema\"");
  }

  @Test
  void arrayFormItemsInsideDataKeywordsIsNotBlamed() {
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"default\": {\"items\": []}, \"properties\": {\"a\": {\"items\": [true]}}}"))
        .hasMessageStartingWith("<schema>:1:58: /properties/a/items: array-form \"items\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"unevaluatedItems\": 5}|<schema>:1:22: /unevaluatedItems: \"unevaluatedItems\" must be a"
            + " schema (an object or a boolean), found a number",
        "{\"unevaluatedProperties\": []}|<schema>:1:27: /unevaluatedProperties:"
            + " \"unevaluatedProperties\" must be a schema (an object or a boolean), found an empty"
            + " array",
        "{\"prefixItems\": []}|<schema>:1:17: /prefixItems: \"prefixItems\" must be a non-empty"
            + " array of schemas, found an empty array",
        "{\"not\": 3}|<schema>:1:9: /not: must be a schema (an object or a boolean), found a"
            + " number",
        "{\"patternProperties\": {\"a\": 4}}|<schema>:1:29: /patternProperties/a: must be a schema"
            + " (an object or a boolean), found a number",
        "{\"allOf\": {}}|<schema>: not a valid schema for"
            + " https://json-schema.org/draft/2020-12/schema: /allOf: must be array, found object"
            + " (type)",
        "{\"minimum\": \"x\"}|<schema>: not a valid schema for"
            + " https://json-schema.org/draft/2020-12/schema: /minimum: must be number, found"
            + " string (type)",
        "{\"contains\": []}|<schema>: not a valid schema for"
            + " https://json-schema.org/draft/2020-12/schema: /contains: must be [object, boolean],"
            + " found array (type)",
      })
  void keywordValuesTheValidatorCannotBuildNameTheirPointer(String schema, String message) {
    assertThatThrownBy(() -> ConfigSchema.fromText(schema))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(message);
  }

  @Test
  void wrongKeywordInAReferencedFileNamesThatFileAndPointer() throws Exception {
    write("min.json", "{\"definitions\": {\"m\": {\"minimum\": \"x\"}}}");
    Path min =
        write(
            "min.schema.json",
            "{\"properties\": {\"p\": {\"$ref\": \"min.json#/definitions/m\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(min))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            min
                + ": referenced schema "
                + min.resolveSibling("min.json")
                + ": not a valid schema for"
                + " https://json-schema.org/draft/2020-12/schema: /definitions/m/minimum: must be"
                + " number, found string (type)");
    write("not.json", "{\"definitions\": {\"n\": {\"not\": 3}}}");
    Path not =
        write(
            "not.schema.json",
            "{\"properties\": {\"p\": {\"$ref\": \"not.json#/definitions/n\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(not))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            not
                + ": referenced schema "
                + not.resolveSibling("not.json")
                + ":1:31: /definitions/n/not: must be a schema (an"
                + " object or a boolean), found a number");
  }

  @Test
  void classpathEscapeNamesTheClasspathResource() {
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("schemas/test/escape.schema.json"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            "classpath:schemas/test/escape.schema.json:1:31: cannot resolve $ref"
                + " '../secret.json': $ref refused: classpath:schemas/secret.json is outside the"
                + " schemas root");
  }

  @Test
  void tomlSchemaFileIsRefused() throws Exception {
    Path toml = write("x.schema.toml", "type = \"object\"\n");
    assertThatThrownBy(() -> ConfigSchema.load(toml))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(toml + ": schema files are JSON or YAML (.json, .yaml, .yml)");
    Path referring =
        write("t.schema.json", "{\"properties\": {\"p\": {\"$ref\": \"x.schema.toml\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(referring))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            referring
                + ":1:31: cannot resolve $ref 'x.schema.toml': "
                + toml
                + ": schema files are JSON"
                + " or YAML (.json, .yaml, .yml)");
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("schemas/test/plain.schema.toml"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            "classpath:schemas/test/plain.schema.toml: schema files are JSON or YAML (.json, .yaml,"
                + " .yml)");
  }
}
