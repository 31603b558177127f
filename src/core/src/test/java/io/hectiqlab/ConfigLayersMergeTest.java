package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.lines;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge table: objects, lists replaced, appended or merged by key, null, deletion. */
class ConfigLayersMergeTest {

  @Test
  void objectsMergeKeyByKeyAndTheLaterLayerWins() {
    Config c =
        layers()
            .source(yaml("base.yaml", "server:\n  host: a\n  port: 80\nname: base\n"))
            .source(yaml("exp.yaml", "server:\n  port: 81\n  debug: true\n"))
            .compose()
            .config();
    assertThat(c.get("server.host")).isEqualTo("a");
    assertThat(c.get("server.port")).isEqualTo(81);
    assertThat(c.get("server.debug")).isEqualTo(true);
    assertThat(c.get("name")).isEqualTo("base");
  }

  @Test
  void aListIsReplacedAsAWholeByDefault() {
    Config c =
        layers()
            .source(yaml("base.yaml", "tags: [a, b, c]\n"))
            .source(yaml("exp.yaml", "tags: [d]\n"))
            .compose()
            .config();
    assertThat(c.getList("tags")).containsExactly("d");
  }

  @Test
  void anAppendListExtendsTheDefaultAndEveryEarlierLayer() {
    Config c =
        layers()
            .source(yaml("base.yaml", "plugins: [x]\n"))
            .source(yaml("exp.yaml", "plugins: [y, z]\n"))
            .compose()
            .config();
    assertThat(c.getList("plugins")).containsExactly("core", "x", "y", "z");
  }

  @Test
  void mergeByKeyMergesElementsWithTheSameKeyAndAppendsTheOthers() {
    Config c =
        layers()
            .source(
                yaml(
                    "base.yaml",
                    "layers:\n  - {name: conv, units: 3}\n  - {name: fc, units: 4, activation: tanh}\n"))
            .source(
                yaml("exp.yaml", "layers:\n  - {name: fc, units: 9}\n  - {name: out, units: 1}\n"))
            .compose()
            .config();
    assertThat(c.get("layers.0.units")).isEqualTo(3);
    assertThat(c.get("layers.1.name")).isEqualTo("fc");
    assertThat(c.get("layers.1.units")).isEqualTo(9);
    assertThat(c.get("layers.1.activation")).isEqualTo("tanh");
    assertThat(c.get("layers.2.name")).isEqualTo("out");
    assertThat(c.get("layers.2.activation")).isEqualTo("relu"); // default filled in the element
    assertThat(c.getList("layers")).hasSize(3);
  }

  @Test
  void mergeByElementsWithoutTheKeyOrWithADuplicateAreViolationsAtTheirLayer() {
    ConfigLayers l =
        layers()
            .source(yaml("base.yaml", "layers:\n  - {units: 3}\n  - {name: a}\n  - {name: a}\n"))
            .source(yaml("exp.yaml", "layers:\n  - {name: b}\n  - 5\n  - {name: b}\n"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "base.yaml:2:5: /layers/0: cannot merge by 'name': the element has no"
                            + " 'name' (merge)",
                        "base.yaml:4:5: /layers/2: cannot merge by 'name': \"a\" is also the"
                            + " 'name' of element 1 (merge)",
                        "exp.yaml:3:5: /layers: cannot merge by 'name': element 1 of exp.yaml's"
                            + " list is left out: the element is a number, not an object (merge)",
                        "exp.yaml:4:5: /layers: cannot merge by 'name': element 2 of exp.yaml's"
                            + " list is left out: \"b\" is also the 'name' of element 0 (merge)"));
  }

