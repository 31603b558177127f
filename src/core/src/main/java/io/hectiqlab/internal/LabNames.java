package io.hectiqlab.internal;

import static io.hectiqlab.internal.Printable.quote;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lab's name rules, in one place for the client ({@code Lab}) and the server: run names and
 * their slugs, user, owner and project names. Stateless and thread-safe.
 *
 * <p>A run's slug is its name in NFKC, case-folded, with every run of characters that are not
 * letters, digits or combining marks turned into one {@code -}, and no {@code -} at either end:
 * {@code "Demo Run #1"} is {@code demo-run-1}, {@code "Ωmega"} is {@code ωmega}, {@code "Ｒｕｎ １"}
 * (fullwidth) is {@code run-1}. A slug has at most {@value #MAX_SLUG} characters; a name whose slug
 * would be longer is refused rather than cut, so two long names never share a slug.
 */
public final class LabNames {
  /** The longest run name, in characters. */
  public static final int MAX_RUN_NAME = 512;

  /** The longest slug, in characters (code points). */
  public static final int MAX_SLUG = 128;

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");
  private static final Pattern EDGES = Pattern.compile("^[-\\p{M}]+|-+$");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private LabNames() {}

  /**
   * Returns the slug of a run name.
   *
   * @param name a run name
   * @return its slug
   * @throws IllegalArgumentException when the name is empty, longer than {@value #MAX_RUN_NAME}
   *     characters, holds control characters or lone surrogates, has no letters or digits, or makes
   *     a slug longer than {@value #MAX_SLUG} characters
   */
  public static String slugOf(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("run name must not be empty");
    }
    if (isPlainSlug(name)) {
      return name; // what every request's path holds: its slug is itself, no need to fold it
    }
    if (name.length() > MAX_RUN_NAME
        || name.chars().anyMatch(Character::isISOControl)
        || hasLoneSurrogate(name)) {
      throw new IllegalArgumentException(
          "run name must be at most "
              + MAX_RUN_NAME
              + " characters, without control characters: "
              + quote(name));
    }
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
    // Case folding: upper then lower folds 'ß' to "ss" and final sigma to sigma, as casefold().
    folded = folded.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    folded = Normalizer.normalize(folded, Normalizer.Form.NFKC);
    String slug = EDGES.matcher(SEPARATORS.matcher(folded).replaceAll("-")).replaceAll("");
    if (slug.isEmpty()) {
      throw new IllegalArgumentException(
          "run name " + quote(name) + " has no letters or digits to make a slug from");
    }
    int length = slug.codePointCount(0, slug.length());
    if (length > MAX_SLUG) {
      throw new IllegalArgumentException(
          "run name "
              + quote(name)
              + " is too long: its slug would have "
              + length
              + " characters, at most "
              + MAX_SLUG
              + " are kept distinct");
    }
    return slug;
  }

  /**
   * Whether a text is its own slug on sight: 1 to {@value #MAX_SLUG} ASCII lowercase letters,
   * digits and {@code -}, neither first nor last nor twice in a row. NFKC and case folding leave
   * such a text as it is, and each {@code -} is a run of one separator, so {@link #slugOf} would
   * return it unchanged.
   */
  private static boolean isPlainSlug(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_SLUG || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '-' ? s.charAt(i - 1) == '-' : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that a text is a slug, as {@link #slugOf} makes them (its own slug).
   *
   * @param value the text
   * @return the slug
   * @throws IllegalArgumentException when it is not one
   */
  public static String checkSlug(String value) {
    String slug;
    try {
      slug = slugOf(value);
    } catch (IllegalArgumentException e) {
      slug = null;
    }
    if (slug == null || !slug.equals(value)) {
      throw new IllegalArgumentException(
          "run slug must be 1 to "
              + MAX_SLUG
              + " lowercase letters, digits or '-' (a run name's slug): "
              + quote(value));
    }
    return value;
  }

  /**
   * Checks a user, owner or project name: 1 to 64 of lowercase ASCII letters, digits, {@code _ .
   * -}, starting with a letter or digit, without {@code ..}.
   *
   * @param what what the name names, for the message ("user name", "project owner")
   * @param value the name
   * @return the name
   * @throws IllegalArgumentException when it breaks the rule
   */
  public static String checkName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " must be 1 to 64 lowercase letters, digits, '_', '.' or '-', starting with a"
              + " letter or digit, without '..': "
              + quote(value));
    }
    return value;
  }

  /**
   * Checks a metadata key: 1 to 256 characters, no control characters.
   *
   * @param value the key
   * @return the key
   * @throws IllegalArgumentException when it breaks the rule
   */
  public static String checkMetaKey(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 256
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "meta key must be 1 to 256 characters without control characters: " + quote(value));
    }
    return value;
  }

  /**
   * Checks a project, {@code owner/name}, each part by {@link #checkName}.
   *
   * @param project the project
   * @return the project
   * @throws IllegalArgumentException when it breaks the rule
   */
  public static String checkProject(String project) {
    int slash = project == null ? -1 : project.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("project must be owner/name: " + quote(project));
    }
    checkName("project owner", project.substring(0, slash));
    checkName("project name", project.substring(slash + 1));
    return project;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
