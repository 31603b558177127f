package io.hectiqlab.internal;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.RefValidator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows {@code $ref}s for help and defaults exactly as validation does: each {@code $ref} is
 * resolved by the validator's own resolution (its {@code $ref} keyword, at the schema location the
 * reference sits at), so a template's walkers see the same documents, fragments and {@code $id}s as
 * validation, and nothing that validation would not load.
 */
final class Refs {
  private static final int MAX_REF_HOPS = 32;

  /**
   * Keywords whose values are data, not schemas: a {@code "$ref"} inside them is no reference (the
   * one list for every walk over schema documents; {@code message} holds custom error messages).
   */
  static final Set<String> DATA_KEYWORDS =
      Set.of("default", "const", "enum", "examples", "example", "message");

  private Refs() {}

  /**
   * Where a schema node sits: its location (the base IRI its refs resolve against plus the JSON
   * pointer from that base) and the nearest validator schema above it, whose context resolves refs.
   */
  record Site(SchemaLocation location, Schema parent) {
    /** The site of a member of this node, such as {@code properties}, {@code name}. */
    Site child(String... path) {
      SchemaLocation l = location;
      for (String p : path) {
        l = l.append(p);
      }
      return new Site(l, parent);
    }

    /** The site of the {@code index}th member of an array keyword such as {@code oneOf}. */
    Site child(String keyword, int index) {
      return new Site(location.append(keyword).append(index), parent);
    }
  }

  /**
   * A schema node with its refs followed (keywords beside a {@code $ref} merged in, winning over
   * the target's), where the final target sits, and a key naming that target, for cycle checks.
   */
  record Resolved(JsonNode node, Site site, String key) {}

  /** The root of a compiled schema, its refs followed. */
  static Resolved root(SchemaEngine.Compiled schema) {
    Schema s = schema.schema();
    return resolve(schema.node(), new Site(s.getSchemaLocation(), s));
  }

  /** Follows the {@code $ref} chain of a node; keywords beside a {@code $ref} win. */
  static Resolved resolve(JsonNode node, Site site) {
    JsonNode current = node;
    Site currentSite = identified(node, site);
    ObjectNode merged = null;
    for (int hop = 0; hop < MAX_REF_HOPS && hasRef(current); hop++) {
      Schema target = target(current, currentSite);
      if (target == null) {
        break;
      }
      if (merged == null) {
        merged = JsonNodeFactory.instance.objectNode();
      }
      siblings(current, merged);
      current = target.getSchemaNode();
      currentSite = new Site(target.getSchemaLocation(), target);
    }
    String key = currentSite.location().toString();
    if (merged == null) {
      return new Resolved(current, currentSite, key);
    }
    siblings(current, merged);
    return new Resolved(merged, currentSite, key);
  }

  /**
   * The schema a node's {@code $ref} points to, as the validator resolves it.
   *
   * @throws RuntimeException what the validator throws when it cannot resolve the reference
   */
  static Schema targetOrThrow(JsonNode node, Site site) {
    Schema here =
        site.parent()
            .getSchemaContext()
            .newSchema(site.location(), RefPointers.forEngine(node), site.parent());
    for (KeywordValidator v : here.getValidators()) {
      if (v instanceof RefValidator ref) {
        return ref.getSchemaRef().getSchema();
      }
    }
    return null;
  }

  static boolean hasRef(JsonNode node) {
    return node.isObject() && node.path("$ref").isString();
  }

  private static Schema target(JsonNode node, Site site) {
    try {
      return targetOrThrow(node, site);
    } catch (RuntimeException | StackOverflowError e) {
      return null; // validation reports what cannot be resolved; help shows the node as it is
    }
  }

  /**
   * A node that declares its own id starts a new base: the validator's schema for it says which.
   */
  private static Site identified(JsonNode node, Site site) {
    if (!node.isObject() || !(node.path("$id").isString() || node.path("id").isString())) {
      return site;
    }
    try {
      Schema s = site.parent().getSchemaContext().newSchema(site.location(), node, site.parent());
      return new Site(s.getSchemaLocation(), s);
    } catch (RuntimeException e) {
      return site;
    }
  }

  private static void siblings(JsonNode from, ObjectNode into) {
    if (!from.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      if (!e.getKey().equals("$ref") && !into.has(e.getKey())) {
        into.set(e.getKey(), e.getValue());
      }
    }
  }
}
