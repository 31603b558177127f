/*
 * ToConfigBenchmark
 * =================
 *
 * What it compares: turning the JSON text of a realistic, valid training document into something
 * usable, with schemas/examples/training.schema.json (which $refs common.schema.json).
 *
 *   hectiqlabToConfig       schema.toConfigText(text): hectiqlab's full path -- strict parse
 *                           (duplicate keys, limits), validation, defaults applied, Config built.
 *   networkntParseValidate  baseline, bare networknt: a Jackson 3 JsonMapper.readTree(text) and
 *                           Schema.validate(node), with the Schema compiled once in @Setup. No
 *                           defaults, no Config, no limits: the least work that still validates.
 *
 * Target: hectiqlabToConfig at most 1.25x networkntParseValidate (average time, us/op).
 *
 * @Setup checks that the baseline reports zero errors and that toConfig succeeds on the same
 * text, so both sides do a full, successful validation, and (negative control) that both reject
 * batch_size 0, which only common.schema.json forbids, so the cross-file $ref really is resolved
 * on both sides. The schemas directory comes from the
 * system property hectiqlab.schemas (default: schemas/examples, relative to the working
 * directory), so run from the repository root:
 *
 *   java -jar src/bench/target/benchmarks.jar ToConfigBenchmark
 *   java -Dhectiqlab.schemas=/path/to/schemas/examples -jar .../benchmarks.jar ToConfigBenchmark
 *
 * (JMH passes the launcher's -D options on to the forked benchmark JVMs.)
 */
package io.hectiqlab.bench;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.InputStreamSource;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/** ConfigSchema.toConfig on JSON text against bare networknt parse + validate (baseline). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ToConfigBenchmark {

  /** The $id prefix of the example schemas. */
  private static final String ID_PREFIX = "https://schemas.hectiqlab.io/examples/";

  /** A valid, fairly complete training document: 40 values. */
  static final String TRAINING_JSON =
      """
      {
        "name": "cifar10-mlp-baseline",
        "seed": 1234,
        "dataset": {
          "name": "cifar10",
          "path": "./data/cifar10",
          "batch_size": 128,
          "shuffle": true,
          "splits": { "train": 0.8, "validation": 0.1, "test": 0.1 }
        },
        "model": {
          "architecture": "mlp",
          "layers": [
            { "units": 1024, "activation": "gelu" },
            { "units": 1024, "activation": "gelu" },
            { "units": 512, "activation": "relu" },
            { "units": 512, "activation": "relu" },
            { "units": 256, "activation": "relu" },
            { "units": 128, "activation": "tanh" },
            { "units": 64, "activation": "tanh" },
            { "units": 10, "activation": "sigmoid" }
          ],
          "dropout": 0.2
        },
        "optimizer": {
          "name": "adamw",
          "lr": 0.001,
          "weight_decay": 0.0001,
          "betas": [0.9, 0.999]
        },
        "schedule": { "epochs": 30, "early_stopping": true, "patience": 5 },
        "tags": ["baseline", "mlp", "cifar10", "adamw", "benchmark"]
      }
      """;

  private String text;
  private ConfigSchema schema;
  private Schema networknt;
  private JsonMapper mapper;

  /** Loads both schemas once and checks that both paths accept the document. */
  @Setup
  public void setUp() {
    Path file = trainingSchemaFile();
    text = TRAINING_JSON;
    schema = ConfigSchema.load(file);
    networknt = networkntSchema(file);
    mapper = JsonMapper.builder().build();

    List<Error> errors = networkntParseValidate();
    if (!errors.isEmpty()) {
      throw new IllegalStateException("networknt rejects the document: " + errors);
    }
    Config config = hectiqlabToConfig();
    if (config == null || !Double.valueOf(0.001).equals(config.get("optimizer.lr"))) {
      throw new IllegalStateException("toConfig did not give optimizer.lr = 0.001: " + config);
    }

    // Negative control: batch_size 0 breaks common.schema.json#/$defs/positiveInt, so both sides
    // must reject it -- proof that the cross-file $ref is really resolved and applied.
    String invalid = text.replace("\"batch_size\": 128", "\"batch_size\": 0");
    if (invalid.equals(text) || networknt.validate(mapper.readTree(invalid)).isEmpty()) {
      throw new IllegalStateException("networknt accepts batch_size 0: common.schema.json unused?");
    }
    try {
      schema.toConfigText(invalid);
      throw new IllegalStateException("toConfig accepts batch_size 0: common.schema.json unused?");
    } catch (ConfigException.Invalid expected) {
      // as it should
    }
  }

  /** schemas/examples/training.schema.json, or below -Dhectiqlab.schemas. */
  static Path trainingSchemaFile() {
    Path dir = Path.of(System.getProperty("hectiqlab.schemas", "schemas/examples"));
    Path file = dir.resolve("training.schema.json").toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " not found: run from the repository root or set -Dhectiqlab.schemas=<dir>");
    }
    return file;
  }

  /** The schema compiled by bare networknt, its sibling refs read from the same folder. */
  static Schema networkntSchema(Path file) {
    String dirUri = file.getParent().toUri().toString();
    String mappedDir = dirUri.endsWith("/") ? dirUri : dirUri + "/";
    // networknt does not read file: IRIs by default (FileNotFoundException on the root schema
    // itself), so it gets a plain file loader next to the $id-prefix mapping.
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaLoader(
                    l ->
                        l.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, mappedDir))
                            .resourceLoaders(rl -> rl.add(ToConfigBenchmark::fileResource))));
    return registry.getSchema(SchemaLocation.of(file.toUri().toString()));
  }

  private static InputStreamSource fileResource(AbsoluteIri iri) {
    if (!"file".equals(iri.getScheme())) {
      return null;
    }
    Path path = Path.of(URI.create(iri.toString()));
    return () -> Files.newInputStream(path);
  }

  /** Parses, validates, applies defaults and builds the Config. */
  @Benchmark
  public Config hectiqlabToConfig() {
    return schema.toConfigText(text);
  }

  /** Baseline: Jackson 3 readTree plus networknt validate, schema compiled in setUp. */
  @Benchmark
  public List<Error> networkntParseValidate() {
    return networknt.validate(mapper.readTree(text));
  }
}
