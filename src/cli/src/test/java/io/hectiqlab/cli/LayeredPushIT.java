package io.hectiqlab.cli;

import static io.hectiqlab.cli.LayerFixtures.BASE_PASSWORD;
import static io.hectiqlab.cli.LayerFixtures.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.lab.DownloadedConfig;
import io.hectiqlab.lab.Lab;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push} of layered configs to a real lab: the layers composed as {@code compose} composes
 * them, their names recorded under {@code config_layers}, secrets never sent or printed.
 */
class LayeredPushIT {
  static final String ADMIN_KEY = "hql_layered_push_admin_key_01234";

  @TempDir Path dir;
  Process server;
  Lab lab;
  String url;

  @BeforeEach
  void startLab() throws Exception {
    LayerFixtures.write(dir);
    server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    url = Cli.awaitListening(server);
    lab = Lab.connect(URI.create(url), ADMIN_KEY);
    lab.admin().createProject("lab/demo", List.of());
  }

  @AfterEach
  void stopLab() throws Exception {
    server.destroy();
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  private Cli cli(String... env) {
    Map<String, String> vars = new HashMap<>();
    vars.put("HECTIQLAB_API_URL", url);
    vars.put("HECTIQLAB_API_KEY", ADMIN_KEY);
    for (int i = 0; i < env.length; i += 2) {
      vars.put(env[i], env[i + 1]);
    }
    return new Cli(dir, vars);
  }

  @Test
  void pushComposesTheLayersAndRecordsTheirNamesInTheRunsMetadata() {
    String token = "tok-SECRET-5150";
    Cli.Result r =
        cli("APP_WORKERS", "7")
            .run(
                "push",
                "--project",
                "lab/demo",
                "--run",
                "layered",
                "-t",
                TEMPLATE,
                "base.yaml",
                "exp.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "server.port=9000",
                "--set",
                "database.token=" + token,
                "--meta",
                "accuracy=0.9");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(token).doesNotContain(BASE_PASSWORD);
    assertThat(r.out())
        .isEqualTo(
            "pushed base.yaml + exp.yaml + env APP_ + --set server.port=9000 + --set"
                + " database.token=*** as config version 1 of lab/demo run layered (new run),"
                + " with metadata accuracy; the template's secret values were sent as ***"
                + " (--show-secrets sends them)\n");
    DownloadedConfig d = lab.download("layered", "lab/demo");
    assertThat(d.meta())
        .containsEntry(
            "config_layers",
            List.of(
                "base.yaml",
                "exp.yaml",
                "env APP_",
                "--set server.port=9000",
                "--set database.token=***"))
        .containsEntry("accuracy", 0.9);
    assertThat(d.config().getInt("server.port")).isEqualTo(9000);
    assertThat(d.config().getInt("workers")).isEqualTo(7);
    assertThat(d.config().getString("server.host")).isEqualTo("127.0.0.1"); // default filled in
    assertThat(d.config().getString("database.password")).isEqualTo("***");
    assertThat(d.config().getString("database.token")).isEqualTo("***");

    Cli.Result revealed =
        cli()
            .run(
                "push",
                "--project",
                "lab/demo",
                "--run",
                "revealed",
                "-t",
                TEMPLATE,
                "base.yaml",
                "--show-secrets");
    assertThat(revealed.code()).as(revealed.toString()).isZero();
    assertThat(revealed.out() + revealed.err()).doesNotContain(BASE_PASSWORD);
    assertThat(lab.download("revealed", "lab/demo").config().getString("database.password"))
        .isEqualTo(BASE_PASSWORD);
  }

  @Test
  void anInvalidLayerIsBlamedAndNothingIsPushed() throws Exception {
    Cli.Result r =
        cli("APP_SERVER__PORT", "08")
            .run(
                "push",
                "--project",
                "lab/demo",
                "--run",
                "broken",
                "-t",
                TEMPLATE,
                "base.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "workers=0");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .anyMatch(l -> l.startsWith("env APP_SERVER__PORT: /server/port: "))
        .contains("--set workers=0: /workers: must be at least 1 (minimum)")
        .last()
        .isEqualTo(
            "hectiqlab: env APP_SERVER__PORT and --set workers=0 are invalid; nothing was pushed");
    Cli.Result history = cli().run("download", "--project", "lab/demo", "--run", "broken");
    assertThat(history.code()).isNotZero(); // no such run: nothing was pushed
  }

  @Test
  void withoutATemplateSetTakesHydrasGrammar() throws Exception {
    Files.writeString(dir.resolve("plain.yaml"), "a: 1\nnested:\n  b: x\n");
    Cli.Result added =
        cli()
            .run(
                "push",
                "--project",
                "lab/demo",
                "--run",
                "plain",
                "plain.yaml",
                "--set",
                "a=2",
                "--set",
                "+c=[1,2]",
                "--set",
                "~nested.b");
    assertThat(added.code()).as(added.toString()).isZero();
    DownloadedConfig d = lab.download("plain", "lab/demo");
    assertThat(d.config().getInt("a")).isEqualTo(2);
    assertThat(d.config().getList("c")).containsExactly(1, 2);
    assertThat(d.config().containsKey("nested.b")).isFalse();
    assertThat(d.meta())
        .containsEntry(
            "config_layers",
            List.of("plain.yaml", "--set a=2", "--set +c=[1,2]", "--set ~nested.b"));

    Cli.Result unknown =
        cli().run("push", "--project", "lab/demo", "--run", "plain", "plain.yaml", "--set", "d=1");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("--set d=1: ")
        .endsWith("hectiqlab: --set d=1 is invalid; nothing was pushed\n");
  }

  @Test
  void theLayersKeyIsPushsOwn() {
    Cli.Result r =
        cli()
            .run(
                "push",
                "--project",
                "lab/demo",
                "--run",
                "r",
                "base.yaml",
                "--meta",
                "config_layers=[]");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: --meta config_layers: push records the config's layers under this key"
                + " itself; use another key\n");
  }
}
