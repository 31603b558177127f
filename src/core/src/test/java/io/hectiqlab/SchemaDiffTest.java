package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static io.hectiqlab.SchemaDiffFixture.probes;
import static io.hectiqlab.SchemaDiffFixture.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.SchemaDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SchemaDiff#compare} reports for each kind: reason, sites, impacts and probes. */
class SchemaDiffTest {
  private static final String LR =
      "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"maximum\": %s}}}";
  private static final String D4 = "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", ";
  private static final String D7 = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", ";

  private static SchemaDiff.Change only(String older, String newer) {
    List<SchemaDiff.Change> changes = diff(older, newer);
    assertThat(changes).as(summary(changes)).hasSize(1);
    return changes.get(0);
  }

  private static String line(String older, String newer) {
    return summary(diff(older, newer));
  }

  // ------------------------------------------------------------------------------ numbers

  @Test
  void loweredMaximumBreaksBackwardWithProbesBetweenTheBounds() {
    SchemaDiff.Change c = only(LR.formatted("1"), LR.formatted("0.5"));
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 1 to 0.5 | /lr | BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("/properties/lr/maximum");
    assertThat(c.newer().pointer()).isEqualTo("/properties/lr/maximum");
    assertThat(c.older().location().toString()).isEqualTo("<schema>:1:71");
    assertThat(probes(c.backwardProbes())).startsWith("SET /lr 0.75", "SET /lr 1");
    assertThat(c.forwardProbes()).isEmpty();
  }

  @Test
  void raisedMaximumBreaksForward() {
    SchemaDiff.Change c = only(LR.formatted("1"), LR.formatted("2"));
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_RELAXED | maximum raised from 1 to 2 | /lr | NONE/BREAKS");
    assertThat(probes(c.forwardProbes())).startsWith("SET /lr 1.5", "SET /lr 2");
  }

