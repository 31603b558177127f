package io.hectiqlab.internal;

import static io.hectiqlab.SchemaChange.Impact.BREAKS;
import static io.hectiqlab.SchemaChange.Impact.NONE;
import static io.hectiqlab.SchemaChange.Impact.NOT_DECIDED;
import static io.hectiqlab.internal.SchemaDiffValues.NODES;
import static io.hectiqlab.internal.SchemaDiffValues.decimal;
import static io.hectiqlab.internal.SchemaDiffValues.name;
import static io.hectiqlab.internal.SchemaDiffValues.show;

import com.networknt.schema.regex.RegularExpression;
import io.hectiqlab.Compatibility;
import io.hectiqlab.Location;
import io.hectiqlab.SchemaChange;
import io.hectiqlab.SchemaChange.Impact;
import io.hectiqlab.SchemaChange.Kind;
import io.hectiqlab.internal.SchemaDiffValues.Atom;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One structural walk of {@link SchemaDiff}: the older and the newer schema side by side, keyword
 * by keyword at each instance path, refs followed through {@link Refs}. Each pair of schema
 * locations is compared once per walk (so recursion through refs ends), the walk nests at most
 * {@value #MAX_NESTING} levels, and a whole comparison looks at most at {@value #MAX_SCHEMAS} pairs
 * (its sub-walks, which weigh combinator branches against each other, count too).
 */
final class SchemaDiffWalk {
  /** Schema pairs one comparison looks at, at most. */
  static final int MAX_SCHEMAS = 200_000;

  /** How deeply the walk nests, at most. */
  static final int MAX_NESTING = 256;

  /** Enum values reported one change each; more are reported as one change. */
  static final int MAX_LISTED = 10;

  /** Branch pairs weighed against each other when matching combinator members, at most. */
  static final int MAX_WEIGHED = 64;

  /**
   * Member pairs one comparison weighs in all, at most (past it, members that are not written alike
   * pair in their order): nested combinators would otherwise multiply the weighing.
   */
  static final int MAX_WEIGHED_IN_ALL = 2_048;

  /** Probes proposed per change and direction, at most. */
  static final int MAX_PROBES = 12;

  /** Keywords whose changes are reported but not compared (their effect is not decided). */
  static final List<String> NOT_COMPARED =
      List.of(
          "unevaluatedProperties",
          "unevaluatedItems",
          "propertyNames",
          "$dynamicRef",
          "$recursiveRef",
          "contentSchema",
          "contentMediaType",
          "contentEncoding");

  /** Formats the validator checks (when the dialect asserts formats), with a value of each. */
  static final Map<String, String> FORMAT_EXAMPLES = formatExamples();

  /** What a comparison shares across its walks: the schemas, the budget, parsed documents. */
  static final class Run {
    final SchemaEngine.Compiled older;
    final SchemaEngine.Compiled newer;
    final Compatibility.ContentModel model;
    int schemas;
    boolean stopped;
    final Map<SchemaEngine.Source, Documents.@Nullable Parsed> parsed = new IdentityHashMap<>();
    final Map<String, RegularExpression> patterns = new HashMap<>();

    /** The pairs of documents whose change of dialect was reported. */
    final Set<String> dialects = new HashSet<>();

    /** The pairs being compared, in every walk: met again below themselves, they are a cycle. */
    final Set<String> active = new HashSet<>();

    /** What sub-walks found, by pair. */
    final Map<String, Memo> memo = new HashMap<>();

    /** Schema pairs this comparison may look at. */
    final int maxSchemas;

    /** Member pairs weighed so far (nested combinators multiply them). */
    int weighed;

    Run(
        SchemaEngine.Compiled older,
        SchemaEngine.Compiled newer,
        Compatibility.ContentModel model) {
      this(older, newer, model, MAX_SCHEMAS);
    }

    Run(
        SchemaEngine.Compiled older,
        SchemaEngine.Compiled newer,
        Compatibility.ContentModel model,
        int maxSchemas) {
      this.older = older;
      this.newer = newer;
      this.model = model;
      this.maxSchemas = maxSchemas;
    }
  }

  /**
   * One schema of one version at a point of the walk.
   *
   * @param r the schema, refs followed
   * @param raw the node as written (a {@code $ref} with its siblings, say)
   * @param rawSite where the node as written sits
   * @param parent the keyword whose value holds it, for the lenient rule; null at a root
   * @param present false for a schema that stands for a missing keyword ({@code true}, or {@code
   *     false} for undeclared properties of a closed object): it sits at its enclosing schema
   * @param older true for the older version
   */
  record Side(
      Refs.Resolved r,
      JsonNode raw,
      Refs.Site rawSite,
      @Nullable String parent,
      boolean present,
      boolean older) {
    JsonNode node() {
      return r.node();
    }

    @Nullable JsonNode get(String keyword) {
      return r.node().isObject() ? r.node().get(keyword) : null;
    }

    boolean has(String keyword) {
      return get(keyword) != null;
    }

    /**
     * Names the schema for cycle checks: its ref target, and where it was written too when keywords
     * beside the {@code $ref} were merged in (the same target with other siblings is another
     * schema).
     */
    String key() {
      if (!present) {
        return "virtual:" + r.node();
      }
      if (Refs.hasRef(raw) && raw.size() > 1) {
        return rawSite.location() + " -> " + r.key();
      }
      return r.key();
    }
  }

  private final Run run;
  private final Set<String> visited = new HashSet<>();
  private final List<SchemaDiff.Change> out = new ArrayList<>();

  SchemaDiffWalk(Run run) {
    this.run = run;
  }

  /** Compares the roots of the two schemas. */
  static List<SchemaDiff.Change> compare(Run run) {
    Side os = root(run.older, true);
    Side ns = root(run.newer, false);
    SchemaDiffWalk walk = new SchemaDiffWalk(run);
    walk.compare(os, ns, List.of(), 0);
    if (run.stopped) {
      walk.add(
          Kind.SCHEMA_CHANGED,
          "comparison stopped after " + run.maxSchemas + " subschemas: the rest is not decided",
          os.r().site(),
          os,
          ns.r().site(),
          ns,
          List.of(),
          NOT_DECIDED,
          NOT_DECIDED,
          List.of(),
          List.of());
    }
    return distinct(walk.out);
  }

  private static Side root(SchemaEngine.Compiled schema, boolean older) {
    com.networknt.schema.Schema s = schema.schema();
    Refs.Site site = new Refs.Site(s.getSchemaLocation(), s);
    JsonNode raw = asValidated(schema.node(), site);
    Refs.Resolved r = Refs.resolve(raw, site);
    return new Side(r, raw, r.site(), null, true, older);
  }

  /**
   * A node as validation reads it: in drafts 4 to 7 the keywords beside a {@code $ref} are ignored,
   * so such a node is its {@code $ref} alone; otherwise the node as written.
   */
  static JsonNode asValidated(JsonNode raw, Refs.Site site) {
    if (!Refs.hasRef(raw) || raw.size() < 2 || !dialect(site).contains("draft-0")) {
      return raw;
    }
    tools.jackson.databind.node.ObjectNode ref = NODES.objectNode();
    ref.set("$ref", raw.get("$ref"));
    return ref;
  }

  private static List<SchemaDiff.Change> distinct(List<SchemaDiff.Change> changes) {
    Map<String, SchemaDiff.Change> seen = new LinkedHashMap<>();
    for (SchemaDiff.Change c : changes) {
      String key =
          c.kind()
              + "\n"
              + c.reason()
              + "\n"
              + (c.older() == null ? "" : c.older().pointer())
              + "\n"
              + (c.newer() == null ? "" : c.newer().pointer());
      seen.putIfAbsent(key, c);
    }
    return List.copyOf(seen.values());
  }

  /** The changes between two schemas in a walk of their own (same run and budget). */
  private List<SchemaDiff.Change> sub(Side o, Side n, List<String> path, int depth) {
    String pair = pairKey(o, n);
    Memo known = run.memo.get(pair);
    if (known != null) {
      return known.at(path);
    }
    boolean cut = run.active.contains(pair);
    SchemaDiffWalk w = new SchemaDiffWalk(run);
    w.compare(o, n, path, depth);
    if (!cut && !run.stopped) {
      run.memo.put(pair, new Memo(path, List.copyOf(w.out)));
    }
    return w.out;
  }

  private static String pairKey(Side o, Side n) {
    return o.key() + "\u0000" + n.key();
  }

  /**
   * The changes a sub-walk of one pair found at an instance path, to reuse at another one (a schema
   * referenced from several places, a branch weighed against several): the same changes, their
   * paths and probes moved there.
   */
  record Memo(List<String> base, List<SchemaDiff.Change> changes) {
    List<SchemaDiff.Change> at(List<String> path) {
      if (path.equals(base)) {
        return changes;
      }
      List<SchemaDiff.Change> out = new ArrayList<>(changes.size());
      for (SchemaDiff.Change c : changes) {
        out.add(
            new SchemaDiff.Change(
                c.kind(),
                c.reason(),
                c.older(),
                c.newer(),
                moved(c.instancePath(), path),
                c.backward(),
                c.forward(),
                movedProbes(c.backwardProbes(), path),
                movedProbes(c.forwardProbes(), path)));
      }
      return out;
    }

    private List<String> moved(List<String> p, List<String> to) {
      List<String> out = new ArrayList<>(to);
      if (p.size() >= base.size() && p.subList(0, base.size()).equals(base)) {
        out.addAll(p.subList(base.size(), p.size()));
        return out;
      }
      return p;
    }

    private List<Probe> movedProbes(List<Probe> probes, List<String> to) {
      List<Probe> out = new ArrayList<>(probes.size());
      for (Probe p : probes) {
        out.add(new Probe(moved(p.path(), to), p.op(), p.value(), p.sampleOf()));
      }
      return out;
    }
  }

  // ------------------------------------------------------------------------------- the walk

  void compare(Side o, Side n, List<String> path, int depth) {
    if (run.stopped) {
      return;
    }
    if (++run.schemas > run.maxSchemas) {
      run.stopped = true;
      return;
    }
    String pair = pairKey(o, n);
    if (!visited.add(pair) || !run.active.add(pair)) {
      return; // compared in this walk already, or being compared above: a cycle
    }
    try {
      compareKeywords(o, n, path, depth);
    } finally {
      run.active.remove(pair);
    }
  }

  private void compareKeywords(Side o, Side n, List<String> path, int depth) {
    if (depth > MAX_NESTING || Documents.tooDeep(path.size() + 1)) {
      if (!SchemaDiffValues.same(o.node(), n.node())) {
        add(
            Kind.SCHEMA_CHANGED,
            "schemas nested deeper than " + MAX_NESTING + " levels were not compared",
            o.r().site(),
            o,
            n.r().site(),
            n,
            path,
            NOT_DECIDED,
            NOT_DECIDED,
            List.of(Probe.sample(path, o.r())),
            List.of(Probe.sample(path, n.r())));
      }
      return;
    }
    dialects(o, n, path);
    unevaluated(o, n, path);
    if (besideRef(o) && besideRef(n) && (collides(o) || collides(n))) {
      // Merging would hide the target's keywords that the siblings also have: each applies.
      compare(refOnly(o), refOnly(n), path, depth + 1);
      compare(siblingsOnly(o), siblingsOnly(n), path, depth + 1);
      return;
    }
    boolean oFalse = isFalse(o.node());
    boolean nFalse = isFalse(n.node());
    if (oFalse || nFalse) {
      if (oFalse != nFalse) {
        booleanSchema(o, n, path, oFalse);
      }
      return;
    }
    types(o, n, path);
    annotations(o, n, path);
    values(o, n, path);
    numbers(o, n, path);
    strings(o, n, path);
    arrays(o, n, path, depth);
    objects(o, n, path, depth);
    combinators(o, n, path, depth);
    conditions(o, n, path, depth);
    notCompared(o, n, path);
  }

  /**
   * A document read in another dialect by the newer version than by the older one (the roots, or a
   * file a ref leads to): one change not decided both ways, once per pair of documents, since what
   * the same keywords check differs (formats asserted in drafts 4 to 7, keywords beside {@code
   * $ref} ignored there, ...). Probes put strings of formats and not, and samples.
   */
  private void dialects(Side o, Side n, List<String> path) {
    if (!o.present() || !n.present()) {
      return;
    }
    String a = dialect(o);
    String b = dialect(n);
    if (a.equals(b)) {
      return;
    }
    Refs.Site so = at(o, "$schema");
    Refs.Site sn = at(n, "$schema");
    if (!run.dialects.add(document(so) + "\u0000" + document(sn))) {
      return;
    }
    add(
        Kind.SCHEMA_CHANGED,
        "dialect changed from " + shortDialect(a) + " to " + shortDialect(b),
        so,
        o,
        sn,
        n,
        path,
        NOT_DECIDED,
        NOT_DECIDED,
        dialectProbes(o, n, path),
        dialectProbes(n, o, path));
  }

  /** A sample of {@code from} first, then strings of every format and of none. */
  private List<Probe> dialectProbes(Side from, Side to, List<String> path) {
    List<Probe> out = new ArrayList<>();
    out.add(Probe.sample(path, from.r()));
    out.addAll(formatProbes(from, null, to, path));
    return out;
  }

  private static String document(Refs.Site s) {
    String l = s.location().toString();
    int hash = l.indexOf('#');
    return hash < 0 ? l : l.substring(0, hash);
  }

  /** {@code draft-07} for draft-07's id, {@code 2020-12} for 2020-12's, else the id itself. */
  static String shortDialect(String id) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(draft-0[0-9]|20[0-9]{2}-[0-9]{2})").matcher(id);
    return m.find() ? m.group(1) : id.isEmpty() ? "an unknown dialect" : id;
  }

  /**
   * Where either version's schema has {@code unevaluatedProperties} or {@code unevaluatedItems}
   * (other than {@code true}) and what its keywords and in-place applicators evaluate differs
   * between the versions (see {@link SchemaDiffEvaluated#same}), one change not decided both ways,
   * whatever the changes inside find: a property or item one version evaluates may fall to the
   * other's unevaluated schema. Probes put the properties (items) each version declares.
   */
  private void unevaluated(Side o, Side n, List<String> path) {
    if (!o.present() || !n.present()) {
      return;
    }
    boolean props =
        SchemaDiffEvaluated.restricts(o.node(), "unevaluatedProperties")
            || SchemaDiffEvaluated.restricts(n.node(), "unevaluatedProperties");
    boolean items =
        SchemaDiffEvaluated.restricts(o.node(), "unevaluatedItems")
            || SchemaDiffEvaluated.restricts(n.node(), "unevaluatedItems");
    if (!props && !items || SchemaDiffEvaluated.same(o.raw(), o.rawSite(), n.raw(), n.rawSite())) {
      return;
    }
    String kw = props ? "unevaluatedProperties" : "unevaluatedItems";
    add(
        Kind.SCHEMA_CHANGED,
        "what " + kw + " sees changed: not decided",
        at(o, kw),
        o,
        at(n, kw),
        n,
        path,
        NOT_DECIDED,
        NOT_DECIDED,
        evaluatedProbes(o, n, path, props, items),
        evaluatedProbes(n, o, path, props, items));
  }

  /**
   * Documents valid under {@code from} with the properties (items) either version evaluates: {@code
   * from}'s declared ones from their subschemas, the other's set to plain values.
   */
  private List<Probe> evaluatedProbes(
      Side from, Side other, List<String> path, boolean props, boolean items) {
    List<Probe> out = new ArrayList<>();
    if (props) {
      Map<String, Refs.Resolved> mine = SchemaDiffEvaluated.declared(from.raw(), from.rawSite());
      Map<String, Refs.Resolved> theirs =
          SchemaDiffEvaluated.declared(other.raw(), other.rawSite());
      for (Map.Entry<String, Refs.Resolved> e : mine.entrySet()) {
        if (!theirs.containsKey(e.getKey())) {
          out.add(Probe.sample(append(path, e.getKey()), e.getValue()));
        }
      }
      for (String name : theirs.keySet()) {
        if (!mine.containsKey(name)) {
          out.add(Probe.set(append(path, name), NODES.numberNode(1)));
        }
      }
      for (Map.Entry<String, Refs.Resolved> e : mine.entrySet()) {
        if (theirs.containsKey(e.getKey())) {
          out.add(Probe.sample(append(path, e.getKey()), e.getValue()));
        }
      }
      // all of them at once: a property a condition or a branch evaluates needs the others there
      tools.jackson.databind.node.ObjectNode all = NODES.objectNode();
      for (Map.Entry<String, Refs.Resolved> e : mine.entrySet()) {
        List<JsonNode> g = SchemaDiffValues.guesses(e.getValue().node());
        all.set(e.getKey(), g.isEmpty() ? NODES.numberNode(1) : g.get(0));
      }
      if (!all.isEmpty()) {
        out.add(0, Probe.set(path, all));
      }
    }
    if (items) {
      int most =
          Math.max(
              SchemaDiffEvaluated.tuple(from.raw(), from.rawSite()),
              SchemaDiffEvaluated.tuple(other.raw(), other.rawSite()));
      List<JsonNode> arrays = new ArrayList<>();
      for (int k = most + 1; k >= 1; k--) {
        tools.jackson.databind.node.ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < k; i++) {
          a.add(i + 1);
        }
        arrays.add(a);
      }
      out.addAll(sets(path, arrays));
    }
    out.add(Probe.sample(path, from.r()));
    return out;
  }

  /** True for a schema written as a {@code $ref} with other keywords beside it. */
  private static boolean besideRef(Side s) {
    return s.present()
        && Refs.hasRef(s.raw())
        && s.raw().size() > 1
        && !s.r().key().endsWith(SIBLINGS);
  }

  /** Ends the key of the keywords beside a {@code $ref} taken apart from its target. */
  private static final String SIBLINGS = " (beside its $ref)";

  /** True when a keyword beside the {@code $ref} is one its target has too (not annotations). */
  private static boolean collides(Side s) {
    if (!besideRef(s)) {
      return false;
    }
    JsonNode target = refOnly(s).node();
    if (!target.isObject()) {
      return false;
    }
    for (String k : names(s.raw())) {
      if (!k.equals("$ref") && target.has(k) && !ANNOTATIONS.contains(k)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> ANNOTATIONS =
      Set.of("title", "description", "default", "examples", "$comment", "deprecated");

  /** The target of a side's {@code $ref} alone, without the keywords beside it. */
  private static Side refOnly(Side s) {
    tools.jackson.databind.node.ObjectNode ref = NODES.objectNode();
    ref.set("$ref", s.raw().get("$ref"));
    return new Side(Refs.resolve(ref, s.rawSite()), ref, s.rawSite(), s.parent(), true, s.older());
  }

  /** The keywords beside a side's {@code $ref}, without it, where they are written. */
  private static Side siblingsOnly(Side s) {
    tools.jackson.databind.node.ObjectNode rest = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : s.raw().properties()) {
      if (!e.getKey().equals("$ref")) {
        rest.set(e.getKey(), e.getValue());
      }
    }
    Refs.Resolved r = new Refs.Resolved(rest, s.rawSite(), s.rawSite().location() + SIBLINGS);
    return new Side(r, s.raw(), s.rawSite(), s.parent(), true, s.older());
  }

  private static boolean isFalse(JsonNode n) {
    return n.isBoolean() && !n.booleanValue();
  }

  private void booleanSchema(Side o, Side n, List<String> path, boolean oFalse) {
    if (oFalse) {
      add(
          Kind.SCHEMA_CHANGED,
          n.present() && !n.node().isBoolean()
              ? "schema false became a schema that admits values"
              : "schema false became true",
          o.rawSite(),
          o,
          n.rawSite(),
          n,
          path,
          NONE,
          BREAKS,
          List.of(),
          List.of(Probe.sample(path, n.r())));
    } else {
      add(
          Kind.SCHEMA_CHANGED,
          o.present() && !o.node().isBoolean()
              ? "schema became false: no value is valid"
              : "schema true became false",
          o.rawSite(),
          o,
          n.rawSite(),
          n,
          path,
          BREAKS,
          NONE,
          List.of(Probe.sample(path, o.r())),
          List.of());
    }
  }

  // ---------------------------------------------------------------------------------- types

  private void types(Side o, Side n, List<String> path) {
    JsonNode to = o.get("type");
    JsonNode tn = n.get("type");
    Set<Atom> ao = SchemaDiffValues.atoms(to);
    Set<Atom> an = SchemaDiffValues.atoms(tn);
    if (ao.equals(an)) {
      return;
    }
    Set<Atom> lost = EnumSet.copyOf(ao);
    lost.removeAll(an);
    Set<Atom> gained = EnumSet.copyOf(an);
    gained.removeAll(ao);
    Kind kind =
        lost.isEmpty()
            ? Kind.TYPE_WIDENED
            : gained.isEmpty() ? Kind.TYPE_NARROWED : Kind.TYPE_CHANGED;
    String verb =
        kind == Kind.TYPE_WIDENED ? "widened" : kind == Kind.TYPE_NARROWED ? "narrowed" : "changed";
    add(
        kind,
        "type "
            + verb
            + " from "
            + SchemaDiffValues.showType(to)
            + " to "
            + SchemaDiffValues.showType(tn),
        at(o, "type"),
        o,
        at(n, "type"),
        n,
        path,
        lost.isEmpty() ? NONE : BREAKS,
        gained.isEmpty() ? NONE : BREAKS,
        sets(path, atomValues(lost, o)),
        sets(path, atomValues(gained, n)));
  }

  /** Values of the given atoms the side may accept (within its plain limits first). */
  private List<JsonNode> atomValues(Set<Atom> atoms, Side side) {
    List<JsonNode> out = new ArrayList<>();
    for (Atom a : atoms) {
      switch (a) {
        case INTEGER, FRACTION -> {
          List<BigDecimal> seeds = new ArrayList<>();
          Bound lo = lower(side);
          Bound hi = upper(side);
          BigDecimal m = positive(side.get("multipleOf"));
          if (m != null) {
            seeds.add(m);
            seeds.add(m.multiply(BigDecimal.TEN));
          }
          if (lo != null) {
            seeds.add(lo.value().add(new BigDecimal("0.5")));
            seeds.add(lo.value().add(BigDecimal.ONE));
            seeds.add(lo.value());
          }
          if (hi != null) {
            seeds.add(hi.value().subtract(new BigDecimal("0.5")));
            seeds.add(hi.value().subtract(BigDecimal.ONE));
            seeds.add(hi.value());
          }
          seeds.addAll(List.of(new BigDecimal("0.5"), new BigDecimal("1.5"), BigDecimal.ONE));
          seeds.addAll(List.of(BigDecimal.ZERO, new BigDecimal("-0.5"), BigDecimal.ONE.negate()));
          for (BigDecimal s : seeds) {
            boolean whole = s.stripTrailingZeros().scale() <= 0;
            if ((a == Atom.INTEGER) == whole && numberAccepts(side, s, false)) {
              out.add(SchemaDiffValues.number(s));
            }
          }
        }
        case STRING -> {
          for (String s : stringSeeds(side)) {
            if (stringAccepts(side, s)) {
              out.add(NODES.stringNode(s));
            }
          }
          out.add(NODES.stringNode("a"));
        }
        default -> out.addAll(SchemaDiffValues.oneOfEach(EnumSet.of(a)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------- annotations

  private void annotations(Side o, Side n, List<String> path) {
    annotation(o, n, path, "title", Kind.TITLE_CHANGED);
    annotation(o, n, path, "description", Kind.DESCRIPTION_CHANGED);
    annotation(o, n, path, "default", Kind.DEFAULT_CHANGED);
  }

  private void annotation(Side o, Side n, List<String> path, String keyword, Kind kind) {
    JsonNode a = o.get(keyword);
    JsonNode b = n.get(keyword);
    if (SchemaDiffValues.same(a, b)) {
      return;
    }
    String reason =
        a == null
            ? keyword + " " + show(b) + " added"
            : b == null
                ? keyword + " " + show(a) + " removed"
                : keyword + " changed from " + show(a) + " to " + show(b);
    add(kind, reason, at(o, keyword), o, at(n, keyword), n, path, NONE, NONE, null, null);
  }

  // ---------------------------------------------------------------------------- enum, const

  /** A value an enum or const admits, and where it is written. */
  private record Admitted(JsonNode value, Refs.Site site) {}

  /** The values enum and const admit, by canonical key; null when neither restricts. */
  private @Nullable Map<String, Admitted> admitted(Side s) {
    JsonNode e = s.get("enum");
    JsonNode c = s.get("const");
    if ((e == null || !e.isArray()) && c == null) {
      return null;
    }
    Map<String, Admitted> out = new LinkedHashMap<>();
    if (e != null && e.isArray()) {
      Refs.Site site = at(s, "enum");
      for (int i = 0; i < e.size(); i++) {
        out.putIfAbsent(
            SchemaDiffValues.canonical(e.get(i)), new Admitted(e.get(i), child(site, i)));
      }
    }
    if (c != null) {
      String key = SchemaDiffValues.canonical(c);
      if (e != null && e.isArray()) {
        Admitted kept = out.get(key);
        out.clear();
        if (kept != null) {
          out.put(key, kept);
        }
      } else {
        out.put(key, new Admitted(c, at(s, "const")));
      }
    }
    return out;
  }

  private void values(Side o, Side n, List<String> path) {
    Map<String, Admitted> vo = admitted(o);
    Map<String, Admitted> vn = admitted(n);
    if (vo == null && vn == null) {
      return;
    }
    if (vo == null || vn == null) {
      boolean added = vo == null;
      Side restricting = added ? n : o;
      Side free = added ? o : n;
      Map<String, Admitted> set = added ? vn : vo;
      boolean isConst = !restricting.has("enum");
      String shown = isConst ? show(restricting.get("const")) : show(restricting.get("enum"));
      Kind kind =
          isConst
              ? (added ? Kind.CONST_ADDED : Kind.CONST_REMOVED)
              : (added ? Kind.ENUM_ADDED : Kind.ENUM_REMOVED);
      String keyword = isConst ? "const" : "enum";
      List<Probe> probes = sets(path, outside(free, set.keySet()));
      add(
          kind,
          keyword + " " + shown + (added ? " added" : " removed"),
          at(o, keyword),
          o,
          at(n, keyword),
          n,
          path,
          added ? BREAKS : NONE,
          added ? NONE : BREAKS,
          added ? probes : List.of(),
          added ? List.of() : probes);
      return;
    }
    List<Admitted> lost = new ArrayList<>();
    for (Map.Entry<String, Admitted> e : vo.entrySet()) {
      if (!vn.containsKey(e.getKey())) {
        lost.add(e.getValue());
      }
    }
    List<Admitted> gained = new ArrayList<>();
    for (Map.Entry<String, Admitted> e : vn.entrySet()) {
      if (!vo.containsKey(e.getKey())) {
        gained.add(e.getValue());
      }
    }
    if (lost.isEmpty() && gained.isEmpty()) {
      return;
    }
    if (!o.has("enum") && !n.has("enum")) {
      add(
          Kind.CONST_CHANGED,
          "const changed from " + show(o.get("const")) + " to " + show(n.get("const")),
          at(o, "const"),
          o,
          at(n, "const"),
          n,
          path,
          BREAKS,
          BREAKS,
          List.of(Probe.set(path, o.get("const"))),
          List.of(Probe.set(path, n.get("const"))));
      return;
    }
    enumValues(o, n, path, lost, true);
    enumValues(o, n, path, gained, false);
  }

  private void enumValues(Side o, Side n, List<String> path, List<Admitted> values, boolean lost) {
    if (values.isEmpty()) {
      return;
    }
    Kind kind = lost ? Kind.ENUM_VALUE_REMOVED : Kind.ENUM_VALUE_ADDED;
    String verb = lost ? "enum lost " : "enum gained ";
    String keyword = o.has("enum") || !lost ? "enum" : "const";
    if (values.size() <= MAX_LISTED) {
      for (Admitted a : values) {
        List<Probe> probe = List.of(Probe.set(path, a.value()));
        add(
            kind,
            verb + show(a.value()),
            lost ? a.site() : at(o, keyword),
            o,
            lost ? at(n, n.has("enum") ? "enum" : "const") : a.site(),
            n,
            path,
            lost ? BREAKS : NONE,
            lost ? NONE : BREAKS,
            lost ? probe : List.of(),
            lost ? List.of() : probe);
      }
      return;
    }
    List<String> shown = new ArrayList<>();
    List<Probe> probes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shown.add(show(values.get(i).value()));
    }
    for (int i = 0; i < Math.min(5, values.size()); i++) {
      probes.add(Probe.set(path, values.get(i).value()));
    }
    add(
        kind,
        verb
            + String.format("%,d", values.size())
            + " values: "
            + String.join(", ", shown)
            + ", ...",
        at(o, "enum"),
        o,
        at(n, "enum"),
        n,
        path,
        lost ? BREAKS : NONE,
        lost ? NONE : BREAKS,
        lost ? probes : List.of(),
        lost ? List.of() : probes);
  }

  /** Values the free side may accept that are none of {@code keys}. */
  private List<JsonNode> outside(Side free, Set<String> keys) {
    List<JsonNode> candidates = new ArrayList<>();
    Set<Atom> atoms = SchemaDiffValues.atomsOf(free.node());
    candidates.addAll(SchemaDiffValues.guesses(free.node()));
    candidates.addAll(atomValues(atoms, free));
    for (String s : List.of("x", "", "other", "0")) {
      candidates.add(NODES.stringNode(s));
    }
    for (int i : new int[] {0, 1, -1, 2, 12345}) {
      candidates.add(NODES.numberNode(i));
    }
    candidates.add(NODES.numberNode(new BigDecimal("0.5")));
    candidates.addAll(SchemaDiffValues.oneOfEach(atoms));
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode c : candidates) {
      String key = SchemaDiffValues.canonical(c);
      if (!keys.contains(key) && seen.add(key) && atoms.contains(atomOf(c))) {
        out.add(c);
      }
    }
    return out;
  }

  private static @Nullable Atom atomOf(JsonNode v) {
    if (v.isNull()) {
      return Atom.NULL;
    }
    if (v.isBoolean()) {
      return Atom.BOOLEAN;
    }
    if (v.isObject()) {
      return Atom.OBJECT;
    }
    if (v.isArray()) {
      return Atom.ARRAY;
    }
    if (v.isString()) {
      return Atom.STRING;
    }
    BigDecimal d = decimal(v);
    if (d == null) {
      return null;
    }
    return d.scale() <= 0 ? Atom.INTEGER : Atom.FRACTION;
  }

  // -------------------------------------------------------------------------------- numbers

  /**
   * A bound on numbers: its value, whether it is exclusive, the keyword that sets it, and whether
   * that is a draft-04 boolean {@code exclusiveMaximum}/{@code exclusiveMinimum} beside it.
   */
  record Bound(BigDecimal value, boolean exclusive, String keyword, boolean modifier) {
    String describe() {
      return modifier ? keyword + " " + show(value) + " (exclusive)" : keyword + " " + show(value);
    }
  }

  static @Nullable Bound upper(Side s) {
    return bound(s, "maximum", "exclusiveMaximum", true);
  }

  static @Nullable Bound lower(Side s) {
    return bound(s, "minimum", "exclusiveMinimum", false);
  }

  private static @Nullable Bound bound(Side s, String inclusive, String exclusive, boolean upper) {
    BigDecimal v = decimal(s.get(inclusive));
    JsonNode x = s.get(exclusive);
    Bound a = null;
    if (v != null) {
      boolean modifier = x != null && x.isBoolean();
      a = new Bound(v, modifier && x.booleanValue(), inclusive, modifier && x.booleanValue());
    }
    BigDecimal xv = decimal(x);
    Bound b = xv == null ? null : new Bound(xv, true, exclusive, false);
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    int cmp = a.value().compareTo(b.value());
    if (cmp == 0) {
      return a.exclusive() ? a : b;
    }
    return (cmp < 0) == upper ? a : b;
  }

  /**
   * A bound on the integers alone, for a side whose type admits integers but no other numbers: the
   * inclusive whole bound ({@code maximum 1.5} and {@code exclusiveMaximum 2} both mean at most 1).
   */
  private static BigDecimal whole(Bound b, boolean upper) {
    BigDecimal v = b.value();
    BigDecimal w = v.setScale(0, upper ? RoundingMode.FLOOR : RoundingMode.CEILING);
    if (b.exclusive() && w.compareTo(v) == 0) {
      w = upper ? w.subtract(BigDecimal.ONE) : w.add(BigDecimal.ONE);
    }
    return w;
  }

  /** Compares two bounds: negative when {@code a} admits less than {@code b}. */
  private static int tightness(
      @Nullable Bound a, @Nullable Bound b, boolean upper, boolean integersOnly) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    if (integersOnly) {
      int c = whole(a, upper).compareTo(whole(b, upper));
      return upper ? c : -c;
    }
    int c = a.value().compareTo(b.value());
    if (c == 0) {
      return a.exclusive() == b.exclusive() ? 0 : a.exclusive() ? -1 : 1;
    }
    return upper ? c : -c;
  }

  private static boolean integersOnly(Side s) {
    Set<Atom> a = SchemaDiffValues.atomsOf(s.node());
    return a.contains(Atom.INTEGER) && !a.contains(Atom.FRACTION);
  }

  private static boolean admits(Side s, Set<Atom> atoms) {
    for (Atom a : SchemaDiffValues.atomsOf(s.node())) {
      if (atoms.contains(a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean admits(Side s, Atom atom) {
    return SchemaDiffValues.atomsOf(s.node()).contains(atom);
  }

  private void numbers(Side o, Side n, List<String> path) {
    boolean applies = admits(o, SchemaDiffValues.NUMBERS) && admits(n, SchemaDiffValues.NUMBERS);
    numberBound(o, n, path, true, applies);
    numberBound(o, n, path, false, applies);
    multipleOf(o, n, path, applies);
  }

  private void numberBound(Side o, Side n, List<String> path, boolean upper, boolean applies) {
    Bound bo = upper ? upper(o) : lower(o);
    Bound bn = upper ? upper(n) : lower(n);
    boolean ints = integersOnly(o) && integersOnly(n);
    int t = tightness(bn, bo, upper, ints);
    if (t == 0) {
      return; // the same numbers, perhaps written another way
    }
    boolean tightened = t < 0;
    String reason;
    if (bo == null) {
      reason = bn.describe() + " added";
    } else if (bn == null) {
      reason = bo.describe() + " removed";
    } else if (bo.keyword().equals(bn.keyword())
        && bo.value().compareTo(bn.value()) == 0
        && bo.exclusive() != bn.exclusive()) {
      reason =
          bo.keyword()
              + " "
              + show(bo.value())
              + (bn.exclusive() ? " made exclusive" : " made inclusive");
    } else if (bo.keyword().equals(bn.keyword()) && bo.exclusive() == bn.exclusive()) {
      int c = bn.value().compareTo(bo.value());
      reason =
          bo.keyword()
              + (c < 0 ? " lowered" : c > 0 ? " raised" : " changed")
              + " from "
              + show(bo.value())
              + " to "
              + show(bn.value());
    } else {
      reason =
          (upper ? "upper" : "lower")
              + " bound "
              + (tightened ? "tightened" : "relaxed")
              + " from "
              + bo.describe()
              + " to "
              + bn.describe();
    }
    Impact breaks = applies ? BREAKS : NONE;
    List<BigDecimal> seeds = new ArrayList<>();
    for (Bound b : new Bound[] {bo, bn}) {
      if (b != null) {
        seeds.add(b.value());
      }
    }
    if (bo != null && bn != null) {
      seeds.add(0, bo.value().add(bn.value()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64));
    }
    List<Probe> bp = tightened ? numberProbes(o, n, path, seeds) : List.of();
    List<Probe> fp = tightened ? List.of() : numberProbes(n, o, path, seeds);
    add(
        tightened ? Kind.LIMIT_TIGHTENED : Kind.LIMIT_RELAXED,
        reason,
        boundSite(o, bo),
        o,
        boundSite(n, bn),
        n,
        path,
        tightened ? breaks : NONE,
        tightened ? NONE : breaks,
        bp,
        fp);
  }

  private Refs.Site boundSite(Side s, @Nullable Bound b) {
    return b == null ? enclosing(s) : at(s, b.keyword());
  }

  private void multipleOf(Side o, Side n, List<String> path, boolean applies) {
    BigDecimal mo = positive(o.get("multipleOf"));
    BigDecimal mn = positive(n.get("multipleOf"));
    if (mo == null && mn == null || mo != null && mn != null && mo.compareTo(mn) == 0) {
      return;
    }
    // Documents valid under one version are multiples of its divisor (or whole numbers, or any).
    boolean backward = applies && !covers(o, mo, mn);
    boolean forward = applies && !covers(n, mn, mo);
    String reason =
        mo == null
            ? "multipleOf " + show(mn) + " added"
            : mn == null
                ? "multipleOf " + show(mo) + " removed"
                : "multipleOf changed from " + show(mo) + " to " + show(mn);
    List<BigDecimal> seeds = new ArrayList<>();
    for (BigDecimal m : new BigDecimal[] {mo, mn}) {
      if (m != null) {
        for (int k = 1; k <= 7; k++) {
          seeds.add(m.multiply(BigDecimal.valueOf(k)));
        }
        seeds.add(m.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64));
        seeds.add(m.multiply(new BigDecimal("1.5")));
      }
    }
    seeds.addAll(List.of(BigDecimal.ONE, new BigDecimal("0.5"), new BigDecimal("0.1")));
    add(
        Kind.MULTIPLE_OF_CHANGED,
        reason,
        at(o, "multipleOf"),
        o,
        at(n, "multipleOf"),
        n,
        path,
        backward ? BREAKS : NONE,
        forward ? BREAKS : NONE,
        backward ? numberProbes(o, n, path, seeds) : List.of(),
        forward ? numberProbes(n, o, path, seeds) : List.of());
  }

  /**
   * True when every number a side with divisor {@code from} admits is a multiple of {@code to}:
   * {@code from} is a multiple of {@code to}, or the side admits only whole numbers and 1 is.
   */
  private static boolean covers(Side side, @Nullable BigDecimal from, @Nullable BigDecimal to) {
    if (to == null) {
      return true;
    }
    if (from != null && SchemaDiffValues.isMultiple(from, to)) {
      return true;
    }
    return integersOnly(side) && SchemaDiffValues.isMultiple(BigDecimal.ONE, to);
  }

  private static @Nullable BigDecimal positive(@Nullable JsonNode n) {
    BigDecimal d = decimal(n);
    return d != null && d.signum() > 0 ? d : null;
  }

  /** SET probes of numbers near the seeds that {@code from} accepts and {@code to} rejects. */
  private List<Probe> numberProbes(Side from, Side to, List<String> path, List<BigDecimal> seeds) {
    List<BigDecimal> candidates = new ArrayList<>();
    BigDecimal half = new BigDecimal("0.5");
    for (BigDecimal s : seeds) {
      candidates.add(s);
    }
    for (BigDecimal s : seeds) {
      candidates.add(s.setScale(0, RoundingMode.FLOOR));
      candidates.add(s.setScale(0, RoundingMode.CEILING));
      candidates.add(s.add(BigDecimal.ONE));
      candidates.add(s.subtract(BigDecimal.ONE));
      candidates.add(s.add(half));
      candidates.add(s.subtract(half));
      candidates.add(s.multiply(BigDecimal.TEN).add(BigDecimal.ONE));
    }
    List<JsonNode> out = new ArrayList<>();
    Set<BigDecimal> seen = new HashSet<>();
    for (BigDecimal c : candidates) {
      BigDecimal s = c.signum() == 0 ? BigDecimal.ZERO : c.stripTrailingZeros();
      if (seen.add(s) && numberAccepts(from, s, false) && !numberAccepts(to, s, true)) {
        out.add(SchemaDiffValues.number(s));
      }
    }
    return sets(path, out);
  }

  /**
   * True when a side's number keywords accept {@code v} (its bounds, multipleOf, and whether it
   * admits a number that is not whole); {@code numbersOnly} leaves the type out.
   */
  private static boolean numberAccepts(Side s, BigDecimal v, boolean numbersOnly) {
    Bound hi = upper(s);
    Bound lo = lower(s);
    if (hi != null) {
      int c = v.compareTo(hi.value());
      if (c > 0 || (c == 0 && hi.exclusive())) {
        return false;
      }
    }
    if (lo != null) {
      int c = v.compareTo(lo.value());
      if (c < 0 || (c == 0 && lo.exclusive())) {
        return false;
      }
    }
    BigDecimal m = positive(s.get("multipleOf"));
    if (m != null && !SchemaDiffValues.isMultiple(v, m)) {
      return false;
    }
    if (numbersOnly) {
      return true;
    }
    Set<Atom> atoms = SchemaDiffValues.atomsOf(s.node());
    boolean whole = v.stripTrailingZeros().scale() <= 0;
    return atoms.contains(whole ? Atom.INTEGER : Atom.FRACTION);
  }

  // -------------------------------------------------------------------------------- strings

  private void strings(Side o, Side n, List<String> path) {
    boolean applies = admits(o, Atom.STRING) && admits(n, Atom.STRING);
    sizeLimits(o, n, path, "minLength", "maxLength", applies, Atom.STRING);
    pattern(o, n, path, applies);
    format(o, n, path, applies);
  }

  private void pattern(Side o, Side n, List<String> path, boolean applies) {
    String po = text(o.get("pattern"));
    String pn = text(n.get("pattern"));
    if (po == null && pn == null || po != null && po.equals(pn)) {
      return;
    }
    Kind kind;
    String reason;
    Impact b;
    Impact f;
    if (po == null) {
      kind = Kind.PATTERN_ADDED;
      reason = "pattern " + name(pn) + " added";
      b = applies && !matchesAll(pn) ? BREAKS : NONE;
      f = NONE;
    } else if (pn == null) {
      kind = Kind.PATTERN_REMOVED;
      reason = "pattern " + name(po) + " removed";
      b = NONE;
      f = applies && !matchesAll(po) ? BREAKS : NONE;
    } else {
      kind = Kind.PATTERN_CHANGED;
      reason = "pattern changed from " + name(po) + " to " + name(pn);
      b = applies ? NOT_DECIDED : NONE;
      f = applies ? NOT_DECIDED : NONE;
    }
    add(
        kind,
        reason,
        at(o, "pattern"),
        o,
        at(n, "pattern"),
        n,
        path,
        b,
        f,
        stringProbes(o, n, path),
        stringProbes(n, o, path));
  }

  private static boolean matchesAll(String pattern) {
    return Set.of("", ".*", "^.*", ".*$", "^.*$", "[\\s\\S]*", "^[\\s\\S]*$").contains(pattern);
  }

  private void format(Side o, Side n, List<String> path, boolean applies) {
    String fo = text(o.get("format"));
    String fn = text(n.get("format"));
    if (fo == null && fn == null || fo != null && fo.equals(fn)) {
      return;
    }
    boolean checkedO = fo != null && assertsFormats(o) && FORMAT_EXAMPLES.containsKey(fo);
    boolean checkedN = fn != null && assertsFormats(n) && FORMAT_EXAMPLES.containsKey(fn);
    Kind kind =
        fo == null ? Kind.FORMAT_ADDED : fn == null ? Kind.FORMAT_REMOVED : Kind.FORMAT_CHANGED;
    String reason =
        fo == null
            ? "format " + name(fn) + " added"
            : fn == null
                ? "format " + name(fo) + " removed"
                : "format changed from " + name(fo) + " to " + name(fn);
    if (!checkedO && !checkedN) {
      reason += " (not checked: information only)";
    }
    Impact b = !applies || !checkedN ? NONE : checkedO ? NOT_DECIDED : BREAKS;
    Impact f = !applies || !checkedO ? NONE : checkedN ? NOT_DECIDED : BREAKS;
    add(
        kind,
        reason,
        at(o, "format"),
        o,
        at(n, "format"),
        n,
        path,
        b,
        f,
        formatProbes(o, fo, n, path),
        formatProbes(n, fn, o, path));
  }

  private List<Probe> formatProbes(Side from, @Nullable String format, Side to, List<String> path) {
    List<JsonNode> values = new ArrayList<>();
    if (format != null && FORMAT_EXAMPLES.containsKey(format)) {
      values.add(NODES.stringNode(FORMAT_EXAMPLES.get(format)));
    }
    for (String s : List.of("", "a", "not a value of this format", "0")) {
      values.add(NODES.stringNode(s));
    }
    for (String e : FORMAT_EXAMPLES.values()) {
      values.add(NODES.stringNode(e));
    }
    List<Probe> out = new ArrayList<>(sets(path, values));
    out.add(Probe.sample(path, from.r()));
    return out;
  }

  /** True when a side's dialect checks formats by default (drafts 4 to 7). */
  private static boolean assertsFormats(Side s) {
    String d = dialect(s);
    return d.contains("draft-04") || d.contains("draft-06") || d.contains("draft-07");
  }

  private static String dialect(Side s) {
    return dialect(s.r().site());
  }

  /** The id of the dialect a site's document is read in, or "" when it cannot be told. */
  static String dialect(Refs.Site site) {
    try {
      return site.parent().getSchemaContext().getDialect().getId();
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static boolean olderDraft(Side s) {
    String d = dialect(s);
    return d.contains("draft-0") || d.contains("2019-09");
  }

  /** Strings near the side's lengths, then a few of every shape. */
  private static List<String> stringSeeds(Side s) {
    List<String> out = new ArrayList<>();
    long min = s.get("minLength") == null ? 0 : Math.max(0, s.get("minLength").asLong(0));
    if (min > 0 && min <= SchemaDiffValues.MAX_BUILT_SIZE) {
      out.add("a".repeat((int) min));
    }
    out.addAll(
        List.of(
            "",
            "a",
            "A",
            "0",
            "1",
            " ",
            "-",
            "_",
            "abc",
            "ABC",
            "123",
            "a-b",
            "a b",
            "a_b",
            "xxxxxxxxxx",
            "é"));
    return out;
  }

  private List<Probe> stringProbes(Side from, Side to, List<String> path) {
    List<JsonNode> values = new ArrayList<>();
    for (String s : stringSeeds(from)) {
      if (stringAccepts(from, s) && !stringAccepts(to, s)) {
        values.add(NODES.stringNode(s));
      }
    }
    List<Probe> out = new ArrayList<>(sets(path, values));
    out.add(Probe.sample(path, from.r()));
    return out;
  }

  /** True when a side's string keywords (lengths, pattern) accept {@code s}. */
  private boolean stringAccepts(Side side, String s) {
    long length = s.codePointCount(0, s.length());
    JsonNode min = side.get("minLength");
    JsonNode max = side.get("maxLength");
    if (min != null && min.isNumber() && length < min.asLong()) {
      return false;
    }
    if (max != null && max.isNumber() && length > max.asLong()) {
      return false;
    }
    String p = text(side.get("pattern"));
    return p == null || matches(p, s);
  }

  private boolean matches(String regex, String value) {
    RegularExpression re =
        run.patterns.computeIfAbsent(
            regex,
            r -> {
              try {
                return SafeRegex.INSTANCE.getRegularExpression(r);
              } catch (RuntimeException invalid) {
                return v -> false;
              }
            });
    try {
      return re.matches(value);
    } catch (RuntimeException tooCostly) {
      return false;
    }
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n != null && n.isString() ? n.stringValue() : null;
  }

  // --------------------------------------------------------------------- lengths and counts

  /**
   * minLength/maxLength, minItems/maxItems, minProperties/maxProperties: each keyword compared on
   * its own (an absent minimum counts as 0).
   */
  private void sizeLimits(
      Side o, Side n, List<String> path, String minKw, String maxKw, boolean applies, Atom atom) {
    for (boolean upper : new boolean[] {false, true}) {
      String kw = upper ? maxKw : minKw;
      Long vo = count(o.get(kw));
      Long vn = count(n.get(kw));
      long eo = vo == null ? (upper ? Long.MAX_VALUE : 0) : vo;
      long en = vn == null ? (upper ? Long.MAX_VALUE : 0) : vn;
      if (eo == en) {
        continue;
      }
      boolean tightened = upper ? en < eo : en > eo;
      String reason;
      if (vo == null) {
        reason = kw + " " + vn + " added";
      } else if (vn == null) {
        reason = kw + " " + vo + " removed";
      } else {
        reason = kw + (en < eo ? " lowered" : " raised") + " from " + vo + " to " + vn;
      }
      Impact breaks = applies ? BREAKS : NONE;
      add(
          tightened ? Kind.LIMIT_TIGHTENED : Kind.LIMIT_RELAXED,
          reason,
          at(o, kw),
          o,
          at(n, kw),
          n,
          path,
          tightened ? breaks : NONE,
          tightened ? NONE : breaks,
          tightened ? sizeProbes(o, n, path, minKw, maxKw, atom, upper) : List.of(),
          tightened ? List.of() : sizeProbes(n, o, path, minKw, maxKw, atom, upper));
    }
  }

  private static @Nullable Long count(@Nullable JsonNode n) {
    BigDecimal d = decimal(n);
    if (d == null || d.signum() < 0) {
      return null;
    }
    try {
      return d.setScale(0, RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Values of sizes {@code from} admits that the one keyword that changed ({@code upper}: the
   * maximum) of {@code to} rejects, whatever {@code to}'s other limit says.
   */
  private List<Probe> sizeProbes(
      Side from, Side to, List<String> path, String minKw, String maxKw, Atom atom, boolean upper) {
    long fMin = orElse(count(from.get(minKw)), 0);
    long fMax = orElse(count(from.get(maxKw)), Long.MAX_VALUE);
    long tMin = orElse(count(to.get(minKw)), 0);
    long tMax = orElse(count(to.get(maxKw)), Long.MAX_VALUE);
    List<Long> sizes = new ArrayList<>();
    for (long l : new long[] {tMax + 1, fMax, fMin, tMin - 1, tMax + 2, fMin + 1}) {
      boolean rejected = upper ? l > tMax : l < tMin;
      if (l >= fMin && l <= fMax && rejected && l >= 0 && !sizes.contains(l)) {
        sizes.add(l);
      }
    }
    List<JsonNode> values = new ArrayList<>();
    for (long l : sizes) {
      switch (atom) {
        case STRING -> {
          addIfPresent(values, SchemaDiffValues.repeated('a', l));
          addIfPresent(values, SchemaDiffValues.repeated('0', l));
        }
        case ARRAY -> {
          boolean unique = from.node().path("uniqueItems").asBoolean(false);
          if (!unique) {
            for (JsonNode g : itemGuesses(from)) {
              addIfPresent(values, SchemaDiffValues.arrayOf(g, l));
            }
          }
          addIfPresent(values, SchemaDiffValues.distinctArray(l));
        }
        case OBJECT -> {
          List<String> names = new ArrayList<>();
          JsonNode props = from.get("properties");
          if (props != null && props.isObject()) {
            props.propertyNames().forEach(names::add);
          }
          addIfPresent(values, SchemaDiffValues.objectOf(names, NODES.nullNode(), l));
          addIfPresent(values, SchemaDiffValues.objectOf(List.of(), NODES.numberNode(0), l));
        }
        default -> {}
      }
    }
    List<Probe> out = new ArrayList<>(sets(path, values));
    out.add(Probe.sample(path, from.r()));
    return out;
  }

  private List<JsonNode> itemGuesses(Side array) {
    List<JsonNode> out = new ArrayList<>();
    Items items = items(array);
    Side rest = items.rest();
    if (rest.present()) {
      List<JsonNode> g = SchemaDiffValues.guesses(rest.node());
      out.addAll(g.subList(0, Math.min(2, g.size())));
    }
    out.add(NODES.numberNode(0));
    out.add(NODES.stringNode("a"));
    out.add(NODES.nullNode());
    return out;
  }

  private static long orElse(@Nullable Long v, long otherwise) {
    return v == null ? otherwise : v;
  }

  private static void addIfPresent(List<JsonNode> values, @Nullable JsonNode v) {
    if (v != null) {
      values.add(v);
    }
  }

  // --------------------------------------------------------------------------------- arrays

  /** The positional item schemas of an array schema and the schema of the items after them. */
  private record Items(List<Side> tuple, Side rest, String restKeyword) {}

  private Items items(Side s) {
    List<Side> tuple = new ArrayList<>();
    boolean older = olderDraft(s);
    JsonNode items = s.get("items");
    JsonNode prefix = older ? null : s.get("prefixItems");
    String tupleKw = null;
    String restKw = "items";
    if (prefix != null && prefix.isArray()) {
      tupleKw = "prefixItems";
    } else if (items != null && items.isArray()) {
      tupleKw = "items";
      restKw = older ? "additionalItems" : "items";
    }
    if (tupleKw != null) {
      JsonNode list = s.get(tupleKw);
      for (int i = 0; i < list.size(); i++) {
        tuple.add(child(s, list.get(i), tupleKw, i));
      }
    }
    JsonNode rest = s.get(restKw);
    if (rest != null && !rest.isArray()) {
      return new Items(tuple, child(s, rest, restKw), restKw);
    }
    return new Items(tuple, virtual(true, s), restKw);
  }

  private void arrays(Side o, Side n, List<String> path, int depth) {
    boolean applies = admits(o, Atom.ARRAY) && admits(n, Atom.ARRAY);
    sizeLimits(o, n, path, "minItems", "maxItems", applies, Atom.ARRAY);
    uniqueItems(o, n, path, applies);
    Items io = items(o);
    Items in = items(n);
    int common = Math.min(io.tuple().size(), in.tuple().size());
    for (int i = 0; i < common; i++) {
      compare(io.tuple().get(i), in.tuple().get(i), append(path, String.valueOf(i)), depth + 1);
    }
    for (int i = common; i < in.tuple().size(); i++) {
      SchemaDiff.Change c =
          aggregate(
              Kind.TUPLE_ITEM_ADDED,
              "item " + i + " now has a schema of its own",
              io.rest(),
              in.tuple().get(i),
              enclosing(o),
              in.tuple().get(i).rawSite(),
              append(path, String.valueOf(i)),
              depth,
              applies);
      wholeArrays(c, o, n, path, i, io.rest(), in.tuple().get(i));
    }
    for (int i = common; i < io.tuple().size(); i++) {
      SchemaDiff.Change c =
          aggregate(
              Kind.TUPLE_ITEM_REMOVED,
              "item " + i + " no longer has a schema of its own",
              io.tuple().get(i),
              in.rest(),
              io.tuple().get(i).rawSite(),
              enclosing(n),
              append(path, String.valueOf(i)),
              depth,
              applies);
      wholeArrays(c, o, n, path, i, io.tuple().get(i), in.rest());
    }
    List<String> restPath =
        append(path, String.valueOf(Math.max(io.tuple().size(), in.tuple().size())));
    if (io.rest().present() && in.rest().present()) {
      compare(io.rest(), in.rest(), restPath, depth + 1);
    } else if (io.rest().present() || in.rest().present()) {
      boolean added = in.rest().present();
      SchemaDiff.Change c =
          aggregate(
              Kind.ITEMS_CHANGED,
              (added ? in.restKeyword() : io.restKeyword()) + (added ? " added" : " removed"),
              io.rest(),
              in.rest(),
              io.rest().rawSite(),
              in.rest().rawSite(),
              restPath,
              depth,
              applies);
      int k = Math.max(io.tuple().size(), in.tuple().size());
      wholeArrays(c, o, n, path, k, io.rest(), in.rest());
    }
    contains(o, n, path, depth, applies);
  }

  /**
   * Puts whole arrays first among a change's probes: the items before {@code index} guessed from
   * each version's positional schemas, then at {@code index} a value the change's own probes set
   * there, or one the item schema of the version the witness must satisfy may accept.
   */
  private void wholeArrays(
      SchemaDiff.Change c, Side o, Side n, List<String> path, int index, Side oItem, Side nItem) {
    probesFirst(
        c,
        wholeArrays(o, path, index, c.backwardProbes(), oItem),
        wholeArrays(n, path, index, c.forwardProbes(), nItem));
  }

  private List<Probe> wholeArrays(
      Side array, List<String> path, int index, List<Probe> own, Side item) {
    List<Side> tuple = items(array).tuple();
    List<JsonNode> prefix = new ArrayList<>();
    for (int i = 0; i < index; i++) {
      Side schema = i < tuple.size() ? tuple.get(i) : items(array).rest();
      List<JsonNode> g = SchemaDiffValues.guesses(schema.node());
      prefix.add(g.isEmpty() ? NODES.nullNode() : g.get(0));
    }
    List<JsonNode> last = new ArrayList<>();
    for (Probe p : own) {
      if (p.op() == Probe.Op.SET && p.path().size() == path.size() + 1) {
        last.add(p.value());
      }
    }
    last.addAll(SchemaDiffValues.guesses(item.node()));
    last.addAll(SchemaDiffValues.oneOfEach(EnumSet.allOf(Atom.class)));
    List<JsonNode> arrays = new ArrayList<>();
    for (JsonNode x : last) {
      tools.jackson.databind.node.ArrayNode a = NODES.arrayNode();
      prefix.forEach(v -> a.add(v.deepCopy()));
      a.add(x.deepCopy());
      arrays.add(a);
    }
    return sets(path, arrays);
  }

  private void uniqueItems(Side o, Side n, List<String> path, boolean applies) {
    boolean uo = o.node().path("uniqueItems").asBoolean(false);
    boolean un = n.node().path("uniqueItems").asBoolean(false);
    if (uo == un) {
      return;
    }
    Side from = un ? o : n;
    List<JsonNode> pairs = new ArrayList<>();
    for (JsonNode g : itemGuesses(from)) {
      addIfPresent(pairs, SchemaDiffValues.arrayOf(g, 2));
    }
    for (JsonNode g : List.of(NODES.objectNode(), NODES.booleanNode(true), NODES.arrayNode())) {
      addIfPresent(pairs, SchemaDiffValues.arrayOf(g, 2));
    }
    List<Probe> probes = sets(path, pairs);
    add(
        un ? Kind.UNIQUE_ITEMS_ADDED : Kind.UNIQUE_ITEMS_REMOVED,
        un ? "uniqueItems added: array items must be unique" : "uniqueItems removed",
        at(o, "uniqueItems"),
        o,
        at(n, "uniqueItems"),
        n,
        path,
        un && applies ? BREAKS : NONE,
        !un && applies ? BREAKS : NONE,
        un ? probes : List.of(),
        un ? List.of() : probes);
  }

  private void contains(Side o, Side n, List<String> path, int depth, boolean applies) {
    JsonNode co = o.get("contains");
    JsonNode cn = n.get("contains");
    if (co == null && cn == null) {
      return;
    }
    List<String> first = append(path, "0");
    if (co != null && cn != null) {
      Side so = child(o, co, "contains");
      Side sn = child(n, cn, "contains");
      List<SchemaDiff.Change> changes = sub(so, sn, first, depth + 1);
      if (!changes.isEmpty()) {
        Impact b = applies ? worst(changes, true) : NONE;
        Impact f = applies ? worst(changes, false) : NONE;
        add(
            Kind.CONTAINS_CHANGED,
            "contains changed: " + changes.get(0).reason(),
            so.rawSite(),
            o,
            sn.rawSite(),
            n,
            first,
            b,
            f,
            probes(changes, true),
            probes(changes, false));
      }
      for (String kw : List.of("minContains", "maxContains")) {
        boolean upper = kw.equals("maxContains");
        Long vo = count(o.get(kw));
        Long vn = count(n.get(kw));
        long eo = vo == null ? (upper ? Long.MAX_VALUE : 1) : vo;
        long en = vn == null ? (upper ? Long.MAX_VALUE : 1) : vn;
        if (eo == en || olderDraft(o) && olderDraft(n) && !dialect(o).contains("2019-09")) {
          continue;
        }
        boolean tightened = upper ? en < eo : en > eo;
        String reason =
            vo == null
                ? kw + " " + vn + " added"
                : vn == null
                    ? kw + " " + vo + " removed"
                    : kw + (en < eo ? " lowered" : " raised") + " from " + vo + " to " + vn;
        List<Probe> bp = List.of(Probe.sample(path, o.r()));
        List<Probe> fp = List.of(Probe.sample(path, n.r()));
        add(
            Kind.CONTAINS_CHANGED,
            reason,
            at(o, kw),
            o,
            at(n, kw),
            n,
            path,
            tightened && applies ? BREAKS : NONE,
            !tightened && applies ? BREAKS : NONE,
            bp,
            fp);
      }
      return;
    }
    boolean added = co == null;
    Side without = added ? o : n;
    List<JsonNode> arrays = new ArrayList<>();
    arrays.add(NODES.arrayNode());
    for (JsonNode g : itemGuesses(without)) {
      addIfPresent(arrays, SchemaDiffValues.arrayOf(g, 1));
    }
    List<Probe> probes = new ArrayList<>(sets(path, arrays));
    probes.add(Probe.sample(path, without.r()));
    add(
        Kind.CONTAINS_CHANGED,
        "contains " + (added ? "added" : "removed"),
        at(o, "contains"),
        o,
        at(n, "contains"),
        n,
        path,
        added && applies ? BREAKS : NONE,
        !added && applies ? BREAKS : NONE,
        added ? probes : List.of(),
        added ? List.of() : probes);
  }

  // -------------------------------------------------------------------------------- objects

  private void objects(Side o, Side n, List<String> path, int depth) {
    boolean applies = admits(o, Atom.OBJECT) && admits(n, Atom.OBJECT);
    sizeLimits(o, n, path, "minProperties", "maxProperties", applies, Atom.OBJECT);
    properties(o, n, path, depth, applies);
    patternProperties(o, n, path, depth, applies);
    additionalProperties(o, n, path, depth, applies);
    required(o, n, path, applies);
    dependentRequired(o, n, path, applies);
    dependentSchemas(o, n, path, depth, applies);
  }

  private static Set<String> names(@Nullable JsonNode map) {
    Set<String> out = new LinkedHashSet<>();
    if (map != null && map.isObject()) {
      map.propertyNames().forEach(out::add);
    }
    return out;
  }

  private void properties(Side o, Side n, List<String> path, int depth, boolean applies) {
    JsonNode po = o.get("properties");
    JsonNode pn = n.get("properties");
    Set<String> all = names(po);
    all.addAll(names(pn));
    for (String p : all) {
      boolean inO = po != null && po.isObject() && po.has(p);
      boolean inN = pn != null && pn.isObject() && pn.has(p);
      List<String> at = append(path, p);
      if (inO && inN) {
        compare(
            child(o, po.get(p), "properties", p),
            child(n, pn.get(p), "properties", p),
            at,
            depth + 1);
      } else if (inN) {
        Side before = undeclared(o, p);
        Side now = child(n, pn.get(p), "properties", p);
        aggregate(
            Kind.PROPERTY_ADDED,
            "property " + name(p) + " added" + covered(before, true),
            before,
            now,
            before.present() ? before.rawSite() : enclosing(o),
            now.rawSite(),
            at,
            depth,
            applies);
      } else {
        Side before = child(o, po.get(p), "properties", p);
        Side now = undeclared(n, p);
        aggregate(
            Kind.PROPERTY_REMOVED,
            "property " + name(p) + " removed" + covered(now, false),
            before,
            now,
            before.rawSite(),
            now.present() ? now.rawSite() : enclosing(n),
            at,
            depth,
            applies);
      }
    }
  }

  /** How the other version treats the property: as an undeclared one (when not plainly open). */
  private String covered(Side undeclared, boolean before) {
    if (undeclared.present() && !isFalse(undeclared.node())) {
      return ", which " + undeclared.parent() + (before ? " covered before" : " covers now");
    }
    return isFalse(undeclared.node())
        ? (before ? " to a closed object" : " from a closed object")
        : "";
  }

  /**
   * The schema a property that {@code properties} does not declare gets: a matching {@code
   * patternProperties} schema, else {@code additionalProperties} ({@code unevaluatedProperties}
   * when that is absent), else {@code false} for an object the lenient reading closes, {@code true}
   * otherwise.
   */
  private Side undeclared(Side obj, String name) {
    if (!obj.node().isObject()) {
      return virtual(!isFalse(obj.node()), obj);
    }
    JsonNode pp = obj.get("patternProperties");
    if (pp != null && pp.isObject()) {
      for (Map.Entry<String, JsonNode> e : pp.properties()) {
        if (matches(e.getKey(), name)) {
          return child(obj, e.getValue(), "patternProperties", e.getKey());
        }
      }
    }
    for (String kw : List.of("additionalProperties", "unevaluatedProperties")) {
      JsonNode ap = obj.get(kw);
      if (ap != null && (ap.isObject() || ap.isBoolean())) {
        return child(obj, ap, kw);
      }
    }
    boolean closed =
        obj.present()
            && run.model == Compatibility.ContentModel.CLOSED
            // told the keyword where the schema (or the $ref that led to it) is written, as the
            // lenient reading of the documents (WitnessClosing) tells it
            && SchemaDiff.closedWhenLenient(
                besideRef(obj) || obj.r().key().endsWith(SIBLINGS) ? obj.raw() : obj.node(),
                obj.parent());
    return virtual(!closed, obj);
  }

  private void patternProperties(Side o, Side n, List<String> path, int depth, boolean applies) {
    JsonNode po = o.get("patternProperties");
    JsonNode pn = n.get("patternProperties");
    Set<String> all = names(po);
    all.addAll(names(pn));
    for (String p : all) {
      boolean inO = po != null && po.has(p);
      boolean inN = pn != null && pn.has(p);
      List<String> at = append(path, keyMatching(p, o, n));
      if (inO && inN) {
        compare(
            child(o, po.get(p), "patternProperties", p),
            child(n, pn.get(p), "patternProperties", p),
            at,
            depth + 1);
      } else if (inN) {
        Side before = undeclaredBesides(o, at.get(at.size() - 1), p);
        aggregate(
            Kind.ADDITIONAL_PROPERTIES_CHANGED,
            "patternProperties " + name(p) + " added",
            before,
            child(n, pn.get(p), "patternProperties", p),
            before.present() ? before.rawSite() : enclosing(o),
            at(n, "patternProperties", p),
            at,
            depth,
            applies);
      } else {
        Side now = undeclaredBesides(n, at.get(at.size() - 1), p);
        aggregate(
            Kind.ADDITIONAL_PROPERTIES_CHANGED,
            "patternProperties " + name(p) + " removed",
            child(o, po.get(p), "patternProperties", p),
            now,
            at(o, "patternProperties", p),
            now.present() ? now.rawSite() : enclosing(n),
            at,
            depth,
            applies);
      }
    }
  }

  /** {@link #undeclared} for a key, when {@code pattern} is not one of the side's patterns. */
  private Side undeclaredBesides(Side obj, String key, String pattern) {
    JsonNode props = obj.get("properties");
    if (props != null && props.isObject() && props.has(key)) {
      return child(obj, props.get(key), "properties", key);
    }
    return undeclared(obj, key);
  }

  private void additionalProperties(Side o, Side n, List<String> path, int depth, boolean applies) {
    String key = freshKey(o, n);
    Side ao = undeclared(o, key);
    Side an = undeclared(n, key);
    boolean aoOwn = ao.present() && "additionalProperties".equals(ao.parent());
    boolean anOwn = an.present() && "additionalProperties".equals(an.parent());
    if (!aoOwn && !anOwn && (ao.present() || an.present())) {
      return; // unevaluatedProperties: reported as a keyword that is not compared
    }
    List<String> at = append(path, key);
    if (ao.present() && an.present()) {
      List<SchemaDiff.Change> changes = sub(ao, an, at, depth + 1);
      if (!changes.isEmpty()) {
        emitAggregate(
            Kind.ADDITIONAL_PROPERTIES_CHANGED,
            "additionalProperties changed",
            changes,
            ao.rawSite(),
            o,
            an.rawSite(),
            n,
            at,
            applies);
      }
      return;
    }
    if (!ao.present() && !an.present() && ao.node().equals(an.node())) {
      return;
    }
    String reason;
    if (!ao.present() && !an.present()) {
      reason =
          isFalse(an.node())
              ? "object read as closed now (lenient reading: additionalProperties false)"
              : "object no longer read as closed (lenient reading)";
    } else if (an.present()) {
      reason = "additionalProperties " + show(an.raw()) + " added";
    } else {
      reason = "additionalProperties " + show(ao.raw()) + " removed";
    }
    aggregate(
        Kind.ADDITIONAL_PROPERTIES_CHANGED,
        reason,
        ao,
        an,
        ao.present() ? ao.rawSite() : enclosing(o),
        an.present() ? an.rawSite() : enclosing(n),
        at,
        depth,
        applies);
  }

  /** A property name neither side declares nor matches with a pattern. */
  private String freshKey(Side o, Side n) {
    for (int i = 0; i < 100; i++) {
      String k = i == 0 ? "other" : "other" + i;
      if (!declaresOrMatches(o, k) && !declaresOrMatches(n, k)) {
        return k;
      }
    }
    return "other";
  }

  private boolean declaresOrMatches(Side s, String key) {
    if (names(s.get("properties")).contains(key)) {
      return true;
    }
    for (String p : names(s.get("patternProperties"))) {
      if (matches(p, key)) {
        return true;
      }
    }
    return false;
  }

  /** A property name the pattern matches (and neither side declares), or the pattern itself. */
  private String keyMatching(String pattern, Side o, Side n) {
    String body = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    int end = 0;
    while (end < body.length()
        && (Character.isLetterOrDigit(body.charAt(end))
            || body.charAt(end) == '_'
            || body.charAt(end) == '-')) {
      end++;
    }
    String prefix = body.substring(0, end);
    List<String> candidates = new ArrayList<>();
    if (end == body.length() || body.substring(end).equals("$")) {
      candidates.add(prefix);
    }
    for (String c :
        List.of("a", "x", "aa", "a1", "x_1", "x-1", "A", "0", "1", "_", "foo", "key", "ab12")) {
      candidates.add(prefix + c);
      candidates.add(c);
    }
    Set<String> declared = names(o.get("properties"));
    declared.addAll(names(n.get("properties")));
    for (String c : candidates) {
      if (!c.isEmpty() && !declared.contains(c) && matches(pattern, c)) {
        return c;
      }
    }
    return pattern;
  }

  private void required(Side o, Side n, List<String> path, boolean applies) {
    List<String> ro = strings(o.get("required"));
    List<String> rn = strings(n.get("required"));
    for (int i = 0; i < rn.size(); i++) {
      String p = rn.get(i);
      if (!ro.contains(p)) {
        add(
            Kind.REQUIRED_ADDED,
            "property " + name(p) + " is now required",
            at(o, "required"),
            o,
            child(at(n, "required"), i),
            n,
            append(path, p),
            applies ? BREAKS : NONE,
            NONE,
            List.of(Probe.delete(append(path, p))),
            List.of());
      }
    }
    for (int i = 0; i < ro.size(); i++) {
      String p = ro.get(i);
      if (!rn.contains(p)) {
        add(
            Kind.REQUIRED_REMOVED,
            "property " + name(p) + " is no longer required",
            child(at(o, "required"), i),
            o,
            at(n, "required"),
            n,
            append(path, p),
            NONE,
            applies ? BREAKS : NONE,
            List.of(),
            List.of(Probe.delete(append(path, p))));
      }
    }
  }

  private static List<String> strings(@Nullable JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode v : list) {
        if (v.isString()) {
          out.add(v.stringValue());
        } else {
          out.add(v.toString());
        }
      }
    }
    return out;
  }

  /** The names each trigger property requires, from dependentRequired and draft-7 dependencies. */
  private record Needs(List<String> names, Refs.Site site) {}

  private Map<String, Needs> needs(Side s) {
    Map<String, Needs> out = new LinkedHashMap<>();
    List<String> keywords = new ArrayList<>(List.of("dependentRequired"));
    if (olderDraft(s) && !dialect(s).contains("2019-09")) {
      keywords.add("dependencies");
    }
    for (String kw : keywords) {
      JsonNode map = s.get(kw);
      if (map == null || !map.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        if (e.getValue().isArray()) {
          out.putIfAbsent(e.getKey(), new Needs(strings(e.getValue()), at(s, kw, e.getKey())));
        }
      }
    }
    return out;
  }

  private Map<String, Side> dependent(Side s) {
    Map<String, Side> out = new LinkedHashMap<>();
    List<String> keywords = new ArrayList<>(List.of("dependentSchemas"));
    if (olderDraft(s) && !dialect(s).contains("2019-09")) {
      keywords.add("dependencies");
    }
    for (String kw : keywords) {
      JsonNode map = s.get(kw);
      if (map == null || !map.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        if (!e.getValue().isArray()) {
          out.putIfAbsent(e.getKey(), child(s, e.getValue(), kw, e.getKey()));
        }
      }
    }
    return out;
  }

  private void dependentRequired(Side o, Side n, List<String> path, boolean applies) {
    Map<String, Needs> no = needs(o);
    Map<String, Needs> nn = needs(n);
    Set<String> triggers = new LinkedHashSet<>(no.keySet());
    triggers.addAll(nn.keySet());
    for (String t : triggers) {
      Needs a = no.get(t);
      Needs b = nn.get(t);
      List<String> before = a == null ? List.of() : a.names();
      List<String> after = b == null ? List.of() : b.names();
      List<String> at = append(path, t);
      for (String p : after) {
        if (!before.contains(p)) {
          add(
              Kind.DEPENDENT_REQUIRED_ADDED,
              "property " + name(p) + " is now required when " + name(t) + " is present",
              a == null ? enclosing(o) : a.site(),
              o,
              b.site(),
              n,
              append(path, p),
              applies ? BREAKS : NONE,
              NONE,
              dependentObjects(o, t, before, path, triggerProbes(o, t, at)),
              List.of());
        }
      }
      for (String p : before) {
        if (!after.contains(p)) {
          add(
              Kind.DEPENDENT_REQUIRED_REMOVED,
              "property " + name(p) + " is no longer required when " + name(t) + " is present",
              a.site(),
              o,
              b == null ? enclosing(n) : b.site(),
              n,
              append(path, p),
              NONE,
              applies ? BREAKS : NONE,
              List.of(),
              dependentObjects(n, t, after, path, triggerProbes(n, t, at)));
        }
      }
    }
  }

  /**
   * Probes that set the whole object: the trigger and the names {@code side} requires with it, each
   * with a value guessed from its property schema (or null), then {@code more}.
   */
  private List<Probe> dependentObjects(
      Side side, String trigger, List<String> needed, List<String> path, List<Probe> more) {
    List<Probe> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    names.add(trigger);
    for (String p : needed) {
      if (!names.contains(p)) {
        names.add(p);
      }
    }
    for (String p : strings(side.get("required"))) {
      if (!names.contains(p)) {
        names.add(p);
      }
    }
    JsonNode props = side.get("properties");
    for (boolean guessed : new boolean[] {true, false}) {
      tools.jackson.databind.node.ObjectNode obj = NODES.objectNode();
      for (String p : names) {
        JsonNode value = NODES.nullNode();
        if (guessed && props != null && props.has(p)) {
          List<JsonNode> g =
              SchemaDiffValues.guesses(child(side, props.get(p), "properties", p).node());
          if (!g.isEmpty()) {
            value = g.get(0);
          }
        }
        obj.set(p, value);
      }
      out.add(Probe.set(path, obj));
    }
    out.addAll(more);
    return out;
  }

  /** Probes that put the trigger property in a document valid under {@code side}. */
  private List<Probe> triggerProbes(Side side, String trigger, List<String> at) {
    JsonNode props = side.get("properties");
    Side schema =
        props != null && props.has(trigger)
            ? child(side, props.get(trigger), "properties", trigger)
            : undeclared(side, trigger);
    List<Probe> out = new ArrayList<>();
    out.add(Probe.sample(at, schema.r()));
    out.addAll(sets(at, SchemaDiffValues.guesses(schema.node())));
    return out;
  }

  private void dependentSchemas(Side o, Side n, List<String> path, int depth, boolean applies) {
    Map<String, Side> so = dependent(o);
    Map<String, Side> sn = dependent(n);
    Set<String> triggers = new LinkedHashSet<>(so.keySet());
    triggers.addAll(sn.keySet());
    for (String t : triggers) {
      Side a = so.get(t);
      Side b = sn.get(t);
      if (a != null && b != null) {
        compare(a, b, path, depth + 1);
        continue;
      }
      boolean added = a == null;
      Side before = added ? virtual(true, o) : a;
      Side after = added ? b : virtual(true, n);
      List<SchemaDiff.Change> changes = sub(before, after, path, depth + 1);
      List<Probe> bp = new ArrayList<>(probes(changes, true));
      List<Probe> fp = new ArrayList<>(probes(changes, false));
      if (added) {
        bp.addAll(0, triggerProbes(o, t, append(path, t)));
      } else {
        fp.addAll(0, triggerProbes(n, t, append(path, t)));
      }
      add(
          added ? Kind.DEPENDENT_SCHEMA_ADDED : Kind.DEPENDENT_SCHEMA_REMOVED,
          "dependent schema of " + name(t) + (added ? " added" : " removed"),
          added ? enclosing(o) : a.rawSite(),
          o,
          added ? b.rawSite() : enclosing(n),
          n,
          path,
          applies ? worst(changes, true) : NONE,
          applies ? worst(changes, false) : NONE,
          bp,
          fp);
    }
  }

  // ---------------------------------------------------------------------------- combinators

  private List<Side> members(Side s, String keyword) {
    List<Side> out = new ArrayList<>();
    JsonNode list = s.get(keyword);
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        out.add(child(s, list.get(i), keyword, i));
      }
    }
    return out;
  }

  private void combinators(Side o, Side n, List<String> path, int depth) {
    allOf(o, n, path, depth);
    for (String kw : List.of("anyOf", "oneOf")) {
      alternatives(o, n, path, depth, kw);
    }
    not(o, n, path, depth);
  }

  /** How the members of two lists pair up: matched pairs with their changes, the rest alone. */
  private record Pairing(
      List<int[]> pairs,
      List<@Nullable List<SchemaDiff.Change>> changes,
      List<Integer> removed,
      List<Integer> added) {}

  /**
   * Pairs members structurally, whatever their order: identical ones first, then those whose
   * differences break nothing, then the closest of the rest whose types overlap.
   */
  private Pairing pair(List<Side> os, List<Side> ns, List<String> path, int depth) {
    List<int[]> pairs = new ArrayList<>();
    List<@Nullable List<SchemaDiff.Change>> changes = new ArrayList<>();
    boolean[] usedO = new boolean[os.size()];
    boolean[] usedN = new boolean[ns.size()];
    // Members written alike pair first (their refs may still lead to changed schemas: they are
    // compared, not weighed); only the rest are weighed against each other.
    Map<JsonNode, List<Integer>> written = new HashMap<>();
    for (int j = 0; j < ns.size(); j++) {
      written.computeIfAbsent(ns.get(j).raw(), k -> new ArrayList<>()).add(j);
    }
    for (int i = 0; i < os.size(); i++) {
      List<Integer> same = written.get(os.get(i).raw());
      if (same != null && !same.isEmpty()) {
        int j = same.remove(0);
        usedO[i] = true;
        usedN[j] = true;
        pairs.add(new int[] {i, j});
        changes.add(null);
      }
    }
    List<Integer> restO = new ArrayList<>();
    List<Integer> restN = new ArrayList<>();
    for (int i = 0; i < os.size(); i++) {
      if (!usedO[i]) {
        restO.add(i);
      }
    }
    for (int j = 0; j < ns.size(); j++) {
      if (!usedN[j]) {
        restN.add(j);
      }
    }
    long weighing = (long) restO.size() * restN.size();
    if (weighing <= MAX_WEIGHED && run.weighed + weighing <= MAX_WEIGHED_IN_ALL) {
      run.weighed += (int) weighing;
      List<List<List<SchemaDiff.Change>>> d = new ArrayList<>();
      for (int i = 0; i < os.size(); i++) {
        List<List<SchemaDiff.Change>> row = new ArrayList<>();
        for (int j = 0; j < ns.size(); j++) {
          row.add(usedO[i] || usedN[j] ? List.of() : sub(os.get(i), ns.get(j), path, depth + 1));
        }
        d.add(row);
      }
      for (int pass = 0; pass < 3; pass++) {
        while (true) {
          int bi = -1;
          int bj = -1;
          long best = Long.MAX_VALUE;
          for (int i = 0; i < os.size(); i++) {
            for (int j = 0; j < ns.size() && !usedO[i]; j++) {
              if (usedN[j]) {
                continue;
              }
              long score = score(d.get(i).get(j), path.size());
              boolean eligible =
                  pass == 0
                      ? d.get(i).get(j).isEmpty()
                      : pass == 1 ? score < 1_000 : overlap(os.get(i), ns.get(j));
              if (eligible && score < best) {
                best = score;
                bi = i;
                bj = j;
              }
            }
          }
          if (bi < 0) {
            break;
          }
          usedO[bi] = true;
          usedN[bj] = true;
          pairs.add(new int[] {bi, bj});
          changes.add(d.get(bi).get(bj));
        }
      }
    } else {
      for (int i = 0, j = 0; i < os.size() && j < ns.size(); i++, j++) {
        while (i < os.size() && usedO[i]) {
          i++;
        }
        while (j < ns.size() && usedN[j]) {
          j++;
        }
        if (i < os.size() && j < ns.size()) {
          usedO[i] = true;
          usedN[j] = true;
          pairs.add(new int[] {i, j});
          changes.add(null);
        }
      }
    }
    List<Integer> removed = new ArrayList<>();
    for (int i = 0; i < os.size(); i++) {
      if (!usedO[i]) {
        removed.add(i);
      }
    }
    List<Integer> added = new ArrayList<>();
    for (int j = 0; j < ns.size(); j++) {
      if (!usedN[j]) {
        added.add(j);
      }
    }
    return new Pairing(pairs, changes, removed, added);
  }

  /**
   * How far apart two members are: 1,000 for each difference that breaks something at their own
   * level (the value itself or one of its members), 1 for any other difference (at most 999), so
   * that two members whose deep parts changed still pair up before two that differ plainly.
   */
  private static long score(List<SchemaDiff.Change> changes, int level) {
    long plain = 0;
    long minor = 0;
    for (SchemaDiff.Change c : changes) {
      boolean breaks = c.backward() != NONE || c.forward() != NONE;
      if (breaks && c.instancePath().size() <= level + 1) {
        plain++;
      } else {
        minor++;
      }
    }
    return plain * 1_000 + Math.min(minor, 999);
  }

  private static boolean breaksSomething(List<SchemaDiff.Change> changes) {
    for (SchemaDiff.Change c : changes) {
      if (c.backward() != NONE || c.forward() != NONE) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlap(Side a, Side b) {
    Set<Atom> x = EnumSet.copyOf(SchemaDiffValues.atomsOf(a.node()));
    x.retainAll(SchemaDiffValues.atomsOf(b.node()));
    return !x.isEmpty();
  }

  /** Emits the changes of the paired members (comparing those paired without weighing). */
  private void emitPairs(Pairing p, List<Side> os, List<Side> ns, List<String> path, int depth) {
    for (int k = 0; k < p.pairs().size(); k++) {
      int[] ij = p.pairs().get(k);
      List<SchemaDiff.Change> changes = p.changes().get(k);
      if (changes == null) {
        compare(os.get(ij[0]), ns.get(ij[1]), path, depth + 1);
      } else {
        out.addAll(changes);
      }
    }
  }

  private void allOf(Side o, Side n, List<String> path, int depth) {
    List<Side> os = members(o, "allOf");
    List<Side> ns = members(n, "allOf");
    if (os.isEmpty() && ns.isEmpty()) {
      return;
    }
    Pairing p = pair(os, ns, path, depth);
    emitPairs(p, os, ns, path, depth);
    for (int i : p.removed()) {
      aggregate(
          Kind.ALL_OF_MEMBER_REMOVED,
          "allOf member " + i + " removed: " + show(os.get(i).raw()),
          os.get(i),
          virtual(true, n),
          os.get(i).rawSite(),
          at(n, "allOf"),
          path,
          depth,
          true);
    }
    for (int j : p.added()) {
      aggregate(
          Kind.ALL_OF_MEMBER_ADDED,
          "allOf member " + j + " added: " + show(ns.get(j).raw()),
          virtual(true, o),
          ns.get(j),
          at(o, "allOf"),
          ns.get(j).rawSite(),
          path,
          depth,
          true);
    }
  }

  private void alternatives(Side o, Side n, List<String> path, int depth, String keyword) {
    boolean inO = o.get(keyword) != null && o.get(keyword).isArray();
    boolean inN = n.get(keyword) != null && n.get(keyword).isArray();
    if (!inO && !inN) {
      return;
    }
    List<Side> os = members(o, keyword);
    List<Side> ns = members(n, keyword);
    if (inO != inN) {
      boolean added = inN;
      Side free = added ? o : n;
      Set<Atom> atoms = SchemaDiffValues.atomsOf(free.node());
      List<JsonNode> values = new ArrayList<>(SchemaDiffValues.guesses(free.node()));
      values.addAll(atomValues(atoms, free));
      values.addAll(SchemaDiffValues.oneOfEach(atoms));
      List<Probe> probes = new ArrayList<>(sets(path, values));
      probes.add(Probe.sample(path, free.r()));
      boolean anything = false;
      for (Side m : added ? ns : os) {
        anything |= admitsAnything(m);
      }
      Impact restricts = anything ? NONE : BREAKS;
      add(
          added ? Kind.ALTERNATIVES_ADDED : Kind.ALTERNATIVES_REMOVED,
          keyword
              + (added ? " added with " : " removed with ")
              + (added ? ns : os).size()
              + " branches",
          at(o, keyword),
          o,
          at(n, keyword),
          n,
          path,
          added ? restricts : NONE,
          added ? NONE : restricts,
          added ? probes : List.of(),
          added ? List.of() : probes);
      return;
    }
    boolean one = keyword.equals("oneOf");
    Pairing p = pair(os, ns, path, depth);
    emitPairs(p, os, ns, path, depth);
    for (int i : p.removed()) {
      Side gone = os.get(i);
      // a document of the removed branch alone breaks when no remaining branch takes it
      boolean alone = disjointFromAll(gone, ns);
      Impact f = NONE;
      List<Probe> fp = new ArrayList<>();
      if (one && !alone) {
        f = NOT_DECIDED;
        for (Side m : ns) {
          fp.add(Probe.sample(path, m.r()));
        }
      }
      add(
          Kind.BRANCH_REMOVED,
          keyword + " branch " + i + " removed: " + show(gone.raw()),
          gone.rawSite(),
          o,
          at(n, keyword),
          n,
          path,
          alone ? BREAKS : NOT_DECIDED,
          f,
          alone ? List.of(Probe.sample(path, gone.r())) : branchProbes(path, gone),
          fp);
    }
    for (int j : p.added()) {
      Side now = ns.get(j);
      // a document of the added branch alone breaks when no older branch took it
      boolean alone = disjointFromAll(now, os);
      Impact b = NONE;
      List<Probe> bp = new ArrayList<>();
      if (one && !alone) {
        b = NOT_DECIDED;
        for (Side m : os) {
          bp.add(Probe.sample(path, m.r()));
        }
      }
      add(
          Kind.BRANCH_ADDED,
          keyword + " branch " + j + " added: " + show(now.raw()),
          at(o, keyword),
          o,
          now.rawSite(),
          n,
          path,
          b,
          alone ? BREAKS : NOT_DECIDED,
          bp,
          alone ? List.of(Probe.sample(path, now.r())) : branchProbes(path, now));
    }
  }

  /**
   * Probes for documents of a branch that overlaps the other version's branches: its sample, then
   * values of its types (those the other branches do not take are the ones that prove a break).
   */
  private List<Probe> branchProbes(List<String> path, Side branch) {
    List<Probe> probes = new ArrayList<>();
    probes.add(Probe.sample(path, branch.r()));
    Set<Atom> atoms = SchemaDiffValues.atomsOf(branch.node());
    List<JsonNode> values = new ArrayList<>(SchemaDiffValues.guesses(branch.node()));
    values.addAll(atomValues(atoms, branch));
    values.addAll(SchemaDiffValues.oneOfEach(atoms));
    probes.addAll(sets(path, values));
    return probes;
  }

  /** True for a schema that says nothing that restricts values (annotations at most). */
  private static boolean admitsAnything(Side s) {
    JsonNode n = s.node();
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    for (String k : names(n)) {
      if (!Set.of("title", "description", "default", "examples", "$comment", "$id", "$schema")
          .contains(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean disjointFromAll(Side s, List<Side> others) {
    for (Side m : others) {
      if (!disjoint(s, m)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when no value can be valid under both schemas, by what is plain to see: types that do not
   * overlap, enum/const values in common with none, or a property both require whose enum/const
   * values have none in common.
   */
  private boolean disjoint(Side a, Side b) {
    if (!overlap(a, b)) {
      return true;
    }
    if (disjointValues(a, b)) {
      return true;
    }
    JsonNode pa = a.get("properties");
    JsonNode pb = b.get("properties");
    List<String> ra = strings(a.get("required"));
    List<String> rb = strings(b.get("required"));
    for (String p : names(pa)) {
      if (pb != null && pb.has(p) && ra.contains(p) && rb.contains(p)) {
        if (disjointValues(
            child(a, pa.get(p), "properties", p), child(b, pb.get(p), "properties", p))) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean disjointValues(Side a, Side b) {
    Map<String, Admitted> va = admitted(a);
    Map<String, Admitted> vb = admitted(b);
    if (va == null || vb == null) {
      return false;
    }
    for (String k : va.keySet()) {
      if (vb.containsKey(k)) {
        return false;
      }
    }
    return true;
  }

  private void not(Side o, Side n, List<String> path, int depth) {
    JsonNode a = o.get("not");
    JsonNode b = n.get("not");
    if (a == null && b == null) {
      return;
    }
    if (a != null && b != null) {
      Side so = child(o, a, "not");
      Side sn = child(n, b, "not");
      List<SchemaDiff.Change> changes = sub(so, sn, path, depth + 1);
      if (!changes.isEmpty()) {
        // What the inner schema gains, the outer one loses: the directions swap.
        add(
            Kind.NOT_CHANGED,
            "not changed: " + changes.get(0).reason(),
            so.rawSite(),
            o,
            sn.rawSite(),
            n,
            path,
            worst(changes, false),
            worst(changes, true),
            probes(changes, false),
            probes(changes, true));
      }
      return;
    }
    boolean added = a == null;
    Side inner = added ? child(n, b, "not") : child(o, a, "not");
    Impact restricts = isFalse(inner.node()) ? NONE : BREAKS;
    List<JsonNode> values = new ArrayList<>(SchemaDiffValues.guesses(inner.node()));
    values.addAll(atomValues(SchemaDiffValues.atomsOf(inner.node()), inner));
    List<Probe> probes = sets(path, values);
    add(
        Kind.NOT_CHANGED,
        "not " + show(inner.raw()) + (added ? " added" : " removed"),
        added ? enclosing(o) : inner.rawSite(),
        o,
        added ? inner.rawSite() : enclosing(n),
        n,
        path,
        added ? restricts : NONE,
        added ? NONE : restricts,
        added ? probes : List.of(),
        added ? List.of() : probes);
  }

  // ----------------------------------------------------------------------------- conditions

  private void conditions(Side o, Side n, List<String> path, int depth) {
    JsonNode io = o.get("if");
    JsonNode in = n.get("if");
    if (io == null && in == null) {
      return;
    }
    if (io != null && in != null) {
      List<SchemaDiff.Change> cond = sub(child(o, io, "if"), child(n, in, "if"), path, depth + 1);
      if (!breaksSomething(cond)) {
        for (String kw : List.of("then", "else")) {
          Side a = o.has(kw) ? child(o, o.get(kw), kw) : virtual(true, o);
          Side b = n.has(kw) ? child(n, n.get(kw), kw) : virtual(true, n);
          int from = out.size();
          compare(a, b, path, depth + 1);
          List<Probe> bp = List.of(Probe.sample(path, branchOf(o, kw, a)));
          List<Probe> fp = List.of(Probe.sample(path, branchOf(n, kw, b)));
          for (SchemaDiff.Change c : List.copyOf(out.subList(from, out.size()))) {
            probesFirst(c, bp, fp);
          }
        }
        return;
      }
    }
    boolean same =
        SchemaDiffValues.same(o.get("then"), n.get("then"))
            && SchemaDiffValues.same(o.get("else"), n.get("else"));
    if (io == null && !o.has("then") && !o.has("else") && !n.has("then") && !n.has("else")
        || in == null && !n.has("then") && !n.has("else") && !o.has("then") && !o.has("else")) {
      return; // an if without then or else decides nothing
    }
    String reason =
        io == null
            ? "if/then/else added: whether it rejects documents is not decided"
            : in == null
                ? "if/then/else removed: whether it admitted more is not decided"
                : "if changed"
                    + (same ? "" : " (and then/else)")
                    + ": then/else cannot be compared";
    Impact b = io == null || in != null ? NOT_DECIDED : NONE;
    Impact f = in == null || io != null ? NOT_DECIDED : NONE;
    add(
        Kind.CONDITION_NOT_DECIDED,
        reason,
        io != null ? at(o, "if") : enclosing(o),
        o,
        in != null ? at(n, "if") : enclosing(n),
        n,
        path,
        b,
        f,
        branchProbes(o, path),
        branchProbes(n, path));
  }

  /**
   * A schema for values that take the {@code then} ({@code else}) branch of a side: {@code
   * {"allOf": [if, then]}} ({@code {"allOf": [{"not": if}, else]}}), at the side's site so that its
   * refs resolve as written.
   */
  private static Refs.Resolved branchOf(Side s, String keyword, Side branch) {
    tools.jackson.databind.node.ObjectNode cond = NODES.objectNode();
    JsonNode condition = s.get("if");
    cond.set(
        "allOf",
        NODES
            .arrayNode()
            .add(
                keyword.equals("then")
                    ? condition.deepCopy()
                    : NODES.objectNode().set("not", condition.deepCopy()))
            .add(branch.raw().deepCopy()));
    return new Refs.Resolved(cond, s.r().site(), s.key() + "#" + keyword);
  }

  private List<Probe> branchProbes(Side s, List<String> path) {
    List<Probe> out = new ArrayList<>();
    out.add(Probe.sample(path, s.r()));
    for (String kw : List.of("then", "else", "if")) {
      if (s.has(kw)) {
        out.add(Probe.sample(path, child(s, s.get(kw), kw).r()));
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------- not compared

  private void notCompared(Side o, Side n, List<String> path) {
    List<String> keywords = new ArrayList<>(NOT_COMPARED);
    if (Refs.hasRef(o.node()) || Refs.hasRef(n.node())) {
      keywords.add("$ref"); // a $ref that could not be followed
    }
    for (String kw : keywords) {
      JsonNode a = o.get(kw);
      JsonNode b = n.get(kw);
      if (a == null && b == null || a != null && a.equals(b)) {
        continue;
      }
      String reason =
          a == null
              ? kw + " added (not compared)"
              : b == null ? kw + " removed (not compared)" : kw + " changed (not compared)";
      add(
          Kind.SCHEMA_CHANGED,
          reason,
          at(o, kw),
          o,
          at(n, kw),
          n,
          path,
          NOT_DECIDED,
          NOT_DECIDED,
          List.of(Probe.sample(path, o.r())),
          List.of(Probe.sample(path, n.r())));
    }
  }

  // ---------------------------------------------------------------------------- aggregation

  /**
   * Compares a part of the older schema with the part of the newer one that now plays its role (the
   * additionalProperties schema a removed property falls to, say) and reports what that does as one
   * change of {@code kind}, with the impacts and probes of the differences found.
   */
  private SchemaDiff.Change aggregate(
      Kind kind,
      String reason,
      Side before,
      Side after,
      Refs.Site oSite,
      Refs.Site nSite,
      List<String> path,
      int depth,
      boolean applies) {
    List<SchemaDiff.Change> changes = sub(before, after, path, depth + 1);
    return emitAggregate(kind, reason, changes, oSite, before, nSite, after, path, applies);
  }

  private SchemaDiff.Change emitAggregate(
      Kind kind,
      String reason,
      List<SchemaDiff.Change> changes,
      Refs.Site oSite,
      Side o,
      Refs.Site nSite,
      Side n,
      List<String> path,
      boolean applies) {
    Impact b = applies ? worst(changes, true) : NONE;
    Impact f = applies ? worst(changes, false) : NONE;
    String why = reason;
    if (o.present() && n.present() && !o.node().isBoolean() && !n.node().isBoolean()) {
      for (SchemaDiff.Change c : changes) {
        if (c.backward() != NONE || c.forward() != NONE) {
          why = reason + ": " + c.reason();
          break;
        }
      }
    }
    return add(
        kind, why, oSite, o, nSite, n, path, b, f, probes(changes, true), probes(changes, false));
  }

  private static Impact worst(List<SchemaDiff.Change> changes, boolean backward) {
    Impact w = NONE;
    for (SchemaDiff.Change c : changes) {
      Impact i = backward ? c.backward() : c.forward();
      if (i == BREAKS) {
        return BREAKS;
      }
      if (i == NOT_DECIDED) {
        w = NOT_DECIDED;
      }
    }
    return w;
  }

  private static List<Probe> probes(List<SchemaDiff.Change> changes, boolean backward) {
    List<Probe> out = new ArrayList<>();
    for (SchemaDiff.Change c : changes) {
      out.addAll(backward ? c.backwardProbes() : c.forwardProbes());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- sides

  private Side child(Side parent, JsonNode raw, String keyword) {
    Refs.Site site = at(parent, keyword);
    return side(raw, site, keyword, parent.older());
  }

  private Side child(Side parent, JsonNode raw, String keyword, String name) {
    Refs.Site site = at(parent, keyword, name);
    return side(raw, site, keyword, parent.older());
  }

  private Side child(Side parent, JsonNode raw, String keyword, int index) {
    Refs.Site site = child(at(parent, keyword), index);
    return side(raw, site, keyword, parent.older());
  }

  private static Side side(JsonNode written, Refs.Site site, String keyword, boolean older) {
    JsonNode raw = asValidated(written, site);
    return new Side(Refs.resolve(raw, site), raw, site, keyword, true, older);
  }

  private static Refs.Site child(Refs.Site site, int index) {
    return new Refs.Site(site.location().append(index), site.parent());
  }

  /** A schema that stands for an absent one: {@code true}, or {@code false}, at {@code owner}. */
  private static Side virtual(boolean admits, Side owner) {
    JsonNode node = NODES.booleanNode(admits);
    Refs.Site site = owner.r().site();
    return new Side(
        new Refs.Resolved(node, site, "virtual:" + admits), node, site, null, false, owner.older());
  }

  /** Where a keyword of a side sits; the enclosing schema when the side lacks it. */
  private static Refs.Site at(Side s, String... path) {
    if (!s.present()) {
      return s.rawSite();
    }
    if (s.raw() != s.node() && s.raw().isObject() && s.raw().has(path[0])) {
      return s.rawSite().child(path);
    }
    if (s.node().isObject() && s.node().has(path[0])) {
      return s.r().site().child(path);
    }
    return s.r().site();
  }

  private static Refs.Site enclosing(Side s) {
    return s.present() ? s.r().site() : s.rawSite();
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(key);
    return out;
  }

  private static List<Probe> sets(List<String> path, List<JsonNode> values) {
    List<Probe> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode v : values) {
      if (out.size() >= MAX_PROBES) {
        break;
      }
      if (seen.add(SchemaDiffValues.canonical(v))) {
        out.add(Probe.set(path, v));
      }
    }
    return out;
  }

  // --------------------------------------------------------------------------------- output

  private SchemaDiff.Change add(
      Kind kind,
      String reason,
      Refs.Site oSite,
      Side o,
      Refs.Site nSite,
      Side n,
      List<String> path,
      Impact backward,
      Impact forward,
      @Nullable List<Probe> backwardProbes,
      @Nullable List<Probe> forwardProbes) {
    List<Probe> bp = backward == NONE || backwardProbes == null ? List.of() : cap(backwardProbes);
    List<Probe> fp = forward == NONE || forwardProbes == null ? List.of() : cap(forwardProbes);
    SchemaDiff.Change c =
        new SchemaDiff.Change(
            kind,
            reason,
            site(run.older, oSite),
            site(run.newer, nSite),
            path,
            backward,
            forward,
            bp,
            fp);
    out.add(c);
    return c;
  }

  /** Replaces a change just added with one whose probes start with the given ones. */
  private void probesFirst(SchemaDiff.Change c, List<Probe> backward, List<Probe> forward) {
    int at = out.lastIndexOf(c);
    if (at < 0) {
      return;
    }
    List<Probe> bp = new ArrayList<>(c.backward() == NONE ? List.of() : backward);
    bp.addAll(c.backwardProbes());
    List<Probe> fp = new ArrayList<>(c.forward() == NONE ? List.of() : forward);
    fp.addAll(c.forwardProbes());
    out.set(
        at,
        new SchemaDiff.Change(
            c.kind(),
            c.reason(),
            c.older(),
            c.newer(),
            c.instancePath(),
            c.backward(),
            c.forward(),
            cap(bp),
            cap(fp)));
  }

  private static List<Probe> cap(List<Probe> probes) {
    return probes.size() <= MAX_PROBES ? probes : probes.subList(0, MAX_PROBES);
  }

  /** A site of the walk as a change reports it: pointer in its document and file:line:col. */
  private SchemaChange.Site site(SchemaEngine.Compiled schema, Refs.Site where) {
    String location = where.location().toString();
    int hash = location.indexOf('#');
    String iri = hash < 0 ? location : location.substring(0, hash);
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    SchemaEngine.Source source = schema.source(iri);
    if (source == null) {
      return new SchemaChange.Site(pointer, new Location(schema.origin(), 0, 0));
    }
    String name = source.node() == schema.node() ? schema.origin() : source.origin();
    Documents.Parsed parsed =
        run.parsed.computeIfAbsent(
            source,
            s -> {
              if (s.text() == null) {
                return null;
              }
              try {
                return Documents.parse(
                    Documents.Input.text(s.text(), s.origin()), s.format(), Documents.Root.ANY);
              } catch (RuntimeException e) {
                return null;
              }
            });
    int[] pos = parsed == null ? new int[] {0, 0} : parsed.position(pointer);
    return new SchemaChange.Site(pointer, new Location(name, pos[0], pos[1]));
  }

  private static Map<String, String> formatExamples() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("date-time", "2024-01-01T00:00:00Z");
    m.put("date", "2024-01-01");
    m.put("time", "12:00:00Z");
    m.put("email", "a@example.com");
    m.put("idn-email", "a@example.com");
    m.put("hostname", "example.com");
    m.put("idn-hostname", "example.com");
    m.put("ipv4", "192.0.2.1");
    m.put("ipv6", "2001:db8::1");
    m.put("uri", "https://example.com/a");
    m.put("uri-reference", "a/b");
    m.put("iri", "https://example.com/a");
    m.put("iri-reference", "a/b");
    m.put("uri-template", "https://example.com/{id}");
    m.put("uuid", "123e4567-e89b-12d3-a456-426614174000");
    m.put("duration", "P1D");
    m.put("json-pointer", "/a");
    m.put("relative-json-pointer", "0/a");
    m.put("regex", "a+");
    return java.util.Collections.unmodifiableMap(m);
  }
}
