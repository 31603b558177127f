package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateInfo;
import io.hectiqlab.server.Store.TemplateVersionInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one database (two lab servers, each with its own pool) publishing one template at
 * once: on a real PostgreSQL and on one SQLite file.
 */
class TemplateStoreRaceTest {
  private static EmbeddedPostgres postgres;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** A new database of the embedded server, as a store spec. */
  private static String database(String name) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE " + name);
    }
    return "postgresql://127.0.0.1:" + postgres.getPort() + "/" + name + "?user=postgres";
  }

  private static ProjectRef projectWithPublisher(Store store) {
    ProjectRef p = new ProjectRef("team", "shared");
    store.createUser("alice", false);
    store.createProject(p, List.of("alice"));
    return p;
  }

  /** Publishes 60 texts twice each through both stores and checks what both then read. */
  private static void publishThroughBoth(JdbcStore a, JdbcStore b) throws Exception {
    ProjectRef p = projectWithPublisher(a);
    List<Integer> versions =
        StoreContract.publishConcurrently(List.of(a, b), p, "training", "alice", 60, 8);
    List<Integer> gapless = IntStream.rangeClosed(1, 60).boxed().toList();
    assertThat(versions).containsExactlyInAnyOrderElementsOf(gapless);
    for (Store s : List.of(a, b)) {
      assertThat(s.templateVersions(p, "training", 0, 100))
          .extracting(TemplateVersionInfo::version)
          .containsExactlyElementsOf(gapless);
      assertThat(s.templates(p, 0, 10)).extracting(TemplateInfo::latest).containsExactly(60);
      for (int i = 0; i < 60; i++) {
        assertThat(s.templateVersion(p, "training", versions.get(i)).orElseThrow().body())
            .isEqualTo(StoreContract.schema(i));
      }
    }
  }

  @Test
  void twoStoresOnOnePostgresqlPublishingAtOnceGetDistinctGaplessVersions() throws Exception {
    String url = database("race");
    try (JdbcStore a = JdbcStore.open(url);
        JdbcStore b = JdbcStore.open(url)) {
      publishThroughBoth(a, b);
    }
  }

  @Test
  void twoStoresOnOneSqliteFilePublishingAtOnceGetDistinctGaplessVersions() throws Exception {
    String spec = "sqlite:" + dir.resolve("lab.db");
    try (JdbcStore a = JdbcStore.open(spec);
        JdbcStore b = JdbcStore.open(spec)) {
      publishThroughBoth(a, b);
    }
  }

  @Test
  void aPublishThatAnotherServerOvertookIsRacedThenLandsOnTheNewLatest() throws Exception {
    String url = database("overtaken");
    try (JdbcStore a = JdbcStore.open(url);
        JdbcStore b = JdbcStore.open(url)) {
      ProjectRef p = projectWithPublisher(a);
      String v1 = StoreContract.schema(1);
      a.publishTemplate(p, "t", v1, JdbcStore.hash(v1), "alice", 0);
      // a checked its candidate against version 1; meanwhile b publishes version 2
      String fromB = StoreContract.schema(2);
      b.publishTemplate(p, "t", fromB, JdbcStore.hash(fromB), "alice", 1);
      String fromA = StoreContract.schema(3);
      assertThatThrownBy(() -> a.publishTemplate(p, "t", fromA, JdbcStore.hash(fromA), "alice", 1))
          .isInstanceOfSatisfying(
              StoreException.Raced.class, e -> assertThat(e.latest).isEqualTo(2));
      assertThat(a.templateVersions(p, "t", 0, 10)).hasSize(2);
      assertThat(
              a.publishTemplate(p, "t", fromA, JdbcStore.hash(fromA), "alice", 2)
                  .version()
                  .key()
                  .version())
          .isEqualTo(3);
      assertThat(b.templateVersion(p, "t", null).orElseThrow().body()).isEqualTo(fromA);
    }
  }

  @Test
  void aPostgresqlWhoseNamesCollateByLocaleStillListsTemplatesByteByByte() throws Exception {
    String url = database("localized");
    try (JdbcStore store = JdbcStore.open(url)) {
      // as on a database created with an English locale: "a_b" < "a-c" < "ab" there
      try (Connection c = postgres.getDatabase("postgres", "localized").getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "ALTER TABLE templates ALTER COLUMN name TYPE VARCHAR(64) COLLATE \"en-x-icu\"");
      }
      ProjectRef p = projectWithPublisher(store);
      int i = 0;
      for (String name : List.of("ab", "a_b", "a-c")) {
        String body = StoreContract.schema(i++);
        store.publishTemplate(p, name, body, JdbcStore.hash(body), "alice", 0);
      }
      assertThat(store.templates(p, 0, 10))
          .extracting(TemplateInfo::name)
          .containsExactly("a-c", "a_b", "ab");
      assertThat(store.templates(p, 1, 1)).extracting(TemplateInfo::name).containsExactly("a_b");
    }
  }
}
