package io.hectiqlab.server;

import io.hectiqlab.internal.Printable;
import io.hectiqlab.server.RunFilter.And;
import io.hectiqlab.server.RunFilter.Compare;
import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Not;
import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.RunFilter.Or;
import io.hectiqlab.server.RunFilter.SyntaxError;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The recursive-descent parser behind {@link RunFilter#parse}: a lexer with one token of lookahead
 * over the text's code points, and one method per precedence level ({@code or}, {@code and}, {@code
 * not}, a parenthesis or a comparison). Recursion is bounded by {@link RunFilter#MAX_NESTING}, work
 * by {@link RunFilter#MAX_LENGTH}. One instance parses one text; not thread-safe.
 */
final class FilterParser {
  /** A number as JSON writes one: no leading zeros, no leading {@code +}, no bare dot. */
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final String OPERATORS = "=, !=, <, <=, >, >=, ~";
  private static final String OPERATOR_CHARS = "=!<>~";

  private enum Kind {
    OPEN,
    CLOSE,
    OPERATOR,
    STRING,
    NUMBER,
    WORD,
    END
  }

  /**
   * A token: its kind, where it is in the text (code points, {@code end} exclusive) and its value
   * (the segments of a WORD, the text of a STRING, the BigDecimal of a NUMBER, the Op of an
   * OPERATOR).
   */
  private record Token(Kind kind, int start, int end, Object value) {}

  private final int[] chars;
  private int position;
  private Token next;
  private int comparisons;

  private FilterParser(int[] chars) {
    this.chars = chars;
  }

  /** Parses a whole filter text; see {@link RunFilter#parse}. */
  static RunFilter parse(String text) {
    int length = text.codePointCount(0, text.length());
    if (length > RunFilter.MAX_LENGTH) {
      throw new SyntaxError(
          RunFilter.MAX_LENGTH + 1,
          "the filter is longer than " + RunFilter.MAX_LENGTH + " characters");
    }
    FilterParser parser = new FilterParser(text.codePoints().toArray());
    RunFilter filter = parser.or(0, null);
    Token after = parser.peek();
    if (after.kind() == Kind.CLOSE) {
      throw new SyntaxError(after.start() + 1, "unmatched ')'");
    }
    if (after.kind() != Kind.END) {
      throw parser.expected("'and', 'or' or the end", null, after);
    }
    return filter;
  }

  /** {@code and} terms joined by {@code or}; {@code previous} is the token before, for messages. */
  private RunFilter or(int depth, Token previous) {
    RunFilter left = and(depth, previous);
    while (isKeyword(peek(), "or")) {
      Token or = take();
      left = new Or(left, and(depth, or));
    }
    return left;
  }

  /** {@code not} factors joined by {@code and}. */
  private RunFilter and(int depth, Token previous) {
    RunFilter left = not(depth, previous);
    while (isKeyword(peek(), "and")) {
      Token and = take();
      left = new And(left, not(depth, and));
    }
    return left;
  }

  /** {@code not} before a factor, a parenthesised filter, or a comparison. */
  private RunFilter not(int depth, Token previous) {
    Token token = peek();
    if (isKeyword(token, "not") || token.kind() == Kind.OPEN) {
      take();
      if (depth >= RunFilter.MAX_NESTING) {
        throw new SyntaxError(
            token.start() + 1,
            "nested deeper than " + RunFilter.MAX_NESTING + " parentheses and nots");
      }
      if (token.kind() != Kind.OPEN) {
        return new Not(not(depth + 1, token));
      }
      RunFilter inner = or(depth + 1, token);
      Token close = peek();
      if (close.kind() == Kind.END) {
        throw new SyntaxError(
            close.start() + 1, "expected ')' to close the '(' at column " + (token.start() + 1));
      }
      if (close.kind() != Kind.CLOSE) {
        throw expected("'and', 'or' or ')'", null, close);
      }
      take();
      return inner;
    }
    return comparison(previous);
  }

  /** A column, an operator and a literal. */
  private RunFilter comparison(Token previous) {
    Token columnToken = take();
    if (columnToken.kind() != Kind.WORD || isAnyKeyword(columnToken)) {
      throw expected("a comparison", previous, columnToken);
    }
    if (comparisons == RunFilter.MAX_COMPARISONS) {
      throw new SyntaxError(
          columnToken.start() + 1, "more than " + RunFilter.MAX_COMPARISONS + " comparisons");
    }
    comparisons++;
    RunColumn column;
    try {
      column = RunColumn.of(segments(columnToken));
    } catch (IllegalArgumentException e) {
      throw new SyntaxError(columnToken.start() + 1, e.getMessage());
    }
    Token opToken = take();
    if (opToken.kind() != Kind.OPERATOR) {
      throw expected("an operator (" + OPERATORS + ")", columnToken, opToken);
    }
    Op op = (Op) opToken.value();
    Token valueToken = take();
    Literal value = literal(valueToken, opToken);
    if (op == Op.MATCHES) {
      if (!(value instanceof Literal.Str regex)) {
        throw new SyntaxError(
            valueToken.start() + 1,
            "expected a string (a regular expression) after '~', found " + text(valueToken));
      }
      checkRegex(regex.value(), valueToken);
    } else if (op != Op.EQ
        && op != Op.NE
        && !(value instanceof Literal.Num)
        && !(value instanceof Literal.Str)) {
      throw new SyntaxError(
          valueToken.start() + 1,
          Printable.quote(op.symbol)
              + " orders numbers or strings only, found "
              + text(valueToken));
    }
    return new Compare(column, op, value);
  }

  /** The literal a token is, after the operator {@code opToken}. */
  private Literal literal(Token token, Token opToken) {
    switch (token.kind()) {
      case NUMBER:
        return new Literal.Num((BigDecimal) token.value());
      case STRING:
        return new Literal.Str((String) token.value());
      case WORD:
        List<String> segments = segments(token);
        if (segments.size() == 1) {
          switch (segments.get(0)) {
            case "true":
              return new Literal.Bool(true);
            case "false":
              return new Literal.Bool(false);
            case "null":
              return new Literal.Null();
            case "and":
            case "or":
            case "not":
              break;
            default:
              throw new SyntaxError(
                  token.start() + 1,
                  "unknown value "
                      + text(token)
                      + " (a string is quoted: "
                      + Printable.quoteValue(segments.get(0))
                      + ")");
          }
        } else {
          throw new SyntaxError(
              token.start() + 1,
              "expected a value after "
                  + text(opToken)
                  + ", found the column "
                  + text(token)
                  + " (a column compares with a value)");
        }
        break;
      default:
        break;
    }
    throw expected("a value", opToken, token);
  }

  /**
   * Compiles a {@code ~} pattern with java.util.regex (the syntax the SQLite store matches with) so
   * that a malformed one is reported at its literal.
   */
  private static void checkRegex(String regex, Token token) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      String where = e.getIndex() >= 0 ? " at index " + e.getIndex() + " of the pattern" : "";
      throw new SyntaxError(
          token.start() + 1, "malformed regular expression: " + e.getDescription() + where);
    } catch (StackOverflowError e) {
      throw new SyntaxError(token.start() + 1, "the regular expression is nested too deeply");
    }
  }

  /** {@code expected WHAT[ after PREVIOUS][, found FOUND]} at the found token. */
  private SyntaxError expected(String what, Token previous, Token found) {
    StringBuilder problem = new StringBuilder("expected ").append(what);
    if (previous != null) {
      problem.append(" after ").append(text(previous));
    }
    if (found.kind() != Kind.END) {
      problem.append(", found ").append(text(found));
    }
    return new SyntaxError(found.start() + 1, problem.toString());
  }

  /** The token as written, quoted for a message. */
  private String text(Token token) {
    if (token.kind() == Kind.END) {
      return "the end";
    }
    return Printable.quote(new String(chars, token.start(), token.end() - token.start()));
  }

  @SuppressWarnings("unchecked")
  private static List<String> segments(Token word) {
    return (List<String>) word.value();
  }

  private static boolean isKeyword(Token token, String keyword) {
    return token.kind() == Kind.WORD
        && segments(token).size() == 1
        && segments(token).get(0).equals(keyword);
  }

  private static boolean isAnyKeyword(Token token) {
    return List.of("and", "or", "not", "true", "false", "null").stream()
        .anyMatch(k -> isKeyword(token, k));
  }

  private Token peek() {
    if (next == null) {
      next = lex();
    }
    return next;
  }

  private Token take() {
    Token token = peek();
    next = null;
    return token;
  }

  /** Reads the token at {@link #position}, skipping white space before it. */
  private Token lex() {
    while (position < chars.length && Character.isWhitespace(chars[position])) {
      position++;
    }
    int start = position;
    if (start == chars.length) {
      return new Token(Kind.END, start, start, null);
    }
    int c = chars[start];
    Token token;
    if (c == '(') {
      token = new Token(Kind.OPEN, start, start + 1, null);
    } else if (c == ')') {
      token = new Token(Kind.CLOSE, start, start + 1, null);
    } else if (c == '"' || c == '\'') {
      RunColumn.Quoted quoted = RunColumn.quoted(chars, start);
      token = new Token(Kind.STRING, start, quoted.end(), quoted.value());
    } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
      token = operator(start);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      token = number(start);
    } else if (RunColumn.isWordChar(c)) {
      RunColumn.Read read = RunColumn.read(chars, start);
      token = new Token(Kind.WORD, start, read.end(), read.segments());
    } else {
      throw new SyntaxError(
          start + 1, "unexpected character " + Printable.quote(Character.toString(c)));
    }
    position = token.end();
    return token;
  }

  private Token operator(int start) {
    int end = start;
    while (end < chars.length && OPERATOR_CHARS.indexOf(chars[end]) >= 0) {
      end++;
    }
    String symbol = new String(chars, start, end - start);
    for (Op op : Op.values()) {
      if (op.symbol.equals(symbol)) {
        return new Token(Kind.OPERATOR, start, end, op);
      }
    }
    throw new SyntaxError(
        start + 1, "unknown operator " + Printable.quote(symbol) + " (one of " + OPERATORS + ")");
  }

  /**
   * A number: the run of characters that may continue one (letters and digits included, so that
   * {@code 1x} is named whole), checked against JSON's number syntax and the range of a double (the
   * stores order numbers as doubles).
   */
  private Token number(int start) {
    int end = start + 1;
    while (end < chars.length) {
      int c = chars[end];
      boolean sign = (c == '+' || c == '-') && (chars[end - 1] == 'e' || chars[end - 1] == 'E');
      if (!sign && c != '.' && !RunColumn.isWordChar(c)) {
        break;
      }
      if (c == '-' && !sign) {
        break;
      }
      end++;
    }
    String written = new String(chars, start, end - start);
    if (!NUMBER.matcher(written).matches()) {
      throw new SyntaxError(start + 1, "malformed number " + Printable.quote(written));
    }
    int e = Math.max(written.indexOf('e'), written.indexOf('E'));
    // An exponent past a double's is out of range anyway; bounding it first keeps BigDecimal's
    // plain text (which a store may write) as short as the filter.
    boolean range = e < 0 || written.substring(e + 1).replaceFirst("^[+-]?0*", "").length() <= 4;
    BigDecimal value = range ? new BigDecimal(written) : null;
    double asDouble = range ? value.doubleValue() : Double.POSITIVE_INFINITY;
    if (Double.isInfinite(asDouble) || (asDouble == 0 && value.signum() != 0)) {
      throw new SyntaxError(
          start + 1,
          "number out of range "
              + Printable.quote(written)
              + " (beyond a double: at most about 1.8e308, at least about 4.9e-324)");
    }
    return new Token(Kind.NUMBER, start, end, value);
  }
}
