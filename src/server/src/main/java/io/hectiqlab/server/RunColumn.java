package io.hectiqlab.server;

import io.hectiqlab.internal.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * A column of a project's runs table, which is also what a filter compares: an attribute of the run
 * ({@code name}, {@code created}, {@code versions}, {@code last_push}, {@code template}) or the
 * value at a path of the run's latest config ({@code config.optimizer.lr}) or of its metadata
 * ({@code meta.accuracy}). A path segment holding characters other than letters, digits, {@code _}
 * and {@code -} (a key with a dot, a space) is written in double quotes: {@code config."a.b".c}.
 * Immutable.
 *
 * @param source where the value comes from
 * @param path for {@link Source#RUN} the attribute's name (one element); otherwise the keys (and
 *     array indices, as digits) from the root of the config or metadata, never empty
 */
record RunColumn(Source source, List<String> path) {
  /** Where a column's value comes from. */
  enum Source {
    /** An attribute of the run itself. */
    RUN,
    /** The run's latest config version. */
    CONFIG,
    /** The run's metadata. */
    META
  }

  /** The run attributes, by name. */
  static final List<String> ATTRIBUTES =
      List.of("name", "created", "versions", "last_push", "template");

  /** The default sort: newest run first. */
  static final RunColumn CREATED = new RunColumn(Source.RUN, List.of("created"));

