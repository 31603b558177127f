package io.hectiqlab.internal;

import com.networknt.schema.regex.RegularExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills in the {@code default}s a schema declares for missing properties, nested objects, array
 * items and the values of {@code patternProperties}/{@code additionalProperties} included,
 * following {@code $ref}s and {@code allOf} (not {@code oneOf}/{@code anyOf}: which branch applies
 * is not known here). The plan is built once per schema; applying it copies every default, so
 * documents never share nodes with the schema or with each other.
 */
final class Defaults {
  /** What to fill in at one level of a document. */
  static final class Plan {
    final Map<String, Property> properties = new LinkedHashMap<>();
    Plan items;
    final List<Plan> prefixItems = new ArrayList<>();

    /**
     * Names under {@code properties}, in the schema's order ({@code allOf} members' after the
     * schema's own): the keys additionalProperties does not cover.
     */
    final Set<String> declared = new LinkedHashSet<>();

    /** For the values of other keys: by patternProperties, else additionalProperties. */
    final List<Map.Entry<RegularExpression, Plan>> patterns = new ArrayList<>();

    Plan additional;

    boolean isEmpty() {
      return properties.isEmpty()
          && items == null
          && prefixItems.isEmpty()
          && patterns.isEmpty()
          && additional == null;
    }
  }

  /**
   * A property's default (or null), the values in that default (a default object or list counts its
   * members, and theirs), and the plan for its own content (or null).
   */
  record Property(JsonNode value, long values, Plan plan) {
    Property(JsonNode value, Plan plan) {
      this(value, value == null ? 0 : count(value), plan);
    }
  }

  /** The most values filling in defaults may add to one document. */
  static final int MAX_FILLED = 100_000;

