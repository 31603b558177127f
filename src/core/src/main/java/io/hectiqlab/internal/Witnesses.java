package io.hectiqlab.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds witness documents: minimal documents valid under one schema, changed at one place so that
 * another schema rejects them, each checked by the real validator before it is returned. Bounded
 * (attempts, generated sizes and depth), so a hostile schema cannot make it hang.
 */
public final class Witnesses {
  private Witnesses() {}

  /**
   * A proven witness.
   *
   * @param document valid under {@code from}, invalid under {@code to}
   * @param violation the first violation {@code to} reports that lies at or below the probed path's
   *     parent, as {@link SchemaEngine.Finding#describe()} prints it
   */
  public record Found(JsonNode document, String violation) {}

  /**
   * Tries the probes in order, then this class's own attempts at {@code instancePath}, and returns
   * the first document the validator accepts under {@code from} and rejects under {@code to} with a
   * violation at or below the instance path's parent; null when none could be built.
   */
  public static @Nullable Found find(
      SchemaEngine.Compiled from,
      SchemaEngine.Compiled to,
      List<Probe> probes,
      List<String> instancePath) {
    throw new UnsupportedOperationException("built by the witness part");
  }

  /**
   * The lenient reading of a schema, compiled: the schema and every document its refs reach, with
   * {@code "additionalProperties": false} added where {@link SchemaDiff#closedWhenLenient} says.
   */
  public static SchemaEngine.Compiled closed(SchemaEngine.Compiled schema) {
    throw new UnsupportedOperationException("built by the witness part");
  }

  /**
   * The one way a witness document prints: JSON on one line with a space after each {@code :} and
   * {@code ,}, such as {@code {"optimizer": {"lr": 0.75}}}.
   */
  public static String show(JsonNode document) {
    throw new UnsupportedOperationException("built by the witness part");
  }
}
