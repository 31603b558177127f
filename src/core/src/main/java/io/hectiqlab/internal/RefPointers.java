package io.hectiqlab.internal;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites {@code $ref} JSON Pointer fragments so that the engine reads a segment made of digits as
 * RFC 6901 does.
 *
 * <p>networknt parses every all-digit segment as an array index (an int), so {@code
 * #/definitions/09338} looks for the member {@code "9338"} and a segment of ten digits overflows.
 * For an object, RFC 6901 makes such a segment a member name; for an array, a segment with a
 * leading zero or of ten digits or more is no index an array can have anyway. The rewrite
 * percent-encodes the first digit of exactly those segments ({@code 09338} becomes {@code %309338},
 * the same pointer in URI fragment form), which the engine decodes into a member name. Canonical
 * indexes ({@code 0}, {@code 12}) are left alone: the engine already reads them as member names on
 * objects and indexes on arrays.
 */
final class RefPointers {
  private RefPointers() {}

  /**
   * Keywords whose members are schemas under names chosen by the author (their names are not
   * keywords): the one list for every walk over schema documents.
   */
  static final Set<String> NAMED_SCHEMAS =
      Set.of(
          "properties",
          "patternProperties",
          "definitions",
          "$defs",
          "dependentSchemas",
          "dependencies");

  /**
   * Returns {@code schema} itself when no {@code $ref} needs rewriting, else a rewritten copy (the
   * argument is not changed).
   */
  static JsonNode forEngine(JsonNode schema) {
    if (!needsRewrite(schema, 0)) {
      return schema;
    }
    JsonNode copy = schema.deepCopy();
    rewrite(copy, 0);
    return copy;
  }

  private static boolean needsRewrite(JsonNode node, int depth) {
    if (Documents.tooDeep(depth)) {
      return false;
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        if (needsRewrite(child, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (!node.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("$ref") && value.isString()) {
        if (!encode(value.stringValue()).equals(value.stringValue())) {
          return true;
        }
      } else if (NAMED_SCHEMAS.contains(key) && value.isObject()) {
        for (Map.Entry<String, JsonNode> member : value.properties()) {
          if (needsRewrite(member.getValue(), depth + 2)) {
            return true;
          }
        }
      } else if (!Refs.DATA_KEYWORDS.contains(key) && needsRewrite(value, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static void rewrite(JsonNode node, int depth) {
    if (Documents.tooDeep(depth)) {
      return;
    }
    if (node instanceof ArrayNode array) {
      for (JsonNode child : array) {
        rewrite(child, depth + 1);
      }
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    String ref = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("$ref") && value.isString()) {
        ref = encode(value.stringValue());
      } else if (NAMED_SCHEMAS.contains(key) && value.isObject()) {
        for (Map.Entry<String, JsonNode> member : value.properties()) {
          rewrite(member.getValue(), depth + 2);
        }
      } else if (!Refs.DATA_KEYWORDS.contains(key)) {
        rewrite(value, depth + 1);
      }
    }
    if (ref != null) {
      object.put("$ref", ref);
    }
  }

  /** The ref with each misread all-digit pointer segment of its fragment percent-encoded. */
  static String encode(String ref) {
    int hash = ref.indexOf('#');
    if (hash < 0 || !ref.startsWith("/", hash + 1)) {
      return ref;
    }
    String[] segments = ref.substring(hash + 1).split("/", -1);
    StringBuilder out = new StringBuilder(ref.length() + 8).append(ref, 0, hash + 1);
    boolean changed = false;
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      out.append('/');
      if (misread(s)) {
        out.append("%3").append(s);
        changed = true;
      } else {
        out.append(s);
      }
    }
    return changed ? out.toString() : ref;
  }

  /**
   * True for all-digit segments of two or more digits that start with {@code 0} or have ten or more
   * digits (which may overflow an int): {@code 007}, {@code 12345678901}.
   */
  private static boolean misread(String segment) {
    if (segment.length() < 2) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return segment.charAt(0) == '0' || segment.length() > 9;
  }
}
