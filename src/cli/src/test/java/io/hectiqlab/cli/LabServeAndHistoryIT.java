package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.Run;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's {@code serve}, {@code admin} and {@code download --history} against a real lab. */
class LabServeAndHistoryIT {
  static final String ADMIN_KEY = "hql_serve_it_admin_key_0123456789";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir, Map.of());
  }

  /** Runs {@code serve} until {@code work} is done, then stops it. */
  private void withLab(String db, LabWork work) throws Exception {
    Process server =
        new Cli(dir, Map.of("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY))
            .builder("serve", "--db", db, "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      work.run(Cli.awaitListening(server));
    } finally {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @FunctionalInterface
  private interface LabWork {
    void run(String url) throws Exception;
  }

  private static void assertOneLineError(Cli.Result r, int code, String line) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + line + "\n");
  }

  @Test
  void serveRefusesASqliteFileDamagedInTheMiddleInOneLine() throws Exception {
    withLab(
        "sqlite:lab.db",
        url -> {
          Lab lab = Lab.connect(URI.create(url), ADMIN_KEY);
          lab.admin().createProject("lab/demo", List.of());
          Run run = lab.run("filler", "lab/demo");
          for (int i = 0; i < 60; i++) {
            run.addConfig(Config.of("i", i, "text", ("row " + i + " ").repeat(2000)));
          }
        });
    Path db = dir.resolve("lab.db");
    assertThat(dir.resolve("lab.db-wal")).doesNotExist(); // checkpointed at stop
    long size = Files.size(db);
    assertThat(size).isGreaterThan(200 * 4096L);
    byte[] garbage = new byte[3 * 4096];
    Arrays.fill(garbage, (byte) 0xA5);
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek((size / 2 / 4096) * 4096);
      file.write(garbage);
    }
    Cli.Result r = cli.run("serve", "--db", "sqlite:lab.db", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("listening");
    assertThat(r.err().lines().toList())
        .as(r.toString())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        "hectiqlab: cannot start the lab: sqlite:lab.db: the database file is"
                            + " damaged (PRAGMA quick_check: ")
                    .endsWith("); restore it from a backup"));
  }

  @Test
  void adminProjectCreateWithAMissingMemberCreatesNothing() throws Exception {
    withLab(
        "sqlite:lab.db",
        url -> {
          Cli admin =
              new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", ADMIN_KEY));
          Cli.Result r = admin.run("admin", "project", "create", "lab/x", "--member", "ghost");
          assertOneLineError(
              r, 1, "POST /admin/projects: 404 no user 'ghost': project 'lab/x' was not created");
          assertThat(admin.run("admin", "project", "list").out()).isEmpty();
          assertThat(admin.run("admin", "user", "create", "ghost").code()).isZero();
          assertThat(admin.run("admin", "project", "create", "lab/x", "--member", "ghost").code())
              .isZero();
          assertThat(admin.run("admin", "project", "list").out()).isEqualTo("lab/x\n");
        });
  }

  @Test
  void downloadHistoryPrintsEveryVersionOnceFollowingThePages() throws Exception {
    withLab(
        "sqlite:lab.db",
        url -> {
          Lab lab = Lab.connect(URI.create(url), ADMIN_KEY);
          lab.admin().createProject("lab/demo", List.of());
          Run run = lab.run("Long Run", "lab/demo");
          for (int i = 1; i <= 45; i++) {
            run.addConfig(Config.of("i", i));
          }
          Cli user = new Cli(dir, Map.of("HECTIQLAB_API_URL", url, "HECTIQLAB_API_KEY", ADMIN_KEY));
          Cli.Result r =
              user.run("download", "--project", "lab/demo", "--run", "Long Run", "--history");
          assertThat(r.code()).as(r.toString()).isZero();
          List<Config> lines = r.out().lines().map(Config::fromJson).toList();
          assertThat(lines)
              .extracting(c -> c.getInt("version"))
              .containsExactlyElementsOf(IntStream.rangeClosed(1, 45).boxed().toList());
          assertThat(lines)
              .allSatisfy(c -> assertThat(c.getInt("config.i")).isEqualTo(c.getInt("version")));
          assertThat(lines.get(0).getString("pushed_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
          assertOneLineError(
              user.run(
                  "download",
                  "--project",
                  "lab/demo",
                  "--run",
                  "Long Run",
                  "--history",
                  "-o",
                  "h.json"),
              2,
              "--history prints every version to standard output: it takes no --version, --meta"
                  + " or -o");
        });
  }
}
