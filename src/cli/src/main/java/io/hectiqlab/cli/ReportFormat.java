package io.hectiqlab.cli;

import io.hectiqlab.Location;
import io.hectiqlab.Violation;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code validate} reports its results, one implementation per {@code --format} name: {@code
 * text} for people, {@code json} for scripts, {@code github}, {@code junit} and {@code sarif} for
 * CI servers. An implementation writes the whole report at once, in the order of the results (files
 * in the order the arguments name them, violations in document order), so that the same run always
 * prints the same report.
 */
interface ReportFormat {
  /** The names {@code validate --format} takes. */
  enum Name {
    text,
    json,
    github,
    junit,
    sarif;

    /**
     * The format of this name.
     *
     * @param style colours, for {@code text}
     * @param listValid whether {@code text} names the valid files too ({@code --verbose})
     * @param layers how many layers were composed into the one config the results are about, or
     *     null when each result is a config of its own: the summary counts layers, not files
     */
    ReportFormat create(Style style, boolean listValid, Integer layers) {
      return switch (this) {
        case text -> new TextReport(style, listValid, layers);
        case json -> new JsonReport();
        case github -> new GitHubReport(layers);
        case junit -> new JUnitReport();
        case sarif -> new SarifReport();
      };
    }
  }

  /**
   * The keyword of the one violation a document gets when it cannot be read or parsed (see {@code
   * ConfigSchema.validate}); the CI formats report it as an error, not as a failed check.
   */
  String SYNTAX = "syntax";

  /**
   * Writes the report.
   *
   * @param template the template's origin (its file, or its name); {@code text} does not use it
   * @param results what validation found, one result per config
   * @param out where the report goes
   */
  void write(String template, List<ValidateCommand.FileResult> results, PrintStream out);

  /**
   * Where in the document a violation is, as every format shows it: its JSON Pointer, or {@code
   * (root)} for the document itself ({@link Location#path}).
   */
  static String shownPath(Violation v) {
    return Location.path(v.instancePath());
  }

  /**
   * A config's name as a path relative to the working directory when it lies inside it (CI servers
   * resolve files from the checkout, which is where the command runs), else as given ({@code
   * <stdin>} is a relative path of one element); null when the name is no valid path.
   */
  static Path relativeToWorkingDirectory(String name) {
    Path p;
    try {
      p = Path.of(name);
    } catch (InvalidPathException e) {
      return null;
    }
    if (p.isAbsolute()) {
      Path cwd = Path.of("").toAbsolutePath();
      Path n = p.normalize();
      if (n.startsWith(cwd) && !n.equals(cwd)) {
        return cwd.relativize(n);
      }
    }
    return p;
  }

  /**
   * A config's name for a CI server: relative to the working directory when inside it, with forward
   * slashes whatever the platform.
   */
  static String ciPath(String name) {
    Path p = relativeToWorkingDirectory(name);
    if (p == null || p.isAbsolute()) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (Path segment : p) {
      sb.append(sb.length() == 0 ? "" : "/").append(segment);
    }
    return sb.toString();
  }
}
