package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A value the schema marks {@code "writeOnly": true} or {@code "x-secret": true} (or one inside
 * such a value) never shows in a violation's message, whichever way the document was validated.
 */
class SecretMaskingTest {
  static final String SCHEMA =
      """
      {"type": "object", "properties": {
        "db": {"type": "object", "properties": {
          "user": {"type": "string", "minLength": 3},
          "password": {"type": "string", "writeOnly": true, "minLength": 12,
                       "pattern": "^[A-Z]"}}},
        "cred": {"x-secret": true, "oneOf": [
          {"properties": {"kind": {"const": "password"}, "password": {"type": "string"}},
           "required": ["kind", "password"]},
          {"properties": {"kind": {"const": "tok-hunter2"}, "token": {"type": "integer"}},
           "required": ["kind", "token"]}]},
        "pin": {"type": "integer", "maximum": 9999, "x-secret": true},
        "keys": {"type": "array", "items": {"$ref": "#/$defs/key"}}},
       "$defs": {"key": {"type": "string", "x-secret": true, "enum": ["k1", "k2"]}}}
      """;

  static final ConfigSchema S = ConfigSchema.fromText(SCHEMA);

  static final String DOCUMENT =
      """
      {"db": {"user": "al", "password": "hunter2"},
       "cred": {"kind": "tok-hunter2", "token": "hunter2"},
       "pin": 123456,
       "keys": ["hunter2-key"]}
      """;

  @Test
  void violationsAboutSecretsDoNotShowTheirValues() {
    ValidationResult r = S.validateText(DOCUMENT);
    assertThat(r.toString())
        .isEqualTo(
            "<string>:1:17: /db/user: must be at least 3 characters long (minLength)\n"
                + "<string>:1:35: /db/password: must be at least 12 characters long (minLength)\n"
                + "<string>:1:35: /db/password: must match the pattern ^[A-Z] (pattern)\n"
                + "<string>:2:10: /cred: must match exactly one of 2 alternatives but matches"
                + " none; closest is alternative 2, where kind is *** (oneOf)\n"
                + "  <string>:2:43: /cred/token: must be integer, found string (type)\n"
                + "<string>:3:9: /pin: must be at most 9999 (maximum)\n"
                + "<string>:4:11: /keys/0: must be one of [\"k1\", \"k2\"] (enum)");
    assertThat(r.toString()).doesNotContain("hunter2").doesNotContain("123456");
  }

