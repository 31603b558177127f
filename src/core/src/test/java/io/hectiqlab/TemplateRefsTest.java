package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A template that references another file behaves as if that file were inlined: help, fields and
 * defaults follow every ref form that validation follows, with and without {@code $id}s.
 */
class TemplateRefsTest {
  static final String BASE = "https://example.com/schemas/";

  @TempDir Path dir;

  private static final String OPTIMIZER =
      "{\"type\": \"object\", \"description\": \"Optimizer settings\", \"properties\": {"
          + "\"name\": {\"type\": \"string\", \"default\": \"adam\","
          + " \"description\": \"Optimizer family\"},"
          + "\"lr\": {\"type\": \"number\", \"default\": 0.001, \"description\": \"Learning rate\"}},"
          + " \"additionalProperties\": false}";

  /** Every file the forms below use, by path (the ref form decides which one the template uses). */
  private static Map<String, String> files() {
    return Map.of(
        "optimizer.schema.json",
        OPTIMIZER,
        "defs.schema.json",
        "{\"$defs\": {\"optimizer\": " + OPTIMIZER + "}}",
        "common.schema.json",
        "{\"$defs\": {\"lr\": {\"type\": \"number\", \"default\": 0.001,"
            + " \"description\": \"Learning rate\"}}}",
        "parts/optimizer.schema.json",
        "{\"type\": \"object\", \"description\": \"Optimizer settings\", \"properties\": {"
            + "\"name\": {\"type\": \"string\", \"default\": \"adam\","
            + " \"description\": \"Optimizer family\"},"
            + "\"lr\": {\"$ref\": \"../common.schema.json#/$defs/lr\"}},"
            + " \"additionalProperties\": false}",
        "chain/first.schema.json",
        "{\"$ref\": \"second.schema.json#/$defs/opt\"}",
        "chain/second.schema.json",
        "{\"$defs\": {\"opt\": {\"$ref\": \"../optimizer.schema.json\"}}}");
  }

  static Stream<Arguments> forms() {
    List<String> forms =
        List.of(
            "optimizer.schema.json",
            "./optimizer.schema.json",
            "optimizer.schema.json#",
            "defs.schema.json#/$defs/optimizer",
            "parts/optimizer.schema.json",
            "chain/first.schema.json",
            "#/$defs/local",
            BASE + "optimizer.schema.json",
            BASE + "defs.schema.json#/$defs/optimizer");
    List<Arguments> out = new ArrayList<>();
    for (String form : forms) {
      out.add(Arguments.of(form, true));
      out.add(Arguments.of(form, false));
    }
    return out.stream();
  }

