package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Compatibility;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabAdmin;
import io.hectiqlab.lab.LabTemplates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's {@code template} commands given what they must refuse (bad refs, files that are no
 * schema, projects and versions the lab does not have, outputs that are not regular files, a lab
 * that cannot be reached or a wrong key), against a real lab: one line on stderr, nothing on
 * stdout, exit code 1 (refused or lab failure) or 2 (usage, bad ref, what the lab does not have).
 */
class LabTemplatesErrorsIT {
  static final String ADMIN_KEY = "hql_templates_errors_it_admin_key_0123456789";

  static final String SCHEMA =
      "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}\n";

  @TempDir Path dir;
  Process server;
  String url;
  String aliceKey;

  @BeforeEach
  void startLab() throws Exception {
    server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    url = Cli.awaitListening(server);
    LabAdmin admin = Lab.connect(URI.create(url), ADMIN_KEY).admin();
    admin.createUser("alice");
    aliceKey = admin.createKey("alice");
    admin.createProject("ml/vision", List.of("alice"));
    Files.writeString(dir.resolve("t.schema.json"), SCHEMA);
  }

  @AfterEach
  void stopLab() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  private Cli.Result as(String apiUrl, String key, String... args) {
    return new Cli(
            dir,
            Map.of(
                "HECTIQLAB_API_URL",
                apiUrl,
                "HECTIQLAB_API_KEY",
                key,
                "HECTIQLAB_TEMPLATE_CACHE",
                dir.resolve("cache").toString()))
        .run(args);
  }

  private Cli.Result alice(String... args) {
    return as(url, aliceKey, args);
  }

  private static void assertOk(Cli.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
  }

