package io.hectiqlab.lab;

import io.hectiqlab.Compatibility;
import io.hectiqlab.ConfigSchema;
import java.util.List;

/**
 * The template registry of a lab: publish template versions, list them, set each template's
 * compatibility mode, and fetch versions as {@link ConfigSchema}s. Obtained from {@link
 * Lab#templates()}. Immutable and thread-safe.
 *
 * <p>Fetched versions are kept on disk by content hash (see {@link Lab.Builder#templateCache}), so
 * a pinned version validates offline after its first fetch; a cached file whose content does not
 * match its hash is fetched again, never used.
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

  /**
   * Publishes a schema as the next version of a template (the first one creates the template, mode
   * backward). Publishing the content of an existing version returns that version.
   *
   * @param project {@code owner/name}
   * @param name the template's name
   * @param schema the JSON Schema text
   * @return the version, and whether this call created it
   * @throws LabException.InvalidSchema when the schema is not valid against its meta-schema or a
   *     ref names what may not be used (status 422; its violations listed)
   * @throws LabException.Incompatible when the version breaks the template's mode (status 409; the
   *     report)
   * @throws LabException when the lab refuses otherwise or cannot be reached
   */
  public Published publish(String project, String name, String schema) {
    throw new UnsupportedOperationException("issue 15: client");
  }

  /** What {@link #publish} returns: the version, and whether this publish created it. */
  public record Published(TemplateVersion version, boolean created) {}

  /** Every template of a project, by name (fetched page by page). */
  public List<TemplateSummary> list(String project) {
    throw new UnsupportedOperationException("issue 15: client");
  }

  /** Every version of a template, oldest first (fetched page by page). */
  public List<TemplateVersion> versions(String project, String name) {
    throw new UnsupportedOperationException("issue 15: client");
  }

  /**
   * Sets the compatibility mode new versions of a template must follow (any project member may).
   *
   * @throws LabException.NotFound when the template does not exist
   */
  public void setMode(String project, String name, Compatibility.Mode mode) {
    throw new UnsupportedOperationException("issue 15: client");
  }

  /**
   * The text of a version, from the cache when a pinned version's file is there and matches its
   * hash, else from the lab (then cached). {@code @latest} always asks the lab which version that
   * is.
   *
   * @throws LabException.NotFound when there is no such template or version
   * @throws LabException.Unreachable when the lab cannot be reached and the cache cannot answer
   */
  public FetchedTemplate fetch(TemplateRef ref) {
    throw new UnsupportedOperationException("issue 15: client");
  }

  /**
   * A version compiled as a {@link ConfigSchema}, its {@code lab:} refs fetched the same way.
   *
   * @throws LabException as {@link #fetch} does
   * @throws io.hectiqlab.ConfigException.BadSchema when a fetched text is not a valid schema
   */
  public ConfigSchema schema(TemplateRef ref) {
    throw new UnsupportedOperationException("issue 15: client");
  }
}
