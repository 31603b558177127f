package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds witness documents: minimal documents valid under one schema, changed at one place so that
 * another schema rejects them, each checked by the real validator before it is returned. Bounded
 * (attempts, generated sizes and depth), so a hostile schema cannot make it hang.
 *
 * <p>A search builds base documents valid under {@code from} that hold the probed path (one valid
 * under {@code to} too first, so that the witness shows one difference), with the parents the path
 * needs and their required members ({@link WitnessGenerator}); applies the probe; and keeps the
 * result only when the text {@link #show} prints for it, read back, is valid under {@code from} and
 * {@code to} reports a violation there that the base did not have. At most {@value #MAX_TRIES}
 * documents are validated and {@value #MAX_MILLIS} ms spent per search. Stateless and thread-safe
 * (each search has its own state).
 */
public final class Witnesses {
  private Witnesses() {}

  /** Documents validated (under both versions) by one {@link #find} at most. */
  static final int MAX_TRIES = 200;

  /** How long one {@link #find} may take at most, in milliseconds, whatever the schemas. */
  static final long MAX_MILLIS = 2_000;

  /** Characters {@link #show} prints at most before it cuts the rendering. */
  public static final int MAX_SHOWN = 2_000;

  /** What {@link #show} appends to a rendering it cut. */
  public static final String CUT = " ... (cut)";

  /** Values tried at a path when the probes fail, beside values sampled from the schema. */
  private static final List<JsonNode> PLAIN_VALUES = plainValues();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * A proven witness.
   *
   * @param document valid under {@code from}, invalid under {@code to}
   * @param violation the first violation {@code to} reports that lies at or below the probed path's
   *     parent (one at or below the path itself first; for a failed oneOf/anyOf reported above the
   *     path, its closest alternative's own problem there), as {@link
   *     SchemaEngine.Finding#describe()} prints it
   */
  public record Found(JsonNode document, String violation) {}

  /**
   * Tries the probes in order, then this class's own attempts at {@code instancePath}, and returns
   * the first document the validator accepts under {@code from} and rejects under {@code to} with a
   * violation at or below the instance path's parent; null when none could be built.
   *
   * <p>The own attempts put there values just outside {@code to}'s bounds, values that satisfy a
   * part of {@code to} that may reject them (its {@code if}, {@code not}, oneOf/anyOf branches),
   * values sampled from {@code from}'s schemas there, and plain values of each type; then delete
   * what is there; then try a base made from {@code from} alone.
   */
  public static @Nullable Found find(
      SchemaEngine.Compiled from,
      SchemaEngine.Compiled to,
      List<Probe> probes,
      List<String> instancePath) {
    Search search = new Search(from, to);
    for (Probe p : probes) {
      Found f = search.probe(p);
      if (f != null || !search.hasBudget()) {
        return f;
      }
    }
    return search.fallbacks(instancePath);
  }

  /** One search for a witness: the two schemas, the generator and what is left of the budget. */
  private static final class Search {
    private final SchemaEngine.Compiled from;
    private final SchemaEngine.Compiled to;
    private final Refs.Resolved fromRoot;
    private final Refs.Resolved toRoot;
    private final WitnessGenerator generator;
    private final long deadline;
    private int tries;

    Search(SchemaEngine.Compiled from, SchemaEngine.Compiled to) {
      this.from = from;
      this.to = to;
      this.deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
      this.generator = new WitnessGenerator(deadline);
      this.fromRoot = generator.root(from);
      this.toRoot = generator.root(to);
    }

    boolean hasBudget() {
      return tries < MAX_TRIES && System.nanoTime() < deadline;
    }

    private @Nullable SchemaPaths fromPaths;
    private @Nullable SchemaPaths toPaths;

    private SchemaPaths fromPaths() {
      if (fromPaths == null) {
        fromPaths = SchemaPaths.of(from);
      }
      return fromPaths;
    }

    private SchemaPaths toPaths() {
      if (toPaths == null) {
        toPaths = SchemaPaths.of(to);
      }
      return toPaths;
    }

    /** What {@code to} reports for the base documents, by base. */
    private final Map<JsonNode, Set<String>> baseFindings = new java.util.HashMap<>();

    /** The witness a probe makes, or null. */
    @Nullable Found probe(Probe p) {
      List<String> path = p.path();
      if (p.op() == Probe.Op.DELETE) {
        if (path.isEmpty()) {
          return null;
        }
        for (JsonNode base : bases(path, WitnessGenerator.Tail.ANY)) {
          Found f = itself(base, path);
          if (f == null) {
            f = attempt(base, path, null, true);
          }
          if (f != null || !hasBudget()) {
            return f;
          }
        }
        return null;
      }
      if (p.op() == Probe.Op.SET) {
        return setting(path, List.of(p.value()));
      }
      List<Refs.Resolved> sample = List.of(p.sampleOf());
      Set<JsonNode> values = new LinkedHashSet<>();
      List<Refs.Resolved> there = toPaths().applying(path);
      if (!there.isEmpty()) {
        for (JsonNode v : generator.beyond(sample, there)) {
          if (generator.acceptsAll(sample, v)) {
            values.add(v);
          }
        }
        values.addAll(generator.guided(sample, there));
      }
      values.addAll(generator.samples(sample, 8));
      return setting(path, new ArrayList<>(values));
    }

    /** The first witness putting one of {@code values} at {@code path} makes, or null. */
    private @Nullable Found setting(List<String> path, List<JsonNode> values) {
      if (values.isEmpty()) {
        return null;
      }
      for (JsonNode base : setBases(path)) {
        Found own = itself(base, path);
        if (own != null) {
          return own;
        }
        for (JsonNode v : values) {
          Found f = attempt(base, path, v, false);
          if (f != null || !hasBudget()) {
            return f;
          }
        }
      }
      return null;
    }

    /** Base documents in which {@code path} can be set: its parent exists and holds members. */
    private List<JsonNode> setBases(List<String> path) {
      if (path.isEmpty()) {
        return List.of(NODES.nullNode()); // the root is replaced: any base does
      }
      List<JsonNode> out = new ArrayList<>();
      boolean index = DottedPaths.index(path.get(path.size() - 1)) >= 0;
      if (index) {
        out.addAll(bases(path, WitnessGenerator.Tail.ANY));
      }
      for (JsonNode b : bases(path.subList(0, path.size() - 1), WitnessGenerator.Tail.CONTAINER)) {
        if (!out.contains(b)) {
          out.add(b);
        }
      }
      return out;
    }

    /**
     * Documents valid under {@code from} that hold {@code forced}: one valid under {@code to} too
     * first, when one can be made.
     */
    private List<JsonNode> bases(List<String> forced, WitnessGenerator.Tail tail) {
      String key = tail + "\u0000" + String.join("\u0000", forced);
      List<JsonNode> known = basesMade.get(key);
      if (known == null) {
        known = makeBases(forced, tail);
        basesMade.put(key, known);
      }
      return known;
    }

    /** The bases made so far, by forced path and tail. */
    private final Map<String, List<JsonNode>> basesMade = new java.util.HashMap<>();

    private List<JsonNode> makeBases(List<String> forced, WitnessGenerator.Tail tail) {
      Set<JsonNode> out = new LinkedHashSet<>();
      for (List<Refs.Resolved> schemas : List.of(List.of(fromRoot, toRoot), List.of(fromRoot))) {
        if (!hasBudget()) {
          break;
        }
        JsonNode b = generator.generate(schemas, forced, tail);
        if (b != null && valid(from, b)) {
          out.add(b);
        }
      }
      return new ArrayList<>(out);
    }

    /**
     * Own attempts at {@code path}: values sampled from {@code from} there, plain values, delete.
     */
    @Nullable Found fallbacks(List<String> path) {
      Set<JsonNode> values = new LinkedHashSet<>();
      List<Refs.Resolved> here = fromPaths().applying(path);
      List<Refs.Resolved> there = toPaths().applying(path);
      if (!here.isEmpty() && !there.isEmpty()) {
        values.addAll(generator.beyond(here, there));
        for (int i = 0; i < here.size() && i < 4 && hasBudget(); i++) {
          values.addAll(generator.guided(List.of(here.get(i)), there));
        }
      }
      for (int i = 0; i < here.size() && i < 8 && hasBudget(); i++) {
        values.addAll(generator.samples(List.of(here.get(i)), 8));
      }
      values.addAll(PLAIN_VALUES);
      Found f = setting(path, new ArrayList<>(values));
      if (f != null || !hasBudget()) {
        return f;
      }
      if (!path.isEmpty()) {
        f = probe(Probe.delete(path));
        if (f != null || !hasBudget()) {
          return f;
        }
      }
      List<String> parent = path.isEmpty() ? path : path.subList(0, path.size() - 1);
      for (JsonNode base : bases(parent, WitnessGenerator.Tail.ANY)) {
        JsonNode doc = reread(base);
        Found g = doc == null || !valid(from, doc) ? null : confirmed(doc, parent, null, path);
        if (g != null) {
          return g;
        }
      }
      return null;
    }

    /**
     * The base itself as a witness, when {@code to} already rejects it at or below the parent of
     * {@code path} (a base made valid under {@code from} alone may hold the difference already).
     */
    private @Nullable Found itself(JsonNode base, List<String> path) {
      if (path.isEmpty() || !hasBudget()) {
        return null;
      }
      JsonNode doc = reread(base);
      tries++;
      if (doc == null || !valid(from, doc)) {
        return null;
      }
      return confirmed(doc, path.subList(0, path.size() - 1), null, path);
    }

    /**
     * The witness {@code base} with the operation applied at {@code path} makes, or null: valid
     * under {@code from}, and {@code to} reports a violation at or below the parent of {@code path}
     * that it does not report for {@code base}.
     */
    private @Nullable Found attempt(
        JsonNode base, List<String> path, @Nullable JsonNode value, boolean delete) {
      if (!hasBudget()) {
        return null;
      }
      JsonNode doc = reread(applied(base, path, value, delete));
      if (doc == null || doc.equals(base) && !path.isEmpty()) {
        return null;
      }
      tries++;
      if (!valid(from, doc)) {
        return null;
      }
      List<String> parent = path.isEmpty() ? path : path.subList(0, path.size() - 1);
      return confirmed(doc, parent, path.isEmpty() ? null : base, path);
    }

    /**
     * A witness when {@code to} rejects {@code doc} (valid under {@code from}) at or below {@code
     * parent} with a violation {@code base} does not have (any, without a base).
     */
    private @Nullable Found confirmed(
        JsonNode doc, List<String> parent, @Nullable JsonNode base, List<String> path) {
      tries++;
      SchemaEngine.Findings found = to.validate(doc);
      if (stopped(found) || found.list().isEmpty()) {
        return null;
      }
      Set<String> before = base == null ? Set.of() : baseFindings.get(base);
      if (before == null) {
        SchemaEngine.Findings old = to.validate(base);
        before = new LinkedHashSet<>();
        if (stopped(old)) {
          before.add(STOPPED);
        }
        for (SchemaEngine.Finding f : old.list()) {
          before.add(f.describe());
        }
        baseFindings.put(base, before);
      }
      if (before.contains(STOPPED)) {
        return null;
      }
      List<SchemaEngine.Finding> fresh = new ArrayList<>();
      for (SchemaEngine.Finding f : found.list()) {
        if (!before.contains(f.describe())) {
          fresh.add(f);
        }
      }
      for (String prefix : new LinkedHashSet<>(List.of(pointer(path), pointer(parent)))) {
        for (SchemaEngine.Finding f : fresh) {
          if (below(f.pointer(), prefix)) {
            return new Found(doc, f.describe());
          }
          SchemaEngine.Finding d = detailBelow(f, prefix, 0);
          if (d != null && below(f.pointer(), pointer(parent))) {
            return new Found(doc, d.describe());
          }
        }
        for (SchemaEngine.Finding f : fresh) {
          SchemaEngine.Finding d = detailBelow(f, prefix, 0);
          if (d != null) {
            return new Found(doc, d.describe());
          }
        }
      }
      return null;
    }

    private static boolean valid(SchemaEngine.Compiled schema, JsonNode doc) {
      SchemaEngine.Findings f = schema.validate(doc);
      return f.list().isEmpty() && !f.truncated();
    }
  }

  /**
   * The document as its {@link #show} text reads back (so that what is proven is what is printed:
   * numbers as a parser reads them), or null when that text is cut or cannot be read.
   */
  static @Nullable JsonNode reread(@Nullable JsonNode doc) {
    if (doc == null) {
      return null;
    }
    String text = show(doc);
    if (text.endsWith(CUT)) {
      return null;
    }
    try {
      return Documents.parse(
              Documents.Input.text(text, "<witness>"), Documents.Format.JSON, Documents.Root.ANY)
          .root();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Stands in a base's findings for a validation that stopped at a limit. */
  private static final String STOPPED = "\u0000stopped";

  /**
   * The first detail of a finding (the closest alternative's problems of a failed oneOf/anyOf, and
   * theirs) that lies at or below {@code prefix}, or null.
   */
  private static SchemaEngine.@Nullable Finding detailBelow(
      SchemaEngine.Finding f, String prefix, int depth) {
    if (depth > 16) {
      return null;
    }
    for (SchemaEngine.Finding d : f.details()) {
      if (below(d.pointer(), prefix)) {
        return d;
      }
      SchemaEngine.Finding deeper = detailBelow(d, prefix, depth + 1);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  /** True when validation stopped at a limit: its verdict proves nothing. */
  private static boolean stopped(SchemaEngine.Findings f) {
    for (SchemaEngine.Finding x : f.list()) {
      if (x.message().startsWith("validation stopped")) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code pointer} is {@code prefix} or lies below it. */
  private static boolean below(String pointer, String prefix) {
    return prefix.isEmpty() || pointer.equals(prefix) || pointer.startsWith(prefix + "/");
  }

  private static String pointer(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String k : path) {
      b.append('/').append(Documents.escapePointer(k));
    }
    return b.toString();
  }

  /**
   * A copy of {@code base} with {@code value} put at {@code path} (or what is there removed, for a
   * delete); null when the path's parent is missing or holds no members, or there is nothing to
   * remove.
   */
  static @Nullable JsonNode applied(
      JsonNode base, List<String> path, @Nullable JsonNode value, boolean delete) {
    if (path.isEmpty()) {
      return delete || value == null ? null : value.deepCopy();
    }
    JsonNode doc = base.deepCopy();
    JsonNode parent = doc;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = member(parent, path.get(i));
      if (parent == null) {
        return null;
      }
    }
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      if (delete) {
        return o.remove(last) == null ? null : doc;
      }
      o.set(last, value.deepCopy());
      return doc;
    }
    if (parent instanceof ArrayNode a) {
      int i = DottedPaths.index(last);
      if (i < 0 || i > a.size() || (delete && i == a.size())) {
        return null;
      }
      if (delete) {
        a.remove(i);
      } else if (i == a.size()) {
        a.add(value.deepCopy());
      } else {
        a.set(i, value.deepCopy());
      }
      return doc;
    }
    return null;
  }

  private static @Nullable JsonNode member(JsonNode node, String key) {
    if (node.isObject()) {
      return node.get(key);
    }
    if (node.isArray()) {
      int i = DottedPaths.index(key);
      return i >= 0 && i < node.size() ? node.get(i) : null;
    }
    return null;
  }

  private static List<JsonNode> plainValues() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return List.of(
        f.nullNode(),
        f.booleanNode(true),
        f.numberNode(0),
        f.numberNode(-1),
        f.numberNode(0.5),
        f.stringNode(""),
        f.stringNode("a"),
        f.arrayNode(),
        f.objectNode());
  }

  // ------------------------------------------------------------------------------ lenient reading

  /**
   * The lenient reading of a schema, compiled: the schema and every document its refs reach, with
   * {@code "additionalProperties": false} added where {@link SchemaDiff#closedWhenLenient} says;
   * the target of a {@code $ref} counts as held by the keyword that holds the {@code $ref} (an
   * {@code allOf} member's target stays open). The given compiled schema is left as it is.
   *
   * @throws SchemaLoadException when the schema read so cannot be compiled
   */
  public static SchemaEngine.Compiled closed(SchemaEngine.Compiled schema) {
    return schema.transformed(new WitnessClosing());
  }

  // ------------------------------------------------------------------------------------ showing

  /**
   * The one way a witness document prints: JSON on one line with a space after each {@code :} and
   * {@code ,}, such as {@code {"optimizer": {"lr": 0.75}}}. Control and invisible formatting
   * characters in strings are written as {@code \}{@code uXXXX} escapes (still JSON); a rendering
   * longer than {@value #MAX_SHOWN} characters is cut and ends with {@value #CUT}.
   */
  public static String show(JsonNode document) {
    StringBuilder out = new StringBuilder();
    boolean complete = write(document, out, 1);
    if (!complete) {
      out.setLength(Math.min(out.length(), MAX_SHOWN));
      out.append(CUT);
    }
    return out.toString();
  }

  private static boolean write(JsonNode node, StringBuilder out, int depth) {
    if (out.length() > MAX_SHOWN || Documents.tooDeep(depth)) {
      return false;
    }
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        string(e.getKey(), out);
        out.append(": ");
        if (!write(e.getValue(), out, depth + 1)) {
          return false;
        }
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        if (!write(node.get(i), out, depth + 1)) {
          return false;
        }
      }
      out.append(']');
    } else if (node.isString()) {
      string(node.stringValue(), out);
    } else {
      out.append(new String(Documents.toBytes(node), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.length() <= MAX_SHOWN;
  }

  /** A JSON string literal, every character {@link Printable} would escape as a JSON escape. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean lone =
              Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c)
                      && i + 1 < s.length()
                      && Character.isLowSurrogate(s.charAt(i + 1)))
                  && !(Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || (c >= '\u202a' && c <= '\u202e')
              || (c >= '\u2066' && c <= '\u2069')
              || lone) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
      if (out.length() > MAX_SHOWN + 8) {
        return;
      }
    }
    out.append('"');
  }
}
