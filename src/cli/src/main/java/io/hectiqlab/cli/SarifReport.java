package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.PercentEncoding;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code --format sarif}: a SARIF 2.1.0 log for code scanning. One run whose tool is {@code
 * hectiqlab} with one rule per schema keyword that failed (rule id = keyword, sorted), and one
 * result of level {@code error} per violation: its message is {@code /path: message} (a failed
 * oneOf/anyOf's closest alternative on the lines below), its location the file and, when known, the
 * line and column. A file whose violations were cut short gets a warning notification in the run's
 * invocation. Under {@code validate --compose}, a problem about a layer that is no file ({@code env
 * VAR}, {@code --set ARG}, {@code (default)}) has a logical location named after the layer and no
 * physical one (SARIF allows it; code scanning, which wants a file, may not show it).
 *
 * <p>Artifact URIs are relative to the working directory (where code scanning's checkout is) with
 * forward slashes, each byte other than ASCII letters, digits and {@code -._~} percent-encoded; a
 * file outside the working directory gets an absolute {@code file:} URI.
 */
final class SarifReport implements ReportFormat {
  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  @Override
  public void write(String template, List<ValidateCommand.FileResult> results, PrintStream out) {
    TreeSet<String> keywords = new TreeSet<>();
    for (ValidateCommand.FileResult r : results) {
      r.violations().forEach(v -> keywords.add(v.keyword()));
    }
    List<String> ruleIds = new ArrayList<>(keywords);
    List<Config> rules = new ArrayList<>();
    for (String keyword : ruleIds) {
      rules.add(rule(keyword, description(keyword)));
    }
    List<Config> found = new ArrayList<>();
    List<Config> notifications = new ArrayList<>();
    for (ValidateCommand.FileResult r : results) {
      String uri = r.file() ? uri(r.name()) : null;
      for (Violation v : r.violations()) {
        found.add(
            result(
                v.keyword(),
                ruleIds.indexOf(v.keyword()),
                "error",
                message(v),
                location(uri, r.name(), v)));
      }
      if (r.truncated()) {
        notifications.add(
            Config.of(
                "level", "warning",
                "message",
                    Config.of("text", "more problems not shown: validation stopped at the limit"),
                "locations", List.of(location(uri, r.name(), null))));
      }
    }
    out.println(log(rules, found, notifications).toJson());
  }

  /**
   * The log: one run of the tool {@code hectiqlab} (with its version) with these rules, results
   * and, when there are any, notifications (in one invocation that succeeded).
   */
  static Config log(List<Config> rules, List<Config> results, List<Config> notifications) {
    Config run =
        Config.of(
            "tool",
            Config.of(
                "driver",
                Config.of(
                    "name",
                    "hectiqlab",
                    "version",
                    HectiqlabCommand.Version.number(),
                    "rules",
                    rules)),
            "results",
            results);
    if (!notifications.isEmpty()) {
      run.set(
          "invocations",
          List.of(
              Config.of("executionSuccessful", true, "toolExecutionNotifications", notifications)));
    }
    return Config.of("$schema", SCHEMA, "version", "2.1.0", "runs", List.of(run));
  }

  /** A rule of the tool: its id and what it checks. */
  static Config rule(String id, String description) {
    return Config.of("id", id, "shortDescription", Config.of("text", description));
  }

  /**
   * A result of the rule at {@code ruleIndex} in the log's rules, at one location.
   *
   * @param level {@code error}, {@code warning} or {@code note}
   */
  static Config result(String ruleId, int ruleIndex, String level, String message, Config where) {
    return Config.of(
        "ruleId", ruleId,
        "ruleIndex", ruleIndex,
        "level", level,
        "message", Config.of("text", message),
        "locations", List.of(where));
  }

  private static String description(String keyword) {
    return keyword.equals(SYNTAX)
        ? "The config cannot be read or parsed."
        : "The config fails the template's JSON Schema keyword \"" + keyword + "\".";
  }

  /** {@code /path: message}, then the closest alternative's violations, one line each. */
  private static String message(Violation v) {
    StringBuilder sb = new StringBuilder();
    sb.append(ReportFormat.shownPath(v)).append(": ");
    sb.append(v.message());
    details(v, "  ", sb);
    return sb.toString();
  }

  private static void details(Violation v, String indent, StringBuilder sb) {
    for (Violation d : v.details()) {
      sb.append('\n').append(indent).append(d);
      details(d, indent + "  ", sb);
    }
  }

  /**
   * A physical location: the file, and the violation's line and column when known; for a layer that
   * is no file (uri null) a logical location named after the layer.
   */
  private static Config location(String uri, String layer, Violation v) {
    if (uri == null) {
      return Config.of("logicalLocations", List.of(Config.of("name", layer)));
    }
    return v == null ? physical(uri, 0, 0) : physical(uri, v.line(), v.column());
  }

  /**
   * A location in a file: its artifact URI ({@link #uri}) and, when the line is known (above 0), a
   * region starting there (with the column when above 0).
   */
  static Config physical(String uri, int line, int column) {
    Config physical = Config.of("artifactLocation", Config.of("uri", uri));
    if (line > 0) {
      Config region = Config.of("startLine", line);
      if (column > 0) {
        region.set("startColumn", column);
      }
      physical.set("region", region);
    }
    return Config.of("physicalLocation", physical);
  }

  /**
   * A config's artifact URI: relative to the working directory when inside it, segments joined by
   * {@code /} and percent-encoded; else an absolute {@code file:} URI.
   */
  static String uri(String name) {
    Path p = ReportFormat.relativeToWorkingDirectory(name);
    if (p == null) {
      return PercentEncoding.encode(name);
    }
    if (p.isAbsolute()) {
      return p.toUri().toASCIIString();
    }
    StringBuilder sb = new StringBuilder();
    for (Path segment : p) {
      sb.append(sb.length() == 0 ? "" : "/").append(PercentEncoding.encode(segment.toString()));
    }
    return sb.toString();
  }
}
