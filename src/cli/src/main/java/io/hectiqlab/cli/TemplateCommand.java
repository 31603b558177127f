package io.hectiqlab.cli;

import io.hectiqlab.Compatibility;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.FetchedTemplate;
import io.hectiqlab.lab.LabException;
import io.hectiqlab.lab.LabTemplates;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.lab.TemplateSummary;
import io.hectiqlab.lab.TemplateVersion;
import io.hectiqlab.server.LabServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hectiqlab template}: the lab's template registry (publish, list, show, mode, pull). */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Publish templates to the lab, and read them back.",
      "",
      "A lab keeps each template's versions (1, 2, ...; immutable, with their hash, publisher and time) and a compatibility mode (backward by default) that every new version must follow: a version that breaks it is refused with the report compat prints. Versions are named lab:OWNER/PROJECT/NAME@N (or @latest), which every command that takes a template accepts."
    },
    subcommands = {
      TemplateCommand.Publish.class,
      TemplateCommand.ListTemplates.class,
      TemplateCommand.Show.class,
      TemplateCommand.Mode.class,
      TemplateCommand.Pull.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab template publish training.schema.json --project ml/vision",
      "  hectiqlab template list --project ml/vision",
      "  hectiqlab template show lab:ml/vision/training",
      "  hectiqlab template show lab:ml/vision/training@3",
      "  hectiqlab template mode lab:ml/vision/training full-transitive",
      "  hectiqlab template pull lab:ml/vision/training@3 -o training.schema.json",
      "  hectiqlab validate -t lab:ml/vision/training@3 configs/",
      "",
      "Exit codes: 0 success, 1 refused (incompatible, invalid) or lab error, 2 usage."
    })
