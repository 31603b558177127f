package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Environment variables under a prefix become typed values at schema paths; every variable that
 * cannot is a problem naming it, with a did-you-mean for a misspelled setting.
 */
class EnvLayerTest {
  static final SchemaPaths S =
      SchemaPathsTest.paths(
          """
          {"type": "object", "properties": {
            "server": {"type": "object", "properties": {
              "host": {"type": "string"}, "port": {"type": "integer"}}},
            "dataset": {"$ref": "#/$defs/dataset"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "layers": {"type": "array", "items": {"type": "object",
                       "properties": {"name": {"type": "string"}, "units": {"type": "integer"}}}},
            "debug": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "db": {"properties": {"password": {"type": "integer", "writeOnly": true}}}},
           "$defs": {"dataset": {"type": "object", "properties": {
             "batch_size": {"type": "integer"}, "Name": {"type": "string"}}}}}
          """);

  static EnvLayer.Result read(String... namesAndValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return EnvLayer.read("APP_", env, S);
  }

  static String values(EnvLayer.Result r) {
    StringBuilder sb = new StringBuilder();
    for (EnvLayer.Value v : r.values()) {
      sb.append(v.variable())
          .append(" -> ")
          .append(DottedPaths.join(v.path()))
          .append(" = ")
          .append(new String(Documents.toBytes(v.value()), java.nio.charset.StandardCharsets.UTF_8))
          .append('\n');
    }
    return sb.toString();
  }

  static List<String> problems(EnvLayer.Result r) {
    return r.problems().stream()
        .map(p -> p.variable() + " [" + DottedPaths.join(p.path()) + "]: " + p.message())
        .toList();
  }

  @Test
  void levelsSeparatedByDoubleUnderscoreMatchPropertiesIgnoringCase() {
    EnvLayer.Result r =
        read(
            "APP_SERVER__PORT", "8081",
            "APP_SERVER__HOST", "0.0.0.0",
            "APP_DATASET__BATCH_SIZE", "32",
            "APP_DATASET__NAME", "mnist",
            "APP_DEBUG", "true",
            "APP_TAGS", "[\"a\", \"b\"]",
            "APP_LABELS__TEAM", "vision",
            "APP_LAYERS__0__UNITS", "64",
            "OTHER_VAR", "ignored",
            "app_server__port", "1");
    assertThat(values(r))
        .isEqualTo(
            """
            APP_DATASET__BATCH_SIZE -> dataset.batch_size = 32
            APP_DATASET__NAME -> dataset.Name = "mnist"
            APP_DEBUG -> debug = true
            APP_LABELS__TEAM -> labels.team = "vision"
            APP_LAYERS__0__UNITS -> layers.0.units = 64
            APP_SERVER__HOST -> server.host = "0.0.0.0"
            APP_SERVER__PORT -> server.port = 8081
            APP_TAGS -> tags = ["a","b"]
            """);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void valuesOfTheWrongTypeAreProblemsNotStrings() {
    EnvLayer.Result r =
        read("APP_SERVER__PORT", "08", "APP_DEBUG", "yes", "APP_DATASET__BATCH_SIZE", "1e3");
    assertThat(r.values()).isEmpty();
    assertThat(problems(r))
        .containsExactly(
            "APP_DATASET__BATCH_SIZE [dataset.batch_size]: must be integer, found \"1e3\"",
            "APP_DEBUG [debug]: must be boolean, found \"yes\"",
            "APP_SERVER__PORT [server.port]: must be integer, found \"08\"");
  }

  @Test
  void anUnknownVariableGetsTheVariableToUseAndItsPath() {
    EnvLayer.Result r =
        read(
            "APP_SERVER__PROT", "8081",
            "APP_SERVR__PORT", "8081",
            "APP_DATASET__BATCH_SISE", "2",
            "APP_NOTHING_LIKE_IT", "x");
    assertThat(problems(r))
        .containsExactly(
            "APP_DATASET__BATCH_SISE [dataset.batch_sise]: unknown setting dataset.batch_sise;"
                + " did you mean APP_DATASET__BATCH_SIZE (dataset.batch_size)?",
            "APP_NOTHING_LIKE_IT [nothing_like_it]: unknown setting nothing_like_it",
            "APP_SERVER__PROT [server.prot]: unknown setting server.prot;"
                + " did you mean APP_SERVER__PORT (server.port)?",
            "APP_SERVR__PORT [servr.port]: unknown setting servr.port;"
                + " did you mean APP_SERVER__PORT (server.port)?");
  }

  @Test
  void emptyLevelsAreProblems() {
    EnvLayer.Result r =
        read("APP_A____B", "1", "APP_SERVER__", "1", "APP___SERVER", "1", "APP_", "1");
    String problem =
        ": empty level in the variable name (after the prefix 'APP_', levels are separated by"
            + " one '__')";
    assertThat(problems(r))
        .containsExactly(
            "APP_ []" + problem,
            "APP_A____B []" + problem,
            "APP_SERVER__ []" + problem,
            "APP___SERVER []" + problem);
  }

  @Test
  void aSecretsValueIsNotInItsProblem() {
    EnvLayer.Result r = read("APP_DB__PASSWORD", "hunter2");
    assertThat(problems(r))
        .containsExactly("APP_DB__PASSWORD [db.password]: must be integer, found ***");
    assertThat(read("APP_DB__PASSWORD", "1234").values().get(0).value().intValue()).isEqualTo(1234);
  }

  @Test
  void theResultIsOrderedByVariableNameWhateverTheMapsOrder() {
    EnvLayer.Result a = read("APP_SERVER__PORT", "1", "APP_DEBUG", "true");
    EnvLayer.Result b = read("APP_DEBUG", "true", "APP_SERVER__PORT", "1");
    assertThat(values(a)).isEqualTo(values(b));
    assertThat(a.values().get(0).variable()).isEqualTo("APP_DEBUG");
  }

  @Test
  void aFreeFormSchemaTakesEveryLevelLowercased() {
    EnvLayer.Result r =
        EnvLayer.read(
            "X_",
            Map.of("X_ANY__DEEP__KEY", "{\"a\": 1}", "X_N", "08"),
            SchemaPathsTest.paths("{}"));
    assertThat(values(r))
        .isEqualTo("X_ANY__DEEP__KEY -> any.deep.key = {\"a\":1}\nX_N -> n = \"08\"\n");
  }

  @Test
  void theVariableOfAPathIsThePrefixAndTheKeysUpperCased() {
    assertThat(EnvLayer.variable("APP_", List.of("dataset", "batch_size")))
        .isEqualTo("APP_DATASET__BATCH_SIZE");
  }

  @Test
  void oddNamesAndValuesAreProblemsNotFailures() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("APP_" + "X__".repeat(300) + "Y", "1");
    env.put("APP_SERVER__PORT__DEEP", "1");
    env.put("APP_\u00c9T\u00c9", "1");
    env.put("APP_TAGS", "[".repeat(500));
    env.put("APP_SERVER__HOST\n", "x");
    EnvLayer.Result r = EnvLayer.read("APP_", env, S);
    assertThat(r.values()).isEmpty();
    assertThat(r.problems()).hasSize(5);
    assertThat(problems(r))
        .contains(
            "APP_SERVER__PORT__DEEP [server.port.deep]: unknown setting server.port.deep",
            "APP_TAGS [tags]: must be array (written as JSON), found \""
                + "[".repeat(80)
                + "...\" (nesting is deeper than 200 levels)");
  }
}
