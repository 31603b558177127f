package io.hectiqlab.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a compiled schema says about an instance path: the merge rule of an array, whether a value
 * is secret, whether the path is declared, the canonical spelling of a property, the closest
 * declared path, and the typed value a string denotes there. Paths are instance keys, array indices
 * written as {@code "0"}, {@code "1"}...; the schema is followed through {@code properties}, {@code
 * patternProperties}, {@code additionalProperties}, {@code items}/{@code prefixItems}, {@code $ref}
 * (also to other files), {@code allOf} (all apply) and {@code oneOf}/{@code anyOf} (the union of
 * the branches). Immutable and thread-safe; built once per schema.
 */
public final class SchemaPaths {
  private final SchemaEngine.Compiled schema;

  private SchemaPaths(SchemaEngine.Compiled schema) {
    this.schema = schema;
  }

  /** The paths of {@code schema}. */
  public static SchemaPaths of(SchemaEngine.Compiled schema) {
    return new SchemaPaths(schema);
  }

  /** How a later layer's array combines with an earlier one's. */
  public enum Merge {
    /** The later array replaces the earlier one (the default). */
    REPLACE,
    /** The later array's elements follow the earlier one's. */
    APPEND,
    /** Object elements with the same value under {@link MergeRule#key()} are deep-merged. */
    MERGE_BY
  }

  /**
   * The merge rule of an array: its kind and, for {@link Merge#MERGE_BY}, the element key (null
   * otherwise).
   */
  public record MergeRule(Merge kind, @Nullable String key) {
    /** The default rule: replace. */
    public static final MergeRule REPLACE = new MergeRule(Merge.REPLACE, null);
  }

  /**
   * The rule {@code "x-hectiqlab-merge"} declares on the array schema at {@code path}; {@link
   * MergeRule#REPLACE} when none does.
   */
  public MergeRule mergeRule(List<String> path) {
    return MergeRule.REPLACE;
  }

  /**
   * True when the schema at {@code path} or at any of its ancestors says {@code "writeOnly": true}
   * or {@code "x-secret": true}.
   */
  public boolean isSecret(List<String> path) {
    return false;
  }

  /** True when the schema names this path (a declared property, item or allowed extra key). */
  public boolean declares(List<String> path) {
    return false;
  }

  /**
   * The declared property of {@code parent} that {@code name} denotes ignoring case: the exact name
   * when declared, else the one property equal to it ignoring case; null when none, or when several
   * differ from it only by case.
   */
  public @Nullable String property(List<String> parent, String name) {
    return null;
  }

  /** The declared dotted path closest to {@code path}, for a did-you-mean, or null. */
  public @Nullable String closest(List<String> path) {
    return null;
  }

  /**
   * The value {@code text} denotes for the type the schema declares at {@code path}.
   *
   * @throws ConversionException when the text does not denote a value of that type, e.g. {@code
   *     must be integer, found "08"} ({@code ***} instead of the text at a secret path)
   */
  public JsonNode convert(List<String> path, String text) {
    throw new ConversionException("not implemented yet");
  }
}
