/*
 * CliTiming
 * =========
 *
 * Whole-process timing of `hectiqlab validate` against ajv (node), in the same run, on the same
 * files. Each measurement is a fresh process; the modes are alternated run by run so that machine
 * drift hits all of them alike, and medians are reported.
 *
 *   startup      one small YAML file (examples/quickstart/configs/train.yaml)
 *   throughput   1,000 YAML files in one invocation (every 50th invalid)
 *
 * Modes:
 *   cds          java -jar hectiqlab.jar with the launcher's options: the class-data-sharing
 *                archive it makes, serial GC, JIT limited to C1 (-XX:TieredStopAtLevel=1)
 *   cds-c2       the same with the full tiered JIT (C1 then C2)
 *   no-cds       the launcher's options without the archive (only the JDK's own)
 *   launcher     ./hectiqlab itself (bash and its staleness check, then the cds mode)
 *   ajv          node src/bench/node/ajv-validate.js (ajv 8 draft 2020-12, allErrors, js-yaml)
 *
 * Both tools must report the same summary (valid/invalid counts) or the run fails. Build, then run
 * from the repository root:
 *
 *   mvn -B -ntp -q -pl src/cli,src/bench -am package -DskipTests
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.CliTiming [startupRuns] [throughputRuns]
 *
 * The node baseline is installed from the npm registry into src/bench/target/node on first use.
 */
package io.hectiqlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Whole-process timing of {@code hectiqlab validate} against ajv in node. */
public final class CliTiming {
  private static final int FILES = 1000;

  private CliTiming() {}

