package io.hectiqlab.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The structural difference of two JSON documents, by path: a key present on one side only is
 * {@link Kind#ADDED} or {@link Kind#REMOVED} (only that key, whatever its place among the others),
 * two objects and two arrays are compared inside, anything else is {@link Kind#CHANGED} when it is
 * not the same value. Two arrays are aligned first on a longest common subsequence of equal
 * elements, so that an element inserted or removed marks only that element (not every one after
 * it); the elements left between two aligned ones are compared in pairs by position, and what is
 * left over is added or removed. Arrays whose alignment would take more than {@value
 * #MAX_ALIGNED_PAIRS} comparisons (after their common start and end), or past the diff's budgets
 * ({@link #MAX_ALIGNMENT_CELLS}, {@link #MAX_ALIGNMENT_CHARS}), are compared element by index.
 * Types are strict: {@code 1} and {@code "1"} differ, an explicit {@code null} and a missing key
 * differ, an object and an array differ; two numbers are the same value when they are numerically
 * equal ({@code 1} and {@code 1.0}). Thread-safe: each diff is its own instance.
 */
final class ConfigDiff {
  /** The most element pairs an alignment of two arrays compares (its table's cells). */
  static final int MAX_ALIGNED_PAIRS = 1_000_000;

  /** The most table cells one diff's alignments fill (its time): past it, by index. */
  static final long MAX_ALIGNMENT_CELLS = 32L * 1024 * 1024;

  /**
   * The most characters of canonical forms one diff writes to tell array elements apart (its
   * memory, about twice the largest body): past it, the arrays left are compared by index.
   */
  static final long MAX_ALIGNMENT_CHARS = 8L * 1024 * 1024;

  private final List<Change> out = new ArrayList<>();
  private final int limit;
  private long cellsLeft = MAX_ALIGNMENT_CELLS;
  private long charsLeft = MAX_ALIGNMENT_CHARS;

  private ConfigDiff(int limit) {
    this.limit = limit;
  }

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
   * @param path keys (array indices as digits) from the root, in the second document; for {@link
   *     Kind#REMOVED} in the first (where the node was); empty for the root itself
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
    ConfigDiff d = new ConfigDiff(limit);
    boolean complete = d.walk(new ArrayList<>(), new ArrayList<>(), from, to);
    return new Result(List.copyOf(d.out), !complete);
  }

  /** Whether two values are the same value (strict types, numbers by numeric value). */
  static boolean same(JsonNode a, JsonNode b) {
    return same(a, b, null);
  }

  /**
   * {@link #same}; with {@code charged}, each node it visits is charged to that diff's cells, and
   * once they are spent it answers false (as if different), which only leaves more to compare by
   * index.
   */
  private static boolean same(JsonNode a, JsonNode b, ConfigDiff charged) {
    if (charged != null && --charged.cellsLeft < 0) {
      charged.cellsLeft = 0;
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (String k : a.propertyNames()) {
        JsonNode other = b.get(k);
        if (other == null || !same(a.get(k), other, charged)) {
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
        if (!same(a.get(i), b.get(i), charged)) {
          return false;
        }
      }
      return true;
    }
    return a.getNodeType() == b.getNodeType() && a.equals(b);
  }

  /**
   * Adds the differences of two nodes, at {@code fromPath} in the first document and {@code toPath}
   * in the second; false once {@code limit} is passed.
   */
  private boolean walk(List<String> fromPath, List<String> toPath, JsonNode from, JsonNode to) {
    if (from.isObject() && to.isObject()) {
      for (String k : from.propertyNames()) {
        JsonNode other = to.get(k);
        boolean more =
            other == null
                ? add(fromPath, k, Kind.REMOVED, from.get(k), null)
                : walkInto(fromPath, k, toPath, k, from.get(k), other);
        if (!more) {
          return false;
        }
      }
      for (String k : to.propertyNames()) {
        if (from.get(k) == null && !add(toPath, k, Kind.ADDED, null, to.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (from.isArray() && to.isArray()) {
      return walkArrays(fromPath, toPath, from, to);
    }
    if (same(from, to)) {
      return true;
    }
    if (out.size() >= limit) {
      return false;
    }
    out.add(new Change(List.copyOf(toPath), Kind.CHANGED, from, to));
    return true;
  }

  private boolean walkInto(
      List<String> fromPath,
      String fromKey,
      List<String> toPath,
      String toKey,
      JsonNode from,
      JsonNode to) {
    fromPath.add(fromKey);
    toPath.add(toKey);
    boolean more = walk(fromPath, toPath, from, to);
    fromPath.remove(fromPath.size() - 1);
    toPath.remove(toPath.size() - 1);
    return more;
  }

  /**
   * Adds the differences of two arrays: aligned on a longest common subsequence of equal elements
   * (see the class comment), the rest in pairs by position.
   */
  private boolean walkArrays(
      List<String> fromPath, List<String> toPath, JsonNode from, JsonNode to) {
    int n = from.size();
    int m = to.size();
    int start = 0;
    while (start < n && start < m && same(from.get(start), to.get(start), this)) {
      start++;
    }
    int end = 0; // equal elements at both ends, after the common start
    while (end < n - start
        && end < m - start
        && (n - 1 - end > start || m - 1 - end > start) // not the pair found different
        && same(from.get(n - 1 - end), to.get(m - 1 - end), this)) {
      end++;
    }
    int rows = n - start - end;
    int cols = m - start - end;
    long cells = (long) rows * cols;
    // matched[r]: the index in `to` that from[start + r] is aligned with, or -1; null: none is
    int[] matched = null;
    if (rows + cols > 2 && cells > 0 && cells <= MAX_ALIGNED_PAIRS && cells <= cellsLeft) {
      cellsLeft -= cells;
      matched = align(from, to, start, rows, cols);
    }
    int i = start;
    int j = start;
    for (int r = 0; r <= rows; r++) {
      if (r < rows && (matched == null || matched[r] < 0)) {
        continue;
      }
      // the gap up to the next aligned pair (or to the common end)
      int gapFrom = r < rows ? start + r : n - end;
      int gapTo = r < rows ? matched[r] : m - end;
      for (; i < gapFrom && j < gapTo; i++, j++) {
        if (!walkInto(
            fromPath, Integer.toString(i), toPath, Integer.toString(j), from.get(i), to.get(j))) {
          return false;
        }
      }
      for (; i < gapFrom; i++) {
        if (!add(fromPath, Integer.toString(i), Kind.REMOVED, from.get(i), null)) {
          return false;
        }
      }
      for (; j < gapTo; j++) {
        if (!add(toPath, Integer.toString(j), Kind.ADDED, null, to.get(j))) {
          return false;
        }
      }
      i++; // past the aligned pair, which is equal
      j++;
    }
    return true;
  }

  /**
   * A longest common subsequence of {@code from[start, start + rows)} and {@code to[start, start +
   * cols)}, elements told apart by their canonical form: for each of the first's elements the index
   * in {@code to} it is aligned with, or -1; null when the forms would pass what is left of the
   * diff's characters.
   */
  private int[] align(JsonNode from, JsonNode to, int start, int rows, int cols) {
    Map<String, Integer> classes = new HashMap<>();
    int[] a = new int[rows];
    int[] b = new int[cols];
    StringBuilder form = new StringBuilder();
    for (int k = 0; k < rows + cols; k++) {
      form.setLength(0);
      if (!canonical(k < rows ? from.get(start + k) : to.get(start + k - rows), form)) {
        charsLeft = 0; // what the failed form wrote counts too
        return null;
      }
      charsLeft -= form.length();
      Integer id = classes.computeIfAbsent(form.toString(), f -> classes.size());
      if (k < rows) {
        a[k] = id;
      } else {
        b[k - rows] = id;
      }
    }
    // lcs[r * w + c]: the length of a longest common subsequence of a[r..] and b[c..]
    int w = cols + 1;
    int[] lcs = new int[(rows + 1) * w];
    for (int r = rows - 1; r >= 0; r--) {
      for (int c = cols - 1; c >= 0; c--) {
        lcs[r * w + c] =
            a[r] == b[c]
                ? lcs[(r + 1) * w + c + 1] + 1
                : Math.max(lcs[(r + 1) * w + c], lcs[r * w + c + 1]);
      }
    }
    int[] matched = new int[rows];
    java.util.Arrays.fill(matched, -1);
    for (int r = 0, c = 0; r < rows && c < cols; ) {
      if (a[r] == b[c]) {
        matched[r++] = start + c++;
      } else if (lcs[(r + 1) * w + c] >= lcs[r * w + c + 1]) {
        r++;
      } else {
        c++;
      }
    }
    return matched;
  }

  /**
   * Writes the canonical form of a value (equal exactly when {@link #same} is true: numbers by
   * their value, keys in sorted order, strings with their length) into {@code form}; false when it
   * would pass what is left of the diff's characters.
   */
  private boolean canonical(JsonNode v, StringBuilder form) {
    if (v.isNumber()) {
      form.append('n').append(RunValues.canonicalNumber(v.decimalValue())).append(';');
    } else if (v.isString()) {
      String text = v.asString();
      form.append('s').append(text.length()).append(':').append(text);
    } else if (v.isObject()) {
      form.append('{');
      List<String> keys = new ArrayList<>(v.propertyNames());
      java.util.Collections.sort(keys);
      for (String k : keys) {
        form.append(k.length()).append(':').append(k);
        if (!canonical(v.get(k), form)) {
          return false;
        }
      }
      form.append('}');
    } else if (v.isArray()) {
      form.append('[');
      for (JsonNode e : v) {
        if (!canonical(e, form)) {
          return false;
        }
      }
      form.append(']');
    } else {
      form.append(v.isNull() ? "z" : v.asBoolean() ? "t" : "f");
    }
    return form.length() <= charsLeft;
  }

  private boolean add(List<String> path, String key, Kind kind, JsonNode from, JsonNode to) {
    if (out.size() >= limit) {
      return false;
    }
    path.add(key);
    out.add(new Change(List.copyOf(path), kind, from, to));
    path.remove(path.size() - 1);
    return true;
  }
}
