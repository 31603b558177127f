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
 * Interpolation after merging, through ConfigLayers: types, env, errors at their origin, literal.
 */
class ConfigLayersInterpolationTest {

  private static List<String> errors(ConfigLayers l) {
    try {
      l.compose();
    } catch (ConfigException.Invalid e) {
      return lines(e);
    }
    throw new AssertionError("composed without violations");
  }

  @Test
  void referencesResolveAfterMergingAndKeepTheirType() {
    ComposedConfig c =
        layers()
            .source(
                yaml("base.yaml", "extra:\n  port: ${server.port}\n  url: http://${server.host}\n"))
            .source(yaml("exp.yaml", "server: {port: 81}\n"))
            .overrides(List.of("server.host=example"))
            .compose();
    assertThat(c.config().get("extra.port")).isEqualTo(81);
    assertThat(c.config().get("extra.url")).isEqualTo("http://example");
    assertThat(c.origin("extra.port")).hasToString("base.yaml:2:9"); // the string written
    assertThat(c.history("extra.url"))
        .containsExactly(
            new LayerValue(
                "base.yaml", new Location("base.yaml", 3, 8), "http://${server.host}", false));
  }

  @Test
  void aWholeStringEnvReferenceIsConvertedByTheSchemaType() {
    Config c =
        layers()
            .source(yaml("base.yaml", "server:\n  port: ${env:PORT}\n  host: ${env:HOST:-local}\n"))
            .environment("APP_", Map.of("PORT", "8081"))
            .compose()
            .config();
    assertThat(c.get("server.port")).isEqualTo(8081);
    assertThat(c.get("server.host")).isEqualTo("local");
  }

  @Test
  void interpolationProblemsNameTheStringsOrigin() {
    ConfigLayers l =
        layers()
            .source(yaml("base.yaml", "server:\n  port: ${env:PORT}\n"))
            .source(
                yaml("exp.yaml", "extra:\n  a: ${extra.b}\n  b: ${extra.a}\n  c: ${server.prot}\n"))
            .environment("APP_", Map.of("PORT", "08"));
    assertThat(errors(l))
        .containsExactly(
            "base.yaml:2:9: /server/port: ${env:PORT}: must be integer, found \"08\""
                + " (interpolation)",
            "exp.yaml:2:6: /extra/a: cycle: extra.a -> extra.b -> extra.a (interpolation)",
            "exp.yaml:4:6: /extra/c: ${server.prot}: server has no key 'prot'; did you mean"
                + " 'server.port'? (interpolation)");
  }

  @Test
  void aWholeObjectReferenceGivesItsValuesTheOriginOfTheString() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "server: {port: 81, host: h}\nextra:\n  copy: ${server}\n"))
            .compose();
    assertThat(c.config().get("extra.copy.port")).isEqualTo(81);
    assertThat(c.origin("extra.copy.port")).hasToString("base.yaml:3:9");
  }

  @Test
  void anEscapeIsUnescapedAndALiteralLayerIsKeptAsWritten() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "note: $${not.a.ref}\nname: ${note}\n"))
            .source(yaml("raw.yaml", "extra: {template: '${user}', esc: '$${x}'}\n"))
            .literal()
            .compose();
    assertThat(c.config().get("note")).isEqualTo("${not.a.ref}");
    assertThat(c.config().get("extra.template")).isEqualTo("${user}");
    assertThat(c.config().get("extra.esc")).isEqualTo("$${x}");
  }

  @Test
  void literalAppliesToTheLayerAddedLastOnly() {
    Config c =
        layers()
            .overrides(List.of("++extra.a=${name}"))
            .literal()
            .overrides(List.of("++extra.b=${name}"))
            .compose()
            .config();
    assertThat(c.get("extra.a")).isEqualTo("${name}");
    assertThat(c.get("extra.b")).isEqualTo("run");
  }

  @Test
  void withoutAnEnvironmentLayerVariablesComeFromTheProcess() {
    assertThatThrownBy(
            () ->
                layers()
                    .overrides(List.of("++extra.a=${env:HECTIQLAB_SURELY_UNSET_VARIABLE}"))
                    .compose())
        .isInstanceOfSatisfying(
            ConfigException.Invalid.class,
            e ->
                assertThat(lines(e))
                    .containsExactly(
                        "--set ++extra.a=${env:HECTIQLAB_SURELY_UNSET_VARIABLE}: /extra/a:"
                            + " ${env:HECTIQLAB_SURELY_UNSET_VARIABLE}: environment variable"
                            + " HECTIQLAB_SURELY_UNSET_VARIABLE is not set (interpolation)"));
  }
}
