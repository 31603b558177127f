package io.hectiqlab;

import io.hectiqlab.internal.DottedPaths;

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
    try {
      return DottedPaths.split(path);
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadPath(path + ": " + e.getMessage());
    }
  }

  /** Escapes a key so that it reads as one key inside a dotted path. */
  static String escape(String key) {
    return DottedPaths.escape(key);
  }

  /** Joins a parent path and an (unescaped) key. */
  static String child(String parent, String key) {
    return DottedPaths.child(parent, key);
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
    return DottedPaths.index(key);
  }
}
