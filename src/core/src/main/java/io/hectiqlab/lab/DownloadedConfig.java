package io.hectiqlab.lab;

import io.hectiqlab.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Lab#download} returns: a run's config and the metadata pushed with {@link
 * Run#addMeta}.
 *
 * @param config the run's config (the latest version unless one was asked for); empty when none was
 *     pushed
 * @param meta the run's metadata, by key, unmodifiable (values as JSON reads them: maps, lists,
 *     strings, numbers, booleans, and null for a key set to null)
 * @param version the config's version number, or 0 when no config was pushed
 * @param template the template version the lab validated this config against when it was pushed, or
 *     null (pushed without one)
 */
public record DownloadedConfig(
    Config config,
    Map<String, @Nullable Object> meta,
    int version,
    @Nullable TemplateRef template) {
  /** Checks the components. */
  public DownloadedConfig {
    Objects.requireNonNull(config, "config");
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(meta, "meta")));
  }
}
