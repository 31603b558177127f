package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --format sarif}: a SARIF 2.1.0 log that conforms to the subset the command emits
 * ({@code reports/sarif-2.1.0-subset.schema.json} in the test resources, checked with the project's
 * own {@link ConfigSchema}), one rule per keyword and one result per violation.
 */
class SarifFormatIT {
  static ConfigSchema sarif;

  @TempDir static Path schemaDir;
  @TempDir Path dir;
  Cli cli;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path file = schemaDir.resolve("sarif-2.1.0-subset.schema.json");
    try (InputStream in =
        SarifFormatIT.class.getResourceAsStream("/reports/" + file.getFileName())) {
      Files.copy(in, file);
    }
    sarif = ConfigSchema.load(file);
  }

  @BeforeEach
  void configs() {
    cli = new Cli(dir, Map.of());
    ReportFixtures.write(dir);
  }

  /** Runs validate --format sarif, checks the log against the subset schema and returns it. */
  Config sarif(Cli cli, Path where, String... inputs) {
    List<String> args =
        new ArrayList<>(List.of("validate", "-t", ReportFixtures.TEMPLATE, "--format", "sarif"));
    args.addAll(List.of(inputs));
    Cli.Result r = cli.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isIn(0, 1);
    assertThat(r.err()).isEmpty();
    try {
      Path log = Files.writeString(where.resolve("report.sarif.json"), r.out());
      ValidationResult conforms = sarif.validate(log);
      assertThat(conforms.violations()).as(r.out()).isEmpty();
      return Config.load(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Config run(Config log) {
    return (Config) log.getList("runs").get(0);
  }

  static List<Config> configs(List<Object> list) {
    return list.stream().map(Config.class::cast).toList();
  }

  @Test
  void oneSortedRulePerKeywordAndOneResultPerViolationInTheTextOrder() {
    Config log = sarif(cli, dir, "configs");
    assertThat(log.getString("version")).isEqualTo("2.1.0");
    assertThat(log.getString("$schema")).endsWith("/sarif-schema-2.1.0.json");
    Config driver = run(log).getConfig("tool.driver");
    assertThat(driver.getString("name")).isEqualTo("hectiqlab");
    assertThat(driver.getString("version")).startsWith("0.");
    List<Config> rules = configs(driver.getList("rules"));
    assertThat(rules)
        .extracting(r -> r.getString("id"))
        .containsExactly("additionalProperties", "maximum", "oneOf", "required", "syntax");
    assertThat(rules.get(4).getString("shortDescription.text"))
        .isEqualTo("The config cannot be read or parsed.");
    assertThat(rules.get(1).getString("shortDescription.text"))
        .isEqualTo("The config fails the template's JSON Schema keyword \"maximum\".");

    List<Config> results = configs(run(log).getList("results"));
    assertThat(results)
        .extracting(
            r ->
                r.getString("ruleId")
                    + " "
                    + location(r)
                    + " "
                    + r.getString("message.text").lines().findFirst().orElseThrow())
        .containsExactly(
            "additionalProperties configs/b%2Cx.json:1:15 /"
                + ReportFixtures.AWKWARD_KEY.lines().findFirst().orElseThrow(),
            "syntax configs/bad.yaml:2:1 (root): invalid YAML: expected the node content, but"
                + " found '<stream end>' (while parsing a flow node at line 2, column 1)",
            "syntax configs/e.json (root): empty document: expected a value",
            "required configs/lr.yaml:1:1 (root): missing required property 'name'",
            "maximum configs/lr.yaml:1:5 /lr: must be at most 1",
            "oneOf configs/lr.yaml:3:3 /optimizer: must match exactly one of 2 alternatives but"
                + " matches none; closest is alternative 2, where kind is \"adam\"");
    for (Config r : results) {
      assertThat(r.getString("level")).isEqualTo("error");
      assertThat(rules.get(r.getInt("ruleIndex")).getString("id")).isEqualTo(r.getString("ruleId"));
    }
    assertThat(results.get(0).getString("message.text"))
        .isEqualTo(
            "/"
                + ReportFixtures.AWKWARD_KEY
                + ": unknown property '"
                + ReportFixtures.AWKWARD_KEY
                + "'");
    assertThat(results.get(5).getString("message.text"))
        .endsWith("\n  configs/lr.yaml:4:9: /optimizer/beta: must be at most 1 (maximum)");
    assertThat(run(log).containsKey("invocations")).isFalse();
  }

  /** {@code uri:line:column}, or the URI alone when the result has no region. */
  static String location(Config result) {
    Config physical = ((Config) result.getList("locations").get(0)).getConfig("physicalLocation");
    String uri = physical.getString("artifactLocation.uri");
    if (!physical.containsKey("region")) {
      return uri;
    }
    return uri
        + ":"
        + physical.getInt("region.startLine")
        + ":"
        + physical.getInt("region.startColumn");
  }

  @Test
  void artifactUrisAreRelativeToTheWorkingDirectoryAndPercentEncoded() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.copy(dir.resolve(ReportFixtures.TEMPLATE), work.resolve(ReportFixtures.TEMPLATE));
    Path sub = Files.createDirectories(work.resolve("sub dir"));
    Files.writeString(sub.resolve("100%,x:y [1].yaml"), "lr: 2\nname: n\n");
    Path outside = Files.writeString(dir.resolve("out side.yaml"), "lr: 3\nname: n\n");
    Cli inWork = new Cli(work, Map.of());

    String relative = "sub dir/100%,x:y [1].yaml";
    Config log =
        sarif(
            inWork,
            dir,
            relative,
            work.resolve(relative).toAbsolutePath().toString(),
            outside.toAbsolutePath().toString());
    List<String> uris =
        configs(run(log).getList("results")).stream().map(SarifFormatIT::location).toList();
    String outsideUri = outside.toAbsolutePath().toUri().toASCIIString();
    assertThat(outsideUri).startsWith("file:///").contains("out%20side.yaml");
    assertThat(uris)
        .containsExactly(
            "sub%20dir/100%25%2Cx%3Ay%20%5B1%5D.yaml:1:5",
            "sub%20dir/100%25%2Cx%3Ay%20%5B1%5D.yaml:1:5", outsideUri + ":1:5");
  }

  @Test
  void charactersOutsideAsciiArePercentEncodedAsUtf8() throws IOException {
    Assumptions.assumeTrue(
        "UTF-8".equals(System.getProperty("sun.jnu.encoding")), "file names are not UTF-8 here");
    Files.writeString(dir.resolve("été.yaml"), "lr: 2\nname: n\n");
    Config log = sarif(cli, dir, "été.yaml");
    assertThat(location((Config) run(log).getList("results").get(0)))
        .isEqualTo("%C3%A9t%C3%A9.yaml:1:5");
  }

  @Test
  void aTruncatedFileGetsAWarningNotificationInTheInvocation() throws IOException {
    ReportFixtures.writeTruncated(dir);
    Config log = sarif(cli, dir, "many.yaml");
    Config run = run(log);
    assertThat(run.getList("results")).hasSize(100);
    Config invocation = (Config) run.getList("invocations").get(0);
    assertThat(invocation.getBoolean("executionSuccessful")).isTrue();
    Config notification = (Config) invocation.getList("toolExecutionNotifications").get(0);
    assertThat(notification.getString("level")).isEqualTo("warning");
    assertThat(notification.getString("message.text"))
        .isEqualTo("more problems not shown: validation stopped at the limit");
    assertThat(location(notification)).isEqualTo("many.yaml");
  }

  @Test
  void aValidRunHasNoResultsAndExitsZero() {
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "sarif", "configs/a.yaml");
    assertThat(r.code()).isZero();
    Config log = sarif(cli, dir, "configs/a.yaml");
    assertThat(run(log).getList("results")).isEmpty();
    assertThat(run(log).getList("tool.driver.rules")).isEmpty();
  }

  @Test
  void theSubsetSchemaRejectsLogsCodeScanningCannotRead() throws IOException {
    // The schema is not vacuous: a result without a rule, a line 0, a URI with a space.
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "sarif", "configs/lr.yaml");
    assertThat(keywords(r.out())).isEmpty();
    assertThat(keywords(broken(r.out(), "\"ruleId\": \"required\",", ""))).contains("required");
    assertThat(keywords(broken(r.out(), "\"startLine\": 1,", "\"startLine\": 0,")))
        .contains("minimum");
    assertThat(
            keywords(
                broken(r.out(), "\"uri\": \"configs/lr.yaml\"", "\"uri\": \"configs/l r.yaml\"")))
        .contains("pattern");
  }

  static String broken(String log, String part, String replacement) {
    assertThat(log).contains(part);
    return log.replace(part, replacement);
  }

  List<String> keywords(String log) throws IOException {
    Path file = Files.writeString(dir.resolve("broken.sarif.json"), log);
    return sarif.validate(file).violations().stream().map(v -> v.keyword()).toList();
  }
}
