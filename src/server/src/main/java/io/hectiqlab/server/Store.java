package io.hectiqlab.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the lab keeps users, API keys, projects, runs, configs (every version) and metadata. One
 * implementation, {@link JdbcStore}, serves SQLite and PostgreSQL with the same SQL. Thread-safe.
 * Names reaching a store are already validated (see {@link io.hectiqlab.internal.LabNames}); JSON
 * arrives as text.
 */
interface Store extends AutoCloseable {

  /** A project: {@code owner/name}. */
  record ProjectRef(String owner, String name) {
    @Override
    public String toString() {
      return owner + "/" + name;
    }
  }

  /** The user an API key belongs to. */
  record Principal(String user, boolean admin) {}

  /** A run of a project; {@code pId} numbers the runs of a project from 1. */
  record RunRecord(ProjectRef project, String slug, String name, int pId, long createdAt) {}

  /** The result of opening a run by name: the run, and whether this call created it. */
  record OpenedRun(RunRecord run, boolean isNew) {}

  /**
   * One pushed config: versions count from 1 per run; {@code template} is the template version the
   * lab validated it against, or null (pushed without one, as pyhectiqlab 2.x clients do).
   */
  record ConfigVersion(int version, String body, long createdAt, TemplateKey template) {}

  /** A template version of a project: {@code owner/project/name@version}. */
  record TemplateKey(ProjectRef project, String name, int version) {
    @Override
    public String toString() {
      return "lab:" + project + "/" + name + "@" + version;
    }
  }

  /**
   * A published template version: its schema text exactly as published, the SHA-256 (hex) of that
   * text's UTF-8 bytes, who published it and when.
   */
  record TemplateVersion(
      TemplateKey key, String body, String sha256, String publishedBy, long publishedAt) {}

  /** A template version without its body, for lists. */
  record TemplateVersionInfo(
      int version, String sha256, String publishedBy, long publishedAt, long bytes) {}

  /** A template of a project: its name, newest version, compatibility mode id, last publish. */
  record TemplateInfo(String name, int latest, String mode, long updatedAt) {}

  /** The answer to a publish: the version, and whether this call created it. */
  record Published(TemplateVersion version, boolean created) {}

  /** Creates a user; fails with {@link StoreException.Conflict} when the name is taken. */
  void createUser(String name, boolean admin);

  /** Returns whether a user exists. */
  boolean userExists(String name);

  /**
   * Issues a new API key for a user and returns it; only its SHA-256 is stored.
   *
   * @throws StoreException.NotFound when the user does not exist
   */
  String createKey(String user);

  /**
   * Registers a key chosen elsewhere (such as {@code HECTIQLAB_ADMIN_API_KEY}) for a user; a key
   * that is registered already is left as it is.
   */
  void addKey(String user, String key);

  /** Returns whether any active key belongs to an administrator. */
  boolean hasAdminKey();

  /** Revokes a key, given the key itself; returns false when no such active key exists. */
  boolean revokeKey(String key);

  /** Returns the principal of an active key. */
  Optional<Principal> authenticate(String key);

  /** Creates a project without members; see {@link #createProject(ProjectRef, List)}. */
  default void createProject(ProjectRef project) {
    createProject(project, List.of());
  }

  /**
   * Creates a project with its first members, in one transaction: when it fails, nothing is
   * created.
   *
   * @throws StoreException.Conflict when the project exists
   * @throws StoreException.NotFound when a member is not a user
   */
  void createProject(ProjectRef project, List<String> members);

  /** Returns whether a project exists. */
  boolean projectExists(ProjectRef project);

  /** Adds a member (no-op when already one); the project and the user must exist. */
  void addMember(ProjectRef project, String user);

  /** Removes a member; returns false when the user was not one. */
  boolean removeMember(ProjectRef project, String user);

  /** Returns whether a user is a member of a project. */
  boolean isMember(ProjectRef project, String user);

