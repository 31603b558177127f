package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged SQLite file is refused at start, in one line, instead of served with 503s. */
class DamagedDatabaseTest {
  @TempDir Path dir;

  private Path labWithData() {
    Path db = dir.resolve("lab.db");
    Store.ProjectRef p = new Store.ProjectRef("lab", "demo");
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      store.createProject(p);
      store.openRun(p, "r", "r");
      for (int i = 0; i < 60; i++) {
        store.addConfig(p, "r", "{\"i\": " + i + ", \"t\": \"" + "x".repeat(20_000) + "\"}", null);
      }
    }
    return db;
  }

  private static void overwrite(Path file, long offset, int length) throws Exception {
    byte[] garbage = new byte[length];
    Arrays.fill(garbage, (byte) 0xA5);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(garbage);
    }
  }

  @Test
  void pagesDamagedInTheMiddleAreFoundAtOpen() throws Exception {
    Path db = labWithData();
    long size = Files.size(db);
    assertThat(size).isGreaterThan(100 * 4096L);
    overwrite(db, (size / 2 / 4096) * 4096, 3 * 4096);
    assertThatThrownBy(() -> JdbcStore.open("sqlite:" + db))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessageStartingWith(
            "sqlite:" + db + ": the database file is damaged (PRAGMA quick_check: ")
        .hasMessageEndingWith("); restore it from a backup")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDamagedHeaderIsRefusedToo() throws Exception {
    Path db = labWithData();
    overwrite(db, 0, 100);
    assertThatThrownBy(() -> JdbcStore.open("sqlite:" + db))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessage(
            "sqlite:"
                + db
                + ": not an SQLite database, or its header is damaged ([SQLITE_NOTADB] File opened"
                + " that is not a database file (file is not a database)); restore it from a"
                + " backup");
  }

  @Test
  void theServerProcessExitsWithOneLineNamingTheFile() throws Exception {
    Path db = labWithData();
    long size = Files.size(db);
    overwrite(db, (size / 2 / 4096) * 4096, 3 * 4096);
    Process p = ServerProcess.command(db).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(out.lines().toList())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("hectiqlab lab: sqlite:" + db + ": the database file is damaged"));
  }
}
