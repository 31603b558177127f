package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.SchemaChange.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate checked against several published versions: against the last one only, or (under a
 * transitive mode) against each, every change naming the version it was found against.
 */
class CompatibilityTransitiveTest {
  @TempDir Path dir;
  private ConfigSchema v1;
  private ConfigSchema v2;
  private ConfigSchema candidate;

  private ConfigSchema write(String name, String enumValues) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"mode\": {\"enum\": ["
            + enumValues
            + "]}\n  }\n}\n");
    return ConfigSchema.load(file);
  }

  /** v2 dropped "y" (published without a check); the candidate adds "z" to v2. */
  @BeforeEach
  void versions() throws IOException {
    v1 = write("v1.schema.json", "\"x\", \"y\"");
    v2 = write("v2.schema.json", "\"x\"");
    candidate = write("v3.schema.json", "\"x\", \"z\"");
  }

  @Test
  void aPlainModeChecksTheLastVersionOnly() {
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.BACKWARD).check(List.of(v1, v2), candidate);
    assertThat(r.isCompatible()).isTrue();
    assertThat(r.changes()).extracting(SchemaChange::kind).containsExactly(Kind.ENUM_VALUE_ADDED);
    assertThat(r.changes()).allSatisfy(c -> assertThat(c.against()).isNull());
    assertThat(r.toString())
        .isEqualTo(Compatibility.of(Compatibility.Mode.BACKWARD).compare(v2, candidate).toString());
  }

  @Test
  void aTransitiveModeChecksEveryVersionAndNamesTheOneItBreaksAgainst() {
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.BACKWARD_TRANSITIVE).check(List.of(v1, v2), candidate);
    assertThat(r.isCompatible()).isFalse();
    assertThat(r.breaking()).hasSize(1);
    SchemaChange removed = r.breaking().get(0);
    assertThat(removed.kind()).isEqualTo(Kind.ENUM_VALUE_REMOVED);
    assertThat(removed.against()).isEqualTo(v1.origin());
    assertThat(removed.witness(SchemaChange.Direction.BACKWARD).orElseThrow().document())
        .isEqualTo("{\"mode\": \"y\"}");
    assertThat(removed.toString()).contains(" (against " + v1.origin() + "): breaks backward: ");
    assertThat(r.changes())
        .extracting(SchemaChange::against)
        .containsOnly(v1.origin(), v2.origin())
        .contains(v1.origin(), v2.origin());
    assertThat(r.toString()).endsWith(": incompatible");
    assertThat(r.toJson()).contains("\"against\": \"" + v1.origin().replace("\\", "\\\\") + "\"");
  }

  @Test
  void forwardTransitiveBreaksAgainstEveryVersionThatLacksTheNewValue() {
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.FORWARD_TRANSITIVE).check(List.of(v1, v2), candidate);
    assertThat(r.isCompatible()).isFalse();
    assertThat(r.breaking())
        .allSatisfy(c -> assertThat(c.kind()).isEqualTo(Kind.ENUM_VALUE_ADDED))
        .extracting(SchemaChange::against)
        .containsExactly(v1.origin(), v2.origin());
    assertThat(r.breaking())
        .allSatisfy(
            c ->
                assertThat(c.witness(SchemaChange.Direction.FORWARD).orElseThrow().document())
                    .isEqualTo("{\"mode\": \"z\"}"));
  }

  @Test
  void fullTransitiveFailsOnEitherDirection() {
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.FULL_TRANSITIVE).check(List.of(v1, v2), candidate);
    assertThat(r.breaking())
        .extracting(SchemaChange::kind)
        .containsExactlyInAnyOrder(
            Kind.ENUM_VALUE_REMOVED, Kind.ENUM_VALUE_ADDED, Kind.ENUM_VALUE_ADDED);
  }

  @Test
  void modeNoneReportsTheChangesButIsAlwaysCompatible() {
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.NONE).check(List.of(v1, v2), candidate);
    assertThat(r.isCompatible()).isTrue();
    assertThat(r.breaking()).isEmpty();
    assertThat(r.changes()).isNotEmpty();
    assertThat(r.summary()).isEqualTo("1 change (mode none): compatible");
  }

  @Test
  void aCheckAgainstOneVersionIsACompareOfTwo() {
    Compatibility full = Compatibility.of(Compatibility.Mode.FULL);
    assertThat(full.check(List.of(v1), candidate).changes())
        .isEqualTo(full.compare(v1, candidate).changes());
  }

  @Test
  void aCheckNeedsAPublishedVersion() {
    assertThatThrownBy(
            () -> Compatibility.of(Compatibility.Mode.BACKWARD).check(List.of(), candidate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a check needs at least one published version");
  }

  @Test
  void aReportSearchesAtMostItsLimitOfWitnessesAndSaysSo() {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < Compatibility.MAX_WITNESS_SEARCHES + 20; i++) {
      String sep = i == 0 ? "" : ", ";
      before.append(sep).append("\"p").append(i).append("\": {\"maximum\": 10}");
      after.append(sep).append("\"p").append(i).append("\": {\"maximum\": 5}");
    }
    ConfigSchema older = ConfigSchema.fromText("{\"properties\": {" + before + "}}");
    ConfigSchema newer = ConfigSchema.fromText("{\"properties\": {" + after + "}}");
    CompatibilityReport r = Compatibility.of(Compatibility.Mode.BACKWARD).compare(older, newer);
    long searched =
        r.changes().stream().filter(c -> c.backward() != SchemaChange.Impact.NONE).count();
    long witnessed = r.changes().stream().mapToLong(c -> c.witnesses().size()).sum();
    assertThat(searched).isGreaterThan(Compatibility.MAX_WITNESS_SEARCHES);
    assertThat(witnessed).isLessThanOrEqualTo(Compatibility.MAX_WITNESS_SEARCHES);
    assertThat(r.witnessSearchComplete()).isFalse();
    assertThat(r.summary()).endsWith(", witness search stopped at its limit: incompatible");
    assertThat(r.toJson()).contains("\"witnessSearchComplete\": false");
  }
}
