package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command registers only the sub-commands a command line needs (picocli reads the annotations
 * of every registered one at start-up), yet every output that lists or explains the others still
 * has them all.
 */
class CommandRegistrationIT {
  static final String TEMPLATE =
      Cli.ROOT.resolve("schemas/examples/training.schema.json").toAbsolutePath().toString();

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir, Map.of());
  }

  @Test
  void theCompletionScriptCompletesEveryCommand() {
    Cli.Result r = cli.run("generate-completion");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("validate", "help", "codegen", "serve", "push", "download", "admin", "quickstart")
        .contains("template")
        .contains("compose", "explain", "compat")
        .contains("--template", "--content-model");
  }

  @Test
  void helpWithoutATemplateExplainsAnyCommand() {
    Cli.Result usage = cli.run("help");
    Cli.Result validate = cli.run("help", "validate");
    Cli.Result unknown = cli.run("help", "nope");

    assertThat(usage.out())
        .contains("validate", "compose", "explain", "compat", "quickstart", "generate-completion");
    assertThat(validate.out()).startsWith("Usage: hectiqlab validate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(
            "no command 'nope'; commands: validate, compose, explain, compat, help, codegen, serve,"
                + " push, download, template, admin, quickstart, generate-completion");
  }

  @Test
  void helpWithATemplateListsItsFields() {
    Cli.Result attached = cli.run("help", "-t" + TEMPLATE);
    Cli.Result separate = cli.run("help", "--template", TEMPLATE);
    Cli.Result equals = cli.run("help", "--template=" + TEMPLATE);

    for (Cli.Result r : new Cli.Result[] {attached, separate, equals}) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).as(r.toString()).startsWith("FIELD").contains("optimizer.lr");
    }
    Cli.Result both = cli.run("help", "-t", TEMPLATE, "validate");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("give either --template or a COMMAND, not both");
  }

  @Test
  void versionAndAMistypedCommandStillWork() {
    assertThat(cli.run("--version").out()).startsWith("hectiqlab 0.");
    assertThat(cli.run("-V").out()).startsWith("hectiqlab 0.");
    Cli.Result typo = cli.run("valdate", "x.yaml");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "hectiqlab: Unmatched arguments from index 0: 'valdate', 'x.yaml'\n"
                + "Try 'hectiqlab --help'.\n");
  }
}
