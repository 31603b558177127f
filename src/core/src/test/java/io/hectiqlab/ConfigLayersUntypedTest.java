package io.hectiqlab;

import static io.hectiqlab.LayersFixture.lines;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layers composed without a template: merged as written, no defaults and no validation. */
class ConfigLayersUntypedTest {

  @Test
  void layersMergeWithoutDefaultsOrValidation() {
    ComposedConfig c =
        ConfigLayers.untyped()
            .source(yaml("base.yaml", "server: {port: 70000}\nlist: [1, 2]\n"))
            .source(yaml("exp.yaml", "server: {host: h}\nlist: [3]\n"))
            .compose();
    assertThat(c.config().get("server.port")).isEqualTo(70000);
    assertThat(c.config().get("server.host")).isEqualTo("h");
    assertThat(c.config().getList("list")).containsExactly(3);
    assertThat(c.config().size()).isEqualTo(2);
    assertThat(c.origin("server.port")).hasToString("base.yaml:1:16");
    assertThat(c.isSecret("server.port")).isFalse();
  }

  @Test
  void environmentValuesAreJsonWhenTheyParseUnderLowercasedNames() {
    Config c =
        ConfigLayers.untyped()
            .environment(
                "APP_",
                Map.of(
                    "APP_SERVER__PORT", "8081",
                    "APP_SERVER__NAME", "web",
                    "APP_FLAGS", "[true, null]",
                    "APP_CODE", "08"))
            .compose()
            .config();
    assertThat(c.get("server.port")).isEqualTo(8081);
    assertThat(c.get("server.name")).isEqualTo("web");
    assertThat(c.getList("flags")).containsExactly(true, null);
    assertThat(c.get("code")).isEqualTo("08");
  }

  @Test
  void anEmptyLevelInAVariableNameIsAViolation() {
    assertThatThrownBy(
            () -> ConfigLayers.untyped().environment("APP_", Map.of("APP_A____B", "1")).compose())
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "env APP_A____B: (root): empty level in the variable name (after the"
                            + " prefix 'APP_', levels are separated by one '__') (env)"));
  }

  @Test
  void setNeedsAKeyTheLayersHoldWhileAddAndForceDoNot() {
    ConfigLayers l =
        ConfigLayers.untyped()
            .source(yaml("base.yaml", "a: 1\n"))
            .overrides(List.of("a=2", "+b.c=3", "++d=4", "e=5"));
    assertThatThrownBy(l::compose)
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "--set e=5: /e: no such key in the layers (+KEY=VALUE adds one)"
                            + " (override)"));
    Config c =
        ConfigLayers.untyped()
            .source(yaml("base.yaml", "a: 1\n"))
            .overrides(List.of("a=2", "+b.c=3", "++d=4"))
            .compose()
            .config();
    assertThat(c.get("a")).isEqualTo(2);
    assertThat(c.get("b.c")).isEqualTo(3);
    assertThat(c.get("d")).isEqualTo(4);
  }

  @Test
  void literalNeedsALayer() {
    assertThatThrownBy(() -> ConfigLayers.untyped().literal())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("literal() applies to the layer added last: add one first");
  }
}
