package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOML config files, standard input ({@code -}, {@code --input-format}) and file names that tell no
 * format, through the real jar.
 */
class ConfigFormatsIT {
  static final String TEMPLATE = "schemas/examples/training.schema.json";

  static final String TRAIN_TOML =
      """
      # A training run in TOML
      name = "mnist-toml"
      tags = ["baseline", "toml"]

      [dataset]
      name = "mnist"
      batch_size = 64

      [model]
      architecture = "mlp"
      [[model.layers]]
      units = 256
      [[model.layers]]
      units = 10

      [optimizer]
      lr = 0.003
      """;

  static final String TYPO_TOML =
      TRAIN_TOML.replace("batch_size = 64", "batch_size = 0").replace("lr = 0.003", "lrr = 0.003");

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void copyExamples() throws Exception {
    cli = new Cli(dir, Map.of());
    Path schemas = Files.createDirectories(dir.resolve("schemas/examples"));
    try (Stream<Path> files = Files.list(Cli.ROOT.resolve("schemas/examples"))) {
      for (Path f : files.toList()) {
        Files.copy(f, schemas.resolve(f.getFileName()));
      }
    }
    Path configs = Files.createDirectories(dir.resolve("configs"));
    Files.copy(
        Cli.ROOT.resolve("examples/quickstart/configs/train-typo.yaml"),
        configs.resolve("train-typo.yaml"));
    Files.writeString(configs.resolve("train.toml"), TRAIN_TOML);
    Files.writeString(configs.resolve("TYPO.TOML"), TYPO_TOML);
    Files.writeString(configs.resolve("notes.txt"), "not a config");
  }

