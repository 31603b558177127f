package io.hectiqlab;

import io.hectiqlab.internal.Printable;
import io.hectiqlab.internal.Witnesses;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One difference between two versions of a template, as {@link Compatibility} reports it: what
 * changed ({@link Kind}), where in each schema, why it matters in one line, what it does to the
 * documents of each {@link Direction}, and, for each direction it breaks, a witness document the
 * real validator accepts under one version and rejects under the other.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the compiler-style line the {@code compat}
 * command prints: {@code new.schema.json:12:7: /properties/lr/maximum: maximum lowered from 1 to
 * 0.5: breaks backward: {"lr": 0.75} was valid, now invalid}.
 *
 * @param kind what changed, from the documented catalogue
 * @param reason one line saying what changed, such as {@code maximum lowered from 1 to 0.5}
 * @param older where the change sits in the older schema, or null when the newer one added it
 * @param newer where the change sits in the newer schema, or null when the newer one removed it
 * @param instancePath the JSON Pointer of the documents' value the change applies to, such as
 *     {@code /optimizer/lr} ({@code ""} for the document itself)
 * @param backward what the change does to documents valid under the older version
 * @param forward what the change does to documents valid under the newer version
 * @param witnesses one witness per direction the change was proven to break, each re-validated
 * @param against the version this change was found against when a check compared several (its
 *     origin), or null for a comparison of two
 */
