package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Explains a schema that the validator refuses to build because a keyword's value has the wrong
 * shape ({@code "items": [...]} in draft 2020-12, a number in {@code unevaluatedItems}): finds the
 * keyword in the schema or in a document it refers to, read in that document's dialect, and names
 * the file, its line and column, the keyword's JSON Pointer and the problem.
 */
final class InvalidKeywords {

  /** The validator's wording for a keyword whose value it cannot build a validator from. */
  private static final Pattern REFUSED = Pattern.compile("The value of '([^']+)' (?:MUST|must) be");

  /** The validator's wording for a subschema that is neither an object nor a boolean. */
  private static final Pattern NOT_A_SCHEMA =
      Pattern.compile("Schema at (\\S+) must be (?:object or boolean|object) but was \\w+");

  private InvalidKeywords() {}

  /**
   * The error for a keyword value refused by the validator, or null when {@code failure} is not
   * such a refusal or no document that was read holds the keyword with a wrong value.
   */
  static SchemaLoadException find(
      SchemaEngine engine, String rootIri, String rootOrigin, Throwable failure) {
    SchemaEngine.Source root = engine.source(rootIri);
    if (root == null) {
      return null;
    }
    SchemaLoadException notSchema = notASchema(engine, root, rootOrigin, failure);
    if (notSchema != null) {
      return notSchema;
    }
    String keyword = refusedKeyword(failure);
    if (keyword == null) {
      return null;
    }
    String rootDialect = engine.dialectOf(root.node(), null);
    List<SchemaEngine.Source> documents = new ArrayList<>();
    documents.add(root);
    documents.addAll(engine.otherSources(root.node()));
    for (SchemaEngine.Source doc : documents) {
      String dialect = engine.dialectOf(doc.node(), rootDialect);
      if (!SchemaEngine.dialectHas(dialect, keyword)) {
        continue;
      }
      String pointer = wrongValue(doc.node(), keyword, dialect, "", 0);
      if (pointer != null) {
        return error(
            doc, doc == root, rootOrigin, pointer, problem(doc, pointer, keyword), failure);
      }
    }
    return null;
  }

  /**
   * The error for a hectiqlab keyword with a wrong value, in the template or in a document it
   * refers to (the first one, the template's own first), naming the file, position and pointer;
   * null when every one is valid: a {@value SchemaPaths#MERGE_KEYWORD} that is none of {@link
   * SchemaPaths#MERGE_FORMS} or sits on a schema whose {@code type} excludes arrays, a {@value
   * SchemaPaths#SECRET_KEYWORD} that is not a boolean.
   */
  static SchemaLoadException badOwnKeyword(SchemaEngine engine, String rootIri, String rootOrigin) {
    SchemaEngine.Source root = engine.source(rootIri);
    if (root == null) {
      return null;
    }
    List<SchemaEngine.Source> documents = new ArrayList<>();
    documents.add(root);
    documents.addAll(engine.otherSources(root.node()));
    for (SchemaEngine.Source doc : documents) {
      String[] hit = badOwnKeyword(doc.node(), "", false, 0);
      if (hit != null) {
        return error(doc, doc == root, rootOrigin, hit[0], hit[1], null);
      }
    }
    return null;
  }

