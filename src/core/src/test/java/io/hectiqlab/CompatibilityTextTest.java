package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.SchemaChange.Direction;
import io.hectiqlab.SchemaChange.Impact;
import io.hectiqlab.SchemaChange.Kind;
import io.hectiqlab.SchemaChange.Site;
import io.hectiqlab.SchemaChange.Witness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The line each change prints, the report's summary line, and the report's JSON. */
class CompatibilityTextTest {
  private static final String LR = "/properties/optimizer/properties/lr/maximum";
  private static final Site OLD_LR = new Site(LR, new Location("old.schema.json", 10, 7));
  private static final Site NEW_LR = new Site(LR, new Location("new.schema.json", 12, 7));

  private static SchemaChange change(
      Kind kind,
      String reason,
      @Nullable Site older,
      @Nullable Site newer,
      Impact backward,
      Impact forward,
      List<Witness> witnesses,
      @Nullable String against) {
    return new SchemaChange(
        kind, reason, older, newer, "/optimizer/lr", backward, forward, witnesses, against);
  }

  private static SchemaChange lowered(@Nullable String against) {
    return change(
        Kind.LIMIT_TIGHTENED,
        "maximum lowered from 1 to 0.5",
        OLD_LR,
        NEW_LR,
        Impact.BREAKS,
        Impact.NONE,
        List.of(
            new Witness(
                Direction.BACKWARD,
                "{\"optimizer\": {\"lr\": 0.75}}",
                "/optimizer/lr: must have a maximum value of 0.5 (maximum)")),
        against);
  }

  @Test
  void aBackwardBreakPrintsItsWitnessAtTheNewerSite() {
    assertThat(lowered(null))
        .hasToString(
            "new.schema.json:12:7: /properties/optimizer/properties/lr/maximum: maximum lowered"
                + " from 1 to 0.5: breaks backward: {\"optimizer\": {\"lr\": 0.75}} was valid, now"
                + " invalid");
  }

  @Test
  void aForwardBreakSaysTheDocumentIsValidNow() {
    SchemaChange c =
        change(
            Kind.LIMIT_RELAXED,
            "maximum raised from 1 to 2",
            OLD_LR,
            NEW_LR,
            Impact.NONE,
            Impact.BREAKS,
            List.of(new Witness(Direction.FORWARD, "{\"optimizer\": {\"lr\": 1.5}}", "v")),
            null);
    assertThat(c.toString())
        .endsWith(
            ": maximum raised from 1 to 2: breaks forward: {\"optimizer\": {\"lr\": 1.5}} is valid"
                + " now, was invalid");
  }

  @Test
  void bothDirectionsShareOneLineAndAMissingWitnessIsSaid() {
    SchemaChange c =
        change(
            Kind.CONST_CHANGED,
            "const changed from \"a\" to \"b\"",
            OLD_LR,
            NEW_LR,
            Impact.BREAKS,
            Impact.BREAKS,
            List.of(new Witness(Direction.FORWARD, "{\"x\": \"b\"}", "v")),
            null);
    assertThat(c.toString())
        .endsWith(
            ": const changed from \"a\" to \"b\": breaks backward: no witness document could be"
                + " built; breaks forward: {\"x\": \"b\"} is valid now, was invalid");
  }

  @Test
  void anUndecidedChangeNamesTheOlderSite() {
    SchemaChange c =
        change(
            Kind.CONDITION_NOT_DECIDED,
            "if changed",
            new Site("/if", new Location("old.json", 3, 5)),
            new Site("/if", new Location("new.json", 4, 5)),
            Impact.NOT_DECIDED,
            Impact.NOT_DECIDED,
            List.of(),
            null);
    assertThat(c)
        .hasToString("new.json:4:5: /if: if changed: not decided (older: old.json:3:5 /if)");
  }

  @Test
  void oneUndecidedDirectionIsNamed() {
    SchemaChange c =
        change(
            Kind.PATTERN_CHANGED,
            "pattern changed from \"^a\" to \"^b\"",
            new Site("/pattern", new Location("old.json", 3, 5)),
            new Site("/pattern", new Location("new.json", 3, 5)),
            Impact.NOT_DECIDED,
            Impact.BREAKS,
            List.of(new Witness(Direction.FORWARD, "\"b\"", "v")),
            null);
    assertThat(c.toString())
        .endsWith(
            ": not decided backward (older: old.json:3:5 /pattern); breaks forward: \"b\" is"
                + " valid now, was invalid");
  }

  @Test
  void aRemovedPartIsPrintedAtTheOlderSiteAndInformationOnlyIsSaid() {
    SchemaChange c =
        change(
            Kind.DESCRIPTION_CHANGED,
            "description removed",
            new Site("", new Location("old.json", 1, 1)),
            null,
            Impact.NONE,
            Impact.NONE,
            List.of(),
            null);
    assertThat(c).hasToString("old.json:1:1: (root): description removed: information only");
  }

