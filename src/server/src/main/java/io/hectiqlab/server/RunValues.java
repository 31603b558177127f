package io.hectiqlab.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The {@code run_values} index of the runs table: a run's latest config and its metadata flattened
 * to one row per node (see {@code V5__run_index.sql} for the columns), written by {@link JdbcStore}
 * in the transaction of the push it follows and by the migration that backfills older labs. The one
 * place that knows how a value is indexed. Stateless; thread-safe.
 */
final class RunValues {
  /** The {@code src} of a run's latest config. */
  static final String CONFIG = "c";

  /** The {@code src} of a run's metadata. */
  static final String META = "m";

  /** How many code points of a string the index holds. */
  static final int PREFIX_CODE_POINTS = 200;

  /** The longest path indexed, in UTF-8 bytes of its encoding; deeper or longer nodes are not. */
  static final int MAX_PATH_BYTES = 1024;

  /** The kinds by {@code kind_rank}, which is also the order of kinds in a sort. */
  static final List<String> KINDS =
      List.of("number", "string", "boolean", "null", "array", "object");

  static final int NUMBER = 0;
  static final int STRING = 1;
  static final int BOOLEAN = 2;
  static final int NULL = 3;
  static final int ARRAY = 4;
  static final int OBJECT = 5;

  private RunValues() {}

  /** One indexed node; see the table's columns. */
  record Value(
      String path, String rootKey, int rank, Double num, String str, String prefix, String json) {}

  /** The path of a column as stored: its segments as a JSON array of strings. */
  static String encodePath(List<String> segments) {
    return LabServer.JSON.writeValueAsString(segments);
  }

  /**
   * A string as the index holds it (values, prefixes, root keys) and as filters compare it: U+0000,
   * which a PostgreSQL text cannot hold, as U+FFFD, on both databases alike (the config's JSON text
   * keeps it).
   */
  static String indexed(String s) {
    return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
  }

  /** The segments of a stored path ({@link #encodePath}). */
  static List<String> decodePath(String encoded) {
    return List.of(LabServer.JSON.readValue(encoded, String[].class));
  }

  /**
   * A number's exact value written canonically ({@code 1}, {@code 1.0} and {@code 1e0} all {@code
   * 1}; {@code 100} is {@code 1E+2}), which is what an equality compares; the text itself when it
   * is beyond {@link BigDecimal}'s range.
   */
  static String canonicalNumber(String text) {
    try {
      return canonicalNumber(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return text;
    }
  }

  /**
   * A number written canonically; see {@link #canonicalNumber(String)}. What {@link
   * BigDecimal#stripTrailingZeros()} gives, in time linear in the digits (Java 17's divides by ten
   * once per trailing zero: quadratic for a 1,000-digit power of ten).
   */
  static String canonicalNumber(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    String digits = value.unscaledValue().toString();
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    if (end == digits.length()) {
      return value.toString();
    }
    BigDecimal stripped =
        new BigDecimal(
            new java.math.BigInteger(digits.substring(0, end)),
            value.scale() - (digits.length() - end));
    return stripped.toString();
  }

  /** A number's value as a double, the order of numbers (beyond the doubles: infinite). */
  static double doubleOf(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return new BigDecimal(text).doubleValue();
    }
  }

  /** The first {@link #PREFIX_CODE_POINTS} code points of a string. */
  static String prefix(String s) {
    if (s.length() <= PREFIX_CODE_POINTS) {
      return s;
    }
    int end =
        s.offsetByCodePoints(0, Math.min(PREFIX_CODE_POINTS, s.codePointCount(0, s.length())));
    return s.substring(0, end);
  }

