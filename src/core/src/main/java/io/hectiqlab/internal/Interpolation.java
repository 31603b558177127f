package io.hectiqlab.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Resolves {@code ${...}} references in the string values of a composed Jackson tree, in place.
 * Stateless and thread-safe (each call works on its own tree).
 *
 * <p>Forms:
 *
 * <ul>
 *   <li>{@code ${a.b.0.c}}: another value of the tree, by absolute dotted path in {@link
 *       DottedPaths}' syntax, Config's (keys joined by {@code .}; {@code \.} and {@code \\} for a
 *       dot and a backslash inside a key; an array item by its index). When the reference is the
 *       whole string, the result keeps the referenced value's type: number, boolean, null, string,
 *       or a copy of an object or array. Embedded in longer text, a scalar is inserted as text (a
 *       number as JSON writes it, {@code true}/{@code false}, {@code null}); an object or array
 *       embedded in text is a problem.
 *   <li>{@code ${env:VAR}} and {@code ${env:VAR:-default}}: an environment variable; the default
 *       (after the first {@code :-}) is used, as in the shell, when the variable is not set or is
 *       empty, and may itself be empty. A whole-string env reference is typed by {@code
 *       convertEnv(pointer, text)} (the schema's type at that pointer); embedded in longer text it
 *       stays text. The default may itself contain references ({@code ${env:HOST:-${server.host}}},
 *       {@code ${env:A:-${env:B:-x}}}), resolved as text; nowhere else may a reference contain
 *       <code>${
 *       </code>.
 *   <li><code>$${</code> is a literal <code>${</code> (the escape is removed, also inside a
 *       default); any other {@code $} is itself ({@code $$5} stays {@code $$5}, <code>$$${a}</code>
 *       becomes <code>$${a}</code>).
 * </ul>
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Only string values are interpolated, never keys; a string without <code>${</code> is left
 *       alone. A string at a JSON Pointer for which {@code literal} is true is kept exactly as
 *       written, and a reference to it yields that text.
 *   <li>A referenced string that itself contains references is resolved first (once); a path may go
 *       through such a string ({@code ${a.b}} where {@code a} is <code>"${c}"</code> and {@code c}
 *       an object). The result of a reference is never interpolated again, and a copied object
 *       keeps the strings it has (already resolved, or literal).
 *   <li>The text between <code>${</code> and the matching <code>}</code> is the reference (so a key
 *       or a default cannot contain <code>}</code>). A reference that starts with a name ({@code
 *       [A-Za-z][A-Za-z0-9_-]*}) and {@code :} names a resolver; {@code env} is the only one (a key
 *       such as {@code a:b} cannot be the first key of a path).
 * </ul>
 *
 * <p>Problems come each once, in document order, each with the JSON Pointer of the string that
 * failed (a cycle: of its string met first; a limit: of the outermost string being resolved). A
 * string that failed stays as written; a string whose reference leads to one that failed fails too,
 * without a problem of its own. The messages (names quoted and long text cut by {@link Printable}):
 *
 * <ul>
 *   <li>{@code ${server.prot}: server has no key 'prot'; did you mean 'server.port'?} (each missing
 *       key replaced by the closest one by {@link Messages#suggest}'s rule, as far as that leads),
 *       {@code ${sever.port}: no top-level key 'sever'; did you mean 'server.port'?}, {@code
 *       ${list.5}: list has no item 5 (it has 2 items)}, {@code ${list.x}: list is an array; 'x' is
 *       not an index}, {@code ${a.b.c}: a.b is a number, not an object or array}
 *   <li>{@code ${env:VAR}: environment variable VAR is not set}; {@code ${env:PORT}: } followed by
 *       the message of {@code convertEnv}'s exception
 *   <li>{@code cycle: a -> b -> a} (dotted paths; a path that names an object or array whose
 *       strings refer back to it is part of the cycle)
 *   <li>{@code ${a}: a is an object, which cannot be embedded in text; make the reference the whole
 *       string}
 *   <li>{@code unterminated reference '${a.b' (no closing '}')}, {@code ${}: empty reference},
 *       {@code ${foo:x}: unknown resolver 'foo' (the only one is env)}, {@code ${a.${b}}: a path
 *       cannot contain a reference (only an env default can)}, {@code ${env:}: empty variable
 *       name}, {@code ${env:A:b}: ':' in a variable name (a default is written ${env:A:-b})}, and a
 *       bad path's own problem ({@code ${a..b}: empty key in path})
 *   <li>{@code result is longer than 1048576 characters}, {@code ${a}: nesting is deeper than 200
 *       levels}, {@code references are nested deeper than 16 levels}, {@code reference chain is
 *       longer than 100 links: a0 -> a1 -> a2 -> ...}, {@code interpolation copied more than
 *       1000000 values; stopped}, {@code interpolation inserted more than 16777216 characters;
 *       stopped}
 * </ul>
 *
 * <p>A string the {@code secret} predicate marks gets {@link #SECRET_SYNTAX} or {@link
 * #SECRET_UNRESOLVED} instead of these messages: they quote parts of the string.
 *
 * <p>Limits, so that hostile input ends with a problem rather than a hang, a StackOverflowError or
 * an OutOfMemoryError: references nested at most {@value #MAX_NESTING} deep inside one string; a
 * chain of references (each one waiting for the next) at most {@value #MAX_CHAIN} links long; each
 * string produced at most {@value #MAX_STRING} characters; in all, at most {@value
 * #MAX_TOTAL_CHARS} characters inserted and {@value #MAX_COPIED} values copied (past either,
 * interpolation stops: the rest stays as written); a copied object or array may not make the tree
 * deeper than {@link Documents#MAX_DEPTH}.
 */
public final class Interpolation {
  /** The deepest nesting of references inside one string (through env defaults). */
  public static final int MAX_NESTING = 16;

  /** The longest chain of references resolved one inside the other. */
  public static final int MAX_CHAIN = 100;

  /** The longest string interpolation may produce, in characters. */
  public static final int MAX_STRING = 1 << 20;

  /** The most characters interpolation may insert in all (from values and variables). */
  public static final int MAX_TOTAL_CHARS = Documents.MAX_BYTES;

  /** The most values (objects, arrays, scalars) whole-string references may copy in all. */
  public static final int MAX_COPIED = 1_000_000;

  /** The most keys compared for did-you-mean suggestions in all (beyond, none are made). */
  private static final int MAX_SUGGESTION_KEYS = 1_000_000;

  private static final Pattern RESOLVER = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):");

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
   * @param resolved the JSON Pointer of each string that was interpolated (replaced by its result),
   *     to its text as written, in document order; for {@code explain}
   */
  public record Result(List<Problem> problems, Map<String, String> resolved) {}

  /**
   * Resolves every {@code ${...}} in the string values of {@code root}, replacing each string by
   * its result (see the class documentation for the forms, problems and limits). A string that
   * fails stays as written.
   *
   * @param root the composed tree, changed in place
   * @param literal true for the JSON Pointer of a string to keep exactly as written (not resolved,
   *     not unescaped)
   * @param env the environment: a variable's value, or null when it is not set
   * @param convertEnv types the text of a whole-string env reference by the schema at the pointer;
   *     a RuntimeException it throws becomes a Problem with its message
   * @param secret true for the JSON Pointer of a secret string: its problems quote no part of it
   *     ({@link #SECRET_SYNTAX}, {@link #SECRET_UNRESOLVED})
   * @return the problems and the strings resolved
   */
  public static Result resolve(
      ObjectNode root,
      Predicate<String> literal,
      Function<String, @Nullable String> env,
      BiFunction<String, String, JsonNode> convertEnv,
      Predicate<String> secret) {
    return new Run(root, literal, env, convertEnv, secret).run();
  }

  /**
   * The problem of a secret string that cannot be parsed (an unterminated or malformed reference):
   * no part of the string is quoted.
   */
  public static final String SECRET_SYNTAX =
      "a reference in this secret value is malformed (the value is not shown)";

  /**
   * The problem of a secret string whose references cannot be resolved: no part of the string, nor
   * the paths or variables it names, is quoted.
   */
  public static final String SECRET_UNRESOLVED =
      "a reference in this secret value cannot be resolved (the value is not shown)";

  // ---------------------------------------------------------------------------------------------
  // Parsing one string into parts

  /** A piece of a string: text, a path reference or an env reference. */
  private sealed interface Part permits Text, Ref, Env {}

  private record Text(String text) implements Part {}

  /** {@code ${a.b}}: {@code written} as in the string, {@code keys} unescaped. */
  private record Ref(String written, String[] keys) implements Part {}

  /** {@code ${env:VAR}} or {@code ${env:VAR:-default}} (then {@code fallback} is non-null). */
  private record Env(String written, String variable, @Nullable List<Part> fallback)
      implements Part {}

  /** A string that cannot be parsed: the message is the whole problem. */
  private static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  /** The parts of {@code s}, escapes removed; {@code depth} is the nesting of {@code s} itself. */
  private static List<Part> parse(String s, int depth) throws ParseError {
    List<Part> parts = new ArrayList<>(2);
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("$${", i)) {
        text.append("${");
        i += 3;
      } else if (s.startsWith("${", i)) {
        int close = close(s, i + 2, depth);
        if (close < 0) {
          throw new ParseError(
              "unterminated reference " + Printable.quote(s.substring(i)) + " (no closing '}')");
        }
        if (text.length() > 0) {
          parts.add(new Text(text.toString()));
          text.setLength(0);
        }
        parts.add(reference(s.substring(i, close + 1), s.substring(i + 2, close), depth + 1));
        i = close + 1;
      } else {
        text.append(s.charAt(i++));
      }
    }
    if (text.length() > 0 || parts.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return parts;
  }

  /**
   * The index of the {@code }} that closes the reference whose content starts at {@code from}, or
   * -1; fails when references nest deeper than {@link #MAX_NESTING}.
   */
  private static int close(String s, int from, int depth) throws ParseError {
    int open = 1;
    int i = from;
    while (i < s.length()) {
      if (s.startsWith("$${", i)) {
        i += 3;
      } else if (s.startsWith("${", i)) {
        open++;
        if (depth + open > MAX_NESTING) {
          throw new ParseError("references are nested deeper than " + MAX_NESTING + " levels");
        }
        i += 2;
      } else if (s.charAt(i) == '}') {
        if (--open == 0) {
          return i;
        }
        i++;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static Part reference(String written, String content, int depth) throws ParseError {
    String shown = shown(written);
    if (content.isEmpty()) {
      throw new ParseError(shown + ": empty reference");
    }
    Matcher m = RESOLVER.matcher(content);
    if (m.lookingAt()) {
      String name = m.group(1);
      if (!name.equals("env")) {
        throw new ParseError(
            shown + ": unknown resolver " + Printable.quote(name) + " (the only one is env)");
      }
      String rest = content.substring(m.end());
      int dash = rest.indexOf(":-");
      int nested = rest.indexOf("${");
      String variable = dash >= 0 && (nested < 0 || dash < nested) ? rest.substring(0, dash) : rest;
      if (variable.contains("${")) {
        throw new ParseError(shown + ": a variable name cannot contain a reference");
      }
      if (variable.isEmpty()) {
        throw new ParseError(shown + ": empty variable name");
      }
      if (variable.indexOf(':') >= 0) {
        throw new ParseError(
            shown
                + ": ':' in a variable name (a default is written "
                + shown(
                    "${env:"
                        + variable.substring(0, variable.indexOf(':'))
                        + ":-"
                        + variable.substring(variable.indexOf(':') + 1)
                        + "}")
                + ")");
      }
      List<Part> fallback =
          variable.length() == rest.length() ? null : parse(rest.substring(dash + 2), depth);
      return new Env(written, variable, fallback);
    }
    if (content.contains("${")) {
      throw new ParseError(shown + ": a path cannot contain a reference (only an env default can)");
    }
    try {
      return new Ref(written, DottedPaths.split(content));
    } catch (IllegalArgumentException e) {
      throw new ParseError(shown + ": " + e.getMessage());
    }
  }

  /** A reference, path or variable as messages show it, unquoted (see {@link Printable}). */
  private static String shown(String s) {
    return Printable.shorten(s, Printable.QUOTED_LENGTH);
  }

  // ---------------------------------------------------------------------------------------------
  // Resolving

  private enum State {
    PENDING,
    ACTIVE,
    DONE,
    FAILED
  }

  /** A string of the original tree that contains {@code ${}. */
  private static final class Slot {
    final int ordinal;
    final String pointer;
    final String path;
    final int depth; // levels of containers above it (root's children: 1)
    final ContainerNode<?> parent;
    final String key;
    final String text;
    State state = State.PENDING;
    int frame;
    @Nullable JsonNode value;

    Slot(
        int ordinal,
        String pointer,
        String path,
        int depth,
        ContainerNode<?> parent,
        String key,
        String text) {
      this.ordinal = ordinal;
      this.pointer = pointer;
      this.path = path;
      this.depth = depth;
      this.parent = parent;
      this.key = key;
      this.text = text;
    }

    void replace(JsonNode v) {
      if (parent instanceof ObjectNode o) {
        o.set(key, v);
      } else {
        ((ArrayNode) parent).set(Integer.parseInt(key), v);
      }
    }
  }

  /** An object or array of the original tree: the slots inside it are {@code [first, end)}. */
  private static final class Group {
    final int first;
    final int end;
    State state = State.PENDING;
    int frame;

    Group(int first, int end) {
      this.first = first;
      this.end = end;
    }
  }

  /** Stops the whole top-level resolution under way (a chain too long) or all of them. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean everything;

    Abort(String message, boolean everything) {
      super(message, null, false, false);
      this.everything = everything;
    }
  }

  private record Found(int ordinal, int sequence, Problem problem) {}

  /**
   * A node to visit while collecting ({@code depth}: the containers above it), or with {@code
   * close} the end of a container whose slots start at {@code first}.
   */
  private record Visit(
      JsonNode node, @Nullable Visit parent, String key, int depth, boolean close, int first) {
    /** The keys from the root's child down to this node (built without recursion). */
    private List<String> keys() {
      List<String> keys = new ArrayList<>(depth);
      for (Visit v = this; v.parent != null; v = v.parent) {
        keys.add(v.key);
      }
      Collections.reverse(keys);
      return keys;
    }

    String pointer() {
      StringBuilder p = new StringBuilder();
      for (String k : keys()) {
        p.append('/').append(Documents.escapePointer(k));
      }
      return p.toString();
    }

    String path() {
      return DottedPaths.join(keys());
    }
  }

  /** One call of {@link #resolve}. */
  private static final class Run {
    final ObjectNode root;
    final Predicate<String> literal;
    final Predicate<String> secret;
    final Function<String, @Nullable String> env;
    final BiFunction<String, String, JsonNode> convertEnv;
    final List<Slot> slots = new ArrayList<>();

    /** The slots by the identity of their parent container, then by key. */
    final Map<JsonNode, Map<String, Slot>> slotAt = new IdentityHashMap<>();

    /** The groups by the identity of their container (copies made later are in none). */
    final Map<JsonNode, Group> groupAt = new IdentityHashMap<>();

    final List<Found> found = new ArrayList<>();
    final Set<Problem> seen = new HashSet<>();

    /** The paths being resolved, outermost first (strings and referenced objects/arrays). */
    final List<String> frames = new ArrayList<>();

    final List<Slot> activeSlots = new ArrayList<>();
    final List<Group> activeGroups = new ArrayList<>();
    long chars;
    long copied;

    /** Keys that did-you-mean may still compare (a bound on its work for hostile input). */
    long suggestions = MAX_SUGGESTION_KEYS;

    Run(
        ObjectNode root,
        Predicate<String> literal,
        Function<String, @Nullable String> env,
        BiFunction<String, String, JsonNode> convertEnv,
        Predicate<String> secret) {
      this.root = root;
      this.literal = literal;
      this.secret = secret;
      this.env = env;
      this.convertEnv = convertEnv;
    }

    Result run() {
      collect();
      for (Slot s : slots) {
        if (s.state != State.PENDING) {
          continue;
        }
        try {
          resolve(s);
        } catch (Abort a) {
          problem(s, a.getMessage());
          for (Slot active : activeSlots) {
            active.state = State.FAILED;
          }
          for (Group active : activeGroups) {
            active.state = State.FAILED;
          }
          activeSlots.clear();
          activeGroups.clear();
          frames.clear();
          if (a.everything) {
            break;
          }
        }
      }
      List<Found> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(Found::ordinal).thenComparingInt(Found::sequence));
      List<Problem> problems = new ArrayList<>(sorted.size());
      for (Found f : sorted) {
        problems.add(f.problem());
      }
      Map<String, String> resolved = new LinkedHashMap<>();
      for (Slot s : slots) {
        if (s.state == State.DONE) {
          resolved.put(s.pointer, s.text);
        }
      }
      return new Result(
          Collections.unmodifiableList(problems), Collections.unmodifiableMap(resolved));
    }

    /**
     * Walks the tree once, in document order, without recursion: its slots, and the groups that
     * hold at least one. Pointers and paths are built only for those.
     */
    private void collect() {
      Deque<Visit> todo = new ArrayDeque<>();
      todo.push(new Visit(root, null, "", 0, false, 0));
      while (!todo.isEmpty()) {
        Visit v = todo.pop();
        if (v.close()) {
          if (slots.size() > v.first()) {
            Group g = new Group(v.first(), slots.size());
            groupAt.put(v.node(), g);
          }
          continue;
        }
        JsonNode node = v.node();
        if (node.isContainer()) {
          todo.push(new Visit(node, v.parent(), v.key(), v.depth(), true, slots.size()));
          List<Visit> children = new ArrayList<>(node.size());
          if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
              children.add(new Visit(e.getValue(), v, e.getKey(), v.depth() + 1, false, 0));
            }
          } else {
            for (int i = 0; i < node.size(); i++) {
              children.add(new Visit(node.get(i), v, Integer.toString(i), v.depth() + 1, false, 0));
            }
          }
          for (int i = children.size() - 1; i >= 0; i--) {
            todo.push(children.get(i));
          }
        } else if (node.isString() && node.stringValue().contains("${")) {
          String pointer = v.pointer();
          if (!literal.test(pointer)) {
            Visit parent = Objects.requireNonNull(v.parent());
            Slot slot =
                new Slot(
                    slots.size(),
                    pointer,
                    v.path(),
                    v.depth(),
                    (ContainerNode<?>) parent.node(),
                    v.key(),
                    node.stringValue());
            slots.add(slot);
            slotAt.computeIfAbsent(parent.node(), k -> new HashMap<>()).put(v.key(), slot);
          }
        }
      }
    }

    private void problem(Slot at, String message) {
      problem(at, message, SECRET_UNRESOLVED);
    }

    /**
     * Records a problem of the string at a slot: {@code message}, or {@code secretMessage} (which
     * quotes nothing) when that string is secret; the one place that rule is applied.
     */
    private void problem(Slot at, String message, String secretMessage) {
      Problem p = new Problem(at.pointer, secret.test(at.pointer) ? secretMessage : message);
      if (seen.add(p)) {
        found.add(new Found(at.ordinal, found.size(), p));
      }
    }

    /** The slot's value, resolving it now if needed; null when it failed (or is in a cycle). */
    private @Nullable JsonNode resolve(Slot s) {
      switch (s.state) {
        case DONE:
          return s.value;
        case FAILED:
          return null;
        case ACTIVE:
          cycle(s, s.frame, s.path);
          return null;
        default:
          break;
      }
      enter(s.path);
      s.state = State.ACTIVE;
      s.frame = frames.size() - 1;
      activeSlots.add(s);
      JsonNode v = evaluate(s);
      activeSlots.remove(activeSlots.size() - 1);
      frames.remove(frames.size() - 1);
      if (v == null) {
        s.state = State.FAILED;
        return null;
      }
      s.value = v;
      s.state = State.DONE;
      s.replace(v);
      return v;
    }

    private void enter(String path) {
      if (frames.size() >= MAX_CHAIN) {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 3; i++) {
          chain.append(shown(frames.get(i))).append(" -> ");
        }
        throw new Abort(
            "reference chain is longer than " + MAX_CHAIN + " links: " + chain + "...", false);
      }
      frames.add(path);
    }

    /** Reports the cycle that starts at frame {@code from} and comes back to {@code path}. */
    private void cycle(Slot at, int from, String path) {
      StringBuilder chain = new StringBuilder("cycle: ");
      for (int i = from; i < frames.size(); i++) {
        chain.append(shown(frames.get(i))).append(" -> ");
      }
      chain.append(shown(path));
      problem(at, chain.toString());
    }

    /** The value of one string; null after its problems were recorded (or a dependency failed). */
    private @Nullable JsonNode evaluate(Slot s) {
      List<Part> parts;
      try {
        parts = parse(s.text, 0);
      } catch (ParseError e) {
        problem(s, e.getMessage(), SECRET_SYNTAX);
        return null;
      }
      if (parts.size() == 1 && parts.get(0) instanceof Ref r) {
        JsonNode target = target(s, r);
        if (target == null || !target.isContainer()) {
          return target;
        }
        return copy(s, r, target);
      }
      if (parts.size() == 1 && parts.get(0) instanceof Env e) {
        String text = env(s, e);
        if (text == null) {
          return null;
        }
        JsonNode typed;
        try {
          typed = convertEnv.apply(s.pointer, text);
        } catch (RuntimeException x) {
          String why = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
          problem(s, shown(e.written()) + ": " + why);
          return null;
        }
        if (typed == null) {
          return StringNode.valueOf(text);
        }
        JsonNode placed = typed.isContainer() ? copy(typed, s.depth + 1) : typed;
        if (placed == null) {
          problem(s, shown(e.written()) + ": " + Documents.TOO_DEEP);
        }
        return placed;
      }
      String text = text(s, parts);
      return text == null ? null : StringNode.valueOf(text);
    }

    /** The parts as one text (references embedded); null when one of them failed. */
    private @Nullable String text(Slot s, List<Part> parts) {
      StringBuilder out = new StringBuilder();
      boolean ok = true;
      for (Part p : parts) {
        String piece;
        if (p instanceof Text t) {
          piece = t.text();
        } else if (p instanceof Ref r) {
          JsonNode v = target(s, r);
          if (v == null) {
            ok = false;
            continue;
          }
          if (v.isContainer()) {
            problem(
                s,
                shown(r.written())
                    + ": "
                    + path(r.keys(), r.keys().length)
                    + " is "
                    + kind(v)
                    + ", which cannot be embedded in text; make the reference the whole string");
            ok = false;
            continue;
          }
          piece = v.isString() ? v.stringValue() : v.toString();
          inserted(piece);
        } else {
          piece = env(s, (Env) p);
          if (piece == null) {
            ok = false;
            continue;
          }
        }
        if (out.length() + (long) piece.length() > MAX_STRING) {
          problem(s, "result is longer than " + MAX_STRING + " characters");
          return null;
        }
        out.append(piece);
      }
      return ok ? out.toString() : null;
    }

    /** Counts text taken from another value or a variable against {@link #MAX_TOTAL_CHARS}. */
    private void inserted(String piece) {
      chars += piece.length();
      if (chars > MAX_TOTAL_CHARS) {
        throw new Abort(
            "interpolation inserted more than " + MAX_TOTAL_CHARS + " characters; stopped", true);
      }
    }

    /**
     * The variable's value, else (not set, or set but empty, as the shell's {@code :-}) its default
     * as text; null after recording why not.
     */
    private @Nullable String env(Slot s, Env e) {
      String v = env.apply(e.variable());
      if (v != null && (!v.isEmpty() || e.fallback() == null)) {
        inserted(v);
        return v;
      }
      if (e.fallback() == null) {
        problem(
            s,
            shown(e.written()) + ": environment variable " + shown(e.variable()) + " is not set");
        return null;
      }
      return text(s, e.fallback());
    }

    /**
     * The value a path names, resolving the strings on the way (and, when it names an object or
     * array, every string inside it); null after recording why not.
     */
    private @Nullable JsonNode target(Slot s, Ref r) {
      String[] keys = r.keys();
      JsonNode node = root;
      for (int i = 0; i < keys.length; i++) {
        String key = keys[i];
        JsonNode next;
        if (node instanceof ObjectNode o) {
          next = o.get(key);
          if (next == null) {
            problem(s, shown(r.written()) + ": " + missing(o, keys, i));
            return null;
          }
        } else if (node instanceof ArrayNode a) {
          int index = DottedPaths.index(key);
          if (index < 0) {
            problem(
                s,
                shown(r.written())
                    + ": "
                    + path(keys, i)
                    + " is an array; "
                    + Printable.quote(key)
                    + " is not an index");
            return null;
          }
          if (index >= a.size()) {
            problem(
                s,
                shown(r.written())
                    + ": "
                    + path(keys, i)
                    + " has no item "
                    + index
                    + " (it has "
                    + a.size()
                    + (a.size() == 1 ? " item)" : " items)"));
            return null;
          }
          next = a.get(index);
        } else {
          problem(
              s,
              shown(r.written())
                  + ": "
                  + path(keys, i)
                  + " is "
                  + kind(node)
                  + ", not an object or array");
          return null;
        }
        Map<String, Slot> inParent = slotAt.get(node);
        Slot inner = inParent == null ? null : inParent.get(key);
        if (inner != null && inner.state != State.DONE) {
          next = resolve(inner);
          if (next == null) {
            return null;
          }
        }
        node = next;
      }
      if (node.isContainer() && !settle(node, keys)) {
        return null;
      }
      return node;
    }

    /** Resolves every string inside an original object or array; false if one fails. */
    private boolean settle(JsonNode container, String[] keys) {
      Group g = groupAt.get(container);
      if (g == null || g.state == State.DONE) {
        return true; // no strings to resolve inside, or a copy made here (already resolved)
      }
      if (g.state == State.FAILED) {
        return false;
      }
      if (g.state == State.ACTIVE) {
        // the group's frame is below the string that came back to it: that string owns the cycle
        Slot owner = activeSlots.get(activeSlots.size() - 1);
        for (Slot active : activeSlots) {
          if (active.frame > g.frame) {
            owner = active;
            break;
          }
        }
        cycle(owner, g.frame, join(keys));
        return false;
      }
      enter(join(keys));
      g.state = State.ACTIVE;
      g.frame = frames.size() - 1;
      activeGroups.add(g);
      boolean ok = true;
      for (int i = g.first; i < g.end; i++) {
        if (resolve(slots.get(i)) == null) {
          ok = false;
        }
      }
      activeGroups.remove(activeGroups.size() - 1);
      frames.remove(frames.size() - 1);
      g.state = ok ? State.DONE : State.FAILED;
      return ok;
    }

    /** A copy of a resolved object or array for slot s, within the depth and copy limits. */
    private @Nullable JsonNode copy(Slot s, Ref r, JsonNode target) {
      JsonNode c = copy(target, s.depth + 1);
      if (c == null) {
        problem(s, shown(r.written()) + ": " + Documents.TOO_DEEP);
      }
      return c;
    }

    /** A copy of node placed at level (the root is level 1); null when too deep. */
    private @Nullable JsonNode copy(JsonNode node, int level) {
      if (++copied > MAX_COPIED) {
        throw new Abort("interpolation copied more than " + MAX_COPIED + " values; stopped", true);
      }
      if (!node.isContainer()) {
        return node; // scalars are immutable: shared
      }
      if (Documents.tooDeep(level)) {
        return null;
      }
      if (node instanceof ObjectNode o) {
        ObjectNode out = o.objectNode();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          JsonNode c = copy(e.getValue(), level + 1);
          if (c == null) {
            return null;
          }
          out.set(e.getKey(), c);
        }
        return out;
      }
      ArrayNode a = (ArrayNode) node;
      ArrayNode out = a.arrayNode(a.size());
      for (JsonNode item : a) {
        JsonNode c = copy(item, level + 1);
        if (c == null) {
          return null;
        }
        out.add(c);
      }
      return out;
    }

    /** "a.b": the dotted path of the first {@code count} keys, as messages quote it. */
    private static String path(String[] keys, int count) {
      return shown(join(Arrays.copyOf(keys, count)));
    }

    /** The dotted path of keys. */
    private static String join(String[] keys) {
      return DottedPaths.join(Arrays.asList(keys));
    }

    /**
     * Why keys[i] is not in o, with a did-you-mean: the path with each key from i on replaced by
     * the closest key where it is missing, as far as that leads (while the suggestion budget
     * lasts).
     */
    private String missing(ObjectNode o, String[] keys, int i) {
      String key = Printable.quote(keys[i]);
      String where = i == 0 ? "no top-level key " + key : path(keys, i) + " has no key " + key;
      String[] fixed = keys.clone();
      JsonNode node = o;
      int count = i;
      while (count < fixed.length) {
        String k = fixed[count];
        JsonNode next = null;
        if (node instanceof ObjectNode obj) {
          next = obj.get(k);
          if (next == null && obj.size() <= suggestions) {
            suggestions -= obj.size();
            String best = Messages.suggest(k, obj.propertyNames());
            if (best != null) {
              fixed[count] = best;
              next = obj.get(best);
            }
          }
        } else if (node instanceof ArrayNode a) {
          int index = DottedPaths.index(k);
          next = index >= 0 && index < a.size() ? a.get(index) : null;
        }
        if (next == null) {
          break;
        }
        node = next;
        count++;
      }
      return count == i
          ? where
          : where + "; did you mean " + Printable.quote(join(Arrays.copyOf(fixed, count))) + "?";
    }

    private static String kind(JsonNode v) {
      switch (v.getNodeType()) {
        case OBJECT:
          return "an object";
        case ARRAY:
          return "an array";
        case STRING:
          return "a string";
        case NUMBER:
          return "a number";
        case BOOLEAN:
          return "a boolean";
        case NULL:
          return "null";
        default:
          return v.getNodeType().toString().toLowerCase(Locale.ROOT);
      }
    }
  }
}
