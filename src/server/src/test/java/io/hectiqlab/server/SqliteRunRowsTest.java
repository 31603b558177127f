package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.Store.ProjectRef;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    return "^(.*a){20}$"; // java.util.regex backtracks for ages on 3,000 a's and a '!'
  }

  @Test
  void aRegularExpressionThatOverflowsTheStackIsRefusedAsTooLong() {
    ProjectRef p = project();
    store.openRun(p, "r", "r");
    store.addConfig(p, "r", "{\"s\": \"" + "ab".repeat(20_000) + "\"}", null);
    assertThatThrownBy(() -> slugs(p, is(config("s"), Op.MATCHES, "^(a|b)*$")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter: ~ \"^(a|b)*$\": the regular expression takes too long");
    assertThat(slugs(p, is(config("s"), Op.MATCHES, "^(ab)+$"))).containsExactly("r");
  }
}
