package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.lab.DownloadedConfig;
import io.hectiqlab.lab.Lab;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template names, {@code --set} blame (through the composed layers: each violation at its layer's
 * origin), metadata-only pushes and directories given to push.
 */
class PushAndTemplateNamesIT {
  static final String ADMIN_KEY = "hql_push_it_admin_key_0123456789";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir, Map.of());
    Path examples = Files.createDirectories(dir.resolve("schemas/examples"));
    try (Stream<Path> files = Files.list(Cli.ROOT.resolve("schemas/examples"))) {
      for (Path f : files.toList()) {
        Files.copy(f, examples.resolve(f.getFileName()));
      }
    }
    Path lab = Files.createDirectories(dir.resolve("schemas/lab"));
    try (Stream<Path> files = Files.list(Cli.ROOT.resolve("schemas/lab"))) {
      for (Path f : files.toList()) {
        Files.copy(f, lab.resolve(f.getFileName()));
      }
    }
    Files.createDirectories(dir.resolve("schemas/mine"));
    Files.writeString(
        dir.resolve("schemas/mine/service.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"port\": {\"type\": \"integer\"}}}");
    Files.writeString(
        dir.resolve("schemas/examples/service.schema.json"), "{\"type\": \"object\"}");
    Files.writeString(dir.resolve("service.yaml"), "port: http\n");
    Files.copy(
        Cli.ROOT.resolve("examples/quickstart/configs/train.yaml"), dir.resolve("train.yaml"));
  }

  private static void assertOneLine(Cli.Result r, int code, String line) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + line + "\n");
  }

  @Test
  void aRelativePathWithoutItsEndingNamesATemplate() {
    Cli.Result r = cli.run("validate", "-t", "mine/service", "service.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("service.yaml:1:7: /port: must be integer, found string (type)\n");
  }

  @Test
  void anAmbiguousNameListsOnlyItsCandidatesNotTheLabsWireSchemas() {
    Cli.Result r = cli.run("validate", "-t", "service", "service.yaml");
    assertOneLine(
        r,
        2,
        dir.resolve("schemas").toAbsolutePath().normalize()
            + ": several templates are named 'service': examples/service.schema.json,"
            + " mine/service.schema.json; name one by its path, such as examples/service");
    assertThat(r.err()).doesNotContain("lab/");
  }

  @Test
  void aBadSetValueIsBlamedOnTheSetArgument() {
    Cli.Result r =
        cli.run(
            "push",
            "--lab",
            "http://127.0.0.1:9",
            "--api-key",
            ADMIN_KEY,
            "--project",
            "lab/demo",
            "--run",
            "r",
            "-t",
            "training",
            "--set",
            "optimizer.lr=fast",
            "train.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .as(r.toString())
        .isEqualTo(
            "--set optimizer.lr=fast: /optimizer/lr: must be number, found string (type)\n"
                + "hectiqlab: --set optimizer.lr=fast is invalid; nothing was pushed\n");
  }

  @Test
  void theFileIsStillBlamedForItsOwnMistakesBesideASet() throws Exception {
    Files.writeString(
        dir.resolve("typo.yaml"), Files.readString(dir.resolve("train.yaml")) + "epochz: 3\n");
    Cli.Result r =
        cli.run(
            "push",
            "--lab",
            "http://127.0.0.1:9",
            "--api-key",
            ADMIN_KEY,
            "--project",
            "lab/demo",
            "--run",
            "r",
            "-t",
            "training",
            "--set",
            "dataset.batch_size=0",
            "typo.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    // The layers are composed with their positions: the file's own mistake keeps its line.
    assertThat(r.err().lines())
        .containsExactly(
            "typo.yaml:17:1: /epochz: unknown property 'epochz' (additionalProperties)",
            "--set dataset.batch_size=0: /dataset/batch_size: must be at least 1 (minimum)",
            "hectiqlab: typo.yaml and --set dataset.batch_size=0 are invalid; nothing was pushed");
  }

  @Test
  void pushingADirectorySaysItIsADirectory() throws Exception {
    Files.createDirectories(dir.resolve("configs"));
    assertOneLine(
        cli.run("push", "--project", "lab/demo", "--run", "r", "configs"),
        2,
        "configs: is a directory, not a config file");
  }

  @Test
  void pushWithoutAConfigFileNeedsMetadataAndTakesNoSetOrTemplate() {
    assertOneLine(
        cli.run("push", "--project", "lab/demo", "--run", "r"),
        2,
        "nothing to push: give a CONFIG_FILE (or - for standard input), --meta KEY=VALUE, or"
            + " both");
    assertOneLine(
        cli.run("push", "--project", "lab/demo", "--run", "r", "--set", "a=1", "--meta", "k=v"),
        2,
        "--set applies to a config: give the CONFIG_FILE (or - for standard input)");
  }

  @Test
  void pushMetaWithoutAConfigFileSetsOnlyTheMetadata() throws Exception {
    Process server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      String url = Cli.awaitListening(server);
      Lab lab = Lab.connect(URI.create(url), ADMIN_KEY);
      lab.admin().createProject("lab/demo", List.of());
      Cli withLab = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", ADMIN_KEY));
      Cli.Result r =
          withLab.run(
              "push",
              "--project",
              "lab/demo",
              "--run",
              "Sweep 3",
              "--meta",
              "accuracy=0.95",
              "--meta",
              "tags=[\"a\"]");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out())
          .isEqualTo(
              "set metadata accuracy, tags of lab/demo run sweep-3 (new run); no config pushed\n");
      DownloadedConfig d = lab.download("sweep-3", "lab/demo");
      assertThat(d.version()).isZero();
      assertThat(d.meta()).containsEntry("accuracy", 0.95).containsEntry("tags", List.of("a"));
    } finally {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
