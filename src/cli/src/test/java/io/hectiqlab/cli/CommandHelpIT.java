package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's {@code --help} at 80 columns: nothing cut inside a word, examples as written. */
class CommandHelpIT {
  @TempDir Path dir;

  private Cli.Result help(String command, int width) {
    List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
    args.removeIf(String::isEmpty);
    args.add("--help");
    ProcessBuilder pb = new Cli(dir, Map.of()).builder(args.toArray(String[]::new));
    if (width > 0) {
      pb.command().add(1, "-Dpicocli.usage.width=" + width);
    }
    Cli.Result r = Cli.run(pb);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private static String examples(String help) {
    int at = help.indexOf("Examples:");
    return at < 0 ? "" : help.substring(at);
  }

  @ParameterizedTest(name = "hectiqlab {0} --help")
  @ValueSource(
      strings = {
        "",
        "validate",
        "compose",
        "explain",
        "compat",
        "help",
        "codegen",
        "serve",
        "push",
        "download",
        "template",
        "template publish",
        "template list",
        "template show",
        "template mode",
        "template pull",
        "admin",
        "admin user",
        "admin user create",
        "admin key",
        "admin key create",
        "admin key revoke",
        "admin project",
        "admin project create",
        "admin project list",
        "admin project add-member",
        "admin project remove-member",
        "quickstart"
      })
  void helpAtEightyColumnsBreaksLinesOnlyBetweenWordsAndKeepsExamplesAsWritten(String command) {
    String narrow = help(command, 0).out(); // picocli's default: 80 columns
    String wide = help(command, 2000).out();
    assertThat(narrow.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    // the same words in the same order: a line was never broken inside one
    assertThat(Arrays.asList(narrow.strip().split("\\s+")))
        .isEqualTo(Arrays.asList(wide.strip().split("\\s+")));
    assertThat(examples(narrow)).isEqualTo(examples(wide));
    assertThat(examples(narrow).lines().skip(1))
        .allSatisfy(l -> assertThat(l).matches("|  +\\S.*|[A-Z].*"));
  }

  @Test
  void validateShowsItsTemplateAsRequiredAndHelpAndPushAsOptional() {
    assertThat(help("validate", 0).out())
        .contains(" -t=TEMPLATE ", " FILE|DIR|GLOB|-...")
        .doesNotContain("[-t=TEMPLATE]");
    assertThat(help("help", 0).out()).contains("[-t=TEMPLATE]");
    assertThat(help("push", 0).out()).contains("[-t=TEMPLATE]").contains("[CONFIG_FILE...]");
    Cli.Result missing = new Cli(dir, Map.of()).run("validate", "c.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "hectiqlab: Missing required option: '--template=TEMPLATE'\n"
                + "Try 'hectiqlab validate --help'.\n");
  }
}
