package io.hectiqlab.cli;

import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --format github}: GitHub Actions workflow commands, one {@code ::error
 * file=F,line=L,col=C,title=PATH (KEYWORD)::MESSAGE} per violation (GitHub shows each as an
 * annotation on the file), a {@code ::warning} for a file whose violations were cut short, then the
 * summary line. A violation without a position names the file alone; one about a layer that is no
 * file ({@code validate --compose}'s {@code env VAR}, {@code --set ARG}, {@code (default)}) has no
 * {@code file=} and names the layer in its title; a failed oneOf/anyOf's closest alternative
 * follows its message on lines of their own.
 *
 * <p>The escaping is the workflow commands' own: in the message {@code %}, CR and LF become {@code
 * %25}, {@code %0D} and {@code %0A}; in property values {@code :} and {@code ,} also become {@code
 * %3A} and {@code %2C}. So a name or message cannot end a command early or forge another one.
 */
final class GitHubReport implements ReportFormat {
  private final Integer layers;

  /**
   * @param layers how many layers were composed into one config, or null for configs of their own
   */
  GitHubReport(Integer layers) {
    this.layers = layers;
  }

  @Override
  public void write(String template, List<ValidateCommand.FileResult> results, PrintStream out) {
    for (ValidateCommand.FileResult r : results) {
      String file = ReportFormat.ciPath(r.name());
      for (Violation v : r.violations()) {
        StringBuilder cmd = new StringBuilder("::error ");
        String path = ReportFormat.shownPath(v);
        if (r.file()) {
          cmd.append("file=").append(property(file));
          if (v.line() > 0) {
            cmd.append(",line=").append(v.line());
            if (v.column() > 0) {
              cmd.append(",col=").append(v.column());
            }
          }
          cmd.append(",title=").append(property(path + " (" + v.keyword() + ")"));
        } else {
          // A layer that is no file (env VAR, --set ARG, the defaults): no file= to annotate,
          // so the title names the layer.
          cmd.append("title=").append(property(r.name() + ": " + path + " (" + v.keyword() + ")"));
        }
        StringBuilder message = new StringBuilder(v.message());
        details(v, "  ", message);
        out.println(cmd.append("::").append(data(message.toString())));
      }
      if (r.truncated()) {
        out.println(
            "::warning "
                + (r.file() ? "file=" + property(file) + "," : "")
                + "title="
                + property("more problems")
                + "::"
                + data("more problems not shown: validation stopped at the limit"));
      }
    }
    out.println(TextReport.summary(results, layers));
  }

  /** The closest alternative's violations, one line each as text prints them, indented by level. */
  private static void details(Violation v, String indent, StringBuilder message) {
    for (Violation d : v.details()) {
      message.append('\n').append(indent).append(d);
      details(d, indent + "  ", message);
    }
  }

  /**
   * A message, escaped as workflow commands want it; other control characters (an ANSI escape in a
   * document's key) are shown as {@link Printable} shows them, so they never reach the CI log raw.
   */
  static String data(String text) {
    return Printable.escape(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
  }

  /** A property value, escaped as workflow commands want it. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
