package io.hectiqlab.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.Store.ConfigVersion;
import io.hectiqlab.server.Store.OpenedRun;
import io.hectiqlab.server.Store.ProjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The behaviour every store must have; runs on SQLite and on a real PostgreSQL. */
abstract class StoreContract {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  /** The store under test, shared by the tests of a class; names never collide. */
  abstract Store store();

  /** A fresh project (and its owner) with one member. */
  ProjectRef project(String member) {
    int n = UNIQUE.incrementAndGet();
    ProjectRef p = new ProjectRef("lab" + n, "demo");
    store().createProject(p);
    if (member != null) {
      store().addMember(p, member);
    }
    return p;
  }

  /** One version (null: the latest) of a run's config, read the way the server reads it. */
  Optional<ConfigVersion> config(ProjectRef p, String slug, Integer version) {
    return store().snapshot(p, slug, version).flatMap(Store.Snapshot::config);
  }

  String user() {
    String name = "user" + UNIQUE.incrementAndGet();
    store().createUser(name, false);
    return name;
  }

  @Test
  void keysAuthenticateTheirUserUntilRevoked() {
    String alice = user();
    String key = store().createKey(alice);
    assertThat(key).startsWith("hql_").hasSizeGreaterThan(40);
    assertThat(store().authenticate(key)).contains(new Store.Principal(alice, false));
    assertThat(store().authenticate(key + "x")).isEmpty();
    assertThat(store().authenticate("")).isEmpty();
    assertThat(store().revokeKey(key)).isTrue();
    assertThat(store().revokeKey(key)).isFalse();
    assertThat(store().authenticate(key)).isEmpty();
  }

  @Test
  void usersAndProjectsAreCreatedOnce() {
    String bob = user();
    assertThatThrownBy(() -> store().createUser(bob, false))
        .isInstanceOf(StoreException.Conflict.class)
        .hasMessageContaining(bob);
    ProjectRef p = project(bob);
    assertThatThrownBy(() -> store().createProject(p)).isInstanceOf(StoreException.Conflict.class);
    assertThatThrownBy(() -> store().createKey("nobody-" + UNIQUE.incrementAndGet()))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void membershipDecidesWhoSeesAProject() {
    String carol = user();
    String dave = user();
    ProjectRef p = project(carol);
    assertThat(store().isMember(p, carol)).isTrue();
    assertThat(store().isMember(p, dave)).isFalse();
    assertThat(store().projects(carol)).containsExactly(p);
    assertThat(store().projects(null)).contains(p);
    store().addMember(p, carol); // twice is fine
    assertThat(store().removeMember(p, carol)).isTrue();
    assertThat(store().removeMember(p, carol)).isFalse();
    assertThat(store().projects(carol)).isEmpty();
  }

  @Test
  void openingARunCreatesItOnceAndNumbersRunsPerProject() {
    ProjectRef p = project(null);
    OpenedRun first = store().openRun(p, "demo-run-1", "Demo Run #1");
    OpenedRun again = store().openRun(p, "demo-run-1", "Demo Run #1");
    OpenedRun second = store().openRun(p, "other", "other");
    assertThat(first.isNew()).isTrue();
    assertThat(again.isNew()).isFalse();
    assertThat(again.run()).isEqualTo(first.run());
    assertThat(first.run().pId()).isEqualTo(1);
    assertThat(second.run().pId()).isEqualTo(2);
    assertThat(store().runs(p, 0, 10))
        .extracting(Store.RunRecord::slug)
        .containsExactly("other", "demo-run-1");
    assertThat(store().runs(p, 1, 10))
        .extracting(Store.RunRecord::slug)
        .containsExactly("demo-run-1");
    assertThatThrownBy(() -> store().openRun(new ProjectRef("nope", "nope"), "r", "r"))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void everyConfigPushIsKeptAndTheLatestWins() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    assertThat(config(p, "r", null)).isEmpty();
    assertThat(store().addConfig(p, "r", "{\"lr\": 0.1}", null)).isEqualTo(1);
    assertThat(store().addConfig(p, "r", "{\"lr\": 0.2}", null)).isEqualTo(2);
    assertThat(config(p, "r", null)).map(ConfigVersion::body).contains("{\"lr\": 0.2}");
    assertThat(config(p, "r", 1)).map(ConfigVersion::body).contains("{\"lr\": 0.1}");
    assertThat(config(p, "r", 3)).isEmpty();
    assertThat(store().versions(p, "r", 0, 100))
        .extracting(Store.VersionInfo::version)
        .containsExactly(1, 2);
    assertThatThrownBy(() -> store().addConfig(p, "missing", "{}", null))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void aSnapshotReadsRunConfigVersionAndMetaAtOnce() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    assertThat(store().snapshot(p, "r", null).orElseThrow().config()).isEmpty();
    store().addConfig(p, "r", "{\"v\": 1}", null);
    store().addConfig(p, "r", "{\"v\": 2}", null);
    store().putMeta(p, "r", Map.of("k", "true"));
    Store.Snapshot latest = store().snapshot(p, "r", null).orElseThrow();
    assertThat(latest.config()).map(ConfigVersion::version).contains(2);
    assertThat(latest.meta()).containsEntry("k", "true");
    assertThat(latest.run().slug()).isEqualTo("r");
    assertThat(store().snapshot(p, "r", 1).orElseThrow().config())
        .map(ConfigVersion::body)
        .contains("{\"v\": 1}");
    assertThat(store().snapshot(p, "r", 3).orElseThrow().config()).isEmpty();
    assertThat(store().snapshot(p, "missing", null)).isEmpty();
  }

  @Test
  void aRetriedPushWithTheSameIdempotencyKeyIsAppliedOnce() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    int v1 = store().addConfig(p, "r", "{\"a\": 1}", "key-1");
    int v2 = store().addConfig(p, "r", "{\"a\": 1}", "key-1");
    int v3 = store().addConfig(p, "r", "{\"a\": 2}", "key-2");
    assertThat(v2).isEqualTo(v1);
    assertThat(v3).isEqualTo(v1 + 1);
    assertThat(store().versions(p, "r", 0, 100)).hasSize(2);
  }

