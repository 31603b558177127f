package io.hectiqlab.lab;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.internal.LabNames;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run of a lab project, opened with {@link Lab#run(String, String)}: push its config and
 * metadata. Thread-safe.
 */
public final class Run {
  private final Lab lab;
  private final String project;
  private final String slug;
  private final String name;
  private final boolean isNew;

  Run(Lab lab, String project, String slug, String name, boolean isNew) {
    this.lab = lab;
    this.project = project;
    this.slug = slug;
    this.name = name;
    this.isNew = isNew;
  }

  /**
   * Opens a run with the lab of the environment (see {@link Lab#fromEnvironment()}), creating it
   * when absent.
   *
   * @param name the run name ("Demo Run #1" is the run "demo-run-1")
   * @param project {@code owner/name}
   * @return the run
   */
  public static Run open(String name, String project) {
    return Lab.fromEnvironment().run(name, project);
  }

  /** The run's slug, which identifies it in its project. */
  public String slug() {
    return slug;
  }

  /** The run's name. */
  public String name() {
    return name;
  }

  /** The project, {@code owner/name}. */
  public String project() {
    return project;
  }

  /** Whether opening this run created it. */
  public boolean isNew() {
    return isNew;
  }

  /**
   * Pushes a config as the run's newest version (earlier versions stay readable). The config is
   * encoded first, so a value JSON cannot hold fails before any request, naming its path; the push
   * carries an idempotency key, so a retried request is applied once.
   *
   * @param config the config
   * @return the version number the lab gave it
   * @throws ConfigException.BadValue when the config holds a value JSON cannot encode
   * @throws LabException when the lab refuses or cannot be reached
   */
  public int addConfig(Config config) {
    Objects.requireNonNull(config, "config");
    // Encoding first checks every value, naming the path of one JSON cannot hold.
    String json = "{\"meta\": {\"__config__\": " + config.toJson() + "}}";
    return version(lab.post(path("/meta"), json, UUID.randomUUID().toString()));
  }

  private int version(Config answer) {
    Integer version = answer.getInt("version");
    if (version == null) {
      throw new LabException.MalformedResponse(
          "POST " + path("/meta") + ": the answer has no version", 200, null);
    }
    return version;
  }

  /**
   * Pushes a config as the run's newest version, to be validated by the lab against a template
   * version, which the version records (see {@link DownloadedConfig#template()}); an invalid config
   * is refused and nothing is stored. Otherwise as {@link #addConfig(Config)}.
   *
   * @param config the config
   * @param template the template version, pinned; {@code @latest} is resolved first, so that the
   *     version recorded is the one validated against
   * @return the version number the lab gave the config
   * @throws LabException.InvalidConfig when the config does not validate (its violations in the
   *     message)
   * @throws LabException.NotFound when the template version does not exist or may not be read
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public int addConfig(Config config, TemplateRef template) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(template, "template");
    String encoded = config.toJson(); // before any request, as addConfig(Config)
    TemplateRef pinned = template.isPinned() ? template : lab.templates().fetch(template).ref();
    Config named =
        Config.of("project", pinned.project(), "name", pinned.name(), "version", pinned.version());
    String json =
        "{\"meta\": {\"__config__\": " + encoded + ", \"__template__\": " + named.toJson() + "}}";
    Config answer =
        lab.call(
            "POST",
            path("/meta"),
            json,
            UUID.randomUUID().toString(),
            lab.maxRetries(),
            Lab.Refusals.PUSH);
    int version = version(answer);
    TemplateRef recorded;
    try {
      recorded = Lab.template(answer.get("template"), project);
    } catch (IllegalArgumentException e) {
      recorded = null;
    }
    if (!pinned.equals(recorded)) {
      throw new LabException.MalformedResponse(
          "POST "
              + path("/meta")
              + ": the lab stored version "
              + version
              + " without confirming it was validated against "
              + pinned
              + " (a lab without templates?)",
          200,
          null);
    }
    return version;
  }

  /**
   * Sets a metadata entry of the run; an existing key is overwritten.
   *
   * @param key the key (1 to 256 characters, no control characters), taken literally (a dot is part
   *     of the key)
   * @param value any JSON-encodable value (maps and Configs become objects), or null
   * @throws IllegalArgumentException when the key breaks the rule (before any request)
   * @throws ConfigException.BadValue when the value cannot be encoded as JSON
   * @throws LabException when the lab refuses or cannot be reached
   */
  public void addMeta(String key, @Nullable Object value) {
    LabNames.checkMetaKey(Objects.requireNonNull(key, "key"));
    String json = "{\"meta\": {\"__meta__\": " + Config.of(key, value).toJson() + "}}";
    lab.post(path("/meta"), json, null);
  }

  /**
   * Sets several metadata entries of the run in one request; existing keys are overwritten.
   *
   * @param entries keys (1 to 256 characters, no control characters) and JSON-encodable values
   * @throws IllegalArgumentException when a key breaks the rule (before any request)
   * @throws ConfigException.BadValue when a value cannot be encoded as JSON
   * @throws LabException when the lab refuses or cannot be reached
   */
  public void addMeta(Map<String, ? extends @Nullable Object> entries) {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      return;
    }
    entries.keySet().forEach(LabNames::checkMetaKey);
    String json = "{\"meta\": {\"__meta__\": " + Config.fromMap(entries).toJson() + "}}";
    lab.post(path("/meta"), json, null);
  }

  /**
   * Downloads this run's latest config and its metadata.
   *
   * @return the config and metadata
   */
  public DownloadedConfig download() {
    return lab.download(slug, project);
  }

  /**
   * Every version of this run's config, oldest first, fetched page by page; see {@link
   * Lab#history(String, String)}.
   *
   * @return the versions, lazily fetched
   */
  public java.util.stream.Stream<ConfigVersion> history() {
    return lab.history(slug, project);
  }

  private String path(String suffix) {
    return "/" + project + "/runs/" + Lab.segment(slug) + suffix;
  }

  @Override
  public String toString() {
    return "Run[" + project + "/" + slug + "]";
  }
}
