package io.hectiqlab.server;

import java.math.BigDecimal;

/**
 * A filter over a project's runs, as typed in the runs page's filter box: comparisons of a {@link
 * RunColumn} with a literal, joined by {@code and}, {@code or}, {@code not} and parentheses ({@code
 * not} binds tightest, then {@code and}, then {@code or}). Operators: {@code =}, {@code !=}, {@code
 * <}, {@code <=}, {@code >}, {@code >=}, and {@code ~} (the value is a string matching a regular
 * expression, anywhere in it unless anchored). Literals: numbers ({@code 0.01}, {@code -3}, {@code
 * 1e-4}), strings in double or single quotes (backslash escapes {@code \"}, {@code \'}, {@code
 * \\}), {@code true}, {@code false}, {@code null}. Types are strict: {@code config.lr = 1} matches
 * the number 1 (or 1.0), never the string "1"; an ordering ({@code <}) holds between two numbers or
 * two strings only; {@code = null} matches an explicit null, never a missing key; a comparison on a
 * missing key is false, so {@code not config.x = 1} holds for a run without {@code x}. Example:
 * {@code config.optimizer.lr < 0.01 and meta.accuracy >= 0.9}. Immutable.
 */
sealed interface RunFilter {

  /** The longest filter text accepted, in characters. */
  int MAX_LENGTH = 4096;

  /** The most comparisons in one filter. */
  int MAX_COMPARISONS = 32;

  /** The most parentheses and {@code not}s one inside another. */
  int MAX_NESTING = 32;

  /** Both hold. */
  record And(RunFilter left, RunFilter right) implements RunFilter {}

  /** Either holds. */
  record Or(RunFilter left, RunFilter right) implements RunFilter {}

  /** The inner filter does not hold. */
  record Not(RunFilter inner) implements RunFilter {}

  /** A column compared with a literal. */
  record Compare(RunColumn column, Op op, Literal value) implements RunFilter {}

  /** A comparison operator, with its symbol. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    MATCHES("~");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A literal value of a filter. */
  sealed interface Literal {
    /** A number, exact as written. */
    record Num(BigDecimal value) implements Literal {}

    /** A string (for {@code ~}, the regular expression). */
    record Str(String value) implements Literal {}

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Literal {}

    /** {@code null}. */
    record Null() implements Literal {}
  }

  /** A filter text that is not a filter: where (1-based column) and what is wrong. */
  final class SyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int column;
    private final String problem;

    SyntaxError(int column, String problem) {
      super("filter: column " + column + ": " + problem, null);
      this.column = column;
      this.problem = problem;
    }

    /** The 1-based column (in characters of the filter text) where the problem is. */
    int column() {
      return column;
    }

    /** What is wrong, without the position. */
    String problem() {
      return problem;
    }
  }

  /**
   * Parses a filter text. A column is written as {@link RunColumn#parse} reads it; keywords ({@code
   * and}, {@code or}, {@code not}, {@code true}, {@code false}, {@code null}) are lower case; a
   * number is written as in JSON and must lie within the range of a double (the stores order
   * numbers as doubles); an unknown escape in a string ({@code '\d'}) is refused (write {@code
   * '\\d'}); an ordering operator takes a number or a string, {@code ~} a string that compiles as a
   * java.util.regex pattern; a column compares with a literal only. A blank text is not a filter (a
   * caller treats an empty filter box as no filter). Columns in errors count characters (code
   * points) from 1; the end of the text is its length + 1.
   *
   * @throws SyntaxError saying where and what is wrong (an unknown column, a missing operand, an
   *     unclosed quote, a malformed regular expression, more than {@link #MAX_COMPARISONS}
   *     comparisons, {@link #MAX_NESTING} levels or {@link #MAX_LENGTH} characters, ...), for
   *     example {@code filter: column 24: expected a value after '<'}
   */
  static RunFilter parse(String text) {
    return FilterParser.parse(text);
  }
}
