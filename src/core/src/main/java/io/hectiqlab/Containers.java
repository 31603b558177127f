package io.hectiqlab;

import java.util.List;

/**
 * The one place where the state of a Config tree changes: every write to a {@link Config}'s
 * entries, owner and version, and to a {@link ConfigList}'s items and owner, is made here, so the
 * rules that go with a change (the lock, the reserved keys, the copy of a stored value, detaching
 * what was replaced, the version that tells the path index it is stale) are kept in one place.
 *
 * <p>Two kinds of writes: {@code build*} methods fill containers that are being made (parsed,
 * copied) and that nobody else can see yet, without checks; every other method changes a live tree
 * and first passes {@link #checkWritable}, even when the change would leave everything as it was,
 * so a locked Config refuses every attempt the same way.
 *
 * <p>Not thread-safe: a Config is changed from one thread at a time.
 */
final class Containers {
  private Containers() {}

  // ------------------------------------------------------------------------- building new trees

  /** A new, empty Config inside {@code owner} (null for a root), with room for some keys. */
  static Config buildConfig(Object owner, int expected) {
    Config c = new Config(expected);
    c.owner = owner;
    return c;
  }

  /** A new, empty list inside {@code owner} (null for a root), with room for some items. */
  static ConfigList buildList(Object owner, int expected) {
    ConfigList l = new ConfigList(owner);
    l.items.ensureCapacity(expected);
    return l;
  }

  /**
   * Adds an entry to a Config being built, whose key the caller knows is absent (the keys of a
   * parsed object or of another Config) and whose value is already in stored form.
   */
  static void buildAppend(Config c, String key, Object stored) {
    c.entries.append(key, stored);
  }

  /**
   * Sets an entry of a Config being built (keys of a map may repeat by content); the value is
   * already in stored form.
   */
  static void buildPut(Config c, String key, Object stored) {
    c.entries.put(key, stored);
  }

  /** Adds an item, already in stored form, to a list being built. */
  static void buildAdd(ConfigList l, Object stored) {
    l.items.add(stored);
  }

  // ---------------------------------------------------------------------- changing a live tree

  /**
   * Stores a value under a key of a Config: checks the lock and the key, stores a copy in stored
   * form (see {@link Values#normalize}), detaches what it replaces.
   */
  static void put(Config c, String key, Object value) {
    checkWritable(c, key);
    String path = Config.pathOf(c, key);
    Values.checkKey(key, path);
    Object stored = Values.normalize(value, c, path);
    release(c.entries.put(key, stored));
  }

  /**
   * Makes the empty Config a path needs under a key that is absent or null, and returns it.
   *
   * @param path the path up to and including the key, for errors
   */
  static Config putNewConfig(Config c, String key, String path) {
    checkWritable(c, key);
    Values.checkKey(key, path);
    Config created = buildConfig(c, 4);
    c.entries.put(key, created);
    return created;
  }

  /** Removes a key of a Config; returns its detached value, or null when there was none. */
  static Object remove(Config c, String key) {
    checkWritable(c, key);
    Object old = c.entries.remove(key);
    release(old);
    return old;
  }

  /** Replaces a list's item; returns the detached old one. */
  static Object set(ConfigList l, int index, Object value) {
    checkWritable(l, index);
    List<Object> items = l.items;
    java.util.Objects.checkIndex(index, items.size());
    Object stored = Values.normalize(value, l, Config.pathOf(l, index));
    Object old = items.set(index, stored);
    release(old);
    return old;
  }

  /** Inserts an item into a list. */
  static void add(ConfigList l, int index, Object value) {
    checkWritable(l, index);
    List<Object> items = l.items;
    if (index < 0 || index > items.size()) {
      throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + items.size());
    }
    items.add(index, Values.normalize(value, l, Config.pathOf(l, index)));
  }

  /** Removes a list's item; returns it, detached. */
  static Object remove(ConfigList l, int index) {
    checkWritable(l, index);
    Object old = l.items.remove(index);
    release(old);
    return old;
  }

  /**
   * Removes a list's item when the index is in range; returns it (detached), or null when there is
   * no such item. The lock is checked first either way.
   */
  static Object removeIfPresent(ConfigList l, int index) {
    checkWritable(l, index);
    return index >= 0 && index < l.items.size() ? remove(l, index) : null;
  }

  /**
   * Throws {@link ConfigException.Locked} when the container or one it is nested in is locked;
   * otherwise marks every enclosing Config as changed, so that whatever their path indexes say
   * about the paths below them is no longer used.
   *
   * @param key the key or index about to change, for the message; null when the change is to the
   *     container as a whole (clearing a list)
   */
  static void checkWritable(Object container, Object key) {
    for (Object c = container; c != null; c = Values.ownerOf(c)) {
      if (c instanceof Config config && config.lockedHere()) {
        throw new ConfigException.Locked(
            key == null ? Config.pathOf(container) : Config.pathOf(container, key));
      }
    }
    for (Object c = container; c != null; c = Values.ownerOf(c)) {
      if (c instanceof Config config) {
        config.version++;
        config.index = null;
      }
    }
  }

  /** Detaches a value that was removed from its container. */
  private static void release(Object removed) {
    if (removed instanceof Config c) {
      c.owner = null;
    } else if (removed instanceof ConfigList l) {
      l.owner = null;
    }
  }
}
