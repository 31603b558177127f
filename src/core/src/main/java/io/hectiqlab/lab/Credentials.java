package io.hectiqlab.lab;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.Printable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The credentials file, {@code ~/.hectiqlab/credentials}: UTF-8 text, one {@code name = value} per
 * line, blank lines and lines starting with {@code #} ignored, the names {@code api_url} and {@code
 * api_key} (each at most once). Anything else is an error naming the file and line. The file is
 * read as every document is ({@link Documents#read}: strict UTF-8, bounded).
 */
final class Credentials {
  static final String URL = "api_url";
  static final String KEY = "api_key";
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,39}");

  /** A value and where it was read, such as {@code /home/u/.hectiqlab/credentials:2}. */
  record Setting(String value, String origin) {}

  private Credentials() {}

  /**
   * Reads the file; an absent file has no settings.
   *
   * @throws LabException.NotConfigured when the file cannot be read or a line is not a setting
   */
  static Map<String, Setting> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    String text;
    try {
      text = Documents.read(Documents.Input.file(file, file.toString()));
    } catch (DocumentException e) {
      throw bad(e.location() + ": " + e.problem());
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      String where = file + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      // A line that is not a setting is never shown: it may be a pasted key.
      int eq = line.indexOf('=');
      String name = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!SETTING_NAME.matcher(name).matches()) {
        throw bad(where + ": expected a setting, name = value (api_url = URL or api_key = KEY)");
      }
      String value = line.substring(eq + 1).strip();
      if (!name.equals(URL) && !name.equals(KEY)) {
        throw bad(
            where
                + ": unknown setting "
                + Printable.escape(name)
                + " (the settings are "
                + URL
                + " and "
                + KEY
                + ")");
      }
      if (value.isEmpty()) {
        throw bad(where + ": " + name + " has no value");
      }
      Integer first = lineOf.putIfAbsent(name, i + 1);
      if (first != null) {
        throw bad(where + ": " + name + " is set twice (first at line " + first + ")");
      }
      settings.put(name, new Setting(value, where));
    }
    return settings;
  }

  private static LabException.NotConfigured bad(String message) {
    return new LabException.NotConfigured(message);
  }
}