  RunColumn {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a column needs a path");
    }
    if (source == Source.RUN && (path.size() != 1 || !ATTRIBUTES.contains(path.get(0)))) {
      throw new IllegalArgumentException("no run attribute '" + String.join(".", path) + "'");
    }
  }

  /**
   * Reads a column as written in a URL or a filter: {@code created}, {@code config.optimizer.lr},
   * {@code meta."a.b"}. The first segment is a bare word; a later one is bare (ASCII letters,
   * digits, {@code _}, {@code -}) or in double quotes, where a backslash escapes {@code \"}, {@code
   * \'} and {@code \\} (any other escape is refused). Nothing may surround the column, not even a
   * space.
   *
   * @throws IllegalArgumentException naming what is wrong, for a malformed column: {@code column
   *     'config.' at character 8: expected a key after 'config.'}, {@code unknown column 'foo'
   *     (...)}
   */
  static RunColumn parse(String text) {
    if (text.codePointCount(0, text.length()) > RunFilter.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "column "
              + Printable.quote(text)
              + ": longer than "
              + RunFilter.MAX_LENGTH
              + " characters");
    }
    int[] chars = text.codePoints().toArray();
    try {
      if (chars.length == 0 || !isWordChar(chars[0])) {
        throw new RunFilter.SyntaxError(1, "expected a column name");
      }
      Read read = read(chars, 0);
      if (read.end() < chars.length) {
        throw new RunFilter.SyntaxError(
            read.end() + 1,
            "unexpected "
                + Printable.quote(Character.toString(chars[read.end()]))
                + " after the column");
      }
      return of(read.segments());
    } catch (RunFilter.SyntaxError e) {
      throw new IllegalArgumentException(
          "column " + Printable.quote(text) + " at character " + e.column() + ": " + e.problem(),
          e);
    }
  }

  /**
   * The column named by its segments as {@link #read} returns them: a run attribute alone, or
   * {@code config} or {@code meta} followed by at least one key.
   *
   * @throws IllegalArgumentException naming the unknown column
   */
  static RunColumn of(List<String> segments) {
    String first = segments.get(0);
    Source source =
        switch (first) {
          case "config" -> Source.CONFIG;
          case "meta" -> Source.META;
          default -> Source.RUN;
        };
    if (source == Source.RUN) {
      if (!ATTRIBUTES.contains(first)) {
        throw new IllegalArgumentException(
            "unknown column "
                + Printable.quote(first)
                + " (a column is one of "
                + String.join(", ", ATTRIBUTES)
                + ", config.KEY, meta.KEY)");
      }
      if (segments.size() > 1) {
        throw new IllegalArgumentException(
            "the run attribute " + Printable.quote(first) + " has no keys");
      }
      return new RunColumn(source, segments);
    }
    if (segments.size() == 1) {
      throw new IllegalArgumentException(
          "the column " + Printable.quote(first) + " needs a key: " + first + ".KEY");
    }
    return new RunColumn(source, segments.subList(1, segments.size()));
  }

  /** Segments read from a text and the index (in code points) just after the last one. */
  record Read(List<String> segments, int end) {}

  /**
   * Reads the segments of a column starting at {@code chars[start]}, which must be a {@link
   * #isWordChar word character}: a bare word, then any number of {@code .} followed by a bare word
   * or a double-quoted key. Stops at the first code point that continues none of them.
   *
   * @param chars the text as code points
   * @throws RunFilter.SyntaxError at a dot without a key, an unclosed quote or a bad escape
   */
  static Read read(int[] chars, int start) {
    List<String> segments = new ArrayList<>();
    int i = bareEnd(chars, start);
    segments.add(new String(chars, start, i - start));
    while (i < chars.length && chars[i] == '.') {
      i++;
      if (i < chars.length && isWordChar(chars[i])) {
        int end = bareEnd(chars, i);
        segments.add(new String(chars, i, end - i));
        i = end;
      } else if (i < chars.length && chars[i] == '"') {
        Quoted key = quoted(chars, i);
        segments.add(key.value());
        i = key.end();
      } else {
        throw new RunFilter.SyntaxError(
            i + 1, "expected a key after " + Printable.quote(new String(chars, start, i - start)));
      }
    }
    return new Read(List.copyOf(segments), i);
  }

  /** A quoted text's value and the index just after its closing quote. */
  record Quoted(String value, int end) {}

  /**
   * Reads a text in quotes starting at {@code chars[start]} (the quote, {@code "} or {@code '}), up
   * to the same quote; a backslash escapes {@code "}, {@code '} and itself, and nothing else.
   *
   * @throws RunFilter.SyntaxError at the opening quote when it is never closed, at the backslash of
   *     an unknown escape
   */
  static Quoted quoted(int[] chars, int start) {
    int quote = chars[start];
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < chars.length) {
      int c = chars[i];
      if (c == quote) {
        return new Quoted(value.toString(), i + 1);
      }
      if (c == '\\') {
        if (i + 1 >= chars.length) {
          break;
        }
        int escaped = chars[i + 1];
        if (escaped != '"' && escaped != '\'' && escaped != '\\') {
          throw new RunFilter.SyntaxError(
              i + 1,
              "unknown escape "
                  + Printable.quote("\\" + Character.toString(escaped))
                  + " (a backslash escapes only \\, \" and '; write \\\\ for a backslash)");
        }
        value.appendCodePoint(escaped);
        i += 2;
      } else {
        value.appendCodePoint(c);
        i++;
      }
    }
    throw new RunFilter.SyntaxError(
        start + 1, "unclosed string: no " + Character.toString(quote) + " after it");
  }

  /**
   * Whether a code point may be part of a bare segment: an ASCII letter, digit, {@code _}, {@code
   * -}.
   */
  static boolean isWordChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private static int bareEnd(int[] chars, int start) {
    int i = start;
    while (i < chars.length && isWordChar(chars[i])) {
      i++;
    }
    return i;
  }

  /** The column as {@link #parse} reads it (segments quoted where needed). */
  @Override
  public String toString() {
    if (source == Source.RUN) {
      return path.get(0);
    }
    StringBuilder out = new StringBuilder(source == Source.CONFIG ? "config" : "meta");
    for (String segment : path) {
      out.append('.');
      if (!segment.isEmpty() && segment.codePoints().allMatch(RunColumn::isWordChar)) {
        out.append(segment);
      } else {
        out.append('"');
        segment
            .codePoints()
            .forEach(
                c -> {
                  if (c == '"' || c == '\\') {
                    out.append('\\');
                  }
                  out.appendCodePoint(c);
                });
        out.append('"');
      }
    }
    return out.toString();
  }
}
