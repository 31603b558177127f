package io.hectiqlab.cli;

import io.hectiqlab.internal.Printable;
import java.util.List;

/** Text tables: a bold header row, columns padded to their widest cell, two spaces apart. */
final class Tables {
  private Tables() {}

  /**
   * Formats rows, the first one the header; every cell is escaped ({@link Printable}) so that a
   * value cannot break a row or send terminal escapes; the last column is not padded.
   */
  static String format(List<String[]> rows, Style style) {
    List<String[]> escaped =
        rows.stream()
            .map(
                row -> {
                  String[] copy = new String[row.length];
                  for (int i = 0; i < row.length; i++) {
                    copy[i] = Printable.escape(row[i]);
                  }
                  return copy;
                })
            .toList();
    int last = escaped.get(0).length - 1;
    int[] width = new int[last];
    for (String[] row : escaped) {
      for (int i = 0; i < last; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < escaped.size(); r++) {
      String[] row = escaped.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < last; i++) {
        line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
      }
      line.append(row[last]);
      sb.append(r == 0 ? style.bold(line.toString().strip()) : line.toString().strip())
          .append('\n');
    }
    return sb.toString();
  }
}
