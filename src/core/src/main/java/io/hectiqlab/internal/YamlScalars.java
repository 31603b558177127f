package io.hectiqlab.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which strings written as YAML must be quoted: those that, written plain, would read back as
 * another value or not at all. The judge is our own {@link YamlReader} (a plain scalar is kept only
 * when it reads back as the same string), plus what a YAML 1.1 reader such as PyYAML would take for
 * another type ({@code yes}, {@code on}, {@code 1_000}, {@code 1:20}, {@code 2024-01-01}), so that
 * a file written here means the same to pyhectiqlab. Thread-safe.
 */
public final class YamlScalars {
  /** Plain words that read back as themselves under every YAML reader: the common case, quickly. */
  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_./@-]*(?: [A-Za-z0-9_./@(][A-Za-z0-9_./@()-]*)*");

  /** Words that YAML 1.1 or 1.2 reads as booleans or null (YAML 1.1 booleans include y and n). */
  private static final Set<String> KEYWORDS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
          "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
          "~");

  /**
   * YAML 1.1 numbers (underscores, sexagesimal {@code 1:20}, binary, octal {@code 017}), floats and
   * timestamps, broadly: quoting a string that only looks like one costs nothing.
   */
  private static final Pattern YAML11 =
      Pattern.compile(
          "[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?"
              + "(?:[eE][-+]?[0-9]+)?|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN))"
              + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?|=|<<");

  private YamlScalars() {}

  /**
   * Returns whether a string value must be quoted.
   *
   * @param value a string value
   * @return true unless it reads back as the same string when written plain
   */
  public static boolean quoteValue(String value) {
    if (SAFE.matcher(value).matches()) {
      return KEYWORDS.contains(value);
    }
    if (value.isEmpty() || KEYWORDS.contains(value) || YAML11.matcher(value).matches()) {
      return true;
    }
    if (hasBreakOrControl(value)) {
      return true; // written quoted or as a literal block by the writer, never plain
    }
    JsonNode back = readBack("v: " + value + "\n");
    if (back == null) {
      return true;
    }
    JsonNode v = back.get("v");
    return back.size() != 1 || v == null || !v.isString() || !v.asString().equals(value);
  }

  /**
   * Returns whether a key must be quoted.
   *
   * @param key a key
   * @return true unless it reads back as the same key when written plain
   */
  public static boolean quoteKey(String key) {
    if (SAFE.matcher(key).matches()) {
      return KEYWORDS.contains(key);
    }
    if (key.isEmpty() || KEYWORDS.contains(key) || YAML11.matcher(key).matches()) {
      return true;
    }
    if (hasBreakOrControl(key)) {
      return true;
    }
    JsonNode back = readBack(key + ": 0\n");
    if (back == null || back.size() != 1) {
      return true;
    }
    Iterator<Map.Entry<String, JsonNode>> only = back.properties().iterator();
    Map.Entry<String, JsonNode> e = only.next();
    return !e.getKey().equals(key) || !e.getValue().isNumber();
  }

  /** Line breaks, tabs, other control characters, NEL, line and paragraph separators, BOM. */
  private static boolean hasBreakOrControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
        return true;
      }
    }
    return false;
  }

  private static JsonNode readBack(String text) {
    try {
      return new YamlReader("<yaml>", text, null, null, true).read();
    } catch (RuntimeException e) {
      return null; // does not read back at all
    }
  }
}
