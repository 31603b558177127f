package io.hectiqlab.internal;

import io.hectiqlab.Compatibility;
import io.hectiqlab.SchemaChange;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The structural comparison of two compiled schemas, each with its {@code $ref} closure (refs
 * followed through {@link Refs}, as validation follows them): every change with its kind, sites,
 * reason, impact by the rules for each direction, and the probes {@link Witnesses} tries to prove a
 * break. Bounded: cycles through refs are compared once, and the walk stops at a limit.
 */
public final class SchemaDiff {
  private SchemaDiff() {}

  /**
   * One change found, before witnesses.
   *
   * @param backwardProbes attempts at a document valid under the older and invalid under the newer
   *     version (empty when backward is {@code NONE}); their subschemas belong to the older one
   * @param forwardProbes attempts at a document valid under the newer and invalid under the older
   *     version; their subschemas belong to the newer one
   */
  public record Change(
      SchemaChange.Kind kind,
      String reason,
      SchemaChange.@Nullable Site older,
      SchemaChange.@Nullable Site newer,
      List<String> instancePath,
      SchemaChange.Impact backward,
      SchemaChange.Impact forward,
      List<Probe> backwardProbes,
      List<Probe> forwardProbes) {
    /** Copies the lists. */
    public Change {
      instancePath = List.copyOf(instancePath);
      backwardProbes = List.copyOf(backwardProbes);
      forwardProbes = List.copyOf(forwardProbes);
    }
  }

  /**
   * Compares two schemas.
   *
   * @param model how object schemas that say nothing about undeclared properties are read
   * @return the changes in the order of the older schema's walk (added parts where they appear in
   *     the newer one)
   */
  public static List<Change> compare(
      SchemaEngine.Compiled older, SchemaEngine.Compiled newer, Compatibility.ContentModel model) {
    return SchemaDiffWalk.compare(new SchemaDiffWalk.Run(older, newer, model));
  }

  /**
   * The one rule of the lenient reading ({@link Compatibility.ContentModel#CLOSED}): true for an
   * object schema that declares {@code properties}, has none of {@code additionalProperties},
   * {@code patternProperties}, {@code unevaluatedProperties}, is not a member of {@code allOf}, and
   * does not take properties from elsewhere: it has no {@code allOf}, {@code anyOf}, {@code oneOf},
   * {@code if}/{@code then}/{@code else}, {@code dependentSchemas}, {@code dependencies} or {@code
   * $ref} (closing it would reject the properties those declare, so no document with them would be
   * valid).
   *
   * @param schema a schema node, as its document holds it
   * @param parentKeyword the keyword whose value holds it ({@code "allOf"}, {@code "properties"},
   *     ...), or null for a document root
   */
  public static boolean closedWhenLenient(JsonNode schema, @Nullable String parentKeyword) {
    if (!schema.isObject()
        || !schema.has("properties")
        || schema.has("additionalProperties")
        || schema.has("patternProperties")
        || schema.has("unevaluatedProperties")
        || "allOf".equals(parentKeyword)) {
      return false;
    }
    for (String k : COMPOSING) {
      if (schema.has(k)) {
        return false;
      }
    }
    return true;
  }

  /** Keywords through which an object schema may take properties it does not declare itself. */
  private static final List<String> COMPOSING =
      List.of(
          "allOf",
          "anyOf",
          "oneOf",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "dependencies",
          "$ref",
          "$dynamicRef",
          "$recursiveRef");
}
