package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One {@code --format} vocabulary: {@code text} is the human output of every command that has the
 * option, and every format of {@code validate} exits and orders its report the same way.
 */
class FormatVocabularyIT {
  static final List<String> COMMANDS =
      List.of(
          "validate",
          "compose",
          "explain",
          "help",
          "codegen",
          "serve",
          "push",
          "download",
          "admin",
          "quickstart");

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void configs() {
    cli = new Cli(dir, Map.of());
    ReportFixtures.write(dir);
  }

  @Test
  void everyCommandWithFormatCallsItsHumanOutputTextAndDefaultsToIt() {
    Pattern option = Pattern.compile("^\\s+--format=(\\S+)\\s+(.*)$", Pattern.MULTILINE);
    int withFormat = 0;
    for (String command : COMMANDS) {
      Cli.Result r = cli.run(command, "--help");
      assertThat(r.code()).as(command).isZero();
      Matcher m = option.matcher(r.out());
      if (!m.find()) {
        continue;
      }
      withFormat++;
      assertThat(m.group(1)).as(command).startsWith("text|").doesNotContain("table");
      assertThat(m.group(2)).as(command).startsWith("text (the default");
    }
    assertThat(withFormat).isEqualTo(3); // validate, explain and help
  }

  @Test
  void helpFormatTextIsTheTableAndTheDefault() {
    Cli.Result text = cli.run("help", "-t", ReportFixtures.TEMPLATE, "--format", "text");
    Cli.Result plain = cli.run("help", "-t", ReportFixtures.TEMPLATE);
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).startsWith("FIELD").contains("optimizer").isEqualTo(plain.out());
  }

  @Test
  void theOldTableNameIsAUsageErrorNamingTheFormats() {
    Cli.Result r = cli.run("help", "-t", ReportFixtures.TEMPLATE, "--format", "table");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: Invalid value for option '--format': expected one of [text, json]"
                + " (case-sensitive) but was 'table'\n"
                + "Try 'hectiqlab help --help'.\n");
  }

  @Test
  void anUnknownValidateFormatNamesAllFive() {
    Cli.Result r = cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", "xml", "configs");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "hectiqlab: Invalid value for option '--format': expected one of [text, json, github,"
                + " junit, sarif] (case-sensitive) but was 'xml'\n");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.Name.class)
  void exitsZeroWhenValidOneWhenInvalidTwoForUsage(ReportFormat.Name format) {
    String f = format.name();
    assertThat(
            cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", f, "configs/a.yaml")
                .code())
        .isZero();
    assertThat(cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", f, "configs").code())
        .isEqualTo(1);
    Cli.Result noTemplate =
        cli.run("validate", "-t", "missing.schema.json", "--format", f, "configs");
    assertThat(noTemplate.code()).isEqualTo(2);
    assertThat(noTemplate.out()).isEmpty();
    Cli.Result noFile =
        cli.run("validate", "-t", ReportFixtures.TEMPLATE, "--format", f, "nothing.yaml");
    assertThat(noFile.code()).isEqualTo(2);
    assertThat(noFile.out()).isEmpty();
    assertThat(noFile.err()).startsWith("hectiqlab: nothing.yaml: no such file or directory");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.Name.class)
  void theReportIsTheSameOnEveryRunAndListsFilesInTheirSortedOrder(ReportFormat.Name format)
      throws IOException {
    Path many = Files.createDirectories(dir.resolve("many"));
    for (int i = 29; i >= 0; i--) {
      Files.writeString(
          many.resolve(String.format("c%02d.yaml", i)), "lr: " + (i + 2) + "\nname: n\n");
    }
    String[] args = {
      "validate", "-t", ReportFixtures.TEMPLATE, "--format", format.name(), "-j", "4", "many"
    };
    Cli.Result first = cli.run(args);
    Cli.Result second = cli.run(args);
    assertThat(first.code()).isEqualTo(1);
    assertThat(second.out()).isEqualTo(first.out());
    int last = -1;
    for (int i = 0; i < 30; i++) {
      int at = first.out().indexOf(String.format("c%02d.yaml", i));
      assertThat(at).as("c%02d.yaml", i).isGreaterThan(last);
      last = at;
    }
  }
}
