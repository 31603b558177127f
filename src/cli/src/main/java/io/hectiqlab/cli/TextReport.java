package io.hectiqlab.cli;

import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --format text}: one line per problem, {@code FILE:LINE:COLUMN: /path: message (keyword)}
 * like a compiler (a failed oneOf/anyOf's closest alternative indented below it), then a summary.
 * Control characters of names and messages are escaped ({@link Printable}).
 */
final class TextReport implements ReportFormat {
  private final Style style;
  private final boolean listValid;
  private final Integer layers;

  /**
   * @param style colours
   * @param listValid whether valid files get a line ({@code FILE: valid}) too
   */
  TextReport(Style style, boolean listValid) {
    this(style, listValid, null);
  }

  /**
   * @param style colours
   * @param listValid whether valid files get a line ({@code FILE: valid}) too
   * @param layers how many layers were composed into one config, or null for configs of their own
   */
  TextReport(Style style, boolean listValid, Integer layers) {
    this.style = style;
    this.listValid = listValid;
    this.layers = layers;
  }

  @Override
  public void write(String template, List<ValidateCommand.FileResult> results, PrintStream out) {
    for (ValidateCommand.FileResult r : results) {
      if (r.isValid()) {
        if (listValid) {
          out.println(style.bold(Printable.escape(r.name())) + ": " + style.ok("valid"));
        }
        continue;
      }
      violations(r, out);
    }
    String summary = summary(results, layers);
    boolean allValid = results.stream().allMatch(r -> r.isValid());
    out.println(allValid ? style.ok(summary) : style.error(summary));
  }

  /**
   * The violations of one result, one line each (details indented below), then a line saying when
   * more were not shown; no summary.
   */
  void violations(ValidateCommand.FileResult r, PrintStream out) {
    for (Violation v : r.violations()) {
      print(v, r.name(), "", out);
    }
    if (r.truncated()) {
      out.println(style.bold(Printable.escape(r.name())) + ": more problems not shown");
    }
  }

  /**
   * The summary line: {@code 1 valid, 2 invalid, 3 files}; for the layers of one config {@code 1
   * config: valid, 2 layers} or {@code 1 config: invalid, 4 layers} (the problems above name the
   * layers at fault; the defaults are no layer of their own).
   *
   * @param layers how many layers were composed into one config, or null for configs of their own
   */
  static String summary(List<ValidateCommand.FileResult> results, Integer layers) {
    long invalid = results.stream().filter(r -> !r.isValid()).count();
    if (layers != null) {
      String noun = layers == 1 ? " layer" : " layers";
      return "1 config: " + (invalid == 0 ? "valid, " : "invalid, ") + layers + noun;
    }
    return (results.size() - invalid)
        + " valid, "
        + invalid
        + " invalid, "
        + results.size()
        + (results.size() == 1 ? " file" : " files");
  }

  /** One violation, then its details (a failed oneOf/anyOf's closest alternative) indented. */
  private void print(Violation v, String file, String indent, PrintStream out) {
    String where = v.location() == null ? file : v.location().toString();
    String path = ReportFormat.shownPath(v);
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
      print(d, file, indent + "  ", out);
    }
  }
}