  /** Runs the jar with {@code input} on its standard input. */
  private Cli.Result runWithInput(byte[] input, String... args) throws Exception {
    Process p = cli.builder(args).start();
    CompletableFuture<String> out = Cli.drain(p.getInputStream());
    CompletableFuture<String> err = Cli.drain(p.getErrorStream());
    CompletableFuture<Void> feed =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream in = p.getOutputStream()) {
                in.write(input);
              } catch (IOException e) {
                // the command stopped reading (a limit): what it says is the outcome
              }
            });
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish");
    }
    feed.join();
    return new Cli.Result(p.exitValue(), out.join(), err.join());
  }

  private Cli.Result runWithInput(String input, String... args) throws Exception {
    return runWithInput(input.getBytes(StandardCharsets.UTF_8), args);
  }

  private static void assertUsageError(Cli.Result r, String line) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(line);
  }

  @Test
  void validateReadsTomlFilesWithPositionsAndWalksThemInDirectories() {
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "configs");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            "configs/TYPO.TOML:7:14: /dataset/batch_size: must be at least 1 (minimum)",
            "configs/TYPO.TOML:17:1: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?"
                + " (additionalProperties)",
            "configs/train-typo.yaml:5:15: /dataset/batch_size: must be at least 1 (minimum)",
            "configs/train-typo.yaml:10:3: /optimizer/learning_rate: unknown property"
                + " 'learning_rate' (additionalProperties)",
            "configs/train-typo.yaml:11:3: /optimizer/lrr: unknown property 'lrr'; did you mean"
                + " 'lr'? (additionalProperties)",
            "1 valid, 2 invalid, 3 files");
  }

  @Test
  void aTomlSyntaxErrorNamesFileLineAndColumn() throws Exception {
    Files.writeString(
        dir.resolve("bad.toml"), "name = \"x\"\n[dataset]\nname = \"a\"\nname = \"b\"\n");
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "bad.toml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "bad.toml:4:1: (root): duplicate key 'name' (syntax)\n0 valid, 1 invalid, 1 file\n");
  }

  @Test
  void validateReadsStandardInputAsYamlByDefault() throws Exception {
    String typo = Files.readString(Cli.ROOT.resolve("examples/quickstart/configs/train-typo.yaml"));
    Cli.Result r = runWithInput(typo, "validate", "-t", TEMPLATE, "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines())
        .first()
        .isEqualTo("<stdin>:5:15: /dataset/batch_size: must be at least 1 (minimum)");
    assertThat(r.out()).endsWith("0 valid, 1 invalid, 1 file\n");

    Cli.Result json =
        runWithInput(
            "{\"name\": \"ok\", \"dataset\": {\"name\": \"mnist\"}, \"model\": {\"architecture\":"
                + " \"mlp\", \"layers\": [{\"units\": 10}]}}",
            "validate",
            "-t",
            TEMPLATE,
            "-");
    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.out()).isEqualTo("1 valid, 0 invalid, 1 file\n");
  }

  @Test
  void validateReadsStandardInputInTheGivenFormatBesideFiles() throws Exception {
    Cli.Result r =
        runWithInput(
            TYPO_TOML,
            "validate",
            "-t",
            TEMPLATE,
            "--input-format",
            "toml",
            "configs/train.toml",
            "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            "<stdin>:7:14: /dataset/batch_size: must be at least 1 (minimum)",
            "<stdin>:17:1: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?"
                + " (additionalProperties)",
            "1 valid, 1 invalid, 2 files");
    Cli.Result bad =
        runWithInput("a = 1\nb = \n", "validate", "-t", TEMPLATE, "--input-format", "toml", "-");
    assertThat(bad.out())
        .startsWith("<stdin>:2:5: (root): invalid TOML: Newline not permitted here (syntax)\n");
    Cli.Result twice = runWithInput("a: 1\n", "validate", "-t", TEMPLATE, "-", "-");
    assertUsageError(twice, "hectiqlab: -: standard input can be read only once");
  }

  @Test
  void standardInputLargerThanTheLimitIsRefusedWhileReading() throws Exception {
    byte[] big = new byte[16 * 1024 * 1024 + 4096];
    Arrays.fill(big, (byte) ' ');
    Cli.Result r = runWithInput(big, "validate", "-t", TEMPLATE, "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "<stdin>: (root): input is too large (the limit is 16777216 bytes) (syntax)\n"
                + "0 valid, 1 invalid, 1 file\n");
  }

  @Test
  void aFileWhoseNameTellsNoFormatIsAUsageErrorUnlessTheFormatIsGiven() throws Exception {
    assertUsageError(
        cli.run("validate", "-t", TEMPLATE, "configs/notes.txt"),
        "hectiqlab: configs/notes.txt: cannot tell the format from the file name (use .json,"
            + " .yaml, .yml or .toml); or say how to read it with --input-format json|yaml|toml");
    Files.writeString(dir.resolve("run.conf"), TYPO_TOML);
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "--input-format", "toml", "run.conf");
    assertThat(r.out()).startsWith("run.conf:7:14: /dataset/batch_size: must be at least 1");
    // A name that tells a format is read that way, whatever --input-format says.
    Cli.Result named =
        cli.run("validate", "-t", TEMPLATE, "--input-format", "json", "configs/train.toml");
    assertThat(named.code()).as(named.toString()).isZero();
    Cli.Result wrong = cli.run("validate", "-t", TEMPLATE, "--input-format", "ini", "run.conf");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("--input-format", "ini", "json, yaml, toml");
  }

  @Test
  void pushReadsTomlAndStandardInputAndDownloadWritesToml() throws Exception {
    String adminKey = "hql_it_admin_key_formats_0123";
    Process server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", adminKey))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      String url = Cli.awaitListening(server);
      Cli admin = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", adminKey));
      assertThat(admin.run("admin", "user", "create", "bob").code()).isZero();
      String key = admin.run("admin", "key", "create", "--user", "bob").out().strip();
      assertThat(admin.run("admin", "project", "create", "lab/fmt", "--member", "bob").code())
          .isZero();
      cli = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", key));

      Cli.Result file =
          cli.run(
              "push", "--project", "lab/fmt", "--run", "r1", "-t", TEMPLATE, "configs/train.toml");
      assertThat(file.code()).as(file.toString()).isZero();
      assertThat(file.out()).startsWith("pushed configs/train.toml as config version 1");

      Cli.Result piped =
          runWithInput(
              TRAIN_TOML.replace("lr = 0.003", "lr = 0.5"),
              "push",
              "--project",
              "lab/fmt",
              "--run",
              "r1",
              "-t",
              TEMPLATE,
              "--input-format",
              "toml",
              "-");
      assertThat(piped.code()).as(piped.toString()).isZero();
      assertThat(piped.out()).startsWith("pushed <stdin> as config version 2");

      Cli.Result invalid =
          runWithInput(
              TYPO_TOML,
              "push",
              "--project",
              "lab/fmt",
              "--run",
              "r1",
              "-t",
              TEMPLATE,
              "--input-format",
              "toml",
              "-");
      assertThat(invalid.code()).as(invalid.toString()).isEqualTo(1);
      assertThat(invalid.err())
          .contains("<stdin>:7:14: /dataset/batch_size: must be at least 1 (minimum)")
          .contains("hectiqlab: <stdin> is invalid; nothing was pushed");

      Cli.Result down =
          cli.run("download", "--project", "lab/fmt", "--run", "r1", "-o", "latest.TOML");
      assertThat(down.code()).as(down.toString()).isZero();
      String written = Files.readString(dir.resolve("latest.TOML"));
      assertThat(written).contains("optimizer.lr = 0.5").doesNotContain("\"optimizer\"");
      Config latest = Config.load(dir.resolve("latest.TOML"));
      assertThat(latest.getString("dataset.path")).isEqualTo("./data"); // a default filled in
      assertThat(latest.getInt("model.layers.1.units")).isEqualTo(10);

      Cli.Result txt = cli.run("download", "--project", "lab/fmt", "--run", "r1", "-o", "x.txt");
      assertThat(txt.code()).as(txt.toString()).isEqualTo(2);
      assertThat(txt.err())
          .isEqualTo(
              "hectiqlab: x.txt: cannot save config: cannot tell the format from the file name"
                  + " (use .json, .yaml, .yml or .toml)\n");
      assertThat(dir.resolve("x.txt")).doesNotExist();

      assertUsageError(
          cli.run("push", "--project", "lab/fmt", "--run", "r1", "configs/notes.txt"),
          "hectiqlab: configs/notes.txt: cannot tell the format from the file name (use .json,"
              + " .yaml, .yml or .toml); or say how to read it with --input-format json|yaml|toml");
    } finally {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
