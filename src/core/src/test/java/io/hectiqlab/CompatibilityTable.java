package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.SchemaChange.Direction;
import io.hectiqlab.SchemaChange.Impact;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The checks of the golden tables: a row is two schema versions and what each direction must be;
 * the comparison runs under every mode through the public API, and every witness it reports is
 * validated again here with {@link ConfigSchema#validateText}.
 */
final class CompatibilityTable {
  private CompatibilityTable() {}

  /** What a row expects of one direction. */
  enum Expect {
    /** Every document of the direction stays valid: compatible. */
    KEEPS,
    /** Some document becomes invalid, and a witness proving it is reported. */
    BREAKS,
    /** Incompatible (broken or not decided); a witness may or may not be reported. */
    INCOMPATIBLE;

    static Expect of(char c) {
      return switch (c) {
        case 'K' -> KEEPS;
        case 'B' -> BREAKS;
        case 'U' -> INCOMPATIBLE;
        default -> throw new IllegalArgumentException("expectation " + c);
      };
    }
  }

  /**
   * One row.
   *
   * @param name the row's name
   * @param older the older schema's text
   * @param newer the newer schema's text
   * @param backward what backward must be
   * @param forward what forward must be
   * @param kinds kinds that must be among the changes; empty: no change at all
   * @param model how content models are read
   * @param olderAsRead the older schema as witnesses are re-validated against it (closed written in
   *     under {@link Compatibility.ContentModel#CLOSED})
   * @param newerAsRead the newer one, likewise
   */
  record Row(
      String name,
      String older,
      String newer,
      Expect backward,
      Expect forward,
      Set<SchemaChange.Kind> kinds,
      Compatibility.ContentModel model,
      String olderAsRead,
      String newerAsRead) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Single quotes as double quotes, to keep schemas short in tables. */
  static String json(String text) {
    return text.replace('\'', '"');
  }

  /**
   * A row read openly.
   *
   * @param expect two letters, backward then forward: {@code K} keeps, {@code B} breaks (with a
   *     witness), {@code U} incompatible (broken or not decided)
   */
  static Row row(
      String name, String older, String newer, String expect, SchemaChange.Kind... kinds) {
    return new Row(
        name,
        json(older),
        json(newer),
        Expect.of(expect.charAt(0)),
        Expect.of(expect.charAt(1)),
        kinds.length == 0 ? Set.of() : EnumSet.copyOf(List.of(kinds)),
        Compatibility.ContentModel.OPEN,
        json(older),
        json(newer));
  }

  /**
   * Runs a row under every mode and checks the verdicts, the kinds, and every witness.
   *
   * @param awaiting rows known to get a wrong verdict or no witness from the differ or the witness
   *     builder, with what they get: such a row is skipped (after its witnesses are checked) while
   *     it still fails, and skipped with "passes now" once it passes
   */
  static void check(Row row, Map<String, String> awaiting) {
    ConfigSchema older = ConfigSchema.fromText(row.older());
    ConfigSchema newer = ConfigSchema.fromText(row.newer());
    ConfigSchema olderAsRead = ConfigSchema.fromText(row.olderAsRead());
    ConfigSchema newerAsRead = ConfigSchema.fromText(row.newerAsRead());
    List<String> problems = new ArrayList<>();
    CompatibilityReport first = null;
    for (Compatibility.Mode mode :
        List.of(
            Compatibility.Mode.BACKWARD,
            Compatibility.Mode.FORWARD,
            Compatibility.Mode.FULL,
            Compatibility.Mode.NONE)) {
      CompatibilityReport report =
          Compatibility.of(mode).withContentModel(row.model()).compare(older, newer);
      assertThat(report.mode()).isEqualTo(mode);
      // Never a witness the validator does not confirm: checked for every row, listed or not.
      for (SchemaChange c : report.changes()) {
        for (SchemaChange.Witness w : c.witnesses()) {
          assertWitness(row, c, w, olderAsRead, newerAsRead);
        }
      }
      boolean expected =
          switch (mode) {
            case BACKWARD -> row.backward() == Expect.KEEPS;
            case FORWARD -> row.forward() == Expect.KEEPS;
            case FULL -> row.backward() == Expect.KEEPS && row.forward() == Expect.KEEPS;
            default -> true;
          };
      if (report.isCompatible() != expected) {
        problems.add(
            mode.id()
                + ": expected "
                + (expected ? "compatible" : "incompatible")
                + ", got "
                + (report.isCompatible() ? "compatible" : "incompatible"));
      }
      if (first == null) {
        first = report;
      }
    }
    List<SchemaChange> changes = first.changes();
    for (Direction d : Direction.values()) {
      Expect e = d == Direction.BACKWARD ? row.backward() : row.forward();
      if (e == Expect.BREAKS && changes.stream().noneMatch(c -> c.witness(d).isPresent())) {
        problems.add("no " + d.name().toLowerCase() + " witness (got: " + impacts(changes) + ")");
      }
    }
    Set<SchemaChange.Kind> kinds =
        changes.stream().map(SchemaChange::kind).collect(Collectors.toSet());
    if (row.kinds().isEmpty() ? !changes.isEmpty() : !kinds.containsAll(row.kinds())) {
      problems.add("expected kinds " + row.kinds() + ", got " + impacts(changes));
    }
    String known = awaiting.get(row.name());
    if (known != null) {
      Assumptions.abort(
          problems.isEmpty()
              ? row.name() + " passes now: remove it from the awaiting list"
              : row.name() + " awaits a fix: " + String.join("; ", problems));
    }
    if (!problems.isEmpty()) {
      Assertions.fail(row.name() + ": " + String.join("; ", problems) + "\nreport:\n" + first);
    }
  }

  /** The changes as {@code KIND backward/forward} for messages. */
  static String impacts(List<SchemaChange> changes) {
    if (changes.isEmpty()) {
      return "no changes";
    }
    return changes.stream()
        .map(
            c ->
                c.kind()
                    + " "
                    + letter(c.backward(), c.witness(Direction.BACKWARD).isPresent())
                    + "/"
                    + letter(c.forward(), c.witness(Direction.FORWARD).isPresent()))
        .collect(Collectors.joining(", "));
  }

  private static String letter(Impact impact, boolean witnessed) {
    return switch (impact) {
      case NONE -> "none";
      case BREAKS -> witnessed ? "breaks" : "breaks(no witness)";
      case NOT_DECIDED -> "not-decided";
    };
  }

  /** A witness is valid under the version it must satisfy and invalid under the other one. */
  static void assertWitness(
      Row row,
      SchemaChange change,
      SchemaChange.Witness w,
      ConfigSchema olderAsRead,
      ConfigSchema newerAsRead) {
    ConfigSchema valid = w.direction() == Direction.BACKWARD ? olderAsRead : newerAsRead;
    ConfigSchema invalid = w.direction() == Direction.BACKWARD ? newerAsRead : olderAsRead;
    assertThat(valid.validateText(w.document()).isValid())
        .as(
            "%s: %s witness %s of %s valid under its version",
            row.name(), w.direction(), w.document(), change.kind())
        .isTrue();
    assertThat(invalid.validateText(w.document()).isValid())
        .as(
            "%s: %s witness %s of %s invalid under the other",
            row.name(), w.direction(), w.document(), change.kind())
        .isFalse();
    assertThat(change.impact(w.direction())).isEqualTo(Impact.BREAKS);
  }
}
