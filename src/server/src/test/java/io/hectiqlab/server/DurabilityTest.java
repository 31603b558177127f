package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabException;
import io.hectiqlab.lab.Run;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push acknowledged with 2xx survives kill -9 of the server right after the answer. */
class DurabilityTest {
  static final String ADMIN_KEY = "hql_durability_admin_key_0123";
  @TempDir Path dir;

  @Test
  void everyAcknowledgedPushIsThereAfterKillDashNine() throws Exception {
    Path db = dir.resolve("lab.db");
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      store.createProject(new Store.ProjectRef("lab", "demo"));
    }
    ServerProcess first = ServerProcess.start(db, ADMIN_KEY);
    List<Integer> acknowledged = new ArrayList<>();
    try {
      Lab lab =
          Lab.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + first.port))
              .apiKey(ADMIN_KEY)
              .maxRetries(0)
              .readTimeout(Duration.ofSeconds(5))
              .build();
      Run run = lab.run("crash", "lab/demo");
      Thread killer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(700);
                } catch (InterruptedException e) {
                  return;
                }
                first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
              });
      killer.start();
      try {
        for (int i = 0; i < 100_000; i++) {
          acknowledged.add(run.addConfig(Config.of("i", i)));
        }
      } catch (LabException expected) {
        // the server died mid-stream
      }
      killer.join();
    } finally {
      first.close();
    }
    assertThat(acknowledged).isNotEmpty();

    try (ServerProcess second = ServerProcess.start(db, ADMIN_KEY)) {
      Lab lab = Lab.connect(URI.create("http://127.0.0.1:" + second.port), ADMIN_KEY);
      for (int version : acknowledged) {
        assertThat(lab.download("crash", "lab/demo", version).config().getInt("i"))
            .isEqualTo(version - 1);
      }
    }
  }
}
