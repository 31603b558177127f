package io.hectiqlab.cli;

import picocli.CommandLine.Help.Ansi;

/**
 * Colours for a terminal: on only when the output is a terminal, {@code NO_COLOR} is unset, {@code
 * TERM} is not {@code dumb} and {@code --no-color} was not given.
 */
record Style(boolean color, boolean terminal) {
  static Style detect(boolean noColorFlag) {
    boolean terminal = System.console() != null;
    String noColor = System.getenv("NO_COLOR");
    boolean color =
        terminal
            && !noColorFlag
            && (noColor == null || noColor.isEmpty())
            && !"dumb".equals(System.getenv("TERM"));
    return new Style(color, terminal);
  }

  Ansi ansi() {
    return color ? Ansi.ON : Ansi.OFF;
  }

  String error(String s) {
    return wrap("1;31", s);
  }

  String ok(String s) {
    return wrap("32", s);
  }

  String bold(String s) {
    return wrap("1", s);
  }

  private String wrap(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
