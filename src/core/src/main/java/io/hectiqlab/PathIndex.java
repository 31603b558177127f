package io.hectiqlab;

import java.util.ArrayList;
import java.util.List;

/**
 * Every dotted path of one Config, in canonical form, mapped to its value: lets {@link
 * Config#get(String)} answer a read with one hash lookup instead of a walk. Its content never
 * changes (only which of two equal path strings it keeps, see {@link #get}); a Config builds one
 * once reads outnumber its size, and drops it on any change below it (see {@link
 * Containers#checkWritable}). A path that is not here is looked up the slow way, so a missing entry
 * can never give a wrong answer.
 */
final class PathIndex {
  /** What {@link #get} returns for a path the index does not hold. */
  static final Object ABSENT = new Object();

  /** Configs with more paths than this are not indexed (the index would double their memory). */
  static final int MAX_PATHS = 50_000;

  /** The {@link Config#version} the index was built from. */
  final long version;

  private final String[] paths;
  private final int[] hashes;
  private final Object[] values;
  private final int mask;

  /** The number of paths held. */
  final int size;

  private PathIndex(long version, List<String> paths, List<Object> values) {
    this.version = version;
    int capacity = Integer.highestOneBit(Math.max(4, paths.size() * 2 - 1)) << 1;
    this.paths = new String[capacity];
    this.hashes = new int[capacity];
    this.values = new Object[capacity];
    this.mask = capacity - 1;
    this.size = paths.size();
    for (int i = 0; i < paths.size(); i++) {
      String p = paths.get(i);
      int h = p.hashCode();
      int slot = spread(h) & mask;
      while (this.paths[slot] != null) {
        slot = (slot + 1) & mask;
      }
      this.paths[slot] = p;
      this.hashes[slot] = h;
      this.values[slot] = values.get(i);
    }
  }

  /**
   * Indexes every path of a Config, or returns null when it holds more than {@link #MAX_PATHS}
   * paths or {@link #MAX_CHARS} characters of them.
   */
  static PathIndex build(Config config, long version) {
    Collector c = new Collector();
    return c.collect(config, "") ? new PathIndex(version, c.paths, c.values) : null;
  }

  /** Characters of path text an index may hold in all. */
  static final int MAX_CHARS = 2_000_000;

  private static final class Collector {
    final List<String> paths = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    long chars;

    boolean collect(Object container, String prefix) {
      if (container instanceof Config c) {
        for (int i = 0; i < c.entries.size(); i++) {
          if (!add(Paths.child(prefix, c.entries.key(i)), c.entries.value(i))) {
            return false;
          }
        }
      } else {
        List<Object> items = ((ConfigList) container).items;
        for (int i = 0; i < items.size(); i++) {
          if (!add(Paths.child(prefix, i), items.get(i))) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean add(String path, Object value) {
      chars += path.length();
      if (paths.size() == MAX_PATHS || chars > MAX_CHARS) {
        return false;
      }
      paths.add(path);
      values.add(value);
      return !(value instanceof Config) && !(value instanceof ConfigList) || collect(value, path);
    }
  }

  /** Returns the value at a path (possibly null), or {@link #ABSENT}. */
  Object get(String path) {
    int h = path.hashCode();
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      String p = paths[slot];
      if (p == null) {
        return ABSENT;
      }
      if (p == path) {
        return values[slot];
      }
      if (hashes[slot] == h && p.equals(path)) {
        // Keep the caller's instance, so that the next read with it (typically a literal)
        // matches by identity. Racing readers may store either of two equal strings: harmless.
        paths[slot] = path;
        return values[slot];
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
