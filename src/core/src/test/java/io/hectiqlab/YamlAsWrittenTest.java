package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * YAML the way compose files, CI pipelines and Kubernetes manifests are written: anchors, aliases
 * and merge keys, the YAML 1.2 core schema, tags, and the limit on what aliases may build.
 */
class YamlAsWrittenTest {
  private static final String CORE_TAGS =
      " (the core schema's tags are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq)";

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private Config load(String content) throws Exception {
    return Config.load(write("c.yaml", content));
  }

  /** The message of Config.load's parse error, after the file name. */
  private String errorFor(String content) throws Exception {
    Path file = write("e.yaml", content);
    try {
      Config.load(file);
    } catch (ConfigException.Parse e) {
      assertThat(e.origin()).isEqualTo(file.toString());
      return e.getMessage().substring(file.toString().length());
    }
    throw new AssertionError("no error for " + content);
  }

  private ConfigSchema schema(String json) {
    return ConfigSchema.fromText(json);
  }

  // ------------------------------------------------------------------ anchors, aliases, merges

  @Test
  void aliasesCopyAnchoredScalarsListsAndMappings() throws Exception {
    Config c =
        load(
            "defaults:\n"
                + "  lr: &lr 0.001\n"
                + "  layers: &layers [64, 128]\n"
                + "  opt: &opt {name: adam, betas: [0.9, 0.99]}\n"
                + "run:\n"
                + "  lr: *lr\n"
                + "  layers: *layers\n"
                + "  opt: *opt\n");
    assertThat(c.get("run.lr")).isEqualTo(0.001);
    assertThat(c.getList("run.layers")).containsExactly(64, 128);
    assertThat(c.getConfig("run.opt").toMap())
        .isEqualTo(Map.of("name", "adam", "betas", List.of(0.9, 0.99)));
    c.set("run.opt.name", "sgd");
    assertThat(c.get("defaults.opt.name")).isEqualTo("adam");
  }

  @Test
  void mergeKeysFollowYaml11ExplicitKeysWinThenEarlierMappingsOfTheList() throws Exception {
    Config c =
        load(
            "base: &base {image: app:1, replicas: 1, env: prod}\n"
                + "extra: &extra {replicas: 9, port: 80, env: dev}\n"
                + "web:\n"
                + "  env: test\n"
                + "  <<: [*base, *extra]\n"
                + "  replicas: 3\n"
                + "worker:\n"
                + "  <<: *base\n"
                + "inline:\n"
                + "  <<: {a: 1, b: 2}\n"
                + "  b: 3\n"
                + "quoted:\n"
                + "  \"<<\": not a merge\n");
    assertThat(c.getConfig("web").toMap())
        .isEqualTo(Map.of("env", "test", "image", "app:1", "replicas", 3, "port", 80));
    assertThat(c.getConfig("worker").toMap())
        .isEqualTo(Map.of("image", "app:1", "replicas", 1, "env", "prod"));
    assertThat(c.getConfig("inline").toMap()).isEqualTo(Map.of("a", 1, "b", 3));
    assertThat(c.getConfig("quoted").toMap()).isEqualTo(Map.of("<<", "not a merge"));
    assertThat(c.getConfig("web").keys())
        .containsExactly("env", "image", "replicas", "port")
        .as("merged keys take the place of the <<");
  }

  @Test
  void mergeOfAnythingButMappingsIsAnErrorAtTheValue() throws Exception {
    assertThat(errorFor("a: &a 1\nb:\n  <<: *a\n"))
        .isEqualTo(
            ":3:7: YAML merge key '<<' needs a mapping or a list of mappings, found a number");
    assertThat(errorFor("a: &a {x: 1}\nb:\n  <<: [*a, [1]]\n"))
        .isEqualTo(
            ":3:12: YAML merge key '<<' needs a mapping or a list of mappings, found a list");
    assertThat(errorFor("b:\n  <<: {x: 1}\n  <<: {y: 1}\n")).isEqualTo(":3:3: duplicate key '<<'");
  }

  @Test
  void aliasesToMissingOrEnclosingAnchorsAreErrorsAtTheAlias() throws Exception {
    assertThat(errorFor("a: 1\nb: *nope\n"))
        .isEqualTo(":2:4: YAML alias '*nope' has no anchor '&nope' before it");
    assertThat(errorFor("b: *later\nc: &later 1\n"))
        .isEqualTo(":1:4: YAML alias '*later' has no anchor '&later' before it");
    assertThat(errorFor("a: &loop\n  b: *loop\n"))
        .isEqualTo(
            ":2:6: YAML alias '*loop' is inside its own anchor; recursive values are not supported");
  }

