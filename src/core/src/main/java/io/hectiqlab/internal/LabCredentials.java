package io.hectiqlab.internal;

import io.hectiqlab.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The lab's URL and API key, and where each came from: a value given by the caller (such as the
 * {@code --lab} option), else the environment ({@code HECTIQLAB_API_URL}, {@code
 * HECTIQLAB_API_KEY}), else the credentials file {@code ~/.hectiqlab/credentials}. Each is looked
 * up on its own: the URL may come from the environment and the key from the file. Immutable.
 *
 * <p>The credentials file is UTF-8 text of at most {@value #MAX_FILE_BYTES} bytes, one setting a
 * line, {@code name = value} (or {@code name: value}), the names {@code api_url} and {@code
 * api_key}; blank lines and lines starting with {@code #} are ignored, spaces around names and
 * values too, and values are taken as written (no quotes, no escapes). An unknown name, a line that
 * is not a setting, a name set twice or a value left empty is refused naming the file and line; the
 * key itself never appears in a message. The file is read only when the URL or the key is not found
 * before it.
 */
public final class LabCredentials {
  /** The environment variable naming the lab's URL. */
  public static final String URL_VARIABLE = "HECTIQLAB_API_URL";

  /** The environment variable holding the API key. */
  public static final String KEY_VARIABLE = "HECTIQLAB_API_KEY";

  /** The largest credentials file read. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private static final String URL_NAME = "api_url";
  private static final String KEY_NAME = "api_key";
  private static final String NOT_A_SETTING =
      ": expected a setting, name = value (" + URL_NAME + " = URL or " + KEY_NAME + " = KEY)";

  /**
   * A value and where it came from: an option ({@code --lab}), a variable ({@code
   * HECTIQLAB_API_URL}) or a line of the credentials file ({@code
   * /home/u/.hectiqlab/credentials:2}).
   *
   * @param value the value, stripped of surrounding spaces
   * @param origin where it came from, to name in messages
   */
  public record Setting(String value, String origin) {}

  private final Setting url;
  private final Setting key;
  private final Path file;

  private LabCredentials(Setting url, Setting key, Path file) {
    this.url = url;
    this.key = key;
    this.file = file;
  }

  /** Returns the credentials file under a home directory: {@code .hectiqlab/credentials}. */
  public static Path file(Path home) {
    return home.resolve(".hectiqlab").resolve("credentials");
  }

  /**
   * Finds the URL and the key.
   *
   * @param url a URL given by the caller, or null (a blank value counts as none)
   * @param key a key given by the caller, or null (a blank value counts as none)
   * @param env the environment
   * @param home the user's home directory, where the credentials file is
   * @return what was found; {@link #url()} or {@link #key()} may be null
   * @throws ConfigException when the credentials file is needed and cannot be read or is malformed
   *     (naming the file, and the line when one is at fault)
   */
  public static LabCredentials find(Setting url, Setting key, Map<String, String> env, Path home) {
    Setting u = firstOf(url, env, URL_VARIABLE);
    Setting k = firstOf(key, env, KEY_VARIABLE);
    Path file = file(home);
    if (u == null || k == null) {
      Setting[] fromFile = read(file);
      u = u != null ? u : fromFile[0];
      k = k != null ? k : fromFile[1];
    }
    return new LabCredentials(u, k, file);
  }

  /** The lab's URL and where it came from, or null when none was found. */
  public Setting url() {
    return url;
  }

  /** The API key and where it came from, or null when none was found. */
  public Setting key() {
    return key;
  }

  /**
   * Says what is missing, or null when the URL and the key were both found.
   *
   * @param urlHint another way to give the URL, such as {@code --lab URL}, or null
   * @param keyHint another way to give the key, such as {@code --api-key KEY}, or null
   * @return the problem, naming the variables, the file's settings and the hints
   */
  public String missing(String urlHint, String keyHint) {
    if (url == null && key == null) {
      return "no lab configured: set "
          + URL_VARIABLE
          + " and "
          + KEY_VARIABLE
          + ", or "
          + URL_NAME
          + " and "
          + KEY_NAME
          + " in "
          + file
          + (urlHint != null && keyHint != null ? "; or pass " + urlHint + " and " + keyHint : "");
    }
    if (key == null) {
      return "no API key for the lab at "
          + Printable.escape(url.value())
          + " (from "
          + url.origin()
          + "): set "
          + KEY_VARIABLE
          + ", or "
          + KEY_NAME
          + " in "
          + file
          + (keyHint != null ? "; or pass " + keyHint : "");
    }
    if (url == null) {
      return "no lab URL (the API key comes from "
          + key.origin()
          + "): set "
          + URL_VARIABLE
          + ", or "
          + URL_NAME
          + " in "
          + file
          + (urlHint != null ? "; or pass " + urlHint : "");
    }
    return null;
  }

  private static Setting firstOf(Setting given, Map<String, String> env, String variable) {
    if (given != null && given.value() != null && !given.value().isBlank()) {
      return new Setting(given.value().strip(), given.origin());
    }
    String value = env.get(variable);
    return value != null && !value.isBlank() ? new Setting(value.strip(), variable) : null;
  }

  /** The file's URL and key (each null when absent); nothing when the file does not exist. */
  private static Setting[] read(Path file) {
    Setting[] found = new Setting[2];
    if (Files.isDirectory(file)) {
      throw new ConfigException(file + ": is a directory, not a credentials file");
    }
    if (!Files.isRegularFile(file)) {
      return found; // absent (a FIFO or device is not read either)
    }
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            file + ": credentials file too large (at most " + MAX_FILE_BYTES + " bytes)");
      }
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": credentials file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read credentials: " + FileErrors.about(file, e), e);
    }
    if (text.startsWith("\ufeff")) {
      text = text.substring(1);
    }
    int[] lines = new int[2];
    int number = 0;
    for (String line : text.split("\r\n|\n|\r", -1)) {
      number++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String at = file + ":" + number;
      int sep = firstSeparator(s);
      if (sep < 0) {
        throw new ConfigException(at + NOT_A_SETTING);
      }
      String name = s.substring(0, sep).strip();
      String value = s.substring(sep + 1).strip();
      if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(at + NOT_A_SETTING);
      }
      int slot =
          switch (name) {
            case URL_NAME -> 0;
            case KEY_NAME -> 1;
            default -> -1;
          };
      if (slot < 0) {
        throw new ConfigException(
            at
                + ": unknown setting '"
                + Printable.escape(name.length() > 40 ? name.substring(0, 40) + "..." : name)
                + "' (the credentials file holds "
                + URL_NAME
                + " and "
                + KEY_NAME
                + ")");
      }
      if (found[slot] != null) {
        throw new ConfigException(
            at + ": " + name + " is set twice (first on line " + lines[slot] + ")");
      }
      if (value.isEmpty()) {
        throw new ConfigException(at + ": " + name + " has no value");
      }
      found[slot] = new Setting(value, at);
      lines[slot] = number;
    }
    return found;
  }

  /** The first {@code =} or {@code :} (names hold neither), or -1. */
  private static int firstSeparator(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }
}
