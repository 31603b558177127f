package io.hectiqlab.internal;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AnyOfValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.OneOfValidator;
import com.networknt.schema.keyword.RefValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code oneOf} and {@code anyOf} that report one violation per failing applicator instead of the
 * flat list of every branch's violations: the summary carries the closest branch and that branch's
 * own violations.
 *
 * <p>Validity is networknt's own (the validators extend its {@link OneOfValidator} and {@link
 * AnyOfValidator}); only the errors they leave are regrouped. The closest branch is the one whose
 * discriminating properties (properties the branch declares with {@code const} or {@code enum}) are
 * all present in the value and match; among several such branches, or when none matches, one that
 * accepts the value's type, then the one with the fewest violations (the first one on a tie).
 */
final class Alternatives {
  private Alternatives() {}

  /** Key of {@link Error#getDetails()} holding the number of alternatives. */
  static final String COUNT = "alternatives";

  /** Key holding how many alternatives the value matches. */
  static final String MATCHED = "matched";

  /** Key holding the 0-based index of the closest alternative, or -1. */
  static final String CLOSEST = "closest";

  /** Key holding the discriminating values of the closest alternative, as text, or "". */
  static final String DISCRIMINATOR = "discriminator";

  /** Key holding the closest alternative's own errors, a {@code List<Error>}. */
  static final String ERRORS = "errors";

  /** The two keywords, to register in every dialect. */
  static final List<Keyword> KEYWORDS = List.of(new Applicator("oneOf"), new Applicator("anyOf"));

  private record Applicator(String value) implements Keyword {
    @Override
    public String getValue() {
      return value;
    }

    @Override
    public KeywordValidator newValidator(
        SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      return value.equals("oneOf")
          ? new OneOf(location, node, parent, context)
          : new AnyOf(location, node, parent, context);
    }
  }

  private static final class OneOf extends OneOfValidator {
    private final Branches branches;

    OneOf(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
      this.branches = new Branches(location, node, parent, context);
    }

    @Override
    protected void validate(
        ExecutionContext ctx, JsonNode node, JsonNode root, NodePath at, boolean walk) {
      List<Error> inner = capture(ctx, () -> OneOf.super.validate(ctx, node, root, at, walk));
      if (!inner.isEmpty()) {
        regroup(ctx, node, at, inner, branches, true, this::summary);
      }
    }

    private com.networknt.schema.MessageSourceError.Builder summary() {
      return error();
    }
  }

  private static final class AnyOf extends AnyOfValidator {
    private final Branches branches;

    AnyOf(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
      this.branches = new Branches(location, node, parent, context);
    }

    @Override
    protected void validate(
        ExecutionContext ctx, JsonNode node, JsonNode root, NodePath at, boolean walk) {
      List<Error> inner = capture(ctx, () -> AnyOf.super.validate(ctx, node, root, at, walk));
      if (!inner.isEmpty()) {
        regroup(ctx, node, at, inner, branches, false, this::summary);
      }
    }

    private com.networknt.schema.MessageSourceError.Builder summary() {
      return error();
    }
  }

  /** Runs the delegate with an error list of its own, and returns what it added there. */
  private static List<Error> capture(ExecutionContext ctx, Runnable delegate) {
    List<Error> outer = ctx.getErrors();
    List<Error> inner = new ArrayList<>();
    ctx.setErrors(inner);
    try {
      delegate.run();
    } finally {
      ctx.setErrors(outer);
    }
    return inner;
  }