final class TemplateCommand implements Runnable {
  @ParentCommand HectiqlabCommand root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(root.out, root.style.ansi());
  }

  /** The endings a schema file's name loses to become a template's name. */
  private static final List<String> ENDINGS = List.of(".schema.json", ".json");

  /** {@code template publish FILE --project O/P [--name NAME]}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Publish a schema file as the next version of a template.",
        "",
        "The lab checks the schema against its meta-schema and its refs (only pinned lab: refs to versions the key may read; no file or URL), and the template's mode against the earlier versions. Publishing the content of an existing version again publishes nothing and names that version."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hectiqlab template publish training.schema.json --project ml/vision",
        "  hectiqlab template publish v2.json --project ml/vision --name training"
      })
  static final class Publish implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON Schema file.")
    Path file;

    @Option(
        names = "--project",
        required = true,
        paramLabel = "OWNER/NAME",
        description = "The project that publishes it.")
    String project;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description =
            "The template's name (default: the file's name without .schema.json or .json).")
    String name;

    @Mixin LabOptions lab;

    @Override
    public Integer call() {
      String template = name != null ? name : nameOf(file);
      try {
        LabNames.checkName("template name", template);
      } catch (IllegalArgumentException e) {
        throw Main.CliException.usage(
            (name != null ? "--name: " : file + ": ")
                + e.getMessage()
                + (name != null ? "" : "; give the template's name with --name NAME"));
      }
      String text = readSchema(file);
      HectiqlabCommand root = parent.root;
      LabTemplates.Published published;
      try {
        published = lab.connect().templates().publish(project, template, text);
      } catch (LabException.Incompatible e) {
        root.err.println(
            root.style.error(
                "hectiqlab: " + Printable.escape(file + ": not published: " + e.getMessage())));
        root.err.print(Printable.escapeLines(e.report()));
        if (!e.report().endsWith("\n")) {
          root.err.println();
        }
        return Main.Exit.FAILURE;
      } catch (LabException.InvalidSchema e) {
        throw new Main.CliException(
            Main.Exit.FAILURE, file + ": not published: " + e.getMessage(), e);
      } catch (LabException.NotFound e) {
        // a project the lab does not have (or the key may not use): the caller's to fix
        throw new Main.CliException(
            Main.Exit.USAGE, file + ": not published: " + e.getMessage(), e);
      }
      TemplateVersion v = published.version();
      root.out.println(
          Printable.escape(
              published.created()
                  ? "published " + file + " as " + v.ref() + " (sha256 " + v.sha256() + ")"
                  : v.ref()
                      + " already holds the content of "
                      + file
                      + " (sha256 "
                      + v.sha256()
                      + "): nothing published"));
      return Main.Exit.OK;
    }
  }

  /** The template name a file gives: its name without {@code .schema.json} or {@code .json}. */
  static String nameOf(Path file) {
    Path fileName = file.getFileName();
    String n = fileName == null ? file.toString() : fileName.toString();
    for (String ending : ENDINGS) {
      if (n.endsWith(ending) && n.length() > ending.length()) {
        return n.substring(0, n.length() - ending.length());
      }
    }
    return n;
  }

  /**
   * Reads a schema file to publish: a regular file of at most the lab's body limit, UTF-8 text that
   * parses as JSON as strictly as the lab parses bodies (checked here so that the error names the
   * file, line and column: {@code v2.json:1:4: unexpected content after the end of the document}).
   */
  static String readSchema(Path file) {
    String kind = FileErrors.kind(file);
    if (kind != null) {
      throw Main.CliException.usage(file + ": is " + kind + ", not a schema file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) LabServer.MAX_BODY + 1);
    } catch (IOException e) {
      throw Main.CliException.usage(file + ": cannot read: " + FileErrors.about(file, e));
    }
    if (bytes.length > LabServer.MAX_BODY) {
      throw Main.CliException.usage(
          file + ": larger than a lab takes (" + LabServer.MAX_BODY + " bytes)");
    }
    String text;
    try {
      text = Documents.read(Documents.Input.bytes(bytes, file.toString())); // strict UTF-8
    } catch (DocumentException e) {
      throw Main.CliException.usage(e.location() + ": " + e.problem());
    }
    if (text.isBlank()) {
      throw Main.CliException.usage(file + ": empty file, not a schema");
    }
    try {
      // as strictly as the lab reads it: its errors name this file, not "request body"
      Documents.parse(
          Documents.Input.text(text, file.toString()), Documents.Format.JSON, Documents.Root.ANY);
    } catch (DocumentException e) {
      throw Main.CliException.usage(e.location() + ": " + e.problem());
    }
    return text;
  }

  /** {@code template list --project O/P}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a project's templates: latest version, mode, last publication.",
      footerHeading = "%nExample:%n",
      footer = "  hectiqlab template list --project ml/vision")
  static final class ListTemplates implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Option(
        names = "--project",
        required = true,
        paramLabel = "OWNER/NAME",
        description = "The project.")
    String project;

    @Mixin LabOptions lab;

    @Override
    public Integer call() {
      HectiqlabCommand root = parent.root;
      List<TemplateSummary> all;
      try {
        all = lab.connect().templates().list(project);
      } catch (LabException.NotFound e) {
        // a project the lab does not have, as a ref naming a template it does not have
        throw new Main.CliException(Main.Exit.USAGE, e.getMessage(), e);
      }
      if (all.isEmpty()) {
        root.out.println(Printable.escape("no templates in " + project));
        return Main.Exit.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"TEMPLATE", "LATEST", "MODE", "UPDATED"});
      for (TemplateSummary t : all) {
        rows.add(
            new String[] {
              t.latest().name(), t.latest().toString(), t.mode().id(), t.updatedAt().toString()
            });
      }
      root.out.print(Tables.format(rows, root.style));
      return Main.Exit.OK;
    }
  }

  /** {@code template show lab:O/P/NAME[@N]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Show a template (its mode and versions) or one version (hash, publisher, time, fields).",
        "",
        "Given a template, lists its versions, oldest first; given a version (@N or @latest), shows its hash, publisher and time, then its fields as help -t does."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hectiqlab template show lab:ml/vision/training",
        "  hectiqlab template show lab:ml/vision/training@3"
      })
  static final class Show implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Parameters(
        index = "0",
        paramLabel = "lab:OWNER/PROJECT/NAME[@N]",
        description = "The template, or one of its versions.")
    String template;

    @Mixin LabOptions lab;

    @Override
    public Integer call() {
      HectiqlabCommand root = parent.root;
      boolean whole = TemplateRef.isRef(template) && template.indexOf('@') < 0;
      TemplateRef ref = LabRefs.parseTemplate(template, LabRefs.Versions.ALLOWED);
      LabTemplates templates = lab.connect().templates();
      if (whole) {
        List<TemplateVersion> versions = versions(templates, ref, LabRefs.template(ref));
        Compatibility.Mode mode = LabRefs.modeOf(templates, ref);
        root.out.println(
            Printable.escape(
                LabRefs.template(ref)
                    + ": mode "
                    + (mode == null ? "?" : mode.id())
                    + ", "
                    + versions.size()
                    + (versions.size() == 1 ? " version" : " versions")
                    + (versions.isEmpty()
                        ? ""
                        : ", latest " + versions.get(versions.size() - 1).ref())));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "REF", "PUBLISHED BY", "PUBLISHED AT", "SHA256"});
        for (TemplateVersion v : versions) {
          rows.add(
              new String[] {
                String.valueOf(v.ref().version()),
                v.ref().toString(),
                v.publishedBy(),
                v.publishedAt().toString(),
                v.sha256()
              });
        }
        root.out.print(Tables.format(rows, root.style));
        return Main.Exit.OK;
      }
      FetchedTemplate fetched = LabRefs.fetch(lab, ref);
      TemplateRef pinned = fetched.ref();
      ConfigSchema schema = LabRefs.schema(lab, pinned);
      TemplateVersion info =
          versions(templates, pinned, pinned.toString()).stream()
              .filter(v -> v.ref().equals(pinned))
              .findFirst()
              .orElse(null);
      root.out.println(Printable.escape("ref           " + pinned));
      root.out.println(Printable.escape("sha256        " + fetched.sha256()));
      if (info != null) {
        root.out.println(Printable.escape("published by  " + info.publishedBy()));
        root.out.println(Printable.escape("published at  " + info.publishedAt()));
      }
      root.out.println();
      HelpCommand.printFields(schema, root);
      return Main.Exit.OK;
    }

    private static List<TemplateVersion> versions(
        LabTemplates templates, TemplateRef ref, String shown) {
      try {
        return templates.versions(ref.project(), ref.name());
      } catch (LabException e) {
        throw LabRefs.failure(shown, e);
      }
    }
  }

  /** {@code template mode lab:O/P/NAME MODE}. */
  @Command(
      name = "mode",
      mixinStandardHelpOptions = true,
      description = {
        "Set the compatibility mode a template's new versions must follow.",
        "",
        "backward (the default), forward, full, none, or backward-transitive, forward-transitive, full-transitive, as compat --mode reads them. Any member of the project may set it."
      },
      footerHeading = "%nExample:%n",
      footer = "  hectiqlab template mode lab:ml/vision/training full-transitive")
  static final class Mode implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Parameters(index = "0", paramLabel = "lab:OWNER/PROJECT/NAME", description = "The template.")
    String template;

    @Parameters(index = "1", paramLabel = "MODE", description = "The mode.")
    String mode;

    @Mixin LabOptions lab;

    @Override
    public Integer call() {
      TemplateRef ref = LabRefs.parseTemplate(template, LabRefs.Versions.REFUSED);
      Compatibility.Mode m;
      try {
        m = Compatibility.Mode.parse(mode);
      } catch (IllegalArgumentException e) {
        throw Main.CliException.usage("MODE: " + e.getMessage());
      }
      try {
        lab.connect().templates().setMode(ref.project(), ref.name(), m);
      } catch (LabException e) {
        throw LabRefs.failure(LabRefs.template(ref), e);
      }
      parent.root.out.println(
          Printable.escape(LabRefs.template(ref) + ": new versions must now be " + m.id()));
      return Main.Exit.OK;
    }
  }

  /** {@code template pull lab:O/P/NAME@N [-o FILE]}. */
  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = {
        "Write a template version's text, exactly as published, to standard output or a file.",
        "",
        "-o replaces a regular file atomically (keeping its permissions and owner) and never replaces anything else (a directory, a FIFO, a device)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hectiqlab template pull lab:ml/vision/training@3 -o training.schema.json",
        "  hectiqlab template pull lab:ml/vision/training@latest > training.schema.json"
      })
  static final class Pull implements Callable<Integer> {
    @ParentCommand TemplateCommand parent;

    @Parameters(
        index = "0",
        paramLabel = "lab:OWNER/PROJECT/NAME@N",
        description = "The version (@latest: the newest).")
    String template;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "The file to write (default: standard output).")
    Path output;

    @Mixin LabOptions lab;

    @Override
    public Integer call() {
      HectiqlabCommand root = parent.root;
      TemplateRef ref = LabRefs.parse(template);
      if (output != null && output.toString().isEmpty()) {
        throw Main.CliException.usage("-o: the file name is empty (or omit -o to print)");
      }
      if (output != null) {
        String kind = FileErrors.kind(output); // null for a regular file or a missing one
        if (kind != null) {
          throw Main.CliException.usage(
              output + ": is " + kind + "; -o replaces only regular files (or omit -o to print)");
        }
      }
      FetchedTemplate fetched = LabRefs.fetch(lab, ref);
      if (output == null) {
        root.out.print(fetched.text());
        root.out.flush();
        return Main.Exit.OK;
      }
      try {
        AtomicFiles.write(output, fetched.text().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw Main.CliException.failure(
            output + ": cannot write the template: " + FileErrors.about(output, e));
      }
      root.out.println(
          Printable.escape(
              "wrote " + fetched.ref() + " (sha256 " + fetched.sha256() + ") to " + output));
      return Main.Exit.OK;
    }
  }
}
