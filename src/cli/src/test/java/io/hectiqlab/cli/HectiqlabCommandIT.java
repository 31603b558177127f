package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command end to end through the real jar, as a process. */
class HectiqlabCommandIT {
  static final String TEMPLATE = "schemas/examples/training.schema.json";

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
    for (String name : List.of("train.yaml", "train-typo.yaml")) {
      Files.copy(
          Cli.ROOT.resolve("examples/quickstart/configs").resolve(name), configs.resolve(name));
    }
  }

  @Test
  void versionAndHelpListEveryCommand() {
    assertThat(cli.run("--version").out()).startsWith("hectiqlab 0.");
    Cli.Result help = cli.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("validate", "help", "codegen", "serve", "push", "download", "admin", "quickstart")
        .contains("compose", "explain", "compat", "generate-completion")
        .doesNotContain("\u001b[");
    assertThat(cli.run("help", "push").out()).contains("--project=OWNER/NAME", "--set=OVERRIDE");
    assertThat(cli.run("generate-completion").out()).contains("complete -F");
  }

  @Test
  void everyCommandExplainsItselfWithAnExample() {
    List<List<String>> commands =
        List.of(
            List.of("validate"),
            List.of("compose"),
            List.of("explain"),
            List.of("compat"),
            List.of("help"),
            List.of("codegen"),
            List.of("serve"),
            List.of("push"),
            List.of("download"),
            List.of("admin"),
            List.of("quickstart"),
            List.of("admin", "user", "create"),
            List.of("admin", "key", "create"),
            List.of("admin", "key", "revoke"),
            List.of("admin", "project", "create"),
            List.of("admin", "project", "list"),
            List.of("admin", "project", "add-member"),
            List.of("admin", "project", "remove-member"));
    for (List<String> command : commands) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      Cli.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out())
          .as(String.join(" ", command))
          .startsWith("Usage: hectiqlab " + String.join(" ", command))
          .contains("Example");
    }
  }

  @Test
  void validatePrintsProblemsLikeACompilerAndExitsOneWhenAFileIsInvalid() {
    Cli.Result r = cli.run("validate", "--template", TEMPLATE, "configs");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            "configs/train-typo.yaml:5:15: /dataset/batch_size: must be at least 1 (minimum)",
            "configs/train-typo.yaml:10:3: /optimizer/learning_rate: unknown property"
                + " 'learning_rate' (additionalProperties)",
            "configs/train-typo.yaml:11:3: /optimizer/lrr: unknown property 'lrr'; did you mean"
                + " 'lr'? (additionalProperties)",
            "1 valid, 1 invalid, 2 files");
    Cli.Result ok = cli.run("validate", "-t", "training", "configs/train.yaml");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).isEqualTo("1 valid, 0 invalid, 1 file\n");
    Cli.Result once = cli.run("validate", "-t", TEMPLATE, "./configs/train.yaml", "configs");
    assertThat(once.out()).endsWith("1 valid, 1 invalid, 2 files\n"); // each file once
  }

  @Test
  void validateJsonFormatIsOneMachineReadableReport() {
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "--format", "json", "configs");
    assertThat(r.code()).isEqualTo(1);
    Config report = Config.fromJson(r.out());
    assertThat(report.getInt("summary.files")).isEqualTo(2);
    assertThat(report.getInt("summary.invalid")).isEqualTo(1);
    assertThat(report.getString("files.0.file")).isEqualTo("configs/train-typo.yaml");
    assertThat(report.getInt("files.0.violations.0.line")).isEqualTo(5);
    assertThat(report.getInt("files.0.violations.0.column")).isEqualTo(15);
    assertThat(report.getString("files.0.violations.0.path")).isEqualTo("/dataset/batch_size");
    assertThat(report.getBoolean("files.1.valid")).isTrue();
  }

  @Test
  void validateOfManyFilesInOneRunCountsEveryFileThroughGlobsAndDirectories() throws Exception {
    Path many = Files.createDirectories(dir.resolve("many/deep"));
    String valid = Files.readString(dir.resolve("configs/train.yaml"));
    for (int i = 0; i < 300; i++) {
      String text = i % 100 == 7 ? valid.replace("lr: 0.003", "lr: 3") : valid;
      Files.writeString(many.resolve(String.format("run-%03d.yaml", i)), text);
    }
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "--jobs", "4", "many/**.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("many/deep/run-007.yaml:15:7: /optimizer/lr: must be at most 1 (maximum)")
        .contains("many/deep/run-207.yaml:15:7:")
        .endsWith("297 valid, 3 invalid, 300 files\n");
    assertThat(r.err()).doesNotContain("validating ["); // no progress bar when not on a terminal
    assertThat(cli.run("validate", "-t", TEMPLATE, "many").out())
        .endsWith("297 valid, 3 invalid, 300 files\n");
  }

  @Test
  void malformedAndUnreadableFilesAreInvalidWithTheirPosition() throws Exception {
    Files.writeString(dir.resolve("configs/broken.yaml"), "name: a\ndataset: [1, 2\n");
    Files.write(dir.resolve("configs/binary.json"), new byte[] {'{', '"', (byte) 0xff, '"', '}'});
    Files.writeString(dir.resolve("configs/empty.yaml"), "");
    Cli.Result r =
        cli.run(
            "validate",
            "-t",
            TEMPLATE,
            "configs/broken.yaml",
            "configs/binary.json",
            "configs/empty.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("configs/broken.yaml:3:1: (root): invalid YAML");
    assertThat(r.out()).contains("configs/binary.json:");
    assertThat(r.out()).contains("configs/empty.yaml");
    assertThat(r.out()).endsWith("0 valid, 3 invalid, 3 files\n");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void onATerminalColoursAndAProgressBarUnlessNoColor() throws Exception {
    Assumptions.assumeTrue(Cli.canRunOnTerminal(), "util-linux script is not installed");
    Path many = Files.createDirectories(dir.resolve("many"));
    String valid = Files.readString(dir.resolve("configs/train.yaml"));
    for (int i = 0; i < 100; i++) {
      Files.writeString(many.resolve("run-" + i + ".yaml"), valid);
    }
    Files.copy(dir.resolve("configs/train-typo.yaml"), many.resolve("typo.yaml"));
    Cli.Result coloured = cli.runOnTerminal("validate", "-t", TEMPLATE, "many");
    assertThat(coloured.code()).as(coloured.toString()).isEqualTo(1);
    assertThat(coloured.out())
        .contains("\u001b[1mmany/typo.yaml:5:15\u001b[0m")
        .contains("validating [")
        .contains("100 valid, 1 invalid, 101 files");
    Cli.Result plain =
        new Cli(dir, Map.of("NO_COLOR", "1")).runOnTerminal("validate", "-t", TEMPLATE, "many");
    assertThat(plain.out()).doesNotContain("\u001b[1m").contains("many/typo.yaml:5:15: /dataset");
    assertThat(cli.runOnTerminal("--no-color", "validate", "-t", TEMPLATE, "many").out())
        .doesNotContain("\u001b[1m");
  }

  @Test
  void usageAndTemplateErrorsExitTwoWithOneClearLine() throws Exception {
    assertError(
        cli.run("validate", "-t", TEMPLATE, "nope.yaml"),
        2,
        "nope.yaml: no such file or directory");
    assertError(
        cli.run("validate", "-t", TEMPLATE, "configs/*.toml"),
        2,
        "configs/*.toml: matches no files");
    assertError(cli.run("validate", "-t", "nosuch", "configs"), 2, "no template");
    assertError(
        cli.run("validate", "configs"), 2, "Missing required option: '--template=TEMPLATE'");
    assertError(cli.run("frobnicate"), 2, "Unmatched argument at index 0: 'frobnicate'");
    Files.writeString(dir.resolve("typo.schema.json"), "{\"type\": \"objec\"}");
    assertError(
        cli.run("validate", "-t", "typo.schema.json", "configs"), 2, "/type: must be one of");
    Files.writeString(dir.resolve("bad.schema.json"), "{\n  \"type\": \"object\",\n}");
    assertError(cli.run("help", "-t", "bad.schema.json"), 2, "bad.schema.json:3:");
  }

  private static void assertError(Cli.Result r, int code, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).contains(message).doesNotContain("\tat ");
    assertThat(r.err().lines().filter(l -> l.startsWith("hectiqlab: ")).count()).isEqualTo(1);
  }

  @Test
  void helpPrintsTheTemplateAsATableOrAsPyhectiqlabJson() {
    Cli.Result table = cli.run("help", "-t", TEMPLATE);
    assertThat(table.code()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .startsWith("FIELD")
        .contains("TYPE", "REQUIRED", "DEFAULT", "CONSTRAINTS", "DESCRIPTION");
    assertThat(table.out())
        .containsPattern("dataset\\.batch_size +integer +- +32 +>= 1; <= 4096 +Samples per batch");
    Config json = Config.fromJson(cli.run("help", "-t", "training", "--format", "json").out());
    assertThat(json.getString("optimizer.lr")).startsWith("[number] Learning rate");
  }

  @Test
  void codegenWritesTemplateClasses() throws Exception {
    Cli.Result r =
        cli.run(
            "codegen", "schemas/examples", "--package", "com.acme.config", "--out", "generated");
    assertThat(r.code()).as(r.toString()).isZero();
    Path training = dir.resolve("generated/com/acme/config/Training.java");
    assertThat(Files.readString(training))
        .contains("extends ConfigTemplate")
        .contains("@TemplateSchema");
    assertError(
        cli.run("codegen", "schemas", "--package", "9bad", "--out", "g"), 2, "not a Java package");
    assertError(
        cli.run("codegen", "missing", "--package", "a.b", "--out", "g"),
        1,
        "missing: no such file");
  }

  @Test
  void servePushDownloadAndAdministerARealLab() throws Exception {
    String adminKey = "hql_it_admin_key_0123456789";
    Process server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", adminKey))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      String url = Cli.awaitListening(server);
      Cli admin = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", adminKey));
      assertThat(admin.run("admin", "user", "create", "alice").out())
          .contains("created user alice");
      Cli.Result key = admin.run("admin", "key", "create", "--user", "alice");
      assertThat(key.code()).as(key.toString()).isZero();
      String aliceKey = key.out().strip();
      assertThat(admin.run("admin", "project", "create", "lab/demo", "--member", "alice").code())
          .isZero();
      assertThat(admin.run("admin", "project", "list").out()).isEqualTo("lab/demo\n");
      assertError(admin.run("admin", "user", "create", "alice"), 1, "409");

      Cli alice = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", aliceKey));
      Cli.Result push =
          alice.run(
              "push",
              "--project",
              "lab/demo",
              "--run",
              "Baseline #1",
              "-t",
              TEMPLATE,
              "--set",
              "optimizer.lr=0.01",
              "--set",
              "tags=[\"x\"]",
              "--meta",
              "accuracy=0.93",
              "--meta",
              "note=first try",
              "configs/train.yaml");
      assertThat(push.code()).as(push.toString()).isZero();
      assertThat(push.out()).contains("config version 1 of lab/demo run baseline-1 (new run)");
      Cli.Result invalid =
          alice.run(
              "push",
              "--project",
              "lab/demo",
              "--run",
              "baseline-1",
              "-t",
              TEMPLATE,
              "configs/train-typo.yaml");
      assertThat(invalid.code()).isEqualTo(1);
      assertThat(invalid.err()).contains("configs/train-typo.yaml:5:15:", "nothing was pushed");
      assertThat(
              alice
                  .run(
                      "push",
                      "--project",
                      "lab/demo",
                      "--run",
                      "baseline-1",
                      "--set",
                      "optimizer.lr=0.02",
                      "configs/train.yaml")
                  .out())
          .contains("config version 2");

      Config both =
          Config.fromJson(
              alice
                  .run(
                      "download",
                      "--project",
                      "lab/demo",
                      "--run",
                      "baseline-1",
                      "--meta",
                      "--version",
                      "1")
                  .out());
      assertThat(both.getDouble("config.optimizer.lr")).isEqualTo(0.01);
      assertThat(both.getString("config.dataset.path")).isEqualTo("./data"); // default filled in
      assertThat(both.getList("config.tags")).containsExactly("x");
      assertThat(both.getDouble("meta.accuracy")).isEqualTo(0.93);
      assertThat(both.getString("meta.note")).isEqualTo("first try");
      assertThat(both.getInt("version")).isEqualTo(1);
      Cli.Result toFile =
          alice.run(
              "download", "--project", "lab/demo", "--run", "Baseline #1", "-o", "latest.yaml");
      assertThat(toFile.code()).as(toFile.toString()).isZero();
      assertThat(Config.load(dir.resolve("latest.yaml")).getDouble("optimizer.lr")).isEqualTo(0.02);

      assertError(
          alice.run("download", "--project", "lab/demo", "--run", "baseline-1", "--version", "9"),
          1,
          "404");
      assertError(alice.run("admin", "user", "create", "mallory"), 1, "403");
      Cli.Result second = admin.run("admin", "key", "create", "--user", "alice");
      String revoked = second.out().strip();
      assertThat(admin.run("admin", "key", "revoke", revoked).out()).contains("revoked");
      Thread.sleep(2100); // the lab trusts a checked key for 2 s
      Cli withRevoked =
          new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", revoked));
      assertError(withRevoked.run("admin", "project", "list"), 1, "401");
      assertThat(alice.run("admin", "project", "list").code())
          .isZero(); // alice's first key still works
      assertError(
          alice.run(
              "download", "--project", "lab/demo", "--run", "baseline-1", "--api-key", "hql_wrong"),
          1,
          "401");
      assertError(
          alice.run(
              "download",
              "--project",
              "lab/demo",
              "--run",
              "baseline-1",
              "-o",
              "no/such/dir/x.json"),
          2,
          "no/such/dir/x.json");
    } finally {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void serveThatCannotStartSaysWhyInOneLine() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());
      assertError(
          cli.run("serve", "--db", "sqlite:a.db", "--port", port),
          1,
          "cannot start the lab: Port already in use");
    }
    assertError(
        cli.run("serve", "--db", "sqlite:b.db", "--host", "0.0.0.0", "--port", "0"),
        1,
        "refusing to listen on 0.0.0.0 without an admin key");
    assertError(
        cli.run("serve", "--db", "mysql://x", "--port", "0"), 2, "unknown database 'mysql://x'");
  }

  @Test
  void labCommandsWithoutALabFailInOneLineAndVerboseAddsTheStackTrace() {
    assertError(cli.run("download", "--project", "lab/demo", "--run", "x"), 2, "no lab configured");
    assertError(
        cli.run(
            "download",
            "--project",
            "lab/demo",
            "--run",
            "x",
            "--lab",
            "http://127.0.0.1:1",
            "--api-key",
            "k"),
        1,
        "cannot reach the lab at 127.0.0.1:1"); // and no stack trace
    Cli.Result verbose =
        cli.run(
            "download",
            "--project",
            "lab/demo",
            "--run",
            "x",
            "--lab",
            "http://127.0.0.1:1",
            "--api-key",
            "k",
            "--verbose");
    assertThat(verbose.code()).isEqualTo(1);
    assertThat(verbose.err())
        .contains("cannot reach the lab")
        .contains("\tat io.hectiqlab.lab.Lab");
    assertError(
        cli.run(
            "download",
            "--project",
            "Not A Project",
            "--run",
            "x",
            "--lab",
            "http://127.0.0.1:1",
            "--api-key",
            "k"),
        2,
        "project must be owner/name");
  }

  @Test
  void quickstartRunsTheWholeWorkflowGreen() {
    Cli.Result r = cli.run("quickstart", "--dir", "qs");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "train-typo.yaml:11:3: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?")
        .contains("1 valid, 1 invalid, 2 files")
        .contains("optimizer.lr = 0.01   from --set optimizer.lr=0.01")
        .contains("dataset.batch_size = 128   from env QUICKSTART_DATASET__BATCH_SIZE")
        .contains("model.architecture = mlp   from qs/configs/train.yaml:8:17")
        .contains("dataset.path = ./data   from (default)")
        .contains("refused: optimizer.lr: config is locked")
        .contains("pushed config version 1 to demo/quickstart run quickstart-1")
        .contains("config and metadata equal to what was pushed: true")
        .contains("== Done");
    assertThat(dir.resolve("qs/lab.db")).exists();
  }

  @Test
  void launcherRunsTheJarWithAStartUpCacheBesideIt() throws Exception {
    Path target = Cli.JAR.toAbsolutePath().getParent();
    try (Stream<Path> old = Files.list(target)) {
      for (Path f : old.filter(LAUNCHER_CACHE::matches).toList()) {
        Files.delete(f); // the launcher must make it again
      }
    }
    ProcessBuilder pb =
        new ProcessBuilder("bash", Cli.ROOT.resolve("hectiqlab").toString(), "--version")
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("HECTIQLAB_"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).startsWith("hectiqlab 0.");
    try (Stream<Path> made = Files.list(target)) {
      assertThat(made.filter(LAUNCHER_CACHE::matches)).hasSize(1);
    }
  }

  /** The launcher's cache: an AOT cache (JDK 25+) or a CDS archive, one per JDK. */
  static final PathMatcher LAUNCHER_CACHE =
      FileSystems.getDefault().getPathMatcher("regex:.*/hectiqlab-jdk[0-9]+-[0-9]+\\.(aot|jsa)");
}
