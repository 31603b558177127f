package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.SchemaChange.Direction;
import io.hectiqlab.SchemaChange.Impact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes a compatible verdict must not hide: what {@code unevaluatedProperties}/{@code
 * unevaluatedItems} see, the dialect a document is read in, and keywords beside a {@code $ref} that
 * drafts 4 to 7 ignore. Every witness is validated again here under both versions.
 */
class CompatibilitySoundnessTest {
  private static final String S = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"";
  private static final String D7 = "\"$schema\":\"http://json-schema.org/draft-07/schema#\"";

  @TempDir Path dir;

  private static CompatibilityReport compare(Compatibility.Mode mode, String older, String newer) {
    return checked(
        Compatibility.of(mode).compare(ConfigSchema.fromText(older), ConfigSchema.fromText(newer)),
        ConfigSchema.fromText(older),
        ConfigSchema.fromText(newer));
  }

  /**
   * Validates every witness again: valid under the version it comes from, invalid under the other.
   */
  private static CompatibilityReport checked(
      CompatibilityReport report, ConfigSchema older, ConfigSchema newer) {
    for (SchemaChange c : report.changes()) {
      for (SchemaChange.Witness w : c.witnesses()) {
        boolean backward = w.direction() == Direction.BACKWARD;
        ConfigSchema valid = backward ? older : newer;
        ConfigSchema invalid = backward ? newer : older;
        assertThat(valid.validateText(w.document()).isValid()).as(w.document()).isTrue();
        assertThat(invalid.validateText(w.document()).isValid()).as(w.document()).isFalse();
      }
    }
    return report;
  }

  private static SchemaChange change(CompatibilityReport report, String reason) {
    return report.changes().stream()
        .filter(c -> c.reason().equals(reason))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change '" + reason + "' in\n" + report));
  }

  private static final String PROPS = "what unevaluatedProperties sees changed: not decided";
  private static final String ITEMS = "what unevaluatedItems sees changed: not decided";

  // ------------------------------------------------------------------ unevaluatedProperties

  private static final String CLOSED_A =
      "{" + S + ",\"type\":\"object\",\"properties\":{\"a\":{}},\"unevaluatedProperties\":false";

