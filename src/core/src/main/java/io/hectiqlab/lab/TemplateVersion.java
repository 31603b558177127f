package io.hectiqlab.lab;

import java.time.Instant;
import java.util.Objects;

/**
 * A published template version, as {@link LabTemplates#versions} and {@link LabTemplates#publish}
 * return it (without its text: see {@link LabTemplates#fetch}).
 *
 * @param ref the version, pinned
 * @param sha256 the SHA-256 (lowercase hex) of the text's UTF-8 bytes, which the lab also sends as
 *     the {@code ETag} of the text
 * @param publishedBy the user who published it
 * @param publishedAt when
 */
public record TemplateVersion(
    TemplateRef ref, String sha256, String publishedBy, Instant publishedAt) {
  /** Checks the components. */
  public TemplateVersion {
    Objects.requireNonNull(ref, "ref");
    if (!ref.isPinned()) {
      throw new IllegalArgumentException("a template version's ref is pinned: " + ref);
    }
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(publishedBy, "publishedBy");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
