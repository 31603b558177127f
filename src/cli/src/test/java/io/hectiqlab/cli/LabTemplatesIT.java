package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabAdmin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's {@code template} commands and {@code lab:} refs in the commands that take a template,
 * against a real lab ({@code serve} on a SQLite file) and a real template cache folder.
 */
class LabTemplatesIT {
  static final String ADMIN_KEY = "hql_templates_it_admin_key_0123456789";

  static final String UNITS =
      "{\"$defs\": {\"rate\": {\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 1,"
          + " \"description\": \"A rate\"}}}\n";

  static final String V1 =
      "{\"type\": \"object\", \"required\": [\"lr\"], \"additionalProperties\": false,"
          + " \"properties\": {\n"
          + "  \"lr\": {\"$ref\": \"lab:team/common/units@1#/$defs/rate\"},\n"
          + "  \"epochs\": {\"type\": \"integer\", \"minimum\": 1, \"default\": 10,"
          + " \"description\": \"Passes over the data\"}}}\n";

  /** V1 plus an optional property: backward compatible (V1 allows no other property). */
  static final String V2 =
      "{\"type\": \"object\", \"required\": [\"lr\"], \"additionalProperties\": false,"
          + " \"properties\": {\n"
          + "  \"lr\": {\"$ref\": \"lab:team/common/units@1#/$defs/rate\"},\n"
          + "  \"epochs\": {\"type\": \"integer\", \"minimum\": 1, \"default\": 10,"
          + " \"description\": \"Passes over the data\"},\n"
          + "  \"batch_size\": {\"type\": \"integer\", \"minimum\": 1}}}\n";

  /** V2 with epochs capped at 5: a config with epochs 10 breaks (backward). */
  static final String V3 =
      V2.replace("\"minimum\": 1, \"default\"", "\"minimum\": 1, \"maximum\": 5, \"default\"");

  @TempDir Path dir;
  Process server;
  String url;
  String aliceKey;
  String bobKey;
  Path cache;

  @BeforeEach
  void startLab() throws Exception {
    cache = dir.resolve("cache");
    server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    url = Cli.awaitListening(server);
    LabAdmin admin = Lab.connect(URI.create(url), ADMIN_KEY).admin();
    admin.createUser("alice");
    admin.createUser("bob");
    aliceKey = admin.createKey("alice");
    bobKey = admin.createKey("bob");
    admin.createProject("team/common", List.of("alice"));
    admin.createProject("ml/vision", List.of("alice", "bob"));
    Files.writeString(dir.resolve("units.schema.json"), UNITS);
    Files.writeString(dir.resolve("training.schema.json"), V1);
    Files.writeString(dir.resolve("good.yaml"), "lr: 0.5\nepochs: 10\n");
    Files.writeString(dir.resolve("bad.yaml"), "lr: 2\n");
  }

  @AfterEach
  void stopLab() throws Exception {
    stopServer();
  }

  private void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** The command as alice (or bob), with the lab and the cache in the environment. */
  private Cli as(String key) {
    return new Cli(
        dir,
        Map.of(
            "HECTIQLAB_API_URL",
            url,
            "HECTIQLAB_API_KEY",
            key,
            "HECTIQLAB_TEMPLATE_CACHE",
            cache.toString()));
  }

