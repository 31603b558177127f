package io.hectiqlab.cli;

import io.hectiqlab.Config;
import io.hectiqlab.Violation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --format json}: one JSON report, {@code {"template", "files": [{"file", "valid",
 * "truncated", "violations": [{"line", "column", "path", "keyword", "message", "details"?}]}],
 * "summary": {"files", "valid", "invalid"}}}.
 */
final class JsonReport implements ReportFormat {
  @Override
  public void write(String template, List<ValidateCommand.FileResult> results, PrintStream out) {
    List<Config> files = new ArrayList<>();
    int invalid = 0;
    for (ValidateCommand.FileResult r : results) {
      List<Config> violations = new ArrayList<>();
      for (Violation v : r.violations()) {
        violations.add(json(v));
      }
      if (!r.isValid()) {
        invalid++;
      }
      files.add(
          Config.of(
              "file", r.name(),
              "valid", r.isValid(),
              "truncated", r.truncated(),
              "violations", violations));
    }
    out.println(
        Config.of(
                "template", template,
                "files", files,
                "summary",
                    Config.of(
                        "files",
                        results.size(),
                        "valid",
                        results.size() - invalid,
                        "invalid",
                        invalid))
            .toJson());
  }

  /** A violation in the report; {@code details} only when it has some. */
  static Config json(Violation v) {
    Config c =
        Config.of(
            "line", v.line() > 0 ? v.line() : null,
            "column", v.column() > 0 ? v.column() : null,
            "path", v.instancePath(),
            "keyword", v.keyword(),
            "message", v.message());
    if (!v.details().isEmpty()) {
      c.set("details", v.details().stream().map(JsonReport::json).toList());
    }
    return c;
  }
}
