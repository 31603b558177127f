package io.hectiqlab.internal;

import java.net.URI;
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
  private static final int MAX_REF_HOPS = 32;

  private final SchemaEngine engine;
  private final Deque<String> stack = new ArrayDeque<>();

  private Help(SchemaEngine engine) {
    this.engine = engine;
  }

  /** The help tree of a compiled schema. */
  public static ObjectNode of(SchemaEngine.Compiled schema) {
    Help help = new Help(schema.engine());
    Resolved root = help.resolve(schema.node(), baseOf(schema.iri(), schema.node()));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    help.properties(root, out);
    return out;
  }

  private record Resolved(JsonNode node, String base, String key) {}

  private void properties(Resolved schema, ObjectNode out) {
    JsonNode props = schema.node().get("properties");
    if (props == null || !props.isObject() || stack.size() > MAX_DEPTH) {
      return;
    }
    stack.push(schema.key());
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      Resolved sub = resolve(e.getValue(), schema.base());
      JsonNode subProps = sub.node().get("properties");
      if (subProps != null && subProps.isObject() && subProps.size() > 0) {
        if (stack.contains(sub.key())) {
          out.put(e.getKey(), leaf(sub) + " (recursive)");
        } else {
          ObjectNode nested = JsonNodeFactory.instance.objectNode();
          properties(sub, nested);
          out.set(e.getKey(), nested);
        }
      } else {
        out.put(e.getKey(), leaf(sub));
      }
    }
    stack.pop();
  }

  /** Follows $ref chains; keywords beside a $ref (description, default) win over the target's. */
  private Resolved resolve(JsonNode node, String base) {
    String key = base + "#" + System.identityHashCode(node);
    JsonNode current = node;
    String currentBase = base;
    ObjectNode merged = null;
    for (int hop = 0; hop < MAX_REF_HOPS && current.isObject() && current.has("$ref"); hop++) {
      String ref = current.get("$ref").asString();
      String target = resolveRef(currentBase, ref);
      if (target == null) {
        break;
      }
      int hash = target.indexOf('#');
      String docIri = hash < 0 ? target : target.substring(0, hash);
      String fragment = hash < 0 ? "" : target.substring(hash + 1);
      JsonNode doc = engine.document(docIri);
      if (doc == null || !(fragment.isEmpty() || fragment.startsWith("/"))) {
        break;
      }
      JsonNode next = fragment.isEmpty() ? doc : doc.at(decode(fragment));
      if (next.isMissingNode()) {
        break;
      }
      if (merged == null) {
        merged = JsonNodeFactory.instance.objectNode();
      }
      for (Map.Entry<String, JsonNode> e : current.properties()) {
        if (!e.getKey().equals("$ref") && !merged.has(e.getKey())) {
          merged.set(e.getKey(), e.getValue());
        }
      }
      key = target;
      current = next;
      currentBase = baseOf(docIri, doc);
    }
    if (merged == null) {
      return new Resolved(current, currentBase, key);
    }
    if (current.isObject()) {
      for (Map.Entry<String, JsonNode> e : current.properties()) {
        if (!e.getKey().equals("$ref") && !merged.has(e.getKey())) {
          merged.set(e.getKey(), e.getValue());
        }
      }
    }
    return new Resolved(merged, currentBase, key);
  }

  private static String resolveRef(String base, String ref) {
    if (ref.startsWith("#")) {
      return SchemaEngine.stripFragment(base) + ref;
    }
    try {
      URI b = URI.create(base);
      return b.isOpaque() ? ref : b.resolve(ref).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String decode(String fragment) {
    try {
      return java.net.URLDecoder.decode(
          fragment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fragment;
    }
  }

  private static String baseOf(String iri, JsonNode doc) {
    JsonNode id = doc.isObject() ? doc.get("$id") : null;
    if (id == null || !id.isString()) {
      return iri;
    }
    String resolved = resolveRef(iri, id.stringValue());
    return resolved == null ? iri : SchemaEngine.stripFragment(resolved);
  }

  private String leaf(Resolved r) {
    JsonNode s = r.node();
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(type(s, r.base())).append("] ");
    JsonNode description = s.get("description");
    sb.append(
        description != null && description.isString()
            ? description.stringValue()
            : "No description");
    List<String> extras = new ArrayList<>();
    if (s.has("default")) {
      extras.add("default: " + compact(s.get("default")));
    }
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
    if (!extras.isEmpty()) {
      sb.append(" (").append(String.join("; ", extras)).append(')');
    }
    return sb.toString();
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
        Resolved item = resolve(items, base);
        type = "array<" + type(item.node(), item.base()) + ">";
      } else if (s.has("prefixItems")) {
        List<String> names = new ArrayList<>();
        Iterator<JsonNode> it = s.get("prefixItems").iterator();
        while (it.hasNext()) {
          Resolved item = resolve(it.next(), base);
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