  /** The projects a user is a member of, or all projects when {@code user} is null. */
  List<ProjectRef> projects(String user);

  /**
   * Creates the run with this slug, or attaches to it when it exists.
   *
   * @throws StoreException.NotFound when the project does not exist
   */
  OpenedRun openRun(ProjectRef project, String slug, String name);

  /** Returns a run. */
  Optional<RunRecord> run(ProjectRef project, String slug);

  /** A page of a project's runs, newest first. */
  List<RunRecord> runs(ProjectRef project, int offset, int limit);

  // ------------------------------------------------------------------------------- web pages

  /** How many values of one config version (or of one run's metadata) the runs table indexes. */
  int MAX_INDEXED_VALUES = 10_000;

  /**
   * A value of a run's latest config or metadata at a column's path.
   *
   * @param kind {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or
   *     {@code null}
   * @param json the value as JSON text (numbers exact as pushed); null for an object or an array
   */
  record Cell(String kind, String json) {}

  /**
   * A page of a project's runs as the runs table asks for it.
   *
   * @param filter the runs to keep (null: all)
   * @param sort the column to sort by ({@link RunColumn#CREATED} by default); ties and runs without
   *     a value there (last, whatever the direction) go newest first
   * @param descending whether the largest value comes first
   * @param columns the config and metadata columns whose {@link Cell}s each row carries
   * @param offset rows to skip
   * @param limit rows to return at most
   */
  record RunQuery(
      RunFilter filter,
      RunColumn sort,
      boolean descending,
      List<RunColumn> columns,
      int offset,
      int limit) {}

  /**
   * A row of the runs table: the run, its number of config versions, the time of its last push (0:
   * none), the template its latest version was validated against (or null), and its cells for the
   * query's columns (a column without a value at that path has no entry: missing, not null).
   */
  record RunRow(
      RunRecord run,
      int versions,
      long lastPush,
      TemplateKey template,
      Map<RunColumn, Cell> cells) {}

  /**
   * A page of a project's runs, filtered and sorted; time grows with the page (and the runs a
   * filter must look at), not with the project.
   *
   * @throws IllegalArgumentException when a {@code ~} filter's expression takes too long
   */
  List<RunRow> runRows(ProjectRef project, RunQuery query);

  /**
   * The columns some runs of a project offer, from the runs-table index: the paths of their latest
   * configs' scalar values (not under {@code __help__}), then their metadata keys, each sorted (by
   * stored path), at most {@code limit} of each (runs not in the project give none).
   */
  List<RunColumn> columns(ProjectRef project, List<String> slugs, int limit);

  /** A signed-in browser's session: whose it is, and until when (epoch milliseconds). */
  record Session(Principal principal, long expiresAt) {}

  /**
   * Opens a session for an active key, valid for {@code ttlMillis}, and returns its token (random;
   * only its SHA-256 is stored). Expired sessions are removed on the way.
   *
   * @throws StoreException.NotFound when the key is not active
   */
  String createSession(String key, long ttlMillis);

  /** The session of a token; empty when unknown, expired, or when its key has been revoked. */
  Optional<Session> session(String token);

  /** Ends a session; returns false when there was no such session. */
  boolean deleteSession(String token);

  /**
   * Appends a config version to a run and returns its number. A push repeated with the same
   * idempotency key and the same body returns the version the first one created and stores nothing.
   *
   * @throws StoreException.NotFound when the run does not exist
   * @throws StoreException.KeyReused when the key was used for another body on this run
   */
  default int addConfig(ProjectRef project, String slug, String json, String idempotencyKey) {
    return addConfig(project, slug, json, idempotencyKey, null);
  }

  /**
   * Appends a config version that was validated against {@code template} (null: none), recorded
   * with it; otherwise as {@link #addConfig(ProjectRef, String, String, String)}. A repeated
   * idempotency key returns the first version only when it comes with the same body and the same
   * template (or none, as the first); a replay naming another template is refused as another body.
   *
   * @throws StoreException.NotFound when the run does not exist
   * @throws StoreException.KeyReused when the key was used for another body or template on this run
   */
  int addConfig(
      ProjectRef project, String slug, String json, String idempotencyKey, TemplateKey template);

