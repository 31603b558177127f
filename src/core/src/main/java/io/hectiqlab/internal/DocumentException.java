package io.hectiqlab.internal;

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

  DocumentException(String origin, int line, int column, String problem, Throwable cause) {
    super(problem, cause);
    this.origin = origin;
    this.line = line;
    this.column = column;
    this.problem = problem;
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
    if (line <= 0) {
      return origin;
    }
    return origin + ":" + line + (column > 0 ? ":" + column : "");
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
