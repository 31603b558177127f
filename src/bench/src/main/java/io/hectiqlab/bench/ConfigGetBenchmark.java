/*
 * ConfigGetBenchmark
 * ==================
 *
 * What it compares: reading one nested value by dotted path from a Config,
 * config.get("optimizer.lr"), against the same lookup done by hand on an equal plain nested
 * LinkedHashMap<String, Object>, ((Map<?, ?>) map.get("optimizer")).get("lr") -- the cheapest
 * thing a caller could write without Config.
 *
 * Target: configGet at most 1.5x mapGet (average time per call, ns/op).
 *
 * Both structures are built once per trial from the same realistic training configuration
 * (sections dataset, model, optimizer and schedule, about five keys each). Run from the
 * repository root:
 *
 *   java -jar src/bench/target/benchmarks.jar ConfigGetBenchmark
 */
package io.hectiqlab.bench;

import io.hectiqlab.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** Config.get by dotted path against a hand-written lookup in a plain nested map (baseline). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConfigGetBenchmark {

  private Config config;
  private Map<String, Object> map;

  /** Builds the Config and the equal plain map once per trial. */
  @Setup
  public void setUp() {
    map = trainingMap();
    config = Config.fromMap(trainingMap());
    Object expected = ((Map<?, ?>) map.get("optimizer")).get("lr");
    Object actual = config.get("optimizer.lr");
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "Config and map disagree on optimizer.lr: " + actual + " vs " + expected);
    }
  }

  /** Returns optimizer.lr through Config's dotted-path lookup. */
  @Benchmark
  public Object configGet() {
    return config.get("optimizer.lr");
  }

  /** Baseline: returns optimizer.lr from the plain nested map. */
  @Benchmark
  public Object mapGet() {
    return ((Map<?, ?>) map.get("optimizer")).get("lr");
  }

  /** A realistic nested training configuration, as a fresh mutable map. */
  static Map<String, Object> trainingMap() {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", "cifar10");
    dataset.put("path", "./data/cifar10");
    dataset.put("batch_size", 128);
    dataset.put("shuffle", true);
    dataset.put("num_workers", 4);

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("architecture", "mlp");
    model.put("hidden_units", List.of(512, 256, 128));
    model.put("activation", "relu");
    model.put("dropout", 0.2);
    model.put("batch_norm", true);

    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("name", "adamw");
    optimizer.put("lr", 0.001);
    optimizer.put("weight_decay", 0.0001);
    optimizer.put("betas", List.of(0.9, 0.999));
    optimizer.put("eps", 1e-8);

    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("epochs", 30);
    schedule.put("warmup_epochs", 2);
    schedule.put("early_stopping", true);
    schedule.put("patience", 5);
    schedule.put("min_delta", 0.001);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "cifar10-mlp-baseline");
    root.put("seed", 1234);
    root.put("dataset", dataset);
    root.put("model", model);
    root.put("optimizer", optimizer);
    root.put("schedule", schedule);
    return root;
  }
}
