package io.hectiqlab;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and formats dotted paths. A path is a sequence of keys joined by {@code .}; a key that
 * itself contains {@code .} or {@code \} is written with those characters escaped by {@code \}.
 */
final class Paths {
  private static final int SLOTS = 1024;

  /**
   * A lossy cache of parsed paths, indexed by the path's (cached) hash code. Entries are immutable,
   * so a racy read sees either null, another path's entry, or a complete entry for this path.
   */
  private static final Entry[] CACHE = new Entry[SLOTS];

  private record Entry(String path, String[] keys) {}

  private Paths() {}

  /** Splits a path into its keys; parsed paths are cached, so repeated reads allocate nothing. */
  static String[] split(String path) {
    int slot = path.hashCode() & (SLOTS - 1);
    Entry e = CACHE[slot];
    if (e != null && (e.path == path || e.path.equals(path))) {
      return e.keys;
    }
    String[] keys = parse(path);
    CACHE[slot] = new Entry(path, keys);
    return keys;
  }

  private static String[] parse(String path) {
    if (path.isEmpty()) {
      throw new ConfigException.BadPath(Location.ROOT + ": empty path");
    }
    List<String> keys = new ArrayList<>(4);
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        if (i + 1 < path.length() && (path.charAt(i + 1) == '.' || path.charAt(i + 1) == '\\')) {
          key.append(path.charAt(++i));
        } else {
          throw new ConfigException.BadPath(
              path + ": '\\' must be followed by '.' or '\\' (at index " + i + ")");
        }
      } else if (c == '.') {
        keys.add(finish(path, key));
      } else {
        key.append(c);
      }
    }
    keys.add(finish(path, key));
    return keys.toArray(new String[0]);
  }

  private static String finish(String path, StringBuilder key) {
    if (key.length() == 0) {
      throw new ConfigException.BadPath(path + ": empty key in path");
    }
    // Interned, so that lookups against keys that came from literals or the JSON parser (which
    // interns names) compare by identity.
    String k = key.toString().intern();
    key.setLength(0);
    return k;
  }

  /** Escapes a key so that it reads as one key inside a dotted path. */
  static String escape(String key) {
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

  /** Joins a parent path and an (unescaped) key. */
  static String child(String parent, String key) {
    return parent.isEmpty() ? escape(key) : parent + "." + escape(key);
  }

  /** Joins a parent path and a list index. */
  static String child(String parent, int index) {
    return parent.isEmpty() ? Integer.toString(index) : parent + "." + index;
  }

  /** Returns the path made of the first {@code count} keys. */
  static String prefix(String[] keys, int count) {
    String p = "";
    for (int i = 0; i < count; i++) {
      p = child(p, keys[i]);
    }
    return p;
  }

  /** Returns the index a key denotes in a list, or -1 when it is not a plain non-negative int. */
  static int index(String key) {
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