  /** Writes the files, each with {@code $id} = BASE + its path when {@code withIds}. */
  private void write(Map<String, String> files, boolean withIds) throws Exception {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      String text = e.getValue();
      if (withIds) {
        text = "{\"$id\": \"" + BASE + e.getKey() + "\", " + text.substring(1);
      }
      Files.writeString(file, text);
    }
  }

  private static String train(String form) {
    return "{\"type\": \"object\", \"properties\": {\n"
        + "  \"dataset\": {\"type\": \"object\"},\n"
        + "  \"optimizer\": {\"$ref\": \""
        + form
        + "\", \"default\": {}},\n"
        + "  \"opt2\": {\"$ref\": \""
        + form
        + "\"}\n"
        + "}, \"$defs\": {\"local\": {\"$ref\": \"optimizer.schema.json\"}}}";
  }

  /** Loads train.schema.json; an absolute form without $ids needs the directory's base URI. */
  private ConfigSchema load(String form, boolean withIds) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(files());
    all.put("train.schema.json", train(form));
    write(all, withIds);
    if (!withIds && form.startsWith(BASE)) {
      return SchemaDirectory.open(dir, URI.create(BASE)).get("train.schema.json");
    }
    return ConfigSchema.load(dir.resolve("train.schema.json"));
  }

  @ParameterizedTest(name = "{0} (ids: {1})")
  @MethodSource("forms")
  void fieldsHelpAndDefaultsFollowTheRefLikeValidation(String form, boolean withIds)
      throws Exception {
    ConfigSchema schema = load(form, withIds);

    assertThat(schema.fields())
        .extracting(TemplateField::path, TemplateField::type, TemplateField::defaultJson)
        .containsExactly(
            tuple("dataset", "object", null),
            tuple("optimizer", "object", "{}"),
            tuple("optimizer.name", "string", "\"adam\""),
            tuple("optimizer.lr", "number", "0.001"),
            tuple("opt2", "object", null),
            tuple("opt2.name", "string", "\"adam\""),
            tuple("opt2.lr", "number", "0.001"));
    assertThat(schema.fields())
        .filteredOn(f -> f.path().equals("opt2.name"))
        .singleElement()
        .satisfies(f -> assertThat(f.description()).isEqualTo("Optimizer family"));

    Config help = schema.helpConfig();
    assertThat(help.getString("optimizer.lr")).isEqualTo("[number] Learning rate (default: 0.001)");
    assertThat(help.getString("opt2.__doc__")).isEqualTo("[object] Optimizer settings");

    Config config = schema.toConfig(Map.of("dataset", Map.of()));
    assertThat(config.toMap())
        .isEqualTo(Map.of("dataset", Map.of(), "optimizer", Map.of("name", "adam", "lr", 0.001)));
    Config both = schema.toConfig(Map.of("opt2", Map.of("lr", 0.1)));
    assertThat(both.getString("opt2.name")).isEqualTo("adam");
    assertThat(both.getDouble("opt2.lr")).isEqualTo(0.1);

    ValidationResult bad = schema.validate(Map.of("opt2", Map.of("lr", "fast")));
    assertThat(bad.violations()).extracting(Violation::instancePath).containsExactly("/opt2/lr");
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.api.Assertions.tuple(values);
  }

  @Test
  void keywordsBesideARefWinOverTheTargets() throws Exception {
    write(files(), false);
    Files.writeString(
        dir.resolve("train.schema.json"),
        "{\"properties\": {\"optimizer\": {\"$ref\": \"optimizer.schema.json\","
            + " \"description\": \"How to optimize\", \"default\": {\"name\": \"sgd\"}}}}");
    ConfigSchema schema = ConfigSchema.load(dir.resolve("train.schema.json"));
    assertThat(schema.fields().get(0))
        .isEqualTo(
            new TemplateField(
                "optimizer", "object", "How to optimize", "{\"name\":\"sgd\"}", List.of(), false));
    assertThat(schema.helpConfig().getString("optimizer.__doc__"))
        .isEqualTo("[object] How to optimize (default: {\"name\":\"sgd\"})");
    assertThat(schema.toConfig(Map.of()).toMap())
        .isEqualTo(Map.of("optimizer", Map.of("name", "sgd", "lr", 0.001)));
  }

  @Test
  void recursiveRefsAreShownOnceThenMarkedRecursive() throws Exception {
    Files.writeString(
        dir.resolve("node.schema.json"),
        "{\"type\": \"object\", \"description\": \"A tree node\", \"properties\": {"
            + "\"value\": {\"type\": \"integer\", \"default\": 0},"
            + "\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}},"
            + "\"next\": {\"$ref\": \"node.schema.json\"}}}");
    Files.writeString(
        dir.resolve("train.schema.json"),
        "{\"properties\": {\"tree\": {\"$ref\": \"node.schema.json\", \"default\": {}}}}");
    ConfigSchema schema = ConfigSchema.load(dir.resolve("train.schema.json"));
    assertThat(schema.fields())
        .extracting(TemplateField::path, TemplateField::type)
        .containsExactly(
            tuple("tree", "object"),
            tuple("tree.value", "integer"),
            tuple("tree.children", "array<object>"),
            tuple("tree.next", "object"));
    assertThat(schema.helpConfig().getString("tree.next"))
        .isEqualTo("[object] A tree node (recursive)");
    Config config = schema.toConfig(Map.of("tree", Map.of("next", Map.of("next", Map.of()))));
    assertThat(config.getInt("tree.value")).isZero();
    assertThat(config.getInt("tree.next.value")).isZero();
    assertThat(config.getInt("tree.next.next.value")).isZero();

    ConfigSchema self =
        ConfigSchema.fromText(
            "{\"properties\": {\"name\": {\"type\": \"string\"}, \"parent\": {\"$ref\": \"#\"}}}");
    assertThat(self.help())
        .isEqualTo(
            "{\n"
                + "  \"name\": \"[string] No description\",\n"
                + "  \"parent\": \"[object] No description (recursive)\"\n"
                + "}");
  }

  @Test
  void fieldsShowRequiredSectionDescriptionsAndOneOfBranches() {
    ConfigSchema schema =
        ConfigSchema.fromText(
            "{\"type\": \"object\", \"required\": [\"dataset\"], \"properties\": {\n"
                + "  \"dataset\": {\"type\": \"object\", \"description\": \"Where the data is\","
                + "    \"required\": [\"name\"], \"properties\": {\n"
                + "      \"name\": {\"type\": \"string\", \"description\": \"Dataset name\"},\n"
                + "      \"path\": {\"type\": \"string\", \"default\": \"./data\"}}},\n"
                + "  \"cache\": {\"description\": \"Result cache\", \"oneOf\": [\n"
                + "    {\"type\": \"null\"},\n"
                + "    {\"type\": \"object\", \"required\": [\"redis_url\"], \"properties\": {\n"
                + "      \"redis_url\": {\"type\": \"string\", \"description\": \"Redis URL\"}}}]},\n"
                + "  \"run\": {\"allOf\": [{\"$ref\": \"#/$defs/named\"}],"
                + "    \"properties\": {\"epochs\": {\"type\": \"integer\"}}}\n"
                + "}, \"$defs\": {\"named\": {\"required\": [\"label\"],"
                + "  \"properties\": {\"label\": {\"type\": \"string\"}}}}}");
    assertThat(schema.fields())
        .containsExactly(
            new TemplateField("dataset", "object", "Where the data is", null, List.of(), true),
            new TemplateField("dataset.name", "string", "Dataset name", null, List.of(), true),
            new TemplateField("dataset.path", "string", null, "\"./data\"", List.of(), false),
            new TemplateField("cache", "null|object", "Result cache", null, List.of(), false),
            new TemplateField(
                "cache.redis_url",
                "string",
                "Redis URL",
                null,
                List.of("only in oneOf branch 2"),
                false),
            new TemplateField("run", "object", null, null, List.of(), false),
            new TemplateField("run.epochs", "integer", null, null, List.of(), false),
            new TemplateField("run.label", "string", null, null, List.of(), true));
    assertThat(schema.help())
        .isEqualTo(
            "{\n"
                + "  \"dataset\": {\n"
                + "    \"__doc__\": \"[object] Where the data is (required)\",\n"
                + "    \"name\": \"[string] Dataset name (required)\",\n"
                + "    \"path\": \"[string] No description (default: \\\"./data\\\")\"\n"
                + "  },\n"
                + "  \"cache\": {\n"
                + "    \"__doc__\": \"[null|object] Result cache\",\n"
                + "    \"redis_url\": \"[string] Redis URL (only in oneOf branch 2)\"\n"
                + "  },\n"
                + "  \"run\": {\n"
                + "    \"epochs\": \"[integer] No description\",\n"
                + "    \"label\": \"[string] No description (required)\"\n"
                + "  }\n"
                + "}");
  }

  @Test
  void classpathTemplatesFollowCrossFileRefs() {
    for (String variant : List.of("plain", "ided")) {
      ConfigSchema schema =
          ConfigSchema.fromClasspath("schemas/test/refs/" + variant + "/train.schema.json");
      assertThat(schema.fields())
          .extracting(TemplateField::path)
          .as(variant)
          .containsExactly("optimizer", "optimizer.name", "optimizer.lr");
      assertThat(schema.toConfig(Map.of()).toMap())
          .as(variant)
          .isEqualTo(Map.of("optimizer", Map.of("name", "adam", "lr", 0.001)));
      assertThat(schema.validate(Map.of("optimizer", Map.of("lr", -1))).toString())
          .as(variant)
          .isEqualTo("<map>: /optimizer/lr: must be at least 0 (minimum)");
    }
  }

  @Test
  @Timeout(60)
  void selfReferencingCombinatorsAndFanOutStayBounded() {
    ConfigSchema loops =
        ConfigSchema.fromText(
            "{\"$defs\": {\"a\": {"
                + "\"anyOf\": [{\"$ref\": \"#/$defs/a\"}, {\"$ref\": \"#/$defs/a\"}],"
                + "\"allOf\": [{\"$ref\": \"#/$defs/a\"}, {\"$ref\": \"#/$defs/a\"}],"
                + "\"items\": {\"$ref\": \"#/$defs/a\"}}},"
                + " \"properties\": {\"x\": {\"$ref\": \"#/$defs/a\"},"
                + " \"y\": {\"type\": \"integer\", \"default\": 1}},"
                + " \"allOf\": [{\"$ref\": \"#\"}, {\"$ref\": \"#\"}]}");
    assertThat(loops.fields()).extracting(TemplateField::path).containsExactly("x", "y");
    assertThat(loops.helpConfig().getString("x")).isEqualTo("[anyOf] No description");
    assertThat(loops.validate(Map.of()).violations())
        .extracting(Violation::keyword)
        .containsExactly("limit");

    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      defs.append(i == 0 ? "" : ", ")
          .append("\"d")
          .append(i)
          .append("\": {\"properties\": {")
          .append("\"l\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append("\"},")
          .append("\"r\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append("\"}}}");
    }
    defs.append(", \"d30\": {\"type\": \"integer\", \"default\": 0}");
    ConfigSchema fanOut =
        ConfigSchema.fromText(
            "{\"$defs\": {" + defs + "}, \"properties\": {\"t\": {\"$ref\": \"#/$defs/d0\"}}}");
    assertThat(fanOut.fields()).hasSize(io.hectiqlab.internal.Help.MAX_FIELDS);
    assertThat(fanOut.toConfig(Map.of("t", Map.of("l", Map.of()))).getInt("t.l.l")).isNull();
  }
}
