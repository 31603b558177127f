package io.hectiqlab.lab;

import io.hectiqlab.Config;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One version of a run's config, as {@link Lab#history} returns them.
 *
 * @param version the version number (1 is the first push)
 * @param config the config as pushed
 * @param pushedAt when the lab stored it
 * @param template the template version the lab validated it against, or null (pushed without one)
 */
public record ConfigVersion(
    int version, Config config, Instant pushedAt, @Nullable TemplateRef template) {
  /** Checks the components. */
  public ConfigVersion {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(pushedAt, "pushedAt");
  }
}
