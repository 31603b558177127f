package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the required tests of the official JSON-Schema-Test-Suite through ConfigSchema's own loading
 * and validation path: each test schema is compiled by {@link SchemaDirectory#parse} over the
 * suite's {@code remotes/} directory, published as {@code http://localhost:1234/} (served from
 * disk, never over the network), and each instance is validated as JSON text. Format is an
 * annotation, as the required tests expect.
 */
class ConformanceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path SUITE =
      Path.of(
          System.getProperty(
              "hectiqlab.conformance.dir", "../../../shared/conformance/JSON-Schema-Test-Suite"));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"draft2020-12", "draft7"})
  void requiredTestsAllPass(String draft) throws IOException {
    // A clone without ../shared cannot run the suite; CI (CI=true) always has it and must run it.
    Assumptions.assumeTrue(
        Files.isDirectory(SUITE) || "true".equals(System.getenv("CI")),
        "JSON-Schema-Test-Suite not found at " + SUITE);
    assertThat(SUITE.resolve("tests").resolve(draft)).isDirectory();
    String metaSchema = draft.equals("draft7") ? "http://json-schema.org/draft-07/schema#" : null;
    int passed = 0;
    List<String> failures = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(SUITE.resolve("tests").resolve(draft))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      for (JsonNode group : JSON.readTree(file.toFile())) {
        JsonNode schemaNode = group.get("schema");
        if (metaSchema != null && schemaNode.isObject() && !schemaNode.has("$schema")) {
          schemaNode = ((ObjectNode) schemaNode.deepCopy()).put("$schema", metaSchema);
        }
        String where = file.getFileName() + " / " + group.get("description").asString();
        ConfigSchema schema;
        try {
          schema =
              SchemaDirectory.open(SUITE.resolve("remotes"), URI.create("http://localhost:1234/"))
                  .parse(JSON.writeValueAsString(schemaNode));
        } catch (RuntimeException e) {
          failures.add(where + ": schema did not load: " + e.getMessage());
          continue;
        }
        for (JsonNode test : group.get("tests")) {
          boolean expected = test.get("valid").asBoolean();
          String name = where + " / " + test.get("description").asString();
          try {
            ValidationResult r = schema.validate(JSON.writeValueAsString(test.get("data")));
            if (r.isValid() == expected) {
              passed++;
            } else {
              failures.add(name + ": expected " + (expected ? "valid" : "invalid") + ", got " + r);
            }
          } catch (RuntimeException e) {
            failures.add(name + ": threw " + e);
          }
        }
      }
    }
    System.out.printf(
        "JSON-Schema-Test-Suite %s (required): %d passed, %d failed%n",
        draft, passed, failures.size());
    assertThat(failures).as("failing conformance tests").isEmpty();
    assertThat(passed).isGreaterThan(500);
  }
}