  /** A config version's number, time, size (UTF-8 bytes) and template (or null), without body. */
  record VersionInfo(int version, long createdAt, long bytes, TemplateKey template) {}

  /**
   * Up to {@code limit} versions of a run's config after {@code afterVersion}, oldest first,
   * without their bodies.
   */
  List<VersionInfo> versions(ProjectRef project, String slug, int afterVersion, int limit);

  /** One version of a run's config; empty when the run or the version does not exist. */
  Optional<ConfigVersion> config(ProjectRef project, String slug, int version);

  /**
   * Sets metadata entries of a run (JSON text values), overwriting existing keys, atomically.
   *
   * @throws StoreException.NotFound when the run does not exist
   */
  void putMeta(ProjectRef project, String slug, Map<String, String> entries);

  /** A run with one version of its config (empty when none) and its metadata, read at once. */
  record Snapshot(RunRecord run, Optional<ConfigVersion> config, Map<String, String> meta) {}

  /**
   * Reads a run, one version of its config (the latest when {@code version} is null) and its
   * metadata in one go; empty when the run does not exist.
   */
  Optional<Snapshot> snapshot(ProjectRef project, String slug, Integer version);

  // ------------------------------------------------------------------------------ templates

  /** The default compatibility mode of a new template: {@code backward}. */
  String DEFAULT_MODE = "backward";

  /** The mode id of a template ({@code backward}, ...); empty when the template does not exist. */
  Optional<String> templateMode(ProjectRef project, String name);

  /**
   * Sets a template's compatibility mode (an id {@code Compatibility.Mode.parse} reads).
   *
   * @throws StoreException.NotFound when the template does not exist
   */
  void setTemplateMode(ProjectRef project, String name, String mode);

  /** A page of a project's templates, by name. */
  List<TemplateInfo> templates(ProjectRef project, int offset, int limit);

  /** A page of a template's versions, oldest first, without bodies; empty when none. */
  List<TemplateVersionInfo> templateVersions(
      ProjectRef project, String name, int offset, int limit);

  /**
   * One version of a template ({@code version} null: the latest); empty when the template or the
   * version does not exist.
   */
  Optional<TemplateVersion> templateVersion(ProjectRef project, String name, Integer version);

  /**
   * The version of a template whose text is equal in content to {@code text} (the same JSON,
   * whitespace aside: see {@link JdbcStore#contentHash}); empty when none is.
   *
   * @throws IllegalArgumentException when {@code text} is not JSON
   */
  Optional<TemplateVersion> sameContentVersion(ProjectRef project, String name, String text);

  /**
   * Publishes {@code body} as the next version of a template (creating the template, mode {@link
   * #DEFAULT_MODE}, at its first version), in one transaction: when a version of this template is
   * already equal in content to {@code body} (see {@link #sameContentVersion}), that version is
   * returned as it was published ({@code created} false) and nothing is written; otherwise, when
   * the template's latest version is no longer {@code expectedLatest} (0: no version yet) — another
   * publish won the race after the caller checked compatibility against it — {@link
   * StoreException.Raced} is thrown and nothing is written, so that the caller checks again against
   * the new latest. Versions are gapless (1, 2, ...) across servers sharing one database.
   *
   * @throws StoreException.NotFound when the project or the publisher does not exist
   * @throws StoreException.Raced when the latest version moved
   * @throws IllegalArgumentException when the name breaks the name rule, {@code body} is not JSON
   *     or {@code sha256} is not the SHA-256 (lowercase hex) of {@code body}'s UTF-8 bytes
   */
  Published publishTemplate(
      ProjectRef project,
      String name,
      String body,
      String sha256,
      String publishedBy,
      int expectedLatest);

  @Override
  void close();
}
