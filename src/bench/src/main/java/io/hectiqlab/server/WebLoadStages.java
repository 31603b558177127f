package io.hectiqlab.server;

import io.hectiqlab.bench.PairedRatio;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunQuery;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The store's share of {@code WebLoad}'s pages: the same reads the pages make, timed through {@link
 * JdbcStore} alone (no HTTP, no page), 100,000-run project against 100-run project, interleaved
 * like the pages; and the database's plan of each runs-table statement on the large project. Not
 * thread-safe.
 */
public final class WebLoadStages {
  private WebLoadStages() {}

  /**
   * A runs-table page: its name, filter text (null: none), sort column (descending), page size and
   * extra columns.
   */
  public record Table(String name, String filter, String sort, int size, List<String> columns) {}

  /** One store read of a page, for a project given by name. */
  private record Stage(String name, Consumer<String> read) {}

  /**
   * Times each stage on the seeded lab {@code db} (the server must be closed or idle) and prints
   * one line per stage, then the query plans.
   *
   * @param tables the runs-table pages, as the pages fetch them
   */
  public static void print(
      String storeUrl, List<Table> tables, int fetches, int warmup, PrintStream out)
      throws SQLException {
    try (JdbcStore store = JdbcStore.open(storeUrl)) {
      List<Stage> stages = new java.util.ArrayList<>();
      for (Table t : tables) {
        RunQuery query = query(t);
        stages.add(new Stage("store " + t.name(), p -> store.runRows(ref(p), query)));
      }
      stages.add(
          new Stage(
              "store run",
              p -> {
                int last = WebLoadSeed.VERSIONS.get(p);
                store.snapshot(ref(p), WebLoadSeed.HISTORY, null).orElseThrow();
                store.versions(ref(p), WebLoadSeed.HISTORY, Math.max(0, last - 50), 50);
              }));
      stages.add(
          new Stage(
              "store diff",
              p -> {
                store.run(ref(p), WebLoadSeed.HISTORY).orElseThrow();
                store.config(ref(p), WebLoadSeed.HISTORY, 1).orElseThrow();
                store
                    .config(ref(p), WebLoadSeed.HISTORY, WebLoadSeed.VERSIONS.get(p))
                    .orElseThrow();
              }));
      for (Stage stage : stages) {
        PairedRatio.Calls calls =
            PairedRatio.calls(
                () -> stage.read().accept(WebLoadSeed.LARGE),
                () -> stage.read().accept(WebLoadSeed.SMALL),
                warmup,
                fetches);
        out.printf(
            Locale.ROOT,
            "%-18s | %9.3f %9.3f | %7.2f %7.2f..%-7.2f%n",
            stage.name(),
            calls.baseMillis(),
            calls.oursMillis(),
            calls.ratio(),
            calls.ratioQ1(),
            calls.ratioQ3());
      }
    }
    boolean postgres = storeUrl.startsWith("postgresql:");
    RunRowsSql sql = new RunRowsSql(postgres);
    try (Connection c = DriverManager.getConnection("jdbc:" + storeUrl)) {
      if (!postgres) {
        SqliteRegexp.register(c);
      }
      for (Table t : tables) {
        RunQuery query = query(t);
        ProjectRef large = ref(WebLoadSeed.LARGE);
        plan(c, postgres, t.name() + ": valued", sql.valued(large, query, 0, query.limit()), out);
        RunRowsSql.Sql missing = sql.missing(large, query, 0, query.limit());
        if (missing != null) {
          plan(c, postgres, t.name() + ": missing", missing, out);
        }
      }
    }
  }

  /** The store's query of a runs page's first page, as RunPages asks: one row more than shown. */
  private static RunQuery query(Table t) {
    RunFilter filter = t.filter() == null ? null : RunFilter.parse(t.filter());
    List<RunColumn> columns = t.columns().stream().map(RunColumn::parse).toList();
    return new RunQuery(filter, RunColumn.parse(t.sort()), true, columns, 0, t.size() + 1);
  }

  private static ProjectRef ref(String project) {
    String[] parts = project.split("/");
    return new ProjectRef(parts[0], parts[1]);
  }

  /**
   * Prints the plan of a statement: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN (ANALYZE,
   * BUFFERS), which runs it.
   */
  private static void plan(
      Connection c, boolean postgres, String name, RunRowsSql.Sql sql, PrintStream out)
      throws SQLException {
    String explain = postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ";
    out.println(explain + "(" + name + "): " + sql.text() + " " + sql.args());
    try (PreparedStatement ps = c.prepareStatement(explain + sql.text())) {
      for (int i = 0; i < sql.args().size(); i++) {
        ps.setObject(i + 1, sql.args().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.println("  " + rs.getString(postgres ? 1 : 4));
        }
      }
    }
  }
}
