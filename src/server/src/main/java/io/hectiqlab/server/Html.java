package io.hectiqlab.server;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An HTML text being written, element by element: every text and attribute value is escaped here,
 * so that no caller ever writes markup from data. Elements close in order ({@link #close()} closes
 * the innermost); {@link #toString()} refuses a text with elements left open. Not thread-safe.
 */
final class Html {
  private static final java.util.Set<String> VOID =
      java.util.Set.of("br", "hr", "img", "input", "link", "meta", "col", "wbr");

  private final StringBuilder out = new StringBuilder(16 * 1024);
  private final Deque<String> open = new ArrayDeque<>();

  /**
   * Opens an element. {@code attributes} are name/value pairs: a null value leaves the attribute
   * out, and a value equal to its name is written as a bare boolean attribute ({@code checked}).
   */
  Html open(String tag, String... attributes) {
    start(tag, attributes);
    if (VOID.contains(tag)) {
      throw new IllegalArgumentException("<" + tag + "> has no content: use empty()");
    }
    open.push(tag);
    return this;
  }

  /** Writes a void element ({@code input}, {@code meta}, {@code link}, {@code br}, ...). */
  Html empty(String tag, String... attributes) {
    if (!VOID.contains(tag)) {
      throw new IllegalArgumentException("<" + tag + "> is not a void element");
    }
    start(tag, attributes);
    return this;
  }

  /** Writes an element holding only {@code text} (escaped). */
  Html el(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close();
  }

  /** Closes the innermost open element. */
  Html close() {
    if (open.isEmpty()) {
      throw new IllegalStateException("no element is open");
    }
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes text, escaped; null writes nothing. */
  Html text(String text) {
    if (text != null) {
      escape(text, out);
    }
    return this;
  }

  private void start(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      String name = attributes[i];
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(name);
      if (!value.equals(name)) {
        out.append("=\"");
        escape(value, out);
        out.append('"');
      }
    }
    out.append('>');
  }

  /** The whole text, with the doctype; fails when an element is still open. */
  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("<" + open.peek() + "> is still open");
    }
    return "<!DOCTYPE html>\n" + out;
  }

  /** Escapes text for an HTML text node or a double-quoted attribute value. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    escape(text, b);
    return b.toString();
  }

  private static void escape(String text, StringBuilder b) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
  }
}
