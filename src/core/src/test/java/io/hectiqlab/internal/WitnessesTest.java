package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Witnesses for hand-written pairs of schema versions and the probes a differ would propose: each
 * found document is valid under one version and rejected by the other at the probed place, and a
 * probe that cannot work gives no witness.
 */
class WitnessesTest {
  @TempDir Path dir;

  static SchemaEngine.Compiled schema(String text) {
    return SchemaEngine.forText().compileText(text, "<schema>");
  }

  static JsonNode json(String text) {
    return Documents.parse(
            Documents.Input.text(text, "<test>"), Documents.Format.JSON, Documents.Root.ANY)
        .root();
  }

  static List<String> p(String... keys) {
    return List.of(keys);
  }

  /** Asserts what every witness must be: valid under {@code from}, invalid under {@code to}. */
  static Witnesses.Found proven(
      Witnesses.Found found, SchemaEngine.Compiled from, SchemaEngine.Compiled to) {
    assertThat(found).isNotNull();
    assertThat(from.validate(found.document()).list()).isEmpty();
    assertThat(to.validate(found.document()).list()).isNotEmpty();
    return found;
  }

  static final String LR_OLD =
      """
      {"type": "object", "properties": {"optimizer": {"type": "object",
        "properties": {"lr": {"type": "number", "maximum": 1}}}}}
      """;
  static final String LR_NEW =
      """
      {"type": "object", "properties": {"optimizer": {"type": "object",
        "properties": {"lr": {"type": "number", "maximum": 0.5}}}}}
      """;

