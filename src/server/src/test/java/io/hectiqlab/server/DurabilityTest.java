package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.Lab;
import io.hectiqlab.LabException;
import io.hectiqlab.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push acknowledged with 2xx survives kill -9 of the server right after the answer. */
class DurabilityTest {
  static final String ADMIN_KEY = "hql_durability_admin_key_0123";
  @TempDir Path dir;

  private Process serve(Path db) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--db",
                "sqlite:" + db,
                "--port",
                "0")
            .redirectErrorStream(true);
    pb.environment().put("HECTIQLAB_ADMIN_API_KEY", ADMIN_KEY);
    return pb.start();
  }

  private static int portOf(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      int at = line.indexOf("listening on http://127.0.0.1:");
      if (at >= 0) {
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("the server did not start");
  }

  @Test
  void everyAcknowledgedPushIsThereAfterKillDashNine() throws Exception {
    Path db = dir.resolve("lab.db");
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      store.createProject(new Store.ProjectRef("lab", "demo"));
    }
    Process first = serve(db);
    List<Integer> acknowledged = new ArrayList<>();
    try {
      Lab lab =
          Lab.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + portOf(first)))
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
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
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
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(acknowledged).isNotEmpty();

    Process second = serve(db);
    try {
      Lab lab = Lab.connect(URI.create("http://127.0.0.1:" + portOf(second)), ADMIN_KEY);
      for (int version : acknowledged) {
        assertThat(lab.download("crash", "lab/demo", version).config().getInt("i"))
            .isEqualTo(version - 1);
      }
    } finally {
      second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
