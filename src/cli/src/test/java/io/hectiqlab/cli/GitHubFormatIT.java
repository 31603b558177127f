package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --format github}: GitHub Actions workflow commands, read back by the rules GitHub
 * documents (a line {@code ::NAME k=v,k=v::MESSAGE}; in the message {@code %25 %0D %0A} stand for
 * {@code % CR LF}, in property values also {@code %3A %2C} for {@code : ,}).
 */
class GitHubFormatIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void configs() {
    cli = new Cli(dir, Map.of());
    ReportFixtures.write(dir);
  }

  /** One workflow command as GitHub reads it: its name, its properties and its message. */
  record Command(String name, Map<String, String> properties, String message) {}

  /** Parses a workflow command line by the documented rules, undoing the escapes. */
  static Command parse(String line) {
    assertThat(line).startsWith("::");
    int end = line.indexOf("::", 2);
    assertThat(end).as(line).isPositive();
    String head = line.substring(2, end);
    int space = head.indexOf(' ');
    String name = space < 0 ? head : head.substring(0, space);
    Map<String, String> properties = new LinkedHashMap<>();
    if (space >= 0) {
      for (String pair : head.substring(space + 1).split(",")) {
        int eq = pair.indexOf('=');
        assertThat(eq).as(pair).isPositive();
        properties.put(pair.substring(0, eq), unescapeProperty(pair.substring(eq + 1)));
      }
    }
    return new Command(name, properties, unescapeData(line.substring(end + 2)));
  }

  static String unescapeData(String s) {
    return unescape(s, Map.of("%25", "%", "%0D", "\r", "%0A", "\n"));
  }

  static String unescapeProperty(String s) {
    return unescape(s, Map.of("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ","));
  }

  /** Undoes escapes left to right; a {@code %} that starts none of them stays. */
  private static String unescape(String s, Map<String, String> escapes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      String three = s.length() - i >= 3 ? s.substring(i, i + 3) : "";
      if (escapes.containsKey(three)) {
        sb.append(escapes.get(three));
        i += 3;
      } else {
        sb.append(s.charAt(i++));
      }
    }
    return sb.toString();
  }

  @Test
  void escapesPercentColonCommaAndLineBreaksInMessagesPropertiesAndFileNames() {
    Cli.Result r =
        cli.run(
            "validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "configs/b,x.json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "::error file=configs/b%2Cx.json,line=1,col=15,title=/a%25b%3Ac%2Cd%0D%0Ae"
                + " (additionalProperties)::unknown property 'a%25b:c,d%0D%0Ae'\n"
                + "0 valid, 1 invalid, 1 file\n");
    Command c = parse(r.out().lines().findFirst().orElseThrow());
    assertThat(c.name()).isEqualTo("error");
    assertThat(c.properties())
        .containsExactly(
            Map.entry("file", "configs/b,x.json"),
            Map.entry("line", "1"),
            Map.entry("col", "15"),
            Map.entry("title", "/" + ReportFixtures.AWKWARD_KEY + " (additionalProperties)"));
    assertThat(c.message()).isEqualTo("unknown property '" + ReportFixtures.AWKWARD_KEY + "'");
  }

  @Test
  void everyViolationIsOneAnnotationMatchingTheJsonReportInTheSameOrder() {
    Cli.Result github =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "configs");
    Cli.Result json =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "json", "configs");
    assertThat(github.code()).as(github.toString()).isEqualTo(1);
    assertThat(json.code()).isEqualTo(1);

    List<String> lines = github.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("1 valid, 4 invalid, 5 files");
    List<Command> annotations =
        lines.subList(0, lines.size() - 1).stream().map(GitHubFormatIT::parse).toList();

    List<Command> expected = new ArrayList<>();
    for (Object f : Config.fromJson(json.out()).getList("files")) {
      Config file = (Config) f;
      for (Object o : file.getList("violations")) {
        Config v = (Config) o;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("file", file.getString("file"));
        if (v.get("line") != null) {
          p.put("line", String.valueOf(v.getInt("line")));
          p.put("col", String.valueOf(v.getInt("column")));
        }
        String path = v.getString("path").isEmpty() ? "(root)" : v.getString("path");
        p.put("title", path + " (" + v.getString("keyword") + ")");
        String message = v.getString("message");
        if (v.containsKey("details")) {
          for (Object d : v.getList("details")) {
            Config detail = (Config) d;
            message +=
                "\n  "
                    + file.getString("file")
                    + ":"
                    + detail.getInt("line")
                    + ":"
                    + detail.getInt("column")
                    + ": "
                    + detail.getString("path")
                    + ": "
                    + detail.getString("message")
                    + " ("
                    + detail.getString("keyword")
                    + ")";
          }
        }
        expected.add(new Command("error", p, message));
      }
    }
    assertThat(annotations).containsExactlyElementsOf(expected);
    assertThat(annotations).hasSize(6);
  }

  @Test
  void aViolationWithoutAPositionStillNamesTheFile() {
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "configs/e.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "::error file=configs/e.json,title=(root) (syntax)::empty document: expected a value\n"
                + "0 valid, 1 invalid, 1 file\n");
  }

  @Test
  void theClosestAlternativeFollowsOnLinesOfItsOwnInsideOneAnnotation() {
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "configs/lr.yaml");
    assertThat(r.out().lines())
        .contains(
            "::error file=configs/lr.yaml,line=3,col=3,title=/optimizer (oneOf)::must match exactly"
                + " one of 2 alternatives but matches none; closest is alternative 2, where kind is"
                + " \"adam\"%0A  configs/lr.yaml:4:9: /optimizer/beta: must be at most 1 (maximum)");
  }

  @Test
  void filesAreNamedRelativeToTheWorkingDirectoryWithForwardSlashes() {
    String absolute = dir.resolve("configs/lr.yaml").toAbsolutePath().toString();
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", absolute);
    assertThat(r.out().lines().limit(3))
        .allMatch(l -> l.startsWith("::error file=configs/lr.yaml,"));
  }

  @Test
  void aTruncatedFileGetsAWarningAfterItsErrors() throws Exception {
    ReportFixtures.writeTruncated(dir);
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "many.yaml");
    assertThat(r.code()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(102);
    assertThat(lines.subList(0, 100)).allMatch(l -> l.startsWith("::error file=many.yaml,line="));
    assertThat(lines.get(100))
        .isEqualTo(
            "::warning file=many.yaml,title=more problems::more problems not shown: validation"
                + " stopped at the limit");
    assertThat(lines.get(101)).isEqualTo("0 valid, 1 invalid, 1 file");
  }

  @Test
  void validFilesPrintOnlyTheSummaryAndExitZero() {
    Cli.Result r =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "github", "configs/a.yaml");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("1 valid, 0 invalid, 1 file\n");
  }
}
