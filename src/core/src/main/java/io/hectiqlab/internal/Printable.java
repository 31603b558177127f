package io.hectiqlab.internal;

/**
 * The one rule for putting untrusted text (file names, keys, messages that quote them) into text
 * output: control characters are shown as escapes, so that a file name cannot forge extra output
 * lines and a key cannot send terminal escape sequences. Stateless and thread-safe.
 *
 * <p>The escapes: {@code \n}, {@code \r} and {@code \t} as those two characters; every other C0
 * control (U+0000 to U+001F), DEL (U+007F), every C1 control (U+0080 to U+009F), the line and
 * paragraph separators (U+2028, U+2029) and the bidirectional embedding, override and isolate
 * controls (U+202A to U+202E, U+2066 to U+2069) and a lone surrogate (half of a UTF-16 pair, which
 * an encoder would write as {@code ?}) as {@code \}{@code uXXXX}. Everything else, backslashes
 * included, is left as it is: the result is meant to be read, not parsed back.
 *
 * <p>A name or value quoted in a message ({@code run name 'a\nb' ...}) is {@link #quote}d: cut to a
 * readable length and escaped by the same rule.
 */
public final class Printable {
  private Printable() {}

  /** The most characters (code points) of a value {@link #quote} shows. */
  public static final int QUOTED_LENGTH = 80;

  /**
   * Quotes a name or value for a message: in single quotes, at most {@value #QUOTED_LENGTH}
   * characters (then {@code ...}), control characters and lone surrogates escaped; {@code null} for
   * null.
   */
  public static String quote(String value) {
    return quote(value, QUOTED_LENGTH);
  }

  /** {@link #quote} showing at most {@code max} characters (code points). */
  public static String quote(String value, int max) {
    if (value == null) {
      return "null";
    }
    return "'" + shorten(value, max) + "'";
  }

  /**
   * {@link #quote} in double quotes, as a string value found where another type was expected reads:
   * {@code must be integer, found "08"}.
   */
  public static String quoteValue(String value) {
    if (value == null) {
      return "null";
    }
    return '"' + shorten(value, QUOTED_LENGTH) + '"';
  }

  /**
   * {@link #quote} without the quotes, for text that starts a message or is otherwise set apart
   * ({@code ${a.b}: ...}): at most {@code max} characters (then {@code ...}), escaped.
   */
  public static String shorten(String value, int max) {
    boolean cut = value.codePointCount(0, value.length()) > max;
    return escape(cut ? value.substring(0, value.offsetByCodePoints(0, max)) + "..." : value);
  }

  /** Returns {@code text} with every control character escaped (null stays null). */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !escaped(text, i)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(text, i)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * Escapes each line of a text made of lines (its {@code \n} separators stay), for messages whose
   * lines were each built with {@link #escape}.
   */
  public static String escapeLines(String text) {
    if (text == null || text.indexOf('\n') < 0) {
      return escape(text);
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    int start = 0;
    while (true) {
      int nl = text.indexOf('\n', start);
      sb.append(escape(nl < 0 ? text.substring(start) : text.substring(start, nl)));
      if (nl < 0) {
        return sb.toString();
      }
      sb.append('\n');
      start = nl + 1;
    }
  }

  /** True when the char at {@code i} is shown as an escape: a control or a lone surrogate. */
  private static boolean escaped(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return isControl(c);
  }

  private static boolean isControl(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
