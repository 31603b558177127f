package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A referenced schema file without {@code $schema} is read in the dialect of the template that is
 * loaded; a file that declares {@code $schema} keeps its own; a template without {@code $schema} is
 * draft 2020-12.
 */
class ReferencedDialectTest {
  private static final String DRAFT7 = "\"$schema\": \"http://json-schema.org/draft-07/schema#\", ";
  private static final String DRAFT4 = "\"$schema\": \"http://json-schema.org/draft-04/schema#\", ";

  /**
   * Valid in every draft, but meant differently: draft 2020-12 reads an integer and then strings;
   * drafts before it ignore prefixItems and read strings only.
   */
  private static final String TUPLE_DEFS =
      "{\"definitions\": {\"t\": {\"type\": \"array\", \"prefixItems\": [{\"type\": \"integer\"}],"
          + " \"items\": {\"type\": \"string\"}}}}";

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static String template(String schema, String ref) {
    return "{" + schema + "\"properties\": {\"p\": {\"$ref\": \"" + ref + "\"}}}";
  }

  @Test
  void draft07TemplateReadsSharedDefsWithArrayItemsAsDraft07() throws Exception {
    write(
        "defs.json",
        "{\"definitions\": {\"pair\": {\"type\": \"array\","
            + " \"items\": [{\"type\": \"integer\"}, {\"type\": \"string\"}]}}}");
    Path file = write("t.schema.json", template(DRAFT7, "defs.json#/definitions/pair"));

    ConfigSchema schema = ConfigSchema.load(file);

    assertThat(schema.validateText("{\"p\": [1, \"a\"]}").isValid()).isTrue();
    ValidationResult bad = schema.validateText("{\"p\": [1, 2]}");
    assertThat(bad.violations()).extracting(Violation::instancePath).containsExactly("/p/1");
  }

  @Test
  void classpathTemplateReadsItsResourcesWithoutSchemaInItsDialect() {
    ConfigSchema schema = ConfigSchema.fromClasspath("schemas/test/dialect/pair.schema.json");

    assertThat(schema.validateText("{\"p\": [1, \"a\"]}").isValid()).isTrue();
    assertThat(schema.validateText("{\"p\": [1, 2]}").violations())
        .extracting(Violation::instancePath)
        .containsExactly("/p/1");
  }

  @Test
  void draft04TemplateReadsDefsWithIdAnchorsAndBooleanExclusiveMaximumAsDraft04() throws Exception {
    write(
        "defs.json",
        "{\"definitions\": {\"small\": {\"maximum\": 10, \"exclusiveMaximum\": true},"
            + " \"viaId\": {\"$ref\": \"#int\"}, \"int\": {\"id\": \"#int\", \"type\": \"integer\"}}}");
    Path file =
        write(
            "t.schema.json",
            "{"
                + DRAFT4
                + "\"properties\": {\"s\": {\"$ref\": \"defs.json#/definitions/small\"},"
                + " \"i\": {\"$ref\": \"defs.json#/definitions/viaId\"}}}");

    ConfigSchema schema = ConfigSchema.load(file);

    assertThat(schema.validateText("{\"s\": 9, \"i\": 3}").isValid()).isTrue();
    assertThat(schema.fields())
        .filteredOn(f -> f.path().equals("i"))
        .extracting(TemplateField::type)
        .containsExactly("integer");
    assertThat(schema.validateText("{\"s\": 10, \"i\": \"x\"}").violations())
        .extracting(Violation::instancePath)
        .containsExactlyInAnyOrder("/s", "/i");
  }

  @Test
  void sameFileIsReadInEachTemplatesDialectInOneDirectory() throws Exception {
    write("defs.json", TUPLE_DEFS);
    write("old.schema.json", template(DRAFT7, "defs.json#/definitions/t"));
    write("new.schema.json", template("", "defs.json#/definitions/t"));

    for (boolean oldFirst : new boolean[] {true, false}) {
      SchemaDirectory schemas = SchemaDirectory.open(dir);
      ConfigSchema first = schemas.get(oldFirst ? "old.schema.json" : "new.schema.json");
      ConfigSchema second = schemas.get(oldFirst ? "new.schema.json" : "old.schema.json");
      ConfigSchema old = oldFirst ? first : second;
      ConfigSchema current = oldFirst ? second : first;

      assertThat(old.validateText("{\"p\": [\"a\", \"b\"]}").isValid()).isTrue();
      assertThat(old.validateText("{\"p\": [1, \"a\"]}").isValid()).isFalse();
      assertThat(current.validateText("{\"p\": [1, \"a\"]}").isValid()).isTrue();
      assertThat(current.validateText("{\"p\": [\"a\", \"b\"]}").isValid()).isFalse();
    }
  }

  @Test
  void referencedFileThatDeclaresItsDialectKeepsIt() throws Exception {
    write(
        "defs.json",
        TUPLE_DEFS.replace(
            "{\"definitions\"",
            "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"definitions\""));
    ConfigSchema schema =
        ConfigSchema.load(write("t.schema.json", template(DRAFT7, "defs.json#/definitions/t")));

    assertThat(schema.validateText("{\"p\": [1, \"a\"]}").isValid()).isTrue();
    assertThat(schema.validateText("{\"p\": [\"a\"]}").isValid()).isFalse();
  }

  @Test
  void fileWithoutSchemaIsReadInTheTemplatesDialectAlsoBehindAFileDeclaringAnother()
      throws Exception {
    write("leaf.json", TUPLE_DEFS);
    write(
        "mid.json",
        "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
            + " \"$ref\": \"leaf.json#/definitions/t\"}");
    ConfigSchema schema = ConfigSchema.load(write("t.schema.json", template(DRAFT7, "mid.json")));

    // leaf.json is read as draft-07, the loaded template's dialect: prefixItems is ignored.
    assertThat(schema.validateText("{\"p\": [\"a\"]}").isValid()).isTrue();
    assertThat(schema.validateText("{\"p\": [1, \"a\"]}").isValid()).isFalse();
  }

  @Test
  void templateWithoutSchemaAndItsFilesAreDraft202012() throws Exception {
    write("defs.json", TUPLE_DEFS);
    ConfigSchema schema =
        ConfigSchema.load(write("t.schema.json", template("", "defs.json#/definitions/t")));

    assertThat(schema.validateText("{\"p\": [1, \"a\"]}").isValid()).isTrue();
    assertThat(schema.validateText("{\"p\": [\"a\"]}").isValid()).isFalse();
  }

  @Test
  void sharedDraft07FileFromATemplateWithoutSchemaFailsNamingTheFileAndPointer() throws Exception {
    write(
        "defs.json",
        "{\"definitions\": {\"pair\": {\"type\": \"array\",\n"
            + "  \"items\": [{\"type\": \"integer\"}, {\"type\": \"string\"}]}}}");
    Path file = write("t.schema.json", template("", "defs.json#/definitions/pair"));

    assertThatThrownBy(() -> ConfigSchema.load(file))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            file
                + ": referenced schema "
                + file.resolveSibling("defs.json")
                + ":2:12: /definitions/pair/items: array-form"
                + " \"items\" is draft 2019-09 and earlier; draft 2020-12 (the default without"
                + " $schema) writes it \"prefixItems\", or declare the older draft in \"$schema\"");
  }
}
