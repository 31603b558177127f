package io.hectiqlab.cli;

import static io.hectiqlab.cli.LayerFixtures.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --compose}: the files as layers of one config; without it each file is still
 * validated on its own, and layer options with several files are a usage error naming the fix.
 */
class ValidateComposeIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir, Map.of());
    LayerFixtures.write(dir);
    // Alone, exp.yaml lacks the required name; as a layer above base.yaml it is valid.
    Files.writeString(dir.resolve("bad.yaml"), "server:\n  port: 70000\n");
  }

  @Test
  void withoutComposeEachFileIsValidatedOnItsOwn() {
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "base.yaml", "exp.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "exp.yaml:1:1: (root): missing required property 'name' (required)\n"
                + "1 valid, 1 invalid, 2 files\n");
  }

  @Test
  void composeValidatesTheFilesAsLayersOfOneConfig() {
    Cli.Result valid = cli.run("validate", "-t", TEMPLATE, "--compose", "base.yaml", "exp.yaml");
    assertThat(valid.code()).as(valid.toString()).isZero();
    assertThat(valid.out()).isEqualTo("1 config: valid, 2 layers\n");

    Cli.Result invalid =
        new Cli(dir, Map.of("APP_WORKERS", "0"))
            .run(
                "validate",
                "-t",
                TEMPLATE,
                "--compose",
                "base.yaml",
                "bad.yaml",
                "--env-prefix",
                "APP_",
                "--set",
                "server.host=7");
    assertThat(invalid.code()).as(invalid.toString()).isEqualTo(1);
    assertThat(invalid.out().lines())
        .contains("bad.yaml:2:9: /server/port: must be at most 65535 (maximum)")
        .anyMatch(l -> l.startsWith("env APP_WORKERS: /workers: must be at least 1"))
        .anyMatch(l -> l.startsWith("--set server.host=7: /server/host: must be string"))
        .last()
        .isEqualTo("1 config: invalid, 4 layers");
  }

  @Test
  void composeReportsEachLayerAsItsOwnFileInJson() {
    Cli.Result r =
        cli.run(
            "validate", "-t", TEMPLATE, "--compose", "base.yaml", "bad.yaml", "--format", "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    List<Object> files = Config.fromJson(r.out()).getList("files");
    assertThat(files).hasSize(2);
    Config bad = (Config) files.get(1);
    assertThat(bad.getString("file")).isEqualTo("bad.yaml");
    assertThat(bad.getBoolean("valid")).isFalse();
    Config v = (Config) bad.getList("violations").get(0);
    assertThat(v.getInt("line")).isEqualTo(2);
    assertThat(v.getString("path")).isEqualTo("/server/port");
    assertThat(((Config) files.get(0)).getBoolean("valid")).isTrue();
  }

  @Test
  void aFileThatCannotBeParsedIsItsSyntaxError() throws Exception {
    Files.writeString(dir.resolve("broken.yaml"), "server: [\n");
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "--compose", "base.yaml", "broken.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).startsWith("broken.yaml:").contains("(syntax)\n");
    assertThat(r.out().lines().findFirst().orElseThrow())
        .containsOnlyOnce("broken.yaml")
        .matches("broken\\.yaml:\\d+:\\d+: \\(root\\): .+ \\(syntax\\)");
    assertThat(r.out()).endsWith("1 config: invalid, 2 layers\n");
  }

  @Test
  void layerOptionsWithSeveralFilesNeedCompose() {
    Cli.Result r =
        cli.run("validate", "-t", TEMPLATE, "base.yaml", "exp.yaml", "--set", "workers=3");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: --set applies to one config, and validate checks each file on its own:"
                + " add --compose to validate the files as layers of one config\n");
  }

  @Test
  void layerOptionsWithOneFileImplyCompose() {
    Cli.Result r =
        new Cli(dir, Map.of("APP_SERVER__PORT", "08"))
            .run("validate", "-t", TEMPLATE, "base.yaml", "--env-prefix", "APP_");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("env APP_SERVER__PORT: /server/port: ")
        .contains("\"08\"")
        .endsWith("1 config: invalid, 2 layers\n");
  }

  @Test
  void theSummaryCountsTheLayersOfTheOneConfigNotFiles() {
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "base.yaml", "--set", "workers=3");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("1 config: valid, 2 layers\n");

    Cli.Result json =
        cli.run("validate", "-t", TEMPLATE, "base.yaml", "--set", "workers=3", "--format", "json");
    // JSON keeps its shape: one files[] entry per file and per other layer at fault.
    assertThat(Config.fromJson(json.out()).getInt("summary.files")).isEqualTo(1);
  }

  @Test
  void aGitHubAnnotationOfALayerThatIsNoFileHasNoFile() {
    Cli.Result r =
        cli.run(
            "validate",
            "-t",
            TEMPLATE,
            "base.yaml",
            "--set",
            "server.host=7",
            "--format",
            "github");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines().toList())
        .containsExactly(
            "::error title=--set server.host=7%3A /server/host (type)::must be string, found"
                + " integer",
            "1 config: invalid, 2 layers");
  }

  @Test
  void aSarifResultOfALayerThatIsNoFileHasALogicalLocationOnly() throws Exception {
    Cli.Result r =
        cli.run(
            "validate",
            "-t",
            TEMPLATE,
            "base.yaml",
            "bad.yaml",
            "--compose",
            "--set",
            "server.host=7",
            "--format",
            "sarif");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    Path log = Files.writeString(dir.resolve("report.sarif.json"), r.out());
    Path subset = dir.resolve("sarif-2.1.0-subset.schema.json");
    try (java.io.InputStream in =
        getClass().getResourceAsStream("/reports/sarif-2.1.0-subset.schema.json")) {
      Files.copy(in, subset);
    }
    assertThat(ConfigSchema.load(subset).validate(log).violations()).as(r.out()).isEmpty();
    Config run = (Config) Config.load(log).getList("runs").get(0);
    List<Object> results = run.getList("results");
    assertThat(results).hasSize(2);
    Config file = (Config) ((Config) results.get(0)).getList("locations").get(0);
    assertThat(file.getString("physicalLocation.artifactLocation.uri")).isEqualTo("bad.yaml");
    Config layer = (Config) ((Config) results.get(1)).getList("locations").get(0);
    assertThat(layer.containsKey("physicalLocation")).isFalse();
    assertThat(((Config) layer.getList("logicalLocations").get(0)).getString("name"))
        .isEqualTo("--set server.host=7");
  }
}
