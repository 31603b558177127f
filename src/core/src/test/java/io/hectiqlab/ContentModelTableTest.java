package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.CompatibilityTable.Expect;
import io.hectiqlab.CompatibilityTable.Row;
import io.hectiqlab.internal.SchemaDiff;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 24 combinations of reading (strict: as the specification says; lenient: {@link
 * Compatibility.ContentModel#CLOSED}) x content model (open, closed, partially open) x a property
 * {@code b} added or removed x required or optional, through the public API, each with its verdict
 * under every mode. Under the lenient reading every witness is validated again against the
 * templates with {@code "additionalProperties": false} written in where the lenient rule says.
 */
class ContentModelTableTest {
  /** Rows the differ or the witness builder gets wrong today (see the golden table's list). */
  static final Map<String, String> AWAITING_DIFF_OR_WITNESS = Map.of();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Content models of the object holding {@code a} and, on one side, {@code b}. */
  enum Model {
    OPEN(""),
    CLOSED(", 'additionalProperties': false"),
    PARTIALLY_OPEN(", 'additionalProperties': {'type': 'string'}");

    final String members;

    Model(String members) {
      this.members = members;
    }
  }

  private static String schema(Model model, boolean withB, boolean required) {
    return CompatibilityTable.json(
        "{'type': 'object', 'properties': {'a': {'type': 'string'}"
            + (withB ? ", 'b': {'type': 'integer'}" : "")
            + "}"
            + (withB && required ? ", 'required': ['b']" : "")
            + model.members
            + "}");
  }

  /**
   * Backward then forward for each model, property added/removed, required/optional, under the
   * specification's reading; the lenient reading turns OPEN into CLOSED.
   */
  private static String expected(Model model, boolean added, boolean required) {
    return switch (model) {
      case OPEN -> added ? "BK" : "KB";
      case CLOSED -> required ? "BB" : added ? "KB" : "BK";
      case PARTIALLY_OPEN -> "BB";
    };
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Compatibility.ContentModel reading : Compatibility.ContentModel.values()) {
      for (Model model : Model.values()) {
        for (boolean added : new boolean[] {true, false}) {
          for (boolean required : new boolean[] {true, false}) {
            String withoutB = schema(model, false, required);
            String withB = schema(model, true, required);
            String older = added ? withoutB : withB;
            String newer = added ? withB : withoutB;
            boolean lenient = reading == Compatibility.ContentModel.CLOSED;
            Model effective = lenient && model == Model.OPEN ? Model.CLOSED : model;
            String expect = expected(effective, added, required);
            Set<SchemaChange.Kind> kinds =
                EnumSet.of(
                    added ? SchemaChange.Kind.PROPERTY_ADDED : SchemaChange.Kind.PROPERTY_REMOVED);
            if (required) {
              kinds.add(
                  added ? SchemaChange.Kind.REQUIRED_ADDED : SchemaChange.Kind.REQUIRED_REMOVED);
            }
            String name =
                (lenient ? "lenient" : "strict")
                    + " "
                    + model.name().toLowerCase().replace('_', '-')
                    + " "
                    + (required ? "required" : "optional")
                    + " property "
                    + (added ? "added" : "removed");
            rows.add(
                new Row(
                    name,
                    older,
                    newer,
                    Expect.of(expect.charAt(0)),
                    Expect.of(expect.charAt(1)),
                    kinds,
                    reading,
                    lenient ? closed(older) : older,
                    lenient ? closed(newer) : newer));
          }
        }
      }
    }
    return rows.stream();
  }

  /** The schema text with {@code "additionalProperties": false} written in where the rule says. */
  static String closed(String schema) {
    JsonNode root = JSON.readTree(schema);
    close(root, null, 0);
    return JSON.writeValueAsString(root);
  }

  private static final Set<String> ONE_SCHEMA =
      Set.of(
          "additionalProperties",
          "items",
          "additionalItems",
          "contains",
          "not",
          "if",
          "then",
          "else",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties");
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

  private static void close(JsonNode schema, @Nullable String parentKeyword, int depth) {
    if (!schema.isObject() || depth > 50) {
      return;
    }
    for (String k : List.copyOf(schema.propertyNames())) {
      JsonNode v = schema.get(k);
      if (ONE_SCHEMA.contains(k)) {
        if (v.isArray()) {
          v.forEach(s -> close(s, k, depth + 1));
        } else {
          close(v, k, depth + 1);
        }
      } else if (SCHEMA_MAPS.contains(k) && v.isObject()) {
        v.forEach(s -> close(s, k, depth + 1));
      } else if (SCHEMA_LISTS.contains(k) && v.isArray()) {
        v.forEach(s -> close(s, k, depth + 1));
      }
    }
    if (SchemaDiff.closedWhenLenient(schema, parentKeyword)) {
      ((ObjectNode) schema).put("additionalProperties", false);
    }
  }

  @Test
  void theTableHasTwentyFourRows() {
    assertThat(rows().map(Row::name).distinct().count()).isEqualTo(24);
  }

  @Test
  void theLenientReadingIsWrittenInForReValidation() {
    assertThat(closed(CompatibilityTable.json("{'properties': {'o': {'properties': {}}}}")))
        .isEqualTo(
            "{\"properties\":{\"o\":{\"properties\":{},\"additionalProperties\":false}},"
                + "\"additionalProperties\":false}");
    assertThat(closed(CompatibilityTable.json("{'allOf': [{'properties': {}}]}")))
        .isEqualTo("{\"allOf\":[{\"properties\":{}}]}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachCombinationHasItsVerdictUnderEveryModeAndItsWitnessesHold(Row row) {
    CompatibilityTable.check(row, AWAITING_DIFF_OR_WITNESS);
  }
}
