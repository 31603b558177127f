package io.hectiqlab.server;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The structural difference of two JSON documents, by path: a key present on one side only is
 * {@link Kind#ADDED} or {@link Kind#REMOVED} (only that key, whatever its place among the others),
 * two objects and two arrays are compared inside (arrays element by index), anything else is {@link
 * Kind#CHANGED} when it is not the same value. Types are strict: {@code 1} and {@code "1"} differ,
 * an explicit {@code null} and a missing key differ, an object and an array differ; two numbers are
 * the same value when they are numerically equal ({@code 1} and {@code 1.0}). Stateless.
 */
final class ConfigDiff {
  private ConfigDiff() {}

  /** What happened at a path, from the first document to the second. */
  enum Kind {
    /** Only in the second document. */
    ADDED,
    /** Only in the first document. */
    REMOVED,
    /** In both, with different values. */
    CHANGED;

    /** The lowercase name, as pages and their CSS classes write it. */
    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One difference.
   *
   * @param path keys (array indices as digits) from the root; empty for the root itself
   * @param kind what happened
   * @param from the value in the first document (null when {@link Kind#ADDED})
   * @param to the value in the second document (null when {@link Kind#REMOVED})
   */
  record Change(List<String> path, Kind kind, JsonNode from, JsonNode to) {}

  /**
   * The differences, in document order (the first document's keys, then the keys the second one
   * adds), at most {@code limit} of them.
   *
   * @param truncated whether there were more than {@code limit}
   */
  record Result(List<Change> changes, boolean truncated) {}

  /** The differences from {@code from} to {@code to}, at most {@code limit} of them. */
  static Result of(JsonNode from, JsonNode to, int limit) {
    List<Change> out = new ArrayList<>();
    boolean complete = walk(new ArrayList<>(), from, to, out, limit);
    return new Result(List.copyOf(out), !complete);
  }

  /** Whether two values are the same value (strict types, numbers by numeric value). */
  static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (String k : a.propertyNames()) {
        JsonNode other = b.get(k);
        if (other == null || !same(a.get(k), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.getNodeType() == b.getNodeType() && a.equals(b);
  }

  /** Adds the differences under {@code path}; false once {@code limit} is passed. */
  private static boolean walk(
      List<String> path, JsonNode from, JsonNode to, List<Change> out, int limit) {
    if (from.isObject() && to.isObject()) {
      for (String k : from.propertyNames()) {
        path.add(k);
        JsonNode other = to.get(k);
        boolean more =
            other == null
                ? add(out, new Change(List.copyOf(path), Kind.REMOVED, from.get(k), null), limit)
                : walk(path, from.get(k), other, out, limit);
        path.remove(path.size() - 1);
        if (!more) {
          return false;
        }
      }
      for (String k : to.propertyNames()) {
        if (from.get(k) == null) {
          path.add(k);
          boolean more =
              add(out, new Change(List.copyOf(path), Kind.ADDED, null, to.get(k)), limit);
          path.remove(path.size() - 1);
          if (!more) {
            return false;
          }
        }
      }
      return true;
    }
    if (from.isArray() && to.isArray()) {
      int n = Math.max(from.size(), to.size());
      for (int i = 0; i < n; i++) {
        path.add(Integer.toString(i));
        boolean more;
        if (i >= to.size()) {
          more = add(out, new Change(List.copyOf(path), Kind.REMOVED, from.get(i), null), limit);
        } else if (i >= from.size()) {
          more = add(out, new Change(List.copyOf(path), Kind.ADDED, null, to.get(i)), limit);
        } else {
          more = walk(path, from.get(i), to.get(i), out, limit);
        }
        path.remove(path.size() - 1);
        if (!more) {
          return false;
        }
      }
      return true;
    }
    if (same(from, to)) {
      return true;
    }
    return add(out, new Change(List.copyOf(path), Kind.CHANGED, from, to), limit);
  }

  private static boolean add(List<Change> out, Change c, int limit) {
    if (out.size() >= limit) {
      return false;
    }
    out.add(c);
    return true;
  }
}
