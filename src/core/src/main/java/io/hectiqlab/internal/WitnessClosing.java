package io.hectiqlab.internal;

import com.networknt.schema.AbsoluteIri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lenient reading of one compilation's schema documents ({@link Witnesses#closed}): each
 * document, as it loads, gets {@code "additionalProperties": false} on every object schema that
 * {@link SchemaDiff#closedWhenLenient} says is closed, given the keyword that holds it.
 *
 * <p>A schema reached through a {@code $ref} counts where the reference sits, as the differ reads
 * it: the target of a {@code $ref} that is an {@code allOf} member (or the target of a {@code $ref}
 * such a target holds, and so on) stays open, in this document or in one loaded later (the
 * documents a document refers to load after it). A target that an {@code allOf} member and another
 * place both refer to stays open for both. Refs through {@code $anchor} names are not followed for
 * this. Only schema keywords are walked ({@link Refs#DATA_KEYWORDS} are data). Thread-safe:
 * documents may load from the threads that validate.
 */
final class WitnessClosing implements BiFunction<String, JsonNode, JsonNode> {
  /** Schemas that stay open: {@code base IRI#pointer}, pointers from their resource's root. */
  private final Set<String> open = ConcurrentHashMap.newKeySet();

  /** One schema node of a document, where it sits and the keyword holding it. */
  private record Node(ObjectNode node, String base, String pointer, @Nullable String parent) {
    String key() {
      return base + "#" + pointer;
    }
  }

  @Override
  public JsonNode apply(String iri, JsonNode document) {
    JsonNode copy = document.deepCopy();
    List<Node> nodes = new ArrayList<>();
    collect(copy, canonical(iri), "", null, 1, nodes);
    boolean grew = true;
    for (int round = 0; grew && round <= nodes.size(); round++) {
      grew = false;
      for (Node n : nodes) {
        JsonNode ref = n.node().get("$ref");
        if (ref != null
            && ref.isString()
            && ("allOf".equals(n.parent()) || open.contains(n.key()))) {
          String target = target(n.base(), ref.stringValue());
          if (target != null && open.add(target)) {
            grew = true;
          }
        }
      }
    }
    for (Node n : nodes) {
      if (SchemaDiff.closedWhenLenient(n.node(), n.parent()) && !open.contains(n.key())) {
        n.node().put("additionalProperties", false);
      }
    }
    return copy;
  }

  /** Gathers the object schema nodes below {@code node}, each with its base and pointer. */
  private static void collect(
      JsonNode node,
      String base,
      String pointer,
      @Nullable String parent,
      int depth,
      List<Node> out) {
    if (Documents.tooDeep(depth)) {
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), base, pointer + "/" + i, parent, depth + 1, out);
      }
      return;
    }
    if (!(node instanceof ObjectNode o)) {
      return;
    }
    String b = base;
    String p = pointer;
    JsonNode id = o.get("$id");
    if (id != null && id.isString() && !id.stringValue().startsWith("#")) {
      try {
        b = canonical(SchemaEngine.stripFragment(AbsoluteIri.resolve(base, id.stringValue())));
        p = "";
      } catch (RuntimeException e) {
        // an id that does not resolve: the validator reports it
      }
    }
    out.add(new Node(o, b, p, parent));
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String keyword = e.getKey();
      if (Refs.DATA_KEYWORDS.contains(keyword)) {
        continue;
      }
      String at = p + "/" + Documents.escapePointer(keyword);
      JsonNode value = e.getValue();
      if (RefPointers.NAMED_SCHEMAS.contains(keyword) && value.isObject()) {
        for (Map.Entry<String, JsonNode> m : value.properties()) {
          collect(
              m.getValue(),
              b,
              at + "/" + Documents.escapePointer(m.getKey()),
              keyword,
              depth + 2,
              out);
        }
      } else {
        collect(value, b, at, keyword, depth + 1, out);
      }
    }
  }

  /** The {@code base IRI#pointer} a ref leads to, or null for one this class does not follow. */
  private static @Nullable String target(String base, String ref) {
    int hash = ref.indexOf('#');
    String doc = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : decode(ref.substring(hash + 1));
    if (fragment == null || (!fragment.isEmpty() && !fragment.startsWith("/"))) {
      return null; // an anchor name
    }
    try {
      String iri = doc.isEmpty() ? base : canonical(AbsoluteIri.resolve(base, doc));
      return SchemaEngine.stripFragment(iri) + "#" + fragment;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code file:///x} and {@code file:/x} are one IRI. */
  private static String canonical(String iri) {
    return iri.startsWith("file:///") ? "file:/" + iri.substring("file:///".length()) : iri;
  }

  /** A URI fragment with its percent escapes decoded (UTF-8), or null when one is malformed. */
  private static @Nullable String decode(String fragment) {
    if (fragment.indexOf('%') < 0) {
      return fragment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < fragment.length(); ) {
      int c = fragment.codePointAt(i);
      if (c == '%') {
        if (i + 2 >= fragment.length()) {
          return null;
        }
        int v = hex(fragment.charAt(i + 1)) * 16 + hex(fragment.charAt(i + 2));
        if (v < 0) {
          return null;
        }
        out.write(v);
        i += 3;
      } else {
        byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    int d = Character.digit(c, 16);
    return d < 0 ? -1000 : d;
  }
}
