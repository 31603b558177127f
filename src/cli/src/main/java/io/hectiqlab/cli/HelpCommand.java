package io.hectiqlab.cli;

import io.hectiqlab.ConfigSchema;
import io.hectiqlab.TemplateField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab help}: a template's fields, or a command's usage. */
@Command(
    name = "help",
    mixinStandardHelpOptions = true,
    description = {
      "Show a template's fields, or a command's usage.",
      "",
      "Prints a template's fields as a text table (field, type, required, default, constraints, description; a section's own row comes before its fields, and $refs to other files are followed), or, with --format json, pyhectiqlab's JSON help. Without --template: a command's usage."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab help --template schemas/examples/training.schema.json",
      "  hectiqlab help -t training --schemas schemas --format json",
      "  hectiqlab help validate"
    })
final class HelpCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Mixin TemplateOptions.NotRequired template;

  @Mixin LabOptions lab;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description = "text (the default: a table) or json (pyhectiqlab's help).")
  Format format;

  @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "A command to explain.")
  String command;

  /** The names {@code --format} takes: {@code text} for people, as for every command. */
  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    if (!template.given()) {
      CommandLine top = root.spec.commandLine();
      CommandLine target = command == null ? top : top.getSubcommands().get(command);
      if (target == null) {
        throw Main.CliException.usage(
            "no command '"
                + command
                + "'; commands: "
                + String.join(", ", top.getSubcommands().keySet()));
      }
      target.usage(root.out, root.style.ansi());
      return Main.Exit.OK;
    }
    if (command != null) {
      throw Main.CliException.usage("give either --template or a COMMAND, not both");
    }
    ConfigSchema schema = template.load(lab);
    if (format == Format.json) {
      root.out.println(schema.help());
    } else {
      printFields(schema, root);
    }
    return Main.Exit.OK;
  }

  /** Prints a template's fields table, and a line saying so when the list was cut. */
  static void printFields(ConfigSchema schema, HectiqlabCommand root) {
    root.out.print(table(schema.fields(), root.style));
    if (schema.isHelpTruncated()) {
      root.out.println(
          "(only the first "
              + ConfigSchema.MAX_HELP_FIELDS
              + " fields are listed: the template has more, its $refs fan out)");
    }
  }

  static String table(List<TemplateField> fields, Style style) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FIELD", "TYPE", "REQUIRED", "DEFAULT", "CONSTRAINTS", "DESCRIPTION"});
    for (TemplateField f : fields) {
      String[] row = {
        f.path(),
        f.type(),
        f.required() ? "yes" : "-",
        f.defaultJson() == null ? "-" : f.defaultJson(),
        f.constraints().isEmpty() ? "-" : String.join("; ", f.constraints()),
        f.description() == null ? "-" : f.description()
      };
      rows.add(row);
    }
    StringBuilder sb = new StringBuilder(Tables.format(rows, style));
    if (fields.isEmpty()) {
      sb.append("(the template documents no properties)\n");
    }
    return sb.toString();
  }
}
