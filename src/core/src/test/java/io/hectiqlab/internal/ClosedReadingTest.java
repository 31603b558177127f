package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lenient reading ({@link Witnesses#closed}): object schemas that declare properties and say
 * nothing of others reject undeclared properties, in the template and in every file its refs reach,
 * while allOf members, schemas that say how other properties are read, and data keywords stay as
 * written; the original compiled schema is left as it is. Also {@link
 * SchemaEngine.Compiled#transformed}, which it is built on.
 */
class ClosedReadingTest {
  @TempDir Path dir;

  static SchemaEngine.Compiled schema(String text) {
    return SchemaEngine.forText().compileText(text, "<schema>");
  }

  static JsonNode json(String text) {
    return WitnessesTest.json(text);
  }

  static List<String> problems(SchemaEngine.Compiled c, String doc) {
    return c.validate(json(doc)).list().stream().map(SchemaEngine.Finding::describe).toList();
  }

  static final String NESTED =
      """
      {"type": "object", "properties": {
        "a": {"type": "object", "properties": {"b": {"type": "integer"}}},
        "list": {"type": "array", "items": {"properties": {"c": {}}}}}}
      """;

  @Test
  void anUndeclaredPropertyTheOriginalAcceptsIsRejected() {
    SchemaEngine.Compiled open = schema(NESTED);
    SchemaEngine.Compiled closed = Witnesses.closed(open);
    String doc = "{\"a\": {\"b\": 1, \"extra\": 2}}";
    assertThat(problems(open, doc)).isEmpty();
    assertThat(problems(closed, doc))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .isEqualTo("/a/extra: unknown property 'extra' (additionalProperties)");
    assertThat(problems(closed, "{\"top\": 1}")).hasSize(1);
    assertThat(problems(closed, "{\"list\": [{\"c\": 1, \"d\": 2}]}"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("/list/0/d: ");
    assertThat(problems(closed, "{\"a\": {\"b\": 1}, \"list\": [{\"c\": 1}]}")).isEmpty();
  }

  @Test
  void theOriginalCompiledSchemaIsLeftAsItIs() {
    SchemaEngine.Compiled open = schema(NESTED);
    JsonNode before = open.node().deepCopy();
    SchemaEngine.Compiled closed = Witnesses.closed(open);
    assertThat(open.node()).isEqualTo(before);
    assertThat(problems(open, "{\"top\": 1}")).isEmpty();
    assertThat(closed.node().path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(closed.node().at("/properties/a/additionalProperties").asBoolean(true)).isFalse();
    assertThat(closed.origin()).isEqualTo(open.origin());
  }

  @Test
  void refsIntoOtherFilesResolveToTheirClosedCopies() throws Exception {
    Files.writeString(
        dir.resolve("main.schema.json"),
        """
        {"type": "object", "properties": {
          "db": {"$ref": "db.schema.json"},
          "cache": {"$ref": "parts.schema.json#/$defs/cache"}}}
        """);
    Files.writeString(
        dir.resolve("db.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"host\": {\"type\": \"string\"}}}");
    Files.writeString(
        dir.resolve("parts.schema.json"),
        "{\"$defs\": {\"cache\": {\"properties\": {\"size\": {\"type\": \"integer\"}}}}}");
    SchemaEngine.Compiled open =
        SchemaEngine.forDirectory(dir, null)
            .compileFile(dir.resolve("main.schema.json"), "main.schema.json");
    String doc = "{\"db\": {\"host\": \"h\", \"port\": 1}, \"cache\": {\"size\": 1, \"ttl\": 2}}";
    assertThat(problems(open, doc)).isEmpty();
    SchemaEngine.Compiled closed = Witnesses.closed(open);
    assertThat(problems(closed, doc))
        .hasSize(2)
        .containsExactlyInAnyOrder(
            "/db/port: unknown property 'port' (additionalProperties)",
            "/cache/ttl: unknown property 'ttl' (additionalProperties)");
    assertThat(problems(open, doc)).as("the original still reads them open").isEmpty();
  }

  @Test
  void classpathRefsResolveToClosedCopiesToo() throws Exception {
    Files.createDirectories(dir.resolve("t"));
    Files.writeString(
        dir.resolve("t/main.schema.json"),
        "{\"properties\": {\"db\": {\"$ref\": \"db.schema.json\"}}}");
    Files.writeString(
        dir.resolve("t/db.schema.json"), "{\"properties\": {\"host\": {\"type\": \"string\"}}}");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      SchemaEngine.Compiled open = SchemaEngine.compileResource("t/main.schema.json", loader);
      String doc = "{\"db\": {\"host\": \"h\", \"port\": 1}}";
      assertThat(problems(open, doc)).isEmpty();
      assertThat(problems(Witnesses.closed(open), doc))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .isEqualTo("/db/port: unknown property 'port' (additionalProperties)");
    }
  }

  @Test
  void allOfMembersAreNotClosed() {
    SchemaEngine.Compiled closed =
        Witnesses.closed(
            schema(
                """
                {"allOf": [{"properties": {"a": {"type": "integer"}}},
                           {"properties": {"b": {"type": "integer"}}}]}
                """));
    assertThat(problems(closed, "{\"a\": 1, \"b\": 2}")).isEmpty();
    assertThat(problems(closed, "{\"a\": 1, \"b\": 2, \"c\": 3}")).isEmpty();
  }

  @Test
  void aTargetReferredToFromAllOfStaysOpenAndOneReferredToFromPropertiesIsClosed() {
    SchemaEngine.Compiled closed =
        Witnesses.closed(
            schema(
                """
                {"properties": {
                   "mixed": {"allOf": [{"$ref": "#/$defs/base"},
                                      {"properties": {"extra": {"type": "integer"}}}]},
                   "chained": {"allOf": [{"$ref": "#/$defs/alias"},
                                        {"properties": {"more": {}}}]},
                   "plain": {"$ref": "#/$defs/other"}},
                 "$defs": {
                   "base": {"properties": {"name": {"type": "string"}}},
                   "alias": {"$ref": "#/$defs/deep"},
                   "deep": {"properties": {"d": {}}},
                   "other": {"properties": {"o": {}}}}}
                """));
    assertThat(problems(closed, "{\"mixed\": {\"name\": \"n\", \"extra\": 1}}")).isEmpty();
    assertThat(problems(closed, "{\"chained\": {\"d\": 1, \"more\": 2}}")).isEmpty();
    assertThat(problems(closed, "{\"plain\": {\"o\": 1, \"p\": 2}}"))
        .containsExactly(
            "/plain/p: unknown property 'p'; did you mean 'o'? (additionalProperties)");
  }

  @Test
  void aTargetInAnotherFileReferredToFromAllOfStaysOpen() throws Exception {
    Files.writeString(
        dir.resolve("main.schema.json"),
        """
        {"properties": {
          "server": {"allOf": [{"$ref": "base.schema.json#/$defs/named"},
                               {"properties": {"port": {"type": "integer"}}}]},
          "whole": {"allOf": [{"$ref": "whole.schema.json"}, {"properties": {"w2": {}}}]}}}
        """);
    Files.writeString(
        dir.resolve("base.schema.json"),
        "{\"$defs\": {\"named\": {\"properties\": {\"name\": {\"type\": \"string\"}}}}}");
    Files.writeString(dir.resolve("whole.schema.json"), "{\"properties\": {\"w\": {}}}");
    SchemaEngine.Compiled closed =
        Witnesses.closed(
            SchemaEngine.forDirectory(dir, null)
                .compileFile(dir.resolve("main.schema.json"), "main.schema.json"));
    assertThat(problems(closed, "{\"server\": {\"name\": \"n\", \"port\": 1}}")).isEmpty();
    assertThat(problems(closed, "{\"whole\": {\"w\": 1, \"w2\": 2}}")).isEmpty();
    assertThat(problems(closed, "{\"whole\": {\"w\": 1, \"w3\": 2}}")).isEmpty();
  }

  @Test
  void schemasThatSayHowOtherPropertiesAreReadAreNotClosed() {
    SchemaEngine.Compiled closed =
        Witnesses.closed(
            schema(
                """
                {"properties": {
                  "p": {"properties": {"a": {}}, "patternProperties": {"^x": {}}},
                  "q": {"properties": {"a": {}}, "additionalProperties": {"type": "integer"}},
                  "u": {"properties": {"a": {}}, "unevaluatedProperties": true}}}
                """));
    assertThat(problems(closed, "{\"p\": {\"zz\": 1}, \"q\": {\"zz\": 1}, \"u\": {\"zz\": 1}}"))
        .isEmpty();
    assertThat(problems(closed, "{\"q\": {\"zz\": \"s\"}}")).hasSize(1);
  }

  @Test
  void dataKeywordsAreLeftAsWritten() {
    SchemaEngine.Compiled open =
        schema(
            """
            {"properties": {"a": {
              "const": {"properties": {"z": 1}},
              "default": {"properties": {"z": 1}},
              "examples": [{"properties": {}}]}}}
            """);
    SchemaEngine.Compiled closed = Witnesses.closed(open);
    assertThat(closed.node().at("/properties/a/const"))
        .isEqualTo(json("{\"properties\": {\"z\": 1}}"));
    assertThat(closed.node().at("/properties/a/default").has("additionalProperties")).isFalse();
    assertThat(closed.node().at("/properties/a/examples/0").has("additionalProperties")).isFalse();
    assertThat(problems(closed, "{\"a\": {\"properties\": {\"z\": 1}}}")).isEmpty();
  }

  @Test
  void propertiesNamedLikeKeywordsAreSchemas() {
    SchemaEngine.Compiled closed =
        Witnesses.closed(
            schema(
                """
                {"properties": {"enum": {"properties": {"x": {}}},
                                "default": {"properties": {"y": {}}}}}
                """));
    assertThat(problems(closed, "{\"enum\": {\"q\": 1}}")).hasSize(1);
    assertThat(problems(closed, "{\"default\": {\"q\": 1}}")).hasSize(1);
  }

  @Test
  void transformedAppliesToEveryDocumentTheCompilationReads() throws Exception {
    Files.writeString(
        dir.resolve("main.schema.json"),
        "{\"properties\": {\"n\": {\"$ref\": \"n.schema.json\"}}}");
    Files.writeString(dir.resolve("n.schema.json"), "{\"type\": \"integer\"}");
    SchemaEngine.Compiled open =
        SchemaEngine.forDirectory(dir, null)
            .compileFile(dir.resolve("main.schema.json"), "main.schema.json");
    List<String> seen = new java.util.ArrayList<>();
    SchemaEngine.Compiled changed =
        open.transformed(
            (iri, d) -> {
              seen.add(iri.replaceFirst(".*/", ""));
              ObjectNode copy = (ObjectNode) d.deepCopy();
              if (copy.path("type").asString("").equals("integer")) {
                copy.put("minimum", 10);
              }
              return copy;
            });
    assertThat(seen).containsExactly("main.schema.json", "n.schema.json");
    assertThat(problems(open, "{\"n\": 5}")).isEmpty();
    assertThat(problems(changed, "{\"n\": 5}"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("/n: ")
        .endsWith("(minimum)");
  }

  @Test
  void aTransformThatBreaksTheSchemaIsRefusedLikeAnyBadSchema() {
    SchemaEngine.Compiled open = schema("{\"type\": \"integer\"}");
    assertThatThrownBy(
            () ->
                open.transformed(
                    (iri, d) -> {
                      ObjectNode copy = (ObjectNode) d.deepCopy();
                      copy.put("minimum", "ten");
                      return copy;
                    }))
        .isInstanceOf(SchemaLoadException.class)
        .hasMessageContaining("minimum");
  }
}
