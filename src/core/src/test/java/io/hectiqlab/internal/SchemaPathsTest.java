package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * What a schema says at an instance path: declared or not, property spelling, did-you-mean paths,
 * merge rules and secrets through refs and combinators, and bounded walks of recursive schemas.
 */
class SchemaPathsTest {
  @TempDir Path dir;

  static SchemaPaths paths(String schema) {
    return SchemaPaths.of(SchemaEngine.forText().compileText(schema, "<schema>"));
  }

  static List<String> p(String dotted) {
    return dotted.isEmpty() ? List.of() : List.of(DottedPaths.split(dotted));
  }

  static final String SERVICE =
      """
      {"type": "object", "additionalProperties": false, "properties": {
        "server": {"type": "object", "properties": {
          "host": {"type": "string"}, "port": {"type": "integer"}}},
        "dataset": {"type": "object", "properties": {"batch_size": {"type": "integer"}}},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "tags": {"type": "array", "items": {"type": "string"}},
        "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}],
                 "items": false},
        "by": {"type": "object", "patternProperties": {"^x-": {"type": "boolean"}},
               "additionalProperties": false},
        "db": {"$ref": "#/$defs/db"},
        "mode": {"oneOf": [{"type": "object", "properties": {"fast": {"type": "boolean"}}},
                           {"type": "object", "properties": {"slow": {"type": "integer"}}}]},
        "all": {"allOf": [{"properties": {"a": {"type": "integer"}}},
                          {"properties": {"b": {"type": "string"}}}]}
      },
      "$defs": {"db": {"type": "object", "properties": {
        "user": {"type": "string"}, "password": {"type": "string", "writeOnly": true}}}}}
      """;

  @ParameterizedTest
  @CsvSource({
    "server.port, true",
    "server.prot, false",
    "dataset.batch_size, true",
    "labels.anything, true",
    "tags.0, true",
    "tags.12, true",
    "tags.x, false",
    "pair.0, true",
    "pair.1, true",
    "pair.2, false",
    "by.x-debug, true",
    "by.debug, false",
    "db.password, true",
    "db.other, false",
    "mode.fast, true",
    "mode.slow, true",
    "all.a, true",
    "all.b, true",
    "extra, false",
    "server.port.deeper, false"
  })
  void declaresFollowsPropertiesItemsPatternsRefsAndCombinators(String path, boolean declared) {
    assertThat(paths(SERVICE).declares(p(path))).isEqualTo(declared);
  }

  @Test
  void conditionalBranchesAndUnevaluatedPropertiesDeclareToo() {
    SchemaPaths s =
        paths(
            "{\"if\": {\"properties\": {\"kind\": {\"const\": \"a\"}}},"
                + " \"then\": {\"properties\": {\"alpha\": {\"type\": \"integer\"}}},"
                + " \"else\": {\"properties\": {\"beta\": {\"type\": \"boolean\"}}},"
                + " \"properties\": {\"m\": {\"unevaluatedProperties\": {\"type\": \"integer\"}}}}");
    assertThat(s.declares(p("alpha"))).isTrue();
    assertThat(s.declares(p("beta"))).isTrue();
    assertThat(s.declares(p("m.any"))).isTrue();
    assertThat(s.convert(p("m.any"), "7").intValue()).isEqualTo(7);
    assertThat(s.convert(p("beta"), "true").booleanValue()).isTrue();
  }

  @Test
  void pointerKeysAreUnescaped() {
    assertThat(SchemaPaths.pointerKeys("")).isEmpty();
    assertThat(SchemaPaths.pointerKeys("/a~1b/c~0d/0")).containsExactly("a/b", "c~d", "0");
  }

  @Test
  void theRootIsDeclared() {
    assertThat(paths(SERVICE).declares(List.of())).isTrue();
  }

  @Test
  void propertyMatchesIgnoringCaseAndPrefersTheExactName() {
    SchemaPaths s = paths(SERVICE);
    assertThat(s.property(p("dataset"), "BATCH_SIZE")).isEqualTo("batch_size");
    assertThat(s.property(p("dataset"), "batch_size")).isEqualTo("batch_size");
    assertThat(s.property(List.of(), "Server")).isEqualTo("server");
    assertThat(s.property(List.of(), "nope")).isNull();
    assertThat(s.property(p("db"), "PASSWORD")).isEqualTo("password");
    assertThat(s.property(p("mode"), "SLOW")).isEqualTo("slow");
  }

