package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Pointer segment made of digits names an object member when the target is an object (RFC
 * 6901 section 4), and an array index only when the target is an array.
 */
class PointerSegmentsTest {
  @TempDir Path dir;

  private static final String DEFINITIONS =
      "\"definitions\": {\"09338\": {\"full\": {\"type\": \"string\"}},"
          + " \"0\": {\"type\": \"integer\"},"
          + " \"12345678901\": {\"type\": \"boolean\"}}";

  @Test
  void digitSegmentsWithLeadingZeroNameObjectMembers() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{"
                + DEFINITIONS
                + ", \"properties\": {\"a\": {\"$ref\": \"#/definitions/09338/full\"},"
                + " \"b\": {\"$ref\": \"#/definitions/0\"},"
                + " \"c\": {\"$ref\": \"#/definitions/12345678901\"}}}");

    assertThat(s.validateText("{\"a\": \"x\", \"b\": 1, \"c\": true}").isValid()).isTrue();
    assertThat(s.validateText("{\"a\": 1, \"b\": \"x\", \"c\": 2}").toString())
        .isEqualTo(
            "<string>:1:7: /a: must be string, found integer (type)\n"
                + "<string>:1:15: /b: must be integer, found string (type)\n"
                + "<string>:1:25: /c: must be boolean, found integer (type)");
  }

  @Test
  void fieldsFollowDigitSegmentRefsLikeValidation() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{"
                + DEFINITIONS
                + ", \"properties\": {\"a\": {\"$ref\": \"#/definitions/09338/full\"},"
                + " \"c\": {\"$ref\": \"#/definitions/12345678901\"}}}");

    assertThat(s.fields())
        .extracting(TemplateField::path, TemplateField::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "string"),
            org.assertj.core.groups.Tuple.tuple("c", "boolean"));
  }

  @Test
  void digitSegmentsResolveInAnotherFileAndInDraft7() throws Exception {
    Files.writeString(
        dir.resolve("defs.json"),
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", " + DEFINITIONS + "}");
    Files.writeString(
        dir.resolve("main.json"),
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
            + " \"properties\": {\"a\": {\"$ref\": \"defs.json#/definitions/09338/full\"}}}");

    ConfigSchema s = ConfigSchema.load(dir.resolve("main.json"));
    assertThat(s.validateText("{\"a\": 5}").toString())
        .isEqualTo("<string>:1:7: /a: must be string, found integer (type)");
  }

  @Test
  void realArrayIndexesStillResolve() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"properties\": {\"pair\": {\"items\": [{\"type\": \"integer\"},"
                + " {\"type\": \"string\"}]},"
                + " \"first\": {\"$ref\": \"#/properties/pair/items/0\"},"
                + " \"second\": {\"$ref\": \"#/properties/pair/items/1\"}}}");

    assertThat(s.validateText("{\"first\": 1, \"second\": \"x\"}").isValid()).isTrue();
    assertThat(s.validateText("{\"first\": \"x\", \"second\": 2}").toString())
        .isEqualTo(
            "<string>:1:11: /first: must be integer, found string (type)\n"
                + "<string>:1:26: /second: must be string, found integer (type)");
  }

  @Test
  void refLookingValuesInsideConstAreDataAndLeftAlone() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"link\": {\"const\": {\"$ref\": \"#/definitions/007\"}}}}");

    assertThat(s.validateText("{\"link\": {\"$ref\": \"#/definitions/007\"}}").isValid()).isTrue();
    assertThat(s.validateText("{\"link\": {\"$ref\": \"#/definitions/%3007\"}}").isValid())
        .isFalse();
  }
}
