/*
 * CompatBenchmark
 * ===============
 *
 * What it measures: Compatibility.compare (the structural diff, then a witness search and its
 * re-validation for every direction a change breaks or leaves undecided), mode FULL so that both
 * directions count, on two pairs of templates compiled once in @Setup:
 *
 *   trainingCompare    schemas/examples/training.schema.json (244 lines, refs into
 *                      common.schema.json) against a copy carrying 20 changes made here (limits
 *                      tightened and relaxed, enum values added and removed, a pattern, a type,
 *                      a property added to a closed object, required names, uniqueItems, a
 *                      default and descriptions), written to a temporary folder beside a copy of
 *                      common.schema.json.
 *   trainingValidate   baseline: validating one full training document (ToConfigBenchmark's, 40
 *                      values) against the template: one validation, the unit a witness costs.
 *   largeCompare       a large real-world schema against itself with one change: Apache Camel's
 *                      YAML DSL schema (schema/camelYamlDsl.json in org.apache.camel:camel-yaml-dsl,
 *                      a bench dependency read from its jar at run time, nothing of it is in this
 *                      repository: draft 4, about 17,400 lines, 248 definitions reached through
 *                      recursive refs), where the route's shutdownRoute enum loses "Defer".
 *   largeCompile       baseline: compiling that schema from its text (ConfigSchema.fromText).
 *   largeTreeEquals    second baseline: Jackson's deep equals of the two schema trees, the floor
 *                      of any structural comparison.
 *
 * Target (issue): the large case under 1 s in one JVM after warm-up. @Setup checks that each
 * comparison finds what was changed (an incompatible report with confirmed witnesses for the
 * training pair, printing the report when it does not hold the 20 changes; the enum value removed
 * for the large one, printing the report when it finds more or no witness). Run from the
 * repository root:
 *
 *   java -jar src/bench/target/benchmarks.jar CompatBenchmark
 */
package io.hectiqlab.bench;

