package io.hectiqlab.cli;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.ValidationResult;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab validate}: config files against a template, like a compiler. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate config files against a template.",
      "",
      "Checks JSON, YAML and TOML config files (or standard input, -) and prints each problem as FILE:LINE:COLUMN: /path: message (keyword), then a summary; --format json, github, junit or sarif prints one report for scripts and CI servers instead. The template is compiled once and the files are validated in parallel.",
      "",
      "With --compose the files are the layers of one config instead, bottom layer first, merged as compose merges them (--env-prefix and --set add layers on top; with one file they imply --compose), and each problem names the layer that set the value: FILE:LINE:COLUMN, env VARIABLE, --set ARG or (default)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab validate --template schemas/examples/training.schema.json train.yaml",
      "  hectiqlab validate -t training --schemas schemas configs/ 'runs/**.yaml'",
      "  hectiqlab validate -t training --format json configs/ > report.json",
      "  hectiqlab validate -t training --format sarif configs/ > hectiqlab.sarif",
      "  generate-config | hectiqlab validate -t training --input-format toml -",
      "  hectiqlab validate -t training --compose base.yaml experiment.yaml \\",
      "      --env-prefix APP_ --set optimizer.lr=0.01",
      "",
      "Exit codes: 0 all valid, 1 some invalid, 2 usage or template error."
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin TemplateOptions.Required template;

  @Mixin LabOptions lab;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR|GLOB|-",
      description =
          "Config files, directories (the JSON, YAML and TOML files in them, told by their"
              + " names), quoted globs, or - for standard input.")
  List<String> inputs;

  @Mixin InputOptions input;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json|github|junit|sarif",
      description =
          "text (the default: one line per problem, then a summary), json (one report for"
              + " scripts), github"
              + " (GitHub Actions annotations), junit (a JUnit XML report) or sarif (SARIF 2.1.0,"
              + " for code scanning).")
  ReportFormat.Name format;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Files validated at once (default: the number of processors).")
  Integer jobs;

  /**
   * What validation found in one config, or in one layer of a composed config: its name (a file,
   * {@code <stdin>}, or a layer such as {@code env APP_SERVER__PORT}), the violations in document
   * order, whether validation stopped at its limit, and whether the name is a file (or standard
   * input) that a report can point at: a layer such as {@code --set k=v} is not.
   */
  record FileResult(String name, List<Violation> violations, boolean truncated, boolean file) {
    FileResult {
      violations = List.copyOf(violations);
    }

    /** The result of a file. */
    FileResult(String name, List<Violation> violations, boolean truncated) {
      this(name, violations, truncated, true);
    }

    /** The result of a whole config. */
    static FileResult of(String name, ValidationResult result) {
      return new FileResult(name, result.violations(), result.truncated());
    }

    boolean isValid() {
      return violations.isEmpty();
    }

    /**
     * The violations one per line as {@link ValidationResult#toString()} prints them: a violation
     * without a source names this config, details are indented by two spaces per level.
     */
    String text() {
      if (violations.isEmpty()) {
        return Printable.escape(name) + ": valid";
      }
      List<String> lines = new ArrayList<>();
      for (Violation v : violations) {
        append(lines, v, "");
      }
      String text = String.join("\n", lines);
      return truncated
          ? text + "\n" + Printable.escape(name) + ": more violations not shown"
          : text;
    }

    private void append(List<String> lines, Violation v, String indent) {
      lines.add(indent + (v.source() == null ? Printable.escape(name) + ": " + v : v.toString()));
      for (Violation d : v.details()) {
        append(lines, d, indent + "  ");
      }
    }
  }

  @Option(
      names = "--compose",
      description =
          "Validate the files as layers of one config, bottom layer first (as compose merges"
              + " them), instead of each file on its own; implied by --set or --env-prefix with"
              + " one file. The reports then have one entry per file and one per other layer at"
              + " fault (json: each files[] entry's file is the layer's name, summary.files counts"
              + " the entries), and the text summary counts the layers composed.")
  boolean compose;

  @Mixin LayerOptions layers;

  @Override
  public Integer call() throws InterruptedException {
    if (layers.given() && !compose && inputs.size() > 1) {
      throw Main.CliException.usage(
          layers.namedApply()
              + " to one config, and validate checks each file on its own: add --compose"
              + " to validate the files as layers of one config");
    }
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (threads < 1) {
      throw Main.CliException.usage("--jobs must be at least 1");
    }
    ConfigSchema schema = template.load(lab);
    List<FileResult> results;
    Integer layerCount = null;
    if (compose || layers.given()) {
      results = composed(schema);
      layerCount = layers.count(inputs.size());
    } else {
      List<ConfigSource> files = input.sources(Inputs.expand(inputs));
      results = validate(schema, files, threads, root.style.terminal() ? root.err : null);
    }
    format.create(root.style, root.verbose, layerCount).write(schema.origin(), results, root.out);
    return results.stream().allMatch(r -> r.isValid()) ? Main.Exit.OK : Main.Exit.FAILURE;
  }

  /**
   * Validates the files as layers of one config: one result per file, in the order given, then one
   * per other layer at fault (the environment variable, the override, the default), each with the
   * violations about the values it set; a file that cannot be parsed gets its syntax error.
   */
  private List<FileResult> composed(ConfigSchema schema) {
    List<ConfigSource> files = input.sources(LayerOptions.files(inputs));
    Map<String, List<Violation>> byLayer = new LinkedHashMap<>();
    for (ConfigSource f : files) {
      byLayer.put(f.origin(), new ArrayList<>());
    }
    boolean truncated = false;
    try {
      ValidationResult validation = layers.layers(schema, files).inspect().validation();
      truncated = validation.truncated();
      for (Violation v : validation.violations()) {
        String layer = v.source() == null ? validation.origin() : v.source();
        byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(v);
      }
    } catch (ConfigException.Parse e) {
      byLayer
          .computeIfAbsent(e.origin(), k -> new ArrayList<>())
          .add(
              new Violation(
                  "", ReportFormat.SYNTAX, e.problem(), e.origin(), e.line(), e.column()));
    }
    Set<String> fileNames = new HashSet<>();
    files.forEach(f -> fileNames.add(f.origin()));
    List<String> names = new ArrayList<>(byLayer.keySet());
    List<FileResult> results = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      boolean cut = truncated && i == names.size() - 1; // validation stopped after the last
      String name = names.get(i);
      results.add(new FileResult(name, byLayer.get(name), cut, fileNames.contains(name)));
    }
    return results;
  }

  /**
   * Validates the files with up to {@code threads} at once; results come back in the files' order.
   * A progress bar goes to {@code progress} when it is not null and there are many files.
   */
  static List<FileResult> validate(
      ConfigSchema schema, List<ConfigSource> files, int threads, PrintStream progress)
      throws InterruptedException {
    if (files.size() == 1 || threads == 1) {
      List<FileResult> out = new ArrayList<>();
      for (ConfigSource f : files) {
        out.add(FileResult.of(f.origin(), schema.validate(f)));
      }
      return out;
    }
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, files.size()),
            r -> {
              Thread t = new Thread(r, "hectiqlab-validate");
              t.setDaemon(true);
              return t;
            });
    Progress bar =
        progress != null && files.size() >= 20 ? new Progress(progress, files.size()) : null;
    try {
      List<Future<FileResult>> futures = new ArrayList<>();
      for (ConfigSource f : files) {
        futures.add(
            pool.submit(
                () -> {
                  FileResult r = FileResult.of(f.origin(), schema.validate(f));
                  int n = done.incrementAndGet();
                  if (bar != null) {
                    bar.update(n);
                  }
                  return r;
                }));
      }
      List<FileResult> out = new ArrayList<>(files.size());
      for (Future<FileResult> future : futures) {
        try {
          out.add(future.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
      if (bar != null) {
        bar.clear();
      }
    }
  }

  /** A one-line progress bar on a terminal, redrawn at most every 100 ms. */
  static final class Progress {
    private final PrintStream err;
    private final int total;
    private long last;

    Progress(PrintStream err, int total) {
      this.err = err;
      this.total = total;
    }

    synchronized void update(int done) {
      long now = System.nanoTime();
      if (done < total && now - last < 100_000_000L) {
        return;
      }
      last = now;
      int width = 30;
      int filled = (int) ((long) done * width / total);
      err.print(
          "\r  validating ["
              + "#".repeat(filled)
              + ".".repeat(width - filled)
              + "] "
              + done
              + "/"
              + total);
      err.flush();
    }

    synchronized void clear() {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