  @Test
  void aChangeIsShownAtItsNewerSiteElseAtItsOlderOne() {
    assertThat(lowered(null).site()).isEqualTo(NEW_LR);
    SchemaChange removed =
        change(
            Kind.PROPERTY_REMOVED,
            "property lr removed",
            OLD_LR,
            null,
            Impact.NONE,
            Impact.BREAKS,
            List.of(),
            null);
    assertThat(removed.site()).isEqualTo(OLD_LR);
    assertThat(removed.toString()).startsWith("old.schema.json:10:7: " + LR + ": ");
    SchemaChange added =
        change(
            Kind.PROPERTY_ADDED,
            "property lr added",
            null,
            NEW_LR,
            Impact.NONE,
            Impact.NONE,
            List.of(),
            null);
    assertThat(added.site()).isEqualTo(NEW_LR);
  }

  @Test
  void aTransitiveChangeNamesTheVersionItBreaksAgainst() {
    assertThat(lowered("v1.json").toString())
        .contains(": maximum lowered from 1 to 0.5 (against v1.json): breaks backward: ");
  }

  @Test
  void controlCharactersInAReasonStayOnOneLine() {
    SchemaChange c =
        change(
            Kind.TITLE_CHANGED,
            "title changed from \"a\nb\" to \"c\"",
            OLD_LR,
            NEW_LR,
            Impact.NONE,
            Impact.NONE,
            List.of(),
            null);
    assertThat(c.toString()).doesNotContain("\n").contains("\"a\\nb\"");
  }

  @Test
  void theSummaryCountsBreaksAndUndecidedChangesUnderTheMode() {
    SchemaChange info =
        change(
            Kind.TITLE_CHANGED,
            "title changed",
            OLD_LR,
            NEW_LR,
            Impact.NONE,
            Impact.NONE,
            List.of(),
            null);
    SchemaChange undecided =
        change(
            Kind.CONDITION_NOT_DECIDED,
            "if changed",
            OLD_LR,
            NEW_LR,
            Impact.NOT_DECIDED,
            Impact.NOT_DECIDED,
            List.of(),
            null);
    List<SchemaChange> changes = List.of(lowered(null), info);
    CompatibilityReport backward =
        new CompatibilityReport(
            Compatibility.Mode.BACKWARD, Compatibility.ContentModel.OPEN, changes);
    assertThat(backward.isCompatible()).isFalse();
    assertThat(backward.breaking()).containsExactly(lowered(null));
    assertThat(backward.toString())
        .isEqualTo(lowered(null) + "\n" + info + "\n2 changes, 1 breaks backward: incompatible");
    assertThat(report(Compatibility.Mode.FORWARD, changes).summary())
        .isEqualTo("2 changes, 0 break forward: compatible");
    assertThat(report(Compatibility.Mode.NONE, changes).summary())
        .isEqualTo("2 changes (mode none): compatible");
    assertThat(report(Compatibility.Mode.FULL, List.of(lowered(null), undecided)).summary())
        .isEqualTo("2 changes, 1 breaks full, 1 not decided: incompatible");
    assertThat(report(Compatibility.Mode.FORWARD, List.of(undecided)).summary())
        .isEqualTo("1 change, 1 not decided: incompatible");
    assertThat(report(Compatibility.Mode.BACKWARD, List.of()).toString())
        .isEqualTo("no changes: compatible");
  }

  @Test
  void underTheClosedReadingTheSummarySaysTheVerdictHoldsUnderThatReading() {
    String reading =
        " (closed reading: objects that say nothing of other properties read as closed)";
    CompatibilityReport closed =
        new CompatibilityReport(
            Compatibility.Mode.BACKWARD, Compatibility.ContentModel.CLOSED, List.of(lowered(null)));
    assertThat(closed.toString())
        .isEqualTo(lowered(null) + "\n1 change, 1 breaks backward: incompatible" + reading);
    assertThat(
            new CompatibilityReport(
                    Compatibility.Mode.BACKWARD, Compatibility.ContentModel.CLOSED, List.of())
                .summary())
        .isEqualTo("no changes: compatible" + reading);
    assertThat(report(Compatibility.Mode.BACKWARD, List.of(lowered(null))).summary())
        .isEqualTo("1 change, 1 breaks backward: incompatible");
  }

  private static CompatibilityReport report(Compatibility.Mode mode, List<SchemaChange> changes) {
    return new CompatibilityReport(mode, Compatibility.ContentModel.OPEN, changes);
  }

