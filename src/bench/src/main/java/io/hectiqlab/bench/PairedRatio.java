/*
 * PairedRatio
 * ===========
 *
 * A drift-resistant companion to the JMH runs. On a shared machine the speed of the whole VM
 * drifts by 30% or more within seconds, and JMH measures one benchmark after the other, so a
 * ratio of two JMH scores mixes the code's cost with the machine's mood. This harness runs the
 * two sides of ToConfigBenchmark in alternating slices of about 50 ms each, in one JVM, after a
 * shared warm-up; every round yields one ratio of two neighbouring slices, and the report is the
 * median ratio over all rounds with its interquartile range.
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.PairedRatio [rounds]
 *
 * Run it from the repository root (it loads schemas/examples like ToConfigBenchmark).
 */
package io.hectiqlab.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/** Interleaved A/B timing of ConfigSchema.toConfig against bare networknt parse + validate. */
public final class PairedRatio {
  private static volatile Object sink;

  private PairedRatio() {}

  /**
   * Runs the comparison and prints the median times and the median ratio.
   *
   * @param args optional number of rounds (default 200)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    ToConfigBenchmark b = new ToConfigBenchmark();
    b.setUp();
    Supplier<Object> ours = b::hectiqlabToConfig;
    Supplier<Object> base = b::networkntParseValidate;

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
        "toConfig %.2f us, networknt parse+validate %.2f us (medians of %d slices)%n",
        median(a), median(c), rounds);
    System.out.printf(
        "ratio median %.3f, interquartile range %.3f .. %.3f%n",
        median(ratio), ratio[rounds / 4], ratio[rounds * 3 / 4]);
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

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
