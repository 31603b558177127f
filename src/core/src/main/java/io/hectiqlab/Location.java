package io.hectiqlab;

import java.util.Objects;

/**
 * Where in a document something was found: the origin (a file as given, or a name such as {@code
 * <string>} or {@code <stdin>}), and the 1-based line and column when known.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the one way hectiqlab prints a location,
 * compiler style: {@code train.yaml:12:7}, {@code train.yaml:12} when only the line is known, and
 * {@code train.yaml} alone when no position is known. Messages read {@code location: path:
 * problem}, where the path is a JSON Pointer or a dotted path and the document root, whose path is
 * empty, is printed as {@value #ROOT} ({@link #path(String)}): {@code train.yaml:1:1: (root): must
 * be object (type)}.
 *
 * @param origin the file as given, or a name such as {@code <string>}
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown (also 0 whenever the line is unknown)
 */
public record Location(String origin, int line, int column) {
  /** How messages name the document root, whose path is empty. */
  public static final String ROOT = "(root)";

  /** Checks the origin and normalizes unknown positions to 0. */
  public Location {
    Objects.requireNonNull(origin, "origin");
    line = Math.max(line, 0);
    column = line == 0 ? 0 : Math.max(column, 0);
  }

  /**
   * Returns a path as messages print it: the path itself, or {@value #ROOT} for the empty path.
   *
   * @param path a JSON Pointer or dotted path, {@code ""} for the root
   * @return the path to print
   */
  public static String path(String path) {
    return path.isEmpty() ? ROOT : path;
  }

  /** Returns {@code origin:line:column}, leaving out what is unknown. */
  @Override
  public String toString() {
    if (line == 0) {
      return origin;
    }
    return column == 0 ? origin + ":" + line : origin + ":" + line + ":" + column;
  }
}