  /** The pointer and problem of the first wrong hectiqlab keyword below a schema node, or null. */
  private static String[] badOwnKeyword(JsonNode node, String pointer, boolean names, int depth) {
    if (Documents.tooDeep(depth) || !node.isContainer()) {
      return null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String[] hit = badOwnKeyword(node.get(i), pointer + "/" + i, false, depth + 1);
        if (hit != null) {
          return hit;
        }
      }
      return null;
    }
    if (!names) {
      Wrong wrong = ownKeywordProblem(node);
      if (wrong != null) {
        return new String[] {
          pointer + "/" + Documents.escapePointer(wrong.keyword()), wrong.problem()
        };
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!names && Refs.DATA_KEYWORDS.contains(e.getKey())) {
        continue;
      }
      String[] hit =
          badOwnKeyword(
              e.getValue(),
              pointer + "/" + Documents.escapePointer(e.getKey()),
              !names && RefPointers.NAMED_SCHEMAS.contains(e.getKey()),
              depth + 1);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  /** A wrong keyword of a schema object and what is wrong with it. */
  private record Wrong(String keyword, String problem) {}

  /** The wrong hectiqlab keyword of a schema object, or null. */
  private static Wrong ownKeywordProblem(JsonNode schema) {
    String merge = SchemaPaths.MERGE_KEYWORD;
    JsonNode rule = schema.get(merge);
    if (rule != null && SchemaPaths.readMergeRule(rule) == null) {
      return new Wrong(
          merge, "\"" + merge + "\" must be " + SchemaPaths.MERGE_FORMS + ", found " + shown(rule));
    }
    JsonNode type = schema.get("type");
    if (rule != null && type != null && !admitsArrays(type)) {
      return new Wrong(
          merge,
          "\"" + merge + "\" applies to arrays only, found on a schema of type " + shown(type));
    }
    String secretKeyword = SchemaPaths.SECRET_KEYWORD;
    JsonNode secret = schema.get(secretKeyword);
    if (secret != null && !secret.isBoolean()) {
      return new Wrong(
          secretKeyword, "\"" + secretKeyword + "\" must be true or false, found " + shown(secret));
    }
    return null;
  }

  private static boolean admitsArrays(JsonNode type) {
    if (type.isString()) {
      return type.stringValue().equals("array");
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.isString() && t.stringValue().equals("array")) {
          return true;
        }
      }
      return false;
    }
    return true; // a malformed type: the meta-schema check reports it
  }

  /** A schema value in a message: compact JSON, cut after 40 characters, escaped. */
  private static String shown(JsonNode value) {
    return Printable.escape(
        Documents.clip(
            new String(Documents.toBytes(value), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A subschema location the validator names as neither an object nor a boolean. */
  private static SchemaLoadException notASchema(
      SchemaEngine engine, SchemaEngine.Source root, String rootOrigin, Throwable failure) {
    for (Throwable cause : SchemaErrors.causes(failure)) {
      Matcher m = cause.getMessage() == null ? null : NOT_A_SCHEMA.matcher(cause.getMessage());
      if (m != null && m.find()) {
        String location = m.group(1);
        int hash = location.indexOf('#');
        SchemaEngine.Source doc = engine.source(hash < 0 ? location : location.substring(0, hash));
        String pointer = hash < 0 ? "" : location.substring(hash + 1);
        if (doc == null || !pointer.startsWith("/") || doc.node().at(pointer).isMissingNode()) {
          return null;
        }
        JsonNode value = doc.node().at(pointer);
        return error(
            doc,
            doc == root,
            rootOrigin,
            pointer,
            "must be a schema (an object or a boolean), found " + kind(value),
            failure);
      }
    }
    return null;
  }

  /** The keyword named by a validator refusal in the failure's causes, or null. */
  static String refusedKeyword(Throwable failure) {
    for (Throwable cause : SchemaErrors.causes(failure)) {
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        Matcher m = REFUSED.matcher(cause.getMessage());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** The pointer of the first {@code keyword} member with a wrong value below {@code node}. */
  private static String wrongValue(
      JsonNode node, String keyword, String dialect, String pointer, int depth) {
    if (Documents.tooDeep(depth) || !node.isContainer()) {
      return null;
    }
    if (node.isObject()) {
      JsonNode value = node.get(keyword);
      if (value != null && !fits(keyword, value, dialect)) {
        return pointer + "/" + Documents.escapePointer(keyword);
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (Refs.DATA_KEYWORDS.contains(e.getKey())) {
          continue;
        }
        String hit =
            wrongValue(
                e.getValue(),
                keyword,
                dialect,
                pointer + "/" + Documents.escapePointer(e.getKey()),
                depth + 1);
        if (hit != null) {
          return hit;
        }
      }
      return null;
    }
    for (int i = 0; i < node.size(); i++) {
      String hit = wrongValue(node.get(i), keyword, dialect, pointer + "/" + i, depth + 1);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  private static boolean fits(String keyword, JsonNode value, String dialect) {
    if (keyword.equals("prefixItems")) {
      return value.isArray() && !value.isEmpty();
    }
    if (keyword.equals("items") && !SchemaEngine.dialectHas(dialect, "prefixItems")) {
      return value.isObject() || value.isBoolean() || value.isArray();
    }
    return value.isObject() || value.isBoolean();
  }

  /** The problem of a keyword value of the wrong shape at {@code pointer}. */
  private static String problem(SchemaEngine.Source doc, String pointer, String keyword) {
    JsonNode value = doc.node().at(pointer);
    if (keyword.equals("items") && value.isArray()) {
      return "array-form \"items\" is draft 2019-09 and earlier; draft 2020-12"
          + (doc.node().has("$schema") ? "" : " (the default without $schema)")
          + " writes it \"prefixItems\", or declare the older draft in \"$schema\"";
    }
    if (keyword.equals("prefixItems")) {
      return "\"prefixItems\" must be a non-empty array of schemas, found " + kind(value);
    }
    return "\"" + keyword + "\" must be a schema (an object or a boolean), found " + kind(value);
  }

  private static SchemaLoadException error(
      SchemaEngine.Source doc,
      boolean inRoot,
      String rootOrigin,
      String pointer,
      String problem,
      Throwable failure) {
    String where = doc.location(inRoot ? rootOrigin : doc.origin(), pointer);
    return SchemaErrors.referenced(
        inRoot, rootOrigin, where + ": " + pointer + ": " + problem, failure);
  }

  private static String kind(JsonNode value) {
    if (value.isArray()) {
      return value.isEmpty() ? "an empty array" : "an array";
    }
    return switch (value.getNodeType()) {
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL -> "null";
      case OBJECT -> "an object";
      case BOOLEAN -> "a boolean";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
