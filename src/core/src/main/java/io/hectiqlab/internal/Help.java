package io.hectiqlab.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds pyhectiqlab-style help from a schema: one entry per property, nested objects recurse, a
 * leaf reads {@code "[<type>] <description> (default: ...; constraints)"}.
 */
public final class Help {
  private static final int MAX_DEPTH = 32;

  private final Refs refs;
  private final Deque<String> stack = new ArrayDeque<>();

  private Help(SchemaEngine engine) {
    this.refs = new Refs(engine);
  }

  /**
   * One documented property: its dotted path, type, description (null when the schema has none),
   * default as compact JSON (null when none) and constraints in words.
   */
  public record Field(
      String path, String type, String description, String defaultJson, List<String> constraints) {
    /** The pyhectiqlab leaf text: {@code [type] description (default: ...; constraints)}. */
    String leaf() {
      StringBuilder sb = new StringBuilder();
      sb.append('[').append(type).append("] ");
      sb.append(description != null ? description : "No description");
      List<String> extras = new ArrayList<>();
      if (defaultJson != null) {
        extras.add("default: " + defaultJson);
      }
      extras.addAll(constraints);
      if (!extras.isEmpty()) {
        sb.append(" (").append(String.join("; ", extras)).append(')');
      }
      return sb.toString();
    }
  }

  /** The help of a compiled schema: its tree and its fields in document order. */
  public record Result(ObjectNode tree, List<Field> fields) {}

  /** The help tree and fields of a compiled schema. */
  public static Result of(SchemaEngine.Compiled schema) {
    Help help = new Help(schema.engine());
    Refs.Resolved root = help.refs.root(schema);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<Field> fields = new ArrayList<>();
    help.properties(root, "", out, fields);
    return new Result(out, List.copyOf(fields));
  }

  private void properties(Refs.Resolved schema, String prefix, ObjectNode out, List<Field> fields) {
    JsonNode props = schema.node().get("properties");
    if (props == null || !props.isObject() || stack.size() > MAX_DEPTH) {
      return;
    }
    stack.push(schema.key());
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      Refs.Resolved sub = refs.resolve(e.getValue(), schema.base());
      String path = prefix + e.getKey();
      JsonNode subProps = sub.node().get("properties");
      if (subProps != null && subProps.isObject() && subProps.size() > 0) {
        if (stack.contains(sub.key())) {
          Field f = field(path, sub);
          fields.add(f);
          out.put(e.getKey(), f.leaf() + " (recursive)");
        } else {
          ObjectNode nested = JsonNodeFactory.instance.objectNode();
          properties(sub, path + ".", nested, fields);
          out.set(e.getKey(), nested);
        }
      } else {
        Field f = field(path, sub);
        fields.add(f);
        out.put(e.getKey(), f.leaf());
      }
    }
    stack.pop();
  }

  private Field field(String path, Refs.Resolved r) {
    JsonNode s = r.node();
    JsonNode description = s.get("description");
    List<String> extras = new ArrayList<>();
    if (s.has("enum") && s.get("enum").isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode v : s.get("enum")) {
        values.add(compact(v));
      }
      extras.add("one of: " + String.join(", ", values));
    }
    if (s.has("const")) {
      extras.add("always " + compact(s.get("const")));
    }
    bound(s, "exclusiveMinimum", "> ", extras);
    bound(s, "minimum", ">= ", extras);
    bound(s, "exclusiveMaximum", "< ", extras);
    bound(s, "maximum", "<= ", extras);
    bound(s, "multipleOf", "multiple of ", extras);
    range(s, "minLength", "maxLength", "length", extras);
    range(s, "minItems", "maxItems", "items", extras);
    if (s.has("pattern")) {
      extras.add("pattern: " + s.get("pattern").asString());
    }
    if (s.has("format")) {
      extras.add("format: " + s.get("format").asString());
    }
    if (s.path("uniqueItems").asBoolean(false)) {
      extras.add("unique items");
    }
    return new Field(
        path,
        type(s, r.base()),
        description != null && description.isString() ? description.stringValue() : null,
        s.has("default") ? compact(s.get("default")) : null,
        List.copyOf(extras));
  }

  private static void bound(JsonNode s, String keyword, String prefix, List<String> extras) {
    JsonNode v = s.get(keyword);
    if (v != null && v.isNumber()) {
      extras.add(prefix + v.asString());
    }
  }

  private static void range(JsonNode s, String min, String max, String what, List<String> extras) {
    JsonNode lo = s.get(min);
    JsonNode hi = s.get(max);
    if (lo != null && hi != null) {
      extras.add(what + " " + lo.asString() + ".." + hi.asString());
    } else if (lo != null) {
      extras.add(what + " >= " + lo.asString());
    } else if (hi != null) {
      extras.add(what + " <= " + hi.asString());
    }
  }

  private String type(JsonNode s, String base) {
    JsonNode t = s.get("type");
    String type;
    if (t != null && t.isString()) {
      type = t.stringValue();
    } else if (t != null && t.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode n : t) {
        names.add(n.asString());
      }
      type = String.join("|", names);
    } else if (s.has("properties")) {
      type = "object";
    } else if (s.has("enum")) {
      type = "enum";
    } else if (s.has("anyOf") || s.has("oneOf")) {
      type = s.has("anyOf") ? "anyOf" : "oneOf";
    } else {
      type = "any";
    }
    if (type.equals("array")) {
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        Refs.Resolved item = refs.resolve(items, base);
        type = "array<" + type(item.node(), item.base()) + ">";
      } else if (s.has("prefixItems")) {
        List<String> names = new ArrayList<>();
        Iterator<JsonNode> it = s.get("prefixItems").iterator();
        while (it.hasNext()) {
          Refs.Resolved item = refs.resolve(it.next(), base);
          names.add(type(item.node(), item.base()));
        }
        type = "array<" + String.join(", ", names) + ">";
      }
    }
    return type;
  }

  private static String compact(JsonNode v) {
    return new String(Documents.toBytes(v), java.nio.charset.StandardCharsets.UTF_8);
  }
}
