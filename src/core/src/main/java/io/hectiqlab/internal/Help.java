package io.hectiqlab.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds pyhectiqlab-style help from a schema: one entry per property, nested objects recurse, a
 * leaf reads {@code "[<type>] <description> (required; default: ...; constraints)"}. A section (a
 * property holding an object schema) is listed as a field of its own, and its description shows in
 * the tree under {@value #SECTION_DOC}. Refs are followed as validation follows them; the members
 * of {@code allOf} count as the object's own properties, and the properties of {@code oneOf}/{@code
 * anyOf} branches are listed too, marked with their branch. A section met again inside itself is
 * shown once more as a leaf marked {@code (recursive)}. At most {@value #MAX_FIELDS} fields are
 * listed; when a schema has more, the result says so ({@link Result#truncated()}, and the tree's
 * {@value #TRUNCATED} entry).
 */
public final class Help {
  /** The tree key under which a section's own description is shown. */
  public static final String SECTION_DOC = "__doc__";

  /**
   * How many levels of nested objects help lists (deeper ones are not expanded): a bound on what
   * help shows, not the nesting limit of documents ({@link Documents#tooDeep}).
   */
  private static final int MAX_HELP_LEVELS = 32;

  /** Fields listed at most: a schema whose refs fan out would otherwise list exponentially many. */
  public static final int MAX_FIELDS = 10_000;

  /** Schemas whose properties one object may gather through allOf/oneOf/anyOf, at most. */
  private static final int MAX_MEMBERS = 1_000;

  /** What the help shows for the default of a secret. */
  private static final String SECRET = "***";

  private final Deque<String> stack = new ArrayDeque<>();

  private Help() {}

  /**
   * One documented property: its dotted path, type, whether its object requires it, description
   * (null when the schema has none), default as compact JSON (null when none) and constraints in
   * words.
   */
  public record Field(
      String path,
      String type,
      boolean required,
      String description,
      String defaultJson,
      List<String> constraints) {
    /** The pyhectiqlab leaf text: {@code [type] description (required; default: ...; ...)}. */
    String leaf() {
      StringBuilder sb = new StringBuilder();
      sb.append('[').append(type).append("] ");
      sb.append(description != null ? description : "No description");
      List<String> extras = new ArrayList<>();
      if (required) {
        extras.add("required");
      }
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

  /** The tree key under which the help says that it lists only the first fields. */
  public static final String TRUNCATED = "__truncated__";

  /**
   * The help of a compiled schema: its tree and its fields in document order; {@code truncated}
   * when the schema has more than {@link #MAX_FIELDS} fields and only the first are listed.
   */
  public record Result(ObjectNode tree, List<Field> fields, boolean truncated) {}

  /** What the help says when it lists only the first {@link #MAX_FIELDS} fields. */
  public static final String TRUNCATION_NOTICE =
      "only the first "
          + MAX_FIELDS
          + " fields are listed: the template has more (its $refs fan out)";

  private boolean truncated;

  /** The help tree and fields of a compiled schema. */
  public static Result of(SchemaEngine.Compiled schema) {
    Help help = new Help();
    Refs.Resolved root = Refs.root(schema);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<Field> fields = new ArrayList<>();
    help.properties(root, "", false, out, fields);
    if (help.truncated && !out.has(TRUNCATED)) {
      out.put(TRUNCATED, TRUNCATION_NOTICE);
    }
    return new Result(out, List.copyOf(fields), help.truncated);
  }

  /**
   * The field at any instance path, also inside arrays ({@code model.layers.0.units}), from the
   * schemas applying there (the first with a description, else the first): null when none applies.
   * Its {@code required} is false: whether a path is required depends on the object holding it,
   * which {@link #of} reports for the fields it lists.
   *
   * @param path the dotted path as printed
   * @param keys the path's keys
   */
  public static Field at(SchemaPaths paths, String path, List<String> keys) {
    List<Refs.Resolved> schemas = paths.applying(keys);
    if (schemas.isEmpty()) {
      return null;
    }
    Refs.Resolved chosen = schemas.get(0);
    for (Refs.Resolved r : schemas) {
      if (r.node().path("description").isString()) {
        chosen = r;
        break;
      }
    }
    return new Help().field(path, chosen, false, null, paths.isSecret(keys));
  }

  /** A property of an object schema: its name, schema, site, and what marks it. */
  private record Member(
      String name, JsonNode schema, Refs.Site site, boolean required, String note) {}

  private void properties(
      Refs.Resolved schema, String parent, boolean secret, ObjectNode out, List<Field> fields) {
    if (stack.size() > MAX_HELP_LEVELS) {
      return;
    }
    stack.push(schema.key());
    Map<String, Member> members = new LinkedHashMap<>();
    members(schema, null, members, new HashSet<>(Set.of(schema.key())));
    for (Member m : members.values()) {
      if (fields.size() >= MAX_FIELDS) {
        truncated = true;
        break;
      }
      Refs.Resolved sub = Refs.resolve(m.schema(), m.site());
      String path = DottedPaths.child(parent, m.name()); // a key holding a dot stays one key
      boolean secretHere = secret || SchemaPaths.marksSecret(sub.node());
      Field f = field(path, sub, m.required(), m.note(), secretHere);
      fields.add(f);
      if (!isSection(sub)) {
        out.put(m.name(), f.leaf());
      } else if (stack.contains(sub.key())) {
        out.put(m.name(), f.leaf() + " (recursive)");
      } else {
        ObjectNode nested = JsonNodeFactory.instance.objectNode();
        if (f.description() != null) {
          nested.put(SECTION_DOC, f.leaf());
        }
        properties(sub, path, secretHere, nested, fields);
        out.set(m.name(), nested);
      }
    }
    stack.pop();
  }

  /**
   * Collects the properties of an object schema: its own, those of its {@code allOf} members (as
   * its own), and those of its {@code oneOf}/{@code anyOf} branches (marked with the branch; never
   * required, since another branch may apply). The first declaration of a name wins.
   */
  private void members(
      Refs.Resolved schema, String note, Map<String, Member> into, Set<String> seen) {
    JsonNode node = schema.node();
    if (seen.size() > MAX_MEMBERS || !node.isObject()) {
      return;
    }
    JsonNode props = node.get("properties");
    if (props != null && props.isObject()) {
      Set<String> required = new HashSet<>();
      JsonNode req = node.get("required");
      if (req != null && req.isArray()) {
        for (JsonNode r : req) {
          required.add(r.asString());
        }
      }
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        into.putIfAbsent(
            e.getKey(),
            new Member(
                e.getKey(),
                e.getValue(),
                schema.site().child("properties", e.getKey()),
                note == null && required.contains(e.getKey()),
                note));
      }
    }
    for (String keyword : List.of("allOf", "oneOf", "anyOf")) {
      JsonNode list = node.get(keyword);
      if (list == null || !list.isArray()) {
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        Refs.Resolved member = Refs.resolve(list.get(i), schema.site().child(keyword, i));
        if (stack.contains(member.key()) || !seen.add(member.key())) {
          continue; // met already: each schema counts once
        }
        String memberNote =
            keyword.equals("allOf") ? note : "only in " + keyword + " branch " + (i + 1);
        members(member, memberNote, into, seen);
      }
    }
  }

  private boolean isSection(Refs.Resolved schema) {
    if (!schema.node().isObject() || schema.node().has("$ref")) {
      return false;
    }
    Map<String, Member> members = new LinkedHashMap<>();
    members(schema, null, members, new HashSet<>(Set.of(schema.key())));
    return !members.isEmpty();
  }

  /**
   * A field; the default (and a const) of a secret, or of a field inside one, reads {@code ***}.
   */
  private Field field(String path, Refs.Resolved r, boolean required, String note, boolean secret) {
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
      extras.add("always " + (secret ? SECRET : compact(s.get("const"))));
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
    if (note != null) {
      extras.add(note);
    }
    return new Field(
        path,
        type(s, r.site(), new HashSet<>(Set.of(r.key()))),
        required,
        description != null && description.isString() ? description.stringValue() : null,
        !s.has("default") ? null : secret ? SECRET : compact(s.get("default")),
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

  /** The type in words; {@code seen} holds the schemas met already, each is described once. */
  private String type(JsonNode s, Refs.Site site, Set<String> seen) {
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
      type = branchTypes(s, site, seen);
    } else {
      type = "any";
    }
    if (type.equals("array")) {
      JsonNode items = s.get("items");
      if (items != null && items.isObject()) {
        Refs.Resolved item = Refs.resolve(items, site.child("items"));
        type =
            "array<" + (seen.add(item.key()) ? type(item.node(), item.site(), seen) : "any") + ">";
      } else if (s.has("prefixItems") && s.get("prefixItems").isArray()) {
        List<String> names = new ArrayList<>();
        JsonNode prefix = s.get("prefixItems");
        for (int i = 0; i < prefix.size(); i++) {
          Refs.Resolved item = Refs.resolve(prefix.get(i), site.child("prefixItems", i));
          names.add(seen.add(item.key()) ? type(item.node(), item.site(), seen) : "any");
        }
        type = "array<" + String.join(", ", names) + ">";
      }
    }
    return type;
  }

  /**
   * The types of the branches of a {@code oneOf}/{@code anyOf}, such as {@code null|object}; the
   * keyword itself when a branch has no type in words.
   */
  private String branchTypes(JsonNode s, Refs.Site site, Set<String> seen) {
    String keyword = s.has("anyOf") ? "anyOf" : "oneOf";
    JsonNode branches = s.get(keyword);
    if (!branches.isArray() || branches.isEmpty()) {
      return keyword;
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < branches.size(); i++) {
      Refs.Resolved b = Refs.resolve(branches.get(i), site.child(keyword, i));
      String t = b.node().isObject() && seen.add(b.key()) ? type(b.node(), b.site(), seen) : "any";
      if (t.equals("any")) {
        return keyword;
      }
      names.add(t);
    }
    return String.join("|", names);
  }

  private static String compact(JsonNode v) {
    return new String(Documents.toBytes(v), StandardCharsets.UTF_8);
  }
}
