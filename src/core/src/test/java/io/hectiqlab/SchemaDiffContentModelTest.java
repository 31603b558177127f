package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Compatibility.ContentModel;
import io.hectiqlab.SchemaChange.Impact;
import io.hectiqlab.internal.SchemaDiff;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The 24 content-model rows: strict ({@link ContentModel#OPEN}) or lenient ({@link
 * ContentModel#CLOSED}) reading, x an object that says nothing of undeclared properties (open),
 * says {@code "additionalProperties": false} (closed), or gives them a schema (partially open:
 * {@code "additionalProperties": {"type": "number"}}), x property {@code b} ({@code "type":
 * "integer"}) added or removed, x required or optional. Each row: what the comparison does to each
 * direction.
 */
class SchemaDiffContentModelTest {
  private static final String OPEN = "";
  private static final String CLOSED = ", \"additionalProperties\": false";
  private static final String PARTIAL = ", \"additionalProperties\": {\"type\": \"number\"}";

  static Stream<Arguments> rows() {
    Impact B = Impact.BREAKS;
    Impact N = Impact.NONE;
    return Stream.of(
        // strict reading: open means open
        row(ContentModel.OPEN, OPEN, true, false, B, N),
        row(ContentModel.OPEN, OPEN, true, true, B, N),
        row(ContentModel.OPEN, OPEN, false, false, N, B),
        row(ContentModel.OPEN, OPEN, false, true, N, B),
        row(ContentModel.OPEN, CLOSED, true, false, N, B),
        row(ContentModel.OPEN, CLOSED, true, true, B, B),
        row(ContentModel.OPEN, CLOSED, false, false, B, N),
        row(ContentModel.OPEN, CLOSED, false, true, B, B),
        row(ContentModel.OPEN, PARTIAL, true, false, B, N),
        row(ContentModel.OPEN, PARTIAL, true, true, B, N),
        row(ContentModel.OPEN, PARTIAL, false, false, N, B),
        row(ContentModel.OPEN, PARTIAL, false, true, N, B),
        // lenient reading: an object that says nothing is closed; the others are as written
        row(ContentModel.CLOSED, OPEN, true, false, N, B),
        row(ContentModel.CLOSED, OPEN, true, true, B, B),
        row(ContentModel.CLOSED, OPEN, false, false, B, N),
        row(ContentModel.CLOSED, OPEN, false, true, B, B),
        row(ContentModel.CLOSED, CLOSED, true, false, N, B),
        row(ContentModel.CLOSED, CLOSED, true, true, B, B),
        row(ContentModel.CLOSED, CLOSED, false, false, B, N),
        row(ContentModel.CLOSED, CLOSED, false, true, B, B),
        row(ContentModel.CLOSED, PARTIAL, true, false, B, N),
        row(ContentModel.CLOSED, PARTIAL, true, true, B, N),
        row(ContentModel.CLOSED, PARTIAL, false, false, N, B),
        row(ContentModel.CLOSED, PARTIAL, false, true, N, B));
  }

  private static Arguments row(
      ContentModel reading,
      String model,
      boolean added,
      boolean required,
      Impact backward,
      Impact forward) {
    return Arguments.of(reading, model, added, required, backward, forward);
  }

  private static String schema(String model, boolean withB, boolean required) {
    return "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}"
        + (withB ? ", \"b\": {\"type\": \"integer\"}" : "")
        + "}"
        + (withB && required ? ", \"required\": [\"b\"]" : "")
        + model
        + "}";
  }

  @ParameterizedTest(name = "{0} reading, model \"{1}\", added={2}, required={3}: {4}/{5}")
  @MethodSource("rows")
  void eachRowHasItsImpactPerDirection(
      ContentModel reading,
      String model,
      boolean added,
      boolean required,
      Impact backward,
      Impact forward) {
    String without = schema(model, false, false);
    String with = schema(model, true, required);
    List<SchemaDiff.Change> changes =
        added ? diff(without, with, reading) : diff(with, without, reading);
    assertThat(changes).isNotEmpty();
    assertThat(worst(changes, true)).as("backward of %s", changes).isEqualTo(backward);
    assertThat(worst(changes, false)).as("forward of %s", changes).isEqualTo(forward);
    assertThat(changes.get(0).kind())
        .isEqualTo(added ? SchemaChange.Kind.PROPERTY_ADDED : SchemaChange.Kind.PROPERTY_REMOVED);
    for (SchemaDiff.Change c : changes) {
      assertThat(c.backwardProbes().isEmpty()).isEqualTo(c.backward() == Impact.NONE);
      assertThat(c.forwardProbes().isEmpty()).isEqualTo(c.forward() == Impact.NONE);
    }
  }

  private static JsonNode json(String text) {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void theLenientRuleClosesPlainObjectsThatDeclareProperties() {
    assertThat(SchemaDiff.closedWhenLenient(json("{\"properties\": {}}"), null)).isTrue();
    assertThat(SchemaDiff.closedWhenLenient(json("{\"properties\": {}}"), "properties")).isTrue();
    assertThat(SchemaDiff.closedWhenLenient(json("{\"properties\": {}}"), "oneOf")).isTrue();
    assertThat(SchemaDiff.closedWhenLenient(json("{\"type\": \"object\"}"), null)).isFalse();
    assertThat(SchemaDiff.closedWhenLenient(json("true"), null)).isFalse();
    for (String besides :
        List.of(
            "\"additionalProperties\": true",
            "\"patternProperties\": {}",
            "\"unevaluatedProperties\": false",
            "\"allOf\": [{}]",
            "\"anyOf\": [{}]",
            "\"oneOf\": [{}]",
            "\"if\": {}",
            "\"dependentSchemas\": {}",
            "\"$ref\": \"#\"")) {
      assertThat(SchemaDiff.closedWhenLenient(json("{\"properties\": {}, " + besides + "}"), null))
          .as(besides)
          .isFalse();
    }
    assertThat(SchemaDiff.closedWhenLenient(json("{\"properties\": {}}"), "allOf")).isFalse();
  }

  @Test
  void underTheLenientReadingAnObjectComposedWithAllOfStaysOpen() {
    String older = "{\"properties\": {\"a\": {}}, \"allOf\": [{\"properties\": {\"b\": {}}}]}";
    String newer =
        "{\"properties\": {\"a\": {}, \"c\": {\"type\": \"string\"}},"
            + " \"allOf\": [{\"properties\": {\"b\": {}}}]}";
    List<SchemaDiff.Change> changes = diff(older, newer, ContentModel.CLOSED);
    assertThat(SchemaDiffFixture.summary(changes))
        .isEqualTo("PROPERTY_ADDED | property \"c\" added | /c | BREAKS/NONE");
  }

  @Test
  void theLenientReadingClosesAnObjectReachedThroughARef() {
    String older =
        "{\"properties\": {\"x\": {\"$ref\": \"#/$defs/o\"}},"
            + " \"$defs\": {\"o\": {\"properties\": {\"a\": {}}}}}";
    String newer = older.replace("{\"a\": {}}", "{\"a\": {}, \"b\": {}}");
    assertThat(SchemaDiffFixture.summary(diff(older, newer, ContentModel.CLOSED)))
        .isEqualTo("PROPERTY_ADDED | property \"b\" added to a closed object | /x/b | NONE/BREAKS");
    assertThat(SchemaDiffFixture.summary(diff(older, newer, ContentModel.OPEN)))
        .isEqualTo("PROPERTY_ADDED | property \"b\" added | /x/b | NONE/NONE");
  }

  static Impact worst(List<SchemaDiff.Change> changes, boolean backward) {
    Impact w = Impact.NONE;
    for (SchemaDiff.Change c : changes) {
      Impact i = backward ? c.backward() : c.forward();
      if (i == Impact.BREAKS) {
        return i;
      }
      if (i == Impact.NOT_DECIDED) {
        w = i;
      }
    }
    return w;
  }
}
