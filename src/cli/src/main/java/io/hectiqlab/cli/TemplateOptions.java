package io.hectiqlab.cli;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.SchemaDirectory;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.TemplateRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --template} and {@code --schemas}: which template to use, and where names are found. A
 * command mixes in {@link Required} when it cannot work without a template (its usage then shows
 * {@code -t} as required), else {@link NotRequired}.
 */
abstract class TemplateOptions {
  static final String SCHEMAS_VARIABLE = "HECTIQLAB_SCHEMAS";

  static final String TEMPLATE_HELP =
      "A JSON Schema file, or a template name looked up in the schemas directory (a relative path"
          + " such as examples/training.schema.json, the same without its ending, such as"
          + " examples/training, a file name without its ending, such as training, or a $id), or a"
          + " version published in the lab:";

  /**
   * The second line of {@link #TEMPLATE_HELP}: on a line of its own so that the help never breaks a
   * ref after its colon (picocli wraps where {@link java.text.BreakIterator} allows).
   */
  static final String LAB_HELP =
      "lab:OWNER/PROJECT/NAME@N or @latest, fetched through the lab and kept in the template cache"
          + " (a pinned version works offline once fetched).";

  String template;

  /** {@code -t} for a command that needs a template. */
  static final class Required extends TemplateOptions {
    @Option(
        names = {"-t", "--template"},
        paramLabel = "TEMPLATE",
        required = true,
        description = {TEMPLATE_HELP, LAB_HELP})
    void template(String name) {
      template = name;
    }
  }

  /** {@code -t} for a command that can do without one. */
  static final class NotRequired extends TemplateOptions {
    @Option(
        names = {"-t", "--template"},
        paramLabel = "TEMPLATE",
        description = {TEMPLATE_HELP, LAB_HELP})
    void template(String name) {
      template = name;
    }
  }

  /** What {@code --schemas} means, in every command that takes it. */
  static final String SCHEMAS_HELP =
      "Where template names are looked up (default: $" + SCHEMAS_VARIABLE + ", else ./schemas).";

  @Option(names = "--schemas", paramLabel = "DIR", description = SCHEMAS_HELP)
  Path schemas;

  boolean given() {
    return template != null;
  }

  /**
   * Compiles the template, a {@code lab:} one through {@code lab}; a bad or missing template is a
   * usage error (exit code 2).
   */
  ConfigSchema load(LabOptions lab) {
    if (template == null) {
      throw Main.CliException.usage("Missing required option: '--template=TEMPLATE'");
    }
    return load(template, schemas, lab);
  }

  /** Whether the template is a {@code lab:} ref. */
  boolean isLabRef() {
    return TemplateRef.isRef(template);
  }

  /**
   * Compiles a template given as a {@code lab:} ref (fetched through {@code lab} and its cache), a
   * file, or a name looked up in {@code schemas} (null: {@code $HECTIQLAB_SCHEMAS}, else {@code
   * ./schemas}); a bad or missing template is a usage error (exit code 2).
   */
  static ConfigSchema load(String template, Path schemas, LabOptions lab) {
    if (TemplateRef.isRef(template)) {
      return LabRefs.schema(lab, LabRefs.parse(template));
    }
    Path file = null;
    try {
      file = Path.of(template);
    } catch (InvalidPathException e) {
      // not a file name: look it up as a template name
    }
    boolean directory = file != null && Files.isDirectory(file);
    if (file != null && Files.exists(file) && !directory) {
      String kind = FileErrors.kind(file);
      if (kind != null) {
        // A FIFO, a device or a socket: reading one can wait forever for a writer.
        throw notASchemaFile(template, kind);
      }
      return ConfigSchema.load(file);
    }
    Path dir = schemas;
    if (dir == null) {
      String env = System.getenv(SCHEMAS_VARIABLE);
      dir = Path.of(env != null && !env.isBlank() ? env : "schemas");
    }
    if (!Files.isDirectory(dir)) {
      if (directory) {
        throw notASchemaFile(template, "a directory");
      }
      throw Main.CliException.usage(
          "template '"
              + template
              + "': no such file, and no schemas directory '"
              + dir
              + "' to look the name up in (--schemas DIR)");
    }
    try {
      return SchemaDirectory.open(dir).get(template);
    } catch (ConfigException e) {
      if (directory) {
        throw notASchemaFile(template, "a directory"); // and no template has its name
      }
      throw e;
    }
  }

  /** The error for a template path that is not a regular file: {@code x: is a directory, ...}. */
  private static Main.CliException notASchemaFile(String template, String kind) {
    return Main.CliException.usage(
        Printable.escape(template) + ": is " + kind + ", not a schema file");
  }
}
