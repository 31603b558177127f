package io.hectiqlab.lab;

import io.hectiqlab.Compatibility;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The template registry of a lab: publish template versions, list them, set each template's
 * compatibility mode, and fetch versions as {@link ConfigSchema}s. Obtained from {@link
 * Lab#templates()}. Immutable and thread-safe.
 *
 * <p>Fetched versions are kept on disk by content hash (see {@link Lab.Builder#templateCache}), so
 * a pinned version validates offline after its first fetch; a cached file whose content does not
 * match its hash is fetched again, never used. Which text is version N of a template is kept per
 * lab (by its base URL), so clients of two labs may share one folder.
 *
 * <pre>{@code
 * LabTemplates templates = lab.templates();
 * templates.publish("ml/vision", "training", Files.readString(file));
 * ConfigSchema schema = templates.schema(TemplateRef.parse("lab:ml/vision/training@3"));
 * run.addConfig(config, TemplateRef.parse("lab:ml/vision/training@3"));
 * }</pre>
 */
public final class LabTemplates {
  private final Lab lab;

  LabTemplates(Lab lab) {
    this.lab = lab;
  }

  /** Versions and templates asked for per request. */
  private static final int PAGE = 50;

  /**
   * Publishes a schema as the next version of a template (the first one creates the template, mode
   * backward). Publishing the content of an existing version returns that version. A lost answer is
   * retried: the content hash makes that safe, and a retry that finds its own version answers
   * {@code created} false.
   *
   * @param project {@code owner/name}
   * @param name the template's name
   * @param schema the JSON Schema text
   * @return the version, and whether this call created it
   * @throws IllegalArgumentException when the project or name breaks the naming rule (before any
   *     request)
   * @throws LabException.InvalidSchema when the schema is not valid against its meta-schema or a
   *     ref names what may not be used (status 422; its violations listed)
   * @throws LabException.Incompatible when the version breaks the template's mode (status 409; the
   *     report)
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public Published publish(String project, String name, String schema) {
    Objects.requireNonNull(schema, "schema");
    String path = path(project, name);
    Config answer = lab.call("POST", path, schema, null, lab.maxRetries(), Lab.Refusals.TEMPLATES);
    Boolean created = answer.getBoolean("created");
    if (created == null) {
      throw malformed("POST " + path, "created");
    }
    return new Published(version(answer, project, name, "POST " + path), created);
  }

  /**
   * What {@link #publish} returns.
   *
   * @param version the version
   * @param created true when this publish created it, false when it was already published
   */
  public record Published(TemplateVersion version, boolean created) {
    /** Checks the components. */
    public Published {
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * Every template of a project, by name (fetched page by page).
   *
   * @param project {@code owner/name}
   * @return the templates, each with its latest version and mode
   * @throws LabException.NotFound when the project does not exist or this key may not use it
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public List<TemplateSummary> list(String project) {
    Lab.checkProject(project);
    List<TemplateSummary> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      String what = "GET /" + project + "/templates?page=" + page + "&size=" + PAGE;
      List<?> items = page(what, "templates");
      for (Object item : items) {
        if (!(item instanceof Config c)
            || c.getString("name") == null
            || c.getInt("latest") == null
            || c.getString("mode") == null
            || c.getLong("updated_at") == null) {
          throw malformed(what, "name, latest, mode or updated_at in a template");
        }
        TemplateRef latest;
        Compatibility.Mode mode;
        try {
          latest = TemplateRef.of(project, c.getString("name"), c.getInt("latest"));
          mode = Compatibility.Mode.parse(c.getString("mode"));
        } catch (IllegalArgumentException e) {
          throw new LabException.MalformedResponse(what + ": " + e.getMessage(), 200, e);
        }
        out.add(new TemplateSummary(latest, mode, Instant.ofEpochMilli(c.getLong("updated_at"))));
      }
      if (items.size() < PAGE) {
        return out;
      }
    }
  }

  /**
   * Every version of a template, oldest first (fetched page by page).
   *
   * @param project {@code owner/name}
   * @param name the template's name
   * @return the versions
   * @throws LabException.NotFound when the template does not exist
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public List<TemplateVersion> versions(String project, String name) {
    String path = path(project, name);
    List<TemplateVersion> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      String what = "GET " + path + "?page=" + page + "&size=" + PAGE;
      List<?> items = page(what, "versions");
      for (Object item : items) {
        if (!(item instanceof Config c)) {
          throw malformed(what, "an object for each version");
        }
        out.add(version(c, project, name, what));
      }
      if (items.size() < PAGE) {
        return out;
      }
    }
  }

  /**
   * Sets the compatibility mode new versions of a template must follow (any project member may).
   *
   * @param project {@code owner/name}
   * @param name the template's name
   * @param mode the mode
   * @throws LabException.NotFound when the template does not exist
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public void setMode(String project, String name, Compatibility.Mode mode) {
    Objects.requireNonNull(mode, "mode");
    lab.call(
        "PUT",
        path(project, name) + "/mode",
        Config.of("mode", mode.id()).toJson(),
        null,
        lab.maxRetries(),
        Lab.Refusals.TEMPLATES);
  }

  /**
   * The text of a version, from the cache when a pinned version's file is there and matches its
   * hash, else from the lab (then cached). {@code @latest} always asks the lab which version that
   * is.
   *
   * @param ref the version, pinned or {@code @latest}
   * @return the text, with the pinned ref it is the version of
   * @throws LabException.NotFound when there is no such template or version
   * @throws LabException.Unreachable when the lab cannot be reached and the cache cannot answer
   *     (the message says whether the version was not cached, or its cached copy did not match its
   *     hash; for {@code @latest}, to pin a version)
   * @throws LabException when the lab refuses otherwise, or answers a text that does not match its
   *     hash ({@link LabException.MalformedResponse})
   */
  public FetchedTemplate fetch(TemplateRef ref) {
    Objects.requireNonNull(ref, "ref");
    TemplateCache cache = lab.templateCache();
    TemplateCache.Lookup cached = ref.isPinned() ? cache.lookup(ref) : null;
    if (cached != null && cached.text() != null) {
      return new FetchedTemplate(ref, cached.text(), cached.sha256());
    }
    String what =
        "GET "
            + path(ref.project(), ref.name())
            + "/versions/"
            + (ref.isPinned() ? ref.version() : "latest");
    Lab.Answer answer;
    try {
      answer =
          lab.exchange(
              "GET",
              what.substring(4),
              null,
              Map.of("Accept", "application/schema+json"),
              lab.maxRetries(),
              Lab.Refusals.TEMPLATES);
    } catch (LabException.Unreachable | LabException.Timeout e) {
      String why;
      if (!ref.isPinned()) {
        why =
            ref
                + ": the lab is needed to say which version is the latest; pin a version ("
                + TemplateRef.PREFIX
                + ref.project()
                + "/"
                + ref.name()
                + "@N) to use the template cache offline";
      } else if (cached.problem() != null) {
        why = ref + ": " + cached.problem() + ", and the lab cannot be reached to fetch it again";
      } else {
        why = ref + " is not in the template cache (" + cache.folder() + ")";
      }
      String message = e.getMessage() + "; " + why;
      throw e instanceof LabException.Timeout
          ? new LabException.Timeout(message, e)
          : new LabException.Unreachable(message, e);
    }
    if (answer.code() != 200) {
      throw new LabException.MalformedResponse(
          what + ": the lab answered " + answer.code() + " without the text", answer.code(), null);
    }
    TemplateRef pinned = pinned(ref, answer, what);
    String sha256 = Sha256.hex(answer.body());
    String etag = answer.headers().get("ETag");
    if (etag != null && !etag.equals("\"" + sha256 + "\"")) {
      throw new LabException.MalformedResponse(
          what + ": the text does not match its ETag " + etag + " (its SHA-256 is " + sha256 + ")",
          200,
          null);
    }
    cache.store(pinned, answer.body(), sha256);
    return new FetchedTemplate(pinned, answer.text(), sha256);
  }

  /**
   * A version compiled as a {@link ConfigSchema}, its {@code lab:} refs fetched the same way (and
   * cached).
   *
   * @param ref the version, pinned or {@code @latest}
   * @return the compiled schema
   * @throws LabException as {@link #fetch} does, for the version or a version it refers to
   * @throws io.hectiqlab.ConfigException.BadSchema when a fetched text is not a valid schema
   */
  public ConfigSchema schema(TemplateRef ref) {
    FetchedTemplate root = fetch(ref);
    AtomicReference<LabException> failed = new AtomicReference<>();
    Function<TemplateRef, @Nullable String> published =
        r -> {
          try {
            return fetch(r).text();
          } catch (LabException.NotFound e) {
            return null;
          } catch (LabException e) {
            failed.compareAndSet(null, e);
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        };
    try {
      return ConfigSchema.fromLab(root.ref(), root.text(), published);
    } catch (ConfigException.BadSchema e) {
      LabException cause = failed.get();
      if (cause != null) {
        throw cause;
      }
      throw e;
    }
  }

  /** The version the answer of a fetch is, from {@code X-Template-Version}. */
  private static TemplateRef pinned(TemplateRef asked, Lab.Answer answer, String what) {
    String header = answer.headers().get("X-Template-Version");
    int version;
    try {
      version = Integer.parseInt(header == null ? "" : header.strip());
    } catch (NumberFormatException e) {
      throw malformed(what, "a valid X-Template-Version header");
    }
    if (version < 1 || (asked.isPinned() && version != asked.version())) {
      throw new LabException.MalformedResponse(
          what + ": the lab answered version " + header + " for " + asked, 200, null);
    }
    return asked.at(version);
  }

  /** The items of one page of a list. */
  private List<?> page(String what, String field) {
    Config answer = lab.call("GET", what.substring(4), null, null);
    if (!(answer.get(field) instanceof List<?> items)) {
      throw malformed(what, "a " + field + " list");
    }
    return items;
  }

  /** A version as the lab describes it (publish, and the items of the versions list). */
  private static TemplateVersion version(Config c, String project, String name, String what) {
    Integer version = c.getInt("version");
    String sha256 = c.getString("sha256");
    String by = c.getString("published_by");
    Long at = c.getLong("published_at");
    if (version == null || sha256 == null || by == null || at == null) {
      throw malformed(what, "version, sha256, published_by or published_at");
    }
    try {
      return new TemplateVersion(
          TemplateRef.of(project, name, version), sha256, by, Instant.ofEpochMilli(at));
    } catch (IllegalArgumentException e) {
      throw new LabException.MalformedResponse(what + ": " + e.getMessage(), 200, e);
    }
  }

  /** The path of a template, its project and name checked. */
  private static String path(String project, String name) {
    Lab.checkProject(Objects.requireNonNull(project, "project"));
    LabNames.checkName("template name", Objects.requireNonNull(name, "name"));
    return "/" + project + "/templates/" + name;
  }

  private static LabException malformed(String what, String lacking) {
    return new LabException.MalformedResponse(what + ": the answer lacks " + lacking, 200, null);
  }
}
