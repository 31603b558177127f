package io.hectiqlab.internal;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the environment variables under a prefix as typed values at schema paths: {@code
 * APP_SERVER__PORT=8081} sets {@code server.port}. Stateless.
 */
public final class EnvLayer {
  private EnvLayer() {}

  /** One variable's value at its path. */
  public record Value(String variable, List<String> path, JsonNode value) {
    /** Copies the path. */
    public Value {
      path = List.copyOf(path);
    }
  }

  /** Why a variable was not used; {@code path} is empty when it names no path. */
  public record Problem(String variable, List<String> path, String message) {
    /** Copies the path. */
    public Problem {
      path = List.copyOf(path);
    }
  }

  /** The values and problems, each ordered by variable name. */
  public record Result(List<Value> values, List<Problem> problems) {
    /** Copies the lists. */
    public Result {
      values = List.copyOf(values);
      problems = List.copyOf(problems);
    }
  }

  /**
   * The variables of {@code environment} whose names start with {@code prefix} (case-sensitive),
   * the rest split on {@code __} into levels matched with {@link SchemaPaths#property} and the
   * value converted with {@link SchemaPaths#convert}.
   */
  public static Result read(String prefix, Map<String, String> environment, SchemaPaths schema) {
    return new Result(List.of(), List.of());
  }
}
