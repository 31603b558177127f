package io.hectiqlab.internal;

import com.networknt.schema.regex.RegularExpression;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a compiled schema says about an instance path: the merge rule of an array, whether a value
 * is secret, whether the path is declared, the canonical spelling of a property, the closest
 * declared path, and the typed value a string denotes there. Paths are instance keys, array indices
 * written as {@code "0"}, {@code "1"}...; the schema is followed through {@code properties}, {@code
 * patternProperties}, {@code additionalProperties} (for keys neither of the other two names),
 * {@code items}/{@code prefixItems} (and the array form of {@code items} with {@code
 * additionalItems} of the older drafts), {@code $ref} (also to other files, resolved as validation
 * resolves it), {@code allOf} (every member applies) and {@code oneOf}/{@code anyOf} and {@code
 * then}/{@code else} (the union of the branches: any branch may be the one that applies); {@code
 * unevaluatedProperties} stands for {@code additionalProperties} where that is absent. {@code
 * $dynamicRef}, {@code dependentSchemas} and {@code not} are not followed. A key that is a number
 * is read both as a property name and as an index.
 *
 * <p>Bounded: at most {@value #MAX_SCHEMAS} schemas apply at one path (each schema location once,
 * so a recursive schema is followed only as deep as the path), paths deeper than the nesting limit
 * ({@link Documents#tooDeep}) are not declared, and the declared paths behind {@link #closest} are
 * at most {@link Help#MAX_FIELDS} (listing stops after {@value #MAX_ENUMERATED_SCHEMAS} schemas
 * followed), a recursive property listed once, not entered. Immutable and thread-safe (its caches
 * are concurrent maps); built once per schema.
 */
public final class SchemaPaths {
  /** The keyword that declares an array's merge rule. */
  public static final String MERGE_KEYWORD = "x-hectiqlab-merge";

  /** The keyword that marks a value secret (beside {@code "writeOnly": true}). */
  public static final String SECRET_KEYWORD = "x-secret";

  /** The forms {@value #MERGE_KEYWORD} accepts, as messages list them. */
  public static final String MERGE_FORMS =
      "\"replace\", \"append\" or {\"mergeBy\": \"<property name>\"}";

  /** Schemas that may apply at one path, at most. */
  static final int MAX_SCHEMAS = 1_000;

  /** Schemas followed while listing the declared paths, at most (a fan-out of refs stops it). */
  private static final int MAX_ENUMERATED_SCHEMAS = 100_000;

  /** Paths whose schemas are remembered, at most; others are worked out again when asked. */
  private static final int MAX_CACHED = 10_000;

  private static final Pattern INTEGER = Pattern.compile("-?+(?:0|[1-9][0-9]*+)");
  private static final Pattern NUMBER =
      Pattern.compile("-?+(?:0|[1-9][0-9]*+)(?:\\.[0-9]++)?+(?:[eE][-+]?+[0-9]++)?+");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The schemas applying at the root. */
  private final Applied root;

  private final Map<List<String>, Applied> cache = new ConcurrentHashMap<>();
  private final Map<String, RegularExpression> patterns = new ConcurrentHashMap<>();
  private volatile List<List<String>> declared;

  private SchemaPaths(SchemaEngine.Compiled schema) {
    Refs.Resolved top = Refs.root(schema);
    this.root = expand(List.of(new Pending(top.node(), top.site())));
  }

  /** The paths of {@code schema}. */
  public static SchemaPaths of(SchemaEngine.Compiled schema) {
    return new SchemaPaths(schema);
  }

  /** How a later layer's array combines with an earlier one's. */
  public enum Merge {
    /** The later array replaces the earlier one (the default). */
    REPLACE,
    /** The later array's elements follow the earlier one's. */
    APPEND,
    /** Object elements with the same value under {@link MergeRule#key()} are deep-merged. */
    MERGE_BY,
    /**
     * The applying schemas declare different rules (through {@code allOf} or {@code $ref}, say):
     * none is applied, the later array replaces the earlier one, and composing reports it.
     */
    CONFLICTING
  }

  /**
   * The merge rule of an array: its kind and, for {@link Merge#MERGE_BY}, the element key; for
   * {@link Merge#CONFLICTING}, the rules as the schemas write them ({@code "append" and
   * {"mergeBy":"name"}}); null otherwise.
   */
  public record MergeRule(Merge kind, @Nullable String key) {
    /** The default rule: replace. */
    public static final MergeRule REPLACE = new MergeRule(Merge.REPLACE, null);

    /** The rule {@code "append"}. */
    public static final MergeRule APPEND = new MergeRule(Merge.APPEND, null);
  }

  /**
   * The rule a {@value #MERGE_KEYWORD} value declares, or null when the value is none of {@link
   * #MERGE_FORMS} (the one reading of that keyword: loading a template refuses such a value).
   */
  static @Nullable MergeRule readMergeRule(JsonNode value) {
    if (value.isString()) {
      return switch (value.stringValue()) {
        case "replace" -> MergeRule.REPLACE;
        case "append" -> MergeRule.APPEND;
        default -> null;
      };
    }
    if (value.isObject() && value.size() == 1) {
      JsonNode key = value.get("mergeBy");
      if (key != null && key.isString() && !key.stringValue().isEmpty()) {
        return new MergeRule(Merge.MERGE_BY, key.stringValue());
      }
    }
    return null;
  }

  /**
   * The rule {@value #MERGE_KEYWORD} declares on the array schema at {@code path} (wherever that
   * schema is referenced from); {@link MergeRule#REPLACE} when no applying schema declares one, a
   * {@link Merge#CONFLICTING} rule when two declare different ones. Rules meet only at an instance
   * path (one through {@code allOf}, another on the property itself), so this is where a conflict
   * shows, not at load.
   */
  public MergeRule mergeRule(List<String> path) {
    @Nullable MergeRule found = null;
    Set<String> written = new LinkedHashSet<>();
    for (Refs.Resolved r : at(path).schemas()) {
      JsonNode value = r.node().isObject() ? r.node().get(MERGE_KEYWORD) : null;
      MergeRule rule = value == null ? null : readMergeRule(value); // a bad one is refused at load
      if (rule != null) {
        written.add(value.toString());
        if (found == null) {
          found = rule;
        } else if (!found.equals(rule)) {
          found = new MergeRule(Merge.CONFLICTING, null);
        }
      }
    }
    if (found == null) {
      return MergeRule.REPLACE;
    }
    return found.kind() == Merge.CONFLICTING
        ? new MergeRule(Merge.CONFLICTING, String.join(" and ", written))
        : found;
  }

  /**
   * True when a schema itself marks its value secret: {@code "writeOnly": true} or {@value
   * #SECRET_KEYWORD}{@code : true} (the one rule; what lies below such a value is secret too).
   */
  public static boolean marksSecret(JsonNode schema) {
    return schema.isObject()
        && (schema.path("writeOnly").asBoolean(false)
            || schema.path(SECRET_KEYWORD).asBoolean(false));
  }

  /**
   * True when a schema applying at {@code path} or at any of its ancestors says {@code "writeOnly":
   * true} or {@value #SECRET_KEYWORD}{@code : true}: everything below a secret object is secret
   * too.
   */
  public boolean isSecret(List<String> path) {
    for (int i = 0; i <= path.size(); i++) {
      Applied a = at(path.subList(0, i));
      if (a.schemas().isEmpty()) {
        return false;
      }
      for (Refs.Resolved r : a.schemas()) {
        if (marksSecret(r.node())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when the schema declares a secret at or below {@code path}: {@link #isSecret}, or a schema
   * reachable from one applying at {@code path} (through properties, pattern and additional
   * properties, items, refs and the combinators {@link #at} follows) marks its value secret. The
   * one rule for "a value written here may hold a secret", whatever the value's own structure (a
   * string where an object is declared may be a secret object's text). At most {@value
   * #MAX_ENUMERATED_SCHEMAS} schemas are looked at; past that, true (the safe answer).
   */
  public boolean holdsSecret(List<String> path) {
    if (isSecret(path)) {
      return true;
    }
    List<Refs.Resolved> start = at(path).schemas();
    if (start.isEmpty()) {
      return false;
    }
    Boolean known = below.get(path);
    if (known != null) {
      return known;
    }
    boolean found = secretBelow(start);
    if (below.size() < MAX_CACHED) {
      below.put(List.copyOf(path), found);
    }
    return found;
  }

  /** The answers of {@link #holdsSecret} below the root, by path. */
  private final Map<List<String>, Boolean> below = new ConcurrentHashMap<>();

  /** True when a subschema of {@code start} (refs followed, each location once) marks a secret. */
  private static boolean secretBelow(List<Refs.Resolved> start) {
    Deque<Pending> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (Refs.Resolved r : start) {
      seen.add(r.site().location().toString());
      subschemas(r, todo);
    }
    int looked = 0;
    while (!todo.isEmpty()) {
      if (++looked > MAX_ENUMERATED_SCHEMAS) {
        return true;
      }
      Pending p = todo.pop();
      if (!seen.add(p.site().location().toString())) {
        continue;
      }
      Refs.Resolved r = Refs.resolve(p.node(), p.site());
      if (marksSecret(r.node())) {
        return true;
      }
      subschemas(r, todo);
    }
    return false;
  }

  /** Pushes the subschemas of a schema that apply to it or to values inside it. */
  private static void subschemas(Refs.Resolved r, Deque<Pending> todo) {
    JsonNode n = r.node();
    if (!n.isObject()) {
      return;
    }
    Refs.Site site = r.site();
    for (String keyword : List.of("properties", "patternProperties")) {
      JsonNode map = n.get(keyword);
      if (map != null && map.isObject()) {
        for (Map.Entry<String, JsonNode> e : map.properties()) {
          todo.push(new Pending(e.getValue(), site.child(keyword, e.getKey())));
        }
      }
    }
    for (String keyword : List.of("prefixItems", "items", "allOf", "anyOf", "oneOf")) {
      JsonNode list = n.get(keyword);
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          todo.push(new Pending(list.get(i), site.child(keyword, i)));
        }
      }
    }
    for (String keyword :
        List.of(
            "additionalProperties",
            "unevaluatedProperties",
            "items",
            "additionalItems",
            "then",
            "else")) {
      JsonNode one = n.get(keyword);
      if (one != null && one.isObject()) {
        todo.push(new Pending(one, site.child(keyword)));
      }
    }
  }

  /**
   * True when the schema names this path: at each level a declared property, a key a {@code
   * patternProperties} pattern matches, a key an {@code additionalProperties} schema (or {@code
   * true}) admits, or an index {@code items}/{@code prefixItems} covers; a path the schema forbids
   * ({@code false}) is not declared. The root is declared.
   */
  public boolean declares(List<String> path) {
    if (path.isEmpty()) {
      return true;
    }
    for (Refs.Resolved r : at(path).schemas()) {
      if (!(r.node().isBoolean() && !r.node().booleanValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The declared property of {@code parent} that {@code name} denotes ignoring case: the exact name
   * when declared, else the one property equal to it ignoring case; null when none, or when several
   * differ from it only by case.
   */
  public @Nullable String property(List<String> parent, String name) {
    Set<String> names = propertyNames(at(parent));
    if (names.contains(name)) {
      return name;
    }
    String found = null;
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        if (found != null) {
          return null; // two spellings differ only by case: only the exact one is meant
        }
        found = n;
      }
    }
    return found;
  }

  /**
   * The key a map level takes for {@code name}: {@code name} lowercased, when the schema at {@code
   * parent} declares no properties and admits that key (through {@code patternProperties} or {@code
   * additionalProperties}, or because it says nothing about keys, or because {@code parent} lies in
   * a part of the document the schema says nothing about); else null. Environment variables are
   * upper case by custom: this is how {@code APP_LABELS__TEAM} reaches the map key {@code
   * labels.team}.
   */
  public @Nullable String mapKey(List<String> parent, String name) {
    Applied a = at(parent);
    if (!propertyNames(a).isEmpty()) {
      return null;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (a.schemas().isEmpty() || freeForm(a)) {
      return key;
    }
    List<String> child = new ArrayList<>(parent);
    child.add(key);
    return declares(child) ? key : null;
  }

  /**
   * True when the value may be an object (no type, or {@code object} among the types) and no
   * applying schema says anything about an object's keys.
   */
  private static boolean freeForm(Applied a) {
    Set<String> types = types(a);
    if (!types.isEmpty() && !types.contains("object")) {
      return false;
    }
    for (Refs.Resolved r : a.schemas()) {
      JsonNode n = r.node();
      if (n.isBoolean() && !n.booleanValue()) {
        return false;
      }
      if (n.isObject()
          && (n.has("properties")
              || n.has("patternProperties")
              || n.has("additionalProperties")
              || n.has("unevaluatedProperties")
              || n.has("propertyNames"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The declared dotted path closest to {@code path} (by the one "did you mean" rule of {@link
   * Messages#suggest}, ignoring case), or null. The candidates are the paths declared below the
   * longest declared prefix of {@code path}, else below a shorter one, down to the root's: {@code
   * server.prot} is compared with what {@code server} declares, so a recursive schema's deep paths
   * are found too.
   */
  public @Nullable String closest(List<String> path) {
    List<String> best = closestPath(path);
    return best == null ? null : DottedPaths.join(best);
  }

  /** The keys of {@link #closest}, or null; {@code path} itself when it is declared. */
  public @Nullable List<String> closestPath(List<String> path) {
    int known = 0;
    while (known < path.size() && declares(path.subList(0, known + 1))) {
      known++;
    }
    if (known == path.size()) {
      return List.copyOf(path);
    }
    String wanted = DottedPaths.join(path);
    for (int k = known; k >= 0; k--) {
      List<String> prefix = path.subList(0, k);
      Map<String, List<String>> byDotted = new java.util.LinkedHashMap<>();
      for (List<String> below : k == 0 ? declaredPaths() : declaredPaths(at(prefix))) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(below);
        byDotted.putIfAbsent(DottedPaths.join(full), full);
      }
      String best = Messages.suggest(wanted, byDotted.keySet());
      if (best != null) {
        return List.copyOf(byDotted.get(best));
      }
    }
    return null;
  }

  /**
   * The value {@code text} denotes for the type the schema declares at {@code path}: for an {@code
   * enum} or {@code const}, the listed value the text is or whose JSON the text is; else by {@code
   * type}, each type of a list tried in order and the first that fits taken: {@code integer} and
   * {@code number} in strict JSON syntax ({@code 08}, {@code 1e3} for an integer, {@code 1.0} for
   * an integer, {@code " 1"} are not), {@code boolean} only {@code true} or {@code false}, {@code
   * null} only {@code null}, {@code string} the text as it is, {@code array} and {@code object} the
   * text parsed as JSON (within the document limits). Without type information, the text's JSON
   * value when it is JSON, else the text.
   *
   * @throws ConversionException when the text does not denote a value of that type, e.g. {@code
   *     must be integer, found "08"} ({@code ***} instead of the text at a secret path)
   */
  public JsonNode convert(List<String> path, String text) {
    Applied a = at(path);
    String found = holdsSecret(path) ? "***" : Printable.quoteValue(text);
    for (Refs.Resolved r : a.schemas()) {
      JsonNode n = r.node();
      if (n.isObject() && n.get("enum") != null && n.get("enum").isArray()) {
        return listed(n.get("enum"), text, "must be one of " + listing(n.get("enum")), found);
      }
      if (n.isObject() && n.has("const")) {
        JsonNode one = NODES.arrayNode().add(n.get("const"));
        return listed(one, text, "must be " + n.get("const").toString(), found);
      }
    }
    Set<String> types = types(a);
    if (types.isEmpty()) {
      JsonNode json = json(text);
      return json != null ? json : NODES.stringNode(text);
    }
    String detail = "";
    for (String type : types) {
      try {
        JsonNode v = as(type, text);
        if (v != null) {
          return v;
        }
      } catch (ConversionException limit) {
        detail = found.equals("***") ? "" : " (" + limit.getMessage() + ")";
      }
    }
    boolean json = types.contains("array") || types.contains("object");
    throw new ConversionException(
        "must be "
            + String.join(" or ", types)
            + (json ? " (written as JSON)" : "")
            + ", found "
            + found
            + detail);
  }

  /** The value of {@code text} as {@code type}, or null when it is not one. */
  private static @Nullable JsonNode as(String type, String text) {
    switch (type) {
      case "string":
        return NODES.stringNode(text);
      case "boolean":
        return text.equals("true")
            ? NODES.booleanNode(true)
            : text.equals("false") ? NODES.booleanNode(false) : null;
      case "null":
        return text.equals("null") ? NODES.nullNode() : null;
      case "integer":
        return number(text, INTEGER);
      case "number":
        return number(text, NUMBER);
      case "array":
        {
          JsonNode v = jsonOrLimit(text);
          return v != null && v.isArray() ? v : null;
        }
      case "object":
        {
          JsonNode v = jsonOrLimit(text);
          return v != null && v.isObject() ? v : null;
        }
      default:
        return null;
    }
  }

  private static @Nullable JsonNode number(String text, Pattern syntax) {
    if (text.length() > Documents.MAX_NUMBER_LENGTH) {
      throw new ConversionException(
          "more than " + Documents.MAX_NUMBER_LENGTH + " characters"); // caught by convert
    }
    if (!syntax.matcher(text).matches()) {
      return null;
    }
    JsonNode v = jsonOrLimit(text);
    if (v == null) {
      throw new ConversionException(
          "the exponent must be within +/-" + Documents.MAX_EXPONENT); // caught by convert
    }
    return v;
  }

  /**
   * The JSON value of {@code text}, read by the one document reader (strict, within its limits), or
   * null when the text is not one JSON value.
   */
  static @Nullable JsonNode json(String text) {
    try {
      return parse(text);
    } catch (DocumentException e) {
      return null;
    }
  }

  /**
   * {@link #json}, except that a text refused for a limit (nesting, size, digits) throws a {@link
   * ConversionException} saying which.
   */
  private static @Nullable JsonNode jsonOrLimit(String text) {
    try {
      return parse(text);
    } catch (DocumentException e) {
      if (isLimit(e)) {
        throw new ConversionException(e.problem());
      }
      return null;
    }
  }

  /** Parses one JSON value (within the document limits). */
  static JsonNode parse(String text) {
    return Documents.parse(
            Documents.Input.text(text, "<value>"), Documents.Format.JSON, Documents.Root.ANY)
        .root();
  }

  /** True when a document was refused for a limit, not for its syntax. */
  static boolean isLimit(DocumentException e) {
    String p = e.problem();
    return p.equals(Documents.TOO_DEEP)
        || p.equals(Documents.TOO_LARGE)
        || p.equals(Documents.TOO_MANY_DIGITS);
  }

  /** The listed value {@code text} denotes (as itself, or as JSON), else the error. */
  private static JsonNode listed(JsonNode values, String text, String expected, String found) {
    JsonNode json = null;
    boolean parsed = false;
    for (JsonNode v : values) {
      if (v.isString()) {
        if (v.stringValue().equals(text)) {
          return v.deepCopy();
        }
        continue;
      }
      if (!parsed) {
        json = json(text);
        parsed = true;
      }
      if (json != null && sameValue(v, json)) {
        return v.deepCopy();
      }
    }
    throw new ConversionException(expected + ", found " + found);
  }

  /** JSON equality, numbers compared by value ({@code 1}, {@code 1.0} and {@code 1e0} are one). */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = a.decimalValue();
      BigDecimal y = b.decimalValue();
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  /** Listed values as JSON: {@code ["a", "b"]}. */
  private static String listing(JsonNode values) {
    List<String> items = new ArrayList<>();
    for (JsonNode v : values) {
      items.add(v.toString());
    }
    return "[" + String.join(", ", items) + "]";
  }

  /** The types the applying schemas name, in the order they name them. */
  private static Set<String> types(Applied a) {
    Set<String> out = new LinkedHashSet<>();
    for (Refs.Resolved r : a.schemas()) {
      JsonNode t = r.node().isObject() ? r.node().get("type") : null;
      if (t == null) {
        continue;
      }
      if (t.isString()) {
        out.add(t.stringValue());
      } else if (t.isArray()) {
        for (JsonNode e : t) {
          if (e.isString()) {
            out.add(e.stringValue());
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------- secrets

  /** The most values below a finding's pointer its message is checked for. */
  private static final int MAX_MASKED_VALUES = 10_000;

  /**
   * The finding as it may be shown: every rendering (quoted as {@link Printable} quotes, as JSON,
   * or bare between non-word characters) that its message contains of a secret value ({@link
   * #isSecret}) is replaced by {@code ***}: of the value at its pointer when that is secret (of
   * each string and number in it, for an object or array), else of the secret values below its
   * pointer (a {@code oneOf} summary may quote a member); its details likewise. A finding that
   * mentions no secret is returned as it is.
   *
   * @param instance the document validated
   */
  public SchemaEngine.Finding masked(SchemaEngine.Finding finding, JsonNode instance) {
    List<SchemaEngine.Finding> details = new ArrayList<>(finding.details().size());
    boolean changed = false;
    for (SchemaEngine.Finding d : finding.details()) {
      SchemaEngine.Finding m = masked(d, instance);
      changed |= m != d;
      details.add(m);
    }
    String message = finding.message();
    String pointer = finding.pointer();
    if (pointer.isEmpty() || pointer.startsWith("/")) {
      List<String> texts = secretsMentioned(instance.at(pointer), pointerKeys(pointer), message);
      texts.sort((a, b) -> b.length() - a.length()); // the longest first: a value inside another
      for (String t : texts) {
        message = hide(message, t);
      }
      changed |= !message.equals(finding.message());
    }
    return changed
        ? new SchemaEngine.Finding(finding.pointer(), finding.keyword(), message, details)
        : finding;
  }

  /**
   * The keys of a JSON Pointer ({@code /server/port}), unescaped: the path this class takes; none
   * for the root ({@code ""}).
   */
  public static List<String> pointerKeys(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String s : pointer.substring(1).split("/", -1)) {
      keys.add(Documents.unescapePointer(s));
    }
    return keys;
  }

  /** A value of the document and its path. */
  private record Located(JsonNode value, List<String> path) {}

  /**
   * The texts of the strings and numbers in {@code value} (at {@code path}) that are secret: all of
   * them when {@code path} is, else those at secret paths below it that {@code message} mentions;
   * at most {@link #MAX_MASKED_VALUES} values are looked at.
   */
  private List<String> secretsMentioned(JsonNode value, List<String> path, String message) {
    boolean all = isSecret(path);
    List<String> out = new ArrayList<>();
    Deque<Located> stack = new ArrayDeque<>();
    stack.push(new Located(value, path));
    for (int seen = 0; !stack.isEmpty() && seen < MAX_MASKED_VALUES; seen++) {
      Located l = stack.pop();
      JsonNode v = l.value();
      if (v.isObject()) {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          stack.push(new Located(e.getValue(), child(l.path(), e.getKey())));
        }
        continue;
      }
      if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          stack.push(new Located(v.get(i), child(l.path(), Integer.toString(i))));
        }
        continue;
      }
      String text = v.isString() ? v.stringValue() : v.isNumber() ? v.asString() : "";
      if (!text.isEmpty() && (all || (mentions(message, text) && holdsSecret(l.path())))) {
        out.add(text);
      }
    }
    return out;
  }

  private static List<String> child(List<String> parent, String key) {
    List<String> out = new ArrayList<>(parent.size() + 1);
    out.addAll(parent);
    out.add(key);
    return out;
  }

  /** True when {@code message} may show {@code text}: its start, as it is or escaped. */
  private static boolean mentions(String message, String text) {
    String head = text.length() > 40 ? text.substring(0, 40) : text;
    return message.contains(head) || message.contains(Printable.escape(head));
  }

  /** {@code message} with each rendering of {@code text} replaced by {@code ***}. */
  private static String hide(String message, String text) {
    String json = new String(Documents.toBytes(NODES.stringNode(text)), StandardCharsets.UTF_8);
    for (String form :
        List.of(Printable.quoteValue(text), Printable.quote(text), Printable.escape(json))) {
      message = message.replace(form, "***");
    }
    for (String bare : new LinkedHashSet<>(List.of(Printable.escape(text), text))) {
      message =
          Pattern.compile("(?<![\\p{L}\\p{N}_.])" + Pattern.quote(bare) + "(?![\\p{L}\\p{N}_])")
              .matcher(message)
              .replaceAll("***");
    }
    return message;
  }

  // ------------------------------------------------------------------------------------- walking

  /** A schema node to follow and where it sits. */
  private record Pending(JsonNode node, Refs.Site site) {}

  /**
   * The schemas applying at one path, their refs followed, each schema location once; {@code key}
   * names the set (for recursion checks).
   */
  private record Applied(List<Refs.Resolved> schemas, String key) {}

  private static final Applied NONE = new Applied(List.of(), "");

  /** The schemas applying at {@code path}, their refs followed (empty when it names none). */
  List<Refs.Resolved> applying(List<String> path) {
    return at(path).schemas();
  }

  /** The schemas applying at {@code path} (none for a path the schema does not name). */
  private Applied at(List<String> path) {
    if (path.isEmpty()) {
      return root;
    }
    if (Documents.tooDeep(path.size())) {
      return NONE;
    }
    Applied cached = cache.get(path);
    if (cached != null) {
      return cached;
    }
    Applied parent = at(path.subList(0, path.size() - 1));
    Applied out = parent.schemas().isEmpty() ? NONE : children(parent, path.get(path.size() - 1));
    if (cache.size() < MAX_CACHED) {
      cache.put(List.copyOf(path), out);
    }
    return out;
  }

  /**
   * The schemas applying to the member {@code key} of a value the {@code parent} schemas apply to.
   */
  private Applied children(Applied parent, String key) {
    List<Pending> out = new ArrayList<>();
    int index = DottedPaths.index(key);
    for (Refs.Resolved r : parent.schemas()) {
      JsonNode n = r.node();
      if (!n.isObject()) {
        continue;
      }
      Refs.Site site = r.site();
      boolean named = false;
      JsonNode props = n.get("properties");
      if (props != null && props.isObject() && props.has(key)) {
        out.add(new Pending(props.get(key), site.child("properties", key)));
        named = true;
      }
      JsonNode pattern = n.get("patternProperties");
      if (pattern != null && pattern.isObject()) {
        for (Map.Entry<String, JsonNode> e : pattern.properties()) {
          if (matches(e.getKey(), key)) {
            out.add(new Pending(e.getValue(), site.child("patternProperties", e.getKey())));
            named = true;
          }
        }
      }
      if (!named && admits(n.get("additionalProperties"))) {
        out.add(new Pending(n.get("additionalProperties"), site.child("additionalProperties")));
      } else if (!named
          && !n.has("additionalProperties")
          && admits(n.get("unevaluatedProperties"))) {
        out.add(new Pending(n.get("unevaluatedProperties"), site.child("unevaluatedProperties")));
      }
      if (index >= 0) {
        item(n, site, index, out);
      }
    }
    return out.isEmpty() ? NONE : expand(out);
  }

  /** The schema of the {@code index}th item of an array, by prefixItems, items, additionalItems. */
  private static void item(JsonNode n, Refs.Site site, int index, List<Pending> out) {
    JsonNode prefix = n.get("prefixItems");
    JsonNode items = n.get("items");
    if (prefix != null && prefix.isArray()) {
      if (index < prefix.size()) {
        out.add(new Pending(prefix.get(index), site.child("prefixItems", index)));
      } else if (admits(items)) {
        out.add(new Pending(items, site.child("items")));
      }
    } else if (items != null && items.isArray()) {
      if (index < items.size()) {
        out.add(new Pending(items.get(index), site.child("items", index)));
      } else if (admits(n.get("additionalItems"))) {
        out.add(new Pending(n.get("additionalItems"), site.child("additionalItems")));
      }
    } else if (admits(items)) {
      out.add(new Pending(items, site.child("items")));
    }
  }

  /** True for a subschema that says something or admits anything: an object, or {@code true}. */
  private static boolean admits(@Nullable JsonNode schema) {
    return schema != null && (schema.isObject() || (schema.isBoolean() && schema.booleanValue()));
  }

  /**
   * Follows refs and the members of allOf/anyOf/oneOf from the given nodes, each schema location
   * once, at most {@link #MAX_SCHEMAS}; an explicit stack, so that no schema can overflow the Java
   * stack.
   */
  private static Applied expand(List<Pending> start) {
    List<Refs.Resolved> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<Pending> stack = new ArrayDeque<>();
    for (int i = start.size() - 1; i >= 0; i--) {
      stack.push(start.get(i));
    }
    while (!stack.isEmpty() && out.size() < MAX_SCHEMAS) {
      Pending p = stack.pop();
      if (!seen.add(p.site().location().toString())) {
        continue;
      }
      Refs.Resolved r = Refs.resolve(p.node(), p.site());
      out.add(r);
      if (!r.node().isObject()) {
        continue;
      }
      List<Pending> members = new ArrayList<>();
      for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
        JsonNode list = r.node().get(keyword);
        if (list != null && list.isArray()) {
          for (int i = 0; i < list.size(); i++) {
            members.add(new Pending(list.get(i), r.site().child(keyword, i)));
          }
        }
      }
      for (String keyword : List.of("then", "else")) {
        JsonNode branch = r.node().get(keyword);
        if (branch != null && branch.isObject()) {
          members.add(new Pending(branch, r.site().child(keyword)));
        }
      }
      for (int i = members.size() - 1; i >= 0; i--) {
        stack.push(members.get(i));
      }
    }
    Set<String> keys = new TreeSet<>();
    for (Refs.Resolved r : out) {
      keys.add(r.key());
    }
    return new Applied(List.copyOf(out), String.join("\n", keys));
  }

  private boolean matches(String regex, String key) {
    RegularExpression re =
        patterns.computeIfAbsent(
            regex,
            r -> {
              try {
                return SafeRegex.INSTANCE.getRegularExpression(r);
              } catch (RuntimeException invalid) {
                return value -> false; // an invalid pattern fails validation first
              }
            });
    try {
      return re.matches(key);
    } catch (RuntimeException tooCostly) {
      return false;
    }
  }

  /** The names under {@code properties} of the applying schemas, in their order. */
  private static Set<String> propertyNames(Applied a) {
    Set<String> names = new LinkedHashSet<>();
    for (Refs.Resolved r : a.schemas()) {
      JsonNode props = r.node().isObject() ? r.node().get("properties") : null;
      if (props != null && props.isObject()) {
        props.propertyNames().forEach(names::add);
      }
    }
    return names;
  }

  /**
   * Every declared property path (no indices), in schema order, at most {@link Help#MAX_FIELDS}; a
   * property whose schemas are those of an enclosing one (recursion) is listed, not entered.
   */
  private List<List<String>> declaredPaths() {
    List<List<String>> d = declared;
    if (d == null) {
      d = declaredPaths(root);
      declared = d;
    }
    return d;
  }

  /** {@link #declaredPaths()} below a value the {@code here} schemas apply to, relative to it. */
  private List<List<String>> declaredPaths(Applied here) {
    List<List<String>> out = new ArrayList<>();
    enumerate(here, new ArrayList<>(), new ArrayDeque<>(), out, new int[] {0});
    return Collections.unmodifiableList(out);
  }

  private void enumerate(
      Applied here, List<String> prefix, Deque<String> stack, List<List<String>> out, int[] work) {
    if (Documents.tooDeep(prefix.size() + 1) || work[0] > MAX_ENUMERATED_SCHEMAS) {
      return;
    }
    stack.push(here.key());
    for (String name : propertyNames(here)) {
      if (out.size() >= Help.MAX_FIELDS) {
        break;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(name);
      out.add(List.copyOf(path));
      Applied child = children(here, name);
      work[0] += child.schemas().size();
      if (!child.schemas().isEmpty() && !stack.contains(child.key())) {
        enumerate(child, path, stack, out, work);
      }
    }
    stack.pop();
  }
}
