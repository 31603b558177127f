package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.lab.DownloadedConfig;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabAdmin;
import io.hectiqlab.lab.LabException;
import io.hectiqlab.lab.Run;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core client (okhttp) against the real server on a loopback port and a real SQLite file. */
class LabClientEndToEndTest {
  static final String ADMIN_KEY = "hql_e2e_admin_key_0123456789";
  @TempDir static Path dir;
  static LabServer server;
  static Lab lab;
  static URI url;

  @BeforeAll
  static void start() {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    url = URI.create("http://127.0.0.1:" + server.port());
    try (Store store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"))) {
      store.createUser("bob", false);
      store.createProject(new Store.ProjectRef("lab", "demo"));
      store.addMember(new Store.ProjectRef("lab", "demo"), "bob");
      lab = Lab.connect(url, store.createKey("bob"));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pushAndDownloadRoundTripConfigAndMeta() {
    Run run = lab.run("Demo Run #1", "lab/demo");
    assertThat(run.slug()).isEqualTo("demo-run-1");
    Config config =
        Config.of(
            "optimizer",
            Config.of("lr", 0.001, "betas", List.of(0.9, 0.999)),
            "precise",
            new BigDecimal("0.1000000000000000000000001"),
            "big",
            Long.MAX_VALUE,
            "lr\\.max",
            0.1,
            "zero",
            -0.0);
    assertThat(run.addConfig(config)).isEqualTo(1);
    run.addMeta("accuracy", 0.93);
    run.addMeta("notes", Map.of("by", "bob", "tags", List.of("a", "b")));
    run.addMeta("accuracy", 0.95);

    DownloadedConfig d = lab.download("Demo Run #1", "lab/demo");
    assertThat(d.config()).isEqualTo(config);
    assertThat(d.config().get("precise")).isEqualTo(new BigDecimal("0.1000000000000000000000001"));
    assertThat(Double.doubleToRawLongBits(d.config().getDouble("zero")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(d.meta()).containsEntry("accuracy", 0.95);
    assertThat(d.meta().get("notes")).isEqualTo(Map.of("by", "bob", "tags", List.of("a", "b")));
    assertThat(d.version()).isEqualTo(1);
  }

  @Test
  void adminClientManagesUsersKeysProjectsAndMembers() throws InterruptedException {
    LabAdmin admin = Lab.connect(url, ADMIN_KEY).admin();
    admin.createUser("carol");
    String key = admin.createKey("carol");
    admin.createProject("carol/exp", List.of("carol"));
    Lab carol = Lab.connect(url, key);
    assertThat(carol.projects()).containsExactly("carol/exp");
    carol.run("r1", "carol/exp").addMeta(Map.of("a", 1, "b", "two"));
    assertThat(carol.download("r1", "carol/exp").meta())
        .containsEntry("a", 1)
        .containsEntry("b", "two");

    admin.addMember("lab/demo", "carol");
    assertThat(carol.projects()).containsExactly("carol/exp", "lab/demo");
    admin.removeMember("lab/demo", "carol");
    assertThatThrownBy(() -> admin.removeMember("lab/demo", "carol"))
        .isInstanceOf(LabException.NotFound.class)
        .hasMessageContaining("not a member");
    assertThatThrownBy(() -> admin.createUser("carol"))
        .isInstanceOf(LabException.InvalidRequest.class)
        .satisfies(e -> assertThat(((LabException) e).status()).isEqualTo(409));
    assertThatThrownBy(() -> admin.createKey("nobody")).isInstanceOf(LabException.NotFound.class);
    assertThatThrownBy(() -> lab.admin().createUser("mallory"))
        .isInstanceOf(LabException.Forbidden.class);

    admin.revokeKey(key);
    Thread.sleep(2100); // the lab caches checked keys for 2 s
    assertThatThrownBy(carol::projects).isInstanceOf(LabException.Unauthorized.class);
    assertThatThrownBy(() -> admin.revokeKey(key)).isInstanceOf(LabException.NotFound.class);
  }

  @Test
  void everyPushIsKeptAndEarlierVersionsStayReadable() {
    Run run = lab.run("history", "lab/demo");
    run.addConfig(Config.of("lr", 0.1));
    run.addConfig(Config.of("lr", 0.2));
    assertThat(lab.download("history", "lab/demo").config().get("lr")).isEqualTo(0.2);
    assertThat(lab.download("history", "lab/demo", 1).config().get("lr")).isEqualTo(0.1);
    assertThatThrownBy(() -> lab.download("history", "lab/demo", 7))
        .isInstanceOf(LabException.NotFound.class);
  }

  @Test
  void aWrongKeyIsUnauthorizedAndAnotherTeamsProjectIsNotFound() {
    assertThatThrownBy(() -> Lab.connect(url, "hql_wrong").run("r", "lab/demo"))
        .isInstanceOf(LabException.Unauthorized.class);
    assertThatThrownBy(() -> lab.run("r", "other/secret"))
        .isInstanceOf(LabException.NotFound.class);
    assertThatThrownBy(() -> lab.download("never-pushed", "lab/demo"))
        .isInstanceOf(LabException.NotFound.class);
  }

  @Test
  void concurrentPushesThroughHttpAreAllKeptAndDownloadable() throws Exception {
    Run run = lab.run("busy", "lab/demo");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> pushes = new java.util.ArrayList<>();
      for (int i = 0; i < 120; i++) {
        int n = i;
        pushes.add(pool.submit(() -> run.addConfig(Config.of("n", n))));
      }
      java.util.Set<Integer> versions = new java.util.HashSet<>();
      for (var f : pushes) {
        versions.add(f.get());
      }
      assertThat(versions).hasSize(120).contains(1, 120);
      java.util.Set<Integer> values = new java.util.HashSet<>();
      for (int v = 1; v <= 120; v++) {
        values.add(lab.download("busy", "lab/demo", v).config().getInt("n"));
      }
      assertThat(values).hasSize(120);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunWithoutConfigDownloadsEmpty() {
    lab.run("empty", "lab/demo");
    DownloadedConfig d = lab.download("empty", "lab/demo");
    assertThat(d.config().size()).isZero();
    assertThat(d.meta()).isEmpty();
    assertThat(d.version()).isZero();
  }

  @Test
  void metadataSetToNullDownloadsAsNullThroughTheRealServer() {
    Run run = lab.run("null meta", "lab/demo");
    run.addMeta("k", null);
    run.addMeta(java.util.Collections.singletonMap("other", null));
    DownloadedConfig d = run.download();
    assertThat(d.meta()).containsEntry("k", null).containsEntry("other", null).hasSize(2);
  }
}
