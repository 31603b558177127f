package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The minimal-document generator: what it makes for each kind of constraint, that the validator
 * accepts everything it makes (the project's own example templates included), and that schemas
 * nothing satisfies, or that try to make it work forever, give null quickly.
 */
class WitnessGeneratorTest {
  static SchemaEngine.Compiled schema(String text) {
    return SchemaEngine.forText().compileText(text, "<schema>");
  }

  static WitnessGenerator generator() {
    return new WitnessGenerator(System.nanoTime() + 5_000_000_000L);
  }

  /** What the generator makes for the whole schema, checked by the validator. */
  static JsonNode generated(SchemaEngine.Compiled c) {
    JsonNode doc = generator().generate(List.of(Refs.root(c)));
    assertThat(doc).as("generated for %s", c.node()).isNotNull();
    assertThat(c.validate(doc).list()).as("%s for %s", doc, c.node()).isEmpty();
    return doc;
  }

  static String shown(String schema) {
    return Witnesses.show(generated(schema(schema)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"const\": {\"a\": [1]}}                                   | {\"a\": [1]}",
        "{\"enum\": [\"x\", \"y\"]}                                   | \"x\"",
        "{\"type\": \"string\", \"enum\": [1, \"b\"]}                 | \"b\"",
        "{\"type\": \"integer\", \"default\": 7}                      | 7",
        "{\"type\": \"integer\", \"default\": \"no\", \"examples\": [3]} | 3",
        "{\"type\": \"boolean\"}                                      | false",
        "{\"type\": \"null\"}                                         | null",
        "{}                                                           | \"a\"",
        "{\"type\": \"string\"}                                       | \"a\"",
        "{\"type\": \"string\", \"minLength\": 3}                     | \"aaa\"",
        "{\"type\": \"string\", \"maxLength\": 0}                     | \"\"",
        "{\"type\": \"integer\", \"minimum\": 5}                      | 5",
        "{\"type\": \"integer\", \"exclusiveMinimum\": 5}             | 6",
        "{\"type\": \"integer\", \"maximum\": -3}                     | -3",
        "{\"type\": \"number\", \"exclusiveMaximum\": 0}              | -1",
        "{\"type\": \"number\", \"minimum\": 0.35, \"multipleOf\": 0.1} | 0.4",
        "{\"type\": \"integer\", \"multipleOf\": 7, \"exclusiveMinimum\": 14} | 21",
        "{\"type\": \"integer\", \"allOf\": [{\"multipleOf\": 4}, {\"multipleOf\": 6}], \"minimum\": 1} | 12",
        "{\"type\": \"number\", \"not\": {\"type\": \"integer\"}}     | 0.5",
        "{\"type\": \"integer\", \"not\": {\"const\": 0}}             | 1",
        "{\"type\": \"array\"}                                        | []",
        "{\"type\": \"array\", \"minItems\": 2, \"items\": {\"type\": \"integer\"}} | [0, 0]",
        "{\"type\": \"array\", \"minItems\": 3, \"uniqueItems\": true, \"items\": {\"type\": \"integer\", \"minimum\": 1}} | [1, 2, 3]",
        "{\"type\": \"array\", \"prefixItems\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}], \"minItems\": 2} | [\"a\", false]",
        "{\"type\": \"array\", \"contains\": {\"const\": \"x\"}, \"minContains\": 2} | [\"x\", \"x\"]",
        "{\"type\": \"object\"}                                       | {}",
        "{\"required\": [\"a\", \"b\"], \"properties\": {\"b\": {\"type\": \"integer\"}}} | {\"a\": \"a\", \"b\": 0}",
        "{\"type\": \"object\", \"minProperties\": 2, \"propertyNames\": {\"pattern\": \"^x\"}} | {\"x1\": \"a\", \"x2\": \"a\"}",
        "{\"type\": \"object\", \"required\": [\"a\"], \"dependentRequired\": {\"a\": [\"b\"]}} | {\"a\": \"a\", \"b\": \"a\"}",
        "{\"required\": [\"k\"], \"patternProperties\": {\"^k$\": {\"type\": \"integer\", \"minimum\": 2}}} | {\"k\": 2}",
        "{\"required\": [\"z\"], \"additionalProperties\": {\"type\": \"boolean\"}} | {\"z\": false}",
        "{\"oneOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]} | 0.5",
        "{\"anyOf\": [{\"type\": \"string\", \"maxLength\": -0}, {\"type\": \"integer\"}], \"not\": {\"const\": \"\"}} | 0",
        "{\"allOf\": [{\"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"string\"}}}, {\"required\": [\"b\"], \"properties\": {\"b\": {\"const\": 3}}}]} | {\"a\": \"a\", \"b\": 3}",
        "{\"required\": [\"a\"], \"properties\": {\"a\": {\"enum\": [1, 2]}}, \"if\": {\"properties\": {\"a\": {\"const\": 1}}}, \"then\": {\"required\": [\"b\"], \"properties\": {\"b\": {\"type\": \"boolean\"}}}} | {\"a\": 1, \"b\": false}",
        "{\"$defs\": {\"t\": {\"anyOf\": [{\"type\": \"object\", \"required\": [\"c\"], \"properties\": {\"c\": {\"$ref\": \"#/$defs/t\"}}}, {\"type\": \"string\"}]}}, \"$ref\": \"#/$defs/t\"} | {\"c\": \"a\"}",
        "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"integer\", \"minimum\": 5, \"exclusiveMinimum\": true} | 6",
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"array\", \"items\": [{\"type\": \"integer\"}], \"additionalItems\": false, \"minItems\": 1} | [0]",
      })
  void generatesTheSmallestFittingValue(String schema, String expected) {
    assertThat(shown(schema)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^[A-Z]{2}-[0-9]{3}$",
        "^(foo|bar)+baz?$",
        "^[a-z0-9][a-z0-9-]{0,62}$",
        "^v\\d+\\.\\d+(\\.\\d+)?$",
        "^\\w+@\\w+\\.com$",
        "^[^\\s]{4,}$",
        "^(?:https?|ftp)://[a-z]+\\.[a-z]{2,}(/.*)?$",
        "^(?<year>[0-9]{4})-(0[1-9]|1[0-2])$",
        "^\\p{L}+$",
        "x|y|z",
        "^\\$[A-Z_]+$",
        "colou?r",
        "^[\\u0041-\\u005A]{3,}$",
        "^(a|b)*$",
        "^(.*a){12}$"
      })
  void generatedStringsMatchTheirPattern(String pattern) {
    for (int minLength : List.of(0, 6)) {
      String text =
          "{\"type\": \"string\", \"minLength\": "
              + minLength
              + ", \"pattern\": "
              + Witnesses.show(
                  tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(pattern))
              + "}";
      JsonNode value = generated(schema(text));
      assertThat(value.stringValue().length()).isGreaterThanOrEqualTo(minLength);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "date, 2024-01-01",
    "date-time, 2024-01-01T00:00:00Z",
    "time, 00:00:00Z",
    "email, a@example.com",
    "hostname, example.com",
    "ipv4, 192.0.2.1",
    "ipv6, 2001:db8::1",
    "uri, https://example.com/a",
    "uri-reference, a",
    "uuid, 00000000-0000-4000-8000-000000000000",
    "json-pointer, /a",
    "regex, a"
  })
  void formatsGetSamplesTheAssertingValidatorAccepts(String format, String expected) {
    String text =
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"format\": \""
            + format
            + "\"}";
    assertThat(generated(schema(text)).stringValue()).isEqualTo(expected);
  }

  static Stream<Path> exampleTemplates() throws Exception {
    Path examples = Path.of("../../schemas/examples");
    List<Path> files;
    try (Stream<Path> s = Files.list(examples)) {
      files = s.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("exampleTemplates")
  void documentsGeneratedForTheExampleTemplatesAreValid(Path file) {
    Path root = file.getParent().toAbsolutePath().normalize();
    SchemaEngine.Compiled c =
        SchemaEngine.forDirectory(root, null)
            .compileFile(file.toAbsolutePath().normalize(), file.getFileName().toString());
    generated(c);
  }

  @Test
  void samplesAreDistinctAndEachValid() {
    SchemaEngine.Compiled c =
        schema("{\"type\": \"integer\", \"minimum\": 3, \"maximum\": 10, \"multipleOf\": 3}");
    List<JsonNode> samples = generator().samples(List.of(Refs.root(c)), 8);
    assertThat(samples).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
    assertThat(samples).allSatisfy(v -> assertThat(c.validate(v).list()).isEmpty());
    assertThat(samples.get(0).intValue()).isEqualTo(3);
    assertThat(samples).extracting(JsonNode::intValue).contains(9);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "false",
        "{\"not\": {}}",
        "{\"type\": \"string\", \"minLength\": 5, \"maxLength\": 2}",
        "{\"allOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
        "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": 0.5}",
        "{\"enum\": [1, 2], \"type\": \"string\"}",
        "{\"type\": \"array\", \"minItems\": 100000}",
        "{\"type\": \"string\", \"pattern\": \"^(a|b)*$\", \"minLength\": 100000}",
        "{\"$defs\": {\"n\": {\"type\": \"object\", \"required\": [\"next\"], \"properties\": {\"next\": {\"$ref\": \"#/$defs/n\"}}}}, \"$ref\": \"#/$defs/n\"}",
        "{\"$defs\": {\"a\": {\"type\": \"object\", \"required\": [\"b\"], \"properties\": {\"b\": {\"$ref\": \"#/$defs/b\"}}}, \"b\": {\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"$ref\": \"#/$defs/a\"}}}}, \"$ref\": \"#/$defs/a\"}",
        "{\"type\": \"object\", \"required\": [\"a\"], \"additionalProperties\": false}",
        "{\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"integer\"}]}"
      })
  @Timeout(10)
  void unsatisfiableAndSelfFeedingSchemasGiveNull(String text) {
    SchemaEngine.Compiled c = schema(text);
    assertThat(generator().generate(List.of(Refs.root(c)))).isNull();
  }

  @Test
  @Timeout(20)
  void aFanOutOfBranchesStopsAtTheBudget() {
    StringBuilder b = new StringBuilder("{\"$defs\": {");
    for (int i = 0; i < 12; i++) {
      b.append(i == 0 ? "" : ", ")
          .append("\"d")
          .append(i)
          .append("\": {\"oneOf\": [")
          .append(
              "{\"type\": \"object\", \"required\": [\"x\"], \"properties\": {\"x\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append(
              "\"}}}, {\"type\": \"object\", \"required\": [\"y\"], \"properties\": {\"y\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append("\"}}}]}");
    }
    b.append(", \"d12\": false}, \"$ref\": \"#/$defs/d0\"}");
    SchemaEngine.Compiled c = schema(b.toString());
    long start = System.nanoTime();
    assertThat(generator().generate(List.of(Refs.root(c)))).isNull();
    assertThat(System.nanoTime() - start).isLessThan(15_000_000_000L);
  }
}