  @Test
  void anIdempotencyKeyReusedForAnotherBodyIsRefusedAndStoresNothing() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    int v1 = store().addConfig(p, "r", "{\"a\": 1}", "key-1");
    assertThatThrownBy(() -> store().addConfig(p, "r", "{\"a\": 2}", "key-1"))
        .isInstanceOf(StoreException.KeyReused.class)
        .hasMessage(
            "Idempotency-Key 'key-1' was used for another config (version "
                + v1
                + " of run 'r'): send a new key for a new config");
    assertThat(store().addConfig(p, "r", "{\"a\": 1}", "key-1")).isEqualTo(v1);
    assertThat(store().versions(p, "r", 0, 100)).hasSize(1);
    assertThat(config(p, "r", null)).map(ConfigVersion::body).contains("{\"a\": 1}");
  }

  @Test
  void versionsComeInPagesAfterACursorWithTheirSizeInBytes() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    for (int i = 1; i <= 5; i++) {
      store().addConfig(p, "r", "{\"\u00e9\": " + i + "}", null);
    }
    assertThat(store().versions(p, "r", 2, 2))
        .extracting(Store.VersionInfo::version)
        .containsExactly(3, 4);
    assertThat(store().versions(p, "r", 4, 10))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.version()).isEqualTo(5);
              assertThat(v.bytes()).isEqualTo("{\"\u00e9\": 5}".getBytes(UTF_8).length);
            });
    assertThat(store().versions(p, "r", 5, 10)).isEmpty();
    assertThat(store().config(p, "r", 3)).map(ConfigVersion::body).contains("{\"\u00e9\": 3}");
    assertThat(store().config(p, "r", 6)).isEmpty();
    assertThat(store().config(p, "missing", 1)).isEmpty();
  }

  @Test
  void aProjectWithAMemberWhoIsNoUserIsNotCreated() {
    String alice = user();
    ProjectRef p = new ProjectRef("lab" + UNIQUE.incrementAndGet(), "x");
    assertThatThrownBy(() -> store().createProject(p, List.of(alice, "ghost")))
        .isInstanceOf(StoreException.NotFound.class)
        .hasMessage("no user 'ghost': project '" + p + "' was not created");
    assertThat(store().projectExists(p)).isFalse();
    assertThat(store().isMember(p, alice)).isFalse();
    store().createProject(p, List.of(alice, alice));
    assertThat(store().isMember(p, alice)).isTrue();
  }

  @Test
  void metaKeysAreSetAndOverwritten() {
    ProjectRef p = project(null);
    store().openRun(p, "r", "r");
    store().putMeta(p, "r", Map.of("acc", "0.9", "note", "\"first\""));
    store().putMeta(p, "r", Map.of("acc", "0.95"));
    assertThat(store().snapshot(p, "r", null).orElseThrow().meta())
        .containsExactly(Map.entry("acc", "0.95"), Map.entry("note", "\"first\""));
    assertThatThrownBy(() -> store().putMeta(p, "missing", Map.of("a", "1")))
        .isInstanceOf(StoreException.NotFound.class);
    assertThatThrownBy(() -> store().putMeta(p, "r", Map.of("bad\u0000key", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathTricksAndControlCharactersAreRefusedBeforeAnythingIsStored() {
    for (String bad : List.of("..", "../x", "a/b", "%2e%2e", "A", "x\u0000", "", "-x")) {
      assertThatThrownBy(() -> store().createProject(new ProjectRef(bad, "p")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store().createUser(bad, false))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    ProjectRef p = project(null);
    assertThatThrownBy(() -> store().openRun(p, "../etc", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().runs(p, 0, 10)).isEmpty();
  }

  @Test
  void concurrentPushesToOneRunAreAllKeptInOrder() throws Exception {
    ProjectRef p = project(null);
    store().openRun(p, "busy", "busy");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> pushes = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        String body = "{\"i\": " + i + "}";
        pushes.add(pool.submit(() -> store().addConfig(p, "busy", body, null)));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : pushes) {
        versions.add(f.get());
      }
      assertThat(versions).doesNotHaveDuplicates().hasSize(160);
      assertThat(store().versions(p, "busy", 0, 1000))
          .extracting(Store.VersionInfo::version)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, 160).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentOpensOfNewRunsNumberThemUniquely() throws Exception {
    ProjectRef p = project(null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<OpenedRun>> opens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String slug = "run-" + (i % 20);
        opens.add(pool.submit(() -> store().openRun(p, slug, slug)));
      }
      int created = 0;
      for (Future<OpenedRun> f : opens) {
        created += f.get().isNew() ? 1 : 0;
      }
      assertThat(created).isEqualTo(20);
      assertThat(store().runs(p, 0, 100))
          .extracting(Store.RunRecord::pId)
          .doesNotHaveDuplicates()
          .hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