  @Test
  void theJsonHasStableFieldsAndTheWitnessAsAValue() {
    SchemaChange removed =
        change(
            Kind.PROPERTY_REMOVED,
            "property \"b\" removed",
            new Site("/properties/b", new Location("old.json", 4, 10)),
            null,
            Impact.NONE,
            Impact.BREAKS,
            List.of(),
            "v1.json");
    CompatibilityReport r =
        new CompatibilityReport(
            Compatibility.Mode.BACKWARD_TRANSITIVE,
            Compatibility.ContentModel.CLOSED,
            List.of(lowered(null), removed));
    assertThat(r.toJson())
        .isEqualTo(
            """
            {
              "mode": "backward-transitive",
              "contentModel": "closed",
              "compatible": false,
              "witnessSearchComplete": true,
              "changes": [ {
                "kind": "LIMIT_TIGHTENED",
                "reason": "maximum lowered from 1 to 0.5",
                "instancePath": "/optimizer/lr",
                "older": {
                  "pointer": "/properties/optimizer/properties/lr/maximum",
                  "location": "old.schema.json:10:7"
                },
                "newer": {
                  "pointer": "/properties/optimizer/properties/lr/maximum",
                  "location": "new.schema.json:12:7"
                },
                "backward": "BREAKS",
                "forward": "NONE",
                "witnesses": [ {
                  "direction": "BACKWARD",
                  "document": {
                    "optimizer": {
                      "lr": 0.75
                    }
                  },
                  "violation": "/optimizer/lr: must have a maximum value of 0.5 (maximum)"
                } ],
                "against": null
              }, {
                "kind": "PROPERTY_REMOVED",
                "reason": "property \\"b\\" removed",
                "instancePath": "/optimizer/lr",
                "older": {
                  "pointer": "/properties/b",
                  "location": "old.json:4:10"
                },
                "newer": null,
                "backward": "NONE",
                "forward": "BREAKS",
                "witnesses": [ ],
                "against": "v1.json"
              } ]
            }""");
  }

  @Test
  void witnessNumbersKeepTheirDigitsInJson() {
    SchemaChange c =
        change(
            Kind.LIMIT_TIGHTENED,
            "r",
            OLD_LR,
            NEW_LR,
            Impact.BREAKS,
            Impact.NONE,
            List.of(new Witness(Direction.BACKWARD, "{\"x\": 0.10000000000000000001}", "v")),
            null);
    assertThat(report(Compatibility.Mode.BACKWARD, List.of(c)).toJson())
        .contains("\"x\": 0.10000000000000000001");
  }

  private static final String LR_SCHEMA =
      """
      {
        "type": "object",
        "properties": {
          "optimizer": {
            "type": "object",
            "properties": {
              "lr": {
                "type": "number",
                "description": "Learning rate",
                "exclusiveMinimum": 0,
                "maximum": %s
              }
            }
          }
        }
      }
      """;

  @Test
  void theCommandsExampleLineComesOutOfTwoFiles() throws IOException {
    Path dir = Path.of("target", "compat-example");
    Files.createDirectories(dir);
    Path older = dir.resolve("old.schema.json");
    Path newer = dir.resolve("new.schema.json");
    Files.writeString(older, LR_SCHEMA.formatted("1"));
    Files.writeString(newer, LR_SCHEMA.formatted("0.5"));
    CompatibilityReport r =
        Compatibility.of(Compatibility.Mode.BACKWARD)
            .compare(ConfigSchema.load(older), ConfigSchema.load(newer));
    String at = dir.resolve("new.schema.json").toString();
    assertThat(r.toString())
        .isEqualTo(
            at
                + ":11:22: /properties/optimizer/properties/lr/maximum: maximum lowered from 1 to"
                + " 0.5: breaks backward: {\"optimizer\": {\"lr\": 0.75}} was valid, now invalid\n"
                + "1 change, 1 breaks backward: incompatible");
  }

  @Test
  void aLongWitnessIsCutInTheLineAndWholeInTheJson() {
    ConfigSchema older =
        ConfigSchema.fromText(
            "{\"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 5000}}}");
    ConfigSchema newer =
        ConfigSchema.fromText(
            "{\"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 4000}}}");
    CompatibilityReport r = Compatibility.of(Compatibility.Mode.BACKWARD).compare(older, newer);
    SchemaChange c = r.changes().get(0);
    String document = c.witness(Direction.BACKWARD).orElseThrow().document();
    assertThat(document).hasSizeGreaterThan(4000);
    assertThat(older.validateText(document).isValid()).isTrue();
    assertThat(c.toString())
        .contains(
            ": breaks backward: "
                + document.substring(0, SchemaChange.LINE_WITNESS_CHARS)
                + " ... (cut) was valid, now invalid")
        .hasSizeLessThan(SchemaChange.LINE_WITNESS_CHARS + 200);
    assertThat(r.toJson())
        .contains(
            "\"document\": "
                + document.replace("{\"a\": ", "{\n        \"a\": ").replace("}", "\n      }"));
  }
}
