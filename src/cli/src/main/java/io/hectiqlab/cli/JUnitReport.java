package io.hectiqlab.cli;

import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --format junit}: a JUnit XML report as CI servers read it (the Ant/Jenkins structure):
 * {@code <testsuites>} holding one {@code <testsuite>} named after the template, with one {@code
 * <testcase>} per config file. An invalid file's test case holds a {@code <failure>}, a file that
 * cannot be read or parsed an {@code <error>}; its text lists the violations as {@code text} prints
 * them.
 *
 * <p>Names and messages are escaped for XML 1.0: markup characters as entities, control characters
 * as {@code text} shows them ({@link Printable}), and the characters XML 1.0 does not allow at all
 * (such as U+FFFE, U+FFFF or a lone surrogate) replaced by U+FFFD, so the report always parses.
 */
final class JUnitReport implements ReportFormat {
  /** The class name every test case gets: CI servers group test cases by it. */
  static final String CLASS_NAME = "hectiqlab.validate";

  @Override
  public void write(String template, List<ValidateCommand.FileResult> results, PrintStream out) {
    int failures = 0;
    int errors = 0;
    for (ValidateCommand.FileResult r : results) {
      if (isError(r)) {
        errors++;
      } else if (!r.isValid()) {
        failures++;
      }
    }
    String counts =
        " tests=\"" + results.size() + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"hectiqlab validate\"").append(counts).append(">\n");
    xml.append("  <testsuite name=\"")
        .append(attribute(Printable.escape(template)))
        .append('"')
        .append(counts)
        .append(" skipped=\"0\">\n");
    for (ValidateCommand.FileResult r : results) {
      xml.append("    <testcase name=\"")
          .append(attribute(Printable.escape(r.name())))
          .append("\" classname=\"")
          .append(CLASS_NAME)
          .append('"');
      if (r.isValid()) {
        xml.append("/>\n");
        continue;
      }
      String element = isError(r) ? "error" : "failure";
      List<Violation> violations = r.violations();
      String first = line(violations.get(0), r.name());
      String message =
          violations.size() == 1 && !r.truncated()
              ? first
              : first + " (and " + (r.truncated() ? "more" : violations.size() - 1 + " more") + ")";
      xml.append(">\n      <")
          .append(element)
          .append(" message=\"")
          .append(attribute(message))
          .append("\" type=\"")
          .append(isError(r) ? SYNTAX : "invalid")
          .append("\">")
          .append(text(r.text()))
          .append("</")
          .append(element)
          .append(">\n    </testcase>\n");
    }
    xml.append("  </testsuite>\n</testsuites>");
    out.println(xml);
  }

  /** A file that could not be read or parsed: its one violation is a syntax error. */
  private static boolean isError(ValidateCommand.FileResult result) {
    return result.violations().stream().anyMatch(v -> v.keyword().equals(SYNTAX));
  }

  /** One violation as {@code text} prints it (its details aside). */
  private static String line(Violation v, String file) {
    return v.source() == null ? Printable.escape(file) + ": " + v : v.toString();
  }

  /** Text for an attribute value in double quotes (white space kept as character references). */
  static String attribute(String s) {
    return escape(s, true);
  }

  /** Text for element content. */
  static String text(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\r' -> sb.append("&#13;");
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        default -> sb.appendCodePoint(allowed(c) ? c : 0xFFFD);
      }
    }
    return sb.toString();
  }

  /**
   * Whether XML 1.0 allows the character: tab, LF, CR, U+0020 to U+D7FF, U+E000 to U+FFFD and
   * U+10000 to U+10FFFF (a lone surrogate arrives here as itself and is not allowed).
   */
  private static boolean allowed(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
