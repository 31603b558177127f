package io.hectiqlab.internal;

import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code $ref}s over the documents a schema context has loaded (for help and defaults).
 */
final class Refs {
  private static final int MAX_REF_HOPS = 32;

  private final SchemaEngine engine;

  Refs(SchemaEngine engine) {
    this.engine = engine;
  }

  /** A schema node with the base IRI its refs resolve against, and an identity for cycle checks. */
  record Resolved(JsonNode node, String base, String key) {}

  /** The root of a compiled schema, its refs followed. */
  Resolved root(SchemaEngine.Compiled schema) {
    return resolve(schema.node(), baseOf(schema.iri(), schema.node()));
  }

  /** Follows $ref chains; keywords beside a $ref (description, default) win over the target's. */
  Resolved resolve(JsonNode node, String base) {
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

  static String baseOf(String iri, JsonNode doc) {
    JsonNode id = doc.isObject() ? doc.get("$id") : null;
    if (id == null || !id.isString()) {
      return iri;
    }
    String resolved = resolveRef(iri, id.stringValue());
    return resolved == null ? iri : SchemaEngine.stripFragment(resolved);
  }
}
