package io.hectiqlab.cli;

import static io.hectiqlab.cli.LayerFixtures.BASE_PASSWORD;
import static io.hectiqlab.cli.LayerFixtures.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hectiqlab explain}: the layer stack of one path, with the template's documentation;
 * secrets always {@code ***}; an unknown path is a usage error.
 */
class ExplainCommandIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir, Map.of());
    LayerFixtures.write(dir);
  }

  @Test
  void aValueSetByFourLayersShowsEachWithItsPositionAndTheWinner() {
    Cli.Result r =
        new Cli(dir, Map.of("APP_SERVER__PORT", "8002"))
            .run(
                "explain",
                "-t",
                TEMPLATE,
                "base.yaml",
                "exp.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "server.port=8003",
                "server.port");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "server.port = 8003\n"
                + "  from --set server.port=8003\n"
                + "  integer: Port to listen on\n"
                + "  default: 8080\n"
                + "  constraints: >= 1; <= 65535\n"
                + "layers, in the order they apply (the last one wins):\n"
                + "  (default)               8080\n"
                + "  base.yaml:3:9           8000\n"
                + "  exp.yaml:2:9            8001\n"
                + "  env APP_SERVER__PORT    8002\n"
                + "  --set server.port=8003  8003  (wins)\n");
  }

  @Test
  void jsonFormatHasTheSameStackForScripts() {
    Cli.Result r =
        cli.run(
            "explain", "-t", TEMPLATE, "base.yaml", "exp.yaml", "server.port", "--format", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    Config c = Config.fromJson(r.out());
    assertThat(c.getString("path")).isEqualTo("server.port");
    assertThat(c.getInt("value")).isEqualTo(8001);
    assertThat(c.getString("origin")).isEqualTo("exp.yaml:2:9");
    assertThat(c.getString("template.description")).isEqualTo("Port to listen on");
    assertThat(c.getInt("template.default")).isEqualTo(8080);
    assertThat(c.getBoolean("valid")).isTrue();
    List<Object> layers = c.getList("layers");
    assertThat(layers).hasSize(3);
    Config last = (Config) layers.get(2);
    assertThat(last.getString("layer")).isEqualTo("exp.yaml");
    assertThat(last.getString("location")).isEqualTo("exp.yaml:2:9");
    assertThat(last.getInt("value")).isEqualTo(8001);
    assertThat(last.getBoolean("wins")).isTrue();
    assertThat(((Config) layers.get(0)).getString("location")).isEqualTo("(default)");
  }

  @Test
  void secretsAreAlwaysStars() {
    String envPassword = "env-pw-SECRET-42";
    Cli.Result r =
        new Cli(dir, Map.of("APP_DATABASE__PASSWORD", envPassword))
            .run(
                "explain",
                "-t",
                TEMPLATE,
                "base.yaml",
                "--env-prefix",
                "APP_",
                "database.password");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(envPassword).doesNotContain(BASE_PASSWORD);
    assertThat(r.out())
        .startsWith("database.password = \"***\"\n  from env APP_DATABASE__PASSWORD\n")
        .contains("  base.yaml:6:13", "  env APP_DATABASE__PASSWORD");
    Cli.Result json =
        new Cli(dir, Map.of("APP_DATABASE__PASSWORD", envPassword))
            .run(
                "explain",
                "-t",
                TEMPLATE,
                "base.yaml",
                "--env-prefix",
                "APP_",
                "database.password",
                "--format",
                "json",
                "--set",
                "database.token=tok-SECRET-77");
    assertThat(json.out() + json.err())
        .doesNotContain(envPassword)
        .doesNotContain(BASE_PASSWORD)
        .doesNotContain("tok-SECRET-77");
    assertThat(Config.fromJson(json.out()).getBoolean("secret")).isTrue();

    Cli.Result byDefault = cli.run("explain", "-t", TEMPLATE, "base.yaml", "database.token");
    assertThat(byDefault.code()).as(byDefault.toString()).isZero();
    assertThat(byDefault.out() + byDefault.err()).doesNotContain("changeme-token");
    assertThat(byDefault.out())
        .isEqualTo(
            "database.token = \"***\"\n"
                + "  from (default)\n"
                + "  string: Access token\n"
                + "  default: ***\n"
                + "  constraints: length >= 8\n"
                + "layers, in the order they apply (the last one wins):\n"
                + "  (default)  \"***\"  (wins)\n");
  }

  @Test
  void aDeletionShowsInTheStackAndTheValueIsNotSet() {
    Cli.Result r =
        cli.run("explain", "-t", TEMPLATE, "base.yaml", "--set", "~database.url", "database.url");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "database.url: not set\n"
                + "  string: JDBC URL\n"
                + "layers, in the order they apply (the last one wins):\n"
                + "  base.yaml:5:8        \"jdbc:postgresql://db/shop\"\n"
                + "  --set ~database.url  (deleted)  (wins)\n");
  }

  @Test
  void anInterpolatedValueShowsTheTextWritten() {
    Cli.Result r =
        cli.run("explain", "-t", TEMPLATE, "base.yaml", "--set", "name=svc-${server.port}", "name");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(
            "name = \"svc-8000\"\n"
                + "  from --set name=svc-${server.port}\n"
                + "  interpolated from \"svc-${server.port}\"\n");
  }

  @Test
  void anUnknownPathIsAUsageErrorWithDidYouMean() {
    Cli.Result r = cli.run("explain", "-t", TEMPLATE, "base.yaml", "server.prot");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: server.prot: no such path in the composed config or the template;"
                + " did you mean 'server.port'?\n");
  }

  @Test
  void anUnknownPathFarFromAnyListsWhatItsParentHolds() {
    Cli.Result r = cli.run("explain", "-t", TEMPLATE, "base.yaml", "server.tls_certificate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: server.tls_certificate: no such path in the composed config or the"
                + " template; server holds host, port\n");
  }

  @Test
  void aPathTheTemplateDocumentsButNoLayerSetsIsExplained() {
    Cli.Result r = cli.run("explain", "-t", TEMPLATE, "exp.yaml", "--set", "+name=x", "database");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "database: not set\n"
                + "  object: The database the service keeps its state in\n"
                + "no layer sets it\n");
  }

  @Test
  void anInvalidComposedConfigStillShowsTheStackThenTheProblemsAtTheirLayers() throws Exception {
    Files.writeString(dir.resolve("exp.yaml"), "server:\n  port: 70000\n");
    Cli.Result r = cli.run("explain", "-t", TEMPLATE, "base.yaml", "exp.yaml", "server.port");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "server.port = 70000\n"
                + "  from exp.yaml:2:9\n"
                + "  integer: Port to listen on\n"
                + "  default: 8080\n"
                + "  constraints: >= 1; <= 65535\n"
                + "layers, in the order they apply (the last one wins):\n"
                + "  (default)      8080\n"
                + "  base.yaml:3:9  8000\n"
                + "  exp.yaml:2:9   70000  (wins)\n"
                + "the composed config is invalid:\n"
                + "exp.yaml:2:9: /server/port: must be at most 65535 (maximum)\n");
    Config json =
        Config.fromJson(
            cli.run(
                    "explain",
                    "-t",
                    TEMPLATE,
                    "base.yaml",
                    "exp.yaml",
                    "server.port",
                    "--format",
                    "json")
                .out());
    assertThat(json.getBoolean("valid")).isFalse();
    assertThat(json.getList("layers")).hasSize(3);
    Config v = (Config) json.getList("violations").get(0);
    assertThat(v.getString("origin")).isEqualTo("exp.yaml:2:9");
    assertThat(v.getString("keyword")).isEqualTo("maximum");
  }

  @Test
  void anInvalidSecretIsExplainedWithoutItsValue() {
    String bad = "sh0rt!";
    Cli.Result r =
        cli.run(
            "explain",
            "-t",
            TEMPLATE,
            "base.yaml",
            "--set",
            "database.token=" + bad,
            "database.token");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain(bad);
    assertThat(r.out())
        .contains("  --set database.token=***  \"***\"  (wins)\n")
        .endsWith(
            "the composed config is invalid:\n"
                + "--set database.token=***: /database/token: must be at least 8 characters long"
                + " (minLength)\n");
  }

  @Test
  void aListAppendedAcrossLayersIsShownAsMergedWithNoWinner() throws Exception {
    Path template = Cli.ROOT.resolve("schemas/examples/training.schema.json");
    Files.copy(Cli.ROOT.resolve("examples/quickstart/configs/train.yaml"), dir.resolve("t.yaml"));
    Files.writeString(dir.resolve("more.yaml"), "tags: [wide]\n");

    Cli.Result r = cli.run("explain", "-t", template.toString(), "t.yaml", "more.yaml", "tags");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("tags = [\"baseline\",\"quickstart\",\"wide\"]\n")
        .contains(
            "layers, in the order they apply (merged: the value above combines them):\n"
                + "  (default)      []\n"
                + "  t.yaml:16:7    [\"baseline\",\"quickstart\"]\n"
                + "  more.yaml:1:7  [\"wide\"]\n")
        .doesNotContain("(wins)");
    Cli.Result json =
        cli.run(
            "explain",
            "-t",
            template.toString(),
            "t.yaml",
            "more.yaml",
            "tags",
            "--format",
            "json");
    Config c = Config.fromJson(json.out());
    assertThat(c.getBoolean("merged")).isTrue();
    assertThat(c.getList("layers"))
        .allSatisfy(l -> assertThat(((Config) l).getBoolean("wins")).isFalse());
  }

  @Test
  void anItemOfASecretArrayIsSetAndShownAsStars() throws Exception {
    Files.writeString(
        dir.resolve("keys.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"db\": {\"type\": \"object\", \"properties\":"
            + " {\"keys\": {\"type\": \"array\", \"items\": {\"type\": \"string\"},"
            + " \"x-secret\": true}}}}}");
    Files.writeString(dir.resolve("keys.yaml"), "db:\n  keys:\n    - key-one-4b1d\n    - two\n");

    Cli.Result r = cli.run("explain", "-t", "keys.schema.json", "keys.yaml", "db.keys.0");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("db.keys.0 = \"***\"\n  from keys.yaml:3:7\n");
    assertThat(r.out()).doesNotContain("not set").doesNotContain("key-one-4b1d");

    Cli.Result json =
        cli.run("explain", "-t", "keys.schema.json", "keys.yaml", "db.keys.0", "--format", "json");
    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.out()).doesNotContain("key-one-4b1d");
    Config c = Config.fromJson(json.out());
    assertThat(c.getBoolean("set")).isTrue();
    assertThat(c.getString("value")).isEqualTo("***");
    assertThat(c.getBoolean("secret")).isTrue();
  }

  @Test
  void anUnknownPathBelowAKeyWithADotListsThatKeysChildren() throws Exception {
    Files.writeString(
        dir.resolve("labels.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"labels\": {\"type\": \"object\"}}}");
    Files.writeString(dir.resolve("labels.yaml"), "labels:\n  a.b:\n    x: 1\n    y: 2\n");

    Cli.Result r =
        cli.run(
            "explain",
            "-t",
            "labels.schema.json",
            "labels.yaml",
            "labels.a\\.b.nothing_like_any_key_here");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: labels.a\\.b.nothing_like_any_key_here: no such path in the composed"
                + " config or the template; labels.a\\.b holds x, y\n");

    Cli.Result above =
        cli.run(
            "explain", "-t", "labels.schema.json", "labels.yaml", "labels.nothing_like_any_key");
    assertThat(above.err()).endsWith("; labels holds a\\.b\n");
  }

  @Test
  void aFieldInsideAListElementShowsTheTemplatesDocumentation() throws Exception {
    Path template = Cli.ROOT.resolve("schemas/examples/training.schema.json");
    Files.copy(Cli.ROOT.resolve("examples/quickstart/configs/train.yaml"), dir.resolve("t.yaml"));

    Cli.Result r = cli.run("explain", "-t", template.toString(), "t.yaml", "model.layers.0.units");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(
            "model.layers.0.units = 256\n"
                + "  from t.yaml:10:14\n"
                + "  integer: Width of the layer\n"
                + "  constraints: >= 1; <= 65536\n")
        .doesNotContain("does not document");
  }
}
