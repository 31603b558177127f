package io.hectiqlab.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

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

  /** The forms, as errors list them. */
  static final String FORMS = "key=value, +key=value, ++key=value, ~key or ~key=value";

  /**
   * Parses one argument. The key is a dotted path in {@code Config}'s syntax ({@code a.b}, {@code
   * \\.} for a dot inside a key, list indices as numbers: {@code layers.0.name}); the key ends at
   * the first {@code =}. The value is read as JSON when the text is one JSON value ({@code 8080},
   * {@code true}, {@code null}, {@code [1, 2]}, {@code "8080"} for the string), else it is the text
   * itself ({@code adam}); {@code k=} sets the empty string. {@code ~k} deletes {@code k}; {@code
   * ~k=v} deletes it only when its current value equals {@code v}.
   *
   * @throws OverrideException when it does not follow the grammar (the message shows the argument
   *     up to its {@code =}, never the value): no {@code =} in a set or add, an empty key, a key
   *     that starts with {@code +} or {@code ~} after the operator ({@code +~k}, {@code ~+k},
   *     {@code +++k}), a bad dotted path ({@code a..b}), a path deeper than the nesting limit
   *     ({@link Documents#pathTooDeep}), or a JSON value over the document limits (nesting, size)
   */
  public static Override parse(String argument) {
    Op op;
    String rest;
    if (argument.startsWith("++")) {
      op = Op.FORCE;
      rest = argument.substring(2);
    } else if (argument.startsWith("+")) {
      op = Op.ADD;
      rest = argument.substring(1);
    } else if (argument.startsWith("~")) {
      op = Op.DELETE;
      rest = argument.substring(1);
    } else {
      op = Op.SET;
      rest = argument;
    }
    if (rest.startsWith("+") || rest.startsWith("~")) {
      throw bad(argument, "a key cannot start with '+' or '~' (the forms are " + FORMS + ")");
    }
    int eq = rest.indexOf('=');
    String key = eq < 0 ? rest : rest.substring(0, eq);
    if (key.isEmpty()) {
      throw bad(argument, "empty key (the forms are " + FORMS + ")");
    }
    if (eq < 0 && op != Op.DELETE) {
      throw bad(
          argument,
          "missing '=value' (the forms are "
              + FORMS
              + "; "
              + Printable.quote(key + "=")
              + " sets the empty string)");
    }
    List<String> path;
    try {
      path = List.of(DottedPaths.split(key));
    } catch (IllegalArgumentException e) {
      throw bad(argument, key + ": " + e.getMessage());
    }
    if (Documents.pathTooDeep(1, path.size())) {
      throw bad(argument, "the key has " + path.size() + " levels: " + Documents.TOO_DEEP);
    }
    JsonNode value = eq < 0 ? null : value(argument, rest.substring(eq + 1));
    return new Override(argument, op, path, value);
  }

  private static JsonNode value(String argument, String text) {
    if (text.isEmpty()) {
      return JsonNodeFactory.instance.stringNode("");
    }
    try {
      return SchemaPaths.parse(text);
    } catch (DocumentException e) {
      if (SchemaPaths.isLimit(e)) {
        throw bad(argument, "value: " + e.problem());
      }
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  /**
   * The error about an argument, which shows the argument up to its {@code =} only: the value may
   * be a secret, and which keys are secret is not known here.
   */
  private static OverrideException bad(String argument, String problem) {
    int eq = argument.indexOf('=');
    String shown = eq < 0 ? argument : argument.substring(0, eq + 1) + "...";
    return new OverrideException("override " + Printable.quote(shown) + ": " + problem);
  }
}
