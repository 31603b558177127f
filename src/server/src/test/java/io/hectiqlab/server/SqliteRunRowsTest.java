package io.hectiqlab.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The runs table's queries on a real SQLite file. */
class SqliteRunRowsTest extends RunRowsContract {
  @TempDir static Path dir;
  private static JdbcStore store;

  @BeforeAll
  static void open() {
    store = JdbcStore.open("sqlite:" + dir.resolve("rows.db"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  Store store() {
    return store;
  }

  @Override
  String slowPattern() {
    return "^(.*a){20}$"; // java.util.regex backtracks for ages on forty a's and a '!'
  }
}
