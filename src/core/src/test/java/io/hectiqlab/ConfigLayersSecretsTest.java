package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values the schema marks secret are never printed by composing. */
class ConfigLayersSecretsTest {
  private static final String SECRET = "hunter2-secret";

  @Test
  void aSecretOverrideIsShownMaskedInOriginsLayersAndHistory() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "db:\n  password: base-" + SECRET + "\n"))
            .overrides(
                List.of(
                    "db.password=" + SECRET,
                    "++db={\"user\": \"u\", \"password\": \"" + SECRET + "\"}"))
            .compose();
    assertThat(c.config().get("db.password")).isEqualTo(SECRET); // the value itself is kept
    assertThat(c.isSecret("db.password")).isTrue();
    assertThat(c.isSecret("db.user")).isFalse();
    assertThat(c.origin("db.password")).hasToString("--set ++db=***");
    assertThat(c.layers()).containsExactly("base.yaml", "--set db.password=***", "--set ++db=***");
    assertThat(c.history("db.password"))
        .extracting(LayerValue::value)
        .containsExactly("***", "***", "***");
    assertThat(c.redacted().get("db.password")).isEqualTo("***");
    assertThat(c.redacted().get("db.user")).isEqualTo("u");
    assertThat(c.toString()).doesNotContain(SECRET);
    assertThat(c.history("db").toString()).doesNotContain(SECRET);
  }

  @Test
  void violationsNeverShowASecretValue() {
    ConfigException.Invalid e =
        catchThrowableOfType(
            ConfigException.Invalid.class,
            () ->
                layers()
                    .source(yaml("base.yaml", "db:\n  password: " + SECRET + "\n"))
                    .overrides(List.of("~db.password=other-" + SECRET, "+db.password=x"))
                    .compose());
    assertThat(e.getMessage())
        .isEqualTo(
            "<layers>: 2 violations\n"
                + "--set ~db.password=***: /db/password: not deleted: the value is ***, not ***"
                + " (override)\n"
                + "--set +db.password=***: /db/password: already set by base.yaml:2:13"
                + " (++KEY=VALUE replaces it) (override)");
    assertThat(e.toString()).doesNotContain(SECRET);
    ConfigException.Invalid tooShort =
        catchThrowableOfType(
            ConfigException.Invalid.class,
            () -> layers().overrides(List.of("db.password=short")).compose());
    assertThat(tooShort.getMessage())
        .isEqualTo(
            "<layers>: 1 violation\n"
                + "--set db.password=***: /db/password: must be at least 8 characters long"
                + " (minLength)");
  }

  @Test
  void aSecretEnvironmentValueOfTheWrongTypeIsNotQuoted() {
    ConfigException.Invalid e =
        catchThrowableOfType(
            ConfigException.Invalid.class,
            () ->
                ConfigLayers.of(
                        ConfigSchema.fromText(
                            "{\"properties\": {\"token\": {\"type\": \"integer\","
                                + " \"x-secret\": true}}}"))
                    .environment("APP_", Map.of("APP_TOKEN", SECRET))
                    .compose());
    assertThat(e.getMessage()).doesNotContain(SECRET).contains("env APP_TOKEN: /token:");
  }

  @Test
  void aSecretCopiedByInterpolationIsSecretWhereItLands() {
    ComposedConfig c =
        layers()
            .source(yaml("base.yaml", "db:\n  password: " + SECRET + "\n  user: u\n"))
            .overrides(
                List.of(
                    "name=${db.password}",
                    "++extra.url=pg://u:${db.password}@host",
                    "++extra.copy=${db}",
                    "++extra.user=${db.user}"))
            .compose();
    assertThat(c.config().get("name")).isEqualTo(SECRET);
    assertThat(c.isSecret("name")).isTrue();
    assertThat(c.isSecret("extra.url")).isTrue();
    assertThat(c.isSecret("extra.copy.user")).isTrue(); // copied with the secret
    assertThat(c.isSecret("extra.user")).isFalse();
    Config shown = c.redacted();
    assertThat(shown.get("name")).isEqualTo("***");
    assertThat(shown.get("extra.url")).isEqualTo("***");
    assertThat(shown.get("extra.user")).isEqualTo("u");
    assertThat(shown.toJson()).doesNotContain(SECRET);
  }

  private static final String SECRETS_SCHEMA =
      "{\"properties\": {\"db\": {\"type\": \"object\", \"properties\": {"
          + "\"user\": {\"type\": \"string\"},"
          + " \"password\": {\"type\": \"string\", \"writeOnly\": true},"
          + " \"token\": {\"type\": \"string\", \"x-secret\": true}}}}}";

  /** Every text a caller may print of a failed composition. */
  private static String printed(ConfigLayers layers) {
    ComposedConfig c = layers.inspect();
    StringBuilder out = new StringBuilder();
    out.append(c.validation()).append('\n').append(c.layers()).append('\n');
    for (String path : List.of("db", "db.password", "db.token", "db.pasword")) {
      out.append(c.history(path)).append('\n');
      if (c.config().get(path) != null) {
        out.append(c.origin(path)).append('\n');
      }
    }
    try {
      layers.compose();
    } catch (ConfigException e) {
      out.append(e.getMessage()).append('\n').append(e).append('\n');
    }
    return out.toString();
  }

  @Test
  void anInterpolationProblemOfASecretStringQuotesNoPartOfIt() {
    ConfigLayers layers =
        ConfigLayers.of(ConfigSchema.fromText(SECRETS_SCHEMA))
            .source(
                yaml(
                    "s.yaml",
                    "db:\n  password: \"Zx${SECRETtail-no-close\"\n"
                        + "  token: \"p4ss${SECRET inside}word\"\n"
                        + "  user: \"${nobody}\"\n"));
    ConfigException.Invalid e =
        catchThrowableOfType(ConfigException.Invalid.class, layers::compose);
    assertThat(e.getMessage())
        .isEqualTo(
            "<layers>: 3 violations\n"
                + "s.yaml:2:13: /db/password: a reference in this secret value is malformed"
                + " (the value is not shown) (interpolation)\n"
                + "s.yaml:3:10: /db/token: a reference in this secret value cannot be resolved"
                + " (the value is not shown) (interpolation)\n"
                + "s.yaml:4:9: /db/user: ${nobody}: no top-level key 'nobody'"
                + " (interpolation)");
    assertThat(printed(layers)).doesNotContain("SECRET");
  }

  @Test
  void malformedJsonForAnObjectThatHoldsASecretIsNotShown() {
    ConfigLayers env =
        ConfigLayers.of(ConfigSchema.fromText(SECRETS_SCHEMA))
            .environment("APP_", Map.of("APP_DB", "{\"password\":\"SECRETenvobj\","));
    assertThat(catchThrowableOfType(ConfigException.Invalid.class, env::compose).getMessage())
        .isEqualTo(
            "<layers>: 1 violation\n"
                + "env APP_DB: /db: must be object (written as JSON), found *** (env)");
    assertThat(printed(env)).doesNotContain("SECRET");

    ConfigLayers set =
        ConfigLayers.of(ConfigSchema.fromText(SECRETS_SCHEMA))
            .overrides(List.of("db={\"password\":\"SECRETmal\","));
    ComposedConfig c = set.inspect();
    assertThat(c.layers()).containsExactly("--set db=***");
    assertThat(c.origin("db")).hasToString("--set db=***");
    assertThat(printed(set)).doesNotContain("SECRET");
  }

  @Test
  void aMistypedSecretKeyDoesNotShowItsValue() {
    ConfigLayers layers =
        ConfigLayers.of(ConfigSchema.fromText(SECRETS_SCHEMA))
            .overrides(List.of("db.pasword=SECRETtypo"));
    ConfigException.Invalid e =
        catchThrowableOfType(ConfigException.Invalid.class, layers::compose);
    assertThat(e.getMessage())
        .isEqualTo(
            "<layers>: 1 violation\n"
                + "--set db.pasword=***: /db/pasword: no such key in the layers or the schema;"
                + " did you mean 'db.password'? (override)");
    assertThat(printed(layers)).doesNotContain("SECRET");
    // A mistyped key far from any secret is shown as written.
    assertThat(
            catchThrowableOfType(
                    ConfigException.Invalid.class,
                    () ->
                        ConfigLayers.of(ConfigSchema.fromText(SECRETS_SCHEMA))
                            .overrides(List.of("db.usr=bob"))
                            .compose())
                .getMessage())
        .contains("--set db.usr=bob: ");
  }
}