  @Test
  void mergeByProblemsAreViolationsInTheFirstLayerThatBringsTheList() {
    String doc = "layers:\n  - {name: z}\n  - {name: z}\n  - 4\n";
    String dup = "cannot merge by 'name': \"z\" is also the 'name' of element 0 (merge)";
    String notObject = "cannot merge by 'name': the element is a number, not an object (merge)";
    assertThatThrownBy(() -> layers().source(yaml("a.yaml", doc)).compose())
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "a.yaml:3:5: /layers/1: " + dup, "a.yaml:4:5: /layers/2: " + notObject));
    ConfigLayers overBase =
        layers().source(yaml("base.yaml", "name: x\n")).source(yaml("exp.yaml", doc));
    assertThatThrownBy(overBase::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "exp.yaml:3:5: /layers/1: " + dup,
                        "exp.yaml:4:5: /layers/2: " + notObject));
  }

  @Test
  void aMergeByListThatAnOverrideOrAVariableSetsIsCheckedAsADocumentsIs() {
    String set = "++layers=[{\"name\":\"q\"},{\"name\":\"q\"}]";
    assertThatThrownBy(() -> layers().overrides(List.of(set)).compose())
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "--set "
                            + set
                            + ": /layers/1: cannot merge by 'name': \"q\" is also the 'name' of"
                            + " element 0 (merge)"));
    assertThatThrownBy(
            () -> layers().environment("APP_", Map.of("APP_LAYERS", "[{\"units\":2}]")).compose())
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "env APP_LAYERS: /layers/0: cannot merge by 'name': the element has no"
                            + " 'name' (merge)"));
  }

  /** A template with mergeBy lists nested in an object and in the elements of an appended list. */
  private static final String NESTED =
      """
      {
        "type": "object",
        "properties": {
          "model": {
            "type": "object",
            "properties": {
              "blocks": {
                "type": "array",
                "x-hectiqlab-merge": {"mergeBy": "id"},
                "items": {"type": "object", "required": ["id", "units"]}
              }
            }
          },
          "stages": {
            "type": "array",
            "x-hectiqlab-merge": "append",
            "items": {
              "type": "object",
              "properties": {
                "steps": {"type": "array", "x-hectiqlab-merge": {"mergeBy": "id"}}
              }
            }
          }
        }
      }
      """;

  @Test
  void aMergeByListInsideAValuePlacedWholeIsChecked() {
    ConfigLayers l =
        ConfigLayers.of(ConfigSchema.fromText(NESTED))
            .source(yaml("base.yaml", "stages: [{steps: [{id: 1}]}]\n"))
            .source(
                yaml(
                    "exp.yaml",
                    "model:\n  blocks:\n    - {id: a, units: 1}\n    - {units: 2}\n"
                        + "stages:\n  - steps: [{id: 1}, {id: 1}]\n"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "exp.yaml:4:7: /model/blocks/1: cannot merge by 'id': the element has no"
                            + " 'id' (merge)",
                        "exp.yaml:6:22: /stages/1/steps/1: cannot merge by 'id': 1 is also the"
                            + " 'id' of element 0 (merge)"));
  }

  @Test
  void aMergeByElementLeftOutHidesNoViolationOfTheElementsKept() {
    ConfigLayers l =
        ConfigLayers.of(ConfigSchema.fromText(NESTED))
            .source(yaml("u1.yaml", "model:\n  blocks: [{id: a}, {id: b}]\n"))
            .source(yaml("u2.yaml", "model:\n  blocks: [5, {id: b, units: 1}, {units: 3}]\n"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "u1.yaml:2:12: /model/blocks/0: missing required property 'units'"
                            + " (required)",
                        "u2.yaml:2:12: /model/blocks: cannot merge by 'id': element 0 of u2.yaml's"
                            + " list is left out: the element is a number, not an object (merge)",
                        "u2.yaml:2:34: /model/blocks: cannot merge by 'id': element 2 of u2.yaml's"
                            + " list is left out: the element has no 'id' (merge)"));
  }

  @Test
  void aListThatReplacesOneWithMergeByProblemsHasItsOwnViolationsReported() {
    String schema =
        """
        {
          "type": "object",
          "properties": {
            "runs": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "steps": {
                    "type": "array",
                    "x-hectiqlab-merge": {"mergeBy": "id"},
                    "items": {"type": "object", "required": ["n"]}
                  }
                }
              }
            }
          }
        }
        """;
    ConfigLayers l =
        ConfigLayers.of(ConfigSchema.fromText(schema))
            .source(yaml("a.yaml", "runs: [{steps: [{id: 1, n: 1}, {id: 1, n: 2}]}]\n"))
            .source(yaml("b.yaml", "runs: [{steps: [{id: 1, n: 1}, {id: 2}]}]\n"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "a.yaml:1:32: /runs/0/steps/1: cannot merge by 'id': 1 is also the 'id'"
                            + " of element 0 (merge)",
                        "b.yaml:1:32: /runs/0/steps/1: missing required property 'n'"
                            + " (required)"));
  }

  @Test
  void differentMergeRulesForOneArrayAreAViolationWhereListsMeetAndTheLaterReplaces() {
    String schema =
        """
        {
          "type": "object",
          "properties": {
            "layers": {
              "type": "array",
              "allOf": [{"x-hectiqlab-merge": "append"}],
              "x-hectiqlab-merge": {"mergeBy": "name"}
            },
            "tags": {
              "type": "array",
              "allOf": [{"x-hectiqlab-merge": "append"}],
              "x-hectiqlab-merge": "append"
            }
          }
        }
        """;
    ConfigLayers one =
        ConfigLayers.of(ConfigSchema.fromText(schema))
            .source(yaml("base.yaml", "layers: [{name: a}]\ntags: [a]\n"));
    assertThat(one.compose().config().getList("layers")).hasSize(1); // alone: nothing merges
    ConfigLayers two = one.source(yaml("exp.yaml", "tags: [b]\nlayers: [{name: b}]\n"));
    assertThatThrownBy(two::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "exp.yaml:2:9: /layers: cannot merge this list: the schema gives it more"
                            + " than one merge rule ({\"mergeBy\":\"name\"} and \"append\"), so it"
                            + " replaces the list below (merge)"));
  }

  @Test
  void nullInALaterLayerSetsNull() {
    Config c =
        layers()
            .source(yaml("base.yaml", "note: hello\n"))
            .source(yaml("exp.yaml", "note: null\n"))
            .compose()
            .config();
    assertThat(c.containsKey("note")).isTrue();
    assertThat(c.get("note")).isNull();
  }

  @Test
  void aDeletionRemovesTheKeyAndWinsOverItsDefault() {
    ComposedConfig composed =
        layers()
            .source(yaml("base.yaml", "note: hello\nserver: {port: 81}\ntags: [a]\n"))
            .overrides(List.of("~note", "~server.port", "~tags"))
            .compose();
    Config c = composed.config();
    assertThat(c.containsKey("note")).isFalse();
    assertThat(c.containsKey("server.port")).isFalse();
    assertThat(c.containsKey("tags")).isFalse();
    assertThat(c.get("server.host")).isEqualTo("localhost");
    assertThat(composed.origin("server.port")).isNull();
  }

  @Test
  void mapAndConfigLayersMergeLikeDocuments() {
    Config c =
        layers()
            .map("code-defaults", Map.of("server", Map.of("port", 90, "host", "m")))
            .config("overrides-from-code", Config.of("server", Config.of("port", 91)))
            .compose()
            .config();
    assertThat(c.get("server.port")).isEqualTo(91);
    assertThat(c.get("server.host")).isEqualTo("m");
  }

  @Test
  void defaultsAreFilledInObjectsThatLayersCreate() {
    Config c = layers().source(yaml("base.yaml", "optimizer: {name: sgd}\n")).compose().config();
    assertThat(c.get("optimizer.lr")).isEqualTo(0.001);
    assertThat(c.get("server")).isNull(); // no default for server itself
    assertThat(c.get("name")).isEqualTo("run");
  }

  @Test
  void layersApplyInKindOrderWhateverTheOrderOfTheCalls() {
    Config c =
        layers()
            .overrides(List.of("server.port=3"))
            .environment("APP_", Map.of("APP_SERVER__PORT", "2", "APP_SERVER__HOST", "env"))
            .source(yaml("base.yaml", "server: {port: 1, host: file, debug: true}\n"))
            .compose()
            .config();
    assertThat(c.get("server.port")).isEqualTo(3);
    assertThat(c.get("server.host")).isEqualTo("env");
    assertThat(c.get("server.debug")).isEqualTo(true);
  }

  @Test
  void largeLayersMerge() {
    Map<String, Object> big = new LinkedHashMap<>();
    Map<String, Object> other = new LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      big.put("k" + i, i);
      other.put("k" + i, -i);
    }
    List<Object> base = new ArrayList<>();
    List<Object> exp = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      base.add(Map.of("name", "l" + i, "units", 1));
      exp.add(Map.of("name", "l" + (999 - i), "units", 2));
    }
    ComposedConfig composed =
        layers()
            .map("a", Map.of("extra", big, "layers", base))
            .map("b", Map.of("extra", other, "layers", exp))
            .compose();
    Config c = composed.config();
    assertThat(c.get("extra.k9999")).isEqualTo(-9999);
    assertThat(c.getList("layers")).hasSize(1_000);
    assertThat(c.get("layers.999.units")).isEqualTo(2);
    assertThat(composed.origin("layers.999.units")).hasToString("b");
  }

  @Test
  void tooManyLayersAreRefused() {
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i <= ConfigLayers.MAX_LAYERS; i++) {
      overrides.add("++extra.k" + i + "=1");
    }
    assertThatThrownBy(() -> layers().overrides(overrides))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("<layers>: 1001 layers are too many (the limit is 1000)");
  }

  @Test
  void configReturnsANewUnlockedConfigOnEachCall() {
    ComposedConfig composed = layers().source(yaml("base.yaml", "name: a\n")).compose();
    Config first = composed.config();
    first.set("name", "changed");
    assertThat(composed.config().get("name")).isEqualTo("a");
    assertThat(composed.config()).isNotSameAs(composed.config());
    assertThat(composed.config().isLocked()).isFalse();
  }

  @Test
  void aReservedKeyFailsComposeAsToConfigDoes() {
    assertThatThrownBy(
            () -> ConfigLayers.untyped().source(yaml("base.yaml", "a:\n  _lock: 1\n")).compose())
        .isInstanceOf(ConfigException.BadPath.class);
  }

  @Test
  void defaultsTakeTheirPlaceInTheSchemasOrderAsToConfigPutsThem() {
    String doc = "optimizer: {name: sgd}\nserver: {port: 1}\nnote: n\n";
    Config composed = layers().source(yaml("a.yaml", doc)).compose().config();
    Config direct = LayersFixture.schema().toConfig(yaml("a.yaml", doc));
    assertThat(composed.keys()).containsExactlyElementsOf(direct.keys());
    assertThat(composed.getConfig("server").keys())
        .containsExactlyElementsOf(direct.getConfig("server").keys());
    assertThat(composed).isEqualTo(direct);
  }

  @Test
  void aValueOnlyTheDefaultsHoldCanBeDeletedAndIsNotFilledInAgain() {
    ComposedConfig c = layers().overrides(List.of("~name", "~plugins")).compose();
    assertThat(c.config().containsKey("name")).isFalse();
    assertThat(c.config().containsKey("plugins")).isFalse();
    assertThat(c.config().getList("tags")).containsExactly("base");
    assertThat(c.history("name"))
        .containsExactly(
            new LayerValue("(default)", new Location("(default)", 0, 0), "run", false),
            new LayerValue("--set ~name", new Location("--set ~name", 0, 0), null, true));
  }
}
