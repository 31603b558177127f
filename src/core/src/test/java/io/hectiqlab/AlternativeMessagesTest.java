package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed {@code oneOf}/{@code anyOf} is one summary line plus, indented, the closest
 * alternative's own violations; consts and enum values read as JSON.
 */
class AlternativeMessagesTest {
  @TempDir Path dir;

  static final String CACHE =
      "{\"type\": \"object\", \"properties\": {\"cache\": {\"oneOf\": ["
          + "{\"type\": \"object\", \"properties\": {\"type\": {\"const\": \"memory\"},"
          + " \"size\": {\"type\": \"integer\"}}, \"required\": [\"type\"],"
          + " \"additionalProperties\": false},"
          + "{\"type\": \"object\", \"properties\": {\"type\": {\"const\": \"redis\"},"
          + " \"redis_url\": {\"type\": \"string\"}, \"ttl\": {\"type\": \"integer\", \"minimum\": 1}},"
          + " \"required\": [\"type\", \"redis_url\"], \"additionalProperties\": false}]}}}";

  private ValidationResult validateYaml(String schema, String yaml) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, yaml);
    return ConfigSchema.fromText(schema).validate(file);
  }

  @Test
  void oneOfShowsTheBranchWhoseDiscriminatorMatches() throws Exception {
    ValidationResult r = validateYaml(CACHE, "cache:\n  type: redis\n  ttl: 0\n");
    String f = dir.resolve("app.yaml").toString();

    assertThat(r.toString())
        .isEqualTo(
            f
                + ":2:3: /cache: must match exactly one of 2 alternatives but matches none;"
                + " closest is alternative 2, where type is \"redis\" (oneOf)\n"
                + "  "
                + f
                + ":2:3: /cache: missing required property 'redis_url' (required)\n"
                + "  "
                + f
                + ":3:8: /cache/ttl: must be at least 1 (minimum)");
    Violation summary = r.violations().get(0);
    assertThat(summary.keyword()).isEqualTo("oneOf");
    assertThat(summary.details())
        .extracting(Violation::keyword)
        .containsExactly("required", "minimum");
  }

  @Test
  void withoutDiscriminatorTheBranchWithFewestViolationsIsShown() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"port\": {\"anyOf\": ["
                + "{\"type\": \"string\", \"pattern\": \"^[0-9]+$\", \"maxLength\": 2},"
                + "{\"type\": \"integer\", \"maximum\": 65535}]}}}");

    assertThat(s.validateText("{\"port\": 70000}").toString())
        .isEqualTo(
            "<string>:1:10: /port: must match at least one of 2 alternatives but matches none;"
                + " closest is alternative 2, with 1 violation (anyOf)\n"
                + "  <string>:1:10: /port: must be at most 65535 (maximum)");
  }

  @Test
  void oneOfMatchingSeveralAlternativesSaysHowMany() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}, {\"type\": \"string\"}]}");

    ValidationResult r = s.validateText("5");
    assertThat(r.toString())
        .isEqualTo(
            "<string>:1:1: (root): must match exactly one of 3 alternatives but matches 2 (oneOf)");
    assertThat(r.violations().get(0).details()).isEmpty();
  }

  @Test
  void discriminatorIsFoundThroughRefBranches() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"$defs\": {\"a\": {\"properties\": {\"kind\": {\"enum\": [\"a\", \"alpha\"]},"
                + " \"n\": {\"type\": \"integer\"}}},"
                + " \"b\": {\"properties\": {\"kind\": {\"const\": \"b\"}, \"n\": {\"type\": \"string\"},"
                + " \"m\": {\"type\": \"string\"}}, \"required\": [\"m\"]}},"
                + " \"anyOf\": [{\"$ref\": \"#/$defs/a\"}, {\"$ref\": \"#/$defs/b\"}]}");

    // Alternative 1 has fewer violations (1 against 2), but the kind says alternative 2.
    assertThat(s.validateText("{\"kind\": \"b\", \"n\": 1}").toString())
        .isEqualTo(
            "<string>:1:1: (root): must match at least one of 2 alternatives but matches none;"
                + " closest is alternative 2, where kind is \"b\" (anyOf)\n"
                + "  <string>:1:1: (root): missing required property 'm' (required)\n"
                + "  <string>:1:20: /n: must be string, found integer (type)");
  }

  @Test
  void nestedAlternativesIndentOneLevelMore() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"oneOf\": [{\"properties\": {\"mode\": {\"const\": \"x\"},"
                + " \"v\": {\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"boolean\"}]}}},"
                + " {\"properties\": {\"mode\": {\"const\": \"y\"}}, \"required\": [\"w\"]}]}");

    assertThat(s.validateText("{\"mode\": \"x\", \"v\": \"s\"}").toString())
        .isEqualTo(
            "<string>:1:1: (root): must match exactly one of 2 alternatives but matches none;"
                + " closest is alternative 1, where mode is \"x\" (oneOf)\n"
                + "  <string>:1:20: /v: must match exactly one of 2 alternatives but matches none;"
                + " closest is alternative 1, with 1 violation (oneOf)\n"
                + "    <string>:1:20: /v: must be integer, found string (type)");
  }

  @Test
  void customMessageReplacesTheSummaryAndKeepsTheDetails() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"n\": {\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"null\"}],"
                + " \"message\": {\"oneOf\": \"n is a count or null\"}}}}");

    assertThat(s.validateText("{\"n\": \"x\"}").toString())
        .isEqualTo(
            "<string>:1:7: /n: n is a count or null (oneOf)\n"
                + "  <string>:1:7: /n: must be integer, found string (type)");
  }

  @Test
  void constAndEnumValuesAreQuotedAsJson() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"a\": {\"const\": 3}, \"b\": {\"const\": {\"k\": [1, \"x\"]}},"
                + " \"c\": {\"enum\": [\"a\", 1, null, true]}, \"d\": {\"const\": \"it's \\\"x\\\"\"}}}");

    assertThat(s.validateText("{\"a\": 4, \"b\": 1, \"c\": \"z\", \"d\": \"y\"}").toString())
        .isEqualTo(
            "<string>:1:7: /a: must be 3 (const)\n"
                + "<string>:1:15: /b: must be {\"k\":[1,\"x\"]} (const)\n"
                + "<string>:1:23: /c: must be one of [\"a\", 1, null, true] (enum)\n"
                + "<string>:1:33: /d: must be \"it's \\\"x\\\"\" (const)");
  }
}
