package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hectiqlab validate} prints a failed {@code oneOf} as one summary line with the closest
 * alternative's violations indented below it, and nests them under {@code details} in the JSON
 * report.
 */
class AlternativesCommandIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void writeTemplateAndConfig() throws Exception {
    cli = new Cli(dir, Map.of());
    Files.writeString(
        dir.resolve("service.schema.json"),
        """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "owner": {"type": "string", "format": "email"},
            "cache": {
              "oneOf": [
                {"type": "object", "additionalProperties": false, "required": ["type"],
                 "properties": {"type": {"const": "memory"}, "size": {"type": "integer"}}},
                {"type": "object", "additionalProperties": false, "required": ["type", "redis_url"],
                 "properties": {"type": {"const": "redis"}, "redis_url": {"type": "string"},
                                "ttl": {"type": "integer", "minimum": 1}}}
              ]
            }
          }
        }
        """);
    Files.writeString(
        dir.resolve("service.yaml"), "owner: ops@build.example\ncache:\n  type: redis\n  ttl: 0\n");
  }

  @Test
  void validatePrintsTheClosestAlternativesViolationsIndented() {
    Cli.Result r = cli.run("validate", "-t", "service.schema.json", "service.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "service.yaml:3:3: /cache: must match exactly one of 2 alternatives but matches"
                + " none; closest is alternative 2, where type is \"redis\" (oneOf)\n"
                + "  service.yaml:3:3: /cache: missing required property 'redis_url' (required)\n"
                + "  service.yaml:4:8: /cache/ttl: must be at least 1 (minimum)\n"
                + "0 valid, 1 invalid, 1 file\n");
  }

  @Test
  void jsonReportNestsTheDetails() {
    Cli.Result r =
        cli.run("validate", "-t", "service.schema.json", "--format", "json", "service.yaml");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    Config report = Config.fromJson(r.out());
    assertThat(report.getString("files.0.violations.0.keyword")).isEqualTo("oneOf");
    assertThat(report.getInt("files.0.violations.0.line")).isEqualTo(3);
    assertThat(report.getString("files.0.violations.0.details.0.message"))
        .isEqualTo("missing required property 'redis_url'");
    assertThat(report.getString("files.0.violations.0.details.1.path")).isEqualTo("/cache/ttl");
    assertThat(report.getInt("files.0.violations.0.details.1.line")).isEqualTo(4);
    assertThat(report.getInt("files.0.violations.0.details.1.column")).isEqualTo(8);
  }
}