  @Test
  void twoNamesThatDifferOnlyByCaseMatchOnlyExactly() {
    SchemaPaths s = paths("{\"properties\": {\"Port\": {}, \"port\": {}, \"host\": {}}}");
    assertThat(s.property(List.of(), "Port")).isEqualTo("Port");
    assertThat(s.property(List.of(), "port")).isEqualTo("port");
    assertThat(s.property(List.of(), "PORT")).isNull();
    assertThat(s.property(List.of(), "HOST")).isEqualTo("host");
  }

  @Test
  void mapKeysAreLowercasedWhereNoPropertiesAreDeclared() {
    SchemaPaths s = paths(SERVICE);
    assertThat(s.mapKey(p("labels"), "TEAM")).isEqualTo("team");
    assertThat(s.mapKey(p("server"), "PROT")).isNull();
    assertThat(s.mapKey(p("by"), "X-DEBUG")).isEqualTo("x-debug");
    assertThat(s.mapKey(p("by"), "DEBUG")).isNull();
    assertThat(paths("{\"type\": \"object\"}").mapKey(List.of(), "ANY")).isEqualTo("any");
    assertThat(paths("{}").mapKey(List.of(), "ANY")).isEqualTo("any");
    assertThat(s.mapKey(p("server.port"), "DEEP")).isNull();
    assertThat(s.mapKey(p("tags"), "X")).isNull();
  }

  @Test
  void closestSuggestsTheNearestDeclaredDottedPath() {
    SchemaPaths s = paths(SERVICE);
    assertThat(s.closest(p("server.prot"))).isEqualTo("server.port");
    assertThat(s.closest(p("servr.port"))).isEqualTo("server.port");
    assertThat(s.closest(p("dataset.batch_sise"))).isEqualTo("dataset.batch_size");
    assertThat(s.closest(p("db.pasword"))).isEqualTo("db.password");
    assertThat(s.closest(p("mode.slw"))).isEqualTo("mode.slow");
    assertThat(s.closest(p("completely.different"))).isNull();
    assertThat(s.closestPath(p("server.prot"))).containsExactly("server", "port");
  }

  @Test
  void closestEscapesDotsInsideKeys() {
    SchemaPaths s = paths("{\"properties\": {\"a.b\": {\"properties\": {\"c\": {}}}}}");
    assertThat(s.closest(List.of("a.b", "d"))).isEqualTo("a\\.b.c");
    assertThat(s.closestPath(List.of("a.b", "d"))).containsExactly("a.b", "c");
  }

  // ------------------------------------------------------------------------------- merge rules

  @Test
  void arraysAreReplacedUnlessTheirSchemaSaysOtherwise() {
    SchemaPaths s =
        paths(
            """
            {"properties": {
              "plain": {"type": "array"},
              "more": {"type": "array", "x-hectiqlab-merge": "append"},
              "same": {"type": "array", "x-hectiqlab-merge": "replace"},
              "layers": {"$ref": "#/$defs/layers"},
              "nested": {"properties": {"deep": {"$ref": "#/$defs/layers"}}},
              "either": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/layers"}]},
              "grid": {"type": "array", "items": {"$ref": "#/$defs/layers"}}},
             "$defs": {"layers": {"type": "array", "x-hectiqlab-merge": {"mergeBy": "name"},
                                  "items": {"type": "object"}}}}
            """);
    assertThat(s.mergeRule(p("plain"))).isEqualTo(SchemaPaths.MergeRule.REPLACE);
    assertThat(s.mergeRule(p("more")))
        .isEqualTo(new SchemaPaths.MergeRule(SchemaPaths.Merge.APPEND, null));
    assertThat(s.mergeRule(p("same"))).isEqualTo(SchemaPaths.MergeRule.REPLACE);
    SchemaPaths.MergeRule byName = new SchemaPaths.MergeRule(SchemaPaths.Merge.MERGE_BY, "name");
    assertThat(s.mergeRule(p("layers"))).isEqualTo(byName);
    assertThat(s.mergeRule(p("nested.deep"))).isEqualTo(byName);
    assertThat(s.mergeRule(p("either"))).isEqualTo(byName);
    assertThat(s.mergeRule(p("grid.3"))).isEqualTo(byName);
    assertThat(s.mergeRule(p("undeclared"))).isEqualTo(SchemaPaths.MergeRule.REPLACE);
  }

