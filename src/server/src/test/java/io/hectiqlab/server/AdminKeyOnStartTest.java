package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new lab's one-time admin key is made only once the server listens. */
class AdminKeyOnStartTest {
  private static final Pattern KEY =
      Pattern.compile("admin API key \\(shown once, keep it\\): (\\S+)");

  @TempDir Path dir;

  @Test
  void aBusyPortFailsTheStartBeforeAnAdminKeyIsMade() throws Exception {
    String db = "sqlite:" + dir.resolve("fresh.db");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  LabServer.start(
                      db,
                      "127.0.0.1",
                      busy.getLocalPort(),
                      null,
                      new PrintStream(out, true, StandardCharsets.UTF_8)))
          .isInstanceOf(RuntimeException.class);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    try (Store store = JdbcStore.open(db)) {
      assertThat(store.hasAdminKey()).isFalse();
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (LabServer s =
        LabServer.start(
            db, "127.0.0.1", 0, null, new PrintStream(again, true, StandardCharsets.UTF_8))) {
      assertThat(s.port()).isPositive();
      Matcher m = KEY.matcher(again.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as(again.toString(StandardCharsets.UTF_8)).isTrue();
      try (Store store = JdbcStore.open(db)) {
        assertThat(store.authenticate(m.group(1))).contains(new Store.Principal("admin", true));
      }
    }
  }

  @Test
  void anAdminKeyFromTheEnvironmentOpensALabWhoseKeyWasLost() throws Exception {
    String db = "sqlite:" + dir.resolve("lost.db");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    try (LabServer s =
        LabServer.start(
            db, "127.0.0.1", 0, null, new PrintStream(first, true, StandardCharsets.UTF_8))) {
      assertThat(s.port()).isPositive();
      assertThat(first.toString(StandardCharsets.UTF_8)).contains("admin API key");
    }
    String chosen = "hql_recovered_admin_key_0123456789";
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (LabServer s =
        LabServer.start(
            db, "127.0.0.1", 0, chosen, new PrintStream(second, true, StandardCharsets.UTF_8))) {
      assertThat(s.port()).isPositive();
      assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
    }
    try (Store store = JdbcStore.open(db)) {
      assertThat(store.authenticate(chosen)).contains(new Store.Principal("admin", true));
    }
  }
}