  /**
   * The nodes of a JSON document below {@code root}, in document order (a container before its
   * children), at most {@code budget}; the root node itself too when {@code root} is not empty (a
   * metadata entry). A node whose path is longer than {@link #MAX_PATH_BYTES} is left out. Text
   * that is not JSON (never stored by the lab) yields the nodes read before the error.
   */
  static List<Value> flatten(String json, List<String> root, int budget) {
    List<Value> out = new ArrayList<>();
    if (budget <= 0) {
      return out;
    }
    java.util.Set<String> seen = new java.util.HashSet<>(); // a duplicate key: its first node
    List<String> path = new ArrayList<>(root);
    String rootKey = root.isEmpty() ? null : root.get(0);
    // per open container: -1 for an object, else the next array index
    Deque<int[]> open = new ArrayDeque<>();
    try (JsonParser p = LabServer.JSON.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return out;
      }
      if (!root.isEmpty() && !add(out, seen, path, rootKey, t, p, budget)) {
        return out;
      }
      if (t.isStructStart()) {
        open.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
      }
      while (!open.isEmpty()) {
        t = p.nextToken();
        if (t == null) {
          return out;
        }
        if (t.isStructEnd()) {
          open.pop();
          if (path.size() > root.size()) {
            path.remove(path.size() - 1);
          }
          continue;
        }
        int[] top = open.peek();
        if (top[0] < 0) {
          path.add(p.currentName());
          t = p.nextToken();
        } else {
          path.add(Integer.toString(top[0]++));
        }
        if (!add(out, seen, path, rootKey == null ? indexed(path.get(0)) : rootKey, t, p, budget)) {
          return out;
        }
        if (t.isStructStart()) {
          open.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
        } else {
          path.remove(path.size() - 1);
        }
      }
    } catch (JacksonException e) {
      return out; // keep what was read: the lab stores JSON only
    }
    return out;
  }

  /** Adds the node at the parser's token; false when the budget is spent. */
  private static boolean add(
      List<Value> out,
      java.util.Set<String> seen,
      List<String> path,
      String rootKey,
      JsonToken t,
      JsonParser p,
      int budget) {
    String encoded = encodePath(path);
    if (encoded.getBytes(UTF_8).length > MAX_PATH_BYTES || !seen.add(encoded)) {
      return true;
    }
    Value v =
        switch (t) {
          case START_OBJECT -> new Value(encoded, rootKey, OBJECT, null, null, null, null);
          case START_ARRAY -> new Value(encoded, rootKey, ARRAY, null, null, null, null);
          case VALUE_STRING -> {
            String s = p.getString();
            String held = indexed(s);
            yield new Value(
                encoded,
                rootKey,
                STRING,
                null,
                held,
                prefix(held),
                LabServer.JSON.writeValueAsString(s));
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            String text = p.getString();
            yield new Value(
                encoded, rootKey, NUMBER, doubleOf(text), canonicalNumber(text), null, text);
          }
          case VALUE_TRUE -> new Value(encoded, rootKey, BOOLEAN, 1.0, "true", null, "true");
          case VALUE_FALSE -> new Value(encoded, rootKey, BOOLEAN, 0.0, "false", null, "false");
          default -> new Value(encoded, rootKey, NULL, null, null, null, "null");
        };
    out.add(v);
    return out.size() < budget;
  }

  // ------------------------------------------------------------------------------- writing

  /** The statements of one connection by their SQL, compiled once where the store keeps them. */
  @FunctionalInterface
  interface Statements {
    JdbcStore.Kept prepare(String sql) throws SQLException;
  }

  /** The columns of a row, in the order of {@link #UPSERT}'s parameters. */
  private static final String COLUMNS =
      "owner, project, slug, src, value_path, root_key, kind_rank, num, str, prefix, json_text,"
          + " created_at, p_id";

  /**
   * Writes one node, or rewrites it when it changed: a node's kind and JSON text determine every
   * other column (its root key is its path's first key; created_at and p_id are the run's), so an
   * unchanged node is left as it is and its index entries are not touched.
   */
  private static final String UPSERT_TAIL =
      " ON CONFLICT (owner, project, slug, src, value_path) DO UPDATE SET"
          + " root_key = excluded.root_key, kind_rank = excluded.kind_rank, num = excluded.num,"
          + " str = excluded.str, prefix = excluded.prefix, json_text = excluded.json_text,"
          + " created_at = excluded.created_at, p_id = excluded.p_id"
          + " WHERE run_values.kind_rank <> excluded.kind_rank"
          + " OR run_values.json_text IS DISTINCT FROM excluded.json_text"
          + " OR run_values.num IS DISTINCT FROM excluded.num"
          + " OR run_values.str IS DISTINCT FROM excluded.str";

  private static final String UPSERT =
      "INSERT INTO run_values ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + UPSERT_TAIL;

  /**
   * {@link #writeConfig} as two data-modifying CTEs of PostgreSQL, for a push that is one
   * statement: {@code d} deletes the run's config nodes no longer present, {@code u} writes the
   * others as {@link #UPSERT} does, with the run's created_at and p_id from a CTE {@code r}; both
   * only when a CTE {@code i} (the version's insert) returned a row. Its parameters are bound by
   * {@link #bindPostgresConfig}.
   */
  static final String POSTGRES_CONFIG_CTES =
      "d AS (DELETE FROM run_values WHERE owner = ? AND project = ? AND slug = ? AND src = '"
          + CONFIG
          + "' AND value_path <> ALL (CAST(? AS text[])) AND EXISTS (SELECT 1 FROM i)),"
          + " u AS (INSERT INTO run_values ("
          + COLUMNS
          + ") SELECT ?, ?, ?, '"
          + CONFIG
          + "', v.value_path, v.root_key, v.kind_rank, v.num, v.str, v.prefix, v.json_text,"
          + " r.created_at, r.p_id FROM r, i, unnest(CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS int[]), CAST(? AS float8[]), CAST(? AS text[]), CAST(? AS text[]),"
          + " CAST(? AS text[])) AS v(value_path, root_key, kind_rank, num, str, prefix,"
          + " json_text)"
          + UPSERT_TAIL
          + ")";

  /**
   * Binds the parameters of {@link #POSTGRES_CONFIG_CTES} from {@code first} on to the nodes of
   * {@code body}; returns the next parameter's index.
   */
  static int bindPostgresConfig(
      Connection c,
      PreparedStatement ps,
      int first,
      String owner,
      String project,
      String slug,
      String body)
      throws SQLException {
    List<Value> values = flatten(body, List.of(), Store.MAX_INDEXED_VALUES);
    int n = values.size();
    String[] paths = new String[n];
    String[] roots = new String[n];
    Integer[] ranks = new Integer[n];
    Double[] nums = new Double[n];
    String[] strs = new String[n];
    String[] prefixes = new String[n];
    String[] jsons = new String[n];
    for (int k = 0; k < n; k++) {
      Value v = values.get(k);
      paths[k] = v.path();
      roots[k] = v.rootKey();
      ranks[k] = v.rank();
      nums[k] = v.num();
      strs[k] = v.str();
      prefixes[k] = v.prefix();
      jsons[k] = v.json();
    }
    java.sql.Array pathArray = c.createArrayOf("text", paths);
    int i = first;
    for (int pass = 0; pass < 2; pass++) {
      ps.setString(i++, owner);
      ps.setString(i++, project);
      ps.setString(i++, slug);
      ps.setArray(i++, pathArray);
    }
    ps.setArray(i++, c.createArrayOf("text", roots));
    ps.setArray(i++, c.createArrayOf("int4", ranks));
    ps.setArray(i++, c.createArrayOf("float8", nums));
    ps.setArray(i++, c.createArrayOf("text", strs));
    ps.setArray(i++, c.createArrayOf("text", prefixes));
    ps.setArray(i++, c.createArrayOf("text", jsons));
    return i;
  }

  /**
   * Makes the indexed config of a run the nodes of {@code body} (its new latest version), writing
   * only what changed: the nodes no longer present are deleted, the others written by {@link
   * #UPSERT}, in the caller's transaction (a push's, or the backfill of an empty index).
   */
  static void writeConfig(
      Statements st,
      boolean postgres,
      String owner,
      String project,
      String slug,
      long createdAt,
      int pId,
      String body)
      throws SQLException {
    List<Value> values = flatten(body, List.of(), Store.MAX_INDEXED_VALUES);
    List<String> paths = new ArrayList<>(values.size());
    for (Value v : values) {
      paths.add(v.path());
    }
    // The paths travel as one JSON array (both databases read it as rows), so that the statement
    // is the same for any number of them.
    try (JdbcStore.Kept k = st.prepare(deleteOthersSql(postgres))) {
      PreparedStatement ps = k.ps();
      ps.setString(1, owner);
      ps.setString(2, project);
      ps.setString(3, slug);
      ps.setString(4, CONFIG);
      ps.setString(5, LabServer.JSON.writeValueAsString(paths));
      ps.executeUpdate();
    }
    if (values.isEmpty()) {
      return;
    }
    try (JdbcStore.Kept k = st.prepare(UPSERT)) {
      PreparedStatement ps = k.ps();
      for (Value v : values) {
        bind(ps, owner, project, slug, CONFIG, v, createdAt, pId);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes a source's nodes whose paths are not in a JSON array of paths, by database. */
  private static String deleteOthersSql(boolean postgres) {
    return "DELETE FROM run_values WHERE owner = ? AND project = ? AND slug = ? AND src = ?"
        + " AND value_path NOT IN "
        + (postgres
            ? "(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"
            : "(SELECT value FROM json_each(?))");
  }

  private static void bind(
      PreparedStatement ps,
      String owner,
      String project,
      String slug,
      String src,
      Value v,
      long createdAt,
      int pId)
      throws SQLException {
    ps.setString(1, owner);
    ps.setString(2, project);
    ps.setString(3, slug);
    ps.setString(4, src);
    ps.setString(5, v.path());
    ps.setString(6, v.rootKey());
    ps.setInt(7, v.rank());
    if (v.num() == null) {
      ps.setNull(8, Types.DOUBLE);
    } else {
      ps.setDouble(8, v.num());
    }
    ps.setString(9, v.str());
    ps.setString(10, v.prefix());
    ps.setString(11, v.json());
    ps.setLong(12, createdAt);
    ps.setInt(13, pId);
  }

  /**
   * Replaces the indexed metadata entries of a run named in {@code entries} (key to JSON text), in
   * their iteration order, while the run's metadata holds fewer than {@link
   * Store#MAX_INDEXED_VALUES} nodes.
   */
  static void replaceMeta(
      Connection c, String owner, String project, String slug, Map<String, String> entries)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM run_values WHERE owner = ? AND project = ? AND slug = ? AND src = ?"
                + " AND root_key = ?")) {
      for (String key : entries.keySet()) {
        ps.setString(1, owner);
        ps.setString(2, project);
        ps.setString(3, slug);
        ps.setString(4, META);
        ps.setString(5, key);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    int indexed;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM run_values WHERE owner = ? AND project = ? AND slug = ? AND src"
                + " = ?")) {
      ps.setString(1, owner);
      ps.setString(2, project);
      ps.setString(3, slug);
      ps.setString(4, META);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        indexed = rs.getInt(1);
      }
    }
    List<Value> values = new ArrayList<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      int budget = Store.MAX_INDEXED_VALUES - indexed - values.size();
      if (budget <= 0) {
        break;
      }
      values.addAll(flatten(e.getValue(), List.of(e.getKey()), budget));
    }
    insert(c, owner, project, slug, META, values);
  }

  private static void insert(
      Connection c, String owner, String project, String slug, String src, List<Value> values)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    long createdAt;
    int pId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT created_at, p_id FROM runs WHERE owner = ? AND project = ? AND slug = ?")) {
      ps.setString(1, owner);
      ps.setString(2, project);
      ps.setString(3, slug);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no run '" + slug + "' to index");
        }
        createdAt = rs.getLong(1);
        pId = rs.getInt(2);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_values ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Value v : values) {
        bind(ps, owner, project, slug, src, v, createdAt, pId);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
