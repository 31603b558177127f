/*
 * PairedRatio
 * ===========
 *
 * A drift-resistant companion to the JMH runs. On a shared machine the speed of the whole VM
 * drifts by 30% or more within seconds, and JMH measures one benchmark after the other, so a
 * ratio of two JMH scores mixes the code's cost with the machine's mood. This harness runs the
 * two sides of a comparison in alternating slices of about 50 ms each, in one JVM, after a shared
 * warm-up; every round yields one ratio of two neighbouring slices, and the report is the median
 * ratio over all rounds with its interquartile range. Comparisons:
 *
 *   toConfig            ToConfigBenchmark: hectiqlabToConfig / networkntParseValidate
 *   templateToConfig    TemplateBenchmark: templateToConfig / jacksonValueToTree, and
 *                       templateToConfig / jacksonValueToTreeValidated
 *   templateFromConfig  TemplateBenchmark: templateFromConfig / jacksonTreeToValue, and
 *                       templateFromConfig / jacksonValidatedTreeToValue
 *   compose             ComposeBenchmark: composeToConfig / mergedToConfig
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.PairedRatio [comparison] [rounds]
 *
 * For operations that take milliseconds (a page fetched over HTTP, in WebLoad), {@link #calls}
 * interleaves single calls instead of slices: one call of each side per round, the order
 * alternating, so that the report is the median of N calls per side and of the N paired ratios.
 *
 * Run it from the repository root (it loads schemas/examples like ToConfigBenchmark).
 */
package io.hectiqlab.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/** Interleaved A/B timing of a hectiqlab operation against its baseline. */
public final class PairedRatio {
  private static volatile Object sink;

  private PairedRatio() {}

  /**
   * Runs the comparison and prints the median times and the median ratio.
   *
   * @param args optional number of rounds (default 200)
   */
  public static void main(String[] args) {
    String comparison = args.length > 0 ? args[0] : "toConfig";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    switch (comparison) {
      case "toConfig" -> {
        ToConfigBenchmark b = new ToConfigBenchmark();
        b.setUp();
        compare(
            "toConfig",
            b::hectiqlabToConfig,
            "networknt parse+validate",
            b::networkntParseValidate,
            rounds);
      }
      case "templateToConfig" -> {
        TemplateBenchmark b = new TemplateBenchmark();
        b.setUp();
        compare("toConfig()", b::templateToConfig, "valueToTree", b::jacksonValueToTree, rounds);
        compare(
            "toConfig()",
            b::templateToConfig,
            "valueToTree+validate",
            b::jacksonValueToTreeValidated,
            rounds);
      }
      case "templateFromConfig" -> {
        TemplateBenchmark b = new TemplateBenchmark();
        b.setUp();
        compare(
            "fromConfig()", b::templateFromConfig, "treeToValue", b::jacksonTreeToValue, rounds);
        compare(
            "fromConfig()",
            b::templateFromConfig,
            "validate+treeToValue",
            b::jacksonValidatedTreeToValue,
            rounds);
      }
      case "compose" -> {
        ComposeBenchmark b = new ComposeBenchmark();
        b.setUp();
        compare(
            "compose 3 layers+env+set",
            b::composeToConfig,
            "toConfig merged",
            b::mergedToConfig,
            rounds);
      }
      default -> throw new IllegalArgumentException("unknown comparison: " + comparison);
    }
  }

  private static void compare(
      String oursName, Supplier<Object> ours, String baseName, Supplier<Object> base, int rounds) {
    // Warm-up, alternating so that both sides are compiled under the same conditions.
    for (int i = 0; i < 40; i++) {
      slice(ours, 50);
      slice(base, 50);
    }
    double[] a = new double[rounds];
    double[] c = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      // Alternate which side goes first, so that neither always follows a GC of the other.
      if (r % 2 == 0) {
        a[r] = slice(ours, 50);
        c[r] = slice(base, 50);
      } else {
        c[r] = slice(base, 50);
        a[r] = slice(ours, 50);
      }
      ratio[r] = a[r] / c[r];
    }
    Arrays.sort(a);
    Arrays.sort(c);
    Arrays.sort(ratio);
    System.out.printf(
        "%s %.2f us vs %s %.2f us (medians of %d slices): ratio median %.3f, IQR %.3f .. %.3f%n",
        oursName,
        median(a),
        baseName,
        median(c),
        rounds,
        median(ratio),
        ratio[rounds / 4],
        ratio[rounds * 3 / 4]);
  }

  /** Calls the supplier for about {@code millis} ms and returns the mean time per call in us. */
  private static double slice(Supplier<Object> work, long millis) {
    long budget = millis * 1_000_000L;
    long start = System.nanoTime();
    long calls = 0;
    long now;
    do {
      for (int i = 0; i < 16; i++) {
        sink = work.get();
      }
      calls += 16;
      now = System.nanoTime();
    } while (now - start < budget);
    return (now - start) / 1e3 / calls;
  }

  /**
   * The medians of two sides measured one call at a time, interleaved, and of their paired ratios.
   *
   * @param oursMillis the median time of one call of the measured side, ms
   * @param baseMillis the median time of one call of the baseline, ms
   * @param ratio the median of the per-round ratios ours / base
   * @param ratioQ1 the first quartile of those ratios
   * @param ratioQ3 the third quartile of those ratios
   * @param rounds how many calls of each side were measured
   */
  public record Calls(
      double oursMillis,
      double baseMillis,
      double ratio,
      double ratioQ1,
      double ratioQ3,
      int rounds) {}

  /**
   * Calls each side {@code warmup} times, then {@code rounds} times more, measured: one call of
   * each per round, the first side alternating, so that neither always runs after the other (nor
   * after its garbage).
   */
  public static Calls calls(Runnable ours, Runnable base, int warmup, int rounds) {
    for (int i = 0; i < warmup; i++) {
      ours.run();
      base.run();
    }
    double[] a = new double[rounds];
    double[] c = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        a[r] = time(ours);
        c[r] = time(base);
      } else {
        c[r] = time(base);
        a[r] = time(ours);
      }
      ratio[r] = a[r] / c[r];
    }
    Arrays.sort(a);
    Arrays.sort(c);
    Arrays.sort(ratio);
    return new Calls(
        median(a), median(c), median(ratio), ratio[rounds / 4], ratio[rounds * 3 / 4], rounds);
  }

  /** The time one call takes, in ms. */
  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
