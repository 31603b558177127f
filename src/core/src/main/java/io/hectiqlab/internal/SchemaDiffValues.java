package io.hectiqlab.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values for {@link SchemaDiff}: the kinds of JSON value a schema's {@code type} admits, JSON
 * equality as JSON Schema defines it ({@code 1} equals {@code 1.0}), how a value prints in a
 * reason, and the candidate values probes put in documents (guesses: {@link Witnesses} keeps only
 * what the validator confirms).
 */
final class SchemaDiffValues {
  private SchemaDiffValues() {}

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The longest string or array a probe builds. */
  static final int MAX_BUILT_SIZE = 1_000;

  /** How long a value may print in a reason. */
  static final int MAX_SHOWN = 60;

  /**
   * The kinds of JSON value {@code type} tells apart; numbers split into integers and the others,
   * so that {@code integer} is a part of {@code number}.
   */
  enum Atom {
    NULL,
    BOOLEAN,
    OBJECT,
    ARRAY,
    STRING,
    INTEGER,
    FRACTION
  }

  static final Set<Atom> NUMBERS = EnumSet.of(Atom.INTEGER, Atom.FRACTION);

  /** The atoms a {@code type} value admits; every atom when the value is absent or unreadable. */
  static Set<Atom> atoms(@Nullable JsonNode type) {
    if (type == null) {
      return EnumSet.allOf(Atom.class);
    }
    Set<Atom> out = EnumSet.noneOf(Atom.class);
    if (type.isString()) {
      add(type.stringValue(), out);
    } else if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.isString()) {
          add(t.stringValue(), out);
        }
      }
    } else {
      return EnumSet.allOf(Atom.class);
    }
    return out;
  }

  private static void add(String name, Set<Atom> out) {
    switch (name) {
      case "null" -> out.add(Atom.NULL);
      case "boolean" -> out.add(Atom.BOOLEAN);
      case "object" -> out.add(Atom.OBJECT);
      case "array" -> out.add(Atom.ARRAY);
      case "string" -> out.add(Atom.STRING);
      case "integer" -> out.add(Atom.INTEGER);
      case "number" -> out.addAll(NUMBERS);
      case "any" -> out.addAll(EnumSet.allOf(Atom.class));
      default -> {
        // an unknown type name admits nothing; the meta-schema refuses it at load
      }
    }
  }

  /** The atoms a schema node admits by its {@code type} (booleans: all or none). */
  static Set<Atom> atomsOf(JsonNode schema) {
    if (schema.isBoolean()) {
      return schema.booleanValue() ? EnumSet.allOf(Atom.class) : EnumSet.noneOf(Atom.class);
    }
    return atoms(schema.isObject() ? schema.get("type") : null);
  }

  /** A type value as reasons print it: {@code integer}, {@code [string, null]}, {@code any}. */
  static String showType(@Nullable JsonNode type) {
    if (type == null) {
      return "any type";
    }
    if (type.isString()) {
      return type.stringValue();
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode t : type) {
        names.add(t.isString() ? t.stringValue() : t.toString());
      }
      return names.size() == 1 ? names.get(0) : "[" + String.join(", ", names) + "]";
    }
    return show(type);
  }

  /** A value as reasons print it: compact JSON, cut after {@value #MAX_SHOWN} characters. */
  static String show(JsonNode value) {
    StringBuilder sb = new StringBuilder();
    if (!compact(value, sb, 0) && sb.length() <= MAX_SHOWN) {
      sb.append("...");
    }
    return Printable.shorten(sb.toString(), MAX_SHOWN);
  }

  /** Writes compact JSON, stopping (false) once past {@link #MAX_SHOWN} characters. */
  private static boolean compact(JsonNode value, StringBuilder sb, int depth) {
    if (sb.length() > MAX_SHOWN || depth > Documents.MAX_DEPTH) {
      return false;
    }
    if (value.isObject()) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(NODES.stringNode(cut(e.getKey())).toString()).append(':');
        if (!compact(e.getValue(), sb, depth + 1)) {
          return false;
        }
      }
      sb.append('}');
    } else if (value.isArray()) {
      sb.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!compact(value.get(i), sb, depth + 1)) {
          return false;
        }
      }
      sb.append(']');
    } else if (value.isString()) {
      sb.append(NODES.stringNode(cut(value.stringValue())).toString());
    } else {
      sb.append(value.toString());
    }
    return sb.length() <= MAX_SHOWN;
  }

  private static String cut(String s) {
    return s.length() > MAX_SHOWN * 2 ? s.substring(0, MAX_SHOWN * 2) : s;
  }

  /** A property name as reasons print it: a JSON string. */
  static String name(String name) {
    return show(NODES.stringNode(name));
  }

  /**
   * A key equal for values JSON Schema calls equal: numbers by value, object members in any order.
   */
  static String canonical(JsonNode value) {
    StringBuilder sb = new StringBuilder();
    canonical(value, sb, 0);
    return sb.toString();
  }

  private static void canonical(JsonNode value, StringBuilder sb, int depth) {
    if (depth > Documents.MAX_DEPTH + 2) {
      sb.append('…');
      return;
    }
    if (value.isNumber()) {
      BigDecimal d = decimal(value);
      sb.append('n').append(d == null ? value.toString() : d.toString());
    } else if (value.isString()) {
      String s = value.stringValue();
      sb.append('s').append(s.length()).append(':').append(s);
    } else if (value.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        sorted.put(e.getKey(), e.getValue());
      }
      sb.append('{');
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        sb.append(e.getKey().length()).append(':').append(e.getKey());
        canonical(e.getValue(), sb, depth + 1);
        sb.append(',');
      }
      sb.append('}');
    } else if (value.isArray()) {
      sb.append('[');
      for (JsonNode v : value) {
        canonical(v, sb, depth + 1);
        sb.append(',');
      }
      sb.append(']');
    } else {
      sb.append(value.toString());
    }
  }

  /** True when two values are equal as JSON Schema compares them ({@code const}, {@code enum}). */
  static boolean same(@Nullable JsonNode a, @Nullable JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(b) || canonical(a).equals(canonical(b));
  }

  /** The value of a number node (null for NaN or infinity, which JSON cannot hold). */
  static @Nullable BigDecimal decimal(@Nullable JsonNode n) {
    if (n == null || !n.isNumber()) {
      return null;
    }
    try {
      BigDecimal d = n.decimalValue();
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A number as a JSON node: an integer node when it is whole, else a decimal. */
  static JsonNode number(BigDecimal d) {
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (s.scale() <= 0) {
      BigInteger i = s.toBigIntegerExact();
      if (i.bitLength() < 63) {
        return NODES.numberNode(i.longValue());
      }
      return NODES.numberNode(i);
    }
    return NODES.numberNode(s);
  }

  /** A number as reasons print it: {@code 0.5}, {@code 10}, {@code 1E+400}. */
  static String show(BigDecimal d) {
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    return s.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) < 0
            && (s.scale() <= 20 || s.abs().compareTo(BigDecimal.ONE) >= 0)
        ? s.toPlainString()
        : s.toString();
  }

  /** True when {@code a} is a whole multiple of {@code b} (b positive). */
  static boolean isMultiple(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      return false;
    }
    try {
      return a.remainder(b).signum() == 0;
    } catch (ArithmeticException e) {
      return false; // too large a quotient to work out: not assumed
    }
  }

  /** A string of {@code length} copies of {@code c}, or null past {@link #MAX_BUILT_SIZE}. */
  static @Nullable JsonNode repeated(char c, long length) {
    if (length < 0 || length > MAX_BUILT_SIZE) {
      return null;
    }
    return NODES.stringNode(String.valueOf(c).repeat((int) length));
  }

  /** An array of {@code size} copies of a value, or null past {@link #MAX_BUILT_SIZE}. */
  static @Nullable JsonNode arrayOf(JsonNode element, long size) {
    if (size < 0 || size > MAX_BUILT_SIZE) {
      return null;
    }
    ArrayNode a = NODES.arrayNode();
    for (int i = 0; i < size; i++) {
      a.add(element.deepCopy());
    }
    return a;
  }

  /** An array of {@code size} distinct integers {@code 0, 1, ...}, or null past the limit. */
  static @Nullable JsonNode distinctArray(long size) {
    if (size < 0 || size > MAX_BUILT_SIZE) {
      return null;
    }
    ArrayNode a = NODES.arrayNode();
    for (int i = 0; i < size; i++) {
      a.add(i);
    }
    return a;
  }

  /** An object of {@code size} members, named by {@code names} first, then {@code k1, k2...}. */
  static @Nullable JsonNode objectOf(List<String> names, JsonNode value, long size) {
    if (size < 0 || size > MAX_BUILT_SIZE) {
      return null;
    }
    ObjectNode o = NODES.objectNode();
    for (String n : names) {
      if (o.size() >= size) {
        break;
      }
      o.set(n, value.deepCopy());
    }
    for (int i = 1; o.size() < size; i++) {
      if (!o.has("k" + i)) {
        o.set("k" + i, value.deepCopy());
      }
    }
    return o;
  }

  /**
   * Simple values a schema may accept, best guesses first: its {@code const}, {@code enum} values,
   * {@code default}, {@code examples}, then one value per type it admits (within its lengths and
   * bounds when they are plain). Looks at the node only (no refs followed).
   */
  static List<JsonNode> guesses(JsonNode schema) {
    Set<String> seen = new LinkedHashSet<>();
    List<JsonNode> out = new ArrayList<>();
    if (schema.isBoolean()) {
      if (schema.booleanValue()) {
        addAll(out, seen, List.of(NODES.numberNode(0), NODES.stringNode("a")));
      }
      return out;
    }
    if (!schema.isObject()) {
      return out;
    }
    if (schema.has("const")) {
      add(out, seen, schema.get("const"));
    }
    JsonNode e = schema.get("enum");
    if (e != null && e.isArray()) {
      for (int i = 0; i < e.size() && i < 3; i++) {
        add(out, seen, e.get(i));
      }
    }
    if (schema.has("default")) {
      add(out, seen, schema.get("default"));
    }
    JsonNode ex = schema.get("examples");
    if (ex != null && ex.isArray() && !ex.isEmpty()) {
      add(out, seen, ex.get(0));
    }
    for (Atom a : atomsOf(schema)) {
      JsonNode v = typical(a, schema);
      if (v != null) {
        add(out, seen, v);
      }
    }
    return out;
  }

  /** One value of an atom, within the schema's plain limits when it can. */
  static @Nullable JsonNode typical(Atom atom, JsonNode schema) {
    return switch (atom) {
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode(true);
      case OBJECT -> NODES.objectNode();
      case ARRAY -> NODES.arrayNode();
      case STRING -> {
        long min = Math.max(0, schema.path("minLength").asLong(0));
        yield repeated('a', Math.max(min, 1));
      }
      case INTEGER -> {
        BigDecimal lo = decimal(schema.get("minimum"));
        BigDecimal hi = decimal(schema.get("maximum"));
        if (lo != null) {
          yield number(lo.setScale(0, java.math.RoundingMode.CEILING));
        }
        if (hi != null && hi.signum() < 0) {
          yield number(hi.setScale(0, java.math.RoundingMode.FLOOR));
        }
        yield NODES.numberNode(1);
      }
      case FRACTION -> {
        BigDecimal lo = decimal(schema.get("minimum"));
        yield number(lo != null ? lo.add(new BigDecimal("0.5")) : new BigDecimal("0.5"));
      }
    };
  }

  /** One value of each atom, for probes that need "any other value". */
  static List<JsonNode> oneOfEach(Set<Atom> atoms) {
    List<JsonNode> out = new ArrayList<>();
    for (Atom a : atoms) {
      JsonNode v =
          switch (a) {
            case NULL -> NODES.nullNode();
            case BOOLEAN -> NODES.booleanNode(true);
            case OBJECT -> NODES.objectNode();
            case ARRAY -> NODES.arrayNode();
            case STRING -> NODES.stringNode("a");
            case INTEGER -> NODES.numberNode(1);
            case FRACTION -> NODES.numberNode(new BigDecimal("0.5"));
          };
      out.add(v);
    }
    return out;
  }

  private static void addAll(List<JsonNode> out, Set<String> seen, List<JsonNode> values) {
    values.forEach(v -> add(out, seen, v));
  }

  private static void add(List<JsonNode> out, Set<String> seen, JsonNode v) {
    if (seen.add(canonical(v))) {
      out.add(v);
    }
  }
}