import io.hectiqlab.Compatibility;
import io.hectiqlab.CompatibilityReport;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.SchemaChange;
import io.hectiqlab.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Template comparison with witnesses, against one validation and one compilation (baselines). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CompatBenchmark {
  /** The large real-world schema, a resource of a bench dependency's jar. */
  static final String LARGE_RESOURCE = "schema/camelYamlDsl.json";

  private static final String ROUTE =
      "/items/definitions/org.apache.camel.model.RouteDefinition/properties/shutdownRoute/enum";

  private final JsonMapper mapper = JsonMapper.builder().build();
  private final Compatibility full = Compatibility.of(Compatibility.Mode.FULL);
  private Path dir;
  private ConfigSchema training;
  private ConfigSchema trainingChanged;
  private String largeText;
  private JsonNode largeTree;
  private JsonNode largeChangedTree;
  private ConfigSchema large;
  private ConfigSchema largeChanged;

  /** Builds both pairs and checks that each comparison finds what was changed. */
  @Setup
  public void setUp() throws IOException {
    Path file = ToConfigBenchmark.trainingSchemaFile();
    training = ConfigSchema.load(file);
    dir = Files.createTempDirectory("compat-bench");
    Files.copy(file.resolveSibling("common.schema.json"), dir.resolve("common.schema.json"));
    Path changedFile = dir.resolve("training.schema.json");
    Files.writeString(
        changedFile,
        mapper
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(twentyChanges(mapper.readTree(file.toFile()))));
    trainingChanged = ConfigSchema.load(changedFile);
    CompatibilityReport report = trainingCompare();
    long witnessed = report.changes().stream().filter(c -> !c.witnesses().isEmpty()).count();
    if (witnessed == 0 || report.isCompatible()) {
      throw new IllegalStateException("the 20 changes were not found:\n" + report);
    }
    if (report.changes().size() != 20) {
      System.err.println(report.changes().size() + " of the 20 changes found:\n" + report);
    }
    if (!trainingValidate().isValid()) {
      throw new IllegalStateException("the training document is invalid");
    }

    largeText = largeSchemaText();
    long lines = largeText.lines().count();
    if (lines < 3000) {
      throw new IllegalStateException(LARGE_RESOURCE + " has only " + lines + " lines");
    }
    largeTree = mapper.readTree(largeText);
    largeChangedTree = largeTree.deepCopy();
    ArrayNode values = (ArrayNode) largeChangedTree.at(ROUTE);
    if (values.size() != 2 || !"Defer".equals(values.get(1).stringValue())) {
      throw new IllegalStateException(ROUTE + " is not [Default, Defer]: " + values);
    }
    values.remove(1);
    large = ConfigSchema.fromText(largeText);
    largeChanged = ConfigSchema.fromText(mapper.writeValueAsString(largeChangedTree));
    CompatibilityReport one = largeCompare();
    if (one.changes().size() != 1
        || one.changes().get(0).kind() != SchemaChange.Kind.ENUM_VALUE_REMOVED
        || one.changes().get(0).witness(SchemaChange.Direction.BACKWARD).isEmpty()) {
      System.err.println("large comparison found:\n" + one);
      if (one.changes().isEmpty()) {
        throw new IllegalStateException("the large comparison missed the change");
      }
    }
  }

  /** Removes the temporary copy of the training template. */
  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The text of {@link #LARGE_RESOURCE}, from the classpath. */
  static String largeSchemaText() {
    try (InputStream in =
        CompatBenchmark.class.getClassLoader().getResourceAsStream(LARGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            LARGE_RESOURCE + " not on the classpath (org.apache.camel:camel-yaml-dsl)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The training template with 20 changes. */
  static JsonNode twentyChanges(JsonNode schema) {
    ObjectNode p = (ObjectNode) schema.get("properties");
    ObjectNode optimizer = (ObjectNode) p.get("optimizer").get("properties");
    ((ObjectNode) optimizer.get("lr")).put("maximum", 0.5); // 1 tightened
    ((ObjectNode) p.get("name")).put("pattern", "^[a-z][a-z0-9-]{0,30}$"); // 2 pattern
    ObjectNode dataset = (ObjectNode) p.get("dataset").get("properties");
    ((ArrayNode) dataset.get("name").get("enum")).add("svhn"); // 3 enum value added
    ObjectNode model = (ObjectNode) p.get("model").get("properties");
    ((ArrayNode) model.get("architecture").get("enum")).remove(4); // 4 enum value removed
    ((ObjectNode) model.get("layers")).put("maxItems", 32); // 5 tightened
    ((ObjectNode) model.get("layers")).put("minItems", 2); // 6 tightened
    ((ObjectNode) optimizer.get("weight_decay")).put("maximum", 1); // 7 limit added
    ((ObjectNode) optimizer.get("name")).put("default", "adamw"); // 8 default
    ObjectNode schedule = (ObjectNode) p.get("schedule");
    ((ObjectNode) schedule.get("properties").get("patience")).put("minimum", 0); // 9 relaxed
    ((ObjectNode) schedule.get("properties"))
        .putObject("max_epochs")
        .put("type", "integer"); // 10 property added to a closed object
    schedule.putArray("required").add("epochs"); // 11 required added
    ((ObjectNode) p.get("tags").get("items")).put("maxLength", 32); // 12 tightened
    ((ObjectNode) p.get("tags")).remove("uniqueItems"); // 13 uniqueItems removed
    ((ObjectNode) p.get("labels").get("additionalProperties")).put("maxLength", 128); // 14
    ((ObjectNode) p.get("notes")).put("type", "string"); // 15 type narrowed
    ((ObjectNode) p.get("seed")).put("description", "Seed of every generator"); // 16 info
    ((ArrayNode) schema.get("required")).add("optimizer"); // 17 required added
    ObjectNode layer = (ObjectNode) schema.get("$defs").get("layer").get("properties");
    ((ArrayNode) layer.get("activation").get("enum")).add("silu"); // 18 enum value added
    ((ObjectNode) layer.get("units")).put("maximum", 4096); // 19 tightened
    ((ObjectNode) dataset.get("batch_size")).put("maximum", 2048); // 20 tightened
    return schema;
  }

  /** The training template against its copy with 20 changes. */
  @Benchmark
  public CompatibilityReport trainingCompare() {
    return full.compare(training, trainingChanged);
  }

  /** Baseline: one validation of a full training document. */
  @Benchmark
  public ValidationResult trainingValidate() {
    return training.validateText(ToConfigBenchmark.TRAINING_JSON);
  }

  /** The large schema against itself with one enum value removed. */
  @Benchmark
  public CompatibilityReport largeCompare() {
    return full.compare(large, largeChanged);
  }

  /** Baseline: compiling the large schema from its text. */
  @Benchmark
  public ConfigSchema largeCompile() {
    return ConfigSchema.fromText(largeText);
  }

  /** Second baseline: deep equality of the two large schema trees. */
  @Benchmark
  public boolean largeTreeEquals() {
    return largeTree.equals(largeChangedTree);
  }
}