  /** Filling in defaults would add more than {@link #MAX_FILLED} values. */
  static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(
          "the schema's defaults would fill in more than "
              + MAX_FILLED
              + " values (its $refs fan out)",
          null,
          false,
          false);
    }
  }

  private static long count(JsonNode node) {
    long n = 1;
    for (JsonNode child : node) {
      n += count(child);
    }
    return n;
  }

  private final Map<String, Plan> built = new HashMap<>();

  private Defaults() {}

  /** Builds the plan of a compiled schema; null when it declares no defaults anywhere. */
  static Plan plan(SchemaEngine.Compiled schema) {
    Defaults d = new Defaults();
    Plan plan = d.build(Refs.root(schema), 0);
    return plan == null || plan.isEmpty() ? null : plan;
  }

  private Plan build(Refs.Resolved schema, int depth) {
    Plan existing = built.get(schema.key());
    if (existing != null || Documents.tooDeep(depth)) {
      return existing;
    }
    Plan plan = new Plan();
    built.put(schema.key(), plan);
    collect(schema, plan, depth, new HashSet<>(Set.of(schema.key())));
    return plan;
  }

  /** Collects into {@code plan}; {@code merged} holds the schemas merged in already (allOf). */
  private void collect(Refs.Resolved schema, Plan plan, int depth, Set<String> merged) {
    JsonNode node = schema.node();
    JsonNode props = node.get("properties");
    if (props != null && props.isObject()) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        plan.declared.add(e.getKey());
        if (plan.properties.containsKey(e.getKey())) {
          continue;
        }
        Refs.Resolved sub =
            Refs.resolve(e.getValue(), schema.site().child("properties", e.getKey()));
        JsonNode value = sub.node().get("default");
        Plan child = structured(sub.node()) ? build(sub, depth + 1) : null;
        if (value != null || child != null) {
          plan.properties.put(e.getKey(), new Property(value, child));
        }
      }
    }
    JsonNode patternProps = node.get("patternProperties");
    if (patternProps != null && patternProps.isObject() && plan.patterns.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : patternProps.properties()) {
        Refs.Resolved sub =
            Refs.resolve(e.getValue(), schema.site().child("patternProperties", e.getKey()));
        if (structured(sub.node())) {
          Plan child = build(sub, depth + 1);
          try {
            plan.patterns.add(
                Map.entry(SafeRegex.INSTANCE.getRegularExpression(e.getKey()), child));
          } catch (RuntimeException invalid) {
            // an invalid pattern fails validation first; nothing to fill in here
          }
        }
      }
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null && additional.isObject() && plan.additional == null) {
      Refs.Resolved sub = Refs.resolve(additional, schema.site().child("additionalProperties"));
      if (structured(sub.node())) {
        plan.additional = build(sub, depth + 1);
      }
    }
    JsonNode allOf = node.get("allOf");
    if (allOf != null && allOf.isArray() && !Documents.tooDeep(depth + 1)) {
      for (int i = 0; i < allOf.size(); i++) {
        Refs.Resolved member = Refs.resolve(allOf.get(i), schema.site().child("allOf", i));
        if (merged.add(member.key())) {
          collect(member, plan, depth + 1, merged);
        }
      }
    }
    JsonNode items = node.get("items");
    if (items != null && items.isObject() && plan.items == null) {
      Refs.Resolved item = Refs.resolve(items, schema.site().child("items"));
      if (structured(item.node())) {
        plan.items = build(item, depth + 1);
      }
    }
    JsonNode prefix = node.get("prefixItems");
    if (prefix != null && prefix.isArray() && plan.prefixItems.isEmpty()) {
      for (int i = 0; i < prefix.size(); i++) {
        Refs.Resolved item = Refs.resolve(prefix.get(i), schema.site().child("prefixItems", i));
        plan.prefixItems.add(structured(item.node()) ? build(item, depth + 1) : null);
      }
    }
  }

  private static boolean structured(JsonNode node) {
    return node.isObject()
        && (node.has("properties")
            || node.has("items")
            || node.has("prefixItems")
            || node.has("allOf")
            || node.get("patternProperties") instanceof ObjectNode
            || node.get("additionalProperties") instanceof ObjectNode);
  }

  /**
   * Fills in the defaults of {@code plan} in {@code instance}, in place.
   *
   * @throws TooMany when that would add more than {@link #MAX_FILLED} values (a schema whose {@code
   *     $ref}s fan out, each with an object default, fills in exponentially many)
   */
  static void apply(Plan plan, JsonNode instance) {
    new Filler().apply(plan, instance, 0);
  }

  /** One application of a plan, counting the values it adds. */
  private static final class Filler {
    private long filled;

    private void apply(Plan plan, JsonNode instance, int depth) {
      if (plan == null || Documents.tooDeep(depth)) {
        return;
      }
      if (instance instanceof ObjectNode object) {
        boolean hadKeys = !object.isEmpty();
        Set<String> added = null;
        for (Map.Entry<String, Property> e : plan.properties.entrySet()) {
          Property p = e.getValue();
          JsonNode value = object.get(e.getKey());
          if (value == null && p.value() != null) {
            filled += p.values();
            if (filled > MAX_FILLED) {
              throw new TooMany();
            }
            value = p.value().deepCopy();
            object.set(e.getKey(), value);
            if (hadKeys) {
              if (added == null) {
                added = new HashSet<>();
              }
              added.add(e.getKey());
            }
          }
          if (value != null && p.plan() != null) {
            apply(p.plan(), value, depth + 1);
          }
        }
        if (added != null) {
          inSchemaOrder(object, plan.declared, added);
        }
        if (plan.additional != null || !plan.patterns.isEmpty()) {
          for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (plan.declared.contains(e.getKey())) {
              continue;
            }
            boolean matched = false;
            for (Map.Entry<RegularExpression, Plan> p : plan.patterns) {
              if (p.getKey().matches(e.getKey())) {
                matched = true;
                apply(p.getValue(), e.getValue(), depth + 1);
              }
            }
            if (!matched && plan.additional != null) {
              apply(plan.additional, e.getValue(), depth + 1);
            }
          }
        }
      } else if (instance instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          Plan item = i < plan.prefixItems.size() ? plan.prefixItems.get(i) : plan.items;
          apply(item, array.get(i), depth + 1);
        }
      }
    }

    /**
     * Puts each default filled in at its place in the schema's order, keeping the document's own
     * keys in the document's order: right after the nearest key the schema declares before it that
     * the document holds (with the defaults that follow it), else before the first such key
     * declared after it, else at the end. So {@code {beta: 5}} with defaults for zeta and alpha,
     * declared before beta, reads {@code {zeta, alpha, beta}}.
     */
    private static void inSchemaOrder(ObjectNode object, Set<String> declared, Set<String> added) {
      Map<String, List<String>> before = new HashMap<>();
      Map<String, List<String>> after = new HashMap<>();
      List<String> pending = new ArrayList<>();
      String anchor = null;
      for (String key : declared) {
        if (added.contains(key)) {
          if (anchor == null) {
            pending.add(key);
          } else {
            after.computeIfAbsent(anchor, k -> new ArrayList<>()).add(key);
          }
        } else if (object.has(key)) {
          if (anchor == null && !pending.isEmpty()) {
            before.put(key, pending);
            pending = new ArrayList<>();
          }
          anchor = key;
        }
      }
      if (before.isEmpty() && after.isEmpty()) {
        return; // no key of the document is declared before a default: they stay at the end
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        String key = e.getKey();
        if (added.contains(key)) {
          continue;
        }
        for (String d : before.getOrDefault(key, List.of())) {
          values.put(d, object.get(d));
        }
        values.put(key, e.getValue());
        for (String d : after.getOrDefault(key, List.of())) {
          values.put(d, object.get(d));
        }
      }
      for (String d : pending) {
        values.put(d, object.get(d));
      }
      object.removeAll();
      object.setAll(values);
    }
  }
}
