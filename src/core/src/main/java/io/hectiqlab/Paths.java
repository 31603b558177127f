package io.hectiqlab;

import io.hectiqlab.internal.DottedPaths;
import java.util.List;

/**
 * Parses and formats dotted paths, in the syntax of {@link DottedPaths} (keys joined by {@code .},
 * {@code .} and {@code \} in a key escaped by {@code \}), with a cache of parsed paths.
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
    List<String> keys;
    try {
      keys = DottedPaths.split(path);
    } catch (DottedPaths.BadPath e) {
      throw new ConfigException.BadPath(e.getMessage());
    }
    String[] out = new String[keys.size()];
    for (int i = 0; i < out.length; i++) {
      // Interned, so that lookups against keys that came from literals or the JSON parser (which
      // interns names) compare by identity.
      out[i] = keys.get(i).intern();
    }
    return out;
  }

  /** Escapes a key so that it reads as one key inside a dotted path. */
  static String escape(String key) {
    return DottedPaths.escape(key);
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
