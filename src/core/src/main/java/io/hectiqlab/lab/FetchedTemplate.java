package io.hectiqlab.lab;

import java.util.Objects;

/**
 * A template version's text, as {@link LabTemplates#fetch} returns it, checked against its hash.
 *
 * @param ref the version, pinned (a fetch of {@code @latest} says which version that was)
 * @param text the schema exactly as published
 * @param sha256 the SHA-256 (lowercase hex) of the text's UTF-8 bytes
 */
public record FetchedTemplate(TemplateRef ref, String text, String sha256) {
  /** Checks the components. */
  public FetchedTemplate {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sha256, "sha256");
  }
}
