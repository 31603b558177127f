package io.hectiqlab.internal;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.regex.RegularExpression;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates small instances valid under a conjunction of subschemas (each a {@link Refs.Resolved}
 * that carries where it sits, so its refs resolve as validation resolves them): {@code const}, the
 * first fitting {@code enum} value, {@code default}, {@code examples}, then by type: objects with
 * their required properties (and {@code minProperties}), arrays of {@code minItems} items, strings
 * of the right length that match simple patterns or have the format, numbers inside the bounds and
 * on {@code multipleOf}, booleans, null; the first {@code anyOf}/{@code oneOf} branch that works;
 * {@code allOf} members together. Every value is checked with the validator against each subschema
 * it must satisfy before it is returned.
 *
 * <p>Bounded: generated values nest at most {@value #MAX_VALUE_DEPTH} levels, hold at most {@value
 * #MAX_ITEMS} items or properties, strings are at most {@value WitnessRegex#MAX_LENGTH} characters
 * long, a schema met again inside itself counts as unsatisfiable there, and one generator does at
 * most {@value #MAX_WORK} units of work (values tried plus subschema validations) and stops at a
 * deadline: a hostile schema makes it return null, quickly. Not thread-safe: one per search.
 */
final class WitnessGenerator {
  /** How deeply generated values nest at most. */
  static final int MAX_VALUE_DEPTH = 24;

  /** Items of an array, or properties of an object, generated at most. */
  static final int MAX_ITEMS = 64;

  /** Units of work one generator does at most. */
  static final int MAX_WORK = 4_000;

  /** Branches of one anyOf/oneOf, or values of one enum, tried at most. */
  private static final int MAX_CHOICES = 16;

  /** Members a conjunction gathers through allOf at most. */
  private static final int MAX_MEMBERS = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Consumer<ExecutionContext> LIMITS =
      ctx ->
          ctx.executionConfig(
              c ->
                  c.maxEvaluationSteps(SchemaEngine.MAX_STEPS / 10)
                      .maxEvaluationDepth(SchemaEngine.MAX_EVALUATION_DEPTH));

  /** Example values of the formats JSON Schema names. */
  private static final Map<String, List<String>> FORMAT_SAMPLES =
      Map.ofEntries(
          Map.entry("date", List.of("2024-01-01")),
          Map.entry("date-time", List.of("2024-01-01T00:00:00Z")),
          Map.entry("time", List.of("00:00:00Z")),
          Map.entry("duration", List.of("P1D")),
          Map.entry("email", List.of("a@example.com")),
          Map.entry("idn-email", List.of("a@example.com")),
          Map.entry("hostname", List.of("example.com", "a")),
          Map.entry("idn-hostname", List.of("example.com", "a")),
          Map.entry("ipv4", List.of("192.0.2.1")),
          Map.entry("ipv6", List.of("2001:db8::1")),
          Map.entry("uri", List.of("https://example.com/a")),
          Map.entry("iri", List.of("https://example.com/a")),
          Map.entry("uri-reference", List.of("a", "https://example.com/a")),
          Map.entry("iri-reference", List.of("a", "https://example.com/a")),
          Map.entry("uri-template", List.of("a", "https://example.com/{a}")),
          Map.entry("uuid", List.of("00000000-0000-4000-8000-000000000000")),
          Map.entry("json-pointer", List.of("/a", "")),
          Map.entry("relative-json-pointer", List.of("0")),
          Map.entry("regex", List.of("a")),
          Map.entry("byte", List.of("YQ==")),
          Map.entry("int32", List.of("0")),
          Map.entry("int64", List.of("0")));

  private static final Set<String> OBJECT_WORDS =
      Set.of(
          "properties",
          "required",
          "additionalProperties",
          "patternProperties",
          "minProperties",
          "maxProperties",
          "propertyNames",
          "dependentRequired",
          "dependentSchemas",
          "dependencies",
          "unevaluatedProperties");
  private static final Set<String> ARRAY_WORDS =
      Set.of(
          "items",
          "prefixItems",
          "additionalItems",
          "contains",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minContains",
          "maxContains",
          "unevaluatedItems");
  private static final Set<String> STRING_WORDS =
      Set.of("minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType");
  private static final Set<String> NUMBER_WORDS =
      Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");

  /** The types in the order an unconstrained value tries them. */
  private static final List<String> TYPES =
      List.of("string", "integer", "number", "boolean", "object", "array", "null");

  /** What the end of a forced path must hold. */
  enum Tail {
    /** Any value. */
    ANY,
    /** An object or an array: a probe puts a member into it. */
    CONTAINER
  }

  private final long deadline;
  private int work;
  private final Map<JsonNode, Object> compiled = new IdentityHashMap<>();
  private final Set<String> active = new HashSet<>();
  private final Map<String, RegularExpression> patterns = new HashMap<>();
  private static final Object UNCOMPILABLE = new Object();

  /** A generator that stops at {@code deadlineNanos} ({@link System#nanoTime()}) at the latest. */
  WitnessGenerator(long deadlineNanos) {
    this.deadline = deadlineNanos;
  }

  /**
   * The root of a compiled schema ({@link Refs#root}), which this generator checks with that
   * compiled schema itself rather than with a copy compiled for it.
   */
  Refs.Resolved root(SchemaEngine.Compiled schema) {
    Refs.Resolved root = Refs.root(schema);
    compiled.put(root.node(), schema.schema());
    return root;
  }

  /** True while work and time are left. */
  boolean hasBudget() {
    return work < MAX_WORK && System.nanoTime() < deadline;
  }

  private boolean spend() {
    work++;
    return hasBudget();
  }

  // ------------------------------------------------------------------------------------- entry

  /** A small value valid under every one of {@code schemas}, or null. */
  @Nullable JsonNode generate(List<Refs.Resolved> schemas) {
    return generate(schemas, List.of(), Tail.ANY);
  }

  /**
   * A small value valid under every one of {@code schemas} that holds {@code forced} (keys and
   * indices, created when no required member leads there), whose value at the end of {@code forced}
   * is what {@code tail} asks; null when none was found within the budget.
   */
  @Nullable JsonNode generate(List<Refs.Resolved> schemas, List<String> forced, Tail tail) {
    try {
      return gen(schemas, Set.of(), forced, tail, 0);
    } catch (StackOverflowError e) {
      return null;
    }
  }

  /**
   * Up to {@code max} different values valid under every one of {@code schemas}: the generated one
   * first, then other candidates (boundary values, other types, other enum values...).
   */
  List<JsonNode> samples(List<Refs.Resolved> schemas, int max) {
    Set<JsonNode> out = new LinkedHashSet<>();
    JsonNode first = generate(schemas);
    if (first != null) {
      out.add(first);
    }
    List<Refs.Resolved> all = flatten(schemas);
    if (all == null) {
      return List.copyOf(out);
    }
    try {
      List<JsonNode> wide = new ArrayList<>(candidates(all, List.of(), Tail.ANY, 0, true, true));
      wide.addAll(candidates(all, List.of(), Tail.ANY, 0, true, false));
      for (JsonNode c : wide) {
        if (out.size() >= max || !spend()) {
          break;
        }
        if (!out.contains(c) && acceptsAll(all, c)) {
          out.add(c);
        }
      }
    } catch (StackOverflowError e) {
      // what was found so far
    }
    return List.copyOf(out);
  }

  /**
   * Values just outside what {@code to} allows where {@code from} may allow them: numbers past its
   * bounds (between the two bounds first) or off its multipleOf, strings one character longer or
   * shorter than its length bounds, arrays one item past its item counts, objects one property past
   * its property counts. Proposals only: each is checked before use.
   */
  List<JsonNode> beyond(List<Refs.Resolved> from, List<Refs.Resolved> to) {
    List<Refs.Resolved> f = flatten(from);
    List<Refs.Resolved> t = flatten(to);
    if (f == null || t == null) {
      return List.of();
    }
    Set<JsonNode> out = new LinkedHashSet<>();
    Bounds fb = bounds(f);
    Bounds tb = bounds(t);
    BigDecimal one = BigDecimal.ONE;
    if (tb.hi() != null) {
      if (fb.hi() != null && fb.hi().compareTo(tb.hi()) > 0) {
        out.add(number(mid(fb.hi(), tb.hi())));
      }
      if (tb.hiExclusive()) {
        out.add(number(tb.hi()));
      }
      out.add(number(tb.hi().add(one)));
      out.add(number(tb.hi().add(small(tb.hi()))));
    }
    if (tb.lo() != null) {
      if (fb.lo() != null && fb.lo().compareTo(tb.lo()) < 0) {
        out.add(number(mid(fb.lo(), tb.lo())));
      }
      if (tb.loExclusive()) {
        out.add(number(tb.lo()));
      }
      out.add(number(tb.lo().subtract(one)));
      out.add(number(tb.lo().subtract(small(tb.lo()))));
    }
    for (BigDecimal step : tb.steps()) {
      BigDecimal base = fb.steps().isEmpty() ? one : step(fb.steps(), false);
      for (BigDecimal k : List.of(one, BigDecimal.valueOf(2), BigDecimal.valueOf(3))) {
        out.add(number(base.multiply(k)));
      }
      out.add(number(step.divide(BigDecimal.valueOf(2))));
      out.add(number(step.add(step.divide(BigDecimal.valueOf(2)))));
    }
    for (Refs.Resolved m : t) {
      JsonNode n = m.node();
      if (n.path("maxLength").canConvertToInt()) {
        int max = n.get("maxLength").asInt();
        if (max < WitnessRegex.MAX_LENGTH) {
          out.add(NODES.stringNode("a".repeat(max + 1)));
        }
      }
      if (n.path("minLength").canConvertToInt() && n.get("minLength").asInt() > 0) {
        int min = Math.min(n.get("minLength").asInt(), WitnessRegex.MAX_LENGTH + 1);
        out.add(NODES.stringNode("a".repeat(min - 1)));
      }
      if (n.path("maxItems").canConvertToInt() && n.get("maxItems").asInt() < MAX_ITEMS) {
        JsonNode a = generate(from, List.of(Integer.toString(n.get("maxItems").asInt())), Tail.ANY);
        if (a != null) {
          out.add(a);
        }
      }
      if (n.path("minItems").canConvertToInt() && n.get("minItems").asInt() > 0) {
        JsonNode a = generate(from);
        int keep = n.get("minItems").asInt() - 1;
        if (a instanceof ArrayNode arr && arr.size() > keep) {
          ArrayNode cut = arr.deepCopy();
          while (cut.size() > keep) {
            cut.remove(cut.size() - 1);
          }
          out.add(cut);
        }
      }
      if (n.path("uniqueItems").asBoolean(false)) {
        JsonNode item = generate(itemOf(f));
        if (item != null) {
          out.add(NODES.arrayNode().add(item).add(item.deepCopy()));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Values valid under {@code from} that also satisfy a part of {@code to} that may make it reject
   * them: its {@code if} (or the negation of it), the schema under its {@code not}, each of its
   * oneOf/anyOf branches. Proposals only: each is checked before use.
   */
  List<JsonNode> guided(List<Refs.Resolved> from, List<Refs.Resolved> to) {
    List<Refs.Resolved> t = flatten(to);
    if (t == null) {
      return List.of();
    }
    List<Refs.Resolved> parts = new ArrayList<>();
    for (Refs.Resolved m : t) {
      JsonNode n = m.node();
      if (n.has("if")) {
        parts.add(Refs.resolve(n.get("if"), m.site().child("if")));
        ObjectNode negation = NODES.objectNode();
        negation.set("not", n.get("if"));
        Refs.Site at = m.site().child("if");
        parts.add(new Refs.Resolved(negation, at, at.location() + "!not"));
      }
      if (n.has("not")) {
        parts.add(Refs.resolve(n.get("not"), m.site().child("not")));
      }
      for (String keyword : List.of("oneOf", "anyOf")) {
        JsonNode branches = n.get(keyword);
        if (branches != null && branches.isArray()) {
          for (int i = 0; i < branches.size() && i < MAX_CHOICES / 2; i++) {
            parts.add(Refs.resolve(branches.get(i), m.site().child(keyword, i)));
          }
        }
      }
    }
    Set<JsonNode> out = new LinkedHashSet<>();
    for (int i = 0; i < parts.size() && i < MAX_CHOICES && hasBudget(); i++) {
      List<Refs.Resolved> with = new ArrayList<>(from);
      with.add(parts.get(i));
      JsonNode v = generate(with);
      if (v != null) {
        out.add(v);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Refs.Resolved> itemOf(List<Refs.Resolved> all) {
    List<Refs.Resolved> items = itemSchemas(all, 0);
    return items == null ? List.of() : items;
  }

  private static BigDecimal mid(BigDecimal a, BigDecimal b) {
    return a.add(b).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
  }

  /** A tenth of the last decimal place of {@code v}: 0.05 for 0.5, 0.1 for 3. */
  private static BigDecimal small(BigDecimal v) {
    int scale = Math.max(v.stripTrailingZeros().scale(), 0);
    return BigDecimal.ONE.movePointLeft(scale + 1);
  }

  // -------------------------------------------------------------------------------- generation

  private @Nullable JsonNode gen(
      List<Refs.Resolved> schemas, Set<String> decided, List<String> forced, Tail tail, int depth) {
    if (depth > MAX_VALUE_DEPTH || !spend()) {
      return null;
    }
    List<Refs.Resolved> all = flatten(schemas);
    if (all == null) {
      return null;
    }
    String key = cycleKey(all, decided, forced, tail);
    if (!active.add(key)) {
      return null; // met again inside itself: unsatisfiable here
    }
    try {
      for (Refs.Resolved m : all) {
        for (String keyword : List.of("oneOf", "anyOf")) {
          JsonNode branches = m.node().get(keyword);
          String choice = m.key() + "#" + keyword + "@" + System.identityHashCode(m.node());
          if (branches == null || !branches.isArray() || decided.contains(choice)) {
            continue;
          }
          Set<String> now = new HashSet<>(decided);
          now.add(choice);
          for (int i = 0; i < branches.size() && i < MAX_CHOICES; i++) {
            List<Refs.Resolved> with = new ArrayList<>(all);
            with.add(Refs.resolve(branches.get(i), m.site().child(keyword, i)));
            JsonNode v = gen(with, now, forced, tail, depth);
            if (v != null && acceptsAll(all, v)) {
              return v;
            }
            if (!hasBudget()) {
              return null;
            }
          }
          return null;
        }
      }
      for (JsonNode c : candidates(all, forced, tail, depth, false, true)) {
        if (acceptsAll(all, c)) {
          return c;
        }
        if (!spend()) {
          return null;
        }
      }
      JsonNode v = conditional(all, decided, forced, tail, depth);
      if (v != null) {
        return v;
      }
      for (JsonNode c : candidates(all, forced, tail, depth, false, false)) {
        if (acceptsAll(all, c)) {
          return c;
        }
        if (!spend()) {
          return null;
        }
      }
      return null;
    } finally {
      active.remove(key);
    }
  }

  /** Tries the {@code then} (with {@code if}) or the {@code else} of an undecided condition. */
  private @Nullable JsonNode conditional(
      List<Refs.Resolved> all, Set<String> decided, List<String> forced, Tail tail, int depth) {
    for (Refs.Resolved m : all) {
      String choice = m.key() + "#if@" + System.identityHashCode(m.node());
      if (!m.node().has("if") || decided.contains(choice)) {
        continue;
      }
      Set<String> now = new HashSet<>(decided);
      now.add(choice);
      List<Refs.Resolved> thenSide = new ArrayList<>(all);
      thenSide.add(Refs.resolve(m.node().get("if"), m.site().child("if")));
      if (m.node().has("then")) {
        thenSide.add(Refs.resolve(m.node().get("then"), m.site().child("then")));
      }
      JsonNode v = gen(thenSide, now, forced, tail, depth);
      if (v != null && acceptsAll(all, v)) {
        return v;
      }
      if (m.node().has("else")) {
        List<Refs.Resolved> elseSide = new ArrayList<>(all);
        elseSide.add(Refs.resolve(m.node().get("else"), m.site().child("else")));
        v = gen(elseSide, now, forced, tail, depth);
        if (v != null && acceptsAll(all, v)) {
          return v;
        }
      }
      return null;
    }
    return null;
  }

  private static String cycleKey(
      List<Refs.Resolved> all, Set<String> decided, List<String> forced, Tail tail) {
    StringBuilder b = new StringBuilder();
    for (Refs.Resolved r : all) {
      b.append(r.key()).append(' ');
      r.node().propertyNames().forEach(k -> b.append(k).append(','));
      b.append('\n');
    }
    b.append(decided.size()).append('|').append(forced.size()).append('|').append(tail);
    return b.toString();
  }

  /**
   * The schemas with the members of their allOf added (refs followed, each once), boolean {@code
   * true} left out; null when one is {@code false}.
   */
  @Nullable List<Refs.Resolved> flatten(List<Refs.Resolved> schemas) {
    List<Refs.Resolved> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Refs.Resolved> todo = new ArrayList<>(schemas);
    for (int i = 0; i < todo.size() && out.size() < MAX_MEMBERS; i++) {
      Refs.Resolved r = todo.get(i);
      JsonNode n = r.node();
      if (n.isBoolean()) {
        if (!n.booleanValue()) {
          return null;
        }
        continue;
      }
      if (!n.isObject()) {
        continue;
      }
      if (!seen.add(r.key() + "@" + System.identityHashCode(n))) {
        continue;
      }
      out.add(r);
      JsonNode allOf = n.get("allOf");
      if (allOf != null && allOf.isArray()) {
        for (int j = 0; j < allOf.size(); j++) {
          todo.add(Refs.resolve(allOf.get(j), r.site().child("allOf", j)));
        }
      }
    }
    return out;
  }

  /**
   * The values to try, most likely first: with {@code primary}, the listed values and those of the
   * types the keywords hint at (all types when none does), else those of the other types; {@code
   * wide} adds boundary values.
   */
  private List<JsonNode> candidates(
      List<Refs.Resolved> all,
      List<String> forced,
      Tail tail,
      int depth,
      boolean wide,
      boolean primary) {
    List<JsonNode> out = new ArrayList<>();
    if (!primary) {
      addTypes(out, types(all, forced, tail, false), all, forced, tail, depth, wide);
      return out;
    }
    for (Refs.Resolved m : all) {
      JsonNode c = m.node().get("const");
      if (c != null) {
        out.add(c.deepCopy());
        return out;
      }
    }
    for (Refs.Resolved m : all) {
      JsonNode e = m.node().get("enum");
      if (e != null && e.isArray()) {
        for (int i = 0; i < e.size() && i < (wide ? MAX_CHOICES * 4 : MAX_CHOICES); i++) {
          out.add(e.get(i).deepCopy());
        }
        return out;
      }
    }
    if (forced.isEmpty() && tail == Tail.ANY) {
      for (Refs.Resolved m : all) {
        JsonNode d = m.node().get("default");
        if (d != null) {
          out.add(d.deepCopy());
        }
        JsonNode ex = m.node().get("examples");
        if (ex != null && ex.isArray()) {
          for (int i = 0; i < ex.size() && i < 4; i++) {
            out.add(ex.get(i).deepCopy());
          }
        }
      }
    }
    addTypes(out, types(all, forced, tail, true), all, forced, tail, depth, wide);
    return out;
  }

  private void addTypes(
      List<JsonNode> out,
      List<String> types,
      List<Refs.Resolved> all,
      List<String> forced,
      Tail tail,
      int depth,
      boolean wide) {
    for (String type : types) {
      if (!hasBudget()) {
        break;
      }
      switch (type) {
        case "null" -> out.add(NODES.nullNode());
        case "boolean" -> {
          out.add(NODES.booleanNode(false));
          out.add(NODES.booleanNode(true));
        }
        case "integer" -> out.addAll(numbers(all, true, wide));
        case "number" -> out.addAll(numbers(all, false, wide));
        case "string" -> out.addAll(strings(all, wide));
        case "array" -> {
          JsonNode a = array(all, forced, tail, depth);
          if (a != null) {
            out.add(a);
          }
        }
        case "object" -> {
          JsonNode o = object(all, forced, tail, depth);
          if (o != null) {
            out.add(o);
          }
        }
        default -> {
          // an unknown type name: nothing to generate
        }
      }
    }
  }

  /**
   * The types every schema allows: with {@code hinted}, those its keywords hint at (all when none
   * does; the containers for a forced path), else the others; {@code number} covers integers.
   */
  private static List<String> types(
      List<Refs.Resolved> all, List<String> forced, Tail tail, boolean hinted) {
    Set<String> allowed = new LinkedHashSet<>(TYPES);
    for (Refs.Resolved m : all) {
      JsonNode t = m.node().get("type");
      if (t == null) {
        continue;
      }
      Set<String> named = new HashSet<>();
      if (t.isString()) {
        named.add(t.stringValue());
      } else if (t.isArray()) {
        t.forEach(e -> named.add(e.asString()));
      }
      if (named.contains("number")) {
        named.add("integer");
      }
      allowed.retainAll(named);
    }
    if (allowed.contains("number")) {
      allowed.remove("integer"); // numbers are generated as integers first where integers fit
    }
    List<String> out = new ArrayList<>();
    if (!forced.isEmpty() || tail == Tail.CONTAINER) {
      if (!hinted) {
        return out;
      }
      boolean index = !forced.isEmpty() && DottedPaths.index(forced.get(0)) >= 0;
      for (String t : index ? List.of("array", "object") : List.of("object", "array")) {
        if (allowed.contains(t) && (forced.isEmpty() || t.equals("object") || index)) {
          out.add(t);
        }
      }
      return out;
    }
    Set<String> hints = new HashSet<>();
    for (Refs.Resolved m : all) {
      for (String word : m.node().propertyNames()) {
        if (OBJECT_WORDS.contains(word)) {
          hints.add("object");
        } else if (ARRAY_WORDS.contains(word)) {
          hints.add("array");
        } else if (STRING_WORDS.contains(word)) {
          hints.add("string");
        } else if (NUMBER_WORDS.contains(word)) {
          hints.add("number");
          hints.add("integer");
        }
      }
    }
    hints.retainAll(allowed);
    if (hints.isEmpty()) {
      return hinted ? new ArrayList<>(allowed) : out;
    }
    for (String t : allowed) {
      if (hints.contains(t) == hinted) {
        out.add(t);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ numbers

  /** The bounds the schemas set on numbers together; null bounds are open. */
  record Bounds(
      @Nullable BigDecimal lo,
      boolean loExclusive,
      @Nullable BigDecimal hi,
      boolean hiExclusive,
      List<BigDecimal> steps) {}

  /** The bounds of every schema together (draft-04 boolean exclusives too). */
  static Bounds bounds(List<Refs.Resolved> all) {
    BigDecimal lo = null;
    boolean loExclusive = false;
    BigDecimal hi = null;
    boolean hiExclusive = false;
    List<BigDecimal> steps = new ArrayList<>();
    for (Refs.Resolved m : all) {
      JsonNode n = m.node();
      boolean oldExMin =
          n.path("exclusiveMinimum").isBoolean() && n.get("exclusiveMinimum").booleanValue();
      boolean oldExMax =
          n.path("exclusiveMaximum").isBoolean() && n.get("exclusiveMaximum").booleanValue();
      if (n.path("minimum").isNumber()) {
        BigDecimal v = n.get("minimum").decimalValue();
        if (lo == null || v.compareTo(lo) > 0 || (v.compareTo(lo) == 0 && oldExMin)) {
          lo = v;
          loExclusive = oldExMin;
        }
      }
      if (n.path("exclusiveMinimum").isNumber()) {
        BigDecimal v = n.get("exclusiveMinimum").decimalValue();
        if (lo == null || v.compareTo(lo) >= 0) {
          lo = v;
          loExclusive = true;
        }
      }
      if (n.path("maximum").isNumber()) {
        BigDecimal v = n.get("maximum").decimalValue();
        if (hi == null || v.compareTo(hi) < 0 || (v.compareTo(hi) == 0 && oldExMax)) {
          hi = v;
          hiExclusive = oldExMax;
        }
      }
      if (n.path("exclusiveMaximum").isNumber()) {
        BigDecimal v = n.get("exclusiveMaximum").decimalValue();
        if (hi == null || v.compareTo(hi) <= 0) {
          hi = v;
          hiExclusive = true;
        }
      }
      if (n.path("multipleOf").isNumber() && n.get("multipleOf").decimalValue().signum() > 0) {
        steps.add(n.get("multipleOf").decimalValue());
      }
    }
    return new Bounds(lo, loExclusive, hi, hiExclusive, steps);
  }

  /** Numbers inside the bounds of every schema, on their multipleOf, smallest magnitudes first. */
  private static List<JsonNode> numbers(List<Refs.Resolved> all, boolean integer, boolean wide) {
    Bounds bounds = bounds(all);
    BigDecimal lo = bounds.lo();
    boolean loExclusive = bounds.loExclusive();
    BigDecimal hi = bounds.hi();
    boolean hiExclusive = bounds.hiExclusive();
    List<BigDecimal> steps = bounds.steps();
    BigDecimal step = step(steps, integer);
    Set<BigDecimal> picks = new LinkedHashSet<>();
    BigDecimal zero = BigDecimal.ZERO;
    if (inside(zero, lo, loExclusive, hi, hiExclusive)) {
      picks.add(zero);
    }
    if (lo != null) {
      picks.add(up(lo, loExclusive, step));
    }
    if (hi != null) {
      picks.add(down(hi, hiExclusive, step));
    }
    if (lo == null && hi == null) {
      picks.add(step);
    } else if (lo == null) {
      picks.add(down(hi.min(zero), true, step));
    } else if (hi == null) {
      picks.add(up(lo.max(zero), true, step));
    }
    if (lo != null && hi != null) {
      BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
      picks.add(up(mid, false, step));
      if (!integer && steps.isEmpty()) {
        picks.add(mid);
      }
    }
    if (!integer) {
      BigDecimal half = step.divide(BigDecimal.valueOf(2));
      picks.add(lo != null ? up(lo, loExclusive, step).add(half) : half);
    }
    if (wide) {
      picks.add(BigDecimal.ONE);
      picks.add(BigDecimal.ONE.negate());
      BigDecimal first = picks.iterator().next();
      for (int k = 1; k <= 8; k++) {
        picks.add(first.add(step.multiply(BigDecimal.valueOf(k))));
      }
      if (lo != null) {
        picks.add(up(lo, loExclusive, step).add(step));
      }
      if (hi != null) {
        picks.add(down(hi, hiExclusive, step).subtract(step));
      }
    }
    List<JsonNode> out = new ArrayList<>();
    for (BigDecimal p : picks) {
      if (p != null && inside(p, lo, loExclusive, hi, hiExclusive)) {
        out.add(number(p));
      }
    }
    return out;
  }

  /** The step all multiples share: 1 for integers without multipleOf, the common multiple else. */
  private static BigDecimal step(List<BigDecimal> steps, boolean integer) {
    if (steps.isEmpty()) {
      return integer ? BigDecimal.ONE : BigDecimal.ONE;
    }
    BigDecimal s = steps.get(0);
    for (int i = 1; i < steps.size(); i++) {
      s = lcm(s, steps.get(i));
    }
    if (integer && s.stripTrailingZeros().scale() > 0) {
      s = lcm(s, BigDecimal.ONE);
    }
    return s;
  }

  /** The least common multiple of two positive decimals (exact, by scaling to integers). */
  private static BigDecimal lcm(BigDecimal a, BigDecimal b) {
    int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
    if (scale > 30) {
      return a.multiply(b);
    }
    BigInteger x = a.movePointRight(scale).toBigInteger();
    BigInteger y = b.movePointRight(scale).toBigInteger();
    if (x.signum() == 0 || y.signum() == 0) {
      return a.multiply(b);
    }
    BigInteger l = x.divide(x.gcd(y)).multiply(y);
    return new BigDecimal(l).movePointLeft(scale);
  }

  /** The least multiple of {@code step} at or above (above, when exclusive) {@code bound}. */
  private static BigDecimal up(BigDecimal bound, boolean exclusive, BigDecimal step) {
    BigDecimal k = bound.divide(step, 0, RoundingMode.CEILING);
    BigDecimal v = k.multiply(step);
    if (exclusive && v.compareTo(bound) == 0) {
      v = v.add(step);
    }
    return v;
  }

  /** The greatest multiple of {@code step} at or below (below, when exclusive) {@code bound}. */
  private static BigDecimal down(BigDecimal bound, boolean exclusive, BigDecimal step) {
    BigDecimal k = bound.divide(step, 0, RoundingMode.FLOOR);
    BigDecimal v = k.multiply(step);
    if (exclusive && v.compareTo(bound) == 0) {
      v = v.subtract(step);
    }
    return v;
  }

  private static boolean inside(
      BigDecimal v, BigDecimal lo, boolean loExclusive, BigDecimal hi, boolean hiExclusive) {
    if (lo != null && (loExclusive ? v.compareTo(lo) <= 0 : v.compareTo(lo) < 0)) {
      return false;
    }
    return hi == null || (hiExclusive ? v.compareTo(hi) < 0 : v.compareTo(hi) <= 0);
  }

  /** A number node that prints as the number: integers as integers, others as short decimals. */
  static JsonNode number(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() <= 0) {
      BigInteger i = s.toBigIntegerExact();
      if (i.bitLength() < 63) {
        return NODES.numberNode(i.longValue());
      }
      return NODES.numberNode(i);
    }
    double d = s.doubleValue();
    if (Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(s) == 0) {
      return NODES.numberNode(d);
    }
    return NODES.numberNode(s);
  }

  // ------------------------------------------------------------------------------------ strings

  /** Strings of the right length that have the format and match the patterns. */
  private List<JsonNode> strings(List<Refs.Resolved> all, boolean wide) {
    int min = 0;
    int max = Integer.MAX_VALUE;
    List<String> regexes = new ArrayList<>();
    List<String> formats = new ArrayList<>();
    for (Refs.Resolved m : all) {
      JsonNode n = m.node();
      if (n.path("minLength").canConvertToInt()) {
        min = Math.max(min, n.get("minLength").asInt());
      }
      if (n.path("maxLength").canConvertToInt()) {
        max = Math.min(max, n.get("maxLength").asInt());
      }
      if (n.path("pattern").isString()) {
        regexes.add(n.get("pattern").stringValue());
      }
      if (n.path("format").isString()) {
        formats.add(n.get("format").stringValue());
      }
    }
    if (min > WitnessRegex.MAX_LENGTH || min > max) {
      return List.of();
    }
    Set<String> picks = new LinkedHashSet<>();
    for (String f : formats) {
      picks.addAll(FORMAT_SAMPLES.getOrDefault(f, List.of()));
    }
    if (!regexes.isEmpty()) {
      for (String s : WitnessRegex.strings(regexes.get(0), min)) {
        picks.add(s);
      }
    }
    picks.add(max >= 1 && min <= 1 ? "a" : "");
    picks.add("a".repeat(min));
    if (wide) {
      picks.add("");
      picks.add("x".repeat(Math.max(min, Math.min(max, 8))));
      if (max != Integer.MAX_VALUE && max <= WitnessRegex.MAX_LENGTH) {
        picks.add("a".repeat(max));
      }
      picks.add("0");
      picks.add("A");
      for (char c = 'b'; c <= 'i'; c++) {
        picks.add(String.valueOf(c));
      }
    }
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String s : picks) {
      for (String v : padded(s, min)) {
        int len = v.codePointCount(0, v.length());
        if (len >= min && len <= max && seen.add(v) && matchesAll(regexes, v)) {
          out.add(NODES.stringNode(v));
        }
      }
    }
    return out;
  }

  /** {@code s}, and when shorter than {@code min}, it padded at the end and at the start. */
  private static List<String> padded(String s, int min) {
    int len = s.codePointCount(0, s.length());
    if (len >= min) {
      return List.of(s);
    }
    String pad = "a".repeat(min - len);
    return List.of(s + pad, pad + s, s + "0".repeat(min - len));
  }

  private boolean matchesAll(List<String> regexes, String value) {
    for (String r : regexes) {
      RegularExpression re =
          patterns.computeIfAbsent(
              r,
              x -> {
                try {
                  return SafeRegex.INSTANCE.getRegularExpression(x);
                } catch (RuntimeException e) {
                  return v -> false;
                }
              });
      try {
        if (!re.matches(value)) {
          return false;
        }
      } catch (RuntimeException tooCostly) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------------- arrays

  private @Nullable JsonNode array(
      List<Refs.Resolved> all, List<String> forced, Tail tail, int depth) {
    int min = 0;
    int max = Integer.MAX_VALUE;
    boolean unique = false;
    List<Refs.Resolved> contains = new ArrayList<>();
    int minContains = 1;
    for (Refs.Resolved m : all) {
      JsonNode n = m.node();
      if (n.path("minItems").canConvertToInt()) {
        min = Math.max(min, n.get("minItems").asInt());
      }
      if (n.path("maxItems").canConvertToInt()) {
        max = Math.min(max, n.get("maxItems").asInt());
      }
      unique |= n.path("uniqueItems").asBoolean(false);
      if (n.has("contains")) {
        contains.add(Refs.resolve(n.get("contains"), m.site().child("contains")));
        if (n.path("minContains").canConvertToInt()) {
          minContains = Math.max(minContains, n.get("minContains").asInt());
        }
      }
    }
    int forcedIndex = forced.isEmpty() ? -1 : DottedPaths.index(forced.get(0));
    if (!forced.isEmpty() && forcedIndex < 0) {
      return null;
    }
    if (!contains.isEmpty() && minContains > 0) {
      min = Math.max(min, minContains);
    }
    min = Math.max(min, forcedIndex + 1);
    if (min > MAX_ITEMS || min > max) {
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < min; i++) {
      List<Refs.Resolved> item = itemSchemas(all, i);
      if (item == null) {
        return null;
      }
      if (!contains.isEmpty() && i < minContains) {
        item.addAll(contains);
      }
      List<String> rest = i == forcedIndex ? forced.subList(1, forced.size()) : List.of();
      Tail t = i == forcedIndex ? tail : Tail.ANY;
      JsonNode v = gen(item, Set.of(), rest, t, depth + 1);
      if (v != null && unique && seen.contains(v)) {
        v = null;
        for (JsonNode other : samples(item, 16)) {
          if (!seen.contains(other)) {
            v = other;
            break;
          }
        }
      }
      if (v == null) {
        return null;
      }
      seen.add(v);
      out.add(v);
    }
    return out;
  }

  /**
   * The schemas applying to the {@code index}th item under every member; null when one is false.
   */
  static @Nullable List<Refs.Resolved> itemSchemas(List<Refs.Resolved> all, int index) {
    List<Refs.Resolved> out = new ArrayList<>();
    for (Refs.Resolved m : all) {
      JsonNode n = m.node();
      Refs.Site site = m.site();
      JsonNode prefix = n.get("prefixItems");
      JsonNode items = n.get("items");
      JsonNode chosen = null;
      Refs.Site at = null;
      if (prefix != null && prefix.isArray()) {
        if (index < prefix.size()) {
          chosen = prefix.get(index);
          at = site.child("prefixItems", index);
        } else if (items != null) {
          chosen = items;
          at = site.child("items");
        }
      } else if (items != null && items.isArray()) {
        if (index < items.size()) {
          chosen = items.get(index);
          at = site.child("items", index);
        } else if (n.has("additionalItems")) {
          chosen = n.get("additionalItems");
          at = site.child("additionalItems");
        }
      } else if (items != null) {
        chosen = items;
        at = site.child("items");
      }
      if (chosen != null) {
        if (chosen.isBoolean() && !chosen.booleanValue()) {
          return null;
        }
        out.add(Refs.resolve(chosen, at));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ objects

  private @Nullable JsonNode object(
      List<Refs.Resolved> all, List<String> forced, Tail tail, int depth) {
    Set<String> keys = new LinkedHashSet<>();
    int minProperties = 0;
    int maxProperties = Integer.MAX_VALUE;
    for (Refs.Resolved m : all) {
      JsonNode req = m.node().get("required");
      if (req != null && req.isArray()) {
        req.forEach(k -> keys.add(k.asString()));
      }
      if (m.node().path("minProperties").canConvertToInt()) {
        minProperties = Math.max(minProperties, m.node().get("minProperties").asInt());
      }
      if (m.node().path("maxProperties").canConvertToInt()) {
        maxProperties = Math.min(maxProperties, m.node().get("maxProperties").asInt());
      }
    }
    if (!forced.isEmpty()) {
      keys.add(forced.get(0));
    }
    dependentRequired(all, keys);
    if (keys.size() > MAX_ITEMS || minProperties > MAX_ITEMS) {
      return null;
    }
    ObjectNode out = NODES.objectNode();
    for (String k : keys) {
      List<Refs.Resolved> child = propertySchemas(all, k);
      if (child == null) {
        return null;
      }
      boolean onPath = !forced.isEmpty() && forced.get(0).equals(k);
      JsonNode v =
          gen(
              child,
              Set.of(),
              onPath ? forced.subList(1, forced.size()) : List.of(),
              onPath ? tail : Tail.ANY,
              depth + 1);
      if (v == null) {
        return null;
      }
      out.set(k, v);
    }
    if (out.size() < minProperties) {
      for (String k : extraNames(all)) {
        if (out.size() >= minProperties || !hasBudget()) {
          break;
        }
        if (out.has(k) || !nameAllowed(all, k)) {
          continue;
        }
        List<Refs.Resolved> child = propertySchemas(all, k);
        JsonNode v = child == null ? null : gen(child, Set.of(), List.of(), Tail.ANY, depth + 1);
        if (v != null) {
          out.set(k, v);
          Set<String> more = new LinkedHashSet<>(List.of(k));
          dependentRequired(all, more);
          for (String d : more) {
            if (!out.has(d)) {
              List<Refs.Resolved> dc = propertySchemas(all, d);
              JsonNode dv = dc == null ? null : gen(dc, Set.of(), List.of(), Tail.ANY, depth + 1);
              if (dv == null) {
                return null;
              }
              out.set(d, dv);
            }
          }
        }
      }
      if (out.size() < minProperties) {
        return null;
      }
    }
    return out.size() > maxProperties ? null : out;
  }

  /** True when every propertyNames schema of the members accepts {@code name}. */
  private boolean nameAllowed(List<Refs.Resolved> all, String name) {
    for (Refs.Resolved m : all) {
      JsonNode names = m.node().get("propertyNames");
      if (names != null
          && !accepts(
              Refs.resolve(names, m.site().child("propertyNames")), NODES.stringNode(name))) {
        return false;
      }
    }
    return true;
  }

  /** Adds to {@code keys} what dependentRequired (or array-valued dependencies) asks for them. */
  private static void dependentRequired(List<Refs.Resolved> all, Set<String> keys) {
    for (int round = 0; round < 8; round++) {
      int before = keys.size();
      for (Refs.Resolved m : all) {
        for (String word : List.of("dependentRequired", "dependencies")) {
          JsonNode deps = m.node().get(word);
          if (deps == null || !deps.isObject()) {
            continue;
          }
          for (String k : List.copyOf(keys)) {
            JsonNode d = deps.get(k);
            if (d != null && d.isArray()) {
              d.forEach(x -> keys.add(x.asString()));
            }
          }
        }
      }
      if (keys.size() == before || keys.size() > MAX_ITEMS) {
        return;
      }
    }
  }

  /** Names to add for minProperties: declared ones first, then made-up ones. */
  private static List<String> extraNames(List<Refs.Resolved> all) {
    Set<String> out = new LinkedHashSet<>();
    for (Refs.Resolved m : all) {
      JsonNode props = m.node().get("properties");
      if (props != null && props.isObject()) {
        props.propertyNames().forEach(out::add);
      }
    }
    for (String s : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      out.add(s);
    }
    for (int i = 1; out.size() < MAX_ITEMS * 2; i++) {
      out.add("x" + i);
    }
    return new ArrayList<>(out);
  }

  /**
   * The schemas applying to property {@code key} under every member (properties, matching
   * patternProperties, else additionalProperties); null when one of them is {@code false}.
   */
  @Nullable List<Refs.Resolved> propertySchemas(List<Refs.Resolved> all, String key) {
    List<Refs.Resolved> out = new ArrayList<>();
    for (Refs.Resolved m : all) {
      JsonNode n = m.node();
      Refs.Site site = m.site();
      boolean named = false;
      JsonNode props = n.get("properties");
      if (props != null && props.isObject() && props.has(key)) {
        out.add(Refs.resolve(props.get(key), site.child("properties", key)));
        named = true;
      }
      JsonNode pattern = n.get("patternProperties");
      if (pattern != null && pattern.isObject()) {
        for (Map.Entry<String, JsonNode> e : pattern.properties()) {
          if (matchesAll(List.of(e.getKey()), key)) {
            out.add(Refs.resolve(e.getValue(), site.child("patternProperties", e.getKey())));
            named = true;
          }
        }
      }
      if (!named && n.has("additionalProperties")) {
        out.add(Refs.resolve(n.get("additionalProperties"), site.child("additionalProperties")));
      }
    }
    for (Refs.Resolved r : out) {
      if (r.node().isBoolean() && !r.node().booleanValue()) {
        return null;
      }
    }
    return out;
  }

  // --------------------------------------------------------------------------------- validation

  /**
   * True when every schema accepts {@code value} (a schema that cannot be compiled alone counts).
   */
  boolean acceptsAll(List<Refs.Resolved> all, JsonNode value) {
    for (Refs.Resolved r : all) {
      if (!accepts(r, value)) {
        return false;
      }
    }
    return true;
  }

  /** True when the subschema accepts {@code value}, by the validator, at the subschema's site. */
  boolean accepts(Refs.Resolved r, JsonNode value) {
    JsonNode n = r.node();
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    Object s = compiled.get(n);
    if (s == null) {
      try {
        Refs.Site site = r.site();
        Schema schema =
            site.parent()
                .getSchemaContext()
                .newSchema(site.location(), RefPointers.forEngine(n), site.parent());
        schema.initializeValidators();
        s = schema;
      } catch (RuntimeException | StackOverflowError e) {
        s = UNCOMPILABLE;
      }
      compiled.put(n, s);
    }
    if (s == UNCOMPILABLE) {
      return true; // the whole document is validated anyway
    }
    work++;
    try {
      List<Error> errors = ((Schema) s).validate(value, LIMITS);
      return errors.isEmpty();
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }
}
