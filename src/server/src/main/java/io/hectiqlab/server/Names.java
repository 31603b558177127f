package io.hectiqlab.server;

import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Printable;

/**
 * Validation of the names that reach the lab: users, project owners and names, run slugs, meta
 * keys. Names are never file paths; they are checked anyway, so that no {@code ..}, slash, control
 * character or oversized name is ever stored. The rules for names and slugs are the client's
 * ({@link LabNames}), so both sides agree.
 */
final class Names {
  private Names() {}

  /** Checks a user, owner or project name (see {@link LabNames#checkName}). */
  static String name(String what, String value) {
    return LabNames.checkName(what, value);
  }

  /** Checks a run slug: a run name's slug (see {@link LabNames#checkSlug}). */
  static String slug(String value) {
    return LabNames.checkSlug(value);
  }

  /** Turns a run name into its slug (see {@link LabNames#slugOf}). */
  static String slugify(String name) {
    return LabNames.slugOf(name);
  }

  /** Checks a metadata key: 1 to 256 characters, no control characters. */
  static String metaKey(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 256
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "meta key must be 1 to 256 characters without control characters: "
              + Printable.quote(value));
    }
    return value;
  }
}
