package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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

  /**
   * Why a variable was not used; {@code path} is the path it names (for an unknown setting, the
   * path tried), empty when it names none (an empty level).
   */
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
   * The variables of {@code environment} whose names start with {@code prefix} (case-sensitive), in
   * the order of their names. The rest of a name is split on {@code __} into levels, each matched
   * against the schema: a declared property ignoring case ({@link SchemaPaths#property}: {@code
   * APP_DATASET__BATCH_SIZE} is {@code dataset.batch_size}), else a key the schema admits as
   * written (an array index such as {@code 0}, a {@code patternProperties} key), else, at a level
   * that declares no properties (a map), the segment lowercased ({@link SchemaPaths#mapKey}). The
   * value is converted by {@link SchemaPaths#convert}.
   *
   * <p>Problems, each naming the variable: a name {@link #levels} refuses, a name that reaches no
   * declared setting ({@code unknown setting server.prot; did you mean APP_SERVER__PORT
   * (server.port)?}, with the path tried: the known levels as the schema spells them, the others
   * lowercased), a value of the wrong type (the conversion's message, without a secret's value).
   */
  public static Result read(String prefix, Map<String, String> environment, SchemaPaths schema) {
    List<Value> values = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      String variable = e.getKey();
      if (!variable.startsWith(prefix)) {
        continue;
      }
      String[] segments;
      try {
        segments = levels(prefix, variable);
      } catch (IllegalArgumentException bad) {
        problems.add(new Problem(variable, List.of(), bad.getMessage()));
        continue;
      }
      List<String> path = new ArrayList<>();
      String unknown = null;
      for (int i = 0; i < segments.length; i++) {
        String key = key(schema, path, segments[i]);
        if (key == null) {
          for (int j = i; j < segments.length; j++) {
            path.add(segments[j].toLowerCase(Locale.ROOT));
          }
          unknown = unknown(prefix, path, schema);
          break;
        }
        path.add(key);
      }
      if (unknown != null) {
        problems.add(new Problem(variable, path, unknown));
        continue;
      }
      try {
        values.add(new Value(variable, path, schema.convert(path, e.getValue())));
      } catch (ConversionException bad) {
        problems.add(new Problem(variable, path, bad.getMessage()));
      }
    }
    return new Result(values, problems);
  }

  /**
   * The levels of a variable name after the prefix, split on {@code __} (the one reading of a
   * variable name, typed or not).
   *
   * @throws IllegalArgumentException with the problem: an empty level ({@code APP_A____B}, a
   *     trailing or leading {@code __}, the prefix alone), or more levels than the nesting limit
   *     ({@link Documents#pathTooDeep})
   */
  public static String[] levels(String prefix, String variable) {
    String[] segments = variable.substring(prefix.length()).split("__", -1);
    if (Arrays.asList(segments).contains("")) {
      throw new IllegalArgumentException(
          "empty level in the variable name (after the prefix "
              + Printable.quote(prefix)
              + ", levels are separated by one '__')");
    }
    if (Documents.pathTooDeep(1, segments.length)) {
      throw new IllegalArgumentException(
          "the variable name has " + segments.length + " levels: " + Documents.TOO_DEEP);
    }
    return segments;
  }

  /** The key one level of a variable name stands for below {@code parent}, or null. */
  private static String key(SchemaPaths schema, List<String> parent, String segment) {
    String declared = schema.property(parent, segment);
    if (declared != null) {
      return declared;
    }
    String mapKey = schema.mapKey(parent, segment);
    if (mapKey != null) {
      return mapKey;
    }
    List<String> exact = new ArrayList<>(parent);
    exact.add(segment);
    return schema.declares(exact) ? segment : null;
  }

  /** The problem of a name that reaches no setting, with the variable to use when one is close. */
  private static String unknown(String prefix, List<String> path, SchemaPaths schema) {
    String message = "unknown setting " + Printable.escape(DottedPaths.join(path));
    List<String> best = schema.closestPath(path);
    if (best == null) {
      return message;
    }
    return message
        + "; did you mean "
        + Printable.escape(variable(prefix, best))
        + " ("
        + Printable.escape(DottedPaths.join(best))
        + ")?";
  }

  /** The variable that sets {@code path}: the prefix, then the keys upper-cased, joined by __. */
  public static String variable(String prefix, List<String> path) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        sb.append("__");
      }
      sb.append(path.get(i).toUpperCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
