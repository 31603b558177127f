package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.lab.ConfigVersion;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run's config history comes in bounded pages, linked by {@code next}, from the real server. */
class ConfigHistoryPagingTest {
  static final String KEY = "hql_history_admin_key_0123456789";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Store.ProjectRef DEMO = new Store.ProjectRef("lab", "demo");

  @TempDir Path dir;

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("X-API-Key", KEY)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Lab lab(int port) {
    return Lab.connect(URI.create("http://127.0.0.1:" + port), KEY);
  }

  @Test
  void pagesFollowedThroughNextHoldEveryVersionOnceInOrder() throws Exception {
    try (LabServer server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, KEY, System.out)) {
      Lab lab = lab(server.port());
      lab.admin().createProject("lab/demo", List.of());
      Run run = lab.run("Many Versions", "lab/demo");
      for (int i = 1; i <= 45; i++) {
        run.addConfig(Config.of("i", i));
      }
      List<Integer> seen = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      String path = "/lab/demo/runs/many-versions/configs/history?limit=10";
      while (path != null) {
        HttpResponse<String> page = get(server.port(), path);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        pageSizes.add(body.get("versions").size());
        for (JsonNode v : body.get("versions")) {
          assertThat(v.get("config").get("i").asInt()).isEqualTo(v.get("version").asInt());
          seen.add(v.get("version").asInt());
        }
        path = body.get("next").isNull() ? null : body.get("next").asString();
        assertThat(page.headers().firstValue("Link"))
            .isEqualTo(
                path == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of("<" + path + ">; rel=\"next\""));
      }
      assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(1, 45).boxed().toList());
      assertThat(pageSizes).containsExactly(10, 10, 10, 10, 5);

      JsonNode first =
          JSON.readTree(get(server.port(), "/lab/demo/runs/many-versions/configs/history").body());
      assertThat(first.get("versions")).hasSize(LabServer.HISTORY_PAGE);
      assertThat(first.get("next").asString())
          .isEqualTo("/lab/demo/runs/many-versions/configs/history?limit=20&after=20");

      assertThat(lab.history("Many Versions", "lab/demo", 7).map(ConfigVersion::version))
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 45).boxed().toList());
      assertThat(run.history().map(v -> v.config().getInt("i")))
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 45).boxed().toList());

      assertThat(
              get(server.port(), "/lab/demo/runs/many-versions/configs/history?limit=101").body())
          .isEqualTo("{\"detail\":\"limit must be an integer from 1 to 100\"}");
      assertThat(get(server.port(), "/lab/demo/runs/many-versions/configs/history?after=-1").body())
          .isEqualTo("{\"detail\":\"after must be an integer from 0 to 2147483647\"}");
    }
  }

  @Test
  void largeVersionsAreServedByAServerWhoseHeapCannotHoldTheHistory() throws Exception {
    Path db = dir.resolve("big.db");
    String blob = "x".repeat(3_000_000);
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      store.createProject(DEMO);
      store.openRun(DEMO, "big", "big");
      for (int i = 1; i <= 30; i++) {
        store.addConfig(DEMO, "big", "{\"i\": " + i + ", \"blob\": \"" + blob + "\"}", null);
      }
    }
    // 30 versions of 3 MB: 90 MB of history under a 64 MB heap.
    try (ServerProcess server = ServerProcess.start(db, KEY, "-Xmx64m")) {
      HttpResponse<String> page = get(server.port, "/lab/demo/runs/big/configs/history?limit=100");
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(page.body());
      // 8 MiB of bodies at most per page: two 3 MB versions.
      assertThat(body.get("versions")).hasSize(2);
      assertThat(body.get("next").asString())
          .isEqualTo("/lab/demo/runs/big/configs/history?limit=100&after=2");

      List<Integer> versions = new ArrayList<>();
      lab(server.port)
          .history("big", "lab/demo", 100)
          .forEach(
              v -> {
                assertThat(v.config().getString("blob")).hasSize(blob.length());
                versions.add(v.version());
              });
      assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
      assertThat(server.output).noneMatch(l -> l.contains("failed"));
    }
  }

  @Test
  void anErrorInAHandlerIsA500WithJsonAndOneLogLineNamingItsCause() throws Exception {
    Store real = JdbcStore.open("sqlite:" + dir.resolve("err.db"));
    Store failing =
        (Store)
            Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("versions")) {
                    throw new OutOfMemoryError("simulated");
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    failing.createUser("admin", true);
    failing.addKey("admin", KEY);
    failing.createProject(DEMO);
    failing.openRun(DEMO, "r", "r");
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (LabServer server = LabServer.start(failing, "127.0.0.1", 0)) {
      HttpResponse<String> answer = get(server.port(), "/lab/demo/runs/r/configs/history");
      assertThat(answer.statusCode()).isEqualTo(500);
      assertThat(answer.body()).isEqualTo("{\"detail\":\"internal error\"}");
      // and keeps serving
      assertThat(lab(server.port()).download("r", "lab/demo").version()).isZero();
    } finally {
      System.setErr(stderr);
    }
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines)
        .filteredOn(l -> l.startsWith("hectiqlab lab:"))
        .containsExactly("hectiqlab lab: a request failed: java.lang.OutOfMemoryError: simulated");
  }

  @Test
  void aClientLeavingInTheMiddleOfAPageIsNotLogged() throws Exception {
    Path db = dir.resolve("leave.db");
    try (Store store = JdbcStore.open("sqlite:" + db)) {
      store.createProject(DEMO);
      store.openRun(DEMO, "big", "big");
      for (int i = 1; i <= 3; i++) {
        store.addConfig(DEMO, "big", "{\"blob\": \"" + "y".repeat(2_000_000) + "\"}", null);
      }
    }
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (LabServer server = LabServer.start("sqlite:" + db, "127.0.0.1", 0, KEY, System.out)) {
      for (int i = 0; i < 3; i++) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
          s.getOutputStream()
              .write(
                  ("GET /lab/demo/runs/big/configs/history HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                          + KEY
                          + "\r\n\r\n")
                      .getBytes(StandardCharsets.UTF_8));
          assertThat(s.getInputStream().readNBytes(100)).hasSize(100);
          s.setSoLinger(true, 0); // reset, not a polite close
        }
      }
      assertThat(lab(server.port()).history("big", "lab/demo").count()).isEqualTo(3);
    } finally {
      System.setErr(stderr);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
