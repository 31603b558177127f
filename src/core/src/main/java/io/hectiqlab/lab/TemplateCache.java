package io.hectiqlab.lab;

import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk cache of fetched template versions: {@code sha256/<hex>.json} holds a text, named by
 * the SHA-256 of its UTF-8 bytes, and {@code refs/<lab>/<owner>/<project>/<name>/<N>} the hex of
 * version N on one lab, where {@code <lab>} is a short hash of the lab's normalised base URL: two
 * labs may both have a {@code lab:o/p/name@1}, with different texts, so a version's entry belongs
 * to the lab it was fetched from (texts are shared, being named by their hash). Published versions
 * never change, so a pinned version found here is used without asking the lab; a text whose hash is
 * not its name is never used. Only regular files are read (a symbolic link, FIFO or device in the
 * cache is ignored), and a path that holds something other than a regular file is never replaced.
 * Files are written atomically, so concurrent processes sharing the folder see whole files. Writing
 * is best effort: a cache that cannot be written leaves fetches working, only not offline.
 * Thread-safe.
 */
final class TemplateCache {
  /** The environment variable that names the cache folder. */
  static final String FOLDER_VARIABLE = "HECTIQLAB_TEMPLATE_CACHE";

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final long MAX_TEXT = 64L * 1024 * 1024;
  private static final long MAX_REF = 128;

  private final Path folder;
  private final String lab;

  /**
   * A cache in {@code folder} for the lab at {@code labUrl} (see {@link #labId}).
   *
   * @throws IllegalArgumentException when {@code labUrl} is not an http(s) URL
   */
  TemplateCache(Path folder, String labUrl) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.lab = labId(labUrl);
  }

  /**
   * The folder under {@code refs} of a lab's entries: the first 16 hex digits of the SHA-256 of its
   * normalised base URL ({@code scheme://host:port/path}: scheme and host in lower case, the port
   * always given, the path without trailing slashes, no query or fragment), so that {@code
   * http://Lab:80/} and {@code http://lab} share their entries.
   *
   * @throws IllegalArgumentException when {@code labUrl} is not an http(s) URL
   */
  static String labId(String labUrl) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(labUrl, "labUrl"));
    if (url == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + labUrl);
    }
    String normalised =
        url.scheme()
            + "://"
            + url.host()
            + ":"
            + url.port()
            + url.encodedPath().replaceAll("/+$", "");
    return Sha256.hex(normalised).substring(0, 16);
  }

  /**
   * The default folder: {@code $HECTIQLAB_TEMPLATE_CACHE}, else {@code
   * $XDG_CACHE_HOME/hectiqlab/templates} (when absolute, as the XDG rule asks), else {@code
   * ~/.cache/hectiqlab/templates}.
   */
  static Path defaultFolder(Map<String, String> env, Path home) {
    String own = env.get(FOLDER_VARIABLE);
    if (own != null && !own.isBlank()) {
      return Path.of(own.strip());
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()) {
      return Path.of(xdg.strip()).resolve("hectiqlab").resolve("templates");
    }
    return home.resolve(".cache").resolve("hectiqlab").resolve("templates");
  }

  /** The folder. */
  Path folder() {
    return folder;
  }

  /**
   * What the cache knows of a pinned version.
   *
   * @param text the text, when cached and matching its hash, else null
   * @param sha256 its hash, when {@code text} is not null
   * @param problem why a cached copy was not used (it does not match its hash), or null
   */
  record Lookup(@Nullable String text, @Nullable String sha256, @Nullable String problem) {}

  /** Looks a pinned version up. */
  Lookup lookup(TemplateRef ref) {
    Path refFile = refFile(ref);
    String hex = readSmall(refFile, MAX_REF);
    if (hex == null) {
      return new Lookup(null, null, null);
    }
    hex = hex.strip();
    if (!HEX.matcher(hex).matches()) {
      return new Lookup(null, null, "the cached entry " + refFile + " is not a SHA-256");
    }
    Path textFile = textFile(hex);
    byte[] bytes = read(textFile, MAX_TEXT);
    if (bytes == null) {
      return new Lookup(null, null, null);
    }
    if (!Sha256.hex(bytes).equals(hex)) {
      return new Lookup(
          null,
          null,
          "the cached copy " + textFile + " does not match its hash, so it is not used");
    }
    return new Lookup(new String(bytes, StandardCharsets.UTF_8), hex, null);
  }

  /**
   * Keeps a fetched version: its text under its hash, then the version's entry. Nothing is thrown:
   * a file that cannot be written, or a path that holds something other than a regular file, is
   * left as it is.
   */
  void store(TemplateRef pinned, byte[] text, String sha256) {
    if (!pinned.isPinned() || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("a pinned ref and a SHA-256: " + pinned + " " + sha256);
    }
    if (write(textFile(sha256), text)) {
      write(refFile(pinned), sha256.getBytes(StandardCharsets.US_ASCII));
    }
  }

  Path textFile(String hex) {
    return folder.resolve("sha256").resolve(hex + ".json");
  }

  Path refFile(TemplateRef ref) {
    String[] project = ref.project().split("/", 2);
    // Owner, project and template names follow the naming rule: no separators, never . or ..
    return folder
        .resolve("refs")
        .resolve(lab)
        .resolve(project[0])
        .resolve(project[1])
        .resolve(ref.name())
        .resolve(String.valueOf(Objects.requireNonNull(ref.version(), "a pinned ref")));
  }

  private static @Nullable String readSmall(Path file, long max) {
    byte[] bytes = read(file, max);
    return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
  }

  /** A regular file's bytes, or null (missing, not regular, too large, unreadable). */
  private static byte @Nullable [] read(Path file, long max) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > max) {
        return null;
      }
      return Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** Writes a file atomically unless its path holds something other than a regular file. */
  private static boolean write(Path file, byte[] content) {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, content);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
