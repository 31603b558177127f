package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The one syntax of dotted paths, shared by {@code Config}'s reads and writes and by {@link
 * Interpolation}'s {@code ${path}}: keys joined by {@code .}, with {@code .} and {@code \} inside a
 * key escaped by {@code \}; an array item is named by its index. Stateless and thread-safe.
 */
public final class DottedPaths {
  private DottedPaths() {}

  /**
   * Splits a non-empty path into its keys (unescaped and interned, so that lookups against names
   * from the JSON parser compare by identity).
   *
   * @param path a dotted path such as {@code optimizer.lr}
   * @return the keys, at least one
   * @throws IllegalArgumentException with the problem (without the path), for an empty path, an
   *     empty key or a {@code \} that escapes neither {@code .} nor {@code \}
   */
  public static String[] split(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    List<String> keys = new ArrayList<>(4);
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        if (i + 1 < path.length() && (path.charAt(i + 1) == '.' || path.charAt(i + 1) == '\\')) {
          key.append(path.charAt(++i));
        } else {
          throw new IllegalArgumentException(
              "'\\' must be followed by '.' or '\\' (at index " + i + ")");
        }
      } else if (c == '.') {
        keys.add(finish(key));
      } else {
        key.append(c);
      }
    }
    keys.add(finish(key));
    return keys.toArray(new String[0]);
  }

  private static String finish(StringBuilder key) {
    if (key.length() == 0) {
      throw new IllegalArgumentException("empty key in path");
    }
    String k = key.toString().intern();
    key.setLength(0);
    return k;
  }

  /**
   * Escapes a key so that it reads as one key inside a dotted path.
   *
   * @param key a key as stored
   * @return the key with {@code .} and {@code \} escaped by {@code \}
   */
  public static String escape(String key) {
    if (key.indexOf('.') < 0 && key.indexOf('\\') < 0) {
      return key;
    }
    StringBuilder sb = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * The dotted path of {@code keys}, each escaped; the empty string for no keys.
   *
   * @param keys keys as stored
   * @return the path
   */
  public static String join(java.util.List<String> keys) {
    String p = "";
    for (String k : keys) {
      p = child(p, k);
    }
    return p;
  }

  /**
   * Joins a parent path (empty for the root) and an unescaped key.
   *
   * @param parent a dotted path, or empty
   * @param key a key as stored
   * @return the child's path
   */
  public static String child(String parent, String key) {
    return parent.isEmpty() ? escape(key) : parent + "." + escape(key);
  }

  /**
   * Returns the index a key denotes in an array, or -1 when it is not a plain non-negative int (no
   * sign, no leading zero, at most 9 digits).
   *
   * @param key a key of a path
   * @return the index, or -1
   */
  public static int index(String key) {
    int n = key.length();
    if (n == 0 || n > 9 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
