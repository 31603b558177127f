package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Schemas that declare an old draft but use later keywords get them asserted where the widely used
 * validators do and the author's intent is clear; the rest is pinned as documented deviations.
 */
class OldDraftKeywordsTest {
  private static final String DRAFT4 = "\"$schema\": \"http://json-schema.org/draft-04/schema#\", ";
  private static final String DRAFT6 = "\"$schema\": \"http://json-schema.org/draft-06/schema#\", ";
  private static final String DRAFT7 = "\"$schema\": \"http://json-schema.org/draft-07/schema#\", ";

  private static String check(String schema, String document) {
    return ConfigSchema.fromText("{" + schema + "}").validateText(document).toString();
  }

  @Test
  void draft4AssertsConst() {
    String schema = DRAFT4 + "\"properties\": {\"kind\": {\"const\": \"service\"}}";
    assertThat(check(schema, "{\"kind\": \"service\"}")).isEqualTo("<string>: valid");
    assertThat(check(schema, "{\"kind\": \"job\"}"))
        .isEqualTo("<string>:1:10: /kind: must be \"service\" (const)");
  }

  @Test
  void draft4AssertsContainsAndPropertyNames() {
    assertThat(check(DRAFT4 + "\"contains\": {\"type\": \"integer\"}", "[\"a\"]"))
        .startsWith("<string>:1:1: (root): ")
        .endsWith("(contains)");
    assertThat(check(DRAFT4 + "\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}", "{\"Bad\": 1}"))
        .contains("(propertyNames)");
    assertThat(check(DRAFT4 + "\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}", "{\"ok\": 1}"))
        .isEqualTo("<string>: valid");
  }

  @Test
  void draft4And6AssertIfThenElse() {
    String conditional =
        "\"if\": {\"properties\": {\"tls\": {\"enum\": [true]}}},"
            + " \"then\": {\"required\": [\"cert\"]}, \"else\": {\"required\": [\"port\"]}";
    for (String draft : new String[] {DRAFT4, DRAFT6}) {
      assertThat(check(draft + conditional, "{\"tls\": true}"))
          .isEqualTo("<string>:1:1: (root): missing required property 'cert' (required)");
      assertThat(check(draft + conditional, "{\"tls\": false}"))
          .isEqualTo("<string>:1:1: (root): missing required property 'port' (required)");
      assertThat(check(draft + conditional, "{\"tls\": true, \"cert\": \"c\"}"))
          .isEqualTo("<string>: valid");
    }
  }

  @Test
  void drafts4To7AssertDependentRequiredAndDependentSchemas() {
    for (String draft : new String[] {DRAFT4, DRAFT6, DRAFT7}) {
      assertThat(
              check(draft + "\"dependentRequired\": {\"user\": [\"password\"]}", "{\"user\": 1}"))
          .contains("(root): ")
          .contains("password")
          .endsWith("(dependentRequired)");
      assertThat(
              check(
                  draft + "\"dependentSchemas\": {\"user\": {\"required\": [\"password\"]}}",
                  "{\"user\": 1}"))
          .isEqualTo("<string>:1:1: (root): missing required property 'password' (required)");
    }
  }

  @Test
  void annotationsOfLaterDraftsAreAcceptedInDraft4() {
    assertThat(
            check(
                DRAFT4
                    + "\"$comment\": \"c\", \"examples\": [1], \"readOnly\": true,"
                    + " \"deprecated\": true, \"type\": \"integer\"",
                "1"))
        .isEqualTo("<string>: valid");
  }

  @Test
  void keywordsThatWouldChangeAnOldDraftsMeaningAreNotAsserted() {
    // prefixItems would compete with draft 7's array form of items; unevaluatedProperties needs
    // the annotation model of 2019-09. Documented deviations: use "$schema" 2020-12 for them.
    assertThat(check(DRAFT7 + "\"prefixItems\": [{\"type\": \"integer\"}]", "[\"a\"]"))
        .isEqualTo("<string>: valid");
    assertThat(
            check(
                DRAFT7 + "\"properties\": {\"a\": true}, \"unevaluatedProperties\": false",
                "{\"b\": 1}"))
        .isEqualTo("<string>: valid");
  }

  @Test
  void draft4NumericExclusiveMinimumIsRefusedByTheMetaSchema() {
    assertThatThrownBy(() -> ConfigSchema.fromText("{" + DRAFT4 + "\"exclusiveMinimum\": 0}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            "<schema>: not a valid schema for http://json-schema.org/draft-04/schema#:"
                + " /exclusiveMinimum: must be boolean, found integer (type); (root): has an error"
                + " with dependencies {exclusiveMaximum=[maximum], exclusiveMinimum=[minimum]}"
                + " (dependencies)");
  }
}