  @Test
  void boundsAddedRemovedAndSwitchedBetweenKeywords() {
    assertThat(line("{\"type\": \"number\"}", "{\"type\": \"number\", \"minimum\": 0}"))
        .isEqualTo("LIMIT_TIGHTENED | minimum 0 added | / | BREAKS/NONE");
    assertThat(line("{\"exclusiveMinimum\": 0}", "{}"))
        .isEqualTo("LIMIT_RELAXED | exclusiveMinimum 0 removed | / | NONE/BREAKS");
    SchemaDiff.Change c = only("{\"maximum\": 1}", "{\"exclusiveMaximum\": 1}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "LIMIT_TIGHTENED | upper bound tightened from maximum 1 to exclusiveMaximum 1 | / |"
                + " BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("/maximum");
    assertThat(c.newer().pointer()).isEqualTo("/exclusiveMaximum");
    assertThat(probes(c.backwardProbes())).startsWith("SET / 1");
  }

  @Test
  void draft4BooleanExclusiveMaximumMakesTheBoundExclusive() {
    SchemaDiff.Change c =
        only(D4 + "\"maximum\": 1}", D4 + "\"maximum\": 1, \"exclusiveMaximum\": true}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_TIGHTENED | maximum 1 made exclusive | / | BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).containsExactly("SET / 1");
  }

  @Test
  void sameBoundsWrittenAnotherWayAreNoChange() {
    assertThat(
            diff(
                "{\"type\": \"integer\", \"maximum\": 1.5}",
                "{\"type\": \"integer\", \"maximum\": 1}"))
        .isEmpty();
    assertThat(diff("{\"maximum\": 1}", "{\"maximum\": 1.0}")).isEmpty();
  }

  @Test
  void boundsOnANonNumberTypeBreakNothing() {
    assertThat(
            line(
                "{\"type\": \"string\", \"maximum\": 2}", "{\"type\": \"string\", \"maximum\": 1}"))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 2 to 1 | / | NONE/NONE");
  }

  @Test
  void multipleOfDirectionFollowsDivisibility() {
    assertThat(line("{\"multipleOf\": 4}", "{\"multipleOf\": 2}"))
        .isEqualTo("MULTIPLE_OF_CHANGED | multipleOf changed from 4 to 2 | / | NONE/BREAKS");
    SchemaDiff.Change c = only("{\"multipleOf\": 2}", "{\"multipleOf\": 3}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("MULTIPLE_OF_CHANGED | multipleOf changed from 2 to 3 | / | BREAKS/BREAKS");
    assertThat(probes(c.backwardProbes())).startsWith("SET / 2");
    assertThat(probes(c.forwardProbes())).startsWith("SET / 3");
    assertThat(line("{\"type\": \"integer\"}", "{\"type\": \"integer\", \"multipleOf\": 1}"))
        .isEqualTo("MULTIPLE_OF_CHANGED | multipleOf 1 added | / | NONE/NONE");
    assertThat(line("{}", "{\"multipleOf\": 0.5}"))
        .isEqualTo("MULTIPLE_OF_CHANGED | multipleOf 0.5 added | / | BREAKS/NONE");
  }

  // -------------------------------------------------------------------------------- types

  @Test
  void typeNarrowedFromNumberToInteger() {
    SchemaDiff.Change c = only("{\"type\": \"number\"}", "{\"type\": \"integer\"}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("TYPE_NARROWED | type narrowed from number to integer | / | BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).contains("SET / 0.5");
    assertThat(c.older().pointer()).isEqualTo("/type");
  }

  @Test
  void typeWidenedAndChanged() {
    assertThat(line("{\"type\": \"integer\"}", "{\"type\": [\"integer\", \"null\"]}"))
        .isEqualTo("TYPE_WIDENED | type widened from integer to [integer, null] | / | NONE/BREAKS");
    SchemaDiff.Change c = only("{\"type\": \"string\"}", "{\"type\": \"boolean\"}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("TYPE_CHANGED | type changed from string to boolean | / | BREAKS/BREAKS");
    assertThat(probes(c.forwardProbes())).containsExactly("SET / true");
    assertThat(line("{}", "{\"type\": \"object\"}"))
        .isEqualTo("TYPE_NARROWED | type narrowed from any type to object | / | BREAKS/NONE");
  }

  @Test
  void integerToNumberInATypeListIsWidening() {
    assertThat(
            line("{\"type\": [\"string\", \"integer\"]}", "{\"type\": [\"number\", \"string\"]}"))
        .isEqualTo(
            "TYPE_WIDENED | type widened from [string, integer] to [number, string] | / |"
                + " NONE/BREAKS");
  }

  // ------------------------------------------------------------------------ enum and const

  @Test
  void enumLostAValue() {
    SchemaDiff.Change c = only("{\"enum\": [\"sgd\", \"adam\"]}", "{\"enum\": [\"adam\"]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("ENUM_VALUE_REMOVED | enum lost \"sgd\" | / | BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("/enum/0");
    assertThat(c.newer().pointer()).isEqualTo("/enum");
    assertThat(probes(c.backwardProbes())).containsExactly("SET / \"sgd\"");
  }

  @Test
  void enumGainedAValueAndReorderingIsNoChange() {
    SchemaDiff.Change c = only("{\"enum\": [\"a\"]}", "{\"enum\": [\"a\", \"b\"]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("ENUM_VALUE_ADDED | enum gained \"b\" | / | NONE/BREAKS");
    assertThat(c.newer().pointer()).isEqualTo("/enum/1");
    assertThat(probes(c.forwardProbes())).containsExactly("SET / \"b\"");
    assertThat(diff("{\"enum\": [1, \"a\"]}", "{\"enum\": [\"a\", 1.0]}")).isEmpty();
  }

  @Test
  void enumAddedAndRemoved() {
    SchemaDiff.Change c =
        only("{\"type\": \"string\"}", "{\"type\": \"string\", \"enum\": [\"x\"]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("ENUM_ADDED | enum [\"x\"] added | / | BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).first().isEqualTo("SET / \"a\"");
    assertThat(probes(c.backwardProbes())).doesNotContain("SET / \"x\"");
    assertThat(line("{\"enum\": [1, 2]}", "{}"))
        .isEqualTo("ENUM_REMOVED | enum [1,2] removed | / | NONE/BREAKS");
  }

  @Test
  void constChangedAddedRemovedAndEnumToConst() {
    SchemaDiff.Change c = only("{\"const\": \"a\"}", "{\"const\": \"b\"}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("CONST_CHANGED | const changed from \"a\" to \"b\" | / | BREAKS/BREAKS");
    assertThat(probes(c.backwardProbes())).containsExactly("SET / \"a\"");
    assertThat(probes(c.forwardProbes())).containsExactly("SET / \"b\"");
    assertThat(line("{}", "{\"const\": 3}"))
        .isEqualTo("CONST_ADDED | const 3 added | / | BREAKS/NONE");
    assertThat(line("{\"const\": 3}", "{}"))
        .isEqualTo("CONST_REMOVED | const 3 removed | / | NONE/BREAKS");
    assertThat(line("{\"enum\": [\"a\", \"b\"]}", "{\"const\": \"a\"}"))
        .isEqualTo("ENUM_VALUE_REMOVED | enum lost \"b\" | / | BREAKS/NONE");
    assertThat(diff("{\"const\": \"a\"}", "{\"enum\": [\"a\"]}")).isEmpty();
  }

  // ------------------------------------------------------------------------------ strings

  @Test
  void lengthsAndPatterns() {
    SchemaDiff.Change c = only("{\"maxLength\": 5}", "{\"maxLength\": 3}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_TIGHTENED | maxLength lowered from 5 to 3 | / | BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).startsWith("SET / \"aaaa\"");
    assertThat(line("{\"minLength\": 2}", "{}"))
        .isEqualTo("LIMIT_RELAXED | minLength 2 removed | / | NONE/BREAKS");
    assertThat(line("{}", "{\"pattern\": \"^a\"}"))
        .isEqualTo("PATTERN_ADDED | pattern \"^a\" added | / | BREAKS/NONE");
    assertThat(line("{\"pattern\": \"^a\"}", "{}"))
        .isEqualTo("PATTERN_REMOVED | pattern \"^a\" removed | / | NONE/BREAKS");
    SchemaDiff.Change p = only("{\"pattern\": \"^a\"}", "{\"pattern\": \"^b\"}");
    assertThat(SchemaDiffFixture.line(p))
        .isEqualTo(
            "PATTERN_CHANGED | pattern changed from \"^a\" to \"^b\" | / | NOT_DECIDED/NOT_DECIDED");
    assertThat(probes(p.backwardProbes())).startsWith("SET / \"a\"").contains("SET_SAMPLE /");
  }

  @Test
  void formatIsCheckedInDraft7AndInformationIn2020() {
    SchemaDiff.Change c =
        only(D7 + "\"type\": \"string\"}", D7 + "\"type\": \"string\", \"format\": \"date\"}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("FORMAT_ADDED | format \"date\" added | / | BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).contains("SET / \"a\"");
    assertThat(line(D7 + "\"format\": \"date\"}", D7 + "\"format\": \"email\"}"))
        .isEqualTo(
            "FORMAT_CHANGED | format changed from \"date\" to \"email\" | / |"
                + " NOT_DECIDED/NOT_DECIDED");
    assertThat(line(D7 + "\"format\": \"email\"}", D7 + "\"type\": \"string\"}"))
        .contains("FORMAT_REMOVED | format \"email\" removed | / | NONE/BREAKS");
    assertThat(line("{\"format\": \"date\"}", "{}"))
        .isEqualTo(
            "FORMAT_REMOVED | format \"date\" removed (not checked: information only) | / |"
                + " NONE/NONE");
  }

  // ------------------------------------------------------------------------------- arrays

  @Test
  void itemsCountsUniquenessAndContains() {
    String old = "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 5}";
    String now =
        "{\"type\": \"array\", \"items\": {\"type\": \"string\", \"maxLength\": 3}, \"maxItems\": 3,"
            + " \"uniqueItems\": true, \"contains\": {\"const\": \"a\"}}";
    assertThat(line(old, now))
        .isEqualTo(
            String.join(
                "\n",
                "LIMIT_TIGHTENED | maxItems lowered from 5 to 3 | / | BREAKS/NONE",
                "UNIQUE_ITEMS_ADDED | uniqueItems added: array items must be unique | / |"
                    + " BREAKS/NONE",
                "LIMIT_TIGHTENED | maxLength 3 added | /0 | BREAKS/NONE",
                "CONTAINS_CHANGED | contains added | / | BREAKS/NONE"));
    List<SchemaDiff.Change> changes = diff(old, now);
    assertThat(probes(changes.get(0).backwardProbes()))
        .first()
        .isEqualTo("SET / [\"a\",\"a\",\"a\",\"a\"]");
    assertThat(probes(changes.get(1).backwardProbes())).first().isEqualTo("SET / [\"a\",\"a\"]");
    assertThat(changes.get(2).newer().pointer()).isEqualTo("/items/maxLength");
    assertThat(probes(changes.get(3).backwardProbes())).first().isEqualTo("SET / []");
    assertThat(line("{\"uniqueItems\": true}", "{}"))
        .isEqualTo("UNIQUE_ITEMS_REMOVED | uniqueItems removed | / | NONE/BREAKS");
    assertThat(
            line(
                "{\"contains\": {\"type\": \"string\"}}",
                "{\"contains\": {\"type\": [\"string\", \"null\"]}}"))
        .isEqualTo(
            "CONTAINS_CHANGED | contains changed: type widened from string to [string, null] |"
                + " /0 | NONE/BREAKS");
    assertThat(
            line(
                "{\"contains\": {}, \"minContains\": 1}", "{\"contains\": {}, \"minContains\": 2}"))
        .isEqualTo("CONTAINS_CHANGED | minContains raised from 1 to 2 | / | BREAKS/NONE");
  }

  @Test
  void tupleItemsAddedAndRemoved() {
    assertThat(
            line(
                "{\"prefixItems\": [{\"type\": \"string\"}]}",
                "{\"prefixItems\": [{\"type\": \"string\"}, {\"type\": \"integer\"}], \"items\": false}"))
        .isEqualTo(
            "TUPLE_ITEM_ADDED | item 1 now has a schema of its own | /1 | BREAKS/NONE\n"
                + "ITEMS_CHANGED | items added | /2 | BREAKS/NONE");
    assertThat(
            line(
                D7 + "\"items\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
                D7
                    + "\"items\": [{\"type\": \"string\"}], \"additionalItems\": {\"type\": \"integer\"}}"))
        .isEqualTo(
            "TUPLE_ITEM_REMOVED | item 1 no longer has a schema of its own | /1 | NONE/NONE\n"
                + "ITEMS_CHANGED | additionalItems added | /2 | BREAKS/NONE");
    SchemaDiff.Change c =
        only(D7 + "\"items\": [{}], \"additionalItems\": false}", D7 + "\"items\": [{}]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("ITEMS_CHANGED | additionalItems removed | /1 | NONE/BREAKS");
    assertThat(c.older().pointer()).isEqualTo("/additionalItems");
  }

  // ------------------------------------------------------------------------------ objects

  @Test
  void requiredAddedDeletesTheProperty() {
    SchemaDiff.Change c =
        only(
            "{\"properties\": {\"a\": {}}}",
            "{\"properties\": {\"a\": {}}, \"required\": [\"a\"]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("REQUIRED_ADDED | property \"a\" is now required | /a | BREAKS/NONE");
    assertThat(c.newer().pointer()).isEqualTo("/required/0");
    assertThat(c.older().pointer()).isEqualTo("");
    assertThat(probes(c.backwardProbes())).containsExactly("DELETE /a");
    SchemaDiff.Change r = only("{\"required\": [\"a\", \"b\"]}", "{\"required\": [\"a\"]}");
    assertThat(SchemaDiffFixture.line(r))
        .isEqualTo("REQUIRED_REMOVED | property \"b\" is no longer required | /b | NONE/BREAKS");
    assertThat(r.older().pointer()).isEqualTo("/required/1");
    assertThat(probes(r.forwardProbes())).containsExactly("DELETE /b");
  }

  @Test
  void optionalPropertyAddedToAnOpenModelProbesValuesItsSchemaRejects() {
    SchemaDiff.Change c =
        only(
            "{\"properties\": {\"a\": {}}}",
            "{\"properties\": {\"a\": {}, \"momentum\": {\"type\": \"number\"}}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("PROPERTY_ADDED | property \"momentum\" added | /momentum | BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("");
    assertThat(c.newer().pointer()).isEqualTo("/properties/momentum");
    assertThat(probes(c.backwardProbes())).contains("SET /momentum \"a\"", "SET /momentum null");
  }

  @Test
  void propertyRemovedFromAClosedModelSamplesTheOlderSchema() {
    SchemaDiff.Change c =
        only(
            "{\"properties\": {\"a\": {\"type\": \"string\"}}, \"additionalProperties\": false}",
            "{\"properties\": {}, \"additionalProperties\": false}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "PROPERTY_REMOVED | property \"a\" removed from a closed object |"
                + " /a | BREAKS/NONE");
    assertThat(c.newer().pointer()).isEqualTo("/additionalProperties");
    assertThat(probes(c.backwardProbes())).containsExactly("SET_SAMPLE /a");
  }

  @Test
  void propertyRemovedUnderAPartialModelComparesWithTheAdditionalSchema() {
    SchemaDiff.Change c =
        only(
            "{\"properties\": {\"b\": {\"type\": \"integer\"}}, \"additionalProperties\": {\"type\": \"number\"}}",
            "{\"additionalProperties\": {\"type\": \"number\"}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "PROPERTY_REMOVED | property \"b\" removed, which additionalProperties covers now:"
                + " type widened from integer to number | /b | NONE/BREAKS");
    assertThat(probes(c.forwardProbes())).startsWith("SET /b 0.5");
  }

  @Test
  void patternAndAdditionalProperties() {
    assertThat(
            line(
                "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}}}",
                "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}, \"^y_[0-9]+$\": {\"type\": \"string\"}}}"))
        .isEqualTo(
            "ADDITIONAL_PROPERTIES_CHANGED | patternProperties \"^y_[0-9]+$\" added | /y_0 |"
                + " BREAKS/NONE");
    SchemaDiff.Change c = only("{}", "{\"additionalProperties\": false}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "ADDITIONAL_PROPERTIES_CHANGED | additionalProperties false added | /other |"
                + " BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).containsExactly("SET_SAMPLE /other");
    assertThat(
            line(
                "{\"additionalProperties\": {\"type\": \"number\"}}",
                "{\"additionalProperties\": {\"type\": \"integer\"}}"))
        .isEqualTo(
            "ADDITIONAL_PROPERTIES_CHANGED | additionalProperties changed: type narrowed from"
                + " number to integer | /other | BREAKS/NONE");
  }

  @Test
  void propertyCountsAndDependencies() {
    assertThat(line("{\"maxProperties\": 3}", "{\"maxProperties\": 2}"))
        .isEqualTo("LIMIT_TIGHTENED | maxProperties lowered from 3 to 2 | / | BREAKS/NONE");
    SchemaDiff.Change c =
        only(
            "{\"dependentRequired\": {\"a\": [\"b\"]}}",
            "{\"dependentRequired\": {\"a\": [\"b\", \"c\"]}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "DEPENDENT_REQUIRED_ADDED | property \"c\" is now required when \"a\" is present |"
                + " /c | BREAKS/NONE");
    assertThat(c.newer().pointer()).isEqualTo("/dependentRequired/a");
    assertThat(probes(c.backwardProbes()))
        .startsWith("SET / {\"a\":null,\"b\":null}")
        .contains("SET_SAMPLE /a");
    assertThat(line("{\"dependentRequired\": {\"a\": [\"b\"]}}", "{}"))
        .isEqualTo(
            "DEPENDENT_REQUIRED_REMOVED | property \"b\" is no longer required when \"a\" is"
                + " present | /b | NONE/BREAKS");
    assertThat(line("{}", "{\"dependentSchemas\": {\"a\": {\"required\": [\"d\"]}}}"))
        .isEqualTo("DEPENDENT_SCHEMA_ADDED | dependent schema of \"a\" added | / | BREAKS/NONE");
    assertThat(
            line(
                D7 + "\"dependencies\": {\"a\": [\"b\"], \"c\": {\"required\": [\"d\"]}}}",
                D7 + "\"dependencies\": {\"a\": [\"b\", \"e\"]}}"))
        .isEqualTo(
            "DEPENDENT_REQUIRED_ADDED | property \"e\" is now required when \"a\" is present |"
                + " /e | BREAKS/NONE\n"
                + "DEPENDENT_SCHEMA_REMOVED | dependent schema of \"c\" removed | / | NONE/BREAKS");
  }

  // -------------------------------------------------------------------------- combinators

  @Test
  void branchesAreMatchedWhateverTheirOrder() {
    assertThat(
            diff(
                "{\"oneOf\": [{\"const\": \"a\"}, {\"type\": \"integer\"}]}",
                "{\"oneOf\": [{\"type\": \"integer\"}, {\"const\": \"a\"}]}"))
        .isEmpty();
    List<SchemaDiff.Change> changes =
        diff(
            "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\", \"maximum\": 3}]}",
            "{\"anyOf\": [{\"type\": \"integer\", \"maximum\": 2}, {\"type\": \"string\"}, {\"type\": \"null\"}]}");
    assertThat(summary(changes))
        .isEqualTo(
            "LIMIT_TIGHTENED | maximum lowered from 3 to 2 | / | BREAKS/NONE\n"
                + "BRANCH_ADDED | anyOf branch 2 added: {\"type\":\"null\"} | / | NONE/BREAKS");
    assertThat(changes.get(0).older().pointer()).isEqualTo("/anyOf/1/maximum");
    assertThat(changes.get(0).newer().pointer()).isEqualTo("/anyOf/0/maximum");
    assertThat(probes(changes.get(1).forwardProbes())).containsExactly("SET_SAMPLE /");
  }

  @Test
  void branchRemovedAndOneOfOverlap() {
    SchemaDiff.Change c =
        only(
            "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}]}",
            "{\"anyOf\": [{\"type\": \"string\"}]}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "BRANCH_REMOVED | anyOf branch 1 removed: {\"type\":\"boolean\"} | / | BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("/anyOf/1");
    assertThat(probes(c.backwardProbes())).containsExactly("SET_SAMPLE /");
    // a oneOf branch that may overlap another: documents matching both become invalid
    assertThat(
            line(
                "{\"oneOf\": [{\"type\": \"string\"}]}",
                "{\"oneOf\": [{\"type\": \"string\"}, {\"maxLength\": 3}]}"))
        .isEqualTo(
            "BRANCH_ADDED | oneOf branch 1 added: {\"maxLength\":3} | / | NOT_DECIDED/NOT_DECIDED");
    assertThat(
            line(
                "{\"oneOf\": [{\"const\": \"a\"}]}",
                "{\"oneOf\": [{\"const\": \"a\"}, {\"const\": \"b\"}]}"))
        .isEqualTo("BRANCH_ADDED | oneOf branch 1 added: {\"const\":\"b\"} | / | NONE/BREAKS");
  }

  @Test
  void alternativesAddedOrRemovedAsAWhole() {
    assertThat(line("{}", "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}]}"))
        .isEqualTo("ALTERNATIVES_ADDED | anyOf added with 2 branches | / | BREAKS/NONE");
    assertThat(line("{\"oneOf\": [{\"type\": \"string\"}]}", "{}"))
        .isEqualTo("ALTERNATIVES_REMOVED | oneOf removed with 1 branches | / | NONE/BREAKS");
  }

  @Test
  void allOfMembersAndNot() {
    assertThat(
            line(
                "{\"allOf\": [{\"required\": [\"a\"]}, {\"properties\": {\"a\": {\"type\": \"integer\"}}}]}",
                "{\"allOf\": [{\"properties\": {\"a\": {\"type\": \"integer\", \"minimum\": 1}}},"
                    + " {\"required\": [\"a\"]}, {\"required\": [\"b\"]}]}"))
        .isEqualTo(
            "LIMIT_TIGHTENED | minimum 1 added | /a | BREAKS/NONE\n"
                + "ALL_OF_MEMBER_ADDED | allOf member 2 added: {\"required\":[\"b\"]} | / |"
                + " BREAKS/NONE");
    assertThat(line("{\"allOf\": [{\"type\": \"string\"}]}", "{}"))
        .isEqualTo(
            "ALL_OF_MEMBER_REMOVED | allOf member 0 removed: {\"type\":\"string\"} | / |"
                + " NONE/BREAKS");
    SchemaDiff.Change c =
        only("{\"not\": {\"type\": \"string\"}}", "{\"not\": {\"type\": [\"string\", \"null\"]}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "NOT_CHANGED | not changed: type widened from string to [string, null] | / |"
                + " BREAKS/NONE");
    assertThat(probes(c.backwardProbes())).containsExactly("SET / null");
    assertThat(line("{}", "{\"not\": {\"const\": 0}}"))
        .isEqualTo("NOT_CHANGED | not {\"const\":0} added | / | BREAKS/NONE");
  }

  // --------------------------------------------------------------------------- conditions

  @Test
  void thenAndElseAreComparedWhenTheConditionIsTheSame() {
    SchemaDiff.Change c =
        only(
            "{\"if\": {\"properties\": {\"k\": {\"const\": \"x\"}}}, \"then\": {\"required\": [\"a\"]}}",
            "{\"if\": {\"properties\": {\"k\": {\"const\": \"x\"}}}, \"then\": {\"required\": [\"a\", \"b\"]}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("REQUIRED_ADDED | property \"b\" is now required | /b | BREAKS/NONE");
    assertThat(c.newer().pointer()).isEqualTo("/then/required/1");
  }

  @Test
  void aChangedConditionIsNotDecidedWithBothSites() {
    SchemaDiff.Change c =
        only(
            "{\"if\": {\"properties\": {\"k\": {\"const\": \"x\"}}}, \"then\": {\"required\": [\"a\"]}}",
            "{\"if\": {\"properties\": {\"k\": {\"const\": \"y\"}}}, \"then\": {\"required\": [\"a\"]}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "CONDITION_NOT_DECIDED | if changed: then/else cannot be compared | / |"
                + " NOT_DECIDED/NOT_DECIDED");
    assertThat(c.older().pointer()).isEqualTo("/if");
    assertThat(c.newer().pointer()).isEqualTo("/if");
    assertThat(c.backwardProbes()).isNotEmpty();
    assertThat(line("{}", "{\"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}"))
        .isEqualTo(
            "CONDITION_NOT_DECIDED | if/then/else added: whether it rejects documents is not"
                + " decided | / | NOT_DECIDED/NONE");
  }

  // ------------------------------------------------------------ annotations, booleans, rest

  @Test
  void annotationsAreInformationOnly() {
    assertThat(
            line("{\"default\": 1, \"description\": \"x\"}", "{\"default\": 2, \"title\": \"y\"}"))
        .isEqualTo(
            "TITLE_CHANGED | title \"y\" added | / | NONE/NONE\n"
                + "DESCRIPTION_CHANGED | description \"x\" removed | / | NONE/NONE\n"
                + "DEFAULT_CHANGED | default changed from 1 to 2 | / | NONE/NONE");
    SchemaDiff.Change c = only("{\"description\": \"a\"}", "{\"description\": \"b\"}");
    assertThat(c.backwardProbes()).isEmpty();
    assertThat(c.forwardProbes()).isEmpty();
  }

  @Test
  void booleanSchemas() {
    assertThat(
            line(
                "{\"properties\": {\"a\": true, \"b\": {}, \"c\": false}}",
                "{\"properties\": {\"a\": false, \"b\": false, \"c\": {\"type\": \"string\"}}}"))
        .isEqualTo(
            "SCHEMA_CHANGED | schema true became false | /a | BREAKS/NONE\n"
                + "SCHEMA_CHANGED | schema became false: no value is valid | /b | BREAKS/NONE\n"
                + "SCHEMA_CHANGED | schema false became a schema that admits values | /c |"
                + " NONE/BREAKS");
  }

  @Test
  void keywordsThatAreNotComparedAreNotDecided() {
    SchemaDiff.Change c =
        only("{\"propertyNames\": {\"maxLength\": 3}}", "{\"propertyNames\": {\"maxLength\": 2}}");
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo(
            "SCHEMA_CHANGED | propertyNames changed (not compared) | / | NOT_DECIDED/NOT_DECIDED");
    assertThat(c.older().pointer()).isEqualTo("/propertyNames");
    assertThat(line("{}", "{\"unevaluatedProperties\": false}"))
        .isEqualTo(
            "SCHEMA_CHANGED | unevaluatedProperties added (not compared) | / |"
                + " NOT_DECIDED/NOT_DECIDED");
  }

  // ------------------------------------------------------------------ refs, files, positions

  @Test
  void refsAreFollowedIntoOtherFilesWithTheirOwnPointersAndPositions(@TempDir Path dir)
      throws IOException {
    Path o = Files.createDirectories(dir.resolve("old"));
    Path n = Files.createDirectories(dir.resolve("new"));
    String train =
        "{\n  \"type\": \"object\",\n  \"properties\": {\n"
            + "    \"optimizer\": {\"$ref\": \"optimizer.schema.json\"}\n  }\n}\n";
    Files.writeString(o.resolve("train.schema.json"), train);
    Files.writeString(n.resolve("train.schema.json"), train);
    Files.writeString(
        o.resolve("optimizer.schema.json"),
        "{\n  \"type\": \"object\",\n  \"properties\": {\n"
            + "    \"lr\": {\"type\": \"number\", \"maximum\": 1}\n  }\n}\n");
    Files.writeString(
        n.resolve("optimizer.schema.json"),
        "{\n  \"type\": \"object\",\n  \"properties\": {\n"
            + "    \"lr\": {\"type\": \"number\",\n      \"maximum\": 0.5}\n  }\n}\n");
    List<SchemaDiff.Change> changes =
        diff(
            ConfigSchema.load(o.resolve("train.schema.json")),
            ConfigSchema.load(n.resolve("train.schema.json")),
            Compatibility.ContentModel.OPEN);
    assertThat(summary(changes))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 1 to 0.5 | /optimizer/lr | BREAKS/NONE");
    SchemaDiff.Change c = changes.get(0);
    assertThat(c.older().pointer()).isEqualTo("/properties/lr/maximum");
    // a file reached through a $ref is named below the folder its version was named in
    assertThat(c.older().location().toString())
        .isEqualTo(o.resolve("optimizer.schema.json") + ":4:41");
    assertThat(c.newer().location().toString())
        .isEqualTo(n.resolve("optimizer.schema.json") + ":5:18");
  }

  @Test
  void keywordsBesideTheSameRefAreComparedAtEachPlace() {
    String older =
        "{\"$defs\": {\"n\": {\"type\": \"integer\"}}, \"properties\": {"
            + "\"b\": {\"$ref\": \"#/$defs/n\", \"maximum\": 9},"
            + " \"a\": {\"$ref\": \"#/$defs/n\", \"maximum\": 9}}}";
    SchemaDiff.Change c =
        only(
            older,
            older.replace(
                "\"a\": {\"$ref\": \"#/$defs/n\", \"maximum\": 9",
                "\"a\": {\"$ref\": \"#/$defs/n\", \"maximum\": 5"));
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 9 to 5 | /a | BREAKS/NONE");
    assertThat(c.newer().pointer()).isEqualTo("/properties/a/maximum");
  }

  @Test
  void aTargetKeywordThatTheSiblingsAlsoHaveIsStillCompared() {
    String older =
        "{\"$defs\": {\"base\": {\"properties\": {\"a\": {\"maximum\": 9}}}},"
            + " \"properties\": {\"x\": {\"$ref\": \"#/$defs/base\","
            + " \"properties\": {\"b\": {\"type\": \"string\"}}}}}";
    String newer = older.replace("\"maximum\": 9", "\"maximum\": 5");
    SchemaDiff.Change c = only(older, newer);
    assertThat(SchemaDiffFixture.line(c))
        .isEqualTo("LIMIT_TIGHTENED | maximum lowered from 9 to 5 | /x/a | BREAKS/NONE");
    assertThat(c.older().pointer()).isEqualTo("/$defs/base/properties/a/maximum");
    SchemaDiff.Change s = only(older, older.replace("\"string\"", "\"integer\""));
    assertThat(s.older().pointer()).isEqualTo("/properties/x/properties/b/type");
  }

  @Test
  void sizeProbesBreakTheLimitThatChangedNotTheOther() {
    List<SchemaDiff.Change> changes =
        diff(
            "{\"type\": \"array\", \"minItems\": 1, \"maxItems\": 40}",
            "{\"type\": \"array\", \"minItems\": 2, \"maxItems\": 32}");
    assertThat(summary(changes))
        .isEqualTo(
            "LIMIT_TIGHTENED | minItems raised from 1 to 2 | / | BREAKS/NONE\n"
                + "LIMIT_TIGHTENED | maxItems lowered from 40 to 32 | / | BREAKS/NONE");
    assertThat(probes(changes.get(0).backwardProbes())).first().isEqualTo("SET / [0]");
    assertThat(changes.get(0).backwardProbes())
        .allMatch(p -> p.value() == null || p.value().size() < 2);
    assertThat(changes.get(1).backwardProbes())
        .allMatch(p -> p.value() == null || p.value().size() > 32);
  }

  @Test
  void pointersEscapeNamesAndInstancePathsKeepThem() {
    SchemaDiff.Change c =
        only(
            "{\"properties\": {\"a/b\": {\"type\": \"string\"}}}",
            "{\"properties\": {\"a/b\": {\"type\": \"integer\"}}}");
    assertThat(c.older().pointer()).isEqualTo("/properties/a~1b/type");
    assertThat(c.instancePath()).containsExactly("a/b");
  }

  @Test
  void sitesInYamlTemplatesHaveLines(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("old.schema.yaml"), "type: object\nproperties:\n  lr:\n    maximum: 1\n");
    Files.writeString(
        dir.resolve("new.schema.yaml"), "type: object\nproperties:\n  lr:\n    maximum: 0.5\n");
    SchemaDiff.Change c =
        diff(
                ConfigSchema.load(dir.resolve("old.schema.yaml")),
                ConfigSchema.load(dir.resolve("new.schema.yaml")),
                Compatibility.ContentModel.OPEN)
            .get(0);
    assertThat(c.older().location().line()).isEqualTo(4);
    assertThat(c.newer().location().toString()).endsWith("new.schema.yaml:4:14");
  }
}