  private Cli.Result alice(String... args) {
    return as(aliceKey).run(args);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertOk(Cli.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
  }

  private static void assertOneLineError(Cli.Result r, int code, String line) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + line + "\n");
  }

  /** Publishes units@1 and training@1, as alice. */
  private void publishV1() {
    assertOk(alice("template", "publish", "units.schema.json", "--project", "team/common"));
    assertOk(alice("template", "publish", "training.schema.json", "--project", "ml/vision"));
  }

  @Test
  void publishNamesTheVersionAndItsHashAndRepublishingTheSameContentPublishesNothing()
      throws Exception {
    Cli.Result units =
        alice("template", "publish", "units.schema.json", "--project", "team/common");
    assertOk(units);
    assertThat(units.out())
        .isEqualTo(
            "published units.schema.json as lab:team/common/units@1 (sha256 "
                + sha256(UNITS)
                + ")\n");
    Cli.Result first =
        alice("template", "publish", "training.schema.json", "--project", "ml/vision");
    assertThat(first.out())
        .startsWith("published training.schema.json as lab:ml/vision/training@1");

    Files.writeString(dir.resolve("copy.json"), V1);
    Cli.Result again =
        alice("template", "publish", "copy.json", "--project", "ml/vision", "--name", "training");
    assertOk(again);
    assertThat(again.out())
        .isEqualTo(
            "lab:ml/vision/training@1 already holds the content of copy.json (sha256 "
                + sha256(V1)
                + "): nothing published\n");
  }

  @Test
  void aBreakingVersionIsRefusedWithTheReportUntilTheModeIsNone() throws Exception {
    publishV1();
    Files.writeString(dir.resolve("training.schema.json"), V2);
    Cli.Result v2 = alice("template", "publish", "training.schema.json", "--project", "ml/vision");
    assertOk(v2);
    assertThat(v2.out()).startsWith("published training.schema.json as lab:ml/vision/training@2 ");

    Files.writeString(dir.resolve("training.schema.json"), V3);
    Cli.Result refused =
        alice("template", "publish", "training.schema.json", "--project", "ml/vision");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    List<String> lines = refused.err().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "hectiqlab: training.schema.json: not published: POST /ml/vision/templates/training:"
                + " 409 lab:ml/vision/training@3 would break backward compatibility with version 2:"
                + " 1 breaking change");
    assertThat(lines.subList(1, lines.size()))
        .containsExactly(
            "lab:ml/vision/training@3:3:58: /properties/epochs/maximum: maximum 5 added: breaks"
                + " backward: {\"lr\": 1, \"epochs\": 6} was valid, now invalid",
            "1 change, 1 breaks backward: incompatible");
    Matcher witness =
        Pattern.compile("breaks backward: (\\{.*\\}) was valid").matcher(lines.get(1));
    assertThat(witness.find()).isTrue();
    Files.writeString(dir.resolve("witness.json"), witness.group(1));

    Cli.Result mode = alice("template", "mode", "lab:ml/vision/training", "none");
    assertOk(mode);
    assertThat(mode.out()).isEqualTo("lab:ml/vision/training: new versions must now be none\n");
    Cli.Result v3 = alice("template", "publish", "training.schema.json", "--project", "ml/vision");
    assertOk(v3);
    assertThat(v3.out()).startsWith("published training.schema.json as lab:ml/vision/training@3 ");
    // the report's witness is what it claims: valid under version 2, invalid under version 3
    assertOk(alice("validate", "-t", "lab:ml/vision/training@2", "witness.json"));
    Cli.Result underV3 = alice("validate", "-t", "lab:ml/vision/training@3", "witness.json");
    assertThat(underV3.code()).as(underV3.toString()).isEqualTo(1);
    assertThat(underV3.out()).startsWith("witness.json:1:21: /epochs: must be at most 5");

    Cli.Result list = alice("template", "list", "--project", "ml/vision");
    assertOk(list);
    assertThat(list.out().lines().toList())
        .hasSize(2)
        .satisfies(
            l -> {
              assertThat(l.get(0)).matches("TEMPLATE +LATEST +MODE +UPDATED");
              assertThat(l.get(1))
                  .matches("training +lab:ml/vision/training@3 +none +\\d{4}-\\d\\d-\\d\\dT.*Z");
            });

    Cli.Result show = alice("template", "show", "lab:ml/vision/training");
    assertOk(show);
    List<String> shown = show.out().lines().toList();
    assertThat(shown.get(0))
        .isEqualTo(
            "lab:ml/vision/training: mode none, 3 versions, latest lab:ml/vision/training@3");
    assertThat(shown.get(1)).matches("VERSION +REF +PUBLISHED BY +PUBLISHED AT +SHA256");
    assertThat(shown.subList(2, 5))
        .satisfiesExactly(
            l ->
                assertThat(l)
                    .startsWith("1        lab:ml/vision/training@1  alice")
                    .endsWith(sha256(V1)),
            l ->
                assertThat(l)
                    .startsWith("2        lab:ml/vision/training@2  alice")
                    .endsWith(sha256(V2)),
            l ->
                assertThat(l)
                    .startsWith("3        lab:ml/vision/training@3  alice")
                    .endsWith(sha256(V3)));
  }

  @Test
  void showOfAVersionPrintsItsHashPublisherAndTheFieldsTableOfHelp() throws Exception {
    publishV1();
    Cli.Result show = alice("template", "show", "lab:ml/vision/training@latest");
    assertOk(show);
    Cli.Result help = alice("help", "-t", "lab:ml/vision/training@1");
    assertOk(help);
    assertThat(help.out())
        .isEqualTo(
            "FIELD   TYPE     REQUIRED  DEFAULT  CONSTRAINTS  DESCRIPTION\n"
                + "lr      number   yes       -        > 0; <= 1    A rate\n"
                + "epochs  integer  -         10       >= 1         Passes over the data\n");
    assertThat(show.out())
        .matches(
            "ref           lab:ml/vision/training@1\n"
                + "sha256        "
                + sha256(V1)
                + "\n"
                + "published by  alice\n"
                + "published at  \\d{4}-\\d\\d-\\d\\dT[^\n]*Z\n"
                + "\n"
                + "(?s).*")
        .endsWith("\n" + help.out());
  }

  @Test
  void pullWritesTheTextExactlyAndNeverReplacesWhatIsNotARegularFile() throws Exception {
    publishV1();
    Cli.Result stdout = alice("template", "pull", "lab:ml/vision/training@1");
    assertOk(stdout);
    assertThat(stdout.out()).isEqualTo(V1);

    Cli.Result file = alice("template", "pull", "lab:ml/vision/training@latest", "-o", "out.json");
    assertOk(file);
    assertThat(file.out())
        .isEqualTo("wrote lab:ml/vision/training@1 (sha256 " + sha256(V1) + ") to out.json\n");
    assertThat(dir.resolve("out.json")).hasContent(V1);

    Files.createDirectories(dir.resolve("folder"));
    assertOneLineError(
        alice("template", "pull", "lab:ml/vision/training@1", "-o", "folder"),
        2,
        "folder: is a directory; -o replaces only regular files (or omit -o to print)");
    assertThat(dir.resolve("folder")).isDirectory();
  }

  @Test
  void labRefsWorkInValidateHelpComposeAndCompat() throws Exception {
    publishV1();
    Files.writeString(dir.resolve("training.schema.json"), V2);
    assertOk(alice("template", "publish", "training.schema.json", "--project", "ml/vision"));

    Cli.Result valid = alice("validate", "-t", "lab:ml/vision/training@2", "good.yaml");
    assertOk(valid);
    Cli.Result invalid = alice("validate", "-t", "lab:ml/vision/training@latest", "bad.yaml");
    assertThat(invalid.code()).as(invalid.toString()).isEqualTo(1);
    assertThat(invalid.out()).startsWith("bad.yaml:1:5: /lr: must be at most 1");

    Cli.Result composed =
        alice("compose", "-t", "lab:ml/vision/training@1", "good.yaml", "--set", "lr=0.25");
    assertOk(composed);
    assertThat(composed.out()).isEqualTo("lr: 0.25\nepochs: 10\n");

    Cli.Result compat = alice("compat", "lab:ml/vision/training@1", "lab:ml/vision/training@2");
    assertOk(compat);
    assertThat(compat.out()).contains("lab:ml/vision/training@2").contains("compatible");
  }

  @Test
  void compatOfOneLabTemplatesVersionsUsesTheTemplatesModeInTheLabAndSaysSo() throws Exception {
    publishV1();
    Files.writeString(dir.resolve("training.schema.json"), V2);
    assertOk(alice("template", "publish", "training.schema.json", "--project", "ml/vision"));
    // V2 accepts batch_size, which V1 refused: compatible backward, breaking forward
    assertOk(alice("template", "mode", "lab:ml/vision/training", "forward"));

    Cli.Result byLab = alice("compat", "lab:ml/vision/training@1", "lab:ml/vision/training@2");
    assertThat(byLab.code()).as(byLab.toString()).isEqualTo(1);
    assertThat(byLab.out())
        .endsWith(
            "1 change, 1 breaks forward: incompatible (mode forward: the mode of"
                + " lab:ml/vision/training in the lab)\n");

    Cli.Result given =
        alice(
            "compat", "lab:ml/vision/training@1", "lab:ml/vision/training@2", "--mode", "backward");
    assertOk(given);
    assertThat(given.out()).endsWith("1 change, 0 break backward: compatible\n");

    Cli.Result json =
        alice(
            "compat",
            "--format",
            "json",
            "lab:ml/vision/training@1",
            "lab:ml/vision/training@latest");
    assertThat(json.code()).as(json.toString()).isEqualTo(1);
    assertThat(json.out()).contains("\"mode\": \"forward\"");

    // a file among the versions: not one lab template, so the default stays backward
    Files.writeString(dir.resolve("open.schema.json"), "{\"type\": \"object\"}\n");
    Cli.Result mixed = alice("compat", "lab:ml/vision/training@1", "open.schema.json");
    assertOk(mixed); // every constraint removed: backward compatible, forward breaking
    assertThat(mixed.out()).endsWith(": compatible\n").doesNotContain("in the lab");
  }

  @Test
  void codegenGeneratesFromAPulledVersionWithItsRefsRewrittenToFiles() throws Exception {
    publishV1();
    Cli.Result r =
        alice(
            "codegen", "lab:ml/vision/training@1", "--package", "com.acme.config", "--out", "src");
    assertOk(r);
    Path training = dir.resolve("src/com/acme/config/Training.java");
    assertThat(training).exists();
    assertThat(Files.readString(training))
        .contains("@TemplateSchema(\"vision/training.schema.json\")")
        .contains("Double lr")
        .contains("Integer epochs");
  }

  @Test
  void pushWithALabTemplateRecordsTheVersionAndDownloadShowsIt() throws Exception {
    publishV1();
    Cli.Result push =
        alice(
            "push",
            "--project",
            "ml/vision",
            "--run",
            "sweep-1",
            "-t",
            "lab:ml/vision/training@latest",
            "good.yaml");
    assertOk(push);
    assertThat(push.out())
        .isEqualTo(
            "pushed good.yaml as config version 1 of ml/vision run sweep-1 (new run), validated"
                + " by the lab against lab:ml/vision/training@1\n");

    Cli.Result meta = alice("download", "--project", "ml/vision", "--run", "sweep-1", "--meta");
    assertOk(meta);
    assertThat(Config.fromJson(meta.out()).getString("template"))
        .isEqualTo("lab:ml/vision/training@1");
    Cli.Result plain = alice("download", "--project", "ml/vision", "--run", "sweep-1");
    assertOk(plain);
    assertThat(Config.fromJson(plain.out())).isEqualTo(Config.of("lr", 0.5, "epochs", 10));
    assertThat(plain.err())
        .isEqualTo(
            "config version 1 of ml/vision run sweep-1 was validated against"
                + " lab:ml/vision/training@1\n");
    Cli.Result file =
        alice("download", "--project", "ml/vision", "--run", "sweep-1", "-o", "got.yaml");
    assertThat(file.out())
        .isEqualTo(
            "wrote config version 1 of ml/vision run sweep-1 to got.yaml (validated against"
                + " lab:ml/vision/training@1)\n");

    Cli.Result refused =
        alice(
            "push",
            "--project",
            "ml/vision",
            "--run",
            "sweep-1",
            "-t",
            "lab:ml/vision/training@1",
            "bad.yaml");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).contains("bad.yaml:1:5: /lr: must be at most 1");
    Cli.Result history =
        alice("download", "--project", "ml/vision", "--run", "sweep-1", "--history");
    assertOk(history);
    assertThat(history.out().lines().toList())
        .singleElement()
        .satisfies(
            l ->
                assertThat(Config.fromJson(l).getString("template"))
                    .isEqualTo("lab:ml/vision/training@1"));
  }

  @Test
  void aPinnedVersionValidatesOfflineOnceFetchedAndLatestSaysToPin() throws Exception {
    publishV1();
    assertOk(alice("validate", "-t", "lab:ml/vision/training@1", "good.yaml"));
    Path cached;
    try (Stream<Path> files = Files.list(cache.resolve("sha256"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder(sha256(V1) + ".json", sha256(UNITS) + ".json");
    }
    cached = cache.resolve("sha256/" + sha256(V1) + ".json");
    stopServer();

    Cli.Result offline = alice("validate", "-t", "lab:ml/vision/training@1", "bad.yaml");
    assertThat(offline.code()).as(offline.toString()).isEqualTo(1);
    assertThat(offline.out()).startsWith("bad.yaml:1:5: /lr: must be at most 1");

    Cli.Result latest = alice("validate", "-t", "lab:ml/vision/training@latest", "good.yaml");
    assertThat(latest.code()).as(latest.toString()).isEqualTo(1);
    assertThat(latest.err())
        .startsWith("hectiqlab: template lab:ml/vision/training@latest: ")
        .contains("pin");

    Files.writeString(cached, V1.replace("\"minimum\": 1", "\"minimum\": 100"));
    Cli.Result tampered = alice("validate", "-t", "lab:ml/vision/training@1", "good.yaml");
    assertThat(tampered.code()).as(tampered.toString()).isEqualTo(1);
    assertThat(tampered.err()).startsWith("hectiqlab: template lab:ml/vision/training@1: ");
  }

  @Test
  void badRefsMissingVersionsAndBadArgumentsAreOneLineUsageErrors() throws Exception {
    publishV1();
    assertOneLineError(
        alice("validate", "-t", "lab:ml/vision/training", "good.yaml"),
        2,
        "not a template ref: 'lab:ml/vision/training' has no @VERSION; a template ref is"
            + " lab:OWNER/PROJECT/NAME@N or lab:OWNER/PROJECT/NAME@latest");
    Cli.Result missing = alice("validate", "-t", "lab:ml/vision/training@9", "good.yaml");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).startsWith("hectiqlab: template lab:ml/vision/training@9: ");
    assertThat(missing.err().lines()).hasSize(1);

    assertOneLineError(
        alice("template", "show", "lab:ml/vision/nope"),
        2,
        "template lab:ml/vision/nope: GET /ml/vision/templates/nope?page=1&size=50: 404 no"
            + " template 'lab:ml/vision/nope'");
    assertOneLineError(
        alice("template", "mode", "lab:ml/vision/training@1", "none"),
        2,
        "'lab:ml/vision/training@1': name the template without a version:"
            + " lab:ml/vision/training");
    Cli.Result mode = alice("template", "mode", "lab:ml/vision/training", "sideways");
    assertThat(mode.code()).as(mode.toString()).isEqualTo(2);
    assertThat(mode.err()).startsWith("hectiqlab: MODE: ").contains("-transitive");

    Files.writeString(dir.resolve("Broken.json"), "{\"type\": \"object\",\n \"properties\": }");
    assertOneLineError(
        alice("template", "publish", "Broken.json", "--project", "ml/vision"),
        2,
        "Broken.json: template name must be 1 to 64 lowercase letters, digits, '_', '.' or '-',"
            + " starting with a letter or digit, without '..': 'Broken'; give the template's name"
            + " with --name NAME");
    Cli.Result notJson =
        alice("template", "publish", "Broken.json", "--project", "ml/vision", "--name", "b");
    assertThat(notJson.code()).as(notJson.toString()).isEqualTo(2);
    assertThat(notJson.err())
        .startsWith("hectiqlab: Broken.json:2:16: invalid JSON: Unexpected character ('}'")
        .doesNotContain("Jackson")
        .doesNotContain("Feature");

    Cli.Result noLab =
        new Cli(dir, Map.of()).run("validate", "-t", "lab:ml/vision/training@1", "good.yaml");
    assertThat(noLab.code()).as(noLab.toString()).isEqualTo(2);
    assertThat(noLab.err()).startsWith("hectiqlab: no lab configured");
  }

  @Test
  void aRefToAProjectThePublisherCannotReadIsRefused() throws Exception {
    publishV1();
    Files.writeString(
        dir.resolve("other.schema.json"),
        "{\"properties\": {\"r\": {\"$ref\": \"lab:team/common/units@1#/$defs/rate\"}}}");
    Cli.Result r =
        as(bobKey).run("template", "publish", "other.schema.json", "--project", "ml/vision");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("hectiqlab: other.schema.json: not published: ")
        .contains("lab:team/common/units@1");
    assertThat(alice("template", "list", "--project", "ml/vision").out()).doesNotContain("other");
  }
}