  @Test
  void maximumLoweredIsProvenByTheValueTheProbeSets() {
    var from = schema(LR_OLD);
    var to = schema(LR_NEW);
    var found =
        Witnesses.find(
            from, to, List.of(Probe.set(p("optimizer", "lr"), json("0.75"))), p("optimizer", "lr"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"optimizer\": {\"lr\": 0.75}}");
    assertThat(found.violation()).startsWith("/optimizer/lr: ").endsWith("(maximum)");
  }

  @Test
  void maximumLoweredIsFoundWithoutProbesByBoundaryValues() {
    var from = schema(LR_OLD);
    var to = schema(LR_NEW);
    var found = Witnesses.find(from, to, List.of(), p("optimizer", "lr"));
    proven(found, from, to);
    assertThat(found.document().at("/optimizer/lr").doubleValue()).isGreaterThan(0.5);
  }

  @Test
  void aProbeTheOlderVersionRejectsGivesNoWitness() {
    var from = schema(LR_OLD);
    var to = schema(LR_NEW);
    assertThat(
            Witnesses.find(
                from, to, List.of(Probe.set(p("optimizer", "lr"), json("2"))), p("nowhere")))
        .isNull();
  }

  @Test
  void aProbeBothVersionsAcceptGivesNoWitness() {
    var from = schema(LR_OLD);
    var to = schema(LR_NEW);
    assertThat(
            Witnesses.find(
                from, to, List.of(Probe.set(p("optimizer", "lr"), json("0.25"))), p("optimizer")))
        .isNull();
  }

  @Test
  void typeNarrowedFromNumberToInteger() {
    var from = schema("{\"properties\": {\"n\": {\"type\": \"number\"}}}");
    var to = schema("{\"properties\": {\"n\": {\"type\": \"integer\"}}}");
    var found = Witnesses.find(from, to, List.of(Probe.set(p("n"), json("1.5"))), p("n"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"n\": 1.5}");
    assertThat(found.violation()).endsWith("(type)");
  }

  @Test
  void requiredAddedIsProvenByDeletingTheKeyFromADocumentValidUnderBoth() {
    var from =
        schema(
            """
            {"type": "object", "required": ["name"], "properties": {
              "name": {"type": "string", "minLength": 2}, "port": {"type": "integer"}}}
            """);
    var to =
        schema(
            """
            {"type": "object", "required": ["name", "port"], "properties": {
              "name": {"type": "string", "minLength": 2}, "port": {"type": "integer"}}}
            """);
    var found = Witnesses.find(from, to, List.of(Probe.delete(p("port"))), p("port"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"name\": \"aa\"}");
    assertThat(found.violation()).endsWith("(required)").startsWith("(root): ");
  }

  @Test
  void nestedRequiredParentsAreCreatedWithTheirRequiredSiblings() {
    String common =
        """
        "type": "object", "required": ["a"], "properties": {
          "a": {"type": "object", "required": ["id", "b"], "properties": {
            "id": {"type": "string", "pattern": "^[a-z]{3}$"},
            "b": {"type": "object", "properties": {"c": {"type": "integer", "minimum": 5}}}}}}
        """;
    var from = schema("{" + common + "}");
    var to = schema("{" + common.replace("\"minimum\": 5", "\"minimum\": 5, \"maximum\": 9") + "}");
    var found =
        Witnesses.find(
            from, to, List.of(Probe.set(p("a", "b", "c"), json("10"))), p("a", "b", "c"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document()))
        .isEqualTo("{\"a\": {\"id\": \"aaa\", \"b\": {\"c\": 10}}}");
    assertThat(found.violation()).startsWith("/a/b/c: ").endsWith("(maximum)");
  }

  @Test
  void propertyRemovedUnderAClosedContentModel() {
    var from =
        schema(
            """
            {"type": "object", "additionalProperties": false, "properties": {
              "keep": {"type": "boolean"}, "gone": {"type": "string", "enum": ["x", "y"]}}}
            """);
    var to =
        schema(
            """
            {"type": "object", "additionalProperties": false, "properties": {
              "keep": {"type": "boolean"}}}
            """);
    var found =
        Witnesses.find(
            from,
            to,
            List.of(Probe.sample(p("gone"), child(from, "properties", "gone"))),
            p("gone"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"gone\": \"x\"}");
    assertThat(found.violation()).endsWith("(additionalProperties)");
  }

  @Test
  void enumValueRemovedIsFoundBySamplingTheOlderEnum() {
    var from = schema("{\"properties\": {\"mode\": {\"enum\": [\"fast\", \"slow\", \"safe\"]}}}");
    var to = schema("{\"properties\": {\"mode\": {\"enum\": [\"fast\", \"safe\"]}}}");
    var found = Witnesses.find(from, to, List.of(), p("mode"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"mode\": \"slow\"}");
  }

  @Test
  void itemsChangedInsideAnArray() {
    var from =
        schema(
            """
            {"properties": {"tags": {"type": "array", "minItems": 1,
              "items": {"type": "string"}}}}
            """);
    var to =
        schema(
            """
            {"properties": {"tags": {"type": "array", "minItems": 1,
              "items": {"type": "string", "maxLength": 3}}}}
            """);
    var found =
        Witnesses.find(from, to, List.of(Probe.set(p("tags", "0"), json("\"abcd\""))), p("tags"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"tags\": [\"abcd\"]}");
    assertThat(found.violation()).startsWith("/tags/0: ");
  }

  @Test
  void refsAcrossTwoFilesInASchemasDirectory() throws Exception {
    Files.createDirectories(dir.resolve("old"));
    Files.createDirectories(dir.resolve("new"));
    Files.writeString(
        dir.resolve("old/main.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"db\": {\"$ref\": \"db.schema.json\"}}}");
    Files.writeString(
        dir.resolve("old/db.schema.json"),
        "{\"type\": \"object\", \"required\": [\"host\"], \"properties\": {"
            + "\"host\": {\"type\": \"string\", \"format\": \"hostname\"},"
            + " \"port\": {\"type\": \"integer\"}}}");
    Files.writeString(
        dir.resolve("new/main.schema.json"), Files.readString(dir.resolve("old/main.schema.json")));
    Files.writeString(
        dir.resolve("new/db.schema.json"),
        "{\"type\": \"object\", \"required\": [\"host\"], \"properties\": {"
            + "\"host\": {\"type\": \"string\", \"format\": \"hostname\"},"
            + " \"port\": {\"type\": \"integer\", \"maximum\": 65535}}}");
    var from =
        SchemaEngine.forDirectory(dir.resolve("old"), null)
            .compileFile(dir.resolve("old/main.schema.json"), "old/main.schema.json");
    var to =
        SchemaEngine.forDirectory(dir.resolve("new"), null)
            .compileFile(dir.resolve("new/main.schema.json"), "new/main.schema.json");
    var found = Witnesses.find(from, to, List.of(), p("db", "port"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document()))
        .matches("\\{\"db\": \\{\"host\": \"example.com\", \"port\": [0-9]+\\}\\}");
    assertThat(found.document().at("/db/port").longValue()).isGreaterThan(65535);
  }

  @Test
  void noWitnessWhenTheVersionsAcceptTheSameDocuments() {
    var from = schema("{\"properties\": {\"n\": {\"type\": \"integer\", \"minimum\": 0}}}");
    var to = schema("{\"properties\": {\"n\": {\"minimum\": 0, \"type\": \"integer\"}}}");
    assertThat(
            Witnesses.find(
                from, to, List.of(Probe.set(p("n"), json("-1")), Probe.delete(p("n"))), p("n")))
        .isNull();
  }

  @Test
  @Timeout(20)
  void unsatisfiableAndRecursiveSchemasGiveNoWitnessQuickly() {
    var from =
        schema(
            """
            {"$defs": {"n": {"type": "object", "required": ["next"],
              "properties": {"next": {"$ref": "#/$defs/n"}}}},
             "type": "object", "required": ["n"], "properties": {"n": {"$ref": "#/$defs/n"}}}
            """);
    var to = schema("{\"type\": \"object\", \"required\": [\"x\"]}");
    assertThat(Witnesses.find(from, to, List.of(Probe.delete(p("n"))), p("n"))).isNull();
  }

  @Test
  void propertyRemovedUnderTheLenientReading() {
    var older =
        schema(
            "{\"properties\": {\"a\": {\"type\": \"integer\"}, \"b\": {\"type\": \"boolean\"}}}");
    var newer = schema("{\"properties\": {\"a\": {\"type\": \"integer\"}}}");
    assertThat(Witnesses.find(older, newer, List.of(), p("b")))
        .as("open: b stays allowed")
        .isNull();
    var from = Witnesses.closed(older);
    var to = Witnesses.closed(newer);
    var found =
        Witnesses.find(
            from, to, List.of(Probe.sample(p("b"), child(older, "properties", "b"))), p("b"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"b\": false}");
    assertThat(found.violation())
        .isEqualTo("/b: unknown property 'b'; did you mean 'a'? (additionalProperties)");
  }

  @Test
  void aSampleProbeTriesValuesJustOutsideTheNewerBoundsFirst() {
    var from =
        schema(
            "{\"properties\": {\"n\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 100}}}");
    var to =
        schema(
            "{\"properties\": {\"n\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 10}}}");
    var found =
        Witnesses.find(
            from, to, List.of(Probe.sample(p("n"), child(from, "properties", "n"))), p("n"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"n\": 55}");
  }

  @Test
  void aViolationInsideAFailedOneOfIsTheClosestAlternativesOwn() {
    String branch =
        "{\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"object\","
            + " \"properties\": {\"b\": {\"type\": \"integer\"MAX}}}}}";
    String template =
        "{\"properties\": {\"o\": {\"oneOf\": [" + branch + ", {\"type\": \"string\"}]}}}";
    var from = schema(template.replace("MAX", ""));
    var to = schema(template.replace("MAX", ", \"maximum\": 3"));
    var found =
        Witnesses.find(from, to, List.of(Probe.set(p("o", "a", "b"), json("5"))), p("o", "a", "b"));
    proven(found, from, to);
    assertThat(Witnesses.show(found.document())).isEqualTo("{\"o\": {\"a\": {\"b\": 5}}}");
    assertThat(found.violation()).isEqualTo("/o/a/b: must be at most 3 (maximum)");
  }

  @Test
  void aWitnessIsWhatItsPrintedTextReadsBackAs() {
    var from = schema("{\"properties\": {\"x\": {\"type\": \"number\", \"multipleOf\": 0.1}}}");
    var to = schema("{\"properties\": {\"x\": {\"type\": \"number\", \"multipleOf\": 0.2}}}");
    var found = Witnesses.find(from, to, List.of(), p("x"));
    proven(found, from, to);
    assertThat(from.validate(json(Witnesses.show(found.document()))).list()).isEmpty();
    assertThat(to.validate(json(Witnesses.show(found.document()))).list()).isNotEmpty();
  }

  @Test
  @Timeout(30)
  void hostilePatternsHugeEnumsAndDeepPathsEndQuickly() {
    var from =
        schema("{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"^(a|b)*$\"}}}");
    var to =
        schema(
            "{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"^(a|b)*$\", \"maxLength\": 3}}}");
    var found = Witnesses.find(from, to, List.of(), p("s"));
    proven(found, from, to);
    assertThat(found.document().at("/s").stringValue()).matches("[ab]{4,}");

    var backtracking =
        schema("{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"^(.*a){12}$\"}}}");
    var shorter =
        schema(
            "{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"^(.*a){12}$\", \"maxLength\": 11}}}");
    proven(Witnesses.find(backtracking, shorter, List.of(), p("s")), backtracking, shorter);

    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      values.append(i == 0 ? "" : ", ").append('"').append("v").append(i).append('"');
    }
    var huge = schema("{\"properties\": {\"e\": {\"enum\": [" + values + "]}}}");
    var fewer =
        schema(
            "{\"properties\": {\"e\": {\"enum\": ["
                + values.toString().replace("\"v12345\", ", "")
                + "]}}}");
    proven(
        Witnesses.find(huge, fewer, List.of(Probe.set(p("e"), json("\"v12345\""))), p("e")),
        huge,
        fewer);
    assertThat(Witnesses.find(huge, fewer, List.of(), p("e"))).isNull(); // not among the tried

    List<String> deep = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      deep.add("k");
    }
    var recursive =
        schema(
            "{\"$defs\": {\"n\": {\"properties\": {\"k\": {\"$ref\": \"#/$defs/n\"}}}}, \"$ref\": \"#/$defs/n\"}");
    var other = schema("{\"not\": {\"required\": [\"z\"]}}");
    assertThat(Witnesses.find(recursive, other, List.of(Probe.set(deep, json("1"))), deep))
        .isNull();
  }

  @Test
  void showPrintsOneLineOfJsonWithSpaces() {
    assertThat(
            Witnesses.show(
                json("{\"a\":{\"b\":[1,2]},\"c\":null,\"d\":\"x\\\"y\",\"e\":0.75,\"f\":true}")))
        .isEqualTo(
            "{\"a\": {\"b\": [1, 2]}, \"c\": null, \"d\": \"x\\\"y\", \"e\": 0.75, \"f\": true}");
    assertThat(Witnesses.show(json("[]"))).isEqualTo("[]");
    assertThat(Witnesses.show(json("{}"))).isEqualTo("{}");
    assertThat(Witnesses.show(json("\"a\\nb\""))).isEqualTo("\"a\\nb\"");
  }

  @Test
  void showEscapesControlAndInvisibleCharactersAsJsonEscapes() {
    var doc =
        tools.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("k\u0007", "a\u0001b\u202ec\u2028\u0085\ud800");
    String shown = Witnesses.show(doc);
    assertThat(shown).isEqualTo("{\"k\\u0007\": \"a\\u0001b\\u202ec\\u2028\\u0085\\ud800\"}");
    assertThat(Witnesses.reread(doc)).as("documents never hold lone surrogates").isNull();
    var printable = doc.deepCopy().put("k\u0007", "a\u0001b\u202ec\u2028\u0085");
    assertThat(Witnesses.reread(printable)).isEqualTo(printable);
  }

  @Test
  void showCutsALongRenderingAndSaysSo() {
    var array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 1_000; i++) {
      array.add(123456);
    }
    String shown = Witnesses.show(array);
    assertThat(shown).endsWith(Witnesses.CUT).startsWith("[123456, 123456");
    assertThat(shown.length()).isLessThanOrEqualTo(Witnesses.MAX_SHOWN + Witnesses.CUT.length());
    assertThat(Witnesses.reread(array)).as("a cut rendering is never a witness").isNull();
  }

  static Refs.Resolved child(SchemaEngine.Compiled schema, String... path) {
    Refs.Resolved root = Refs.root(schema);
    return Refs.resolve(root.node().at("/" + String.join("/", path)), root.site().child(path));
  }
}
