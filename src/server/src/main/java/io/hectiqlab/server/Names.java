package io.hectiqlab.server;

import java.util.regex.Pattern;

/**
 * Validation of the names that reach the lab: users, project owners and names, run slugs, meta
 * keys. Names are never file paths; they are checked anyway, so that no {@code ..}, slash, control
 * character or oversized name is ever stored.
 */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");

  private Names() {}

  /**
   * Checks a user, owner or project name: 1 to 64 of lowercase letters, digits, {@code _ . -},
   * starting with a letter or digit, and not {@code .} or {@code ..}-like.
   */
  static String name(String what, String value) {
    if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " must be 1 to 64 lowercase letters, digits, '_', '.' or '-', starting with a"
              + " letter or digit, without '..': "
              + quote(value));
    }
    return value;
  }

  /** Checks a run slug: 1 to 128 lowercase letters, digits and dashes. */
  static String slug(String value) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "run slug must be 1 to 128 lowercase letters, digits or '-': " + quote(value));
    }
    return value;
  }

  /** Turns a run name into its slug: the client's rule, so both sides agree. */
  static String slugify(String name) {
    return io.hectiqlab.Lab.slug(name);
  }

  /** Checks a metadata key: 1 to 256 characters, no control characters. */
  static String metaKey(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 256
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "meta key must be 1 to 256 characters without control characters: " + quote(value));
    }
    return value;
  }

  private static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    StringBuilder sb = new StringBuilder("'");
    for (char c : shown.toCharArray()) {
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append('\'').toString();
  }
}