  /**
   * Runs the comparison.
   *
   * @param args optional numbers of startup runs (default 15) and throughput runs (default 5)
   * @throws Exception when a tool fails or the tools disagree
   */
  public static void main(String[] args) throws Exception {
    int startupRuns = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int throughputRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path root = Path.of("").toAbsolutePath();
    Path jar = root.resolve("src/cli/target/hectiqlab.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " not found: build it and run from the repository root");
    }
    Path work = Files.createTempDirectory("hectiqlab-clitiming");
    Path schemas = Files.createDirectories(work.resolve("schemas"));
    try (Stream<Path> files = Files.list(root.resolve("schemas/examples"))) {
      for (Path f : files.toList()) {
        Files.copy(f, schemas.resolve(f.getFileName()));
      }
    }
    Path template = schemas.resolve("training.schema.json");
    Path one = work.resolve("train.yaml");
    Files.copy(root.resolve("examples/quickstart/configs/train.yaml"), one);
    Path many = Files.createDirectories(work.resolve("many"));
    String base = Files.readString(one);
    int expectedInvalid = 0;
    for (int i = 0; i < FILES; i++) {
      String text =
          base.replace("batch_size: 64", "batch_size: " + (16 + i % 200))
              .replace("name: mnist-baseline", "name: run-" + i);
      if (i % 50 == 49) {
        text = text.replace("lr: 0.003", "lr: 3");
        expectedInvalid++;
      }
      Files.writeString(many.resolve(String.format(Locale.ROOT, "run-%04d.yaml", i)), text);
    }
    Path cds = work.resolve("hectiqlab.jsa");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> jvm = List.of(java, "-XX:+UseSerialGC", "-XX:-UsePerfData");
    List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
    List<String> shared = List.of("-XX:SharedArchiveFile=" + cds, "-Xlog:cds=off");
    List<String> run = List.of("-jar", jar.toString());
    exec(
        concat(
            join(jvm, c1),
            "-XX:ArchiveClassesAtExit=" + cds,
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-jar",
            jar.toString(),
            "validate",
            "-t",
            template.toString(),
            root.resolve("examples/quickstart/configs").toString()),
        root,
        -1);
    Path ajv = installAjv(root);

    Map<String, List<String>> modes = new LinkedHashMap<>();
    modes.put("cds", join(jvm, c1, shared, run));
    modes.put("cds-c2", join(jvm, shared, run));
    modes.put("no-cds", join(jvm, c1, run));
    modes.put("launcher", List.of("bash", root.resolve("hectiqlab").toString()));

    System.out.printf(
        Locale.ROOT, "startup: validate one small file, median of %d runs (ms)%n", startupRuns);
    Map<String, double[]> startup = new LinkedHashMap<>();
    for (String m : modes.keySet()) {
      startup.put(m, new double[startupRuns]);
    }
    startup.put("ajv", new double[startupRuns]);
    for (int i = -1; i < startupRuns; i++) { // run -1 warms the file cache
      for (Map.Entry<String, List<String>> m : modes.entrySet()) {
        double ms =
            exec(
                concat(m.getValue(), "validate", "-t", template.toString(), one.toString()),
                work,
                0);
        if (i >= 0) {
          startup.get(m.getKey())[i] = ms;
        }
      }
      double ms =
          exec(List.of("node", ajv.toString(), template.toString(), one.toString()), work, 0);
      if (i >= 0) {
        startup.get("ajv")[i] = ms;
      }
    }
    double ajvStartup = median(startup.get("ajv"));
    for (Map.Entry<String, double[]> e : startup.entrySet()) {
      double med = median(e.getValue());
      System.out.printf(
          Locale.ROOT, "  %-9s %7.0f ms   %.2fx ajv%n", e.getKey(), med, med / ajvStartup);
    }

    System.out.printf(
        Locale.ROOT,
        "throughput: validate %d files in one invocation, median of %d runs%n",
        FILES,
        throughputRuns);
    String summary =
        (FILES - expectedInvalid) + " valid, " + expectedInvalid + " invalid, " + FILES + " files";
    Map<String, double[]> bulk = new LinkedHashMap<>();
    bulk.put("cds", new double[throughputRuns]);
    bulk.put("cds-c2", new double[throughputRuns]);
    bulk.put("ajv", new double[throughputRuns]);
    for (int i = 0; i < throughputRuns; i++) {
      for (String m : List.of("cds", "cds-c2")) {
        bulk.get(m)[i] =
            execExpecting(
                concat(modes.get(m), "validate", "-t", template.toString(), many.toString()),
                work,
                summary);
      }
      bulk.get("ajv")[i] =
          execExpecting(
              List.of("node", ajv.toString(), template.toString(), many.toString()), work, summary);
    }
    double ajvBulk = median(bulk.get("ajv"));
    for (Map.Entry<String, double[]> e : bulk.entrySet()) {
      double med = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "  %-9s %7.0f ms   %6.0f files/s   %.2fx ajv's files/s%n",
          e.getKey(),
          med,
          FILES / (med / 1000),
          ajvBulk / med);
    }
    System.out.println("(work files in " + work + ")");
  }

  private static Path installAjv(Path root) throws IOException, InterruptedException {
    Path dir = root.resolve("src/bench/target/node");
    Files.createDirectories(dir);
    for (String name : List.of("package.json", "ajv-validate.js")) {
      Files.copy(
          root.resolve("src/bench/node").resolve(name),
          dir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(dir.resolve("node_modules/ajv"))) {
      exec(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), dir, 0);
    }
    return dir.resolve("ajv-validate.js");
  }

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> out = new ArrayList<>(head);
    out.addAll(Arrays.asList(tail));
    return out;
  }

  /** Runs a command; fails unless its output contains {@code summary}; returns ms. */
  private static double execExpecting(List<String> command, Path dir, String summary)
      throws IOException, InterruptedException {
    Timed t = timed(command, dir);
    if (!t.output.contains(summary)) {
      throw new IllegalStateException(
          command + " did not report '" + summary + "':\n" + tail(t.output));
    }
    return t.ms;
  }

  /** Runs a command; checks its exit code unless {@code expected} is negative; returns ms. */
  private static double exec(List<String> command, Path dir, int expected)
      throws IOException, InterruptedException {
    Timed t = timed(command, dir);
    if (expected >= 0 && t.code != expected) {
      throw new IllegalStateException(command + " exited " + t.code + ":\n" + tail(t.output));
    }
    return t.ms;
  }

  private record Timed(double ms, int code, String output) {}

  /** Runs a command to its end, its output going to a file (not timed: read afterwards). */
  private static Timed timed(List<String> command, Path dir)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("clitiming", ".out");
    try {
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      int code = waitFor(p, command);
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Timed(ms, code, Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int waitFor(Process p, List<String> command) throws InterruptedException {
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 10 minutes");
    }
    return p.exitValue();
  }

  private static String tail(String text) {
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
