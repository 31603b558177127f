package io.hectiqlab.server;

import java.util.List;

/**
 * A column of a project's runs table, which is also what a filter compares: an attribute of the run
 * ({@code name}, {@code created}, {@code versions}, {@code last_push}, {@code template}) or the
 * value at a path of the run's latest config ({@code config.optimizer.lr}) or of its metadata
 * ({@code meta.accuracy}). A path segment holding characters other than letters, digits, {@code _}
 * and {@code -} (a key with a dot, a space) is written in double quotes: {@code config."a.b".c}.
 * Immutable.
 *
 * @param source where the value comes from
 * @param path for {@link Source#RUN} the attribute's name (one element); otherwise the keys (and
 *     array indices, as digits) from the root of the config or metadata, never empty
 */
record RunColumn(Source source, List<String> path) {
  /** Where a column's value comes from. */
  enum Source {
    /** An attribute of the run itself. */
    RUN,
    /** The run's latest config version. */
    CONFIG,
    /** The run's metadata. */
    META
  }

  /** The run attributes, by name. */
  static final List<String> ATTRIBUTES =
      List.of("name", "created", "versions", "last_push", "template");

  /** The default sort: newest run first. */
  static final RunColumn CREATED = new RunColumn(Source.RUN, List.of("created"));

  RunColumn {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a column needs a path");
    }
    if (source == Source.RUN && (path.size() != 1 || !ATTRIBUTES.contains(path.get(0)))) {
      throw new IllegalArgumentException("no run attribute '" + String.join(".", path) + "'");
    }
  }

  /**
   * Reads a column as written in a URL or a filter: {@code created}, {@code config.optimizer.lr},
   * {@code meta."a.b"}.
   *
   * @throws IllegalArgumentException naming what is wrong, for a malformed column
   */
  static RunColumn parse(String text) {
    throw new UnsupportedOperationException("RunColumn.parse: written in issue16-filter");
  }

  /** The column as {@link #parse} reads it (segments quoted where needed). */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("RunColumn.toString: written in issue16-filter");
  }
}
