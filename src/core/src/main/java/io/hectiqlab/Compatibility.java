package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.SchemaDiff;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaLoadException;
import io.hectiqlab.internal.Witnesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compares versions of a template: which documents valid under one are invalid under another, each
 * change with its reason and, when it breaks, a witness document re-validated by the validator.
 *
 * <p>Immutable and thread-safe. Each template is compared with its whole {@code $ref} closure (refs
 * are followed as validation follows them, and compared structurally).
 */
public final class Compatibility {
  /**
   * The most witness searches one report makes (one per change and direction that breaks or is
   * undecided); past it, or past {@link #WITNESS_SECONDS}, the remaining directions keep their
   * impact without a witness and {@link CompatibilityReport#witnessSearchComplete()} is false.
   */
  public static final int MAX_WITNESS_SEARCHES = 500;

  /** How long, in seconds, one report starts witness searches (each search is bounded too). */
  public static final int WITNESS_SECONDS = 30;

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
     * additionalProperties}, {@code patternProperties}, {@code unevaluatedProperties}), is not an
     * {@code allOf} member and takes no properties from elsewhere (no {@code allOf}, {@code anyOf},
     * {@code oneOf}, {@code if}/{@code then}/{@code else}, {@code dependentSchemas}, {@code
     * dependencies} or {@code $ref} beside them) is read as {@code "additionalProperties": false};
     * witnesses are re-validated against the templates read so.
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
   * Compares two versions of a template. Witnesses are searched for every change and direction that
   * breaks or is undecided, whatever the mode (the mode decides only the verdict), within {@link
   * #MAX_WITNESS_SEARCHES} and {@link #WITNESS_SECONDS}; a direction whose witness the validator
   * confirms is {@link SchemaChange.Impact#BREAKS}, one without keeps the differ's impact.
   *
   * @param older the published version
   * @param newer the candidate
   * @return every change, whether it breaks this mode, and the witnesses
   * @throws ConfigException.BadSchema when a version fails while it validates a witness (such as a
   *     {@code $dynamicRef} to an anchor no schema declares), naming it and the problem
   */
  public CompatibilityReport compare(ConfigSchema older, ConfigSchema newer) {
    Objects.requireNonNull(older, "older");
    Objects.requireNonNull(newer, "newer");
    Budget budget = new Budget();
    List<SchemaChange> changes = changes(older, newer, null, budget);
    return new CompatibilityReport(mode, contentModel, changes, budget.stopped);
  }

  /**
   * Checks a candidate against the published versions: against each of them under a transitive mode
   * (each change names the version it was found against), against the last one otherwise.
   *
   * @param published the published versions, oldest first; not empty
   * @param candidate the version to publish
   * @return every change against each version checked, and whether the candidate is compatible
   * @throws ConfigException.BadSchema when a version fails while it validates a witness, naming it
   *     and the problem
   */
  public CompatibilityReport check(List<ConfigSchema> published, ConfigSchema candidate) {
    Objects.requireNonNull(candidate, "candidate");
    if (published.isEmpty()) {
      throw new IllegalArgumentException("a check needs at least one published version");
    }
    List<SchemaChange> changes = new ArrayList<>();
    Budget budget = new Budget();
    if (mode.isTransitive()) {
      for (ConfigSchema version : published) {
        Objects.requireNonNull(version, "published version");
        changes.addAll(changes(version, candidate, version.origin(), budget));
      }
    } else {
      changes.addAll(changes(published.get(published.size() - 1), candidate, null, budget));
    }
    return new CompatibilityReport(mode, contentModel, changes, budget.stopped);
  }

  /**
   * The changes from {@code older} to {@code newer}, each direction that breaks or is undecided
   * tried for a witness: a confirmed witness makes it {@link SchemaChange.Impact#BREAKS}.
   */
  private List<SchemaChange> changes(
      ConfigSchema older, ConfigSchema newer, @Nullable String against, Budget budget) {
    try {
      return changesOrFailure(older, newer, against, budget);
    } catch (SchemaLoadException e) {
      throw ConfigSchema.badSchema(e); // a version that fails while validating a witness
    }
  }

  private List<SchemaChange> changesOrFailure(
      ConfigSchema older, ConfigSchema newer, @Nullable String against, Budget budget) {
    SchemaEngine.Compiled olderSchema = older.compiled();
    SchemaEngine.Compiled newerSchema = newer.compiled();
    List<SchemaDiff.Change> found = SchemaDiff.compare(olderSchema, newerSchema, contentModel);
    Readings readings = new Readings(olderSchema, newerSchema, contentModel);
    List<SchemaChange> out = new ArrayList<>(found.size());
    for (SchemaDiff.Change c : found) {
      List<SchemaChange.Witness> witnesses = new ArrayList<>(2);
      SchemaChange.Impact backward =
          prove(c.backward(), SchemaChange.Direction.BACKWARD, c, readings, budget, witnesses);
      SchemaChange.Impact forward =
          prove(c.forward(), SchemaChange.Direction.FORWARD, c, readings, budget, witnesses);
      out.add(
          new SchemaChange(
              c.kind(),
              c.reason(),
              c.older(),
              c.newer(),
              pointer(c.instancePath()),
              backward,
              forward,
              witnesses,
              against));
    }
    return out;
  }

  /** Tries the probes of one direction; returns the impact, BREAKS when a witness was confirmed. */
  private static SchemaChange.Impact prove(
      SchemaChange.Impact impact,
      SchemaChange.Direction direction,
      SchemaDiff.Change change,
      Readings readings,
      Budget budget,
      List<SchemaChange.Witness> witnesses) {
    if (impact == SchemaChange.Impact.NONE || !budget.take()) {
      return impact;
    }
    boolean backward = direction == SchemaChange.Direction.BACKWARD;
    Witnesses.Found w =
        Witnesses.find(
            backward ? readings.older() : readings.newer(),
            backward ? readings.newer() : readings.older(),
            backward ? change.backwardProbes() : change.forwardProbes(),
            change.instancePath());
    if (w == null) {
      return impact;
    }
    witnesses.add(new SchemaChange.Witness(direction, Witnesses.show(w.document()), w.violation()));
    return SchemaChange.Impact.BREAKS;
  }

  /**
   * What is left of one report's witness searches: at most {@link #MAX_WITNESS_SEARCHES}, and none
   * started after {@link #WITNESS_SECONDS} seconds; once spent, directions keep the differ's impact
   * without a witness, and the report says so.
   */
  private static final class Budget {
    private final long deadline = System.nanoTime() + WITNESS_SECONDS * 1_000_000_000L;
    private int left = MAX_WITNESS_SEARCHES;
    private boolean stopped;

    boolean take() {
      if (left == 0 || System.nanoTime() - deadline > 0) {
        stopped = true;
        return false;
      }
      left--;
      return true;
    }
  }

  /** The instance path as a JSON Pointer. */
  private static String pointer(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String key : path) {
      sb.append('/').append(Documents.escapePointer(key));
    }
    return sb.toString();
  }

  /**
   * The two versions as witnesses are validated against: as compiled, or (under {@link
   * ContentModel#CLOSED}) their lenient readings, compiled on first use.
   */
  private static final class Readings {
    private final SchemaEngine.Compiled older;
    private final SchemaEngine.Compiled newer;
    private final boolean closed;
    private SchemaEngine.@Nullable Compiled closedOlder;
    private SchemaEngine.@Nullable Compiled closedNewer;

    Readings(SchemaEngine.Compiled older, SchemaEngine.Compiled newer, ContentModel model) {
      this.older = older;
      this.newer = newer;
      this.closed = model == ContentModel.CLOSED;
    }

    SchemaEngine.Compiled older() {
      if (!closed) {
        return older;
      }
      if (closedOlder == null) {
        closedOlder = Witnesses.closed(older);
      }
      return closedOlder;
    }

    SchemaEngine.Compiled newer() {
      if (!closed) {
        return newer;
      }
      if (closedNewer == null) {
        closedNewer = Witnesses.closed(newer);
      }
      return closedNewer;
    }
  }
}
