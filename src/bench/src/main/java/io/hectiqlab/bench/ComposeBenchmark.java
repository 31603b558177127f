/*
 * ComposeBenchmark
 * ================
 *
 * What it compares: getting a validated Config out of layers against getting it out of the one
 * document those layers merge into, with schemas/examples/training.schema.json.
 *
 *   composeToConfig    ConfigLayers.of(schema): three YAML layers of the training template
 *                      (base.yaml, a full document of 40 values; experiment.yaml, 7 values;
 *                      local.yaml, 3 values; as text, in block style), five environment
 *                      variables (an env map, APP_ prefix) and five overrides, then .compose()
 *                      .config(): three strict parses, the merge with provenance, the env values
 *                      converted by the schema, the overrides checked against the schema,
 *                      defaults filled, validation, Config built.
 *   mergedToConfig     baseline: schema.toConfig(ConfigSource.text(merged, YAML)), where merged is
 *                      the YAML text of the same layers already merged (built in @Setup without a
 *                      template, so that it carries no defaults): one strict parse, validation,
 *                      defaults filled, Config built.
 *
 * Target: composeToConfig at most 1.5x mergedToConfig (average time, us/op). Measured on the
 * shared 2-core machine when this was written: JMH 151.7 +- 34.7 vs 94.2 +- 19.1 us/op (1.61x),
 * PairedRatio median 1.68 (IQR 1.61 .. 1.74): above the target. Where the time goes (JFR samples
 * of composeToConfig): parsing the three documents ~65% (they are 1.35x the cost of parsing the
 * merged text, thread CPU time), validation ~14% (as in toConfig), the environment layer ~7%,
 * override parsing ~1-3%, merging with provenance, defaults and building the Config the rest.
 * Writing the layers in flow style ({units: 1024, activation: gelu}) instead makes the ratio
 * about 2.5x: the YAML reader takes about twice as long per character of flow style.
 *
 * @Setup checks that both give equal Configs, and (negative control) that an environment value
 * the schema refuses makes compose fail. Run from the repository root (the schemas directory comes
 * from -Dhectiqlab.schemas, default schemas/examples):
 *
 *   java -jar src/bench/target/benchmarks.jar ComposeBenchmark
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.PairedRatio compose
 */
package io.hectiqlab.bench;

import io.hectiqlab.ComposedConfig;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigFormat;
import io.hectiqlab.ConfigLayers;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/** ConfigLayers.compose of 3 YAML layers + env + overrides against toConfig of the merged text. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ComposeBenchmark {

  /** The base: a full training document (40 values), in block style as such files are written. */
  static final String BASE =
      """
      name: cifar10-mlp-baseline
      seed: 1234
      dataset:
        name: cifar10
        path: ./data/cifar10
        batch_size: 128
        shuffle: true
        splits:
          train: 0.8
          validation: 0.1
          test: 0.1
      model:
        architecture: mlp
        layers:
          - units: 1024
            activation: gelu
          - units: 1024
            activation: gelu
          - units: 512
            activation: relu
          - units: 512
            activation: relu
          - units: 256
            activation: relu
          - units: 128
            activation: tanh
          - units: 64
            activation: tanh
          - units: 10
            activation: sigmoid
        dropout: 0.2
      optimizer:
        name: adamw
        lr: 0.001
        weight_decay: 0.0001
        betas:
          - 0.9
          - 0.999
      schedule:
        epochs: 30
        early_stopping: true
        patience: 5
      tags:
        - baseline
        - mlp
        - cifar10
        - adamw
        - benchmark
      """;

  /** An experiment: a few hyper-parameters changed, the tags replaced (a list: replaced whole). */
  static final String EXPERIMENT =
      """
      model:
        architecture: cnn
        dropout: 0.5
      optimizer:
        name: sgd
        lr: 0.01
      tags:
        - experiment
        - cnn
      """;

  /** A machine's local settings. */
  static final String LOCAL =
      """
      dataset:
        path: /scratch/cifar10
        batch_size: 64
      schedule:
        epochs: 5
      """;

  static final Map<String, String> ENV =
      Map.of(
          "APP_DATASET__BATCH_SIZE", "256",
          "APP_DATASET__SHUFFLE", "false",
          "APP_SCHEDULE__EPOCHS", "20",
          "APP_OPTIMIZER__WEIGHT_DECAY", "0.01",
          "APP_NAME", "cifar10-cnn-env",
          "PATH", "/usr/bin");

  static final List<String> OVERRIDES =
      List.of(
          "optimizer.lr=0.005",
          "schedule.patience=4",
          "model.dropout=0.3",
          "+notes=benchmark run",
          "seed=7");

  private ConfigSchema schema;
  private String merged;

  /** Loads the schema, builds the merged text and checks that both sides agree. */
  @Setup
  public void setUp() {
    schema = ConfigSchema.load(ToConfigBenchmark.trainingSchemaFile());
    merged = layers(ConfigLayers.untyped()).compose().config().toYaml();
    Config composed = composeToConfig();
    Config direct = mergedToConfig();
    if (!new TreeMap<>(composed.toMap()).toString().equals(new TreeMap<>(direct.toMap()).toString())
        || !Integer.valueOf(256).equals(composed.get("dataset.batch_size"))
        || !Double.valueOf(0.005).equals(composed.get("optimizer.lr"))) {
      throw new IllegalStateException(
          "compose and toConfig disagree:\n" + composed.toJson() + "\n" + direct.toJson());
    }
    // Negative control: the env layer is typed by the schema and its errors are reported.
    Map<String, String> bad = new TreeMap<>(ENV);
    bad.put("APP_DATASET__BATCH_SIZE", "08");
    try {
      layers(ConfigLayers.of(schema), bad).compose();
      throw new IllegalStateException("compose accepted APP_DATASET__BATCH_SIZE=08");
    } catch (ConfigException.Invalid expected) {
      // as it should
    }
  }

  private static ConfigLayers layers(ConfigLayers start) {
    return layers(start, ENV);
  }

  private static ConfigLayers layers(ConfigLayers start, Map<String, String> env) {
    return start
        .source(ConfigSource.text(BASE, "base.yaml", ConfigFormat.YAML))
        .source(ConfigSource.text(EXPERIMENT, "experiment.yaml", ConfigFormat.YAML))
        .source(ConfigSource.text(LOCAL, "local.yaml", ConfigFormat.YAML))
        .environment("APP_", env)
        .overrides(OVERRIDES);
  }

  /** Composes the layers and returns the Config. */
  @Benchmark
  public Config composeToConfig() {
    ComposedConfig composed = layers(ConfigLayers.of(schema)).compose();
    return composed.config();
  }

  /** Baseline: toConfig of the merged YAML text. */
  @Benchmark
  public Config mergedToConfig() {
    return schema.toConfig(ConfigSource.text(merged, "merged.yaml", ConfigFormat.YAML));
  }
}
