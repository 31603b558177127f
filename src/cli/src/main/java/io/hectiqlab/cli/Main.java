package io.hectiqlab.cli;

import com.networknt.schema.dialect.Dialects;
import io.hectiqlab.ConfigException;
import io.hectiqlab.codegen.Codegen;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.LabException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code hectiqlab} command. Exit codes: 0 success (all files valid), 1 failure (some file
 * invalid, the lab refused, a file could not be written), 2 usage error or bad template.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command without exiting.
   *
   * @param args the command line
   * @param out where results go
   * @param err where progress, errors and diagnostics go
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Thread warmUp = HectiqlabCommand.readsTemplate(args) ? warmUp() : null;
    Style style = Style.detect(hasFlag(args, "--no-color"));
    CommandLine cmd = new CommandLine(new HectiqlabCommand(out, err, style));
    HectiqlabCommand.register(cmd, args);
    cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(style.ansi()));
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          CommandLine bad = e.getCommandLine();
          err.println(style.error("hectiqlab: " + Printable.escape(e.getMessage())));
          err.println("Try '" + bad.getCommandSpec().qualifiedName() + " --help'.");
          return Exit.USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (e, bad, parsed) -> {
          err.println(style.error("hectiqlab: " + describe(e)));
          if (verbose(parsed)) {
            e.printStackTrace(err);
          } else if (!(e instanceof CliException
              || e instanceof ConfigException
              || e instanceof LabException
              || e instanceof Codegen.CodegenException
              || e instanceof IllegalArgumentException
              || e instanceof IOException
              || e instanceof UncheckedIOException)) {
            err.println("(an unexpected error: run again with --verbose for the stack trace)");
          }
          return exitCode(e);
        });
    cmd.setExecutionStrategy(
        parsed -> {
          awaitWarmUp(warmUp);
          return new CommandLine.RunLast().execute(parsed);
        });
    return cmd.execute(args);
  }

  /**
   * Starts, on a daemon thread, the one-time work that running a command which reads a template
   * does inside the JDK and the libraries, so that it overlaps the main thread building picocli's
   * model of the command and parsing the arguments: {@link BigDecimal}'s tables (on JDK 25 it
   * computes 5^65536 when the class is initialised: about 15 ms in the interpreter), the locale
   * data behind a {@link GregorianCalendar} (Jackson's default date format makes one: about 30 ms),
   * Jackson's shared mapper (networknt prints enum values with it) and JSON parser, and networknt's
   * dialects and keywords. It touches no class of this project, and {@link #awaitWarmUp} lets the
   * sub-command run only once it is done, so the two threads never initialise classes at the same
   * time outside the JDK (no class-initialisation deadlock). A failure in it changes nothing but
   * the timing. (Reading picocli's annotations here too, to overlap the annotation proxies the JVM
   * generates, made the start slower in two interleaved comparisons of 15 runs each, so it is not
   * done.)
   *
   * @return the thread, started
   */
  private static Thread warmUp() {
    Thread t =
        new Thread(
            () -> {
              try {
                BigDecimal.ONE.signum();
                new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.US).getFirstDayOfWeek();
                JsonMapper.shared().readTree("{\"a\": [1, 2.5, \"x\", true, null]}").toString();
                Dialects.getDraft202012().getKeywords().size();
              } catch (RuntimeException | Error e) {
                // only the timing depends on it
              }
            },
            "hectiqlab-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits for the warm-up thread to end, if there is one. */
  private static void awaitWarmUp(Thread warmUp) {
    if (warmUp == null) {
      return;
    }
    try {
      warmUp.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean hasFlag(String[] args, String flag) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals(flag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The one-line error for a failure: {@code path: what is wrong} for file-system failures, the
   * message otherwise; control characters escaped ({@link Printable}), so a file name cannot forge
   * extra lines (an invalid document's violations keep one line each).
   */
  static String describe(Throwable e) {
    if (e instanceof ConfigException.Invalid
        || e instanceof LabException.InvalidConfig
        || e instanceof LabException.InvalidSchema) {
      return Printable.escapeLines(e.getMessage()); // one line per violation
    }
    return Printable.escape(plain(e));
  }

  private static String plain(Throwable e) {
    Throwable cause = e;
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      String own = u.getMessage();
      if (own != null && !own.equals(u.getCause().toString())) {
        return own;
      }
      cause = u.getCause();
    }
    if (cause instanceof FileSystemException f && f.getFile() != null) {
      return FileErrors.message(f, null);
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static int exitCode(Exception e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    // A template that cannot be used and a file or directory that cannot be read or written are
    // the caller's to fix, as an unknown option is; an invalid or malformed document fails.
    if (e instanceof ConfigException.BadSchema
        || e instanceof ConfigException.Io
        || e instanceof IllegalArgumentException) {
      return Exit.USAGE;
    }
    return Exit.FAILURE;
  }

  /** The exit codes. */
  static final class Exit {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private Exit() {}
  }

  /** A failure to report as one line, with its exit code. */
  static final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
      this(exitCode, message, null);
    }

    CliException(int exitCode, String message, Throwable cause) {
      super(message, cause);
      this.exitCode = exitCode;
    }

    static CliException usage(String message) {
      return new CliException(Exit.USAGE, message);
    }

    static CliException failure(String message) {
      return new CliException(Exit.FAILURE, message);
    }

    int exitCode() {
      return exitCode;
    }
  }
}
