package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Compatibility.ContentModel;
import io.hectiqlab.SchemaChange.Impact;
import io.hectiqlab.internal.SchemaDiff;
import java.io.IOException;
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

/**
 * The schemas of the JSON-Schema-Test-Suite (every keyword of every draft) through {@link
 * SchemaDiff#compare}: each against itself has no change, and each against the next one of its file
 * gives well-formed changes (sites in both schemas, probes exactly for the directions that do not
 * stay valid), never an exception.
 */
class SchemaDiffSuiteTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path SUITE =
      Path.of(
          System.getProperty(
              "hectiqlab.conformance.dir", "../../../shared/conformance/JSON-Schema-Test-Suite"));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"draft2020-12", "draft2019-09", "draft7", "draft6", "draft4"})
  void everySchemaOfTheSuiteComparesSanely(String draft) throws IOException {
    Path dir = SUITE.resolve("tests").resolve(draft);
    Assumptions.assumeTrue(Files.isDirectory(dir), "the JSON-Schema-Test-Suite is not at " + dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    int pairs = 0;
    int changes = 0;
    for (Path f : files) {
      List<ConfigSchema> schemas = new ArrayList<>();
      for (JsonNode group : JSON.readTree(Files.readString(f))) {
        try {
          schemas.add(ConfigSchema.fromText(group.get("schema").toString()));
        } catch (ConfigException e) {
          // refers to the suite's remotes, or is a schema this toolkit refuses at load
        }
      }
      for (int i = 0; i < schemas.size(); i++) {
        for (ContentModel m : ContentModel.values()) {
          String what = f.getFileName() + " #" + i + " " + m;
          assertThat(SchemaDiffFixture.diff(schemas.get(i), schemas.get(i), m))
              .as(what + " against itself")
              .isEmpty();
          if (i + 1 < schemas.size()) {
            List<SchemaDiff.Change> found =
                SchemaDiffFixture.diff(schemas.get(i), schemas.get(i + 1), m);
            pairs++;
            changes += found.size();
            for (SchemaDiff.Change c : found) {
              assertThat(c.older()).as(what).isNotNull();
              assertThat(c.newer()).as(what).isNotNull();
              assertThat(c.reason()).as(what).isNotBlank().doesNotContain("\n");
              assertThat(c.backwardProbes().isEmpty())
                  .as(what + ": " + SchemaDiffFixture.line(c))
                  .isEqualTo(c.backward() == Impact.NONE);
              assertThat(c.forwardProbes().isEmpty())
                  .as(what + ": " + SchemaDiffFixture.line(c))
                  .isEqualTo(c.forward() == Impact.NONE);
            }
          }
        }
      }
    }
    System.out.printf("%s: %d schema pairs compared, %d changes%n", draft, pairs, changes);
    assertThat(pairs).isGreaterThan(100);
  }
}