  private static void assertOneLineError(Cli.Result r, int code, String line) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + line + "\n");
  }

  private void mkfifo(Path file) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", file.toString()).start();
    assertThat(mk.waitFor()).isZero();
  }

  @Test
  void publishRefusesWhatTheLabWouldNotParseNamingTheFileLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("trailing.json"), "{} {}");
    Files.writeString(dir.resolve("bom.json"), "\uFEFF{\"type\": \"object\"}");
    Files.writeString(dir.resolve("deep.json"), "[".repeat(240) + "]".repeat(240));
    Files.writeString(dir.resolve("deeper.json"), "[".repeat(600) + "]".repeat(600));
    Files.writeString(dir.resolve("twice.json"), "{\"type\": \"object\", \"type\": \"string\"}");
    Files.writeString(dir.resolve("t.yaml"), "type: object\n");
    Files.writeString(dir.resolve("empty.json"), "");
    Files.write(
        dir.resolve("latin1.json"), "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Files.createDirectories(dir.resolve("folder"));
    mkfifo(dir.resolve("fifo.json"));
    Map<String, String> expected =
        Map.of(
            "trailing.json", "trailing.json:1:4: unexpected content after the end of the document",
            "bom.json",
                "bom.json:1:1: starts with a byte order mark (U+FEFF), which JSON text must not"
                    + " have: remove it",
            "deep.json", "deep.json:1:201: nesting is deeper than 200 levels",
            "deeper.json", "deeper.json:1:201: nesting is deeper than 200 levels",
            "twice.json", "twice.json:1:20: duplicate key 'type'",
            "t.yaml",
                "t.yaml:1:1: invalid JSON: Unrecognized token 'type': was expecting (JSON String,"
                    + " Number, Array, Object or token 'null', 'true' or 'false')",
            "empty.json", "empty.json: empty file, not a schema",
            "latin1.json", "latin1.json:1:11: invalid UTF-8 (byte 0xe9 at offset 10)",
            "folder", "folder: is a directory, not a schema file",
            "fifo.json", "fifo.json: is a FIFO (named pipe), not a schema file");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertOneLineError(
          alice("template", "publish", e.getKey(), "--project", "ml/vision", "--name", "t"),
          2,
          e.getValue());
    }
    assertThat(alice("template", "list", "--project", "ml/vision").out())
        .isEqualTo("no templates in ml/vision\n");
  }

  @Test
  void anInvalidNameOrModeIsAUsageError() {
    assertOneLineError(
        alice("template", "publish", "t.schema.json", "--project", "ml/vision", "--name", "T!"),
        2,
        "--name: template name must be 1 to 64 lowercase letters, digits, '_', '.' or '-',"
            + " starting with a letter or digit, without '..': 'T!'");
    assertOneLineError(
        alice("template", "publish", "t.schema.json", "--project", "vision"),
        2,
        "project must be owner/name: 'vision'");
    assertOk(alice("template", "publish", "t.schema.json", "--project", "ml/vision"));
    assertOneLineError(
        alice("template", "mode", "lab:ml/vision/t", "sideways"),
        2,
        "MODE: unknown compatibility mode \"sideways\": use backward, forward, full or none, or"
            + " one of them with -transitive");
  }

  @Test
  void aTemplateNamedWithoutAVersionIsQuotedAsTyped() {
    String form = "; a template ref is lab:OWNER/PROJECT/NAME@N or lab:OWNER/PROJECT/NAME@latest";
    assertOneLineError(
        alice("template", "show", "lab:"),
        2,
        "not a template ref: 'lab:' needs three names" + form);
    assertOneLineError(
        alice("template", "show", "lab:a/b"),
        2,
        "not a template ref: 'lab:a/b' needs three names" + form);
    assertOneLineError(
        alice("template", "mode", "lab:a/b", "none"),
        2,
        "not a template ref: 'lab:a/b' needs three names" + form);
    assertOneLineError(
        alice("template", "show", "lab:A/B/C@x"),
        2,
        "not a template ref: 'lab:A/B/C@x': the version must be a number from 1 or 'latest'"
            + form);
    Cli.Result huge = alice("template", "pull", "lab:" + "a".repeat(100_000) + "/b/c@1");
    assertThat(huge.code()).as(huge.toString()).isEqualTo(2);
    assertThat(huge.err().lines()).hasSize(1);
    assertThat(huge.err().length()).isLessThan(400);
  }

  @Test
  void whatTheLabDoesNotHaveIsAUsageErrorInEveryTemplateCommand() {
    assertOneLineError(
        alice("template", "list", "--project", "ml/other"),
        2,
        "GET /ml/other/templates?page=1&size=50: 404 no project 'ml/other'");
    assertOneLineError(
        alice("template", "publish", "t.schema.json", "--project", "ml/other"),
        2,
        "t.schema.json: not published: POST /ml/other/templates/t: 404 no project 'ml/other'");
    assertOneLineError(
        alice("template", "pull", "lab:ml/other/t@1"),
        2,
        "template lab:ml/other/t@1: GET /ml/other/templates/t/versions/1: 404 no project"
            + " 'ml/other'");
    assertOk(alice("template", "publish", "t.schema.json", "--project", "ml/vision"));
    assertOneLineError(
        alice("template", "pull", "lab:ml/vision/t@2"),
        2,
        "template lab:ml/vision/t@2: GET /ml/vision/templates/t/versions/2: 404 no template"
            + " version lab:ml/vision/t@2");
    assertOneLineError(
        alice("template", "mode", "lab:ml/vision/nope", "none"),
        2,
        "template lab:ml/vision/nope: PUT /ml/vision/templates/nope/mode: 404 no template"
            + " 'lab:ml/vision/nope'");
  }

  @Test
  void anUnreachableLabOrAWrongKeyFailsWithExitOne() throws Exception {
    assertOk(alice("template", "publish", "t.schema.json", "--project", "ml/vision"));
    String wrong = "hql_not_a_key_of_this_lab_0123456789";
    assertOneLineError(
        as(url, wrong, "template", "list", "--project", "ml/vision"),
        1,
        "GET /ml/vision/templates?page=1&size=50: 401 invalid API key");
    assertOneLineError(
        as(url, wrong, "template", "publish", "t.schema.json", "--project", "ml/vision"),
        1,
        "POST /ml/vision/templates/t: 401 invalid API key");
    assertOneLineError(
        as(url, wrong, "template", "show", "lab:ml/vision/t"),
        1,
        "template lab:ml/vision/t: GET /ml/vision/templates/t?page=1&size=50: 401 invalid API"
            + " key");
    stopLab();
    Cli.Result down = alice("template", "pull", "lab:ml/vision/t@latest");
    assertThat(down.code()).as(down.toString()).isEqualTo(1);
    assertThat(down.out()).isEmpty();
    assertThat(down.err())
        .startsWith(
            "hectiqlab: template lab:ml/vision/t@latest: GET /ml/vision/templates/t/versions/latest: cannot reach the lab at ")
        .contains("(connection refused)");
    assertThat(down.err().lines()).hasSize(1);
  }

  @Test
  void pullOutputIsARegularFileOrALinkToOneNeverAFifoOrAnEmptyName() throws Exception {
    assertOk(alice("template", "publish", "t.schema.json", "--project", "ml/vision"));
    assertOneLineError(
        alice("template", "pull", "lab:ml/vision/t@1", "-o", ""),
        2,
        "-o: the file name is empty (or omit -o to print)");
    Path fifo = dir.resolve("pipe");
    mkfifo(fifo);
    assertOneLineError(
        alice("template", "pull", "lab:ml/vision/t@1", "-o", "pipe"),
        2,
        "pipe: is a FIFO (named pipe); -o replaces only regular files (or omit -o to print)");
    assertThat(fifo).exists();
    assertThat(Files.isRegularFile(fifo)).isFalse();

    Files.writeString(dir.resolve("old.json"), "old\n");
    Files.createSymbolicLink(dir.resolve("link.json"), Path.of("old.json"));
    assertOk(alice("template", "pull", "lab:ml/vision/t@1", "-o", "link.json"));
    assertThat(Files.isSymbolicLink(dir.resolve("link.json"))).isTrue();
    assertThat(dir.resolve("old.json")).hasContent(SCHEMA);

    Files.writeString(dir.resolve("existing.json"), "old\n");
    Cli.Result replaced = alice("template", "pull", "lab:ml/vision/t@1", "-o", "existing.json");
    assertOk(replaced);
    assertThat(replaced.err()).isEmpty();
    assertThat(dir.resolve("existing.json")).hasContent(SCHEMA);
  }

  @Test
  void showListsEveryVersionOfATemplateWithManyVersions() {
    LabTemplates templates = Lab.connect(URI.create(url), aliceKey).templates();
    templates.publish("ml/vision", "many", "{\"description\": \"v1\"}");
    templates.setMode("ml/vision", "many", Compatibility.Mode.NONE);
    for (int v = 2; v <= 120; v++) {
      templates.publish("ml/vision", "many", "{\"description\": \"v" + v + "\"}");
    }
    Cli.Result show = alice("template", "show", "lab:ml/vision/many");
    assertOk(show);
    assertThat(show.err()).isEmpty();
    List<String> lines = show.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("lab:ml/vision/many: mode none, 120 versions, latest lab:ml/vision/many@120");
    assertThat(lines).hasSize(122); // the header line, the table's header, a row per version
    assertThat(lines.get(2)).startsWith("1 ").contains("lab:ml/vision/many@1 ");
    assertThat(lines.get(121)).startsWith("120 ").contains("lab:ml/vision/many@120 ");
  }
}
