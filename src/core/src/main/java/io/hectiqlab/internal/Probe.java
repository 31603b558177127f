package io.hectiqlab.internal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One attempt at a witness for a change, as {@link SchemaDiff} proposes it and {@link Witnesses}
 * tries it: what to do at one place of an otherwise minimal document valid under the version the
 * witness must satisfy.
 *
 * @param path the instance path the operation applies at (keys, array indices as {@code "0"}); the
 *     document gets the parents it needs
 * @param op what to do there
 * @param value the value {@link Op#SET} puts there; null for the other operations
 * @param sampleOf for {@link Op#SET_SAMPLE}: the subschema (of the version the witness must
 *     satisfy) the value put there is generated from; null otherwise
 */
public record Probe(
    List<String> path, Op op, @Nullable JsonNode value, Refs.@Nullable Resolved sampleOf) {

  /** What a probe does at its path. */
  public enum Op {
    /** Puts {@code value} there. */
    SET,
    /** Puts a value generated from {@code sampleOf} there. */
    SET_SAMPLE,
    /** Removes the key (or element) there. */
    DELETE
  }

  /** Checks the components. */
  public Probe {
    path = List.copyOf(path);
    Objects.requireNonNull(op, "op");
    if ((op == Op.SET) != (value != null) || (op == Op.SET_SAMPLE) != (sampleOf != null)) {
      throw new IllegalArgumentException(op + " probe with the wrong operands");
    }
  }

  /** Puts a value at a path. */
  public static Probe set(List<String> path, JsonNode value) {
    return new Probe(path, Op.SET, value, null);
  }

  /** Puts a value generated from a subschema at a path. */
  public static Probe sample(List<String> path, Refs.Resolved schema) {
    return new Probe(path, Op.SET_SAMPLE, null, schema);
  }

  /** Removes what a path holds. */
  public static Probe delete(List<String> path) {
    return new Probe(path, Op.DELETE, null, null);
  }
}
