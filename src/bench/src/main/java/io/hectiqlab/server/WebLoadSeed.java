package io.hectiqlab.server;

import io.hectiqlab.internal.LabNames;
import io.hectiqlab.server.Store.ProjectRef;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab that {@code WebLoad} serves: one SQLite file (or a PostgreSQL database) holding a project
 * {@code web/small} of 100 runs and a project {@code web/large} of 100,000 runs, the same runs in
 * both (run {@code i} has the same config and metadata whichever project it is in), and in each a
 * run {@code history} with many config versions (100 in the small project, 10,000 in the large
 * one). Written once through {@link JdbcStore}'s own API (so that every table and index the store
 * keeps is what a real lab has), into a temporary file that is moved into place when complete;
 * later runs reuse the file as long as its {@link #VERSION} marker matches. Not thread-safe.
 *
 * <p>The values are chosen so that the benchmark's filters select the same share of runs in both
 * projects: {@code meta.accuracy >= 0.5} half of them, {@code config.dataset.shard = 7} one in a
 * hundred.
 */
public final class WebLoadSeed {
  /** Changes whenever what is seeded changes: a file with another marker is seeded again. */
  public static final String VERSION = "web-load-seed 1";

  /** The project of 100 runs. */
  public static final String SMALL = "web/small";

  /** The project of 100,000 runs. */
  public static final String LARGE = "web/large";

  /** The slug of each project's run with many config versions. */
  public static final String HISTORY = "history";

  /** How many runs each project has (besides {@link #HISTORY}). */
  public static final Map<String, Integer> RUNS = Map.of(SMALL, 100, LARGE, 100_000);

  /** How many config versions each project's {@link #HISTORY} run has. */
  public static final Map<String, Integer> VERSIONS = Map.of(SMALL, 100, LARGE, 10_000);

  private WebLoadSeed() {}

  /** The slug of run {@code i}. */
  public static String slug(int i) {
    return LabNames.slugOf(String.format(Locale.ROOT, "run-%06d", i));
  }

  /**
   * Makes sure {@code db} is a seeded lab, seeding it when it is missing or was seeded by another
   * {@link #VERSION}; reports progress and timings to {@code log}.
   *
   * @return whether it was seeded now (false: reused)
   * @throws IOException when the file cannot be written
   */
  public static boolean ensure(Path db, PrintStream log) throws IOException {
    Path marker = db.resolveSibling(db.getFileName() + ".seed");
    if (Files.exists(db)
        && Files.exists(marker)
        && Files.readString(marker).strip().equals(VERSION)) {
      try (JdbcStore store = JdbcStore.open("sqlite:" + db)) {
        if (store.projectExists(ref(LARGE))) {
          log.println("web-load: reusing " + db + " (" + VERSION + ")");
          return false;
        }
      } catch (StoreException.Unavailable e) {
        // Seeded by a build whose migrations differ (Flyway refuses a changed one): seed again.
        log.println("web-load: cannot reuse " + db + " (" + e.getMessage() + "): seeding again");
      }
    }
    Files.createDirectories(db.toAbsolutePath().getParent());
    Files.deleteIfExists(marker);
    Path seedDir = seedDir(db);
    Path tmp = Files.createTempFile(seedDir, "web-load-", ".db");
    Files.delete(tmp);
    Path copy = db.resolveSibling(db.getFileName() + ".copying");
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    long start = System.nanoTime();
    try {
      log.println("web-load: seeding " + tmp);
      try (JdbcStore store = JdbcStore.open("sqlite:" + tmp)) {
        store.createUser("admin", true);
        for (String project : List.of(SMALL, LARGE)) {
          seed(store, project, log);
        }
      }
      // Closing the store checkpointed its write-ahead log: the file alone is the lab.
      Files.copy(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.move(copy, db, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(Path.of(tmp + suffix));
      }
      Files.deleteIfExists(copy);
    }
    Files.writeString(marker, VERSION + "\n");
    log.printf(
        Locale.ROOT, "web-load: seeded %s in %.1f s%n", db, (System.nanoTime() - start) / 1e9);
    return true;
  }

  /**
   * Makes sure the PostgreSQL database at {@code url} (a lab's store URL) is a seeded lab, seeding
   * it through the store when {@code marker} is missing, names another {@link #VERSION}, or the
   * database lacks the large project; then has PostgreSQL analyze the tables, as its autovacuum
   * would after a load.
   *
   * @return whether it was seeded now (false: reused)
   * @throws IOException when the marker cannot be written
   */
  public static boolean ensurePostgres(String url, Path marker, PrintStream log)
      throws IOException {
    try (JdbcStore store = JdbcStore.open(url)) {
      if (Files.exists(marker)
          && Files.readString(marker).strip().equals(VERSION)
          && store.projectExists(ref(LARGE))) {
        log.println("web-load: reusing the seeded PostgreSQL database (" + VERSION + ")");
        return false;
      }
      if (store.projectExists(ref(SMALL)) || store.projectExists(ref(LARGE))) {
        throw new IllegalStateException(
            "web-load: the PostgreSQL database holds a partial seed; delete its data folder ("
                + marker.getParent()
                + ") and run again");
      }
      Files.deleteIfExists(marker);
      long start = System.nanoTime();
      log.println("web-load: seeding PostgreSQL through the store");
      store.createUser("admin", true);
      for (String project : List.of(SMALL, LARGE)) {
        seed(store, project, log);
      }
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:" + url);
          java.sql.Statement st = c.createStatement()) {
        st.execute("ANALYZE");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("web-load: ANALYZE failed: " + e.getMessage(), e);
      }
      Files.writeString(marker, VERSION + "\n");
      log.printf(
          Locale.ROOT,
          "web-load: seeded PostgreSQL in %.1f s%n",
          (System.nanoTime() - start) / 1e9);
      return true;
    }
  }

  private static ProjectRef ref(String project) {
    String[] parts = project.split("/");
    return new ProjectRef(parts[0], parts[1]);
  }

  /** Where the temporary file is written: see the class comment. */
  private static Path seedDir(Path db) {
    String chosen = System.getProperty("webload.seedDir");
    if (chosen != null) {
      return Path.of(chosen);
    }
    Path memory = Path.of("/dev/shm");
    return Files.isDirectory(memory) && Files.isWritable(memory)
        ? memory
        : db.toAbsolutePath().getParent();
  }

  private static void seed(JdbcStore store, String project, PrintStream log) {
    ProjectRef ref = ref(project);
    store.createProject(ref, List.of("admin"));
    int runs = RUNS.get(project);
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      String slug = slug(i);
      store.openRun(ref, slug, slug);
      store.addConfig(ref, slug, config(i), null);
      store.putMeta(ref, slug, meta(i));
      if ((i + 1) % 10_000 == 0) {
        log.printf(
            Locale.ROOT,
            "web-load: %s: %d runs, %.1f s%n",
            project,
            i + 1,
            (System.nanoTime() - start) / 1e9);
      }
    }
    double runSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    store.openRun(ref, HISTORY, HISTORY);
    int versions = VERSIONS.get(project);
    for (int v = 1; v <= versions; v++) {
      store.addConfig(ref, HISTORY, config(v), null);
    }
    store.putMeta(ref, HISTORY, meta(0));
    log.printf(
        Locale.ROOT,
        "web-load: %s: %d runs in %.1f s (%.2f ms each), %d versions in %.1f s%n",
        project,
        runs,
        runSeconds,
        runSeconds * 1e3 / runs,
        versions,
        (System.nanoTime() - start) / 1e9);
  }

  /** The config of run {@code i} (or of version {@code i} of the history run). */
  static String config(int i) {
    return String.format(
        Locale.ROOT,
        "{\"optimizer\": {\"name\": \"%s\", \"lr\": %s, \"betas\": [0.9, 0.999]},"
            + " \"dataset\": {\"name\": \"cifar10\", \"batch_size\": %d, \"shard\": %d},"
            + " \"model\": {\"layers\": %d, \"dropout\": %s, \"a.b\": \"dotted key\"},"
            + " \"seed\": %d, \"notes\": \"run <%d> & co\"}",
        i % 2 == 1 ? "adamw" : "sgd",
        Double.toString(0.0001 + (i % 97) * 0.0001),
        32 << (i % 4),
        i % 100,
        2 + i % 10,
        Double.toString((i % 5) / 10.0),
        i,
        i);
  }

  /** The metadata of run {@code i}: accuracy in [0.001, 0.991], half of the runs at 0.5 or more. */
  static Map<String, String> meta(int i) {
    double accuracy = ((i * 37) % 100) / 100.0 + 0.001;
    return Map.of(
        "accuracy",
        Double.toString(accuracy),
        "loss",
        Double.toString(1 - accuracy),
        "epoch",
        "10");
  }
}