  @Test
  void anAllOfMemberRemovedUnderUnevaluatedPropertiesBreaksBackwardWithAWitness() {
    String older = CLOSED_A + ",\"allOf\":[{\"properties\":{\"b\":{}}}]}";
    String newer = CLOSED_A + "}";
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, PROPS);
    assertThat(c.kind()).isEqualTo(SchemaChange.Kind.SCHEMA_CHANGED);
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.BREAKS);
    assertThat(c.witness(Direction.BACKWARD).orElseThrow().document()).contains("\"b\"");
    assertThat(ConfigSchema.fromText(older).validateText("{\"b\":1}").isValid()).isTrue();
    assertThat(ConfigSchema.fromText(newer).validateText("{\"b\":1}").isValid()).isFalse();
  }

  @Test
  void aPropertyRenamedInTheRefTargetUnderUnevaluatedPropertiesIsNotCompatible() {
    String older =
        CLOSED_A + ",\"$ref\":\"#/$defs/base\",\"$defs\":{\"base\":{\"properties\":{\"b\":{}}}}}";
    String newer = older.replace("\"b\":{}", "\"c\":{}");
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, PROPS);
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.BREAKS);
    assertThat(c.witness(Direction.BACKWARD).orElseThrow().document()).contains("\"b\"");
    assertThat(c.impact(Direction.FORWARD)).isEqualTo(Impact.BREAKS);
    assertThat(c.witness(Direction.FORWARD).orElseThrow().document()).contains("\"c\"");
  }

  @Test
  void aPropertyRenamedInThenUnderUnevaluatedPropertiesBreaksBothWays() {
    String older =
        CLOSED_A + ",\"if\":{\"required\":[\"a\"]},\"then\":{\"properties\":{\"b\":{}}}}";
    String newer = older.replace("\"b\":{}", "\"c\":{}");
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, PROPS);
    assertThat(c.witness(Direction.BACKWARD).orElseThrow().document())
        .isEqualTo("{\"a\": null, \"b\": null}");
    assertThat(c.witness(Direction.FORWARD).orElseThrow().document())
        .isEqualTo("{\"a\": null, \"c\": null}");
  }

  @Test
  void anAllOfMemberAddedUnderUnevaluatedPropertiesBreaksForward() {
    String older = CLOSED_A + "}";
    String newer = CLOSED_A + ",\"allOf\":[{\"properties\":{\"b\":{}}}]}";
    assertThat(compare(Compatibility.Mode.BACKWARD, older, newer).isCompatible()).isFalse();
    CompatibilityReport r = compare(Compatibility.Mode.FULL, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, PROPS);
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.NOT_DECIDED);
    assertThat(c.impact(Direction.FORWARD)).isEqualTo(Impact.BREAKS);
    assertThat(c.witness(Direction.FORWARD).orElseThrow().document()).contains("\"b\"");
  }

  @Test
  void aTupleShortenedInAnAllOfMemberUnderUnevaluatedItemsBreaksBackward() {
    String older =
        "{"
            + S
            + ",\"type\":\"array\",\"allOf\":[{\"prefixItems\":[{},{}]}],\"unevaluatedItems\":false}";
    String newer = older.replace("[{},{}]", "[{}]");
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, ITEMS);
    assertThat(c.witness(Direction.BACKWARD).orElseThrow().document()).isEqualTo("[1, 2]");
    assertThat(c.older().pointer()).isEqualTo("/unevaluatedItems");
  }

  @Test
  void theSameCompositionsUnderUnevaluatedKeywordsStayCompatible() {
    for (String schema :
        List.of(
            CLOSED_A + ",\"allOf\":[{\"properties\":{\"b\":{}}}]}",
            CLOSED_A
                + ",\"$ref\":\"#/$defs/base\",\"$defs\":{\"base\":{\"properties\":{\"b\":{}}}}}",
            CLOSED_A + ",\"if\":{\"required\":[\"a\"]},\"then\":{\"properties\":{\"b\":{}}}}",
            "{"
                + S
                + ",\"type\":\"array\",\"allOf\":[{\"prefixItems\":[{},{}]}],\"unevaluatedItems\":false}",
            "{"
                + S
                + ",\"$ref\":\"#/$defs/n\",\"unevaluatedProperties\":false,"
                + "\"$defs\":{\"n\":{\"properties\":{\"next\":{\"$ref\":\"#/$defs/n\"}}}}}")) {
      CompatibilityReport r = compare(Compatibility.Mode.FULL, schema, schema);
      assertThat(r.changes()).as(schema).isEmpty();
      assertThat(r.isCompatible()).isTrue();
    }
  }

  @Test
  void aChangeInsideAPropertyUnderUnevaluatedPropertiesIsReportedAsItselfOnly() {
    String older = CLOSED_A.replace("\"a\":{}", "\"a\":{\"type\":\"integer\"}") + "}";
    String newer = CLOSED_A.replace("\"a\":{}", "\"a\":{\"type\":\"number\"}") + "}";
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isTrue();
    assertThat(r.changes()).extracting(SchemaChange::reason).doesNotContain(PROPS);
  }

  // ------------------------------------------------------------------------------- dialects

  @Test
  void aDialectChangedAtTheRootIsNotCompatibleAndAFormatWitnessProvesIt() {
    String older = "{" + S + ",\"type\":\"string\",\"format\":\"email\"}";
    String newer = "{" + D7 + ",\"type\":\"string\",\"format\":\"email\"}";
    assertThat(ConfigSchema.fromText(older).validateText("\"x\"").isValid()).isTrue();
    assertThat(ConfigSchema.fromText(newer).validateText("\"x\"").isValid()).isFalse();
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, "dialect changed from 2020-12 to draft-07");
    assertThat(c.kind()).isEqualTo(SchemaChange.Kind.SCHEMA_CHANGED);
    assertThat(c.older().pointer()).isEqualTo("/$schema");
    assertThat(c.newer().pointer()).isEqualTo("/$schema");
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.BREAKS);
    assertThat(c.witness(Direction.BACKWARD)).isPresent();
    CompatibilityReport back = compare(Compatibility.Mode.FULL, newer, older);
    assertThat(back.isCompatible()).isFalse();
    assertThat(change(back, "dialect changed from draft-07 to 2020-12").impact(Direction.FORWARD))
        .isEqualTo(Impact.BREAKS);
  }

  @Test
  void aDialectChangedWithNothingToProveItStaysNotDecided() {
    String older = "{" + S + ",\"type\":\"object\"}";
    String newer = "{" + D7 + ",\"type\":\"object\"}";
    CompatibilityReport r = compare(Compatibility.Mode.FULL, older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, "dialect changed from 2020-12 to draft-07");
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.NOT_DECIDED);
    assertThat(c.impact(Direction.FORWARD)).isEqualTo(Impact.NOT_DECIDED);
    assertThat(c.witnesses()).isEmpty();
  }

  @Test
  void aDialectChangedInAReferencedFileIsNotCompatible() throws IOException {
    String root = "{" + S + ",\"properties\":{\"mail\":{\"$ref\":\"mail.schema.json\"}}}";
    Path v1 = Files.createDirectories(dir.resolve("v1"));
    Path v2 = Files.createDirectories(dir.resolve("v2"));
    Files.writeString(v1.resolve("root.schema.json"), root);
    Files.writeString(v2.resolve("root.schema.json"), root);
    Files.writeString(
        v1.resolve("mail.schema.json"), "{" + S + ",\"type\":\"string\",\"format\":\"email\"}");
    Files.writeString(
        v2.resolve("mail.schema.json"), "{" + D7 + ",\"type\":\"string\",\"format\":\"email\"}");
    ConfigSchema older = ConfigSchema.load(v1.resolve("root.schema.json"));
    ConfigSchema newer = ConfigSchema.load(v2.resolve("root.schema.json"));
    assertThat(older.validateText("{\"mail\":\"x\"}").isValid()).isTrue();
    assertThat(newer.validateText("{\"mail\":\"x\"}").isValid()).isFalse();
    CompatibilityReport r =
        checked(Compatibility.of(Compatibility.Mode.BACKWARD).compare(older, newer), older, newer);
    assertThat(r.isCompatible()).isFalse();
    SchemaChange c = change(r, "dialect changed from 2020-12 to draft-07");
    assertThat(c.instancePath()).isEqualTo("/mail");
    assertThat(c.impact(Direction.BACKWARD)).isEqualTo(Impact.BREAKS);
  }

  // ------------------------------------------------------------------ $ref siblings in draft-07

  private static final String SIBLING =
      "{"
          + D7
          + ",\"properties\":{\"a\":{\"$ref\":\"#/definitions/n\",\"maximum\":5}},"
          + "\"definitions\":{\"n\":{\"type\":\"number\"}}}";

  @Test
  void keywordsBesideARefInDraft07AreIgnoredAsValidationIgnoresThem() {
    String newer = SIBLING.replace("5", "3");
    assertThat(ConfigSchema.fromText(SIBLING).validateText("{\"a\":6}").isValid()).isTrue();
    assertThat(ConfigSchema.fromText(newer).validateText("{\"a\":6}").isValid()).isTrue();
    CompatibilityReport r = compare(Compatibility.Mode.FULL, SIBLING, newer);
    assertThat(r.changes()).isEmpty();
    assertThat(r.isCompatible()).isTrue();
  }

  @Test
  void aChangeOfTheRefTargetInDraft07IsStillFound() {
    String newer = SIBLING.replace("\"type\":\"number\"", "\"type\":\"number\",\"maximum\":3");
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, SIBLING, newer);
    assertThat(r.isCompatible()).isFalse();
    assertThat(r.breaking()).hasSize(1);
    assertThat(r.breaking().get(0).witness(Direction.BACKWARD)).isPresent();
  }

  @Test
  void keywordsBesideARefThatApplyOnlyInTheNewerDialectAreNotCompatible() {
    String newer = SIBLING.replace(D7, S);
    assertThat(ConfigSchema.fromText(SIBLING).validateText("{\"a\":6}").isValid()).isTrue();
    assertThat(ConfigSchema.fromText(newer).validateText("{\"a\":6}").isValid()).isFalse();
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, SIBLING, newer);
    assertThat(r.isCompatible()).isFalse();
    assertThat(change(r, "dialect changed from draft-07 to 2020-12").impact(Direction.BACKWARD))
        .isIn(Impact.NOT_DECIDED, Impact.BREAKS);
  }

  @Test
  void keywordsBesideARefStillApplyIn2020() {
    String older = SIBLING.replace(D7, S).replace("definitions", "$defs");
    String newer = older.replace("5", "3");
    assertThat(ConfigSchema.fromText(older).validateText("{\"a\":6}").isValid()).isFalse();
    CompatibilityReport r = compare(Compatibility.Mode.BACKWARD, older, newer);
    assertThat(r.isCompatible()).isFalse();
    assertThat(r.breaking().get(0).witness(Direction.BACKWARD)).isPresent();
  }
}
