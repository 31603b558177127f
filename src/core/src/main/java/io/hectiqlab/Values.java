package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalizes, compares, describes and copies the values a {@link Config} holds. */
final class Values {
  private Values() {}

  /**
   * Turns a value into its stored form: Maps become Configs, Collections and arrays become lists,
   * Configs are copied; everything else is kept as it is.
   *
   * @param owner the container the value goes into (for the self-containment check)
   * @param path the path of the value, for errors
   */
  static Object normalize(Object value, Object owner, String path) {
    return normalize(value, owner, path, depthOf(owner), new IdentityHashMap<>());
  }

  /** How many containers deep {@code container} is: 1 for a root, 0 for null. */
  static int depthOf(Object container) {
    int d = 0;
    for (Object c = container; c != null; c = ownerOf(c)) {
      d++;
    }
    return d;
  }

  static Object ownerOf(Object container) {
    if (container instanceof Config c) {
      return c.owner;
    }
    if (container instanceof ConfigList l) {
      return l.owner;
    }
    return null;
  }

  private static Object normalize(
      Object value, Object owner, String path, int depth, IdentityHashMap<Object, Object> stack) {
    if (value instanceof String text) {
      int lone = Documents.loneSurrogate(text);
      if (lone >= 0) {
        throw new ConfigException.BadValue(
            display(path) + ": " + Documents.loneSurrogateProblem(text, lone));
      }
      return value;
    }
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      if ((n instanceof Double d && !Double.isFinite(d))
          || (n instanceof Float f && !Float.isFinite(f))) {
        throw new ConfigException.BadValue(
            display(path) + ": " + n + " is not allowed (JSON has no NaN or Infinity)");
      }
      return value;
    }
    boolean container =
        value instanceof Config
            || value instanceof Map
            || value instanceof Collection
            || value.getClass().isArray();
    if (!container) {
      return value;
    }
    if (Documents.tooDeep(depth + 1)) { // depth counts the containers above this one
      throw new ConfigException.BadValue(display(path) + ": " + Documents.TOO_DEEP);
    }
    for (Object c = owner; c != null; c = ownerOf(c)) {
      if (c == value) {
        throw new ConfigException.BadValue(display(path) + ": a Config cannot contain itself");
      }
    }
    if (stack.put(value, Boolean.TRUE) != null) {
      throw new ConfigException.BadValue(
          display(path) + ": the value contains itself (a cycle), which a Config cannot hold");
    }
    try {
      if (value instanceof Config src) {
        Config copy = Containers.buildConfig(owner, src.entries.size());
        for (int i = 0; i < src.entries.size(); i++) {
          String key = src.entries.key(i);
          Containers.buildAppend(
              copy,
              key,
              normalize(src.entries.value(i), copy, Paths.child(path, key), depth + 1, stack));
        }
        return copy;
      }
      if (value instanceof Map<?, ?> map) {
        Config copy = Containers.buildConfig(owner, map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new ConfigException.BadPath(
                display(path) + ": map keys must be strings, found " + describe(e.getKey()));
          }
          String child = Paths.child(path, key);
          checkKey(key, child);
          Containers.buildPut(copy, key, normalize(e.getValue(), copy, child, depth + 1, stack));
        }
        return copy;
      }
      if (value instanceof Collection<?> items) {
        ConfigList list = Containers.buildList(owner, items.size());
        for (Object item : items) {
          Containers.buildAdd(
              list, normalize(item, list, Paths.child(path, list.size()), depth + 1, stack));
        }
        return list;
      }
      int n = Array.getLength(value);
      ConfigList list = Containers.buildList(owner, n);
      for (int i = 0; i < n; i++) {
        Containers.buildAdd(
            list, normalize(Array.get(value, i), list, Paths.child(path, i), depth + 1, stack));
      }
      return list;
    } finally {
      stack.remove(value);
    }
  }

  /** Refuses the keys that pyhectiqlab reserves for the Config's own state. */
  static void checkKey(String key, String path) {
    if (key.equals("_lock") || key.equals("_state")) {
      throw new ConfigException.BadPath(
          path + ": '" + key + "' is a reserved name (used by the Config's own state)");
    }
    int lone = Documents.loneSurrogate(key);
    if (lone >= 0) {
      throw new ConfigException.BadPath(
          display(path) + ": the key has " + Documents.loneSurrogateProblem(key, lone));
    }
  }

  static String display(String path) {
    return Location.path(path);
  }

  /** Describes a value for an error message: its JSON type and a short rendering. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (value instanceof Boolean) {
      return "boolean " + value;
    }
    if (isIntegral(value)) {
      return "integer " + value;
    }
    if (value instanceof Number) {
      return "number " + value;
    }
    if (value instanceof Config) {
      return "config (object)";
    }
    if (value instanceof List) {
      return "list";
    }
    return "value of type " + value.getClass().getName();
  }

  static boolean isIntegral(Object n) {
    return n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger;
  }

  /** True for the number types that JSON can hold exactly. */
  static boolean isJsonNumber(Object n) {
    return isIntegral(n) || n instanceof Double || n instanceof Float || n instanceof BigDecimal;
  }

  /** Content equality: numbers compare by value (1 equals 1L equals 1.0), containers deeply. */
  static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y && isJsonNumber(x) && isJsonNumber(y)) {
      if (isIntegral(x)
          && isIntegral(y)
          && !(x instanceof BigInteger)
          && !(y instanceof BigInteger)) {
        return x.longValue() == y.longValue();
      }
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A hash consistent with {@link #equal}. */
  static int hash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n && isJsonNumber(n)) {
      if (isIntegral(n) && !(n instanceof BigInteger)) {
        return Long.hashCode(n.longValue());
      }
      BigDecimal d = decimal(n).stripTrailingZeros();
      if (d.scale() <= 0 && d.precision() - d.scale() <= 18) {
        return Long.hashCode(d.longValue());
      }
      return d.hashCode();
    }
    if (v instanceof List<?> list) {
      int h = 1;
      for (Object item : list) {
        h = 31 * h + hash(item);
      }
      return h;
    }
    return v.hashCode();
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** A plain, detached copy: Configs become LinkedHashMaps, lists ArrayLists. */
  static Object plain(Object v) {
    if (v instanceof Config c) {
      Map<String, Object> map = new LinkedHashMap<>(Math.max(4, c.entries.size() * 2));
      for (int i = 0; i < c.entries.size(); i++) {
        map.put(c.entries.key(i), plain(c.entries.value(i)));
      }
      return map;
    }
    if (v instanceof ConfigList l) {
      List<Object> list = new ArrayList<>(l.items.size());
      for (Object item : l.items) {
        list.add(plain(item));
      }
      return list;
    }
    return v;
  }

  static int hashEntries(Entries entries) {
    int h = 0;
    for (int i = 0; i < entries.size(); i++) {
      h += entries.key(i).hashCode() ^ hash(entries.value(i));
    }
    return h;
  }
}
