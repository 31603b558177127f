package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.Store.ProjectRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file in a temporary directory. */
class SqliteStoreTest extends StoreContract {
  @TempDir static Path dir;
  private static JdbcStore store;

  @BeforeAll
  static void open() {
    store = JdbcStore.open("sqlite:" + dir.resolve("lab/lab.db"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  Store store() {
    return store;
  }

  @Test
  void dataSurvivesClosingAndReopeningTheFile() {
    Path file = dir.resolve("reopen.db");
    ProjectRef p = new ProjectRef("lab", "p");
    try (JdbcStore s = JdbcStore.open("sqlite:" + file)) {
      s.createProject(p);
      s.openRun(p, "r", "r");
      s.addConfig(p, "r", "{\"x\": 1}", null);
    }
    try (JdbcStore s = JdbcStore.open("sqlite:" + file)) {
      assertThat(s.snapshot(p, "r", null).flatMap(Store.Snapshot::config))
          .map(Store.ConfigVersion::body)
          .contains("{\"x\": 1}");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsAClearError() throws Exception {
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a database, just text that is long enough ".repeat(20));
    assertThatThrownBy(() -> JdbcStore.open("sqlite:" + junk))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessageContaining("junk.db");
  }

  @Test
  void anUnknownDatabaseKindIsRefused() {
    assertThatThrownBy(() -> JdbcStore.open("mysql://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite:PATH");
  }
}