public record SchemaChange(
    Kind kind,
    String reason,
    @Nullable Site older,
    @Nullable Site newer,
    String instancePath,
    Impact backward,
    Impact forward,
    List<Witness> witnesses,
    @Nullable String against) {

  /** Checks the components and copies the witnesses. */
  public SchemaChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(instancePath, "instancePath");
    Objects.requireNonNull(backward, "backward");
    Objects.requireNonNull(forward, "forward");
    witnesses = List.copyOf(witnesses);
    if (older == null && newer == null) {
      throw new IllegalArgumentException("a change sits in at least one schema");
    }
  }

  /** Which documents a change is judged against. */
  public enum Direction {
    /** Documents valid under the older version must stay valid under the newer one. */
    BACKWARD,
    /** Documents valid under the newer version must have been valid under the older one. */
    FORWARD
  }

  /** What a change does to the documents of one direction. */
  public enum Impact {
    /** Every such document stays valid. */
    NONE,
    /** Some such document becomes invalid (proven by a witness when one could be built). */
    BREAKS,
    /**
     * Whether some document becomes invalid cannot be decided from the schemas alone (an {@code if}
     * whose condition changed, a pattern that changed): never guessed, and not compatible.
     */
    NOT_DECIDED
  }

  /**
   * Where a change sits in one schema: the JSON Pointer into the schema document that holds it (a
   * file a {@code $ref} led to, when it did) and its file:line:column.
   *
   * @param pointer the JSON Pointer within that document, such as {@code
   *     /properties/optimizer/properties/lr/maximum}
   * @param location where that is: {@code new.schema.json:12:7}, or the document's name alone when
   *     no position is known
   */
  public record Site(String pointer, Location location) {
    /** Checks the components. */
    public Site {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * A document that proves a change breaks one direction: valid under one version and invalid under
   * the other, both checked by the validator before it was reported.
   *
   * @param direction {@link Direction#BACKWARD}: valid under the older version, invalid under the
   *     newer; {@link Direction#FORWARD}: valid under the newer, invalid under the older
   * @param document the document as JSON text, such as {@code {"optimizer": {"lr": 0.75}}}
   * @param violation what the version that rejects it says, such as {@code /optimizer/lr: must be
   *     at most 0.5 (maximum)}
   */
  public record Witness(Direction direction, String document, String violation) {
    /** Checks the components. */
    public Witness {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(violation, "violation");
    }
  }

  /**
   * The catalogue of changes. Limits ({@code minimum}, {@code maxLength}, {@code minItems}, ...)
   * share two kinds; the reason names the keyword and both values.
   */
  public enum Kind {
    /** The accepted types lost one ({@code number} to {@code integer} included). */
    TYPE_NARROWED("the accepted types lost one (number to integer included)"),
    /** The accepted types gained one. */
    TYPE_WIDENED("the accepted types gained one (integer to number included)"),
    /** The accepted types lost one and gained another. */
    TYPE_CHANGED("the accepted types lost one and gained another"),
    /** A property is now named in {@code properties}. */
    PROPERTY_ADDED("a property is now declared"),
    /** A property is no longer named in {@code properties}. */
    PROPERTY_REMOVED("a property is no longer declared"),
    /** The schema for properties that are not declared changed. */
    ADDITIONAL_PROPERTIES_CHANGED(
        "what undeclared properties may hold changed (additionalProperties, patternProperties)"),
    /** A property became required. */
    REQUIRED_ADDED("a property became required"),
    /** A property is no longer required. */
    REQUIRED_REMOVED("a property is no longer required"),
    /** An {@code enum} gained a value. */
    ENUM_VALUE_ADDED("an enum gained a value"),
    /** An {@code enum} lost a value. */
    ENUM_VALUE_REMOVED("an enum lost a value"),
    /** An {@code enum} now restricts the value. */
    ENUM_ADDED("an enum now restricts the value"),
    /** An {@code enum} no longer restricts the value. */
    ENUM_REMOVED("the enum was removed"),
    /** A {@code const} holds another value. */
    CONST_CHANGED("const holds another value"),
    /** A {@code const} now fixes the value. */
    CONST_ADDED("a const now fixes the value"),
    /** A {@code const} no longer fixes the value. */
    CONST_REMOVED("the const was removed"),
    /** A limit was added or tightened (minimum, maximum, exclusive*, lengths, counts). */
    LIMIT_TIGHTENED(
        "a limit was added or tightened: minimum, maximum, exclusiveMinimum, exclusiveMaximum,"
            + " minLength, maxLength, minItems, maxItems, minProperties, maxProperties"),
    /** A limit was removed or relaxed. */
    LIMIT_RELAXED("a limit was removed or relaxed (the same keywords)"),
    /** {@code multipleOf} was added, removed or changed. */
    MULTIPLE_OF_CHANGED("multipleOf was added, removed or changed"),
    /** {@code pattern} was added. */
    PATTERN_ADDED("a pattern now restricts strings"),
    /** {@code pattern} was removed. */
    PATTERN_REMOVED("the pattern was removed"),
    /** {@code pattern} changed. */
    PATTERN_CHANGED("the pattern changed"),
    /** {@code format} was added. */
    FORMAT_ADDED("a format now restricts strings"),
    /** {@code format} was removed. */
    FORMAT_REMOVED("the format was removed"),
    /** {@code format} changed. */
    FORMAT_CHANGED("the format changed"),
    /** The schema of array items ({@code items}, {@code additionalItems}) was added or removed. */
    ITEMS_CHANGED("the schema of array items was added or removed (items, additionalItems)"),
    /** A positional item ({@code prefixItems}, draft 4-7 array {@code items}) was added. */
    TUPLE_ITEM_ADDED("a positional item was added (prefixItems, array-form items)"),
    /** A positional item was removed. */
    TUPLE_ITEM_REMOVED("a positional item was removed"),
    /** {@code contains} (or its counts) was added, removed or changed. */
    CONTAINS_CHANGED("contains, minContains or maxContains was added, removed or changed"),
    /** {@code uniqueItems} now holds. */
    UNIQUE_ITEMS_ADDED("array items must now be unique"),
    /** {@code uniqueItems} no longer holds. */
    UNIQUE_ITEMS_REMOVED("array items need no longer be unique"),
    /** A {@code oneOf}/{@code anyOf} branch was added (reordering alone is no change). */
    BRANCH_ADDED("a oneOf/anyOf branch was added (reordering alone is no change)"),
    /** A {@code oneOf}/{@code anyOf} branch was removed. */
    BRANCH_REMOVED("a oneOf/anyOf branch was removed"),
    /** A {@code oneOf}/{@code anyOf} now restricts the value (the keyword was added). */
    ALTERNATIVES_ADDED("a oneOf/anyOf now restricts the value"),
    /** A {@code oneOf}/{@code anyOf} no longer restricts the value (the keyword was removed). */
    ALTERNATIVES_REMOVED("a oneOf/anyOf no longer restricts the value"),
    /** An {@code allOf} member was added. */
    ALL_OF_MEMBER_ADDED("an allOf member was added"),
    /** An {@code allOf} member was removed. */
    ALL_OF_MEMBER_REMOVED("an allOf member was removed"),
    /** {@code not} was added, removed or changed. */
    NOT_CHANGED("not was added, removed or changed"),
    /** A {@code dependentRequired} entry was added or extended. */
    DEPENDENT_REQUIRED_ADDED("dependentRequired gained an entry or a name"),
    /** A {@code dependentRequired} entry was removed or reduced. */
    DEPENDENT_REQUIRED_REMOVED("dependentRequired lost an entry or a name"),
    /** A {@code dependentSchemas} entry was added. */
    DEPENDENT_SCHEMA_ADDED("dependentSchemas gained an entry"),
    /** A {@code dependentSchemas} entry was removed. */
    DEPENDENT_SCHEMA_REMOVED("dependentSchemas lost an entry"),
    /** {@code if}/{@code then}/{@code else} changed in a way that could not be decided. */
    CONDITION_NOT_DECIDED("if/then/else changed in a way that cannot be decided"),
    /** A schema became {@code false} or {@code true}, or another keyword that is not compared. */
    SCHEMA_CHANGED("a schema became true or false, or a keyword that is not compared changed"),
    /** {@code default} changed: information only. */
    DEFAULT_CHANGED("the default changed (information only)"),
    /** {@code description} changed: information only. */
    DESCRIPTION_CHANGED("the description changed (information only)"),
    /** {@code title} changed: information only. */
    TITLE_CHANGED("the title changed (information only)");

    private final String summary;

    Kind(String summary) {
      this.summary = summary;
    }

    /** Returns what this kind of change is, in a few words, as the catalogue lists it. */
    public String summary() {
      return summary;
    }
  }

  /**
   * Returns where this change is shown: its site in the newer schema, or in the older one when the
   * newer one removed it. The one rule for the line ({@link #toString()}) and for what the command
   * points at.
   */
  public Site site() {
    return newer != null ? newer : Objects.requireNonNull(older, "older");
  }

  /** Returns what this change does to the documents of a direction. */
  public Impact impact(Direction direction) {
    return direction == Direction.BACKWARD ? backward : forward;
  }

  /**
   * True when this change makes a check under {@code mode} fail: it breaks, or cannot be decided
   * for, a direction the mode checks.
   */
  public boolean breaks(Compatibility.Mode mode) {
    return (mode.checksBackward() && backward != Impact.NONE)
        || (mode.checksForward() && forward != Impact.NONE);
  }

  /** Returns the witness proving this change breaks a direction, when one could be built. */
  public Optional<Witness> witness(Direction direction) {
    return witnesses.stream().filter(w -> w.direction() == direction).findFirst();
  }

  /**
   * Returns the one line the {@code compat} command prints for this change: {@code location:
   * pointer: reason: impact}, where the location and pointer are the newer schema's (the older's
   * when the newer one removed it), {@code (against v1.json)} follows the reason when a check
   * compared several versions, and the impact reads {@code breaks backward: {"lr": 0.75} was valid,
   * now invalid}, {@code breaks forward: {"lr": 2} is valid now, was invalid}, {@code breaks
   * backward: no witness document could be built}, {@code not decided (older: old.json:3:5 /if)}
   * (naming the other schema's site), or {@code information only}; two directions are joined by
   * {@code ; }. Control characters are escaped, so the line is one line; a witness document longer
   * than 1,000 characters is cut there (ending {@code ... (cut)}): {@link #witnesses()} and the
   * report's JSON hold it whole.
   */
  @Override
  public String toString() {
    Site here = site();
    StringBuilder sb = new StringBuilder();
    sb.append(here.location())
        .append(": ")
        .append(Location.path(here.pointer()))
        .append(": ")
        .append(reason);
    if (against != null) {
      sb.append(" (against ").append(against).append(')');
    }
    sb.append(": ").append(impactText());
    return Printable.escape(sb.toString());
  }

  /** The most characters of a witness document {@link #toString()} prints. */
  static final int LINE_WITNESS_CHARS = 1_000;

  /** A witness document as the line prints it: cut after {@link #LINE_WITNESS_CHARS}. */
  private static String shown(String document) {
    if (document.codePointCount(0, document.length()) <= LINE_WITNESS_CHARS) {
      return document;
    }
    return document.substring(0, document.offsetByCodePoints(0, LINE_WITNESS_CHARS))
        + Witnesses.CUT;
  }

  /** The impact part of {@link #toString()}. */
  private String impactText() {
    if (backward == Impact.NONE && forward == Impact.NONE) {
      return "information only";
    }
    Site other = newer != null ? older : null;
    String otherSite =
        other == null
            ? ""
            : " (older: " + other.location() + " " + Location.path(other.pointer()) + ")";
    if (backward == Impact.NOT_DECIDED && forward == Impact.NOT_DECIDED) {
      return "not decided" + otherSite;
    }
    StringBuilder sb = new StringBuilder();
    for (Direction d : Direction.values()) {
      Impact impact = impact(d);
      if (impact == Impact.NONE) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      String name = d.name().toLowerCase(Locale.ROOT);
      if (impact == Impact.NOT_DECIDED) {
        sb.append("not decided ").append(name).append(otherSite);
        continue;
      }
      sb.append("breaks ").append(name).append(": ");
      Optional<Witness> w = witness(d);
      if (w.isEmpty()) {
        sb.append("no witness document could be built");
      } else if (d == Direction.BACKWARD) {
        sb.append(shown(w.get().document())).append(" was valid, now invalid");
      } else {
        sb.append(shown(w.get().document())).append(" is valid now, was invalid");
      }
    }
    return sb.toString();
  }
}
