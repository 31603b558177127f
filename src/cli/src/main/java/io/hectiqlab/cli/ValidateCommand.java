package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.Location;
import io.hectiqlab.ValidationResult;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
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
      "Checks JSON, YAML and TOML config files (or standard input, -) and prints each problem as FILE:LINE:COLUMN: /path: message (keyword), then a summary. The template is compiled once and the files are validated in parallel."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab validate --template schemas/examples/training.schema.json train.yaml",
      "  hectiqlab validate -t training --schemas schemas configs/ 'runs/**.yaml'",
      "  hectiqlab validate -t training --format json configs/ > report.json",
      "  generate-config | hectiqlab validate -t training --input-format toml -",
      "",
      "Exit codes: 0 all valid, 1 some invalid, 2 usage or template error."
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin TemplateOptions template;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR|GLOB|-",
      description =
          "Config files, directories (their .json/.yaml/.yml/.toml files), quoted globs, or - for"
              + " standard input.")
  List<String> inputs;

  @Mixin InputOptions input;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description = "text (one line per problem and a summary) or json (one report for CI).")
  Format format;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Files validated at once (default: the number of processors).")
  Integer jobs;

  enum Format {
    text,
    json
  }

  /** The result of one config: its name (a file, or {@code <stdin>}) and what validation found. */
  record FileResult(String name, ValidationResult result) {}

  @Override
  public Integer call() throws InterruptedException {
    ConfigSchema schema = template.load();
    List<ConfigSource> files = input.sources(Inputs.expand(inputs));
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (threads < 1) {
      throw Main.CliException.usage("--jobs must be at least 1");
    }
    List<FileResult> results =
        validate(schema, files, threads, root.style.terminal() ? root.err : null);
    if (format == Format.json) {
      root.out.println(report(schema, results));
    } else {
      print(results, root.out, root.style, root.verbose);
    }
    return results.stream().allMatch(r -> r.result().isValid()) ? Main.Exit.OK : Main.Exit.FAILURE;
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
        out.add(new FileResult(f.origin(), schema.validate(f)));
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
                  FileResult r = new FileResult(f.origin(), schema.validate(f));
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

  static void print(List<FileResult> results, PrintStream out, Style style, boolean verbose) {
    int invalid = 0;
    for (FileResult r : results) {
      if (r.result().isValid()) {
        if (verbose) {
          out.println(style.bold(Printable.escape(r.name())) + ": " + style.ok("valid"));
        }
        continue;
      }
      invalid++;
      for (Violation v : r.result().violations()) {
        print(v, r.name(), "", out, style);
      }
      if (r.result().truncated()) {
        out.println(style.bold(Printable.escape(r.name())) + ": more problems not shown");
      }
    }
    int valid = results.size() - invalid;
    String summary =
        valid
            + " valid, "
            + invalid
            + " invalid, "
            + results.size()
            + (results.size() == 1 ? " file" : " files");
    out.println(invalid == 0 ? style.ok(summary) : style.error(summary));
  }

  /** One violation, then its details (a failed oneOf/anyOf's closest alternative) indented. */
  private static void print(Violation v, String file, String indent, PrintStream out, Style style) {
    String where = v.location() == null ? file : v.location().toString();
    String path = Location.path(v.instancePath());
    out.println(
        indent
            + style.bold(Printable.escape(where))
            + ": "
            + Printable.escape(path)
            + ": "
            + style.error(Printable.escape(v.message()))
            + " ("
            + Printable.escape(v.keyword())
            + ")");
    for (Violation d : v.details()) {
      print(d, file, indent + "  ", out, style);
    }
  }

  /** A violation in the JSON report; {@code details} only when it has some. */
  private static Config json(Violation v) {
    Config c =
        Config.of(
            "line", v.line() > 0 ? v.line() : null,
            "column", v.column() > 0 ? v.column() : null,
            "path", v.instancePath(),
            "keyword", v.keyword(),
            "message", v.message());
    if (!v.details().isEmpty()) {
      c.set("details", v.details().stream().map(ValidateCommand::json).toList());
    }
    return c;
  }

  static String report(ConfigSchema schema, List<FileResult> results) {
    List<Config> files = new ArrayList<>();
    int invalid = 0;
    for (FileResult r : results) {
      List<Config> violations = new ArrayList<>();
      for (Violation v : r.result().violations()) {
        violations.add(json(v));
      }
      if (!r.result().isValid()) {
        invalid++;
      }
      files.add(
          Config.of(
              "file", r.name(),
              "valid", r.result().isValid(),
              "truncated", r.result().truncated(),
              "violations", violations));
    }
    return Config.of(
            "template", schema.origin(),
            "files", files,
            "summary",
                Config.of(
                    "files", results.size(), "valid", results.size() - invalid, "invalid", invalid))
        .toJson();
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
