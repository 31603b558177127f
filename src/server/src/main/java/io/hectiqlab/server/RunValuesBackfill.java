package io.hectiqlab.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 5.1, after {@code V5__run_index.sql}: fills {@code run_values} with the latest config
 * and the metadata of every run stored before it (flattened by {@link RunValues}, the code that
 * keeps the index current afterwards), and on PostgreSQL makes the text columns the runs table
 * sorts and compares by use the {@code "C"} collation (byte order, as SQLite compares), so that
 * both stores order names and strings alike and the indexes serve those sorts. Registered with
 * Flyway by {@link JdbcStore#open} (no classpath scanning). Stateless.
 */
final class RunValuesBackfill implements JavaMigration {
  /** How many rows PostgreSQL sends at a time while the backfill reads (instead of all at once). */
  private static final int FETCH = 256;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("5.1");
  }

  @Override
  public String getDescription() {
    return "run values backfill";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    boolean postgres =
        c.getMetaData()
            .getDatabaseProductName()
            .toLowerCase(java.util.Locale.ROOT)
            .contains("postgres");
    if (postgres) {
      try (Statement st = c.createStatement()) {
        st.executeUpdate(
            "ALTER TABLE runs ALTER COLUMN name TYPE VARCHAR(512) COLLATE \"C\","
                + " ALTER COLUMN template_owner TYPE VARCHAR(64) COLLATE \"C\","
                + " ALTER COLUMN template_project TYPE VARCHAR(64) COLLATE \"C\","
                + " ALTER COLUMN template_name TYPE VARCHAR(64) COLLATE \"C\"");
        st.executeUpdate(
            "ALTER TABLE run_values ALTER COLUMN str TYPE TEXT COLLATE \"C\","
                + " ALTER COLUMN prefix TYPE VARCHAR(800) COLLATE \"C\"");
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.owner, c.project, c.slug, c.body, r.created_at, r.p_id FROM runs r JOIN"
                + " configs c ON c.owner = r.owner AND c.project = r.project AND c.slug = r.slug"
                + " AND c.version = r.versions WHERE r.versions > 0")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          RunValues.writeConfig(
              sql -> new JdbcStore.Kept(c.prepareStatement(sql), false),
              postgres,
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getLong(5),
              rs.getInt(6),
              rs.getString(4));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT owner, project, slug, meta_key, value FROM meta"
                + " ORDER BY owner, project, slug, meta_key")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> run = null;
        Map<String, String> entries = new LinkedHashMap<>();
        while (rs.next()) {
          List<String> at = List.of(rs.getString(1), rs.getString(2), rs.getString(3));
          if (run != null && !run.equals(at)) {
            RunValues.replaceMeta(c, run.get(0), run.get(1), run.get(2), entries);
            entries.clear();
          }
          run = at;
          entries.put(rs.getString(4), rs.getString(5));
        }
        if (run != null) {
          RunValues.replaceMeta(c, run.get(0), run.get(1), run.get(2), entries);
        }
      }
    }
  }
}
