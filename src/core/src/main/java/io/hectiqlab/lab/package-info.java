/**
 * The lab client: {@link io.hectiqlab.lab.Lab} connects to a hectiqlab lab server, {@link
 * io.hectiqlab.lab.Run} pushes a run's configs and metadata, {@link io.hectiqlab.lab.LabAdmin}
 * manages users, keys and projects, {@link io.hectiqlab.lab.LabTemplates} publishes and fetches
 * template versions (named by {@link io.hectiqlab.lab.TemplateRef}s, kept in an on-disk cache by
 * content hash), and downloads come back as {@link io.hectiqlab.lab.DownloadedConfig} and {@link
 * io.hectiqlab.lab.ConfigVersion}.
 *
 * <p>Null policy: parameters and return values are non-null unless marked {@code @Nullable};
 * metadata and config values may be {@code null} (a key set to null downloads as null).
 *
 * <p>Every failure of a call to the lab is a {@link io.hectiqlab.lab.LabException} (unchecked, not
 * a {@link io.hectiqlab.ConfigException}: catching a bad config never catches a network timeout);
 * its nested subtypes tell what went wrong. A config value that JSON cannot encode fails before any
 * request, as a {@link io.hectiqlab.ConfigException.BadValue}.
 */
@NullMarked
package io.hectiqlab.lab;

import org.jspecify.annotations.NullMarked;
