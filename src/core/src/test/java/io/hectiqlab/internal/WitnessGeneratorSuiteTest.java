package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generator over every schema of the official JSON-Schema-Test-Suite (skipped when the suite is
 * not checked out, as {@code ConformanceTest} finds it): whatever it makes is valid, and it makes a
 * value for nearly every schema that the suite shows some valid instance for.
 */
class WitnessGeneratorSuiteTest {
  private static final Path SUITE =
      Path.of(
          System.getProperty(
              "hectiqlab.conformance.dir", "../../../shared/conformance/JSON-Schema-Test-Suite"));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"draft2020-12", "draft7", "draft6", "draft4"})
  void generatedDocumentsAreValidForTheSuitesSchemas(String draft) throws Exception {
    Path tests = SUITE.resolve("tests").resolve(draft);
    assumeTrue(Files.isDirectory(tests), "the JSON-Schema-Test-Suite is not at " + SUITE);
    String meta =
        switch (draft) {
          case "draft7" -> "http://json-schema.org/draft-07/schema#";
          case "draft6" -> "http://json-schema.org/draft-06/schema#";
          case "draft4" -> "http://json-schema.org/draft-04/schema#";
          default -> null;
        };
    List<String> invalid = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    int satisfiable = 0;
    List<Path> files;
    try (Stream<Path> s = Files.list(tests)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      for (JsonNode group : WitnessesTest.json(Files.readString(file))) {
        JsonNode schemaNode = group.get("schema");
        if (meta != null && schemaNode.isObject() && !schemaNode.has("$schema")) {
          schemaNode = ((ObjectNode) schemaNode.deepCopy()).put("$schema", meta);
        }
        SchemaEngine.Compiled c;
        try {
          c = SchemaEngine.forText().compileText(schemaNode.toString(), "<schema>");
        } catch (RuntimeException refsToRemotes) {
          continue;
        }
        boolean hasValid = false;
        for (JsonNode t : group.get("tests")) {
          hasValid |= t.get("valid").asBoolean();
        }
        WitnessGenerator g = new WitnessGenerator(System.nanoTime() + 5_000_000_000L);
        JsonNode doc = g.generate(List.of(g.root(c)));
        String where = file.getFileName() + ": " + group.get("description").asString();
        if (doc != null && !c.validate(doc).list().isEmpty()) {
          invalid.add(where + ": " + doc);
        }
        if (hasValid) {
          satisfiable++;
          if (doc == null) {
            missed.add(where);
          }
        }
      }
    }
    assertThat(invalid).as("generated documents the validator rejects").isEmpty();
    assertThat(satisfiable).isGreaterThan(100);
    assertThat(missed.size())
        .as("satisfiable schemas without a document: %s", missed)
        .isLessThanOrEqualTo(satisfiable / 50);
  }
}
