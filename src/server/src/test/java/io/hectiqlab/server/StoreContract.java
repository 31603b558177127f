package io.hectiqlab.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.Store.ConfigVersion;
import io.hectiqlab.server.Store.OpenedRun;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.Published;
import io.hectiqlab.server.Store.TemplateInfo;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.TemplateVersion;
import io.hectiqlab.server.Store.TemplateVersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
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
  void aSessionBelongsToItsKeyUntilItExpiresOrEnds() throws Exception {
    String erin = user();
    String key = store().createKey(erin);
    long before = System.currentTimeMillis();
    String token = store().createSession(key, 60_000);
    assertThat(token).matches("[A-Za-z0-9_-]{43}").doesNotContain(key);
    assertThat(store().createSession(key, 60_000)).isNotEqualTo(token);
    Store.Session s = store().session(token).orElseThrow();
    assertThat(s.principal()).isEqualTo(new Store.Principal(erin, false));
    assertThat(s.expiresAt()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
    assertThat(store().session(token + "x")).isEmpty();
    assertThat(store().session(key)).isEmpty();
    assertThat(store().session("")).isEmpty();
    assertThat(store().session(null)).isEmpty();
    assertThat(store().session("x".repeat(100_000))).isEmpty();
    assertThat(store().deleteSession(token)).isTrue();
    assertThat(store().deleteSession(token)).isFalse();
    assertThat(store().deleteSession(null)).isFalse();
    assertThat(store().session(token)).isEmpty();

    String brief = store().createSession(key, 1);
    Thread.sleep(10);
    assertThat(store().session(brief)).isEmpty();
    assertThatThrownBy(() -> store().createSession(key, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().createSession(key + "x", 60_000))
        .isInstanceOf(StoreException.NotFound.class);
    assertThatThrownBy(() -> store().createSession(null, 60_000))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void revokingAKeyEndsItsSessionsAndNoOther() {
    String frank = user();
    String key = store().createKey(frank);
    String other = store().createKey(frank);
    String a = store().createSession(key, 60_000);
    String b = store().createSession(key, 60_000);
    String kept = store().createSession(other, 60_000);
    assertThat(store().revokeKey(key)).isTrue();
    assertThat(store().session(a)).isEmpty();
    assertThat(store().session(b)).isEmpty();
    assertThat(store().deleteSession(a)).as("the rows are gone").isFalse();
    assertThat(store().session(kept).map(Store.Session::principal))
        .contains(new Store.Principal(frank, false));
    assertThatThrownBy(() -> store().createSession(key, 60_000))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void anAdministratorsSessionIsAnAdministrators() {
    String name = "admin" + UNIQUE.incrementAndGet();
    store().createUser(name, true);
    String token = store().createSession(store().createKey(name), 60_000);
    assertThat(store().session(token).map(Store.Session::principal))
        .contains(new Store.Principal(name, true));
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

  // ------------------------------------------------------------------------------ templates

  /** A schema text unique to {@code i}, laid out as a person would (kept exactly as published). */
  static String schema(int i) {
    return "{\n  \"type\": \"object\",\n  \"title\": \"t\u00e9 " + i + "\"\n}\n";
  }

  /** Publishes {@code body} as the next version of a template, checked against {@code latest}. */
  Published publish(ProjectRef p, String name, String body, String by, int latest) {
    return store().publishTemplate(p, name, body, JdbcStore.hash(body), by, latest);
  }

  @Test
  void aFirstPublishCreatesTheTemplateAtVersionOneInBackwardMode() {
    String alice = user();
    ProjectRef p = project(alice);
    assertThat(store().templateMode(p, "training")).isEmpty();
    long before = System.currentTimeMillis();
    Published v1 = publish(p, "training", schema(1), alice, 0);
    assertThat(v1.created()).isTrue();
    assertThat(v1.version().key()).isEqualTo(new TemplateKey(p, "training", 1));
    assertThat(v1.version().key()).hasToString("lab:" + p + "/training@1");
    assertThat(v1.version().body()).isEqualTo(schema(1));
    assertThat(v1.version().sha256()).isEqualTo(JdbcStore.hash(schema(1)));
    assertThat(v1.version().publishedBy()).isEqualTo(alice);
    assertThat(v1.version().publishedAt()).isBetween(before, System.currentTimeMillis());
    assertThat(store().templateMode(p, "training")).contains("backward");
    assertThat(store().templateVersion(p, "training", 1)).contains(v1.version());
    assertThat(store().templateVersion(p, "training", null)).contains(v1.version());
    assertThat(store().templates(p, 0, 10))
        .containsExactly(new TemplateInfo("training", 1, "backward", v1.version().publishedAt()));
  }

  @Test
  void versionsCountFromOnePerTemplateAndAreReadByNumberOrAsTheLatest() {
    String alice = user();
    ProjectRef p = project(alice);
    ProjectRef other = project(alice);
    Published a1 = publish(p, "a", schema(1), alice, 0);
    Published a2 = publish(p, "a", schema(2), alice, 1);
    Published b1 = publish(p, "b", schema(1), alice, 0); // the same text in another template
    Published a3 = publish(p, "a", schema(3), alice, 2);
    assertThat(List.of(a1, a2, b1, a3))
        .extracting(v -> v.version().key().version())
        .containsExactly(1, 2, 1, 3);
    assertThat(List.of(a1, a2, b1, a3)).allMatch(Published::created);
    assertThat(store().templateVersion(p, "a", 2)).map(TemplateVersion::body).contains(schema(2));
    assertThat(store().templateVersion(p, "a", null)).contains(a3.version());
    assertThat(store().templateVersion(p, "b", null)).contains(b1.version());
    assertThat(store().templateVersion(p, "a", 4)).isEmpty();
    assertThat(store().templateVersion(p, "a", 0)).isEmpty();
    assertThat(store().templateVersion(p, "missing", null)).isEmpty();
    assertThat(store().templateVersion(other, "a", 1)).isEmpty();
    assertThat(store().templateVersions(other, "a", 0, 10)).isEmpty();
    assertThat(store().templateVersions(p, "missing", 0, 10)).isEmpty();
    assertThat(store().templates(other, 0, 10)).isEmpty();
  }

  @Test
  void publishingTheSameTextAgainReturnsItsVersionAndStoresNothing() {
    String alice = user();
    String bob = user();
    ProjectRef p = project(alice);
    Published v1 = publish(p, "t", schema(1), alice, 0);
    publish(p, "t", schema(2), alice, 1);
    // by another publisher, checked against a stale latest: still the first version, unchanged
    for (int latest : new int[] {2, 0, 7}) {
      Published again = publish(p, "t", schema(1), bob, latest);
      assertThat(again.created()).isFalse();
      assertThat(again.version()).isEqualTo(v1.version());
    }
    assertThat(store().templateVersions(p, "t", 0, 10))
        .extracting(TemplateVersionInfo::version)
        .containsExactly(1, 2);
    TemplateInfo before = store().templates(p, 0, 10).get(0);
    assertThat(publish(p, "t", schema(2), bob, 2).created()).isFalse();
    assertThat(store().templates(p, 0, 10)).containsExactly(before);
    assertThat(store().templates(p, 0, 10))
        .singleElement()
        .extracting(TemplateInfo::latest)
        .isEqualTo(2);
  }

  @Test
  void publishingTheSameContentInAnotherLayoutReturnsTheVersionAsFirstPublished() {
    String alice = user();
    String bob = user();
    ProjectRef p = project(alice);
    Published v1 = publish(p, "t", schema(1), alice, 0);
    String compact = "{\"type\":\"object\",\"title\":\"t\u00e9 1\"}";
    for (String layout : new String[] {schema(1) + " ", compact, "\r\n" + compact + "\t\n"}) {
      Published again = publish(p, "t", layout, bob, 1);
      assertThat(again.created()).isFalse();
      assertThat(again.version()).isEqualTo(v1.version()); // its text, hash, publisher and time
      assertThat(store().sameContentVersion(p, "t", layout)).contains(v1.version());
    }
    assertThat(store().templateVersions(p, "t", 0, 10)).hasSize(1);
    assertThat(store().sameContentVersion(p, "other", compact)).isEmpty();
    // other content: keys in another order, numbers written otherwise, a string one space longer
    String[] others = {
      "{\"title\":\"t\u00e9 1\",\"type\":\"object\"}",
      "{\"type\":\"object\",\"title\":\"t\u00e9 1 \"}",
      "{\"type\":\"object\",\"title\":\"t\u00e9 1\",\"maximum\":1}",
      "{\"type\":\"object\",\"title\":\"t\u00e9 1\",\"maximum\":1.0}"
    };
    for (int i = 0; i < others.length; i++) {
      assertThat(store().sameContentVersion(p, "t", others[i])).isEmpty();
      Published next = publish(p, "t", others[i], alice, i + 1);
      assertThat(next.created()).isTrue();
      assertThat(next.version().key().version()).isEqualTo(i + 2);
      assertThat(next.version().body()).isEqualTo(others[i]);
    }
    assertThatThrownBy(() -> store().sameContentVersion(p, "t", "{\"a\": 1, \"a\": 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template text is not JSON: ");
  }

  @Test
  void aTemplateTextIsKeptByteForByteWithItsSize() {
    String alice = user();
    ProjectRef p = project(alice);
    String text =
        "\uFEFF{\r\n\t\"title\": \"caf\u00e9 \uD83D\uDE80 \u4E2D\",  \"x\": \"\\u0000\\n\"\r\n}  \n\n";
    Published v1 = publish(p, "t", text, alice, 0);
    assertThat(store().templateVersion(p, "t", 1).orElseThrow().body()).isEqualTo(text);
    assertThat(store().templateVersions(p, "t", 0, 1))
        .singleElement()
        .extracting(TemplateVersionInfo::bytes)
        .isEqualTo((long) text.getBytes(UTF_8).length);
    assertThat(v1.version().sha256()).isEqualTo(JdbcStore.hash(text));
  }

  @Test
  void aPublishCheckedAgainstAnOlderLatestIsRacedAndStoresNothing() {
    String alice = user();
    ProjectRef p = project(alice);
    publish(p, "t", schema(1), alice, 0);
    assertThatThrownBy(() -> publish(p, "t", schema(2), alice, 0))
        .isInstanceOfSatisfying(StoreException.Raced.class, e -> assertThat(e.latest).isEqualTo(1))
        .hasMessage(
            "template 't' of project '"
                + p
                + "' is at version 1, not 0: another publish came first");
    assertThatThrownBy(() -> publish(p, "t", schema(2), alice, 2))
        .isInstanceOfSatisfying(StoreException.Raced.class, e -> assertThat(e.latest).isEqualTo(1));
    assertThat(store().templateVersions(p, "t", 0, 10)).hasSize(1);
    assertThat(publish(p, "t", schema(2), alice, 1).version().key().version()).isEqualTo(2);
    // a template that does not exist yet is at 0: a publish expecting more creates nothing
    assertThatThrownBy(() -> publish(p, "new", schema(1), alice, 1))
        .isInstanceOfSatisfying(StoreException.Raced.class, e -> assertThat(e.latest).isEqualTo(0));
    assertThat(store().templateMode(p, "new")).isEmpty();
    assertThat(store().templates(p, 0, 10)).extracting(TemplateInfo::name).containsExactly("t");
  }

  @Test
  void aPublishIntoAMissingProjectByAnUnknownUserOrWithABadNameAWrongHashOrNoJsonIsRefused() {
    String alice = user();
    ProjectRef p = project(alice);
    ProjectRef missing = new ProjectRef("nope" + UNIQUE.incrementAndGet(), "nope");
    assertThatThrownBy(() -> publish(missing, "t", schema(1), alice, 0))
        .isInstanceOf(StoreException.NotFound.class)
        .hasMessage("no project '" + missing + "'");
    assertThatThrownBy(() -> publish(p, "t", schema(1), "ghost", 0))
        .isInstanceOf(StoreException.NotFound.class)
        .hasMessage("no user 'ghost'");
    for (String bad : List.of("", "A", "../x", "a/b", "-x", "x".repeat(65))) {
      assertThatThrownBy(() -> publish(p, bad, schema(1), alice, 0))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("template name must be");
    }
    for (String wrong :
        List.of(
            "ABC",
            JdbcStore.hash(schema(2)),
            JdbcStore.hash(schema(1)).toUpperCase(java.util.Locale.ROOT))) {
      assertThatThrownBy(() -> store().publishTemplate(p, "t", schema(1), wrong, alice, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "template t: sha256 "
                  + wrong
                  + " is not the SHA-256 of its text's UTF-8 bytes ("
                  + JdbcStore.hash(schema(1))
                  + ")");
    }
    assertThatThrownBy(() -> publish(p, "t", "{\"type\": ", alice, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template text is not JSON: ");
    assertThat(store().templates(p, 0, 10)).isEmpty();
  }

  @Test
  void theModeIsSetOnAnExistingTemplateStoredAsItsIdAndKeptAcrossPublishes() {
    String alice = user();
    ProjectRef p = project(alice);
    publish(p, "t", schema(1), alice, 0);
    store().setTemplateMode(p, "t", "FORWARD_TRANSITIVE");
    assertThat(store().templateMode(p, "t")).contains("forward-transitive");
    publish(p, "t", schema(2), alice, 1);
    assertThat(store().templateMode(p, "t")).contains("forward-transitive");
    assertThat(store().templates(p, 0, 10))
        .singleElement()
        .extracting(TemplateInfo::mode)
        .isEqualTo("forward-transitive");
    store().setTemplateMode(p, "t", "none");
    assertThat(store().templateMode(p, "t")).contains("none");
    assertThatThrownBy(() -> store().setTemplateMode(p, "t", "sideways"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown compatibility mode \"sideways\"");
    assertThat(store().templateMode(p, "t")).contains("none");
    assertThatThrownBy(() -> store().setTemplateMode(p, "missing", "none"))
        .isInstanceOf(StoreException.NotFound.class)
        .hasMessage("no template 'missing' in project '" + p + "'");
    assertThat(store().templateMode(p, "missing")).isEmpty();
  }

  @Test
  void templatesComeInPagesByNameByteByByteAndVersionsOldestFirstWithTheirSize() {
    String alice = user();
    ProjectRef p = project(alice);
    // in most PostgreSQL locales "ab" would sort before "a-c": both stores compare bytes
    List<String> names = List.of("b", "ab", "a_b", "a.b", "a-c", "a", "a0");
    int i = 0;
    for (String name : names) {
      publish(p, name, schema(i++), alice, 0);
    }
    assertThat(store().templates(p, 0, 100))
        .extracting(TemplateInfo::name)
        .containsExactly("a", "a-c", "a.b", "a0", "a_b", "ab", "b");
    assertThat(store().templates(p, 2, 3))
        .extracting(TemplateInfo::name)
        .containsExactly("a.b", "a0", "a_b");
    assertThat(store().templates(p, 7, 3)).isEmpty();
    for (int v = 2; v <= 5; v++) {
      publish(p, "a", schema(100 + v), alice, v - 1);
    }
    Published latest = publish(p, "a", "{\"\u00e9\u00e9\": true}", alice, 5);
    assertThat(store().templateVersions(p, "a", 1, 3))
        .extracting(TemplateVersionInfo::version)
        .containsExactly(2, 3, 4);
    assertThat(store().templateVersions(p, "a", 5, 10))
        .singleElement()
        .isEqualTo(
            new TemplateVersionInfo(
                6,
                JdbcStore.hash("{\"\u00e9\u00e9\": true}"),
                alice,
                latest.version().publishedAt(),
                "{\"\u00e9\u00e9\": true}".getBytes(UTF_8).length));
    assertThat(store().templates(p, 0, 1))
        .singleElement()
        .isEqualTo(new TemplateInfo("a", 6, "backward", latest.version().publishedAt()));
  }

  @Test
  void aConfigPushedWithATemplateRecordsItInEveryRead() {
    String alice = user();
    ProjectRef p = project(alice);
    ProjectRef shared = project(alice);
    publish(shared, "training", schema(1), alice, 0);
    TemplateKey key = new TemplateKey(shared, "training", 1);
    store().openRun(p, "r", "r");
    assertThat(store().addConfig(p, "r", "{\"lr\": 0.1}", null, key)).isEqualTo(1);
    assertThat(store().addConfig(p, "r", "{\"lr\": 0.2}", null)).isEqualTo(2);
    assertThat(store().config(p, "r", 1)).map(ConfigVersion::template).contains(key);
    assertThat(store().config(p, "r", 2)).map(ConfigVersion::template).isEmpty();
    assertThat(config(p, "r", 1)).map(ConfigVersion::template).contains(key);
    assertThat(config(p, "r", null)).get().extracting(ConfigVersion::template).isNull();
    assertThat(store().versions(p, "r", 0, 10))
        .extracting(Store.VersionInfo::template)
        .containsExactly(key, null);
    assertThat(store().addConfig(p, "r", "{\"lr\": 0.3}", null, key)).isEqualTo(3);
    assertThat(config(p, "r", null)).map(ConfigVersion::template).contains(key);
  }

  @Test
  void aRetriedPushWithTheSameBodyAndTemplateReturnsTheFirstVersionAndAnotherTemplateIsRefused() {
    String alice = user();
    ProjectRef p = project(alice);
    publish(p, "t", schema(1), alice, 0);
    publish(p, "t", schema(2), alice, 1);
    TemplateKey v1 = new TemplateKey(p, "t", 1);
    store().openRun(p, "r", "r");
    int first = store().addConfig(p, "r", "{\"a\": 1}", "k", v1);
    assertThat(store().addConfig(p, "r", "{\"a\": 1}", "k", new TemplateKey(p, "t", 1)))
        .isEqualTo(first);
    String reused =
        "Idempotency-Key 'k' was used for another config (version "
            + first
            + " of run 'r'): send a new key for a new config";
    for (TemplateKey other :
        new TemplateKey[] {new TemplateKey(p, "t", 2), new TemplateKey(p, "u", 1), null}) {
      assertThatThrownBy(() -> store().addConfig(p, "r", "{\"a\": 1}", "k", other))
          .isInstanceOf(StoreException.KeyReused.class)
          .hasMessage(reused);
    }
    assertThatThrownBy(() -> store().addConfig(p, "r", "{\"a\": 2}", "k", v1))
        .isInstanceOf(StoreException.KeyReused.class)
        .hasMessage(reused);
    assertThat(store().versions(p, "r", 0, 10))
        .singleElement()
        .extracting(Store.VersionInfo::template)
        .isEqualTo(v1);
    // a key first used without a template refuses a replay with one
    int untemplated = store().addConfig(p, "r", "{\"a\": 1}", "k2", null);
    assertThat(store().addConfig(p, "r", "{\"a\": 1}", "k2", null)).isEqualTo(untemplated);
    assertThatThrownBy(() -> store().addConfig(p, "r", "{\"a\": 1}", "k2", v1))
        .isInstanceOf(StoreException.KeyReused.class);
    assertThat(store().versions(p, "r", 0, 10)).hasSize(2);
    assertThatThrownBy(() -> store().addConfig(p, "missing", "{}", null, v1))
        .isInstanceOf(StoreException.NotFound.class);
  }

  @Test
  void concurrentPublishesOfOneTemplateGetDistinctGaplessVersions() throws Exception {
    String alice = user();
    ProjectRef p = project(alice);
    List<Integer> versions = publishConcurrently(List.of(store()), p, "busy", alice, 40, 8);
    assertThat(versions).doesNotHaveDuplicates().hasSize(40);
    assertThat(store().templateVersions(p, "busy", 0, 100))
        .extracting(TemplateVersionInfo::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    for (int v : List.of(1, 20, 40)) {
      String body = store().templateVersion(p, "busy", v).orElseThrow().body();
      assertThat(body).isEqualTo(schema(versions.indexOf(v)));
    }
  }

  /**
   * Publishes {@code count} different texts as one template from {@code threads} threads, each
   * through a store picked at random, the way the server does: read the latest, (check
   * compatibility,) publish against it, and on {@link StoreException.Raced} start again. Every text
   * is published twice (a repeat is idempotent). Returns, for each text {@code schema(i)}, the
   * version it got.
   */
  static List<Integer> publishConcurrently(
      List<? extends Store> stores, ProjectRef p, String name, String by, int count, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> publishes = new ArrayList<>();
      for (int i = 0; i < 2 * count; i++) {
        String body = schema(i % count);
        publishes.add(
            pool.submit(
                () -> {
                  for (int attempt = 1; ; attempt++) {
                    Store s = stores.get(ThreadLocalRandom.current().nextInt(stores.size()));
                    int latest =
                        s.templateVersion(p, name, null).map(v -> v.key().version()).orElse(0);
                    try {
                      return s.publishTemplate(p, name, body, JdbcStore.hash(body), by, latest)
                          .version()
                          .key()
                          .version();
                    } catch (StoreException.Raced e) {
                      if (attempt == 1000) {
                        throw e;
                      }
                    }
                  }
                }));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : publishes) {
        versions.add(f.get());
      }
      assertThat(versions.subList(count, 2 * count)).isEqualTo(versions.subList(0, count));
      return versions.subList(0, count);
    } finally {
      pool.shutdownNow();
    }
  }
}
