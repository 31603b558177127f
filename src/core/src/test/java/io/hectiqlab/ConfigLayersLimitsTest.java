package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths deeper than the nesting limit and an empty environment prefix are refused clearly. */
class ConfigLayersLimitsTest {
  private static String dotted(int levels) {
    return String.join(".", Collections.nCopies(levels, "a"));
  }

  private static String variable(int levels) {
    return "APP_" + String.join("__", Collections.nCopies(levels, "A"));
  }

  @Test
  void anOverrideDeeperThanTheNestingLimitIsAViolation() {
    for (int levels : List.of(201, 600, 5000)) {
      for (ConfigLayers l : List.of(ConfigLayers.untyped(), layers())) {
        ConfigException.Invalid e =
            catchThrowableOfType(
                ConfigException.Invalid.class,
                () -> l.overrides(List.of("++" + dotted(levels) + "=1")).compose());
        assertThat(lines(e)).hasSize(1);
        assertThat(lines(e).get(0))
            .startsWith("--set ++a.a.a.a.a")
            .endsWith(
                ": (root): override '++a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a"
                    + ".a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a....': the key has "
                    + levels
                    + " levels: nesting is deeper than 200 levels (override)");
      }
    }
  }

  @Test
  void anOverrideAtTheNestingLimitComposes() {
    ComposedConfig c =
        ConfigLayers.untyped().overrides(List.of("++" + dotted(200) + "=1")).compose();
    assertThat(c.config().get(dotted(200))).isEqualTo(1);
    assertThat(c.config().toJson()).contains("\"a\"");
  }

  @Test
  void aVariableNameDeeperThanTheNestingLimitIsAViolation() {
    for (ConfigLayers l : List.of(ConfigLayers.untyped(), layers())) {
      String name = variable(3000);
      ConfigException.Invalid e =
          catchThrowableOfType(
              ConfigException.Invalid.class,
              () -> l.environment("APP_", Map.of(name, "1")).compose());
      assertThat(lines(e))
          .containsExactly(
              "env "
                  + name
                  + ": (root): the variable name has 3000 levels: nesting is deeper than 200"
                  + " levels (env)");
    }
    ComposedConfig atLimit =
        ConfigLayers.untyped().environment("APP_", Map.of(variable(200), "1")).compose();
    assertThat(atLimit.config().get(dotted(200))).isEqualTo(1);
  }

  @Test
  void anEmptyEnvironmentPrefixIsRefused() {
    assertThatThrownBy(() -> ConfigLayers.untyped().environment(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix must not be empty: every variable of the environment would be read");
    assertThatThrownBy(() -> layers().environment("", Map.of("A", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix must not be empty: every variable of the environment would be read");
  }
}
