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
 * Modes (each JVM mode with serial GC, JVM logging off, and a start-up cache made as the launcher
 * makes it: by its training run, io.hectiqlab.cli.Training, JIT limited to C1):
 *   cds          JDK 17 (the JVM running CliTiming) as the launcher runs it: the class-data-sharing
 *                archive, JIT limited to C1 (-XX:TieredStopAtLevel=1)
 *   cds-c2       the same with the full tiered JIT (C1 then C2)
 *   no-cds       JDK 17, C1, without the archive (only the JDK's own)
 *   aot          the newest JDK 25 or later found (HECTIQLAB_JAVA, JAVA_HOME, /usr/lib/jvm) as the
 *                launcher runs it: its ahead-of-time cache (-XX:AOTCache: classes loaded and
 *                linked), JIT limited to C1
 *   aot-c2       the same with the full tiered JIT
 *   launcher     ./hectiqlab itself (bash, its staleness check and JDK choice, then its cache)
 *   ajv          node src/bench/node/ajv-validate.js (ajv 8 draft 2020-12, allErrors, js-yaml)
 *
 * Both tools must report the same summary (valid/invalid counts) or the run fails. Build, then run
 * from the repository root with JDK 17:
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> jvm = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:disable");
    List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
    List<String> run = List.of("-jar", jar.toString());
    String training = "io.hectiqlab.cli.Training";
    Path cds = work.resolve("hectiqlab.jsa");
    exec(
        concat(
            join(List.of(java), jvm, c1),
            "-XX:ArchiveClassesAtExit=" + cds,
            "-cp",
            jar.toString(),
            training),
        root,
        0);
    Map<String, List<String>> modes = new LinkedHashMap<>();
    List<String> shared = List.of("-XX:SharedArchiveFile=" + cds);
    modes.put("cds", join(List.of(java), jvm, c1, shared, run));
    modes.put("cds-c2", join(List.of(java), jvm, shared, run));
    modes.put("no-cds", join(List.of(java), jvm, c1, run));
    Path newer = newestJdk(25);
    String newerVersion = newer == null ? null : version(newer);
    if (newer != null) {
      Path aot = work.resolve("hectiqlab.aot");
      String java25 = newer.resolve("bin/java").toString();
      exec(
          concat(
              join(List.of(java25), jvm, c1),
              "-XX:AOTCacheOutput=" + aot,
              "-cp",
              jar.toString(),
              training),
          root,
          0);
      List<String> cache = List.of("-XX:AOTCache=" + aot);
      modes.put("aot", join(List.of(java25), jvm, c1, cache, run));
      modes.put("aot-c2", join(List.of(java25), jvm, cache, run));
    }
    modes.put("launcher", List.of("bash", root.resolve("hectiqlab").toString()));
    Path ajv = installAjv(root);

    System.out.printf(
        Locale.ROOT,
        "cds: Java %s; aot: %s; ajv: node %s%n",
        System.getProperty("java.version"),
        newer == null ? "no JDK 25 or later found (set HECTIQLAB_JAVA)" : "Java " + newerVersion,
        nodeVersion(work));
    System.out.printf(
        Locale.ROOT,
        "startup: validate one small file, median of %d runs each, modes alternated run by run%n",
        startupRuns);
    Map<String, double[]> startup = new LinkedHashMap<>();
    for (String m : modes.keySet()) {
      startup.put(m, new double[startupRuns]);
    }
    startup.put("ajv", new double[startupRuns]);
    for (int i = -1; i < startupRuns; i++) { // run -1 warms the file cache (and the launcher's)
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
          Locale.ROOT,
          "  %-9s %7.0f ms   %.2fx ajv's time   (quartiles %.0f-%.0f ms)%n",
          e.getKey(),
          med,
          med / ajvStartup,
          quantile(e.getValue(), 0.25),
          quantile(e.getValue(), 0.75));
    }

    System.out.printf(
        Locale.ROOT,
        "throughput: validate %d files in one invocation, median of %d runs each%n",
        FILES,
        throughputRuns);
    String summary =
        (FILES - expectedInvalid) + " valid, " + expectedInvalid + " invalid, " + FILES + " files";
    List<String> bulkModes = new ArrayList<>(List.of("cds", "cds-c2"));
    if (newer != null) {
      bulkModes.addAll(List.of("aot", "aot-c2"));
    }
    Map<String, double[]> bulk = new LinkedHashMap<>();
    for (String m : bulkModes) {
      bulk.put(m, new double[throughputRuns]);
    }
    bulk.put("ajv", new double[throughputRuns]);
    for (int i = 0; i < throughputRuns; i++) {
      for (String m : bulkModes) {
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

  /**
   * The newest JDK of at least the given major version: HECTIQLAB_JAVA's (a JDK folder or its
   * java), JAVA_HOME's, the running one's, or one of those installed side by side in /usr/lib/jvm;
   * null when there is none.
   */
  private static Path newestJdk(int atLeast) throws IOException {
    List<Path> homes = new ArrayList<>();
    String override = System.getenv("HECTIQLAB_JAVA");
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      homes.add(Files.isDirectory(p) ? p : p.toRealPath().getParent().getParent());
    }
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      homes.add(Path.of(javaHome));
    }
    homes.add(Path.of(System.getProperty("java.home")));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        dirs.sorted().forEach(homes::add);
      }
    }
    Path best = null;
    int bestMajor = atLeast - 1;
    for (Path home : homes) {
      String v = version(home);
      if (v == null || !Files.isExecutable(home.resolve("bin/java"))) {
        continue;
      }
      int major = Integer.parseInt(v.replaceAll("^(\\d+).*", "$1"));
      if (major > bestMajor) {
        best = home;
        bestMajor = major;
      }
    }
    return best;
  }

  /** A JDK's version from its release file, or null. */
  private static String version(Path home) throws IOException {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return null;
    }
    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
      if (line.startsWith("JAVA_VERSION=\"")) {
        return line.substring("JAVA_VERSION=\"".length()).replace("\"", "");
      }
    }
    return null;
  }

  private static String nodeVersion(Path dir) throws IOException, InterruptedException {
    return timed(List.of("node", "--version"), dir).output.trim();
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

  private static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(int) Math.round(q * (v.length - 1))];
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
