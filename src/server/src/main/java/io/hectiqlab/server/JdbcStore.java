package io.hectiqlab.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hectiqlab.Compatibility;
import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.Store.Snapshot;
import io.hectiqlab.server.Store.TemplateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The lab's store on SQLite (one file: WAL, {@code synchronous=FULL}, foreign keys on, writers
 * queue for up to 10 s) or PostgreSQL (a HikariCP pool; several servers may share one database).
 * The same portable SQL and the same Flyway migrations serve both (a config push to PostgreSQL is
 * sent as one round trip of its own). Opens that race for the next run number retry on the unique
 * constraint that decides the race; pushes to one run queue on the run's row and publishes of one
 * template on the template's row, so that their versions are numbered without gaps.
 */
final class JdbcStore implements Store {
  private static final int RETRIES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HikariDataSource pool;
  private final String description;

  /** On PostgreSQL the driver keeps prepared statements; on SQLite this store does. */
  private final boolean postgres;

  /** The statements of {@link #runRows}. */
  private final RunRowsSql runRowsSql;

  private JdbcStore(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
    this.postgres = description.startsWith("postgresql:");
    this.runRowsSql = new RunRowsSql(postgres);
  }

  /**
   * Opens (creating and migrating when needed) the store a spec names: {@code sqlite:PATH}, {@code
   * postgresql://host:port/db?user=..&password=..} or a {@code jdbc:} URL of either.
   *
   * @throws IllegalArgumentException when the spec names neither
   * @throws StoreException.Unavailable when the database cannot be opened or migrated
   */
  static JdbcStore open(String spec) {
    HikariConfig config = new HikariConfig();
    String description;
    if (spec.startsWith("sqlite:") || spec.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(spec.substring(spec.indexOf("sqlite:") + "sqlite:".length()));
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (java.io.IOException e) {
        throw new StoreException.Unavailable(file + ": cannot create its directory: " + e, e);
      }
      config.setJdbcUrl("jdbc:sqlite:" + file);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      config.setMaximumPoolSize(4);
      description = "sqlite:" + file;
    } else if (spec.startsWith("postgresql://") || spec.startsWith("jdbc:postgresql://")) {
      config.setJdbcUrl(spec.startsWith("jdbc:") ? spec : "jdbc:" + spec);
      config.setMaximumPoolSize(10);
      description = "postgresql://" + hostPart(spec);
    } else {
      throw new IllegalArgumentException(
          "unknown database '" + spec + "': use sqlite:PATH or postgresql://HOST:PORT/DB");
    }
    config.setPoolName("hectiqlab-store");
    config.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      String why = rootMessage(e);
      if (why.contains("SQLITE_NOTADB") || why.contains("SQLITE_CORRUPT")) {
        throw new StoreException.Unavailable(
            description
                + ": not an SQLite database, or its header is damaged ("
                + why
                + "); restore it from a backup",
            e);
      }
      throw new StoreException.Unavailable(description + ": cannot connect: " + why, e);
    }
    if (description.startsWith("sqlite:")) {
      checkIntegrity(pool, description);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .javaMigrations(new RunValuesBackfill())
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException.Unavailable(
          description + ": cannot migrate the database: " + rootMessage(e), e);
    }
    return new JdbcStore(pool, description);
  }

  /**
   * Refuses a damaged SQLite file before serving from it: {@code PRAGMA quick_check} (a scan of
   * every page's structure, linear in the file's size) must answer {@code ok}.
   */
  private static void checkIntegrity(HikariDataSource pool, String description) {
    List<String> problems = new ArrayList<>();
    try (Connection c = pool.getConnection();
        java.sql.Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check(20)")) {
      while (rs.next()) {
        // a row may hold several lines; "*** in database main ***" only heads them
        rs.getString(1).lines().filter(l -> !l.startsWith("***")).forEach(problems::add);
      }
    } catch (SQLException e) {
      problems.add(rootMessage(e));
    }
    if (problems.size() == 1 && "ok".equals(problems.get(0))) {
      return;
    }
    pool.close();
    String first = problems.isEmpty() ? "no answer" : problems.get(0).strip();
    throw new StoreException.Unavailable(
        description
            + ": the database file is damaged (PRAGMA quick_check: "
            + first
            + (problems.size() > 1 ? "; and " + (problems.size() - 1) + " more" : "")
            + "); restore it from a backup",
        null);
  }

  private static String hostPart(String spec) {
    String rest = spec.substring(spec.indexOf("//") + 2);
    int end = rest.indexOf('?');
    return end < 0 ? rest : rest.substring(0, end); // never the query: it may hold a password
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public String toString() {
    return "JdbcStore[" + description + "]";
  }

  // ------------------------------------------------------------------------------ transactions

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs read-only work without an explicit transaction: each statement sees committed data, and on
   * SQLite no write lock is taken (writers use immediate transactions).
   */
  private <T> T read(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException.Unavailable(what + ": " + rootMessage(e), e);
    }
  }

  /**
   * Runs work in one transaction; with {@code retry}, a lost race on a unique key runs it again.
   */
  private <T> T tx(String what, boolean retry, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (retry && attempt < RETRIES && isUniqueViolation(e)) {
          continue;
        }
        throw new StoreException.Unavailable(what + ": " + rootMessage(e), e);
      }
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    if ("23505".equals(e.getSQLState())) {
      return true;
    }
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_CONSTRAINT_UNIQUE") || m.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
  }

  private static boolean isForeignKeyViolation(SQLException e) {
    return "23503".equals(e.getSQLState())
        || String.valueOf(e.getMessage()).contains("SQLITE_CONSTRAINT_FOREIGNKEY");
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  /**
   * Has PostgreSQL plan a statement for its values every time it runs. A read of one version of a
   * run names the run's key columns, which the idempotency-key index starts with too; the plan the
   * driver switches to after five runs, made for any values, estimated one row either way and
   * walked that index, reading every version of the run (5.7 ms at 10,000 versions, 0.04 ms through
   * the primary key).
   */
  private PreparedStatement plannedForItsValues(PreparedStatement ps) throws SQLException {
    if (postgres) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
    }
    return ps;
  }

  /**
   * SQLite compiles a statement on every prepare (the download's statement: about 35 us, more than
   * running it), so the push and download statements are kept per connection and reused; on
   * PostgreSQL the driver keeps prepared statements itself. A connection's statements go with it.
   */
  private final Map<Connection, Map<String, PreparedStatement>> kept = new ConcurrentHashMap<>();

  /** A statement with its arguments set, closed after use unless it is one SQLite keeps. */
  record Kept(PreparedStatement ps, boolean keep) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (!keep) {
        ps.close();
      }
    }
  }

  private Kept keptStatement(Connection c, String sql, Object... args) throws SQLException {
    if (postgres) {
      return new Kept(prepare(c, sql, args), false);
    }
    Connection raw = c.unwrap(Connection.class);
    Map<String, PreparedStatement> mine = kept.get(raw);
    if (mine == null) {
      kept.keySet().removeIf(JdbcStore::isClosed); // the pool replaced a connection
      mine = new java.util.HashMap<>();
      kept.put(raw, mine);
    }
    PreparedStatement ps = mine.get(sql);
    if (ps == null) {
      ps = raw.prepareStatement(sql);
      mine.put(sql, ps);
    }
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return new Kept(ps, true);
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> list(Connection c, Row<T> row, String sql, Object... args)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row.map(rs));
      }
    }
    return out;
  }

  private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  // ----------------------------------------------------------------------------- users, keys

  @Override
  public void createUser(String name, boolean admin) {
    LabNames.checkName("user name", name);
    tx(
        "create user " + name,
        false,
        c -> {
          if (exists(c, "SELECT 1 FROM users WHERE name = ?", name)) {
            throw new StoreException.Conflict("user '" + name + "' exists already");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO users (name, is_admin, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setBoolean(2, admin);
            ps.setLong(3, now());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean userExists(String name) {
    return read("find user", c -> exists(c, "SELECT 1 FROM users WHERE name = ?", name));
  }

  @Override
  public String createKey(String user) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "hql_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    addKey(user, key);
    return key;
  }

  @Override
  public void addKey(String user, String key) {
    tx(
        "register key for " + user,
        false,
        c -> {
          if (!exists(c, "SELECT 1 FROM users WHERE name = ?", user)) {
            throw new StoreException.NotFound("no user '" + user + "'");
          }
          if (!exists(c, "SELECT 1 FROM api_keys WHERE key_hash = ?", hash(key))) {
            update(
                c,
                "INSERT INTO api_keys (key_hash, user_name, created_at) VALUES (?, ?, ?)",
                hash(key),
                user,
                now());
          }
          return null;
        });
  }

  @Override
  public boolean hasAdminKey() {
    return read(
        "find admin keys",
        c ->
            exists(
                c,
                "SELECT 1 FROM api_keys k JOIN users u ON u.name = k.user_name WHERE u.is_admin"
                    + " AND k.revoked_at IS NULL"));
  }

  @Override
  public boolean revokeKey(String key) {
    return tx(
        "revoke key",
        false,
        c -> {
          update(c, "DELETE FROM sessions WHERE key_hash = ?", hash(key));
          return update(
                  c,
                  "UPDATE api_keys SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL",
                  now(),
                  hash(key))
              == 1;
        });
  }

  @Override
  public Optional<Principal> authenticate(String key) {
    if (key == null || key.isEmpty() || key.length() > 256) {
      return Optional.empty();
    }
    return read(
        "authenticate",
        c -> {
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT u.name, u.is_admin FROM api_keys k JOIN users u ON u.name ="
                          + " k.user_name WHERE k.key_hash = ? AND k.revoked_at IS NULL",
                      hash(key));
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(new Principal(rs.getString(1), rs.getBoolean(2)))
                : Optional.empty();
          }
        });
  }

  /** The longest session token {@link #session} looks up (tokens are 43 characters). */
  private static final int MAX_TOKEN = 256;

  @Override
  public String createSession(String key, long ttlMillis) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("a session lasts a positive time, not " + ttlMillis);
    }
    if (key == null || key.isEmpty() || key.length() > 256) {
      throw new StoreException.NotFound("no such active key");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return tx(
        "open session",
        false,
        c -> {
          if (!exists(
              c, "SELECT 1 FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", hash(key))) {
            throw new StoreException.NotFound("no such active key");
          }
          long at = now();
          update(c, "DELETE FROM sessions WHERE expires_at <= ?", at);
          update(
              c,
              "INSERT INTO sessions (token_hash, key_hash, created_at, expires_at)"
                  + " VALUES (?, ?, ?, ?)",
              hash(token),
              hash(key),
              at,
              at + ttlMillis);
          return token;
        });
  }

  @Override
  public Optional<Session> session(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    return read(
        "find session",
        c -> {
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT u.name, u.is_admin, s.expires_at FROM sessions s"
                          + " JOIN api_keys k ON k.key_hash = s.key_hash"
                          + " JOIN users u ON u.name = k.user_name"
                          + " WHERE s.token_hash = ? AND s.expires_at > ? AND k.revoked_at IS NULL",
                      hash(token),
                      now());
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(
                    new Session(new Principal(rs.getString(1), rs.getBoolean(2)), rs.getLong(3)))
                : Optional.empty();
          }
        });
  }

  @Override
  public boolean deleteSession(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
      return false;
    }
    return tx(
        "end session",
        false,
        c -> update(c, "DELETE FROM sessions WHERE token_hash = ?", hash(token)) == 1);
  }

  /** The SHA-256 of a text (a key, a body), as the lab stores and compares it. */
  static String hash(String key) {
    return Sha256.hex(key);
  }

  /**
   * The content hash of a template text: the SHA-256 (hex) of its JSON written compactly, keys in
   * their order, numbers exactly as written (so {@code 1.0} and {@code 1} differ); two texts that
   * differ only in whitespace outside strings (or a leading byte order mark) have the same. The one
   * rule publishes are made idempotent by.
   *
   * @throws IllegalArgumentException when the text is not JSON (duplicate keys and lone surrogates
   *     are refused, as for every body)
   */
  static String contentHash(String text) {
    try {
      return hash(
          LabServer.JSON.writeValueAsString(
              Documents.parse(
                      Documents.Input.text(
                          text.startsWith("\uFEFF") ? text.substring(1) : text, "template text"),
                      Documents.Format.JSON,
                      Documents.Root.ANY)
                  .root()));
    } catch (DocumentException e) {
      throw new IllegalArgumentException(
          "template text is not JSON: " + e.location() + ": " + e.problem(), e);
    }
  }

  // --------------------------------------------------------------------------------- projects

  @Override
  public void createProject(ProjectRef project, List<String> members) {
    LabNames.checkName("project owner", project.owner());
    LabNames.checkName("project name", project.name());
    tx(
        "create project " + project,
        false,
        c -> {
          if (exists(
              c,
              "SELECT 1 FROM projects WHERE owner = ? AND name = ?",
              project.owner(),
              project.name())) {
            throw new StoreException.Conflict("project '" + project + "' exists already");
          }
          for (String user : members) {
            if (!exists(c, "SELECT 1 FROM users WHERE name = ?", user)) {
              throw new StoreException.NotFound(
                  "no user '" + user + "': project '" + project + "' was not created");
            }
          }
          update(
              c,
              "INSERT INTO projects (owner, name, created_at) VALUES (?, ?, ?)",
              project.owner(),
              project.name(),
              now());
          for (String user : new java.util.LinkedHashSet<>(members)) {
            update(
                c,
                "INSERT INTO members (owner, project, user_name) VALUES (?, ?, ?)",
                project.owner(),
                project.name(),
                user);
          }
          return null;
        });
  }

  @Override
  public boolean projectExists(ProjectRef project) {
    return read(
        "find project",
        c ->
            exists(
                c,
                "SELECT 1 FROM projects WHERE owner = ? AND name = ?",
                project.owner(),
                project.name()));
  }

  @Override
  public void addMember(ProjectRef project, String user) {
    tx(
        "add member",
        true,
        c -> {
          requireProject(c, project);
          if (!exists(c, "SELECT 1 FROM users WHERE name = ?", user)) {
            throw new StoreException.NotFound("no user '" + user + "'");
          }
          if (!exists(
              c,
              "SELECT 1 FROM members WHERE owner = ? AND project = ? AND user_name = ?",
              project.owner(),
              project.name(),
              user)) {
            update(
                c,
                "INSERT INTO members (owner, project, user_name) VALUES (?, ?, ?)",
                project.owner(),
                project.name(),
                user);
          }
          return null;
        });
  }

  @Override
  public boolean removeMember(ProjectRef project, String user) {
    return tx(
        "remove member",
        false,
        c ->
            update(
                    c,
                    "DELETE FROM members WHERE owner = ? AND project = ? AND user_name = ?",
                    project.owner(),
                    project.name(),
                    user)
                == 1);
  }

  @Override
  public boolean isMember(ProjectRef project, String user) {
    return read(
        "check membership",
        c ->
            exists(
                c,
                "SELECT 1 FROM members WHERE owner = ? AND project = ? AND user_name = ?",
                project.owner(),
                project.name(),
                user));
  }

  @Override
  public List<ProjectRef> projects(String user) {
    Row<ProjectRef> row = rs -> new ProjectRef(rs.getString(1), rs.getString(2));
    return read(
        "list projects",
        c ->
            user == null
                ? list(c, row, "SELECT owner, name FROM projects ORDER BY owner, name")
                : list(
                    c,
                    row,
                    "SELECT owner, project FROM members WHERE user_name = ? ORDER BY owner,"
                        + " project",
                    user));
  }

  private static void requireProject(Connection c, ProjectRef project) throws SQLException {
    if (!exists(
        c,
        "SELECT 1 FROM projects WHERE owner = ? AND name = ?",
        project.owner(),
        project.name())) {
      throw new StoreException.NotFound("no project '" + project + "'");
    }
  }

  private static void requireRun(Connection c, ProjectRef project, String slug)
      throws SQLException {
    if (!exists(
        c,
        "SELECT 1 FROM runs WHERE owner = ? AND project = ? AND slug = ?",
        project.owner(),
        project.name(),
        slug)) {
      throw new StoreException.NotFound("no run '" + slug + "' in project '" + project + "'");
    }
  }

  // ------------------------------------------------------------------------------------- runs

  @Override
  public OpenedRun openRun(ProjectRef project, String slug, String name) {
    LabNames.checkSlug(slug);
    return tx(
        "open run " + slug,
        true,
        c -> {
          Optional<RunRecord> existing = findRun(c, project, slug);
          if (existing.isPresent()) {
            return new OpenedRun(existing.get(), false);
          }
          // Serializes run creation per project (a row lock on PostgreSQL; SQLite's write
          // transactions are serial already), so that p_id numbers do not race. It writes a column
          // no foreign key references: rewriting the key made SQLite check every run, member and
          // template of the project (10 ms at 100,000 runs, against 0.08 ms).
          if (update(
                  c,
                  "UPDATE projects SET created_at = created_at WHERE owner = ? AND name = ?",
                  project.owner(),
                  project.name())
              == 0) {
            throw new StoreException.NotFound("no project '" + project + "'");
          }
          Optional<RunRecord> raced = findRun(c, project, slug);
          if (raced.isPresent()) {
            return new OpenedRun(raced.get(), false);
          }
          int pId;
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT COALESCE(MAX(p_id), 0) + 1 FROM runs WHERE owner = ? AND project = ?",
                      project.owner(),
                      project.name());
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            pId = rs.getInt(1);
          }
          long at = now();
          update(
              c,
              "INSERT INTO runs (owner, project, slug, name, p_id, created_at) VALUES (?, ?, ?, ?,"
                  + " ?, ?)",
              project.owner(),
              project.name(),
              slug,
              name,
              pId,
              at);
          return new OpenedRun(new RunRecord(project, slug, name, pId, at), true);
        });
  }

  @Override
  public Optional<RunRecord> run(ProjectRef project, String slug) {
    return read("find run", c -> findRun(c, project, slug));
  }

  private static Optional<RunRecord> findRun(Connection c, ProjectRef project, String slug)
      throws SQLException {
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT name, p_id, created_at FROM runs WHERE owner = ? AND project = ? AND slug"
                    + " = ?",
                project.owner(),
                project.name(),
                slug);
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new RunRecord(project, slug, rs.getString(1), rs.getInt(2), rs.getLong(3)))
          : Optional.empty();
    }
  }

  @Override
  public List<RunRecord> runs(ProjectRef project, int offset, int limit) {
    return read(
        "list runs",
        c ->
            list(
                c,
                rs ->
                    new RunRecord(
                        project, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)),
                "SELECT slug, name, p_id, created_at FROM runs WHERE owner = ? AND project = ?"
                    + " ORDER BY p_id DESC LIMIT ? OFFSET ?",
                project.owner(),
                project.name(),
                limit,
                offset));
  }

  // ---------------------------------------------------------------------------- configs, meta

  @Override
  public List<RunColumn> columns(ProjectRef project, List<String> slugs, int limit) {
    if (slugs.isEmpty() || limit <= 0) {
      return List.of();
    }
    StringBuilder in = new StringBuilder(" AND slug IN (");
    for (int i = 0; i < slugs.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    in.append(')');
    return read(
        "read the runs' columns",
        c -> {
          List<RunColumn> out = new ArrayList<>();
          for (String src : List.of(RunValues.CONFIG, RunValues.META)) {
            boolean config = src.equals(RunValues.CONFIG);
            List<Object> args = new ArrayList<>(List.of(project.owner(), project.name(), src));
            if (config) {
              args.add(RunValues.ARRAY);
              args.add(RunPages.HELP_KEY); // a config's descriptions are no column
            }
            args.addAll(slugs);
            // Sorted and made distinct here: asked of the database, SQLite walked an index in
            // the paths' order over every run of the project (2 s at 100,000 runs) instead of
            // looking up the page's runs.
            java.util.TreeSet<String> paths = new java.util.TreeSet<>();
            try (PreparedStatement ps =
                    prepare(
                        c,
                        "SELECT "
                            + (config ? "value_path" : "root_key")
                            + " FROM run_values WHERE owner = ? AND project = ? AND src = ?"
                            + (config ? " AND kind_rank < ? AND root_key <> ?" : "")
                            + in,
                        args.toArray());
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                paths.add(rs.getString(1));
              }
            }
            for (String path : paths.stream().limit(limit).toList()) {
              out.add(
                  config
                      ? new RunColumn(RunColumn.Source.CONFIG, RunValues.decodePath(path))
                      : new RunColumn(RunColumn.Source.META, List.of(path)));
            }
          }
          return out;
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the page in the statements of {@link RunRowsSql} (on PostgreSQL in one read
   * transaction). A filter's {@code ~} matches with {@link java.util.regex.Pattern} on SQLite
   * ({@link SqliteRegexp}, registered on each pooled connection before its first use) and with
   * PostgreSQL's own regular expressions (POSIX ARE syntax: mostly alike, but classes such as
   * {@code \p{L}} and look-behinds differ) on PostgreSQL; either way the regular expressions of one
   * page get {@link SqliteRegexp#BUDGET_MILLIS} (on PostgreSQL a statement timeout).
   */
  @Override
  public List<RunRow> runRows(ProjectRef project, RunQuery query) {
    RunQuery q =
        query.sort() == null
            ? new RunQuery(
                query.filter(),
                RunColumn.CREATED,
                query.descending(),
                query.columns(),
                query.offset(),
                query.limit())
            : query;
    if (q.offset() < 0 || q.limit() < 0) {
      throw new IllegalArgumentException(
          "runs: offset and limit must not be negative (" + q.offset() + ", " + q.limit() + ")");
    }
    if (q.limit() == 0) {
      return List.of();
    }
    List<String> patterns = new ArrayList<>();
    patterns(q.filter(), patterns);
    try (Connection c = pool.getConnection()) {
      if (postgres) {
        c.setAutoCommit(false);
        try (java.sql.Statement st = c.createStatement()) {
          // One round trip. A page reads a few rows by an index: a parallel plan's workers cost
          // more to start (about 5 ms) than the page takes.
          st.execute(
              "SET LOCAL statement_timeout = "
                  + SqliteRegexp.BUDGET_MILLIS
                  + "; SET LOCAL max_parallel_workers_per_gather = 0");
        }
        try {
          List<RunRow> rows = page(c, project, q);
          c.commit();
          return rows;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
      c.setAutoCommit(true);
      if (!patterns.isEmpty()) {
        Connection raw = c.unwrap(Connection.class);
        if (regexpOn.add(raw)) {
          regexpOn.removeIf(JdbcStore::isClosed);
          SqliteRegexp.register(raw);
        }
      }
      return SqliteRegexp.withDeadline(SqliteRegexp.BUDGET_MILLIS, () -> page(c, project, q));
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains(SqliteRegexp.TOO_LONG) || "57014".equals(e.getSQLState())) {
        throw new IllegalArgumentException(
            "filter: " + tildes(patterns) + ": the regular expression takes too long", e);
      }
      if ("2201B".equals(e.getSQLState())) {
        throw new IllegalArgumentException(
            "filter: "
                + tildes(patterns)
                + ": PostgreSQL cannot use this regular expression: "
                + rootMessage(e),
            e);
      }
      throw new StoreException.Unavailable("list runs: " + rootMessage(e), e);
    }
  }

  /**
   * The most values a range filter's walk may sort; a range holding more values is checked run by
   * run, newest first, which finds a page after about {@code page * runs / RANGE_WALK} runs.
   */
  private static final int RANGE_WALK = 2_000;

  /** The SQLite connections {@link SqliteRegexp} is registered on. */
  private final java.util.Set<Connection> regexpOn = ConcurrentHashMap.newKeySet();

  /** The {@code ~} patterns of a filter, in order. */
  private static void patterns(RunFilter f, List<String> out) {
    if (f instanceof RunFilter.And and) {
      patterns(and.left(), out);
      patterns(and.right(), out);
    } else if (f instanceof RunFilter.Or or) {
      patterns(or.left(), out);
      patterns(or.right(), out);
    } else if (f instanceof RunFilter.Not not) {
      patterns(not.inner(), out);
    } else if (f instanceof RunFilter.Compare cmp
        && cmp.op() == RunFilter.Op.MATCHES
        && cmp.value() instanceof RunFilter.Literal.Str s) {
      out.add(s.value());
    }
  }

  /** The {@code ~} comparisons of a filter as an error names them: {@code ~ "a.*b"}. */
  private static String tildes(List<String> patterns) {
    return String.join(
        ", ", patterns.stream().map(p -> "~ " + LabServer.JSON.writeValueAsString(p)).toList());
  }

  /** Reads a page: the runs with a value in the sort column, then those without, then cells. */
  private List<RunRow> page(Connection c, ProjectRef project, RunQuery q) throws SQLException {
    Row<RunRow> row =
        rs ->
            new RunRow(
                new RunRecord(
                    project, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)),
                rs.getInt(5),
                rs.getLong(6),
                templateKey(rs, 7),
                Map.of());
    // A page newest first filtered by a range on a value walks the range when it holds few values
    // (then sorts them), else the runs newest first until the page is full.
    RunFilter.Compare range = RunRowsSql.rangeOnValue(q);
    if (range != null) {
      RunRowsSql.Sql probe = runRowsSql.probe(project, range, RANGE_WALK);
      if (list(c, rs -> rs.getInt(1), probe.text(), probe.args().toArray()).get(0) >= RANGE_WALK) {
        range = null;
      }
    }
    RunRowsSql.Sql valued = runRowsSql.valued(project, q, q.offset(), q.limit(), range);
    List<RunRow> rows = new ArrayList<>(list(c, row, valued.text(), valued.args().toArray()));
    if (rows.size() < q.limit()) {
      int missingOffset = 0;
      if (rows.isEmpty() && q.offset() > 0) {
        RunRowsSql.Sql count = runRowsSql.countValued(project, q);
        long before = list(c, rs -> rs.getLong(1), count.text(), count.args().toArray()).get(0);
        missingOffset = (int) Math.max(0, q.offset() - before);
      }
      RunRowsSql.Sql missing =
          runRowsSql.missing(project, q, missingOffset, q.limit() - rows.size());
      if (missing != null) {
        rows.addAll(list(c, row, missing.text(), missing.args().toArray()));
      }
    }
    List<RunColumn> columns =
        q.columns().stream().filter(col -> col.source() != RunColumn.Source.RUN).toList();
    if (rows.isEmpty() || columns.isEmpty()) {
      return rows;
    }
    List<String> slugs = rows.stream().map(r -> r.run().slug()).toList();
    Map<String, Map<RunColumn, Cell>> cells = new java.util.HashMap<>();
    for (RunColumn column : new java.util.LinkedHashSet<>(columns)) {
      RunRowsSql.Sql sql = runRowsSql.cells(project, column, slugs);
      for (Object[] cell :
          list(
              c,
              rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)},
              sql.text(),
              sql.args().toArray())) {
        cells
            .computeIfAbsent((String) cell[0], k -> new java.util.LinkedHashMap<>())
            .put(column, new Cell(RunValues.KINDS.get((Integer) cell[1]), (String) cell[2]));
      }
    }
    List<RunRow> out = new ArrayList<>(rows.size());
    for (RunRow r : rows) {
      Map<RunColumn, Cell> mine = cells.get(r.run().slug());
      out.add(
          new RunRow(
              r.run(),
              r.versions(),
              r.lastPush(),
              r.template(),
              mine == null ? Map.of() : java.util.Collections.unmodifiableMap(mine)));
    }
    return out;
  }

  @Override
  public int addConfig(
      ProjectRef project, String slug, String json, String idempotencyKey, TemplateKey template) {
    // One transaction: the run's summary is advanced first, which locks its row (concurrent pushes
    // to one run queue there instead of racing for the next number) and numbers the version
    // (versions are gapless: runs.versions is the latest one's number); then the version and the
    // changed rows of the index of the run's latest config are written. A replay stores nothing.
    if (postgres) {
      return addConfigInOneTrip(project, slug, json, idempotencyKey, template);
    }
    return tx(
        "push config to " + slug,
        true,
        c -> {
          long at = now();
          int version;
          long createdAt;
          int pId;
          try (Kept st =
                  keptStatement(
                      c,
                      "UPDATE runs SET versions = versions + 1, last_push = ?, template_owner = ?,"
                          + " template_project = ?, template_name = ?, template_version = ?"
                          + " WHERE owner = ? AND project = ? AND slug = ?"
                          + " RETURNING versions, created_at, p_id",
                      at,
                      template == null ? null : template.project().owner(),
                      template == null ? null : template.project().name(),
                      template == null ? null : template.name(),
                      template == null ? null : template.version(),
                      project.owner(),
                      project.name(),
                      slug);
              ResultSet rs = st.ps().executeQuery()) {
            if (!rs.next()) {
              throw new StoreException.NotFound(
                  "no run '" + slug + "' in project '" + project + "'");
            }
            version = rs.getInt(1);
            createdAt = rs.getLong(2);
            pId = rs.getInt(3);
          }
          if (insertConfig(c, project, slug, version, json, idempotencyKey, template, at)) {
            RunValues.writeConfig(
                sql -> keptStatement(c, sql),
                postgres,
                project.owner(),
                project.name(),
                slug,
                createdAt,
                pId,
                json);
            return version;
          }
          // A repeated idempotency key inserted nothing: undo the summary's step, then answer
          // with the first push's version, when it carried the same body.
          c.rollback();
          return replay(c, project, slug, json, idempotencyKey, template)
              .orElseThrow(
                  () -> new SQLException("config insert neither stored nor found a version"));
        });
  }

  /**
   * A push to PostgreSQL in one round trip: two statements sent together, autocommitted, which
   * PostgreSQL runs as one implicit transaction (a failure of either stores nothing). The first
   * advances the run's summary unless the idempotency key exists, which locks the run's row; the
   * second, whose snapshot is taken once the lock is held (so it sees every earlier push), inserts
   * the version numbered by the summary when it is above the latest config's (that is, when the
   * first statement advanced it; the uncorrelated MAX walks the primary key back one entry whatever
   * the statistics, where a NOT EXISTS was planned as a scan of every version of the run) and
   * writes the changed rows of the index. Nothing inserted: a replay, or no run.
   */
  private static final String PUSH_POSTGRES =
      "UPDATE runs SET versions = versions + 1, last_push = ?, template_owner = ?,"
          + " template_project = ?, template_name = ?, template_version = ?"
          + " WHERE owner = ? AND project = ? AND slug = ? AND NOT EXISTS (SELECT 1 FROM configs k"
          + " WHERE k.owner = ? AND k.project = ? AND k.slug = ? AND k.idempotency_key = ?);"
          + " WITH r AS (SELECT versions, created_at, p_id FROM runs WHERE owner = ? AND project = ?"
          + " AND slug = ? AND versions > (SELECT COALESCE(MAX(version), 0) FROM configs WHERE"
          + " owner = ? AND project = ? AND slug = ?)),"
          + " i AS (INSERT INTO configs (owner, project, slug, version, body, idempotency_key,"
          + " created_at, body_sha256, template_owner, template_project, template_name,"
          + " template_version) SELECT ?, ?, ?, r.versions, ?, ?, ?, ?, ?, ?, ?, ? FROM r"
          + " RETURNING version), "
          + RunValues.POSTGRES_CONFIG_CTES
          + " SELECT version FROM i";

  private int addConfigInOneTrip(
      ProjectRef project, String slug, String json, String idempotencyKey, TemplateKey template) {
    String what = "push config to " + slug;
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(true);
        long at = now();
        Object[] args = {
          at,
          template == null ? null : template.project().owner(),
          template == null ? null : template.project().name(),
          template == null ? null : template.name(),
          template == null ? null : template.version(),
          project.owner(),
          project.name(),
          slug,
          project.owner(),
          project.name(),
          slug,
          idempotencyKey,
          project.owner(),
          project.name(),
          slug,
          project.owner(),
          project.name(),
          slug,
          project.owner(),
          project.name(),
          slug,
          json,
          idempotencyKey,
          at,
          idempotencyKey == null ? null : keyedHash(json, template),
          template == null ? null : template.project().owner(),
          template == null ? null : template.project().name(),
          template == null ? null : template.name(),
          template == null ? null : template.version()
        };
        Integer version = null;
        try (PreparedStatement ps = prepare(c, PUSH_POSTGRES, args)) {
          RunValues.bindPostgresConfig(
              c, ps, args.length + 1, project.owner(), project.name(), slug, json);
          boolean isResult = ps.execute();
          while (!isResult && ps.getUpdateCount() != -1) {
            isResult = ps.getMoreResults();
          }
          if (isResult) {
            try (ResultSet rs = ps.getResultSet()) {
              if (rs.next()) {
                version = rs.getInt(1);
              }
            }
          }
        }
        if (version != null) {
          return version;
        }
        return replay(c, project, slug, json, idempotencyKey, template)
            .orElseThrow(
                () ->
                    new StoreException.NotFound(
                        "no run '" + slug + "' in project '" + project + "'"));
      } catch (SQLException e) {
        if (attempt < RETRIES && isUniqueViolation(e)) {
          continue;
        }
        throw new StoreException.Unavailable(what + ": " + rootMessage(e), e);
      }
    }
  }

  /**
   * The version a repeated idempotency key created, when the push carries the same body and
   * template as the first; empty when no version holds the key.
   *
   * @throws StoreException.KeyReused when the key was used for another body or template
   */
  private static Optional<Integer> replay(
      Connection c, ProjectRef project, String slug, String json, String key, TemplateKey template)
      throws SQLException {
    if (key == null) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT version, body_sha256, CASE WHEN body_sha256 IS NULL THEN body END"
                    + " FROM configs WHERE owner = ? AND project = ? AND slug = ?"
                    + " AND idempotency_key = ?",
                project.owner(),
                project.name(),
                slug,
                key);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      int first = rs.getInt(1);
      String stored = rs.getString(2);
      // Versions stored before bodies were hashed compare their bodies (and had no template).
      boolean same =
          stored != null
              ? stored.equals(keyedHash(json, template))
              : template == null && json.equals(rs.getString(3));
      if (!same) {
        throw new StoreException.KeyReused(
            "Idempotency-Key '"
                + key
                + "' was used for another config (version "
                + first
                + " of run '"
                + slug
                + "'): send a new key for a new config");
      }
      return Optional.of(first);
    }
  }

  /**
   * What a repeated idempotency key is compared by: the SHA-256 of the body, and of the template
   * version it was validated against when there is one, so that a replay naming another template is
   * refused like another body (the lab answers a replay with the template it recorded). A body is
   * JSON text, which never holds a NUL outside a string, so the two parts cannot run together.
   */
  static String keyedHash(String json, TemplateKey template) {
    return template == null ? hash(json) : hash(json + "\u0000" + template);
  }

  /** Inserts a config version numbered by the caller; false when its idempotency key exists. */
  private boolean insertConfig(
      Connection c,
      ProjectRef project,
      String slug,
      int version,
      String json,
      String idempotencyKey,
      TemplateKey template,
      long at)
      throws SQLException {
    try (Kept st =
            keptStatement(
                c,
                "INSERT INTO configs (owner, project, slug, version, body, idempotency_key,"
                    + " created_at, body_sha256, template_owner, template_project, template_name,"
                    + " template_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (owner, project, slug, idempotency_key) DO NOTHING"
                    + " RETURNING version",
                project.owner(),
                project.name(),
                slug,
                version,
                json,
                idempotencyKey,
                at,
                idempotencyKey == null ? null : keyedHash(json, template),
                template == null ? null : template.project().owner(),
                template == null ? null : template.project().name(),
                template == null ? null : template.name(),
                template == null ? null : template.version());
        ResultSet rs = st.ps().executeQuery()) {
      return rs.next();
    }
  }

  private static ConfigVersion configRow(ResultSet rs) throws SQLException {
    return new ConfigVersion(rs.getInt(1), rs.getString(2), rs.getLong(3), templateKey(rs, 4));
  }

  /** The columns a config version's template is read from, in this order. */
  private static final String TEMPLATE_COLUMNS =
      "template_owner, template_project, template_name, template_version";

  /**
   * The template key in the four columns from {@code first} on ({@link #TEMPLATE_COLUMNS}); null
   * when the config was pushed without one.
   */
  private static TemplateKey templateKey(ResultSet rs, int first) throws SQLException {
    String name = rs.getString(first + 2);
    if (name == null) {
      return null;
    }
    return new TemplateKey(
        new ProjectRef(rs.getString(first), rs.getString(first + 1)), name, rs.getInt(first + 3));
  }

  @Override
  public List<VersionInfo> versions(ProjectRef project, String slug, int afterVersion, int limit) {
    return read(
        "read config history",
        c ->
            list(
                c,
                rs ->
                    new VersionInfo(rs.getInt(1), rs.getLong(2), rs.getLong(3), templateKey(rs, 4)),
                "SELECT version, created_at, OCTET_LENGTH(body), "
                    + TEMPLATE_COLUMNS
                    + " FROM configs WHERE owner = ? AND project = ? AND slug = ? AND version > ?"
                    + " ORDER BY version LIMIT ?",
                project.owner(),
                project.name(),
                slug,
                afterVersion,
                limit));
  }

  @Override
  public Optional<ConfigVersion> config(ProjectRef project, String slug, int version) {
    return read(
        "read config version",
        c -> {
          try (PreparedStatement ps =
                  plannedForItsValues(
                      prepare(
                          c,
                          "SELECT version, body, created_at, "
                              + TEMPLATE_COLUMNS
                              + " FROM configs WHERE owner = ? AND project = ? AND slug = ? AND"
                              + " version = ?",
                          project.owner(),
                          project.name(),
                          slug,
                          version));
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(configRow(rs)) : Optional.empty();
          }
        });
  }

  @Override
  public void putMeta(ProjectRef project, String slug, Map<String, String> entries) {
    entries.keySet().forEach(LabNames::checkMetaKey);
    tx(
        "push meta to " + slug,
        true,
        c -> {
          requireRun(c, project, slug);
          long at = now();
          for (Map.Entry<String, String> e : entries.entrySet()) {
            update(
                c,
                "INSERT INTO meta (owner, project, slug, meta_key, value, updated_at) VALUES (?, ?,"
                    + " ?, ?, ?, ?) ON CONFLICT (owner, project, slug, meta_key) DO UPDATE SET"
                    + " value = excluded.value, updated_at = excluded.updated_at",
                project.owner(),
                project.name(),
                slug,
                e.getKey(),
                e.getValue(),
                at);
          }
          RunValues.replaceMeta(c, project.owner(), project.name(), slug, entries);
          return null;
        });
  }

  @Override
  public Optional<Snapshot> snapshot(ProjectRef project, String slug, Integer version) {
    // One round trip: the run, the wanted config version and every metadata entry come back as
    // tagged rows of one UNION ALL. (A join of runs and configs ordered by version made
    // PostgreSQL sort every version of a long-lived run: 40x slower on 10,000 versions.)
    // Columns 6 to 9 hold the config version's template (TEMPLATE_COLUMNS), NULL on other rows.
    String sql =
        "SELECT 0, name, p_id, created_at, NULL, NULL, NULL, NULL, NULL FROM runs WHERE owner = ?"
            + " AND project = ? AND slug = ?"
            + " UNION ALL SELECT 1, body, version, created_at, NULL, "
            + TEMPLATE_COLUMNS
            + " FROM (SELECT body, version, created_at, "
            + TEMPLATE_COLUMNS
            + " FROM configs WHERE owner = ? AND project = ? AND slug = ?"
            + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?")
            + ") latest"
            + " UNION ALL SELECT 2, meta_key, 0, 0, value, NULL, NULL, NULL, NULL FROM meta WHERE"
            + " owner = ? AND project = ? AND slug = ?";
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      args.add(project.owner());
      args.add(project.name());
      args.add(slug);
      if (i == 1 && version != null) {
        args.add(version);
      }
    }
    return read(
        "read run",
        c -> {
          RunRecord run = null;
          ConfigVersion config = null;
          Map<String, String> meta = new java.util.TreeMap<>();
          try (Kept st = keptStatement(c, sql, args.toArray());
              ResultSet rs =
                  (version == null ? st.ps() : plannedForItsValues(st.ps())).executeQuery()) {
            while (rs.next()) {
              switch (rs.getInt(1)) {
                case 0 ->
                    run =
                        new RunRecord(project, slug, rs.getString(2), rs.getInt(3), rs.getLong(4));
                case 1 ->
                    config =
                        new ConfigVersion(
                            rs.getInt(3), rs.getString(2), rs.getLong(4), templateKey(rs, 6));
                default -> meta.put(rs.getString(2), rs.getString(5));
              }
            }
          }
          return run == null
              ? Optional.<Snapshot>empty()
              : Optional.of(new Snapshot(run, Optional.ofNullable(config), meta));
        });
  }

  // -------------------------------------------------------------------------------- templates

  @Override
  public Optional<String> templateMode(ProjectRef project, String name) {
    return read(
        "read template mode",
        c ->
            list(
                    c,
                    rs -> rs.getString(1),
                    "SELECT mode FROM templates WHERE owner = ? AND project = ? AND name = ?",
                    project.owner(),
                    project.name(),
                    name)
                .stream()
                .findFirst());
  }

  @Override
  public void setTemplateMode(ProjectRef project, String name, String mode) {
    if (mode == null) {
      throw new IllegalArgumentException("no compatibility mode given for template " + name);
    }
    String id = Compatibility.Mode.parse(mode).id(); // stored as its canonical id
    tx(
        "set mode of template " + name,
        false,
        c -> {
          if (update(
                  c,
                  "UPDATE templates SET mode = ? WHERE owner = ? AND project = ? AND name = ?",
                  id,
                  project.owner(),
                  project.name(),
                  name)
              == 0) {
            throw new StoreException.NotFound(noTemplate(project, name));
          }
          return null;
        });
  }

  private static String noTemplate(ProjectRef project, String name) {
    return "no template '" + name + "' in project '" + project + "'";
  }

  /**
   * Orders by a name column byte by byte on both databases: SQLite compares text that way, while
   * PostgreSQL would use the database's collation (in most locales {@code a-c} sorts after {@code
   * ab}), so that a listing's pages would differ between the stores.
   */
  private String byName(String column) {
    return postgres ? column + " COLLATE \"C\"" : column;
  }

  @Override
  public List<TemplateInfo> templates(ProjectRef project, int offset, int limit) {
    return read(
        "list templates",
        c ->
            list(
                c,
                rs ->
                    new TemplateInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)),
                "SELECT name, latest, mode, updated_at FROM templates WHERE owner = ? AND project"
                    + " = ? ORDER BY "
                    + byName("name")
                    + " LIMIT ? OFFSET ?",
                project.owner(),
                project.name(),
                limit,
                offset));
  }

  @Override
  public List<TemplateVersionInfo> templateVersions(
      ProjectRef project, String name, int offset, int limit) {
    return read(
        "list template versions",
        c ->
            list(
                c,
                rs ->
                    new TemplateVersionInfo(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5)),
                "SELECT version, sha256, published_by, published_at, OCTET_LENGTH(body) FROM"
                    + " template_versions WHERE owner = ? AND project = ? AND name = ? ORDER BY"
                    + " version LIMIT ? OFFSET ?",
                project.owner(),
                project.name(),
                name,
                limit,
                offset));
  }

  /** The columns {@link #templateVersionRow} reads, in its order. */
  private static final String TEMPLATE_VERSION_COLUMNS =
      "version, body, sha256, published_by, published_at";

  private static Row<TemplateVersion> templateVersionRow(ProjectRef project, String name) {
    return rs ->
        new TemplateVersion(
            new TemplateKey(project, name, rs.getInt(1)),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getLong(5));
  }

  @Override
  public Optional<TemplateVersion> templateVersion(
      ProjectRef project, String name, Integer version) {
    return read(
        "read template version",
        c ->
            list(
                    c,
                    templateVersionRow(project, name),
                    "SELECT "
                        + TEMPLATE_VERSION_COLUMNS
                        + " FROM template_versions WHERE owner = ? AND project = ? AND name = ?"
                        + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?"),
                    version == null
                        ? new Object[] {project.owner(), project.name(), name}
                        : new Object[] {project.owner(), project.name(), name, version})
                .stream()
                .findFirst());
  }

  @Override
  public Optional<TemplateVersion> sameContentVersion(
      ProjectRef project, String name, String text) {
    String content = contentHash(text);
    return read(
        "read template version by content", c -> versionWithContent(c, project, name, content));
  }

  private static Optional<TemplateVersion> versionWithContent(
      Connection c, ProjectRef project, String name, String contentSha256) throws SQLException {
    return list(
            c,
            templateVersionRow(project, name),
            "SELECT "
                + TEMPLATE_VERSION_COLUMNS
                + " FROM template_versions WHERE owner = ? AND project = ? AND name = ? AND"
                + " content_sha256 = ?",
            project.owner(),
            project.name(),
            name,
            contentSha256)
        .stream()
        .findFirst();
  }

  @Override
  public Published publishTemplate(
      ProjectRef project,
      String name,
      String body,
      String sha256,
      String publishedBy,
      int expectedLatest) {
    LabNames.checkName("template name", name);
    // Clients check a fetched text against its hash (and refetch on a mismatch): a version whose
    // hash is not its text's would never be usable, so it is never stored.
    String actual = hash(body);
    if (!actual.equals(sha256)) {
      throw new IllegalArgumentException(
          "template "
              + name
              + ": sha256 "
              + sha256
              + " is not the SHA-256 of its text's UTF-8 bytes ("
              + actual
              + ")");
    }
    String content = contentHash(body);
    return tx(
        "publish template " + name,
        true,
        c -> {
          requireProject(c, project);
          if (!exists(c, "SELECT 1 FROM users WHERE name = ?", publishedBy)) {
            throw new StoreException.NotFound("no user '" + publishedBy + "'");
          }
          // Versions are immutable: a known content is answered without taking the lock below.
          Optional<TemplateVersion> known = versionWithContent(c, project, name, content);
          if (known.isPresent()) {
            return new Published(known.get(), false);
          }
          long at = now();
          // The template's row decides every race: created here when missing (a concurrent
          // creator waits for this transaction on PostgreSQL, then inserts nothing), then locked
          // until commit, so that publishes of one template run one after the other and number
          // their versions without gaps.
          update(
              c,
              "INSERT INTO templates (owner, project, name, mode, latest, created_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (owner, project, name) DO NOTHING",
              project.owner(),
              project.name(),
              name,
              DEFAULT_MODE,
              at,
              at);
          int latest =
              list(
                      c,
                      rs -> rs.getInt(1),
                      "UPDATE templates SET latest = latest WHERE owner = ? AND project = ? AND"
                          + " name = ? RETURNING latest",
                      project.owner(),
                      project.name(),
                      name)
                  .get(0);
          // the same content may have landed while this transaction waited for the lock
          known = versionWithContent(c, project, name, content);
          if (known.isPresent()) {
            return new Published(known.get(), false);
          }
          if (latest != expectedLatest) {
            throw new StoreException.Raced(
                "template '"
                    + name
                    + "' of project '"
                    + project
                    + "' is at version "
                    + latest
                    + ", not "
                    + expectedLatest
                    + ": another publish came first",
                latest);
          }
          int next = latest + 1;
          update(
              c,
              "INSERT INTO template_versions (owner, project, name, version, body, sha256,"
                  + " content_sha256, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              project.owner(),
              project.name(),
              name,
              next,
              body,
              sha256,
              content,
              publishedBy,
              at);
          update(
              c,
              "UPDATE templates SET latest = ?, updated_at = ? WHERE owner = ? AND project = ? AND"
                  + " name = ?",
              next,
              at,
              project.owner(),
              project.name(),
              name);
          return new Published(
              new TemplateVersion(
                  new TemplateKey(project, name, next), body, sha256, publishedBy, at),
              true);
        });
  }

  @Override
  public void close() {
    pool.close();
  }
}
