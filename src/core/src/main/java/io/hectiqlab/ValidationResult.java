package io.hectiqlab;

import io.hectiqlab.internal.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating one document against a {@link ConfigSchema}.
 *
 * <p>Immutable and thread-safe. Validation never throws for invalid data: it returns a result whose
 * {@link #violations()} say what is wrong.
 */
public final class ValidationResult {
  private final String origin;
  private final List<Violation> violations;
  private final boolean truncated;

  ValidationResult(String origin, List<Violation> violations, boolean truncated) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.violations = List.copyOf(violations);
    this.truncated = truncated;
  }

  /** Returns true when the document satisfies the template. */
  public boolean isValid() {
    return violations.isEmpty();
  }

  /** Returns the violations in document order; empty when the document is valid. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * Returns what was validated: a file name, or {@code <string>}, {@code <map>} or {@code <config>}
   * for documents that did not come from a file.
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns true when validation stopped at the violation limit, so that more violations may exist
   * than {@link #violations()} lists.
   */
  public boolean truncated() {
    return truncated;
  }

  /**
   * Throws {@link ConfigException.Invalid} when the document is invalid.
   *
   * @return this result, when valid
   */
  public ValidationResult orThrow() {
    if (!isValid()) {
      throw new ConfigException.Invalid(this);
    }
    return this;
  }

  /**
   * Returns the violations one per line, as the command line prints them, or {@code "<origin>:
   * valid"} when there are none; the {@link Violation#details()} of a failed {@code oneOf} or
   * {@code anyOf} follow its line, indented by two spaces per level. Control characters in file
   * names, keys and messages are escaped ({@link Violation#toString()}), so each line is one
   * violation.
   */
  @Override
  public String toString() {
    if (violations.isEmpty()) {
      return Printable.escape(origin) + ": valid";
    }
    List<String> lines = new ArrayList<>();
    for (Violation v : violations) {
      append(lines, v, "");
    }
    String text = String.join("\n", lines);
    return truncated
        ? text + "\n" + Printable.escape(origin) + ": more violations not shown"
        : text;
  }

  private void append(List<String> lines, Violation v, String indent) {
    lines.add(indent + (v.source() == null ? Printable.escape(origin) + ": " + v : v.toString()));
    for (Violation d : v.details()) {
      append(lines, d, indent + "  ");
    }
  }
}
