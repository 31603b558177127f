package io.hectiqlab.lab;

import io.hectiqlab.Compatibility;
import java.time.Instant;
import java.util.Objects;

/**
 * A template of a lab project, as {@link LabTemplates#list} returns it.
 *
 * @param latest the newest version, pinned
 * @param mode the compatibility rule each new version must follow
 * @param updatedAt when the newest version was published
 */
public record TemplateSummary(TemplateRef latest, Compatibility.Mode mode, Instant updatedAt) {
  /** Checks the components. */
  public TemplateSummary {
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
