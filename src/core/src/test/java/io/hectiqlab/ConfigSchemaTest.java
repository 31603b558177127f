package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSchemaTest {
  static final Path SCHEMAS = Path.of(System.getProperty("hectiqlab.schemas.dir", "../../schemas"));
  static final Path TRAINING = SCHEMAS.resolve("examples/training.schema.json");
  static final Path PARAMS = SCHEMAS.resolve("examples/params.schema.json");

  @TempDir Path dir;

  static final String VALID =
      "name: demo-run\n"
          + "dataset:\n"
          + "  name: mnist\n"
          + "  batch_size: 64\n"
          + "model:\n"
          + "  layers:\n"
          + "    - units: 128\n"
          + "    - units: 10\n"
          + "      activation: tanh\n"
          + "optimizer:\n"
          + "  lr: 0.01\n";

  @Test
  void validDocumentBecomesAConfigWithNestedDefaultsThroughRefs() {
    Config c = ConfigSchema.load(TRAINING).toConfigText(VALID);
    assertThat(c.getInt("dataset.batch_size")).isEqualTo(64);
    assertThat(c.getString("dataset.path")).isEqualTo("./data");
    assertThat(c.getDouble("dataset.splits.train")).isEqualTo(0.8);
    assertThat(c.getInt("seed")).isEqualTo(42);
    assertThat(c.getString("model.layers.0.activation")).isEqualTo("relu");
    assertThat(c.getString("model.layers.1.activation")).isEqualTo("tanh");
    assertThat(c.getString("optimizer.name")).isEqualTo("adam");
    assertThat(c.getInt("schedule.epochs")).isEqualTo(10);
    assertThat(c.getList("tags")).isEmpty();
    assertThat(c.get("__help__")).isNull();
  }

  @Test
  void defaultsDoNotLeakBetweenDocuments() {
    ConfigSchema schema = ConfigSchema.load(TRAINING);
    Config first = schema.toConfigText(VALID);
    first.set("dataset.splits.train", 0.5);
    Config second = schema.toConfigText(VALID);
    assertThat(second.getDouble("dataset.splits.train")).isEqualTo(0.8);
    assertThat(first.getDouble("dataset.splits.train")).isEqualTo(0.5);
  }

  @Test
  void storeHelpPutsHelpUnderHelpKey() {
    ConfigSchema schema = ConfigSchema.load(PARAMS);
    Config c = schema.storeHelp(schema.toConfig(Map.of("strides", List.of(2, 4, 8, 16))));
    assertThat(c.getString("path")).isEqualTo("./");
    assertThat(c.getString("__help__.path"))
        .isEqualTo("[string] The dataset directory (default: \"./\")");
    assertThat(ConfigSchema.load(PARAMS).validate(c).isValid()).isTrue();
  }

  @Test
  void helpFollowsPyhectiqlabShape() {
    String help = ConfigSchema.load(PARAMS).help();
    assertThat(help)
        .isEqualTo(
            "{\n"
                + "  \"path\": \"[string] The dataset directory (default: \\\"./\\\")\",\n"
                + "  \"strides\": \"[array<integer>] List of model's strides (required; items 4..4)\"\n"
                + "}");
    Config training = ConfigSchema.load(TRAINING).helpConfig();
    assertThat(training.getString("dataset.batch_size"))
        .isEqualTo("[integer] Samples per batch (default: 32; >= 1; <= 4096)");
    assertThat(training.getString("dataset.splits.train")).startsWith("[number] No description");
    assertThat(training.getString("model.layers")).startsWith("[array<object>] Hidden layers");
  }

  @Test
  void fieldsListEveryLeafByDottedPathWithTypeDefaultAndConstraints() {
    List<TemplateField> fields = ConfigSchema.load(TRAINING).fields();
    assertThat(fields)
        .filteredOn(f -> f.path().equals("dataset.batch_size"))
        .singleElement()
        .isEqualTo(
            new TemplateField(
                "dataset.batch_size",
                "integer",
                "Samples per batch",
                "32",
                List.of(">= 1", "<= 4096"),
                false));
    assertThat(fields)
        .filteredOn(f -> f.path().equals("dataset.splits.train"))
        .singleElement()
        .satisfies(f -> assertThat(f.description()).isNull());
    assertThat(fields)
        .extracting(TemplateField::path)
        .doesNotHaveDuplicates()
        .contains("optimizer.lr");
    assertThat(ConfigSchema.load(PARAMS).fields())
        .extracting(TemplateField::path, TemplateField::defaultJson)
        .containsExactly(tuple("path", "\"./\""), tuple("strides", null));
  }

  @Test
  void customMessagesFromTheSchemaAreUsed() {
    ValidationResult r = ConfigSchema.load(PARAMS).validate(Config.of("strides", List.of(1, 2)));
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.instancePath()).isEqualTo("/strides");
              assertThat(v.keyword()).isEqualTo("minItems");
              assertThat(v.message()).isEqualTo("Please provide 4 strides");
            });
    assertThat(r.toString()).isEqualTo("<config>: /strides: Please provide 4 strides (minItems)");
  }

  @Test
  void fileViolationsCarryFileLineAndColumnInDocumentOrder() throws Exception {
    Path file = dir.resolve("train.yaml");
    Files.writeString(
        file,
        "name: Demo_Run\n"
            + "dataset:\n"
            + "  name: svhn\n"
            + "  batch_size: 0\n"
            + "model:\n"
            + "  layers: []\n"
            + "optimizer:\n"
            + "  lrr: 2\n");
    ValidationResult r = ConfigSchema.load(TRAINING).validate(file);
    assertThat(r.origin()).isEqualTo(file.toString());
    assertThat(r.toString().lines())
        .containsExactly(
            file + ":1:7: /name: must match the pattern ^[a-z0-9][a-z0-9-]{0,62}$ (pattern)",
            file
                + ":3:9: /dataset/name: must be one of [\"mnist\", \"cifar10\", \"imagenet\"] (enum)",
            file + ":4:15: /dataset/batch_size: must be at least 1 (minimum)",
            file + ":6:11: /model/layers: must have at least 1 item(s), found 0 (minItems)",
            file
                + ":8:3: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?"
                + " (additionalProperties)");
  }

  @Test
  void jsonFilesGetPositionsToo() throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, "{\n  \"strides\": [1, 2, \"x\", 4]\n}\n");
    ValidationResult r = ConfigSchema.load(PARAMS).validate(file);
    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.location()).hasToString(file + ":2:21");
              assertThat(v.message()).isEqualTo("must be integer, found string");
            });
  }

  @Test
  void malformedFilesAreASyntaxViolationNotAnException() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "strides: [1, 2\n");
    ValidationResult r = ConfigSchema.load(PARAMS).validate(file);
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations().get(0).keyword()).isEqualTo("syntax");
    assertThat(r.toString()).startsWith(file + ":2:");
    assertThatThrownBy(() -> ConfigSchema.load(PARAMS).toConfig(file))
        .isInstanceOf(ConfigException.Parse.class);
  }

  @Test
  void invalidDocumentsThrowInvalidWithViolations() {
    assertThatThrownBy(() -> ConfigSchema.load(PARAMS).toConfigText("{\"strides\": [1]}"))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessage(
            "<string>: 1 violation\n<string>:1:13: /strides: Please provide 4 strides (minItems)")
        .satisfies(e -> assertThat(((ConfigException.Invalid) e).violations()).hasSize(1));
  }

  @Test
  void validatesMapsConfigsAndTextAlike() {
    ConfigSchema schema = ConfigSchema.load(PARAMS);
    Map<String, Object> doc = Map.of("strides", List.of(1, 2, 3, 4), "extra", true);
    assertThat(schema.validate(doc).violations())
        .extracting(Violation::instancePath)
        .containsExactly("/extra");
    assertThat(schema.validate(Config.fromMap(doc)).isValid()).isFalse();
    assertThat(schema.validateText("strides: [1, 2, 3, 4]\n").isValid()).isTrue();
    assertThat(schema.validateText("{\"strides\": [1, 2, 3, 4]}").isValid()).isTrue();
  }

  @Test
  void toConfigDoesNotChangeItsArgument() {
    Config input = Config.of("strides", List.of(1, 2, 3, 4));
    Config out = ConfigSchema.load(PARAMS).toConfig(input);
    assertThat(input.keys()).containsExactly("strides");
    assertThat(out.keys()).containsExactly("path", "strides"); // the default in the schema's order
  }

  @Test
  void schemasAreCachedAndSharedSafelyAcrossThreads() throws Exception {
    ConfigSchema schema = ConfigSchema.load(TRAINING);
    assertThat(ConfigSchema.load(TRAINING)).isSameAs(schema);
    List<Thread> threads = new java.util.ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    Config c = schema.toConfigText(VALID);
                    if (!c.getString("dataset.path").equals("./data")) {
                      throw new AssertionError("defaults lost");
                    }
                    if (schema.validateText(VALID).violations().size() != 0) {
                      throw new AssertionError("valid document reported invalid");
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void classpathSchemaResolvesSiblingRefsThroughItsHttpsId() throws Exception {
    // The examples folder as the only resource root: training.schema.json declares an https $id
    // and refers to common.schema.json relatively, so the ref is an https IRI to map back.
    try (var loader =
        new java.net.URLClassLoader(new java.net.URL[] {SCHEMAS.toUri().toURL()}, null)) {
      ConfigSchema s = ConfigSchema.fromClasspath("examples/training.schema.json", loader);
      assertThat(s.toConfigText(VALID).getInt("seed")).isEqualTo(42);
      assertThat(s.validateText(VALID.replace("batch_size: 64", "batch_size: 0")).isValid())
          .isFalse();
    }
  }

  @Test
  void classpathSchemaResolvesRelativeSiblingRefs() throws Exception {
    Path root = dir.resolve("cp2");
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("a/t.json"), "{\"$id\": \"t.json\", \"type\": \"string\"}");
    Files.writeString(
        root.resolve("a/s.json"),
        "{\"$id\": \"s.json\", \"properties\": {\"p\": {\"$ref\": \"t.json\"}}}");
    try (var loader =
        new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null)) {
      ConfigSchema s = ConfigSchema.fromClasspath("a/s.json", loader);
      assertThat(s.validateText("{\"p\": \"x\"}").isValid()).isTrue();
      assertThat(s.validateText("{\"p\": 1}").isValid()).isFalse();
    }
  }

  @Test
  void classpathSchemaRefusesRefsOutsideItsFolder() throws Exception {
    Path root = dir.resolve("cp");
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("secret.json"), "{\"type\": \"string\"}");
    Files.writeString(
        root.resolve("a/s.json"),
        "{\"$id\": \"https://x.example/a/s.json\", \"properties\": {\"p\": {\"$ref\":"
            + " \"../secret.json\"}}}");
    try (var loader =
        new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null)) {
      assertThatThrownBy(
              () -> ConfigSchema.fromClasspath("a/s.json", loader).validateText("{\"p\": 1}"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("not loaded");
    }
  }

  @Test
  void jsonschema2pojoKeywordsAreAccepted() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"type\": \"object\", \"javaType\": \"a.B\", \"extendsJavaClass\": \"a.C\","
                + " \"properties\": {\"x\": {\"type\": \"string\", \"existingJavaType\": \"a.D\"}}}");
    assertThat(s.validate(Map.of("x", "y")).isValid()).isTrue();
  }

  @Test
  void olderDraftsAreSelectedBySchemaKeyword() {
    ConfigSchema draft7 =
        ConfigSchema.fromText(
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"definitions\": {\"n\": {\"type\": \"integer\"}},"
                + " \"properties\": {\"a\": {\"$ref\": \"#/definitions/n\", \"type\": \"string\"}}}");
    // In draft 7, keywords beside $ref are ignored.
    assertThat(draft7.validate(Map.of("a", 1)).isValid()).isTrue();
    ConfigSchema draft4 =
        ConfigSchema.fromText(
            "{\"$schema\": \"http://json-schema.org/draft-04/schema#\","
                + " \"properties\": {\"a\": {\"maximum\": 5, \"exclusiveMaximum\": true}}}");
    assertThat(draft4.validate(Map.of("a", 5)).isValid()).isFalse();
  }

  @Test
  void schemaDirectoryFindsTemplatesByNamePathAndId() {
    SchemaDirectory d = SchemaDirectory.open(SCHEMAS);
    assertThat(d.names()).contains("examples/training.schema.json", "examples/params.schema.json");
    assertThat(d.get("training")).isSameAs(d.get("examples/training.schema.json"));
    assertThat(d.get("https://schemas.hectiqlab.io/examples/params.schema.json").id())
        .isEqualTo("https://schemas.hectiqlab.io/examples/params.schema.json");
    assertThatThrownBy(() -> d.get("nope"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("no template named 'nope' (templates: ");
    ConfigSchema inline =
        d.fromText("{\"$ref\": \"https://schemas.hectiqlab.io/examples/params.schema.json\"}");
    assertThat(inline.validate(Map.of("strides", List.of(1))).isValid()).isFalse();
  }

  @Test
  void classpathSchemasResolveSiblingRefs() {
    ConfigSchema s = ConfigSchema.fromClasspath("schemas/test/outer.schema.json");
    assertThat(s.validate(Map.of("n", -1)).violations())
        .extracting(Violation::message)
        .containsExactly("must be at least 0");
  }
}
