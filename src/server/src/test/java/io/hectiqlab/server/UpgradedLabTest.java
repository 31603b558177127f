package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab file written before V2 (no body hashes) opens, migrates, and keeps its pushes' keys. */
class UpgradedLabTest {
  @TempDir Path dir;

  @Test
  void keysOfPushesStoredBeforeBodyHashesCompareTheirBodies() throws Exception {
    Path db = dir.resolve("v1.db");
    String url = "jdbc:sqlite:" + db;
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO projects (owner, name, created_at) VALUES ('lab', 'demo', 1)");
      st.executeUpdate(
          "INSERT INTO runs (owner, project, slug, name, p_id, created_at)"
              + " VALUES ('lab', 'demo', 'r', 'r', 1, 1)");
      st.executeUpdate(
          "INSERT INTO configs (owner, project, slug, version, body, idempotency_key, created_at)"
              + " VALUES ('lab', 'demo', 'r', 1, '{\"a\":1}', 'old-key', 1)");
    }
    Store.ProjectRef p = new Store.ProjectRef("lab", "demo");
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      assertThat(store.addConfig(p, "r", "{\"a\":1}", "old-key")).isEqualTo(1);
      assertThatThrownBy(() -> store.addConfig(p, "r", "{\"a\":2}", "old-key"))
          .isInstanceOf(StoreException.KeyReused.class);
      assertThat(store.addConfig(p, "r", "{\"a\":2}", "new-key")).isEqualTo(2);
      assertThat(store.addConfig(p, "r", "{\"a\":2}", "new-key")).isEqualTo(2);
      assertThat(store.versions(p, "r", 0, 10)).hasSize(2);
    }
  }
}
