package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.lines;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment layer through ConfigLayers: typed by the schema, its errors named by variable.
 */
class ConfigLayersEnvTest {

  @Test
  void variablesSetTypedValuesAtTheirPaths() {
    ComposedConfig composed =
        layers()
            .source(yaml("base.yaml", "server: {port: 80}\n"))
            .environment(
                "APP_",
                Map.of(
                    "APP_SERVER__PORT", "8081",
                    "APP_SERVER__DEBUG", "true",
                    "APP_TAGS", "[\"x\", \"y\"]",
                    "APP_OPTIMIZER__NAME", "adam",
                    "OTHER", "ignored"))
            .compose();
    Config c = composed.config();
    assertThat(c.get("server.port")).isEqualTo(8081);
    assertThat(c.get("server.debug")).isEqualTo(true);
    assertThat(c.getList("tags")).containsExactly("x", "y");
    assertThat(c.get("optimizer.name")).isEqualTo("adam");
    assertThat(composed.layers()).containsExactly("base.yaml", "env APP_");
  }

  @Test
  void namesMatchTheSchemaIgnoringCase() {
    Config c =
        layers()
            .environment("APP_", Map.of("APP_Server__Host", "h", "APP_NAME", "n"))
            .compose()
            .config();
    assertThat(c.get("server.host")).isEqualTo("h");
    assertThat(c.get("name")).isEqualTo("n");
  }

  @Test
  void aValueTheTypeRefusesIsOneViolationAndTheValueBelowIsKept() {
    ConfigLayers l =
        layers()
            .source(yaml("base.yaml", "server: {port: 70000}\n"))
            .environment("APP_", Map.of("APP_SERVER__PORT", "08", "APP_SERVER__DEBUG", "yes"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "env APP_SERVER__DEBUG: /server/debug: must be boolean, found \"yes\" (env)",
                        "env APP_SERVER__PORT: /server/port: must be integer, found \"08\" (env)"));
  }

  @Test
  void anUnknownVariableGetsADidYouMean() {
    ConfigLayers l = layers().environment("APP_", Map.of("APP_SERVER__PROT", "1"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "env APP_SERVER__PROT: /server/prot: unknown setting server.prot; did you"
                            + " mean APP_SERVER__PORT (server.port)? (env)"));
  }

  @Test
  void theEnvironmentAppliesAfterTheDocumentsAndBeforeTheOverrides() {
    ComposedConfig composed =
        layers()
            .overrides(List.of("server.host=set"))
            .environment("APP_", Map.of("APP_SERVER__HOST", "env", "APP_SERVER__PORT", "2"))
            .source(yaml("base.yaml", "server: {host: file, port: 1}\n"))
            .compose();
    assertThat(composed.config().get("server.host")).isEqualTo("set");
    assertThat(composed.config().get("server.port")).isEqualTo(2);
    assertThat(composed.layers()).containsExactly("base.yaml", "env APP_", "--set server.host=set");
    assertThat(composed.history("server.host"))
        .extracting(LayerValue::layer)
        .containsExactly("base.yaml", "env APP_", "--set server.host=set");
  }

  @Test
  void aLaterLayerSettingAPathAnEnvironmentValueFailedAtIsValidated() {
    ConfigLayers l =
        layers()
            .environment("APP_", Map.of("APP_SERVER__PORT", "x"))
            .overrides(List.of("server.port=0"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "env APP_SERVER__PORT: /server/port: must be integer, found \"x\" (env)",
                        "--set server.port=0: /server/port: must be at least 1 (minimum)"));
  }
}
