package io.hectiqlab.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules every lab template document follows, wherever it is read (published on the server,
 * fetched by the client): it declares no identifier that names a {@code lab:} IRI, and the versions
 * it refers to are found here, so that the server checks access to each.
 */
public final class LabDocuments {
  /** The keywords whose string values are references. */
  private static final Set<String> REF_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

  /** The keywords that give a schema an identifier: {@code id} in draft 4, {@code $id} later. */
  private static final Set<String> ID_KEYWORDS = Set.of("$id", "id");

  /** In a refusal, what follows the pointer of the identifier. */
  public static final String LAB_ID = ": declares the id '";

  private LabDocuments() {}

  /**
   * Refuses a document that declares an {@code $id} or {@code id} (any draft, at the root or
   * nested) resolving to a {@code lab:} IRI: such an id would stand in for a published version
   * (another team's, or one that does not exist) wherever a ref names it. An id made of a fragment
   * alone ({@code #name}, an anchor) is allowed; a relative id resolves against the document's
   * {@code lab:} IRI and is refused, unless an absolute non-lab id above it gives it another base.
   *
   * @param prefix what the message starts with, naming the document (such as {@code "lab:o/p/t@3:
   *     "})
   * @throws SchemaLoadException naming the pointer of the first such id
   */
  static void refuseLabIds(String prefix, JsonNode root) {
    String found = labId(root, "", true, 0);
    if (found != null) {
      throw new SchemaLoadException(prefix + found, null);
    }
  }

  private static String labId(JsonNode node, String pointer, boolean labBase, int depth) {
    if (Documents.tooDeep(depth)) {
      return null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = labId(node.get(i), pointer + "/" + i, labBase, depth + 1);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    boolean base = labBase;
    for (String keyword : ID_KEYWORDS) {
      JsonNode id = node.get(keyword);
      if (id == null || !id.isString() || id.stringValue().startsWith("#")) {
        continue;
      }
      String value = id.stringValue();
      boolean absolute = SchemaEngine.hasScheme(value);
      if (absolute ? isLab(value) : base) {
        return pointer
            + "/"
            + keyword
            + LAB_ID
            + value
            + "', which resolves to a lab: IRI; a published template may not declare a lab: id"
            + " (it would stand in for a published version)";
      }
      if (absolute) {
        base = false;
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      String at = pointer + "/" + Documents.escapePointer(key);
      String found = null;
      if (RefPointers.NAMED_SCHEMAS.contains(key) && value.isObject()) {
        for (Map.Entry<String, JsonNode> member : value.properties()) {
          found =
              labId(
                  member.getValue(),
                  at + "/" + Documents.escapePointer(member.getKey()),
                  base,
                  depth + 2);
          if (found != null) {
            break;
          }
        }
      } else if (!Refs.DATA_KEYWORDS.contains(key) && value.isContainer()) {
        found = labId(value, at, base, depth + 1);
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The {@code lab:} IRIs (without fragment, as written) a document's refs name, in schema
   * positions (not inside {@code const}, {@code enum}, {@code default}...), in document order.
   */
  public static Set<String> labRefs(JsonNode root) {
    Set<String> out = new LinkedHashSet<>();
    collect(root, out, 0);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out, int depth) {
    if (Documents.tooDeep(depth)) {
      return;
    }
    if (node.isArray()) {
      node.forEach(child -> collect(child, out, depth + 1));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (REF_KEYWORDS.contains(key) && value.isString()) {
        String ref = value.stringValue();
        if (isLab(ref)) {
          int hash = ref.indexOf('#');
          out.add(hash < 0 ? ref : ref.substring(0, hash));
        }
      } else if (RefPointers.NAMED_SCHEMAS.contains(key) && value.isObject()) {
        value.forEach(member -> collect(member, out, depth + 2));
      } else if (!Refs.DATA_KEYWORDS.contains(key)) {
        collect(value, out, depth + 1);
      }
    }
  }

  private static boolean isLab(String ref) {
    return ref.toLowerCase(Locale.ROOT).startsWith(SchemaEngine.LAB_SCHEME + ":");
  }
}
