package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the jar writes and reads files of every kind (regular, symbolic link, hard link, FIFO,
 * device, socket, directory), what it says about each, and that text output escapes control
 * characters of file names, keys and descriptions.
 */
class FilesAndTextOutputIT {
  static final String ADMIN_KEY = "hql_files_it_admin_key_0123456789";
  static final String SCHEMA = "{\"type\": \"object\", \"additionalProperties\": false}";

  @TempDir static Path labDir;
  static Process server;
  static Map<String, String> user;

  @TempDir Path dir;
  Cli cli;

  @BeforeAll
  static void startLabWithOneRun() throws Exception {
    server =
        new Cli(labDir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    String url = Cli.awaitListening(server);
    Cli admin = new Cli(labDir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", ADMIN_KEY));
    assertThat(admin.run("admin", "user", "create", "fiona").code()).isZero();
    String key = admin.run("admin", "key", "create", "--user", "fiona").out().strip();
    assertThat(admin.run("admin", "project", "create", "lab/files", "--member", "fiona").code())
        .isZero();
    user = Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", key);
    Files.writeString(labDir.resolve("c.yaml"), "lr: 0.25\nname: files\n");
    Cli.Result push =
        new Cli(labDir, user).run("push", "--project", "lab/files", "--run", "r1", "c.yaml");
    assertThat(push.code()).as(push.toString()).isZero();
  }

  @AfterAll
  static void stopLab() throws Exception {
    server.destroy();
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @BeforeEach
  void cli() {
    cli = new Cli(dir, user);
  }

  static final Config PUSHED = Config.of("lr", 0.25, "name", "files");

  Cli.Result download(String output) {
    return cli.run("download", "--project", "lab/files", "--run", "r1", "-o", output);
  }

  // ---------------------------------------------------------------------------------- writing

  @Test
  void downloadReplacesARegularFileKeepingItsModeAndOwner() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
    Path file = Files.writeString(dir.resolve("owned.yaml"), "old: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Files.setAttribute(file, "unix:uid", 65534);
    Files.setAttribute(file, "unix:gid", 65534);
    Object inode = Files.getAttribute(file, "unix:ino");

    Cli.Result r = download("owned.yaml");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("wrote config version 1 of lab/files run r1 to owned.yaml\n");
    assertThat(Config.load(file)).isEqualTo(PUSHED);
    assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(inode); // atomic rename
    assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(65534);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void downloadFollowsASymbolicLinkAndKeepsAHardLink() throws Exception {
    Path target =
        Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("t.yaml"), "");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("real/t.yaml"));
    Path a = Files.writeString(dir.resolve("a.json"), "{\"old\": \"a much longer old content\"}");
    Path b = Files.createLink(dir.resolve("b.json"), a);

    assertThat(download("link.yaml").code()).isZero();
    assertThat(download("a.json").code()).isZero();

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Config.load(target)).isEqualTo(PUSHED);
    assertThat(Files.isSameFile(a, b)).isTrue();
    assertThat(Config.load(b)).isEqualTo(PUSHED);
  }

  @Test
  void downloadWritesIntoAFifoWithoutReplacingIt() throws Exception {
    Path fifo = mkfifo(dir.resolve("pipe.yaml"));
    Path bare = mkfifo(dir.resolve("pipe"));
    CompletableFuture<String> yaml = readAsync(fifo);
    Cli.Result r = download("pipe.yaml");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Config.fromYaml(yaml.get(60, TimeUnit.SECONDS))).isEqualTo(PUSHED);

    CompletableFuture<String> json = readAsync(bare);
    Cli.Result noExtension = download("pipe");
    assertThat(noExtension.code()).as(noExtension.toString()).isZero();
    assertThat(Config.fromJson(json.get(60, TimeUnit.SECONDS))).isEqualTo(PUSHED);
    assertThat(noExtension.out()).isEmpty();
    assertThat(noExtension.err()).isEqualTo("wrote config version 1 of lab/files run r1 to pipe\n");
    for (Path p : List.of(fifo, bare)) {
      assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(Files.isSymbolicLink(p)).isFalse();
    }
  }

