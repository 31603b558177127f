package io.hectiqlab.internal;

import io.hectiqlab.Location;

/**
 * A document could not be read; carries the origin and position so that the public layer can report
 * {@code origin:line:column: problem}.
 */
public final class DocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String origin;
  private final int line;
  private final int column;
  private final String problem;
  private final boolean io;

  DocumentException(String origin, int line, int column, String problem, Throwable cause) {
    this(origin, line, column, problem, cause, false);
  }

  private DocumentException(
      String origin, int line, int column, String problem, Throwable cause, boolean io) {
    super(problem, cause);
    this.origin = origin;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.io = io;
  }

  /**
   * A file named {@code origin} could not be read (missing, a directory, unreadable, too large, not
   * a regular file): the public layer reports it as {@code ConfigException.Io}.
   */
  static DocumentException io(String origin, String reason, Throwable cause) {
    return new DocumentException(origin, 0, 0, reason, cause, true);
  }

  /** True when a file could not be read, as opposed to read text that is not a document. */
  public boolean isIo() {
    return io;
  }

  /** The file or pseudo-origin that was read. */
  public String origin() {
    return origin;
  }

  /** The 1-based line, or 0. */
  public int line() {
    return line;
  }

  /** The 1-based column, or 0. */
  public int column() {
    return column;
  }

  /** Returns {@code origin:line:column}, leaving out what is unknown. */
  public String location() {
    return new Location(origin, line, column).toString();
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /**
   * Returns this failure worded without any of the input: for a file the user did not name (one
   * reached through a {@code $ref}), whose content must never reach a message. A problem that
   * quotes input (in {@code '}, {@code "} or {@code `}) keeps its first words and its position:
   * {@code key.json:1:1: invalid JSON (content not shown for a file reached through $ref)}.
   */
  public DocumentException withoutInput() {
    if (!quotes(problem)) {
      return this;
    }
    int colon = problem.indexOf(':');
    String head = colon > 0 ? problem.substring(0, colon) : "";
    if (head.isEmpty() || quotes(head)) {
      head = "not a readable document";
    }
    return new DocumentException(
        origin,
        line,
        column,
        head + " (content not shown for a file reached through $ref)",
        null,
        io);
  }

  private static boolean quotes(String text) {
    return text.indexOf('\'') >= 0 || text.indexOf('"') >= 0 || text.indexOf('`') >= 0;
  }
}
