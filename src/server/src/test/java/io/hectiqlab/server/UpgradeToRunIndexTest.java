package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.RunColumn.Source;
import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.Store.Cell;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunQuery;
import io.hectiqlab.server.Store.RunRow;
import io.hectiqlab.server.Store.TemplateKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
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
 * A lab database written by the code before the web pages (schema version 4: runs, config histories
 * with templates, metadata, sessions), opened by this code: migrations 5 and 5.1 give every run its
 * summary and index its latest config and its metadata, so that the runs table sorts and filters
 * old runs like new ones; later pushes keep the index current; a second open changes nothing. On
 * SQLite and on PostgreSQL.
 */
class UpgradeToRunIndexTest {
  private static final ProjectRef DEMO = new ProjectRef("lab", "demo");
  private static final TemplateKey T2 = new TemplateKey(DEMO, "training", 2);
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

  /** Migrates an empty database to version 4 and fills it the way the lab did then. */
  private static void writeVersion4Lab(DataSource db) throws Exception {
    Flyway.configure()
        .dataSource(db)
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO users (name, is_admin, created_at) VALUES ('alice', FALSE, 1)");
      st.executeUpdate("INSERT INTO projects (owner, name, created_at) VALUES ('lab', 'demo', 2)");
      // old: two versions, the latest validated against training@2; young: one version, no
      // template; idle: no config at all
      st.executeUpdate(
          "INSERT INTO runs (owner, project, slug, name, p_id, created_at) VALUES"
              + " ('lab', 'demo', 'old', 'Old', 1, 10), ('lab', 'demo', 'young', 'Young', 2, 20),"
              + " ('lab', 'demo', 'idle', 'Idle', 3, 30)");
      st.executeUpdate(
          "INSERT INTO configs (owner, project, slug, version, body, created_at) VALUES"
              + " ('lab', 'demo', 'old', 1, '{\"lr\": 0.5, \"gone\": true}', 11),"
              + " ('lab', 'demo', 'young', 1, '{\"lr\": 0.01, \"opt\": {\"name\": \"adam\"}}', 21)");
      st.executeUpdate(
          "INSERT INTO configs (owner, project, slug, version, body, created_at, template_owner,"
              + " template_project, template_name, template_version) VALUES ('lab', 'demo', 'old',"
              + " 2, '{\"lr\": 0.1, \"a.b\": [1, 2]}', 12, 'lab', 'demo', 'training', 2)");
      st.executeUpdate(
          "INSERT INTO meta (owner, project, slug, meta_key, value, updated_at) VALUES"
              + " ('lab', 'demo', 'old', 'acc', '0.9', 13),"
              + " ('lab', 'demo', 'young', 'acc', '0.7', 22),"
              + " ('lab', 'demo', 'young', 'loss.final', '{\"v\": null}', 23)");
    }
  }

  private static List<String> appliedMigrations(DataSource db) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static RunColumn config(String... path) {
    return new RunColumn(Source.CONFIG, List.of(path));
  }

  private static RunColumn meta(String... path) {
    return new RunColumn(Source.META, List.of(path));
  }

  private static RunFilter is(RunColumn column, Op op, double value) {
    return new RunFilter.Compare(column, op, new Literal.Num(BigDecimal.valueOf(value)));
  }

  /** The runs a filter keeps: newest first (sort null) or by a column, smallest first. */
  private static List<String> slugs(Store store, RunFilter filter, RunColumn sort) {
    return store.runRows(DEMO, new RunQuery(filter, sort, sort == null, List.of(), 0, 50)).stream()
        .map(r -> r.run().slug())
        .toList();
  }

  private static void openedByThisCodeIsIndexed(DataSource db, String spec) throws Exception {
    writeVersion4Lab(db);
    assertThat(appliedMigrations(db)).containsExactly("1", "2", "3", "4");
    try (Store store = JdbcStore.open(spec)) {
      assertThat(appliedMigrations(db)).containsExactly("1", "2", "3", "4", "5", "5.1");
      List<RunColumn> columns = List.of(config("lr"), config("a.b", "1"), meta("loss.final", "v"));
      List<RunRow> rows = store.runRows(DEMO, new RunQuery(null, null, true, columns, 0, 50));
      assertThat(rows).extracting(r -> r.run().slug()).containsExactly("idle", "young", "old");
      assertThat(rows).extracting(RunRow::versions).containsExactly(0, 1, 2);
      assertThat(rows).extracting(RunRow::lastPush).containsExactly(0L, 21L, 12L);
      assertThat(rows).extracting(RunRow::template).containsExactly(null, null, T2);
      assertThat(rows.get(0).cells()).isEmpty();
      assertThat(rows.get(1).cells())
          .isEqualTo(
              Map.of(
                  config("lr"), new Cell("number", "0.01"),
                  meta("loss.final", "v"), new Cell("null", "null")));
      assertThat(rows.get(2).cells())
          .isEqualTo(
              Map.of(
                  config("lr"),
                  new Cell("number", "0.1"),
                  config("a.b", "1"),
                  new Cell("number", "2")));
      // the latest version only: old's version 1 is not indexed
      assertThat(slugs(store, is(config("lr"), Op.LT, 0.2), null)).containsExactly("young", "old");
      assertThat(slugs(store, is(config("lr"), Op.EQ, 0.5), null)).isEmpty();
      assertThat(
              slugs(
                  store,
                  new RunFilter.Compare(config("gone"), Op.EQ, new Literal.Bool(true)),
                  null))
          .isEmpty();
      assertThat(slugs(store, is(meta("acc"), Op.GE, 0.8), null)).containsExactly("old");
      assertThat(slugs(store, null, meta("acc"))).containsExactly("young", "old", "idle");
      assertThat(
              slugs(
                  store,
                  new RunFilter.Compare(config("opt", "name"), Op.EQ, new Literal.Str("adam")),
                  null))
          .containsExactly("young");

      // pushes after the upgrade keep the index current
      store.addConfig(DEMO, "idle", "{\"lr\": 0.001}", null);
      store.putMeta(DEMO, "old", Map.of("acc", "0.95"));
      assertThat(slugs(store, null, config("lr"))).containsExactly("idle", "young", "old");
      assertThat(slugs(store, is(meta("acc"), Op.GT, 0.9), null)).containsExactly("old");
    }
    try (Store store = JdbcStore.open(spec)) {
      assertThat(appliedMigrations(db)).containsExactly("1", "2", "3", "4", "5", "5.1");
      assertThat(slugs(store, null, config("lr"))).containsExactly("idle", "young", "old");
      assertThat(store.runRows(DEMO, new RunQuery(null, null, true, List.of(), 0, 50)))
          .extracting(RunRow::versions)
          .containsExactly(1, 1, 2);
    }
  }

  @Test
  void anSqliteLabFromBeforeTheWebPagesIsIndexedOnOpening() throws Exception {
    Path file = dir.resolve("v4.db");
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + file);
    openedByThisCodeIsIndexed(db, "sqlite:" + file);
  }

  @Test
  void aPostgresqlLabFromBeforeTheWebPagesIsIndexedOnOpening() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE upgraded");
    }
    openedByThisCodeIsIndexed(
        postgres.getDatabase("postgres", "upgraded"),
        "postgresql://127.0.0.1:" + postgres.getPort() + "/upgraded?user=postgres");
  }
}