  @Test
  void theValueOfANonSecretStaysInItsMessage() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"cred\": {\"oneOf\": ["
                + "{\"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"x\"]},"
                + "{\"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"y\"]}]}}}");
    assertThat(s.validateText("{\"cred\": {\"kind\": \"b\"}}").toString())
        .startsWith(
            "<string>:1:10: /cred: must match exactly one of 2 alternatives but matches none;"
                + " closest is alternative 2, where kind is \"b\" (oneOf)");
  }

  @Test
  void aSecretMemberQuotedByItsParentsMessageIsMasked() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"cred\": {\"oneOf\": ["
                + "{\"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"x\"]},"
                + "{\"properties\": {\"kind\": {\"const\": \"s3cr3t-kind\","
                + " \"writeOnly\": true}}, \"required\": [\"y\"]}]}}}");
    assertThat(s.validateText("{\"cred\": {\"kind\": \"s3cr3t-kind\"}}").toString())
        .startsWith(
            "<string>:1:10: /cred: must match exactly one of 2 alternatives but matches none;"
                + " closest is alternative 2, where kind is *** (oneOf)");
  }

  @Test
  void documentsBuiltInMemoryAreMaskedToo() {
    Map<String, Object> doc =
        Map.of(
            "db", Map.of("user", "alice", "password", "hunter2"),
            "keys", List.of("hunter2-key"));
    assertThat(S.validate(doc).toString()).doesNotContain("hunter2").contains("/db/password");
    Map<String, Object> cred = Map.of("cred", Map.of("kind", "tok-hunter2", "token", "x"));
    assertThat(S.validate(cred).toString()).doesNotContain("hunter2").contains("kind is ***");
    assertThat(S.validate(Config.of("cred", cred.get("cred"))).toString())
        .doesNotContain("hunter2")
        .contains("kind is ***");
    assertThatThrownBy(() -> S.toConfig(Map.of("db", Map.of("password", "hunter2"))))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () -> S.toConfig(ConfigSource.text(DOCUMENT, "prod.json", ConfigFormat.JSON)))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("123456");
  }

  @Test
  void everyRenderingOfTheValueIsMasked() {
    SchemaPaths paths =
        SchemaPaths.of(
            SchemaEngine.forText()
                .compileText(
                    "{\"properties\": {\"p\": {\"writeOnly\": true}, \"q\": {}, \"n\":"
                        + " {\"x-secret\": true}}}",
                    "<schema>"));
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("p", "s3cr\"t\nx");
    doc.put("q", "s3cr\"t\nx");
    doc.put("n", 42);
    String message =
        "found \"s3cr\\\"t\\nx\", 's3cr\"t\\nx', s3cr\"t\\nx and \"s3cr\\\"t\\nx\" again";
    assertThat(masked(paths, doc, "/p", message)).isEqualTo("found ***, ***, *** and *** again");
    assertThat(masked(paths, doc, "/q", message)).isEqualTo(message);
    assertThat(masked(paths, doc, "/n", "42 is not 420 nor 4.2 nor x42"))
        .isEqualTo("*** is not 420 nor 4.2 nor x42");
  }

  @Test
  void detailsAndParentsMentioningASecretAreMasked() {
    SchemaPaths paths =
        SchemaPaths.of(
            SchemaEngine.forText()
                .compileText(
                    "{\"properties\": {\"p\": {\"writeOnly\": true}, \"q\": {}}}", "<schema>"));
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("p", "hunter2");
    doc.put("q", "plain");
    SchemaEngine.Finding f =
        new SchemaEngine.Finding(
            "",
            "anyOf",
            "hunter2 and plain at the root",
            List.of(
                new SchemaEngine.Finding("/p", "type", "found hunter2"),
                new SchemaEngine.Finding("/q", "type", "found plain")));
    SchemaEngine.Finding m = paths.masked(f, doc);
    assertThat(m.message()).isEqualTo("*** and plain at the root");
    assertThat(m.details().get(0).message()).isEqualTo("found ***");
    assertThat(m.details().get(1)).isSameAs(f.details().get(1));
    SchemaEngine.Finding clean = new SchemaEngine.Finding("", "x", "nothing secret here");
    assertThat(paths.masked(clean, doc)).isSameAs(clean);
  }

  private static String masked(SchemaPaths paths, JsonNode doc, String pointer, String message) {
    return paths.masked(new SchemaEngine.Finding(pointer, "x", message), doc).message();
  }

  @Test
  void helpShowsTheDefaultsOfSecretsAsStars() {
    ConfigSchema s =
        ConfigSchema.fromText(
            """
            {"type": "object", "properties": {
              "user": {"type": "string", "default": "admin"},
              "password": {"type": "string", "writeOnly": true, "default": "hunter2"},
              "vault": {"type": "object", "x-secret": true, "properties": {
                "token": {"type": "string", "default": "tok-hunter2"},
                "kind": {"const": "hunter2-kind"}}}}}
            """);
    assertThat(s.fields())
        .extracting(TemplateField::path, TemplateField::defaultJson)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("user", "\"admin\""),
            org.assertj.core.groups.Tuple.tuple("password", "***"),
            org.assertj.core.groups.Tuple.tuple("vault", null),
            org.assertj.core.groups.Tuple.tuple("vault.token", "***"),
            org.assertj.core.groups.Tuple.tuple("vault.kind", null));
    assertThat(s.help() + s.fields() + s.helpConfig().toJson())
        .contains("always ***")
        .doesNotContain("hunter2");
  }
}
