/*
 * TemplateBenchmark
 * =================
 *
 * What it compares, on the generated Training template (examples/generated-templates):
 *
 *   templateToConfig     training.toConfig(): Jackson 3 valueToTree, full schema validation,
 *                        defaults, Config built.
 *   jacksonValueToTree   baseline: the same Jackson 3 valueToTree alone.
 *   templateFromConfig   ConfigTemplate.fromConfig(config, Training.class): Config to tree, full
 *                        validation and defaults, Jackson 3 treeToValue.
 *   jacksonTreeToValue   baseline: treeToValue of the same tree alone.
 *
 *   jacksonValueToTreeValidated, jacksonValidatedTreeToValue
 *                        second baselines: the same Jackson conversion plus bare networknt
 *                        validation of the tree (schema compiled once), i.e. the same work minus
 *                        defaults and the Config.
 *
 * Target (issue): at most 1.5x the plain Jackson conversions. Both hectiqlab sides validate the
 * whole schema (that is their contract), which plain Jackson does not do at all; see README for the
 * figures and where the time goes. Run from the repository root:
 *
 *   java -jar src/bench/target/benchmarks.jar TemplateBenchmark
 */
package io.hectiqlab.bench;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigTemplate;
import io.hectiqlab.examples.generated.Dataset;
import io.hectiqlab.examples.generated.Layer;
import io.hectiqlab.examples.generated.Model;
import io.hectiqlab.examples.generated.Optimizer;
import io.hectiqlab.examples.generated.Schedule;
import io.hectiqlab.examples.generated.Training;
import java.util.List;
import java.util.Set;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Generated template to Config and back, against plain Jackson 3 tree conversion (baseline). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TemplateBenchmark {
  private Training training;
  private Config config;
  private JsonNode tree;
  private final JsonMapper mapper = JsonMapper.builder().build();
  private com.networknt.schema.Schema networknt;

  /** Builds the object, its Config and its tree once, and checks both sides agree. */
  @Setup
  public void setUp() {
    training =
        new Training()
            .withName("cifar10-mlp-baseline")
            .withSeed(1234L)
            .withDataset(
                new Dataset()
                    .withName(Dataset.Name.CIFAR_10)
                    .withPath("./data/cifar10")
                    .withBatchSize(128))
            .withModel(
                new Model()
                    .withArchitecture(Model.Architecture.MLP)
                    .withLayers(
                        List.of(
                            new Layer().withUnits(1024).withActivation(Layer.Activation.GELU),
                            new Layer().withUnits(512),
                            new Layer().withUnits(256),
                            new Layer().withUnits(10).withActivation(Layer.Activation.SIGMOID)))
                    .withDropout(0.2))
            .withOptimizer(
                new Optimizer().withName(Optimizer.Name.ADAMW).withLr(0.001).withWeightDecay(1e-4))
            .withSchedule(new Schedule().withEpochs(30).withEarlyStopping(true).withPatience(5))
            .withTags(Set.of("baseline", "mlp"));
    networknt = ToConfigBenchmark.networkntSchema(ToConfigBenchmark.trainingSchemaFile());
    config = training.toConfig();
    tree = mapper.valueToTree(training);
    Training back = ConfigTemplate.fromConfig(config, Training.class);
    if (!back.getOptimizer().getLr().equals(0.001)
        || !mapper.treeToValue(tree, Training.class).equals(training)) {
      throw new IllegalStateException("conversions disagree");
    }
  }

  /** Validated Config of the object. */
  @Benchmark
  public Config templateToConfig() {
    return training.toConfig();
  }

  /** Baseline: Jackson 3 valueToTree. */
  @Benchmark
  public JsonNode jacksonValueToTree() {
    return mapper.valueToTree(training);
  }

  /** Second baseline: valueToTree plus bare networknt validation. */
  @Benchmark
  public Object jacksonValueToTreeValidated() {
    JsonNode node = mapper.valueToTree(training);
    return networknt.validate(node).isEmpty() ? node : null;
  }

  /** Second baseline: bare networknt validation plus treeToValue. */
  @Benchmark
  public Training jacksonValidatedTreeToValue() {
    return networknt.validate(tree).isEmpty() ? mapper.treeToValue(tree, Training.class) : null;
  }

  /** Validated object from the Config. */
  @Benchmark
  public Training templateFromConfig() {
    return ConfigTemplate.fromConfig(config, Training.class);
  }

  /** Baseline: Jackson 3 treeToValue. */
  @Benchmark
  public Training jacksonTreeToValue() {
    return mapper.treeToValue(tree, Training.class);
  }
}
