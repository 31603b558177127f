package io.hectiqlab;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of one Config: an insertion-ordered map from String keys to values, tuned for the
 * small maps configurations are made of. Keys and values sit in two parallel arrays in insertion
 * order; up to {@link #LINEAR} entries a lookup scans the keys (by identity first: keys from
 * literals, paths and the JSON parser are interned), above that an open-addressing index of
 * positions takes over. Removal shifts the later entries down, so order is always kept.
 *
 * <p>Not thread-safe for writes; reads of an unchanging instance are safe from many threads.
 */
final class Entries {
  /** Entry count up to which lookups scan instead of hashing. */
  static final int LINEAR = 8;

  private String[] keys;
  private Object[] values;
  private int size;

  /** Positions plus one by hash slot (0 = empty); null while size is at most LINEAR. */
  private int[] index;

  private int modCount;

  /** Creates an empty map with room for {@code expected} entries before it grows. */
  Entries(int expected) {
    int capacity = Math.max(2, expected);
    keys = new String[capacity];
    values = new Object[capacity];
  }

  int size() {
    return size;
  }

  String key(int i) {
    return keys[i];
  }

  Object value(int i) {
    return values[i];
  }

  /** Returns the value of a key, or null when absent. */
  Object get(String key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  boolean containsKey(String key) {
    return find(key) >= 0;
  }

  /** Returns the position of a key, or -1. */
  private int find(String key) {
    String[] ks = keys;
    int n = size;
    if (index == null) {
      for (int i = 0; i < n; i++) {
        if (ks[i] == key) {
          return i;
        }
      }
      int h = key.hashCode();
      for (int i = 0; i < n; i++) {
        String k = ks[i];
        if (k.hashCode() == h && k.equals(key)) {
          return i;
        }
      }
      return -1;
    }
    int[] table = index;
    int mask = table.length - 1;
    for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int p = table[slot];
      if (p == 0) {
        return -1;
      }
      String k = ks[p - 1];
      if (k == key || k.equals(key)) {
        return p - 1;
      }
    }
  }

  /** Sets a key's value, appending the key when new; returns the old value or null. */
  Object put(String key, Object value) {
    int i = find(key);
    if (i >= 0) {
      Object old = values[i];
      values[i] = value;
      return old;
    }
    append(key, value);
    return null;
  }

  /**
   * Adds a key known to be absent (the caller guarantees it: keys of a parsed object or of another
   * map), skipping the lookup that {@link #put} does first.
   */
  void append(String key, Object value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    modCount++;
    if (index != null && size * 2 <= index.length) {
      insert(index, key, size);
    } else if (size > LINEAR) {
      rebuildIndex();
    }
  }

  /** Removes a key; returns its value, or null when absent. */
  Object remove(String key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    Object old = values[i];
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    keys[size] = null;
    values[size] = null;
    modCount++;
    rebuildIndex();
    return old;
  }

  private void rebuildIndex() {
    if (size <= LINEAR) {
      index = null;
      return;
    }
    int capacity = Integer.highestOneBit(size * 4 - 1);
    int[] table = new int[capacity];
    for (int i = 0; i < size; i++) {
      insert(table, keys[i], i + 1);
    }
    index = table;
  }

  private static void insert(int[] table, String key, int positionPlusOne) {
    int mask = table.length - 1;
    int slot = spread(key.hashCode()) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = positionPlusOne;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** A read-only, live view of the keys in insertion order. */
  java.util.Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(Object o) {
        return o instanceof String s && find(s) >= 0;
      }

      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          private final int expected = modCount;
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public String next() {
            if (modCount != expected) {
              throw new ConcurrentModificationException();
            }
            if (next >= size) {
              throw new NoSuchElementException();
            }
            return keys[next++];
          }
        };
      }
    };
  }
}
