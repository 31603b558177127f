package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.LabHttp.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two servers on one real PostgreSQL database, publishing versions of one template at the same time
 * over HTTP: each publish checks compatibility outside any transaction, loses or wins the race in
 * the store, and checks again when it lost.
 */
class TemplatePublishRaceTest {
  static final String ADMIN_KEY = "hql_race_admin_key_0123456789";
  static final int PUBLISHERS = 8;

  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  static String url() {
    return "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
  }

  @Test
  void concurrentPublishesThroughTwoServersGetDistinctGaplessVersions() throws Exception {
    try (LabServer a = LabServer.start(url(), "127.0.0.1", 0, ADMIN_KEY, System.out);
        LabServer b = LabServer.start(url(), "127.0.0.1", 0, ADMIN_KEY, System.out)) {
      LabHttp labA = new LabHttp(a.port());
      LabHttp labB = new LabHttp(b.port());
      String alice = labA.user(ADMIN_KEY, "alice");
      labA.project(ADMIN_KEY, "race/p", "alice");

      // every body is backward compatible with every other: each change is a description
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < PUBLISHERS; i++) {
        bodies.add(
            "{\"type\": \"object\", \"description\": \"publisher "
                + i
                + "\", \"properties\": {\"lr\": {\"type\": \"number\"}}}");
      }
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
      List<Future<Answer>> answers = new ArrayList<>();
      try {
        for (int i = 0; i < PUBLISHERS; i++) {
          LabHttp lab = i % 2 == 0 ? labA : labB;
          String body = bodies.get(i);
          Callable<Answer> publish =
              () -> {
                go.await();
                return lab.post("/race/p/templates/shared", alice, body);
              };
          answers.add(pool.submit(publish));
        }
        go.countDown();
        Map<Integer, String> byVersion = new HashMap<>();
        for (int i = 0; i < PUBLISHERS; i++) {
          Answer answer = answers.get(i).get(2, TimeUnit.MINUTES);
          assertThat(answer.status()).as(answer.text()).isEqualTo(201);
          assertThat(answer.json().get("sha256").asString())
              .isEqualTo(JdbcStore.hash(bodies.get(i)));
          byVersion.put(answer.json().get("version").asInt(), bodies.get(i));
        }
        assertThat(byVersion.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);

        JsonNode listed = labB.get("/race/p/templates/shared", alice).json();
        assertThat(listed.get("latest").asInt()).isEqualTo(PUBLISHERS);
        List<Integer> versions = new ArrayList<>();
        listed.get("versions").forEach(v -> versions.add(v.get("version").asInt()));
        assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        for (Map.Entry<Integer, String> e : byVersion.entrySet()) {
          LabHttp other = e.getKey() % 2 == 0 ? labA : labB;
          assertThat(other.get("/race/p/templates/shared/versions/" + e.getKey(), alice).text())
              .isEqualTo(e.getValue());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