  @Test
  void mergeRulesReachThroughRefsToOtherFiles() throws Exception {
    Files.createDirectories(dir.resolve("parts"));
    Files.writeString(
        dir.resolve("parts/layers.schema.json"),
        "{\"$defs\": {\"layers\": {\"type\": \"array\", \"x-hectiqlab-merge\": {\"mergeBy\":"
            + " \"id\"}}, \"tags\": {\"$ref\": \"../tags.schema.json\"}}}");
    Files.writeString(
        dir.resolve("tags.schema.json"),
        "{\"type\": \"array\", \"x-hectiqlab-merge\": \"append\", \"x-secret\": true}");
    Files.writeString(
        dir.resolve("model.schema.json"),
        "{\"properties\": {\"layers\": {\"$ref\": \"parts/layers.schema.json#/$defs/layers\"},"
            + " \"tags\": {\"$ref\": \"parts/layers.schema.json#/$defs/tags\"}}}");
    SchemaPaths s =
        SchemaPaths.of(
            SchemaEngine.forDirectory(dir, null)
                .compileFile(dir.resolve("model.schema.json"), "model.schema.json"));
    assertThat(s.mergeRule(p("layers")))
        .isEqualTo(new SchemaPaths.MergeRule(SchemaPaths.Merge.MERGE_BY, "id"));
    assertThat(s.mergeRule(p("tags"))).isEqualTo(SchemaPaths.MergeRule.APPEND);
    assertThat(s.isSecret(p("tags.0"))).isTrue();
    assertThat(s.isSecret(p("layers"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"appendd\"|\"appendd\"",
        "\"APPEND\"|\"APPEND\"",
        "true|true",
        "{\"mergeBy\": 3}|{\"mergeBy\":3}",
        "{\"mergeBy\": \"\"}|{\"mergeBy\":\"\"}",
        "{\"merge\": \"name\"}|{\"merge\":\"name\"}",
        "{\"mergeBy\": \"name\", \"x\": 1}|{\"mergeBy\":\"name\",\"x\":1}"
      })
  void aBadMergeRuleFailsAtLoadNamingTheFileAndPointer(String value, String shown)
      throws Exception {
    Path file = dir.resolve("t.schema.json");
    Files.writeString(
        file,
        "{\"properties\": {\n  \"layers\": {\"type\": \"array\", \"x-hectiqlab-merge\": "
            + value
            + "}}}");
    SchemaEngine engine = SchemaEngine.forDirectory(dir, null);
    assertThatThrownBy(() -> engine.compileFile(file, "t.schema.json"))
        .isInstanceOf(SchemaLoadException.class)
        .hasMessage(
            "t.schema.json:2:52: /properties/layers/x-hectiqlab-merge: \"x-hectiqlab-merge\" must"
                + " be \"replace\", \"append\" or {\"mergeBy\": \"<property name>\"}, found "
                + shown);
  }

  @Test
  void aBadMergeRuleInAReferencedFileNamesThatFile() throws Exception {
    Files.writeString(
        dir.resolve("defs.schema.json"),
        "{\"$defs\": {\"l\": {\n\"type\": \"array\",\n\"x-hectiqlab-merge\": \"merge\"}}}");
    Path file = dir.resolve("t.schema.json");
    Files.writeString(file, "{\"properties\": {\"l\": {\"$ref\": \"defs.schema.json#/$defs/l\"}}}");
    SchemaEngine engine = SchemaEngine.forDirectory(dir, null);
    assertThatThrownBy(() -> engine.compileFile(file, "t.schema.json"))
        .isInstanceOf(SchemaLoadException.class)
        .hasMessage(
            "t.schema.json: referenced schema defs.schema.json:3:22:"
                + " /$defs/l/x-hectiqlab-merge: \"x-hectiqlab-merge\" must be \"replace\","
                + " \"append\" or {\"mergeBy\": \"<property name>\"}, found \"merge\"");
  }

  @Test
  void aMergeRuleOnASchemaThatIsNoArrayOrANonBooleanSecretFailsAtLoad() {
    assertThatThrownBy(
            () ->
                io.hectiqlab.ConfigSchema.fromText(
                    "{\"properties\": {\"a\": {\"type\": \"string\", \"x-hectiqlab-merge\":"
                        + " \"append\"}}}"))
        .isInstanceOf(io.hectiqlab.ConfigException.BadSchema.class)
        .hasMessage(
            "<schema>:1:62: /properties/a/x-hectiqlab-merge: \"x-hectiqlab-merge\" applies to"
                + " arrays only, found on a schema of type \"string\"");
    assertThatThrownBy(
            () ->
                io.hectiqlab.ConfigSchema.fromText(
                    "{\"properties\": {\"a\": {\"x-secret\": \"yes\"}}}"))
        .isInstanceOf(io.hectiqlab.ConfigException.BadSchema.class)
        .hasMessage(
            "<schema>:1:35: /properties/a/x-secret: \"x-secret\" must be true or false, found"
                + " \"yes\"");
    assertThat(
            paths(
                    "{\"properties\": {\"a\": {\"type\": [\"array\", \"null\"],"
                        + " \"x-hectiqlab-merge\": \"append\", \"x-secret\": false}}}")
                .mergeRule(p("a"))
                .kind())
        .isEqualTo(SchemaPaths.Merge.APPEND);
  }

  @Test
  void aPropertyNamedLikeTheKeywordOrTheKeywordInsideDataIsNoMergeRule() {
    SchemaPaths s =
        paths(
            "{\"properties\": {\"x-hectiqlab-merge\": {\"type\": \"string\"}},"
                + " \"default\": {\"x-hectiqlab-merge\": 5},"
                + " \"$defs\": {\"x-hectiqlab-merge\": {\"type\": \"array\"}}}");
    assertThat(s.declares(p("x-hectiqlab-merge"))).isTrue();
  }

  // ----------------------------------------------------------------------------------- secrets

  @Test
  void writeOnlyOrXSecretMarksThePathAndEverythingBelowIt() {
    SchemaPaths s =
        paths(
            """
            {"properties": {
              "db": {"properties": {"password": {"type": "string", "writeOnly": true},
                                    "user": {"type": "string"}}},
              "vault": {"x-secret": true, "type": "object"},
              "keys": {"type": "array", "items": {"$ref": "#/$defs/key"}},
              "alt": {"anyOf": [{"type": "string", "x-secret": true}, {"type": "integer"}]},
              "open": {"writeOnly": false}},
             "$defs": {"key": {"type": "string", "x-secret": true}}}
            """);
    assertThat(s.isSecret(p("db.password"))).isTrue();
    assertThat(s.isSecret(p("db.user"))).isFalse();
    assertThat(s.isSecret(p("db"))).isFalse();
    assertThat(s.isSecret(p("vault"))).isTrue();
    assertThat(s.isSecret(p("vault.token.deep"))).isTrue();
    assertThat(s.isSecret(p("keys.0"))).isTrue();
    assertThat(s.isSecret(p("keys"))).isFalse();
    assertThat(s.isSecret(p("alt"))).isTrue();
    assertThat(s.isSecret(p("open"))).isFalse();
    assertThat(s.isSecret(p("nothing.here"))).isFalse();
  }

  @Test
  void holdsSecretIsTrueAtAndAboveEverySecretTheSchemaDeclares() {
    SchemaPaths s =
        paths(
            """
            {"properties": {
              "db": {"properties": {"password": {"type": "string", "writeOnly": true},
                                    "user": {"type": "string"}}},
              "keys": {"type": "array", "items": {"$ref": "#/$defs/key"}},
              "vaults": {"additionalProperties": {"properties": {
                "token": {"x-secret": true}}}},
              "tree": {"properties": {"child": {"$ref": "#/properties/tree"},
                                      "name": {"type": "string"}}},
              "plain": {"type": "object", "properties": {"a": {"type": "string"}}}},
             "$defs": {"key": {"type": "string", "x-secret": true}}}
            """);
    assertThat(s.holdsSecret(p(""))).isTrue();
    assertThat(s.holdsSecret(p("db"))).isTrue();
    assertThat(s.holdsSecret(p("db.password"))).isTrue();
    assertThat(s.holdsSecret(p("db.user"))).isFalse();
    assertThat(s.holdsSecret(p("keys"))).isTrue();
    assertThat(s.holdsSecret(p("vaults"))).isTrue();
    assertThat(s.holdsSecret(p("vaults.prod"))).isTrue();
    assertThat(s.holdsSecret(p("tree"))).isFalse(); // recursive, without a secret: ends
    assertThat(s.holdsSecret(p("plain"))).isFalse();
    assertThat(s.holdsSecret(p("nothing.here"))).isFalse();
  }

  // ---------------------------------------------------------------------------------- recursion

  static final String RECURSIVE =
      """
      {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "properties": {
        "name": {"type": "string"},
        "children": {"type": "array", "items": {"$ref": "#/$defs/node"},
                     "x-hectiqlab-merge": {"mergeBy": "name"}},
        "self": {"$ref": "#/$defs/node"},
        "loop": {"allOf": [{"$ref": "#/$defs/loop"}]}}},
        "loop": {"allOf": [{"$ref": "#/$defs/loop"}], "anyOf": [{"$ref": "#/$defs/node"}]}}}
      """;

  @Test
  @Timeout(10)
  void recursiveSchemasAreWalkedOnlyAsDeepAsThePath() {
    SchemaPaths s = paths(RECURSIVE);
    assertThat(s.declares(p("self.self.self.children.3.self.name"))).isTrue();
    assertThat(s.declares(p("loop.loop.name"))).isTrue();
    assertThat(s.declares(p("self.nope"))).isFalse();
    assertThat(s.mergeRule(p("self.children.0.children")).kind())
        .isEqualTo(SchemaPaths.Merge.MERGE_BY);
    assertThat(s.closest(p("self.nmae"))).isEqualTo("self.name");
    assertThat(s.convert(p("self.self.name"), "x").stringValue()).isEqualTo("x");
    String deep = "self.".repeat(300) + "name";
    assertThat(s.declares(p(deep))).isFalse();
    assertThat(s.isSecret(p(deep))).isFalse();
  }

  @Test
  @Timeout(10)
  void aSchemaThatRefersOnlyToItselfTerminates() {
    SchemaPaths s =
        paths("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}");
    assertThat(s.declares(p("x"))).isFalse();
    assertThat(s.closest(p("x"))).isNull();
    assertThat(s.convert(p("x"), "1").intValue()).isEqualTo(1);
  }

  @Test
  @Timeout(20)
  void aFanOutOfRefsIsBounded() {
    StringBuilder defs = new StringBuilder();
    int n = 12;
    for (int i = 0; i < n; i++) {
      String next =
          i + 1 < n ? "{\"$ref\": \"#/$defs/d" + (i + 1) + "\"}" : "{\"type\": \"string\"}";
      defs.append(i == 0 ? "" : ", ")
          .append("\"d")
          .append(i)
          .append("\": {\"properties\": {\"a\": ")
          .append(next)
          .append(", \"b\": ")
          .append(next)
          .append("}}");
    }
    SchemaPaths s = paths("{\"$ref\": \"#/$defs/d0\", \"$defs\": {" + defs + "}}");
    assertThat(s.declares(p("a.b.a.b.a.b.a.b.a.b.a.b"))).isTrue();
    assertThat(s.closest(p("a.b.c"))).isNotNull();
  }

  @Test
  void convertFollowsTheTypeWhereverTheSchemaComesFrom() {
    SchemaPaths s = paths(SERVICE);
    JsonNode port = s.convert(p("server.port"), "8081");
    assertThat(port.isIntegralNumber()).isTrue();
    assertThat(port.intValue()).isEqualTo(8081);
    assertThat(s.convert(p("by.x-debug"), "true").booleanValue()).isTrue();
    assertThat(s.convert(p("pair.0"), "3").intValue()).isEqualTo(3);
    assertThat(s.convert(p("pair.1"), "3").stringValue()).isEqualTo("3");
    assertThat(s.convert(p("mode.slow"), "5").intValue()).isEqualTo(5);
    assertThat(s.convert(p("all.b"), "5").stringValue()).isEqualTo("5");
    assertThat(s.convert(p("db.password"), "hunter2x").stringValue()).isEqualTo("hunter2x");
  }
}