  @Test
  void billionLaughsIsRefusedWithOneLineNamingTheFileTheLineAndTheLimit() throws Exception {
    Path file = write("lol.yaml", billionLaughs());
    String expected =
        file + ":7:8: YAML aliases expand to more than 1000000 nodes (the limit for one document)";
    try {
      Config.load(file);
      throw new AssertionError("loaded");
    } catch (ConfigException.Parse e) {
      assertThat(e.getMessage()).isEqualTo(expected).doesNotContain("\n");
    }
    ValidationResult r = schema("{\"type\": \"object\"}").validate(file);
    assertThat(r.violations()).singleElement().extracting(Violation::keyword).isEqualTo("syntax");
    assertThat(r.toString())
        .isEqualTo(
            file
                + ":7:8: (root): YAML aliases expand to more than 1000000 nodes (the limit for"
                + " one document) (syntax)");
  }

  /** Nine levels of nine aliases each: 9^9 strings once expanded. */
  static String billionLaughs() {
    StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",");
    b.append("\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char prev = (char) (c - 1);
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      b.append("]\n");
    }
    return b.toString();
  }

  @Test
  void aliasesCannotNestBeyondTheDepthLimit() throws Exception {
    String deep = "[".repeat(150) + "]".repeat(150);
    assertThat(errorFor("a: &d " + deep + "\nb: " + "[".repeat(60) + "*d" + "]".repeat(60)))
        .isEqualTo(":2:64: nesting is deeper than 200 levels");
  }

  @Test
  void violationsInsideAliasedOrMergedValuesNameThePathAndTheAlias() throws Exception {
    Path file =
        write(
            "svc.yaml",
            "base: &base\n"
                + "  replicas: -1\n"
                + "  image: app\n"
                + "web:\n"
                + "  <<: *base\n"
                + "  port: 80\n"
                + "copy: *base\n"
                + "inline:\n"
                + "  <<: {replicas: -2, imgae: x}\n"
                + "pair:\n"
                + "  <<: [*base, {replicas: -3, imgae: y}]\n");
    ConfigSchema s =
        schema(
            "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"object\","
                + " \"properties\": {\"replicas\": {\"minimum\": 0}, \"image\": {},"
                + " \"port\": {}}, \"additionalProperties\": false}}");
    assertThat(s.validate(file).toString().lines())
        .containsExactly(
            file + ":2:13: /base/replicas: must be at least 0 (minimum)",
            file + ":5:7: /web/replicas: must be at least 0 (minimum)",
            file + ":7:7: /copy/replicas: must be at least 0 (minimum)",
            file + ":9:18: /inline/replicas: must be at least 0 (minimum)",
            file
                + ":9:22: /inline/imgae: unknown property 'imgae'; did you mean 'image'?"
                + " (additionalProperties)",
            file + ":11:8: /pair/replicas: must be at least 0 (minimum)",
            file
                + ":11:30: /pair/imgae: unknown property 'imgae'; did you mean 'image'?"
                + " (additionalProperties)");
  }

  // ------------------------------------------------------------------------- core schema, tags

  @Test
  void scalarsFollowTheYaml12CoreSchema() throws Exception {
    Config c =
        load(
            "t: [true, True, TRUE, false, False, FALSE]\n"
                + "n: [null, Null, NULL, ~, '']\n"
                + "i: [0o17, 0x1F, 012, -7, +3]\n"
                + "f: [1.5, .5, 1e3, -2.5E-1]\n"
                + "s: [yes, no, on, off, y, 1_000, 0b11, tRUE, \"true\", '1']\n");
    assertThat(c.getList("t")).containsExactly(true, true, true, false, false, false);
    assertThat(c.getList("n")).containsExactly(null, null, null, null, "");
    assertThat(c.getList("i")).containsExactly(15, 31, 12, -7, 3);
    assertThat(c.getList("f")).containsExactly(1.5, 0.5, 1000.0, -0.25);
    assertThat(c.getList("s"))
        .containsExactly("yes", "no", "on", "off", "y", "1_000", "0b11", "tRUE", "true", "1");
  }

  @Test
  void coreTagsSetTheTypeAndMustFitTheValue() throws Exception {
    Config c =
        load(
            "a: !!str 123\nb: !!int \"5\"\nc: !!float 3\nd: !!null ''\ne: !!bool 'true'\n"
                + "f: ! 12\ng: !!map {x: 1}\nh: !!seq [1]\ni: !!str\n");
    assertThat(c.toMap())
        .containsEntry("a", "123")
        .containsEntry("b", 5)
        .containsEntry("c", 3.0)
        .containsEntry("d", null)
        .containsEntry("e", true)
        .containsEntry("f", "12")
        .containsEntry("g", Map.of("x", 1))
        .containsEntry("h", List.of(1))
        .containsEntry("i", "");
    assertThat(errorFor("a: !!int twelve\n")).isEqualTo(":1:4: 'twelve' is not a valid !!int");
    assertThat(errorFor("a: !!bool yes\n")).isEqualTo(":1:4: 'yes' is not a valid !!bool");
    assertThat(errorFor("a: !!str [1]\n"))
        .isEqualTo(":1:4: YAML tag '!!str' cannot be applied to a list");
    assertThat(errorFor("a: !!seq x\n"))
        .isEqualTo(":1:4: YAML tag '!!seq' cannot be applied to a plain value");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "!!binary aGVsbG8=",
        "!!timestamp 2001-12-14",
        "!!set {a: null}",
        "!!omap [{a: 1}]",
        "!!python/object:os.system ls",
        "!!python/object/apply:os.system [ls]",
        "!custom x",
        "!<tag:example.com,2000:app/x> 1"
      })
  void tagsOutsideTheCoreSchemaAreRefusedByName(String value) throws Exception {
    String tag = value.substring(0, value.indexOf(' '));
    assertThat(errorFor("ok: 1\nbad: " + value + "\n"))
        .isEqualTo(":2:6: YAML tag '" + tag + "' is not supported" + CORE_TAGS);
  }

  @Test
  void tagsOnKeysAndRootsAreCheckedToo() throws Exception {
    assertThat(errorFor("!!python/name:os.system\na: 1\n"))
        .isEqualTo(":1:1: YAML tag '!!python/name:os.system' is not supported" + CORE_TAGS);
    assertThat(errorFor("!secret k: 1\n"))
        .isEqualTo(":1:1: YAML tag '!secret' is not supported" + CORE_TAGS);
  }

  @Test
  void anEmptyDocumentIsNullForValidateAndAClearErrorForLoad() throws Exception {
    Path empty = write("empty.yaml", "# nothing yet\n");
    ValidationResult r = schema("{\"type\": \"object\"}").validate(empty);
    assertThat(r.violations()).singleElement().extracting(Violation::keyword).isEqualTo("type");
    assertThat(r.toString()).isEqualTo(empty + ": (root): must be object, found null (type)");
    assertThat(schema("{\"type\": \"null\"}").validate(empty).isValid()).isTrue();
    assertThat(schema("{\"type\": \"null\"}").validate(write("dashes.yaml", "---\n")).isValid())
        .isTrue();
    assertThat(errorFor("")).isEqualTo(": empty document: expected an object");
  }

  @Test
  void savedYamlReadsBackUnchangedEvenWithAMergeKeyNameAndCoreSchemaLookalikes() throws Exception {
    Config c =
        Config.of(
            "<<",
            "not a merge",
            "words",
            List.of("0o17", "0x1F", "True", "NULL", "~", ".inf", "1e3", "<<", "*a", "&b", "!x"));
    Path file = dir.resolve("saved.yaml");
    c.save(file);
    assertThat(Files.readString(file)).startsWith("\"<<\": ");
    assertThat(Config.load(file)).isEqualTo(c);
  }

  // ---------------------------------------------------------------------------- duplicate keys

  @Test
  void duplicateKeysPointAtTheKeyInYamlAndJson() throws Exception {
    assertThat(errorFor("a: 1\nb:\n  x: 1\n  x: 2\n")).isEqualTo(":4:3: duplicate key 'x'");
    assertThat(errorFor("a: {x: 1, \"x\": 2}\n")).isEqualTo(":1:11: duplicate key 'x'");
    Path json = write("d.json", "{\"a\": 1,\n  \"a\": 2}");
    try {
      Config.load(json);
      throw new AssertionError("loaded");
    } catch (ConfigException.Parse e) {
      assertThat(e.getMessage()).isEqualTo(json + ":2:3: duplicate key 'a'");
    }
  }

  @Test
  void aMergedKeyBesideTheSameExplicitKeyIsNotADuplicate() throws Exception {
    Config c = load("b: &b {x: 1}\nc:\n  x: 2\n  <<: *b\n");
    assertThat(c.get("c.x")).isEqualTo(2);
  }

  // ----------------------------------------------------------------------------- schema files

  @Test
  void yamlSchemaFilesMayUseAnchorsToo() throws Exception {
    Path file =
        write(
            "s.schema.yaml",
            "type: object\n"
                + "properties:\n"
                + "  lr: &rate {type: number, minimum: 0, maximum: 1}\n"
                + "  momentum: *rate\n");
    ValidationResult r = ConfigSchema.load(file).validate(Map.of("lr", 0.1, "momentum", 2));
    assertThat(r.toString()).isEqualTo("<map>: /momentum: must be at most 1 (maximum)");
  }
}
