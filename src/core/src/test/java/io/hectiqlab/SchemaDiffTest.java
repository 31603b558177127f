package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static io.hectiqlab.SchemaDiffFixture.probes;
import static io.hectiqlab.SchemaDiffFixture.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.SchemaDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
  private static final String LR =
      "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"maximum\": %s}}}";

  @Test
  void loweredMaximumBreaksBackwardWithProbesBetweenTheBounds() {
    List<SchemaDiff.Change> changes = diff(LR.formatted("1"), LR.formatted("0.5"));
    assertThat(summary(changes))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 1 to 0.5 | /lr | BREAKS/NONE");
    SchemaDiff.Change c = changes.get(0);
    assertThat(c.older().pointer()).isEqualTo("/properties/lr/maximum");
    assertThat(c.newer().pointer()).isEqualTo("/properties/lr/maximum");
    assertThat(c.older().location().toString()).isEqualTo("<schema>:1:71");
    assertThat(probes(c.backwardProbes())).startsWith("SET /lr 0.75", "SET /lr 1");
    assertThat(c.forwardProbes()).isEmpty();
  }

  @Test
  void typeNarrowedFromNumberToInteger() {
    List<SchemaDiff.Change> changes = diff("{\"type\": \"number\"}", "{\"type\": \"integer\"}");
    assertThat(summary(changes))
        .isEqualTo("TYPE_NARROWED | type narrowed from number to integer | / | BREAKS/NONE");
    assertThat(probes(changes.get(0).backwardProbes())).contains("SET / 0.5");
  }

  @Test
  void requiredAddedDeletesTheProperty() {
    List<SchemaDiff.Change> changes =
        diff(
            "{\"properties\": {\"a\": {}}}",
            "{\"properties\": {\"a\": {}}, \"required\": [\"a\"]}");
    assertThat(summary(changes))
        .isEqualTo("REQUIRED_ADDED | property \"a\" is now required | /a | BREAKS/NONE");
    assertThat(changes.get(0).newer().pointer()).isEqualTo("/required/0");
    assertThat(changes.get(0).older().pointer()).isEqualTo("");
    assertThat(probes(changes.get(0).backwardProbes())).containsExactly("DELETE /a");
  }

  @Test
  void optionalPropertyAddedToAnOpenModelBreaksBackward() {
    List<SchemaDiff.Change> changes =
        diff(
            "{\"properties\": {\"a\": {}}}",
            "{\"properties\": {\"a\": {}, \"momentum\": {\"type\": \"number\"}}}");
    assertThat(summary(changes))
        .isEqualTo("PROPERTY_ADDED | property \"momentum\" added | /momentum | BREAKS/NONE");
    assertThat(probes(changes.get(0).backwardProbes())).contains("SET /momentum \"a\"");
  }

  @Test
  void enumLostAValue() {
    List<SchemaDiff.Change> changes =
        diff("{\"enum\": [\"sgd\", \"adam\"]}", "{\"enum\": [\"adam\"]}");
    assertThat(summary(changes))
        .isEqualTo("ENUM_VALUE_REMOVED | enum lost \"sgd\" | / | BREAKS/NONE");
    assertThat(changes.get(0).older().pointer()).isEqualTo("/enum/0");
    assertThat(probes(changes.get(0).backwardProbes())).containsExactly("SET / \"sgd\"");
  }
}