  @Test
  void downloadToDevStdoutWritesJsonToTheProcessOutput() {
    // The child's standard output is a pipe to this test: nothing of the system's /dev changes.
    Cli.Result r = download("/dev/stdout");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Config.fromJson(r.out())).isEqualTo(PUSHED);
    assertThat(r.err()).isEqualTo("wrote config version 1 of lab/files run r1 to /dev/stdout\n");
  }

  @Test
  void downloadRefusesADirectoryAndASocketNamingThePath() throws Exception {
    Files.createDirectories(dir.resolve("out.json"));
    assertOneLine(download("out.json"), 2, "out.json: cannot save config: is a directory");
    try (ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      sock.bind(UnixDomainSocketAddress.of(dir.resolve("s.json")));
      assertOneLine(
          download("s.json"), 2, "s.json: cannot save config: is a socket; cannot write to it");
    }
    assertOneLine(
        download("missing/c.json"),
        2,
        "missing/c.json: cannot save config: no such directory " + dir.resolve("missing"));
  }

  @Test
  void codegenWritesThroughLinksAndRefusesAnOutThatIsNotADirectory() throws Exception {
    Files.writeString(
        dir.resolve("params.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\"}}}");
    Path realOut = Files.createDirectories(dir.resolve("real-out/com/acme"));
    Path shared = Files.writeString(dir.resolve("shared.java"), "// old\n");
    Files.createSymbolicLink(realOut.resolve("Params.java"), shared);
    Files.createSymbolicLink(dir.resolve("out"), Path.of("real-out"));

    Cli.Result r =
        cli.run("codegen", "params.schema.json", "--package", "com.acme", "--out", "out");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("generated 1 source files in out\n");
    assertThat(Files.isSymbolicLink(dir.resolve("out"))).isTrue();
    assertThat(Files.isSymbolicLink(realOut.resolve("Params.java"))).isTrue();
    assertThat(Files.readString(shared)).contains("class Params");

    Files.writeString(dir.resolve("file-out"), "");
    assertOneLine(
        cli.run("codegen", "params.schema.json", "--package", "com.acme", "--out", "file-out"),
        2,
        "--out file-out: is a file, not a directory");
    Files.createSymbolicLink(dir.resolve("dangling-out"), Path.of("nowhere"));
    assertOneLine(
        cli.run("codegen", "params.schema.json", "--package", "com.acme", "--out", "dangling-out"),
        2,
        "--out dangling-out: broken symbolic link (its target does not exist)");
  }

  // ---------------------------------------------------------------------------------- reading

  @Test
  void endlessDevicesStopAtTheLimitWithOneLineAndNoStackTrace() throws Exception {
    Files.writeString(dir.resolve("s.schema.json"), "{\"type\": \"object\"}");
    Files.createSymbolicLink(dir.resolve("z.yaml"), Path.of("/dev/zero"));
    Files.createSymbolicLink(dir.resolve("u.yaml"), Path.of("/dev/urandom"));
    for (String name : List.of("z.yaml", "u.yaml")) {
      Cli.Result r = smallHeap("validate", "-t", "s.schema.json", name);
      assertOneLine(r, 2, name + ": input is too large (the limit is 16777216 bytes)");
      assertThat(r.out()).isEmpty();
    }
    assertOneLine(
        smallHeap("validate", "-t", "s.schema.json", "--input-format", "yaml", "/dev/zero"),
        2,
        "/dev/zero: input is too large (the limit is 16777216 bytes)");
    // a template is never read from a device or a pipe: it could wait forever for a writer
    assertOneLine(
        smallHeap("validate", "-t", "/dev/zero", "z.yaml"),
        2,
        "/dev/zero: is a character device, not a schema file");
  }

  @Test
  void aWalkOrGlobSkipsFifosAndAFifoNamedExplicitlyIsRead() throws Exception {
    Files.writeString(dir.resolve("s.schema.json"), "{\"type\": \"object\"}");
    Path configs = Files.createDirectories(dir.resolve("configs"));
    Files.writeString(configs.resolve("a.yaml"), "a: 1\n");
    mkfifo(configs.resolve("nobody-writes.yaml"));
    assertThat(cli.run("validate", "-t", "s.schema.json", "configs").out())
        .isEqualTo("1 valid, 0 invalid, 1 file\n");
    assertThat(cli.run("validate", "-t", "s.schema.json", "configs/*.yaml").out())
        .isEqualTo("1 valid, 0 invalid, 1 file\n");

    Path fifo = mkfifo(dir.resolve("given.yaml"));
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                Files.writeString(fifo, "b: 2\n");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(cli.run("validate", "-t", "s.schema.json", "given.yaml").out())
        .isEqualTo("1 valid, 0 invalid, 1 file\n");
    writer.get(60, TimeUnit.SECONDS);
  }

  @Test
  void messagesSayWhatIsWrongWithWhichPath() throws Exception {
    Files.writeString(dir.resolve("s.schema.json"), "{\"type\": \"object\"}");
    Files.createDirectories(dir.resolve("configs"));
    assertOneLine(
        cli.run("push", "--project", "lab/files", "--run", "r1", "configs/"),
        2,
        "configs/: is a directory, not a config file");
    Files.createSymbolicLink(dir.resolve("gone.yaml"), Path.of("deleted.yaml"));
    assertOneLine(
        cli.run("validate", "-t", "s.schema.json", "gone.yaml"),
        2,
        "gone.yaml: broken symbolic link (its target does not exist)");
    assertOneLine(
        cli.run("push", "--project", "lab/files", "--run", "r1", "nope.yaml"),
        2,
        "nope.yaml: no such file or directory");
    try (ServerSocketChannel sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      sock.bind(UnixDomainSocketAddress.of(dir.resolve("sock.yaml")));
      assertOneLine(
          cli.run("push", "--project", "lab/files", "--run", "r1", "sock.yaml"),
          2,
          "sock.yaml: is a socket, not a config file");
      assertOneLine(
          cli.run("validate", "-t", "s.schema.json", "sock.yaml"),
          2,
          "sock.yaml: is a socket, not a file");
    }
  }

  // --------------------------------------------------------------------------- schemas, refs

  @Test
  void aSymbolicLinkOutOfTheSchemasDirectoryIsNotFollowedAndNothingIsQuoted() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("credentials"), "hql_secret_api_key_0123456789\n");
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.createSymbolicLink(schemas.resolve("creds.json"), home.resolve("credentials"));
    Files.writeString(schemas.resolve("main.schema.json"), "{\"$ref\": \"creds.json\"}");
    Files.writeString(schemas.resolve("notes.json"), "hql_secret_api_key_0123456789\n");
    Files.writeString(schemas.resolve("notes.schema.json"), "{\"$ref\": \"notes.json\"}");
    Files.writeString(dir.resolve("c.yaml"), "a: 1\n");

    Cli.Result linked = cli.run("validate", "-t", "main", "c.yaml");
    assertThat(linked.code()).isEqualTo(2);
    assertThat(linked.err())
        .contains("leads outside the schemas directory through a symbolic link")
        .doesNotContain("hql_secret");
    assertOneLine(
        cli.run("validate", "-t", "notes.schema.json", "c.yaml"),
        2,
        "schemas/notes.schema.json:1:10: cannot resolve $ref 'notes.json': schemas/notes.json:1:1:"
            + " invalid JSON (content not shown for a file reached through $ref)");
  }

  // ------------------------------------------------------------------------------ text output

  @Test
  void controlCharactersInFileNamesAndKeysAreEscapedInTextOutput() throws Exception {
    Files.writeString(dir.resolve("s.schema.json"), SCHEMA);
    String name = "evil\nfake.yaml:1:1: (root): all good (forged)\u001b[2J.yaml";
    Files.writeString(dir.resolve(name), "\"\\e[31mred\\nx\": 1\n");

    Cli.Result r = cli.run("validate", "-t", "s.schema.json", name);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "evil\\nfake.yaml:1:1: (root): all good (forged)\\u001b[2J.yaml:1:1: /\\u001b[31mred\\nx:"
                + " unknown property '\\u001b[31mred\\nx' (additionalProperties)\n"
                + "0 valid, 1 invalid, 1 file\n");

    assertOneLine(
        cli.run("validate", "-t", "s.schema.json", "no\nsuch\u001b]0;x\u0007.yaml"),
        2,
        "no\\nsuch\\u001b]0;x\\u0007.yaml: no such file or directory");

    Files.writeString(
        dir.resolve("d.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"description\":"
            + " \"Line one\\nLine two \\u001b[5mblink\"}}}");
    assertThat(cli.run("help", "-t", "d.schema.json").out())
        .contains("Line one\\nLine two \\u001b[5mblink")
        .doesNotContain("\u001b");
  }

  // ---------------------------------------------------------------------------------- helpers

  static void assertOneLine(Cli.Result r, int code, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + message + "\n");
  }

  /** Runs the jar with a 48 MB heap: reading must stay bounded. */
  Cli.Result smallHeap(String... args) throws Exception {
    ProcessBuilder pb = cli.builder(args);
    pb.command().add(1, "-Xmx48m");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = Cli.drain(p.getInputStream());
    CompletableFuture<String> err = Cli.drain(p.getErrorStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Cli.Result(p.exitValue(), out.join(), err.join());
  }

  static Path mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
    return p;
  }

  static CompletableFuture<String> readAsync(Path fifo) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Files.readString(fifo);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
