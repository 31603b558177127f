/*
 * YamlAliasBenchmark
 * ==================
 *
 * What it measures: how long Config.load takes to refuse a "billion laughs" YAML file (nine
 * anchors of nine aliases each, 9^9 strings once expanded, 342 bytes on disk), which stops when
 * the aliases have built 1,000,000 nodes (YamlReader.MAX_ALIAS_NODES), against loading the quick
 * start's train.yaml (385 bytes, no aliases) as the baseline.
 *
 * Target: the refusal well under a second; report the ratio refuseBillionLaughs / loadTrainYaml.
 * Measured on the shared 2-core machine (-wi 3 -i 5 -f 1): refuseBillionLaughs 4.7 +/- 4.2 ms/op,
 * loadTrainYaml 0.046 +/- 0.13 ms/op (ratio about 100).
 *
 * Both files are written once per trial to a temporary directory. Run from the repository root:
 *
 *   java -jar src/bench/target/benchmarks.jar YamlAliasBenchmark
 */
package io.hectiqlab.bench;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Refusing a billion-laughs YAML file against loading an ordinary config file (baseline). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YamlAliasBenchmark {

  private Path dir;
  private Path bomb;
  private Path train;

  /** Writes both files once per trial and checks that the bomb is refused, the config loaded. */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("yaml-alias-bench");
    bomb = Files.writeString(dir.resolve("lol.yaml"), billionLaughs());
    train = dir.resolve("train.yaml");
    Files.copy(Path.of("examples/quickstart/configs/train.yaml"), train);
    if (refuseBillionLaughs().isEmpty() || loadTrainYaml().get("model") == null) {
      throw new IllegalStateException("the billion-laughs file was not refused");
    }
  }

  /** Removes the temporary files. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(bomb);
    Files.deleteIfExists(train);
    Files.deleteIfExists(dir);
  }

  /** Loads the billion-laughs file and returns the error message (empty if it loaded). */
  @Benchmark
  public String refuseBillionLaughs() {
    try {
      Config.load(bomb);
      return "";
    } catch (ConfigException.Parse e) {
      return e.getMessage();
    }
  }

  /** Baseline: loads the quick start's train.yaml. */
  @Benchmark
  public Config loadTrainYaml() {
    return Config.load(train);
  }

  /** Nine levels of nine aliases each. */
  static String billionLaughs() {
    StringBuilder b = new StringBuilder("a: &a [");
    for (int i = 0; i < 9; i++) {
      b.append(i == 0 ? "" : ",").append("\"lol\"");
    }
    b.append("]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      b.append("]\n");
    }
    return b.toString();
  }
}
