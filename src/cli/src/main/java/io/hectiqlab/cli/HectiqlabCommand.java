package io.hectiqlab.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the sub-commands. */
@Command(
    name = "hectiqlab",
    mixinStandardHelpOptions = true,
    versionProvider = HectiqlabCommand.Version.class,
    description =
        "Schema-first configs: validate, document, generate classes, and share them in a lab.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab quickstart",
      "  hectiqlab validate --template schemas/examples/training.schema.json configs/",
      "  hectiqlab compose -t training base.yaml exp.yaml --set optimizer.lr=0.01",
      "  hectiqlab explain -t training base.yaml exp.yaml optimizer.lr",
      "  hectiqlab compat training-v1.schema.json training-v2.schema.json",
      "  hectiqlab help --template training --schemas schemas",
      "  hectiqlab template publish training.schema.json --project ml/vision",
      "  hectiqlab validate -t lab:ml/vision/training@3 configs/",
      "  source <(hectiqlab generate-completion)",
      "",
      "Exit codes: 0 success, 1 failure (invalid file, lab error),",
      "            2 usage or template error."
    })
final class HectiqlabCommand implements Runnable {
  final PrintStream out;
  final PrintStream err;
  final Style style;

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors, and every file validated.")
  boolean verbose;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours (also when NO_COLOR is set or the output is not a terminal).")
  boolean noColor;

  /**
   * The sub-commands in the order usage lists them. Only those a command line needs are registered
   * (see {@link #register}): picocli reads every registered command's annotations at start-up.
   */
  static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("validate", ValidateCommand.class);
    COMMANDS.put("compose", ComposeCommand.class);
    COMMANDS.put("explain", ExplainCommand.class);
    COMMANDS.put("compat", CompatCommand.class);
    COMMANDS.put("help", HelpCommand.class);
    COMMANDS.put("codegen", CodegenCommand.class);
    COMMANDS.put("serve", ServeCommand.class);
    COMMANDS.put("push", PushCommand.class);
    COMMANDS.put("download", DownloadCommand.class);
    COMMANDS.put("template", TemplateCommand.class);
    COMMANDS.put("admin", AdminCommand.class);
    COMMANDS.put("quickstart", QuickstartCommand.class);
    COMMANDS.put("generate-completion", AutoComplete.GenerateCompletion.class);
  }

  /**
   * The sub-command the arguments invoke: the first argument that is not an option, or null when
   * there is none before {@code --}.
   */
  static String invoked(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /**
   * Registers the sub-commands the arguments need: the one invoked; none for {@code --version}; all
   * of them for the usage, a completion script and {@code help} without a template (which list or
   * explain the others).
   */
  static void register(CommandLine cmd, String[] args) {
    String invoked = invoked(args);
    if (invoked == null) {
      if (hasOption(args, "-V", "--version")) {
        return;
      }
    } else if (COMMANDS.containsKey(invoked)
        && !invoked.equals("generate-completion")
        && !(invoked.equals("help") && !hasOption(args, "-t", "--template"))) {
      cmd.addSubcommand(invoked, COMMANDS.get(invoked));
      return;
    }
    COMMANDS.forEach(cmd::addSubcommand);
  }

  /**
   * Whether the command line will read a template ({@code validate}, {@code compose}, {@code
   * explain}, {@code compat}, or {@code help} with one), rather than only print usage or the
   * version.
   */
  static boolean readsTemplate(String[] args) {
    String invoked = invoked(args);
    if (hasOption(args, "-h", "--help") || hasOption(args, "-V", "--version")) {
      return false;
    }
    return "validate".equals(invoked)
        || "compose".equals(invoked)
        || "explain".equals(invoked)
        || "compat".equals(invoked)
        || ("help".equals(invoked) && hasOption(args, "-t", "--template"));
  }

  /**
   * Whether an option is given before {@code --}: alone, as {@code --long=VALUE} or, for a short
   * one, with its value attached ({@code -tVALUE}).
   */
  private static boolean hasOption(String[] args, String shortName, String longName) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals(longName) || a.startsWith(longName + "=") || a.startsWith(shortName)) {
        return true;
      }
    }
    return false;
  }

  HectiqlabCommand(PrintStream out, PrintStream err, Style style) {
    this.out = out;
    this.err = err;
    this.style = style;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out, style.ansi());
  }

  /** The version, from the jar's manifest. */
  static final class Version implements IVersionProvider {
    /** The version number from the jar's manifest, or {@code (development build)} without one. */
    static String number() {
      String v = HectiqlabCommand.class.getPackage().getImplementationVersion();
      return v == null ? "(development build)" : v;
    }

    @Override
    public String[] getVersion() {
      return new String[] {
        "hectiqlab " + number(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
