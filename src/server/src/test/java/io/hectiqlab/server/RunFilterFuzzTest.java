package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hectiqlab.server.RunFilter.And;
import io.hectiqlab.server.RunFilter.Compare;
import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Not;
import io.hectiqlab.server.RunFilter.Or;
import io.hectiqlab.server.RunFilter.SyntaxError;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the filter box and the table's column parameters: any text (bytes read as UTF-8) is a
 * filter or a {@link SyntaxError} whose column lies within the text (or just after it); nothing
 * else comes out (no StackOverflowError, no other exception). A filter written back with the fewest
 * parentheses its precedence needs parses to the same filter. A column text is a column (whose
 * {@code toString} parses back to it) or an IllegalArgumentException. Seeds are in {@code
 * RunFilterFuzzTestInputs/parse}.
 */
class RunFilterFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    RunFilter filter;
    try {
      filter = RunFilter.parse(text);
    } catch (SyntaxError e) {
      int length = text.codePointCount(0, text.length());
      assertThat(e.column()).isBetween(1, Math.max(length, RunFilter.MAX_LENGTH) + 1);
      assertThat(e.getMessage()).isEqualTo("filter: column " + e.column() + ": " + e.problem());
      assertThat(e.problem()).isNotBlank();
      filter = null;
    }
    if (filter != null) {
      String written = write(filter, 0);
      if (written.codePointCount(0, written.length()) <= RunFilter.MAX_LENGTH) {
        assertThat(RunFilter.parse(written)).as(written).isEqualTo(filter);
      }
    }
    RunColumn column;
    try {
      column = RunColumn.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(RunColumn.parse(column.toString())).isEqualTo(column);
  }

  /**
   * The filter as text, parenthesised only where an operand binds looser than its place needs
   * ({@code or} 1, {@code and} 2, {@code not} and comparisons 3).
   */
  static String write(RunFilter filter, int needed) {
    if (filter instanceof Or or) {
      return wrap(1, needed, write(or.left(), 1) + " or " + write(or.right(), 2));
    }
    if (filter instanceof And and) {
      return wrap(2, needed, write(and.left(), 2) + " and " + write(and.right(), 3));
    }
    if (filter instanceof Not not) {
      return "not " + write(not.inner(), 3);
    }
    Compare c = (Compare) filter;
    return c.column() + " " + c.op().symbol + " " + write(c.value());
  }

  private static String wrap(int binds, int needed, String text) {
    return binds < needed ? "(" + text + ")" : text;
  }

  private static String write(Literal literal) {
    if (literal instanceof Literal.Num n) {
      return n.value().toString();
    }
    if (literal instanceof Literal.Bool b) {
      return Boolean.toString(b.value());
    }
    if (literal instanceof Literal.Str s) {
      return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return "null";
  }
}
