package io.hectiqlab.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses override arguments in Hydra's grammar: {@code k=v}, {@code +k=v}, {@code ++k=v}, {@code
 * ~k}, {@code ~k=v}. Stateless.
 */
public final class Overrides {
  private Overrides() {}

  /** What an override does. */
  public enum Op {
    /** {@code k=v}: sets a key that exists in the config or the schema. */
    SET,
    /** {@code +k=v}: adds a key that must not exist yet. */
    ADD,
    /** {@code ++k=v}: sets or adds. */
    FORCE,
    /** {@code ~k} deletes; {@code ~k=v} deletes only when the current value equals v. */
    DELETE
  }

  /**
   * One parsed argument: the argument as given, its operation, its path (keys; array indices as
   * {@code "0"}) and its value (null for {@code ~k}).
   */
  public record Override(String argument, Op op, List<String> path, @Nullable JsonNode value) {
    /** Copies the path. */
    public Override {
      path = List.copyOf(path);
    }
  }

  /**
   * Parses one argument.
   *
   * @throws OverrideException when it does not follow the grammar
   */
  public static Override parse(String argument) {
    throw new OverrideException("not implemented yet");
  }
}