  private static void regroup(
      ExecutionContext ctx,
      JsonNode node,
      NodePath at,
      List<Error> inner,
      Branches branches,
      boolean one,
      java.util.function.Supplier<com.networknt.schema.MessageSourceError.Builder> builder) {
    NodePath here = ctx.getEvaluationPath();
    int depth = here.getNameCount();
    String keyword = one ? "oneOf" : "anyOf";
    Map<Integer, List<Error>> byBranch = new TreeMap<>();
    Error summary = null;
    List<Error> others = new ArrayList<>();
    for (Error e : inner) {
      NodePath p = e.getEvaluationPath();
      if (p != null
          && p.getNameCount() > depth
          && p.startsWith(here)
          && p.getElement(depth) instanceof Number n) {
        byBranch.computeIfAbsent(n.intValue(), k -> new ArrayList<>()).add(e);
      } else if (summary == null
          && keyword.equals(e.getKeyword())
          && p != null
          && p.getNameCount() == depth
          && p.startsWith(here)) {
        summary = e;
      } else {
        others.add(e);
      }
    }
    int matched = 0;
    if (summary != null && summary.getArguments() != null && summary.getArguments().length > 0) {
      // networknt passes the number of valid alternatives, as a number or as text
      String count = String.valueOf(summary.getArguments()[0]);
      matched = count.matches("[0-9]{1,9}") ? Integer.parseInt(count) : 0;
    }
    int closest = -1;
    String discriminator = "";
    if (matched == 0 && !byBranch.isEmpty()) {
      int best = -1;
      long bestRank = Long.MAX_VALUE;
      for (Map.Entry<Integer, List<Error>> b : byBranch.entrySet()) {
        long rank = rank(branches.matching(b.getKey(), node).isEmpty(), b.getValue(), at);
        if (rank < bestRank) {
          best = b.getKey();
          bestRank = rank;
        }
      }
      closest = best;
      discriminator = branches.matching(best, node);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(COUNT, branches.size());
    details.put(MATCHED, matched);
    details.put(CLOSEST, closest);
    details.put(DISCRIMINATOR, discriminator);
    details.put(ERRORS, closest < 0 ? List.of() : List.copyOf(byBranch.get(closest)));
    List<Error> out = ctx.getErrors();
    out.addAll(others);
    out.add(
        builder
            .get()
            .keyword(keyword)
            .messageKey(keyword)
            .instanceNode(node)
            .instanceLocation(at)
            .evaluationPath(here)
            .locale(ctx.getExecutionConfig().getLocale())
            .arguments(matched, "")
            .details(details)
            .build());
  }

  /**
   * Orders failing branches, lowest first: a matching discriminator first, then branches that
   * accept the value's type (no {@code type} violation at the value itself), then fewer violations.
   */
  private static long rank(boolean undiscriminated, List<Error> errors, NodePath at) {
    boolean wrongType = false;
    for (Error e : errors) {
      if ("type".equals(e.getKeyword())
          && e.getInstanceLocation() != null
          && e.getInstanceLocation().toString().equals(at.toString())) {
        wrongType = true;
      }
    }
    return (undiscriminated ? 1L << 40 : 0) + (wrongType ? 1L << 20 : 0) + errors.size();
  }

  /** The branch schemas of one applicator, for finding discriminating properties. */
  private static final class Branches {
    private final SchemaLocation location;
    private final JsonNode node;
    private final Schema parent;
    private final SchemaContext context;
    private volatile List<Schema> schemas;

    Branches(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      this.location = location;
      this.node = node;
      this.parent = parent;
      this.context = context;
    }

    int size() {
      return node.isArray() ? node.size() : 0;
    }

    /** The branch schemas, built on the first failure (most applicators never fail). */
    private List<Schema> schemas() {
      List<Schema> list = schemas;
      if (list == null) {
        list = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
          list.add(context.newSchema(location.append(i), node.get(i), parent));
        }
        schemas = list;
      }
      return list;
    }

    /**
     * Returns the discriminating properties of branch {@code i} that the value has and matches, as
     * {@code type is "redis"}; empty unless the branch declares some and the value matches all.
     */
    String matching(int i, JsonNode value) {
      if (i < 0 || i >= size() || !value.isObject()) {
        return "";
      }
      Map<String, JsonNode> declared = discriminators(schemas().get(i), 0);
      if (declared.isEmpty()) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, JsonNode> d : declared.entrySet()) {
        JsonNode actual = value.get(d.getKey());
        if (actual == null || !satisfies(d.getValue(), actual)) {
          return "";
        }
        parts.add(d.getKey() + " is " + actual);
      }
      return String.join(" and ", parts);
    }

    private static boolean satisfies(JsonNode spec, JsonNode actual) {
      JsonNode c = spec.get("const");
      if (c != null && !c.equals(actual)) {
        return false;
      }
      JsonNode e = spec.get("enum");
      if (e != null && e.isArray()) {
        for (JsonNode option : e) {
          if (option.equals(actual)) {
            return true;
          }
        }
        return false;
      }
      return true;
    }

    /** Properties the schema declares with an inline const or enum, its $ref followed. */
    private static Map<String, JsonNode> discriminators(Schema schema, int hops) {
      Map<String, JsonNode> out = new LinkedHashMap<>();
      JsonNode node = schema.getSchemaNode();
      JsonNode properties = node.isObject() ? node.get("properties") : null;
      if (properties != null && properties.isObject()) {
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
          JsonNode spec = p.getValue();
          if (spec.isObject() && (spec.has("const") || spec.has("enum"))) {
            out.put(p.getKey(), spec);
          }
        }
      }
      if (out.isEmpty() && node.isObject() && node.has("$ref") && hops < 8) {
        for (KeywordValidator v : schema.getValidators()) {
          if (v instanceof RefValidator ref) {
            Schema target = ref.getSchemaRef().getSchema();
            if (target != null) {
              return discriminators(target, hops + 1);
            }
          }
        }
      }
      return out;
    }
  }
}
