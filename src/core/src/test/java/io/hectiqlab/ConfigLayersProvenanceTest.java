package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.lines;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where every composed value came from, and every error naming it. */
class ConfigLayersProvenanceTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<String> errors(ConfigLayers l) {
    try {
      l.compose();
    } catch (ConfigException.Invalid e) {
      return lines(e);
    }
    throw new AssertionError("composed without violations");
  }

  @Test
  void everyValueKnowsItsLayerAndPosition() throws IOException {
    Path yaml = write("base.yaml", "name: base\nserver:\n  port: 80\n");
    Path json = write("exp.json", "{\n  \"server\": {\"host\": \"j\"},\n  \"tags\": [\"a\"]\n}\n");
    Path toml = write("local.toml", "[optimizer]\nname = \"sgd\"\n");
    ComposedConfig c =
        layers()
            .file(yaml)
            .file(json)
            .file(toml)
            .map("code", Map.of("note", "n"))
            .environment("APP_", Map.of("APP_SERVER__DEBUG", "true"))
            .overrides(List.of("++extra.k=1"))
            .compose();
    assertThat(c.origin("name")).hasToString(yaml + ":1:7");
    assertThat(c.origin("server.port")).hasToString(yaml + ":3:9");
    assertThat(c.origin("server.host")).hasToString(json + ":2:22");
    assertThat(c.origin("tags.0")).hasToString(json + ":3:12");
    assertThat(c.origin("optimizer.name")).hasToString(toml + ":2:8");
    assertThat(c.origin("optimizer.lr")).hasToString("(default)");
    assertThat(c.origin("note")).hasToString("code");
    assertThat(c.origin("server.debug")).hasToString("env APP_SERVER__DEBUG");
    assertThat(c.origin("extra.k")).hasToString("--set ++extra.k=1");
    assertThat(c.origin("extra")).hasToString("--set ++extra.k=1");
    assertThat(c.origin("server")).hasToString(yaml + ":3:3");
    assertThat(c.origin("plugins")).hasToString("(default)");
    assertThat(c.origin("nope")).isNull();
    assertThat(c.layers())
        .containsExactly(
            yaml.toString(),
            json.toString(),
            toml.toString(),
            "code",
            "env APP_",
            "--set ++extra.k=1");
  }

  @Test
  void violationsNameTheFileLineAndColumnOfTheirValueInEachSyntax() throws IOException {
    Path yaml = write("prod.yaml", "name: prod\nserver:\n  port: 70000\n");
    Path json = write("exp.json", "{\"optimizer\": {\"name\": \"rmsprop\"}}");
    Path toml = write("local.toml", "[server]\nhost = 5\n");
    assertThat(errors(layers().file(yaml).file(json).file(toml)))
        .containsExactly(
            yaml + ":3:9: /server/port: must be at most 65535 (maximum)",
            json + ":1:24: /optimizer/name: must be one of [\"sgd\", \"adam\"] (enum)",
            toml + ":2:8: /server/host: must be string, found integer (type)");
  }

  @Test
  void violationsNameTheEnvironmentVariableTheOverrideTheDefaultAndTheMap() {
    ConfigSchema schema =
        ConfigSchema.fromText(
            """
            {"type": "object", "properties": {
              "retries": {"type": "integer", "minimum": 1, "default": 0},
              "port": {"type": "integer", "maximum": 10},
              "host": {"type": "string"},
              "user": {"type": "string"}}}
            """);
    ConfigLayers l =
        ConfigLayers.of(schema)
            .map("code", Map.of("user", 5))
            .environment("APP_", Map.of("APP_PORT", "11"))
            .overrides(List.of("host=null"));
    assertThat(errors(l))
        .containsExactly(
            "(default): /retries: must be at least 1 (minimum)",
            "code: /user: must be string, found integer (type)",
            "env APP_PORT: /port: must be at most 10 (maximum)",
            "--set host=null: /host: must be string, found null (type)");
  }

  @Test
  void requiredAndUnknownPropertiesNameTheObjectAndTheKey() {
    ConfigLayers l =
        layers()
            .source(yaml("base.yaml", "server:\n  port: 1\noptimizer:\n  lr: 0.1\n"))
            .source(yaml("exp.yaml", "server:\n  prot: 2\n"));
    assertThat(errors(l))
        .containsExactly(
            "base.yaml:4:3: /optimizer: missing required property 'name' (required)",
            "exp.yaml:2:3: /server/prot: unknown property 'prot'; did you mean 'port'?"
                + " (additionalProperties)");
  }

  @Test
  void problemsOfEveryLayerAreReportedTogetherInLayerOrder() {
    ConfigLayers l =
        layers()
            .overrides(List.of("server.port=abc"))
            .environment("APP_", Map.of("APP_SERVER__HOST", "h", "APP_OPTIMIZER__LR", "fast"))
            .source(yaml("exp.yaml", "tags: [1]\n"))
            .source(yaml("base.yaml", "optimizer: {name: adam}\nlayers: [{units: 0, name: a}]\n"));
    ConfigException.Invalid e =
        (ConfigException.Invalid) org.assertj.core.api.Assertions.catchThrowable(l::compose);
    assertThat(e.getMessage())
        .isEqualTo(
            "<layers>: 4 violations\n"
                + "exp.yaml:1:8: /tags/0: must be string, found integer (type)\n"
                + "base.yaml:2:18: /layers/0/units: must be at least 1 (minimum)\n"
                + "env APP_OPTIMIZER__LR: /optimizer/lr: must be number, found \"fast\" (env)\n"
                + "--set server.port=abc: /server/port: must be integer, found string (type)");
    assertThat(e.violations().get(2).location()).hasToString("env APP_OPTIMIZER__LR");
  }

  @Test
  void aFileThatCannotBeReadOrParsedFailsAsToConfigDoes() throws IOException {
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> layers().file(missing).compose())
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(missing + ": no such file");
    Path broken = write("broken.json", "{\"a\": }");
    assertThatThrownBy(() -> layers().file(broken).compose())
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessageStartingWith(broken + ":1:");
  }

  @Test
  void historyListsEveryLayerThatSetOrDeletedAPathLastWinning() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "server:\n  port: 80\nname: b\n"))
            .source(yaml("exp.yaml", "server:\n  port: 81\n"))
            .environment("APP_", Map.of("APP_SERVER__PORT", "82"))
            .overrides(List.of("~server.port", "+server.port=83"))
            .compose();
    assertThat(c.history("server.port"))
        .containsExactly(
            new LayerValue("base.yaml", new Location("base.yaml", 2, 9), 80, false),
            new LayerValue("exp.yaml", new Location("exp.yaml", 2, 9), 81, false),
            new LayerValue("env APP_", new Location("env APP_SERVER__PORT", 0, 0), 82, false),
            new LayerValue(
                "--set ~server.port", new Location("--set ~server.port", 0, 0), null, true),
            new LayerValue(
                "--set +server.port=83", new Location("--set +server.port=83", 0, 0), 83, false));
    assertThat(c.origin("server.port")).hasToString("--set +server.port=83");
    assertThat(c.history("server.host")) // filled in the object the layers made
        .containsExactly(
            new LayerValue("(default)", new Location("(default)", 0, 0), "localhost", false));
    assertThat(c.history("name")) // the top-level default is the bottom layer
        .containsExactly(
            new LayerValue("(default)", new Location("(default)", 0, 0), "run", false),
            new LayerValue("base.yaml", new Location("base.yaml", 3, 7), "b", false));
    assertThat(c.history("nope")).isEmpty();
  }

  @Test
  void listElementsAppendedOrMergedKeepTheirOwnLayer() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "plugins: [x]\nlayers:\n  - {name: a, units: 1}\n"))
            .source(yaml("exp.yaml", "plugins: [y]\nlayers:\n  - {name: a, units: 2}\n"))
            .compose();
    assertThat(c.origin("plugins.0")).hasToString("(default)");
    assertThat(c.origin("plugins.1")).hasToString("base.yaml:1:11");
    assertThat(c.origin("plugins.2")).hasToString("exp.yaml:1:11");
    assertThat(c.origin("layers.0.name")).hasToString("exp.yaml:3:12"); // written again
    assertThat(c.origin("layers.0.units")).hasToString("exp.yaml:3:22");
    assertThat(c.origin("layers.0.activation")).hasToString("(default)");
  }

  @Test
  void inspectReturnsTheProvenanceOfAConfigThatDoesNotValidate() {
    ConfigLayers l =
        layers()
            .source(yaml("base.yaml", "server:\n  port: 70000\n  host: h\n"))
            .environment("APP_", Map.of("APP_SERVER__DEBUG", "maybe"))
            .overrides(List.of("nope=1"));
    ComposedConfig c = l.inspect();
    assertThat(c.validation().isValid()).isFalse();
    assertThat(c.validation().toString())
        .isEqualTo(
            "base.yaml:2:9: /server/port: must be at most 65535 (maximum)\n"
                + "env APP_SERVER__DEBUG: /server/debug: must be boolean, found \"maybe\" (env)\n"
                + "--set nope=1: /nope: no such key in the layers or the schema; did you mean"
                + " 'note'? (override)");
    assertThat(c.origin("server.port")).hasToString("base.yaml:2:9");
    assertThat(c.config().get("server.port")).isEqualTo(70000);
    assertThat(c.config().containsKey("server.debug")).isFalse(); // the refused value is left out
    assertThat(c.history("server.host")).extracting(LayerValue::layer).containsExactly("base.yaml");
    ConfigException.Invalid thrown =
        (ConfigException.Invalid) org.assertj.core.api.Assertions.catchThrowable(l::compose);
    assertThat(thrown.result().toString()).isEqualTo(c.validation().toString());
    assertThat(layers().compose().validation().isValid()).isTrue();
  }

  @Test
  void aComposedConfigIsReadFromManyThreadsAlike() throws Exception {
    StringBuilder base = new StringBuilder("extra:\n");
    StringBuilder exp = new StringBuilder("extra:\n");
    for (int i = 0; i < 300; i++) {
      base.append("  k").append(i).append(": ").append(i).append('\n');
      if (i % 2 == 0) {
        exp.append("  k").append(i).append(": x\n");
      }
    }
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", base.toString()))
            .source(yaml("exp.yaml", exp.toString()))
            .compose();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> origins = new java.util.ArrayList<>();
                  for (int i = 0; i < 300; i++) {
                    origins.add(String.valueOf(c.origin("extra.k" + i)));
                  }
                  return origins;
                }));
      }
      List<String> first = results.get(0).get();
      assertThat(first.get(0)).isEqualTo("exp.yaml:2:7");
      assertThat(first.get(1)).isEqualTo("base.yaml:3:7");
      for (java.util.concurrent.Future<List<String>> r : results) {
        assertThat(r.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void closestSuggestsADeclaredPath() {
    ComposedConfig c = layers().compose();
    assertThat(c.closest("server.prot")).isEqualTo("server.port");
    assertThat(c.closest("server.port")).isEqualTo("server.port");
    assertThat(c.closest("zzzzzz.qqqq")).isNull();
    assertThat(ConfigLayers.untyped().compose().closest("a.b")).isNull();
  }
}
