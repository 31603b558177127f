package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static io.hectiqlab.SchemaDiffFixture.probes;
import static io.hectiqlab.SchemaDiffFixture.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.SchemaChange.Direction;
import io.hectiqlab.internal.SchemaDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A oneOf/anyOf branch added (forward) or removed (backward) breaks for certain only when it is
 * plainly disjoint from the other version's branches; otherwise it is not decided until a witness
 * the validator confirms proves it.
 */
class CompatibilityBranchTest {
  private static final Compatibility FULL = Compatibility.of(Compatibility.Mode.FULL);

  private static SchemaDiff.Change only(String older, String newer) {
    List<SchemaDiff.Change> changes = diff(older, newer);
    assertThat(changes).as(summary(changes)).hasSize(1);
    return changes.get(0);
  }

  private static SchemaChange change(String older, String newer) {
    CompatibilityReport r =
        FULL.compare(ConfigSchema.fromText(older), ConfigSchema.fromText(newer));
    assertThat(r.changes()).hasSize(1);
    SchemaChange c = r.changes().get(0);
    for (SchemaChange.Witness w : c.witnesses()) {
      String valid = w.direction() == Direction.BACKWARD ? older : newer;
      String invalid = w.direction() == Direction.BACKWARD ? newer : older;
      assertThat(ConfigSchema.fromText(valid).validateText(w.document()).isValid()).isTrue();
      assertThat(ConfigSchema.fromText(invalid).validateText(w.document()).isValid()).isFalse();
    }
    return c;
  }

  @Test
  void anOverlappingOneOfBranchAddedIsNotDecidedForwardAndNoWitnessIsInvented() {
    String older = "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}]}";
    String newer =
        "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}, {\"type\": \"integer\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo(
            "BRANCH_ADDED | oneOf branch 2 added: {\"type\":\"integer\"} | / |"
                + " NOT_DECIDED/NOT_DECIDED");
    assertThat(change(older, newer).toString())
        .isEqualTo(
            "<schema>:1:52: /oneOf/2: oneOf branch 2 added: {\"type\":\"integer\"}: breaks"
                + " backward: 0 was valid, now invalid; not decided forward (older: <schema>:1:11"
                + " /oneOf)");
  }

  @Test
  void anAnyOfBranchTheOthersAlreadyTakeIsNotDecidedForward() {
    String older = "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}]}";
    String newer =
        "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}, {\"type\": \"integer\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo(
            "BRANCH_ADDED | anyOf branch 2 added: {\"type\":\"integer\"} | / | NONE/NOT_DECIDED");
    SchemaChange c = change(older, newer);
    assertThat(c.witnesses()).isEmpty();
    assertThat(c.toString())
        .isEqualTo(
            "<schema>:1:52: /anyOf/2: anyOf branch 2 added: {\"type\":\"integer\"}: not decided"
                + " forward (older: <schema>:1:11 /anyOf)");
  }

  @Test
  void anOverlappingBranchAddedBreaksForwardWhenAWitnessProvesIt() {
    String older = "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}";
    String newer =
        "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}, {\"type\": \"number\"}]}";
    SchemaDiff.Change d = only(older, newer);
    assertThat(d.forward()).isEqualTo(SchemaChange.Impact.NOT_DECIDED);
    assertThat(probes(d.forwardProbes())).startsWith("SET_SAMPLE /").contains("SET / 0.5");
    SchemaChange c = change(older, newer);
    assertThat(c.impact(Direction.FORWARD)).isEqualTo(SchemaChange.Impact.BREAKS);
    assertThat(c.witness(Direction.FORWARD).orElseThrow().document()).isEqualTo("0.5");
  }

  @Test
  void aDisjointBranchAddedStillBreaksForward() {
    String older = "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}";
    String newer =
        "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}, {\"type\": \"boolean\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo("BRANCH_ADDED | oneOf branch 2 added: {\"type\":\"boolean\"} | / | NONE/BREAKS");
    assertThat(change(older, newer).toString())
        .endsWith("breaks forward: false is valid now, was invalid");
  }

  @Test
  void aRemovedAnyOfBranchTheOthersStillTakeIsNotDecidedBackward() {
    String older = "{\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]}";
    String newer = "{\"anyOf\": [{\"type\": \"number\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo(
            "BRANCH_REMOVED | anyOf branch 1 removed: {\"type\":\"integer\"} | / | NOT_DECIDED/NONE");
    SchemaChange c = change(older, newer);
    assertThat(c.witnesses()).isEmpty();
    assertThat(c.toString())
        .isEqualTo(
            "<schema>:1:11: /anyOf: anyOf branch 1 removed: {\"type\":\"integer\"}: not decided"
                + " backward (older: <schema>:1:32 /anyOf/1)");
  }

  @Test
  void aRemovedOverlappingOneOfBranchBreaksForwardAndIsNotDecidedBackward() {
    String older = "{\"oneOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]}";
    String newer = "{\"oneOf\": [{\"type\": \"number\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo(
            "BRANCH_REMOVED | oneOf branch 1 removed: {\"type\":\"integer\"} | / |"
                + " NOT_DECIDED/NOT_DECIDED");
    assertThat(change(older, newer).toString())
        .isEqualTo(
            "<schema>:1:11: /oneOf: oneOf branch 1 removed: {\"type\":\"integer\"}: not decided"
                + " backward (older: <schema>:1:32 /oneOf/1); breaks forward: 0 is valid now, was"
                + " invalid");
  }

  @Test
  void aRemovedDisjointBranchStillBreaksBackward() {
    String older = "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}]}";
    String newer = "{\"anyOf\": [{\"type\": \"string\"}]}";
    assertThat(SchemaDiffFixture.line(only(older, newer)))
        .isEqualTo(
            "BRANCH_REMOVED | anyOf branch 1 removed: {\"type\":\"boolean\"} | / | BREAKS/NONE");
    assertThat(change(older, newer).toString())
        .endsWith("breaks backward: false was valid, now invalid");
  }
}
