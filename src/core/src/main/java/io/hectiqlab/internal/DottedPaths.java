package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The one syntax of dotted paths ({@code server.port}, {@code layers.0.name}): keys joined by
 * {@code .}, a key that itself contains {@code .} or {@code \} written with those characters
 * escaped by {@code \}; list indices are written as numbers. Used by {@code Config} and by the
 * override grammar alike. Stateless and thread-safe.
 */
public final class DottedPaths {
  private DottedPaths() {}

  /** A dotted path that does not follow the syntax; the message names the path and the problem. */
  public static final class BadPath extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadPath(String message) {
      super(message);
    }
  }

  /**
   * The keys of a dotted path, unescaped.
   *
   * @throws BadPath for an empty path, an empty key ({@code a..b}, a leading or trailing {@code
   *     .}), or a {@code \} followed by anything but {@code .} or {@code \}
   */
  public static List<String> split(String path) {
    if (path.isEmpty()) {
      throw new BadPath(io.hectiqlab.Location.ROOT + ": empty path");
    }
    List<String> keys = new ArrayList<>(4);
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        if (i + 1 < path.length() && (path.charAt(i + 1) == '.' || path.charAt(i + 1) == '\\')) {
          key.append(path.charAt(++i));
        } else {
          throw new BadPath(path + ": '\\' must be followed by '.' or '\\' (at index " + i + ")");
        }
      } else if (c == '.') {
        keys.add(finish(path, key));
      } else {
        key.append(c);
      }
    }
    keys.add(finish(path, key));
    return keys;
  }

  private static String finish(String path, StringBuilder key) {
    if (key.length() == 0) {
      throw new BadPath(path + ": empty key in path");
    }
    String k = key.toString();
    key.setLength(0);
    return k;
  }

  /** Escapes a key so that it reads as one key inside a dotted path. */
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

  /** The dotted path of {@code keys}, each escaped; the empty string for no keys. */
  public static String join(List<String> keys) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(escape(k));
    }
    return sb.toString();
  }
}
