package io.hectiqlab.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code ${...}} references in the string values of a composed Jackson tree, in place.
 * Stateless and thread-safe (each call works on its own tree).
 *
 * <ul>
 *   <li>{@code ${a.b.0.c}}: another value of the tree, by absolute dotted path (Config's path
 *       syntax: keys joined by {@code .}, {@code \.} and {@code \\} escape a dot and a backslash in
 *       a key, array items by index). When the reference is the whole string, the result keeps the
 *       referenced value's type (objects and arrays are copied); embedded in longer text, scalars
 *       are inserted as text (numbers as JSON writes them, {@code true}, {@code null}).
 *   <li>{@code ${env:VAR}} and {@code ${env:VAR:-default}}: an environment variable, with an
 *       optional default (which may be empty, and may itself contain references). A whole-string
 *       env reference is typed by {@code convertEnv(pointer, text)}; embedded ones stay text.
 *   <li><code>$${</code> is a literal <code>${</code>.
 * </ul>
 *
 * <p>Work in progress: the full semantics and limits follow with the implementation.
 */
public final class Interpolation {
  private Interpolation() {}

  /**
   * A string that could not be resolved.
   *
   * @param pointer the JSON Pointer of the string that failed
   * @param message what went wrong, starting with the reference as written when there is one
   */
  public record Problem(String pointer, String message) {}

  /**
   * The outcome of {@link #resolve}.
   *
   * @param problems every problem, in document order; empty when every string resolved
   * @param resolved the JSON Pointer of each string that was interpolated, to its text as written
   *     (in document order), for {@code explain}
   */
  public record Result(List<Problem> problems, Map<String, String> resolved) {}

  /**
   * Resolves every {@code ${...}} in the string values of {@code root}, replacing each string by
   * its result. Keys are never interpolated.
   *
   * @param root the composed tree, changed in place
   * @param literal true for the JSON Pointer of a string to keep exactly as written (not resolved,
   *     not unescaped)
   * @param env the environment: a variable's value, or null when it is not set
   * @param convertEnv types the text of a whole-string env reference by the schema at the pointer;
   *     a RuntimeException it throws becomes a Problem with its message
   * @return the problems and the strings resolved
   */
  public static Result resolve(
      ObjectNode root,
      Predicate<String> literal,
      Function<String, @Nullable String> env,
      BiFunction<String, String, JsonNode> convertEnv) {
    throw new UnsupportedOperationException("Interpolation.resolve: not implemented yet");
  }
}
