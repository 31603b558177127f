package io.hectiqlab.cli;

import static io.hectiqlab.cli.LayerFixtures.BASE_PASSWORD;
import static io.hectiqlab.cli.LayerFixtures.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hectiqlab compose}: files, the environment and overrides composed, validated and printed
 * or written; every problem names its layer; secrets stay {@code ***} unless asked.
 */
class ComposeCommandIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir, Map.of());
    LayerFixtures.write(dir);
  }

  private Cli withEnv(String... keysAndValues) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Cli(dir, env);
  }

  @Test
  void printsTheComposedConfigAsYamlWithLaterLayersWinningAndDefaultsFilledIn() {
    Cli.Result r =
        withEnv("APP_WORKERS", "6")
            .run(
                "compose",
                "-t",
                TEMPLATE,
                "base.yaml",
                "exp.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "server.host=0.0.0.0",
                "--set",
                "tags=[\"blue\"]");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    Config c = Config.fromYaml(r.out());
    assertThat(c.getString("name")).isEqualTo("shop");
    assertThat(c.getInt("server.port")).isEqualTo(8001); // exp.yaml over base.yaml
    assertThat(c.getString("server.host")).isEqualTo("0.0.0.0"); // --set over the default
    assertThat(c.getInt("workers")).isEqualTo(6); // the environment over exp.yaml
    assertThat(c.getList("tags")).containsExactly("blue");
  }

  @Test
  void outputFormatJsonPrintsJson() {
    Cli.Result r =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "exp.yaml", "--output-format", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Config.fromJson(r.out()).getInt("server.port")).isEqualTo(8001);
  }

  @Test
  void oneErrorFromEachLayerKindNamesItsOrigin() throws Exception {
    Files.writeString(dir.resolve("base.yaml"), LayerFixtures.BASE.replace("8000", "70000"));
    Cli.Result r =
        withEnv("APP_WORKERS", "08")
            .run(
                "compose",
                "-t",
                TEMPLATE,
                "base.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "server.host=5");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .contains("base.yaml:3:9: /server/port: must be at most 65535 (maximum)")
        .anyMatch(l -> l.startsWith("env APP_WORKERS: /workers: ") && l.contains("\"08\""))
        .anyMatch(l -> l.startsWith("--set server.host=5: /server/host: must be string"))
        .last()
        .isEqualTo(
            "hectiqlab: base.yaml, env APP_WORKERS and --set server.host=5 are invalid; nothing"
                + " was printed");
  }

  @Test
  void aDefaultThatBreaksItsOwnSchemaIsBlamedOnTheDefault() throws Exception {
    Files.writeString(
        dir.resolve("retry.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"retries\": {\"type\": \"integer\","
            + " \"minimum\": 1, \"default\": 0}}}");
    Files.writeString(dir.resolve("empty.yaml"), "{}\n");

    Cli.Result r = cli.run("compose", "-t", "retry.schema.json", "empty.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("(default): /retries: must be at least 1 (minimum)\n")
        .endsWith("hectiqlab: (default) is invalid; nothing was printed\n");
  }

  @Test
  void standardInputIsOneLayerInItsPlace() throws Exception {
    Path piped = Files.writeString(dir.resolve("piped.yaml"), "workers: 9\nserver:\n  port: 9\n");
    ProcessBuilder pb =
        cli.builder("compose", "-t", TEMPLATE, "base.yaml", "-", "exp.yaml")
            .redirectInput(piped.toFile());

    Cli.Result r = Cli.run(pb);

    assertThat(r.code()).as(r.toString()).isZero();
    Config c = Config.fromYaml(r.out());
    assertThat(c.getInt("workers")).isEqualTo(4); // exp.yaml is above standard input
    assertThat(c.getInt("server.port")).isEqualTo(8001);
    Cli.Result twice = cli.run("compose", "-t", TEMPLATE, "-", "-");
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).isEqualTo("hectiqlab: -: standard input can be read only once\n");
  }

  @Test
  void secretsArePrintedAsStarsUnlessShowSecretsIsGiven() {
    String token = "tok-SECRET-1234";
    String envPassword = "env-pw-SECRET-99";
    Cli env = withEnv("APP_DATABASE__PASSWORD", envPassword);
    String[] args = {
      "compose",
      "-t",
      TEMPLATE,
      "base.yaml",
      "--env-prefix",
      "APP_",
      "--set",
      "database.token=" + token
    };

    Cli.Result hidden = env.run(args);
    assertThat(hidden.code()).as(hidden.toString()).isZero();
    assertThat(hidden.out() + hidden.err())
        .doesNotContain(BASE_PASSWORD)
        .doesNotContain(token)
        .doesNotContain(envPassword);
    Config c = Config.fromYaml(hidden.out());
    assertThat(c.getString("database.password")).isEqualTo("***");
    assertThat(c.getString("database.token")).isEqualTo("***");
    assertThat(c.getString("database.url")).isEqualTo("jdbc:postgresql://db/shop");

    String[] shown = java.util.Arrays.copyOf(args, args.length + 1);
    shown[args.length] = "--show-secrets";
    Cli.Result revealed = env.run(shown);
    assertThat(revealed.code()).as(revealed.toString()).isZero();
    Config s = Config.fromYaml(revealed.out());
    assertThat(s.getString("database.password")).isEqualTo(envPassword);
    assertThat(s.getString("database.token")).isEqualTo(token);
  }

  @Test
  void anInvalidSecretIsReportedWithoutItsValue() {
    String bad = "sh0rt!";
    Cli.Result r =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "--set", "database.token=" + bad);

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain(bad).doesNotContain(BASE_PASSWORD);
    assertThat(r.err()).startsWith("--set database.token=***: /database/token: ");
  }

  @Test
  void aSecretCopiedByInterpolationIsSecretWhereItLands() {
    Cli.Result r =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "--set", "name=${database.password}");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(BASE_PASSWORD);
    assertThat(Config.fromYaml(r.out()).getString("name")).isEqualTo("***");
  }

  @Test
  void outputWritesTheFileInTheSyntaxItsNameTellsWithSecretsMasked() throws Exception {
    Cli.Result yaml = cli.run("compose", "-t", TEMPLATE, "base.yaml", "exp.yaml", "-o", "out.yaml");
    Cli.Result json = cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "out.json");
    Cli.Result toml = cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "out.toml");

    for (Cli.Result r : new Cli.Result[] {yaml, json, toml}) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith("wrote the config composed from base.yaml");
    }
    assertThat(yaml.out())
        .isEqualTo("wrote the config composed from base.yaml, exp.yaml to out.yaml\n");
    Config written = Config.load(dir.resolve("out.yaml"));
    assertThat(written.getInt("server.port")).isEqualTo(8001);
    assertThat(written.getString("database.password")).isEqualTo("***");
    assertThat(Files.readString(dir.resolve("out.yaml"))).doesNotContain(BASE_PASSWORD);
    assertThat(Config.fromJson(Files.readString(dir.resolve("out.json"))).getInt("server.port"))
        .isEqualTo(8000);
    assertThat(Config.load(dir.resolve("out.toml")).getInt("workers")).isEqualTo(2);

    Cli.Result secrets =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "out.yaml", "--show-secrets");
    assertThat(secrets.code()).as(secrets.toString()).isZero();
    assertThat(Config.load(dir.resolve("out.yaml")).getString("database.password"))
        .isEqualTo(BASE_PASSWORD);
  }

  @Test
  void outputRefusesWhatIsNotARegularFileAndAnInvalidConfigWritesNothing() throws Exception {
    Files.createDirectories(dir.resolve("out.d"));
    Cli.Result directory = cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "out.d");
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err())
        .isEqualTo(
            "hectiqlab: out.d: is a directory; -o replaces only regular files (or omit -o to"
                + " print)\n");

    Path fifo = dir.resolve("pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Cli.Result pipe = cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "pipe.yaml");
    assertThat(pipe.code()).isEqualTo(2);
    assertThat(pipe.err())
        .isEqualTo(
            "hectiqlab: pipe.yaml: is a FIFO (named pipe); -o replaces only regular files (or"
                + " omit -o to print)\n");

    Files.writeString(dir.resolve("kept.yaml"), "old: true\n");
    Cli.Result invalid =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "--set", "workers=0", "-o", "kept.yaml");
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.err()).endsWith("nothing was written\n");
    assertThat(Files.readString(dir.resolve("kept.yaml"))).isEqualTo("old: true\n");

    Cli.Result noSyntax = cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "out.txt");
    assertThat(noSyntax.code()).isEqualTo(2);
    assertThat(noSyntax.err()).startsWith("hectiqlab: out.txt: cannot save config: ");
    assertThat(new File(dir.toFile(), "out.txt")).doesNotExist();
  }

  @Test
  void usageErrorsExitTwo() {
    Cli.Result missing = cli.run("compose", "-t", TEMPLATE, "base.yaml", "nope.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("hectiqlab: nope.yaml: no such file or directory\n");

    Cli.Result noTemplate = cli.run("compose", "base.yaml");
    assertThat(noTemplate.code()).isEqualTo(2);
    assertThat(noTemplate.err()).startsWith("hectiqlab: Missing required option: '--template");

    Cli.Result both =
        cli.run("compose", "-t", TEMPLATE, "base.yaml", "-o", "a.yaml", "--output-format", "json");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo(
            "hectiqlab: -o writes the syntax its name tells (json, yaml, yml or toml);"
                + " --output-format is for standard output\n");

    Cli.Result emptyPrefix = cli.run("compose", "-t", TEMPLATE, "base.yaml", "--env-prefix", "");
    assertThat(emptyPrefix.code()).isEqualTo(2);
    assertThat(emptyPrefix.err())
        .isEqualTo(
            "hectiqlab: --env-prefix: prefix must not be empty: every variable of the environment"
                + " would be read\n");
  }

  @Test
  void pastTenInvalidLayersTheLastLineNamesTenAndCountsTheRest() throws Exception {
    Files.writeString(
        dir.resolve("labels.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"xlabels\": {\"type\": \"object\","
            + " \"additionalProperties\": {\"type\": \"integer\", \"maximum\": 0}}}}");
    Files.writeString(dir.resolve("labels.yaml"), "xlabels: {}\n");
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < 13; i++) {
      env.put(String.format("APP_XLABELS__K%02d", i), "5");
    }
    Cli.Result r =
        new Cli(dir, env)
            .run("compose", "-t", "labels.schema.json", "labels.yaml", "--env-prefix", "APP_");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.contains(": must be at most 0"))).hasSize(13);
    assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow())
        .matches(
            "hectiqlab: (env APP_XLABELS__K\\d\\d, ){9}env APP_XLABELS__K\\d\\d and 3 more are"
                + " invalid; nothing was printed");
  }

  @Test
  void theSetHelpNamesEveryOverrideFormIncludingTheConditionalDelete() {
    Cli.Result r = cli.run("compose", "--help");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains(
            "k=v sets a value that exists or that the template declares, +k=v adds a new one,"
                + " ++k=v sets or adds, ~k deletes, ~k=v deletes only when the value is v;");
  }
}
