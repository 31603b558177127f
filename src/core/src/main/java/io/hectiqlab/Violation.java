package io.hectiqlab;

import io.hectiqlab.internal.Printable;
import io.hectiqlab.internal.SchemaEngine;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way in which a document fails its template.
 *
 * <p>Immutable and thread-safe.
 *
 * @param instancePath where in the document, as a JSON Pointer ({@code ""} is the root, {@code
 *     /optimizer/lr} a nested value)
 * @param keyword the JSON Schema keyword that failed, for example {@code maximum}
 * @param message a readable explanation, for example {@code must be at most 1}
 * @param source the file or origin the document came from, or {@code null} when it was built in
 *     memory
 * @param line the 1-based line of the offending value in {@code source}, or 0 when unknown
 * @param column the 1-based column of the offending value in {@code source}, or 0 when unknown
 * @param details for a failed {@code oneOf} or {@code anyOf} (whose message names the closest
 *     alternative), that alternative's own violations; empty for every other violation
 */
public record Violation(
    String instancePath,
    String keyword,
    String message,
    @Nullable String source,
    int line,
    int column,
    List<Violation> details) {

  /** Checks the components and copies the details. */
  public Violation {
    Objects.requireNonNull(instancePath, "instancePath");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(message, "message");
    details = List.copyOf(details);
  }

  /**
   * A violation without details.
   *
   * @param instancePath where in the document, as a JSON Pointer
   * @param keyword the JSON Schema keyword that failed
   * @param message a readable explanation
   * @param source the file or origin the document came from, or {@code null}
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   */
  public Violation(
      String instancePath,
      String keyword,
      String message,
      @Nullable String source,
      int line,
      int column) {
    this(instancePath, keyword, message, source, line, column, List.of());
  }

  /**
   * Returns where the offending value is ({@link Location#toString()} prints {@code
   * source:line:column}, or {@code source} alone when no position is known), or {@code null} for
   * documents built in memory.
   */
  public @Nullable Location location() {
    return source == null ? null : new Location(source, line, column);
  }

  /**
   * Returns the violation as one line, the way a compiler prints errors: {@code train.yaml:12:7:
   * /optimizer/lr: must be at most 1 (maximum)}; {@link #details()} are not included ({@link
   * ValidationResult#toString()} prints them indented below). Control characters (from a file name,
   * a key or a value quoted in the message) are escaped, {@code \n} as {@code \\n} and others as
   * {@code \\u001b}, so one violation is always one line.
   */
  @Override
  public String toString() {
    Location where = location();
    return Printable.escape(
        (where == null ? "" : where + ": ")
            + SchemaEngine.Finding.describe(instancePath, message, keyword));
  }
}
