package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.Store.ConfigVersion;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.VersionInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A lab database written by the code before templates (schema version 2), opened by this code: it
 * migrates to version 3 and keeps every user, key, member, run, config version and metadata entry;
 * old config versions have no template; templates then work. On SQLite and on PostgreSQL.
 */
class UpgradeToTemplatesTest {
  private static final String KEY = "hql_key_written_before_templates_0123456789";
  private static final ProjectRef DEMO = new ProjectRef("lab", "demo");
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

  /** Migrates an empty database to version 2 and fills it the way the lab did then. */
  private static void writeVersion2Lab(DataSource db) throws Exception {
    Flyway.configure()
        .dataSource(db)
        .locations("classpath:db/migration")
        .target("2")
        .load()
        .migrate();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO users (name, is_admin, created_at) VALUES ('alice', FALSE, 10),"
              + " ('root', TRUE, 11)");
      st.executeUpdate(
          "INSERT INTO api_keys (key_hash, user_name, created_at) VALUES ('"
              + JdbcStore.hash(KEY)
              + "', 'alice', 12)");
      st.executeUpdate("INSERT INTO projects (owner, name, created_at) VALUES ('lab', 'demo', 13)");
      st.executeUpdate(
          "INSERT INTO members (owner, project, user_name) VALUES ('lab', 'demo', 'alice')");
      st.executeUpdate(
          "INSERT INTO runs (owner, project, slug, name, p_id, created_at)"
              + " VALUES ('lab', 'demo', 'r', 'R', 1, 14)");
      st.executeUpdate(
          "INSERT INTO configs (owner, project, slug, version, body, idempotency_key, created_at,"
              + " body_sha256) VALUES ('lab', 'demo', 'r', 1, '{\"a\":1}', 'k1', 15, '"
              + JdbcStore.hash("{\"a\":1}")
              + "'), ('lab', 'demo', 'r', 2, '{\"a\":2}', NULL, 16, NULL)");
      st.executeUpdate(
          "INSERT INTO meta (owner, project, slug, meta_key, value, updated_at)"
              + " VALUES ('lab', 'demo', 'r', 'acc', '0.9', 17)");
    }
  }

  private static List<String> appliedMigrations(DataSource db) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** Opens the version 2 lab with this code, twice, and checks what it kept and what it adds. */
  private static void openedByThisCodeKeepsEverything(DataSource db, String spec) throws Exception {
    writeVersion2Lab(db);
    assertThat(appliedMigrations(db)).containsExactly("1", "2");
    try (Store store = JdbcStore.open(spec)) {
      assertThat(appliedMigrations(db)).containsExactly("1", "2", "3", "4", "5", "5.1");
      assertThat(store.authenticate(KEY)).contains(new Store.Principal("alice", false));
      assertThat(store.hasAdminKey()).isFalse();
      assertThat(store.isMember(DEMO, "alice")).isTrue();
      assertThat(store.runs(DEMO, 0, 10))
          .containsExactly(new Store.RunRecord(DEMO, "r", "R", 1, 14));
      Store.Snapshot s = store.snapshot(DEMO, "r", null).orElseThrow();
      assertThat(s.config()).contains(new ConfigVersion(2, "{\"a\":2}", 16, null));
      assertThat(s.meta()).isEqualTo(Map.of("acc", "0.9"));
      assertThat(store.config(DEMO, "r", 1)).contains(new ConfigVersion(1, "{\"a\":1}", 15, null));
      assertThat(store.versions(DEMO, "r", 0, 10))
          .containsExactly(new VersionInfo(1, 15, 7, null), new VersionInfo(2, 16, 7, null));
      // a retried push of before the upgrade still answers with its first version
      assertThat(store.addConfig(DEMO, "r", "{\"a\":1}", "k1")).isEqualTo(1);
      assertThat(store.templates(DEMO, 0, 10)).isEmpty();

      String schema = "{\"type\": \"object\"}";
      store.publishTemplate(DEMO, "training", schema, JdbcStore.hash(schema), "alice", 0);
      TemplateKey v1 = new TemplateKey(DEMO, "training", 1);
      assertThat(store.addConfig(DEMO, "r", "{\"a\":3}", "k3", v1)).isEqualTo(3);
    }
    try (Store store = JdbcStore.open(spec)) {
      assertThat(appliedMigrations(db)).containsExactly("1", "2", "3", "4", "5", "5.1");
      assertThat(store.versions(DEMO, "r", 0, 10))
          .extracting(VersionInfo::template)
          .containsExactly(null, null, new TemplateKey(DEMO, "training", 1));
      assertThat(store.templateVersion(DEMO, "training", 1)).isPresent();
      assertThat(store.snapshot(DEMO, "r", null).orElseThrow().meta()).containsEntry("acc", "0.9");
    }
  }

  @Test
  void anSqliteLabFromBeforeTemplatesKeepsItsDataAndGainsTemplates() throws Exception {
    Path file = dir.resolve("v2.db");
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + file);
    openedByThisCodeKeepsEverything(db, "sqlite:" + file);
  }

  @Test
  void aPostgresqlLabFromBeforeTemplatesKeepsItsDataAndGainsTemplates() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE upgraded");
    }
    openedByThisCodeKeepsEverything(
        postgres.getDatabase("postgres", "upgraded"),
        "postgresql://127.0.0.1:" + postgres.getPort() + "/upgraded?user=postgres");
  }
}
