/*
 * CodegenTiming
 * =============
 *
 * Whole-process timing of code generation for the codegen test corpus (22 real-world schemas,
 * codegen/src/test/resources/corpus): each run is a fresh JVM that generates every schema of the
 * corpus, as a build would. Two modes, alternated run by run so that machine drift hits both:
 *
 *   hectiqlab   io.hectiqlab.codegen.Codegen (TemplateRuleFactory + TemplateAnnotator)
 *   plain       bare jsonschema2pojo 1.2.2 with its defaults (Jackson 2 annotations)
 *
 * Reports the median wall time of each mode and the ratio of the medians. Run from the repository
 * root:
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.CodegenTiming [runs]
 */
package io.hectiqlab.bench;

import io.hectiqlab.codegen.Codegen;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.Jsonschema2Pojo;
import org.jsonschema2pojo.NoopRuleLogger;

/** Whole-process codegen timing over the corpus, hectiqlab against plain jsonschema2pojo. */
public final class CodegenTiming {
  private CodegenTiming() {}

  /**
   * With {@code generate MODE CORPUS OUT}: one generation run (the child process). Otherwise: the
   * timing harness, with an optional number of runs per mode (default 7).
   *
   * @param args see above
   * @throws Exception when a run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("generate")) {
      generate(args[1], Path.of(args[2]), Path.of(args[3]));
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path corpus = Path.of("codegen/src/test/resources/corpus").toAbsolutePath();
    if (!Files.isDirectory(corpus)) {
      throw new IllegalStateException(corpus + " not found: run from the repository root");
    }
    double[] ours = new double[runs];
    double[] plain = new double[runs];
    run("hectiqlab", corpus); // warm the file cache once per mode
    run("plain", corpus);
    for (int i = 0; i < runs; i++) {
      ours[i] = run("hectiqlab", corpus);
      plain[i] = run("plain", corpus);
    }
    Arrays.sort(ours);
    Arrays.sort(plain);
    double a = ours[runs / 2];
    double b = plain[runs / 2];
    System.out.printf(
        Locale.ROOT,
        "corpus codegen, whole process (median of %d): hectiqlab %.0f ms, plain jsonschema2pojo"
            + " %.0f ms, ratio %.2f%n",
        runs,
        a,
        b,
        a / b);
  }

  private static double run(String mode, Path corpus) throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("codegen-timing");
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  CodegenTiming.class.getName(),
                  "generate",
                  mode,
                  corpus.toString(),
                  out.toString())
              .inheritIO();
      long start = System.nanoTime();
      int code = pb.start().waitFor();
      long elapsed = System.nanoTime() - start;
      if (code != 0) {
        throw new IllegalStateException(mode + " run failed with exit code " + code);
      }
      return elapsed / 1e6;
    } finally {
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted((x, y) -> y.compareTo(x)).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static void generate(String mode, Path corpus, Path out) throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(corpus)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      String pkg = "corpus." + dir.getFileName().toString().replace('-', '_');
      Path schema = dir.resolve("schema.json");
      if (mode.equals("hectiqlab")) {
        Codegen.generate(schema, pkg, out);
      } else {
        Jsonschema2Pojo.generate(new Plain(schema, pkg, out), new NoopRuleLogger());
      }
    }
  }

  /** jsonschema2pojo's defaults, with only source, package and output set. */
  private static final class Plain extends DefaultGenerationConfig {
    private final Path source;
    private final String pkg;
    private final Path out;

    Plain(Path source, String pkg, Path out) {
      this.source = source;
      this.pkg = pkg;
      this.out = out;
    }

    @Override
    public Iterator<URL> getSource() {
      try {
        List<URL> urls = new ArrayList<>();
        urls.add(source.toUri().toURL());
        return urls.iterator();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public File getTargetDirectory() {
      return out.toFile();
    }

    @Override
    public String getTargetPackage() {
      return pkg;
    }
  }
}
