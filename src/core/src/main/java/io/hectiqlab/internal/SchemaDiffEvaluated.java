package io.hectiqlab.internal;

import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code unevaluatedProperties} and {@code unevaluatedItems} see at a schema: the properties
 * and items its own keywords and its in-place applicators ({@code allOf}, {@code anyOf}, {@code
 * oneOf}, {@code $ref}, {@code if}/{@code then}/{@code else}, {@code dependentSchemas}, ...)
 * evaluate. {@link #same} tells whether two versions' schemas evaluate alike by what is plain to
 * see: the applicators' members equal all the way down, refs followed one hop at a time as
 * validation follows them; anything it cannot tell apart within its bounds counts as different.
 */
final class SchemaDiffEvaluated {
  /** Nodes one comparison looks at, at most; past it the schemas count as different. */
  static final int MAX_NODES = 5_000;

  /** Property names (and tuple lengths) collected per schema for probes, at most. */
  static final int MAX_NAMES = 12;

  /** Keywords that say nothing validation checks. */
  private static final Set<String> IGNORED =
      Set.of(
          "title",
          "description",
          "default",
          "examples",
          "example",
          "$comment",
          "deprecated",
          "readOnly",
          "writeOnly",
          "$defs",
          "definitions",
          "$schema",
          "$anchor",
          "$dynamicAnchor",
          "$vocabulary");

  /** In-place applicators: the subschemas whose evaluations count at the schema itself. */
  private static final List<String> APPLICATORS =
      List.of(
          "allOf",
          "anyOf",
          "oneOf",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "dependencies",
          "$dynamicRef",
          "$recursiveRef",
          "not");

  /** Keywords whose values are maps of names to schemas. */
  private static final Set<String> MAPS =
      Set.of("properties", "patternProperties", "dependentSchemas", "dependencies");

  /** Keywords whose values are lists of schemas. */
  private static final Set<String> LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

  private final Set<String> seen = new HashSet<>();
  private int nodes;

  private SchemaDiffEvaluated() {}

  /** True for a schema that has {@code keyword} with a value other than {@code true}. */
  static boolean restricts(JsonNode schema, String keyword) {
    JsonNode v = schema.isObject() ? schema.get(keyword) : null;
    return v != null && !(v.isBoolean() && v.booleanValue());
  }

  /**
   * True when two schemas, as written at their sites, evaluate the same properties and items: their
   * own {@code properties} names, {@code patternProperties} patterns, {@code prefixItems} counts
   * and {@code additionalProperties}/{@code items}/{@code additionalItems}/{@code contains}
   * schemas, and their in-place applicators' members (refs followed), equal.
   */
  static boolean same(JsonNode a, Refs.Site sa, JsonNode b, Refs.Site sb) {
    SchemaDiffEvaluated e = new SchemaDiffEvaluated();
    try {
      return e.evaluates(a, sa, b, sb);
    } catch (StackOverflowError | RuntimeException x) {
      return false;
    }
  }

  /** The keywords at the schema itself that decide what it evaluates. */
  private boolean evaluates(JsonNode a, Refs.Site sa, JsonNode b, Refs.Site sb) {
    if (!a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    if (Refs.hasRef(a) || Refs.hasRef(b)) {
      if (!(Refs.hasRef(a) && Refs.hasRef(b))) {
        return false;
      }
      Target ta = target(a, sa);
      Target tb = target(b, sb);
      if (ta == null || tb == null || !deep(ta.node, ta.site, tb.node, tb.site)) {
        return false;
      }
    }
    if (!names(a.get("properties")).equals(names(b.get("properties")))
        || !names(a.get("patternProperties")).equals(names(b.get("patternProperties")))
        || size(a.get("prefixItems")) != size(b.get("prefixItems"))
        || (a.path("items").isArray() || b.path("items").isArray())
            && size(a.get("items")) != size(b.get("items"))) {
      return false;
    }
    for (String k : List.of("additionalProperties", "items", "additionalItems", "contains")) {
      if (!(a.path(k).isArray() && b.path(k).isArray()) && !member(a, sa, b, sb, k)) {
        return false;
      }
    }
    for (String k : APPLICATORS) {
      if (!member(a, sa, b, sb, k)) {
        return false;
      }
    }
    return true;
  }

  private boolean member(JsonNode a, Refs.Site sa, JsonNode b, Refs.Site sb, String k) {
    JsonNode x = a.get(k);
    JsonNode y = b.get(k);
    if (x == null || y == null) {
      return x == null && y == null;
    }
    return deepValue(k, x, sa.child(k), y, sb.child(k));
  }

  /** Two schemas alike all the way down, refs followed. */
  private boolean deep(JsonNode a, Refs.Site sa, JsonNode b, Refs.Site sb) {
    if (++nodes > MAX_NODES) {
      return false;
    }
    if (!a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    sa = identified(a, sa);
    sb = identified(b, sb);
    String pair = key(a, sa) + "\u0000" + key(b, sb);
    if (!seen.add(pair)) {
      return true; // being compared above, or compared already: alike unless something else differs
    }
    if (Refs.hasRef(a) != Refs.hasRef(b)) {
      return false;
    }
    if (Refs.hasRef(a)) {
      Target ta = target(a, sa);
      Target tb = target(b, sb);
      if (ta == null || tb == null || !deep(ta.node, ta.site, tb.node, tb.site)) {
        return false;
      }
    }
    Set<String> ka = checked(a);
    if (!ka.equals(checked(b))) {
      return false;
    }
    for (String k : ka) {
      if (!k.equals("$ref") && !deepValue(k, a.get(k), sa.child(k), b.get(k), sb.child(k))) {
        return false;
      }
    }
    return true;
  }

  private boolean deepValue(String k, JsonNode x, Refs.Site sx, JsonNode y, Refs.Site sy) {
    if (Refs.DATA_KEYWORDS.contains(k) || k.equals("$dynamicRef") || k.equals("$recursiveRef")) {
      return x.equals(y);
    }
    if (MAPS.contains(k) && x.isObject() && y.isObject()) {
      if (!names(x).equals(names(y))) {
        return false;
      }
      for (String name : names(x)) {
        if (!deep(x.get(name), sx.child(name), y.get(name), sy.child(name))) {
          return false;
        }
      }
      return true;
    }
    if ((LISTS.contains(k) || k.equals("items")) && x.isArray() && y.isArray()) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deep(x.get(i), element(sx, i), y.get(i), element(sy, i))) {
          return false;
        }
      }
      return true;
    }
    if (x.isObject() || x.isBoolean()) {
      return deep(x, sx, y, sy);
    }
    return x.equals(y);
  }

  /**
   * Names a node for cycle checks: where it sits, and whether it is a {@code $ref} (a root written
   * as a {@code $ref} sits where its target does).
   */
  private static String key(JsonNode node, Refs.Site site) {
    return site.location() + (Refs.hasRef(node) ? " ->" : "");
  }

  private static Refs.Site element(Refs.Site list, int i) {
    return new Refs.Site(list.location().append(i), list.parent());
  }

  private record Target(JsonNode node, Refs.Site site) {}

  private static @Nullable Target target(JsonNode node, Refs.Site site) {
    try {
      Schema t = Refs.targetOrThrow(node, identified(node, site));
      return t == null
          ? null
          : new Target(t.getSchemaNode(), new Refs.Site(t.getSchemaLocation(), t));
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** The site a node's own {@code $id} makes its base, as {@link Refs} reads it. */
  private static Refs.Site identified(JsonNode node, Refs.Site site) {
    if (!node.isObject() || !(node.path("$id").isString() || node.path("id").isString())) {
      return site;
    }
    ObjectNode plain = ((ObjectNode) node).deepCopy();
    plain.remove("$ref");
    return Refs.resolve(plain, site).site();
  }

  private static Set<String> checked(JsonNode n) {
    Set<String> out = new HashSet<>();
    for (String k : names(n)) {
      if (!IGNORED.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private static Set<String> names(@Nullable JsonNode map) {
    Set<String> out = new HashSet<>();
    if (map != null && map.isObject()) {
      out.addAll(map.propertyNames());
    }
    return out;
  }

  private static int size(@Nullable JsonNode list) {
    return list != null && list.isArray() ? list.size() : -1;
  }

  /**
   * The properties a schema's evaluation may take, by name, with the subschema that declares each
   * (its own {@code properties}, then those of its in-place applicators, refs followed), at most
   * {@value #MAX_NAMES}.
   */
  static Map<String, Refs.Resolved> declared(JsonNode node, Refs.Site site) {
    Map<String, Refs.Resolved> out = new LinkedHashMap<>();
    collect(node, site, out, new HashSet<>(), 0);
    return out;
  }

  private static void collect(
      JsonNode node, Refs.Site site, Map<String, Refs.Resolved> out, Set<String> seen, int depth) {
    if (!node.isObject() || depth > 16 || out.size() >= MAX_NAMES) {
      return;
    }
    site = identified(node, site);
    if (!seen.add(key(node, site))) {
      return;
    }
    JsonNode props = node.get("properties");
    for (String name : names(props)) {
      if (out.size() < MAX_NAMES && !out.containsKey(name)) {
        Refs.Site s = site.child("properties", name);
        out.put(name, Refs.resolve(props.get(name), s));
      }
    }
    if (Refs.hasRef(node)) {
      Target t = target(node, site);
      if (t != null) {
        collect(t.node, t.site, out, seen, depth + 1);
      }
    }
    for (String k : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode list = node.get(k);
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          collect(list.get(i), site.child(k, i), out, seen, depth + 1);
        }
      }
    }
    for (String k : List.of("if", "then", "else")) {
      if (node.has(k)) {
        collect(node.get(k), site.child(k), out, seen, depth + 1);
      }
    }
    JsonNode dep = node.get("dependentSchemas");
    for (String name : names(dep)) {
      collect(dep.get(name), site.child("dependentSchemas", name), out, seen, depth + 1);
    }
  }

  /**
   * The longest tuple a schema's evaluation may take ({@code prefixItems}, tuple {@code items}).
   */
  static int tuple(JsonNode node, Refs.Site site) {
    return tupleOf(node, site, new HashSet<>(), 0);
  }

  private static int tupleOf(JsonNode node, Refs.Site site, Set<String> seen, int depth) {
    if (!node.isObject() || depth > 16) {
      return 0;
    }
    site = identified(node, site);
    if (!seen.add(key(node, site))) {
      return 0;
    }
    int most = Math.max(size(node.get("prefixItems")), size(node.get("items")));
    if (Refs.hasRef(node)) {
      Target t = target(node, site);
      if (t != null) {
        most = Math.max(most, tupleOf(t.node, t.site, seen, depth + 1));
      }
    }
    List<JsonNode> members = new ArrayList<>();
    List<Refs.Site> sites = new ArrayList<>();
    for (String k : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode list = node.get(k);
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          members.add(list.get(i));
          sites.add(site.child(k, i));
        }
      }
    }
    for (String k : List.of("if", "then", "else")) {
      if (node.has(k)) {
        members.add(node.get(k));
        sites.add(site.child(k));
      }
    }
    for (int i = 0; i < members.size(); i++) {
      most = Math.max(most, tupleOf(members.get(i), sites.get(i), seen, depth + 1));
    }
    return Math.min(most, MAX_NAMES);
  }
}
