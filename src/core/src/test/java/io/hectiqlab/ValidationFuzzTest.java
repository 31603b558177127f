package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes validation both ways. {@link #documents}: fuzzed documents against a fixed set of schemas
 * (the shipped examples and lab bodies, and schemas with patterns, formats, recursion and
 * alternatives) give a result, never an exception, and a document the schema accepts converts to a
 * Config that still validates. {@link #schemas}: fuzzed schemas against a fixed set of documents
 * give a result or, at loading, {@link ConfigException.BadSchema}. Seeds are in {@code
 * ValidationFuzzTestInputs/<method>}.
 */
class ValidationFuzzTest {
  private static final Path SCHEMAS =
      Path.of(System.getProperty("hectiqlab.schemas.dir", "../../schemas"));

  private static final List<ConfigSchema> FIXED_SCHEMAS =
      List.of(
          ConfigSchema.load(SCHEMAS.resolve("examples/training.schema.json")),
          ConfigSchema.load(SCHEMAS.resolve("examples/params.schema.json")),
          ConfigSchema.load(SCHEMAS.resolve("lab/push-meta.schema.json")),
          ConfigSchema.load(SCHEMAS.resolve("lab/create-project.schema.json")),
          ConfigSchema.fromText(
              "{\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\","
                  + " \"pattern\": \"^(a|b)*$\", \"maxLength\": 64}, \"e\": {\"format\":"
                  + " \"email\"}, \"d\": {\"format\": \"date-time\"}, \"u\": {\"format\": \"uri\"},"
                  + " \"n\": {\"type\": \"number\", \"multipleOf\": 0.01, \"minimum\": -1},"
                  + " \"k\": {\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}}}"),
          ConfigSchema.fromText(
              "{\"$defs\": {\"t\": {\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"array\","
                  + " \"items\": {\"$ref\": \"#/$defs/t\"}}, {\"type\": \"object\","
                  + " \"additionalProperties\": {\"$ref\": \"#/$defs/t\"}}]}}, \"$ref\":"
                  + " \"#/$defs/t\"}"),
          ConfigSchema.fromText(
              "{\"oneOf\": [{\"required\": [\"a\"], \"properties\": {\"a\": {\"const\": 1}}},"
                  + " {\"required\": [\"b\"], \"properties\": {\"b\": {\"enum\": [\"x\", null]}},"
                  + " \"default\": {\"b\": \"x\"}}], \"properties\": {\"c\": {\"default\": 2,"
                  + " \"type\": \"integer\"}, \"l\": {\"type\": \"array\", \"uniqueItems\": true,"
                  + " \"prefixItems\": [{\"type\": \"string\"}], \"contains\": {\"type\":"
                  + " \"number\"}}}}"));

  private static final List<String> FIXED_DOCUMENTS =
      List.of(
          "{}",
          "{\"name\": \"run-1\", \"seed\": 7, \"dataset\": {\"name\": \"mnist\", \"batch_size\":"
              + " 32}, \"optimizer\": {\"lr\": 0.001}}",
          "{\"a\": [1, [2, [3, {\"b\": {\"c\": [null, true, -0.0, 1e308]}}]]]}",
          "[1, \"x\", {\"y\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}]",
          "\"text\"",
          "12345678901234567890.5");

  @FuzzTest(maxDuration = "10m")
  void documents(byte[] input) {
    if (input.length < 2) {
      return;
    }
    ConfigSchema schema = FIXED_SCHEMAS.get((input[0] & 0xff) % FIXED_SCHEMAS.size());
    ConfigFormat format = ConfigFormat.values()[(input[1] & 0xff) % 3];
    byte[] document = Arrays.copyOfRange(input, 2, input.length);
    ValidationResult result =
        schema.validate(ConfigSource.stream(new ByteArrayInputStream(document), "fuzz", format));
    assertThat(result).isNotNull();
    if (!result.isValid()) {
      assertThat(result.violations()).isNotEmpty();
      return;
    }
    try {
      Config config =
          schema.toConfig(ConfigSource.stream(new ByteArrayInputStream(document), "fuzz", format));
      // The fixed schemas' defaults satisfy their own schemas, so the result still validates.
      assertThat(schema.validate(config).isValid()).isTrue();
    } catch (ConfigException.Parse e) {
      // A valid document whose root is not an object is not a Config.
      assertThat(e.getMessage()).contains("root must be an object");
    }
  }

  @FuzzTest(maxDuration = "10m")
  void schemas(byte[] input) {
    ConfigSchema schema;
    try {
      schema = ConfigSchema.fromText(new String(input, StandardCharsets.UTF_8));
    } catch (ConfigException.BadSchema e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    for (String document : FIXED_DOCUMENTS) {
      ValidationResult result = schema.validateText(document);
      assertThat(result.isValid() || !result.violations().isEmpty()).isTrue();
    }
  }
}
