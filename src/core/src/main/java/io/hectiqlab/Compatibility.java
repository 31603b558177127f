package io.hectiqlab;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares versions of a template: which documents valid under one are invalid under another, each
 * change with its reason and, when it breaks, a witness document re-validated by the validator.
 *
 * <p>Immutable and thread-safe. Each template is compared with its whole {@code $ref} closure (refs
 * are followed as validation follows them, and compared structurally).
 */
public final class Compatibility {
  private final Mode mode;
  private final ContentModel contentModel;

  private Compatibility(Mode mode, ContentModel contentModel) {
    this.mode = mode;
    this.contentModel = contentModel;
  }

  /** Which changes a check refuses. */
  public enum Mode {
    /**
     * Every document valid under the older version is valid under the newer: what config authors
     * need.
     */
    BACKWARD(true, false, false),
    /** {@link #BACKWARD} against every earlier version, not only the last. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Every document valid under the newer version was valid under the older. */
    FORWARD(false, true, false),
    /** {@link #FORWARD} against every earlier version. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both {@link #BACKWARD} and {@link #FORWARD}. */
    FULL(true, true, false),
    /** {@link #FULL} against every earlier version. */
    FULL_TRANSITIVE(true, true, true),
    /** Nothing is refused; changes are still reported. */
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Mode(boolean backward, boolean forward, boolean transitive) {
      this.backward = backward;
      this.forward = forward;
      this.transitive = transitive;
    }

    /** True when documents valid under an older version must stay valid. */
    public boolean checksBackward() {
      return backward;
    }

    /** True when documents valid under the newer version must have been valid before. */
    public boolean checksForward() {
      return forward;
    }

    /** True when a candidate is checked against every earlier version, not only the last. */
    public boolean isTransitive() {
      return transitive;
    }

    /** Returns the mode's name as commands and the lab write it: {@code backward-transitive}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a mode's name, {@code backward}, {@code full-transitive} (any case, {@code _} or {@code
     * -}).
     *
     * @throws IllegalArgumentException naming the accepted names when {@code name} is none
     */
    public static Mode parse(String name) {
      String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Mode m : values()) {
        if (m.id().equals(wanted)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "unknown compatibility mode \""
              + name
              + "\": use backward, forward, full or none, or one of them with -transitive");
    }
  }

  /**
   * How an object schema that says nothing about properties it does not declare is read: {@link
   * #OPEN}, as the JSON Schema specification says (the default), or {@link #CLOSED}, the lenient
   * reading for teams that mean their templates so.
   */
  public enum ContentModel {
    /** Undeclared properties are allowed, with any value, unless the schema says otherwise. */
    OPEN,
    /**
     * An object schema that declares {@code properties}, says nothing of other properties ({@code
     * additionalProperties}, {@code patternProperties}, {@code unevaluatedProperties}) and is not
     * an {@code allOf} member is read as {@code "additionalProperties": false}; witnesses are
     * re-validated against the templates read so.
     */
    CLOSED
  }

  /** A comparison under {@code mode}, reading content models as the specification does. */
  public static Compatibility of(Mode mode) {
    return new Compatibility(Objects.requireNonNull(mode, "mode"), ContentModel.OPEN);
  }

  /** Returns a comparison like this one that reads content models as {@code model} says. */
  public Compatibility withContentModel(ContentModel model) {
    return new Compatibility(mode, Objects.requireNonNull(model, "model"));
  }

  /** Returns the mode this comparison checks. */
  public Mode mode() {
    return mode;
  }

  /** Returns how this comparison reads content models. */
  public ContentModel contentModel() {
    return contentModel;
  }

  /**
   * Compares two versions of a template.
   *
   * @param older the published version
   * @param newer the candidate
   * @return every change, whether it breaks this mode, and the witnesses
   */
  public CompatibilityReport compare(ConfigSchema older, ConfigSchema newer) {
    throw new UnsupportedOperationException("built by the api part");
  }

  /**
   * Checks a candidate against the published versions: against each of them under a transitive mode
   * (each change names the version it was found against), against the last one otherwise.
   *
   * @param published the published versions, oldest first; not empty
   * @param candidate the version to publish
   */
  public CompatibilityReport check(List<ConfigSchema> published, ConfigSchema candidate) {
    throw new UnsupportedOperationException("built by the api part");
  }
}
