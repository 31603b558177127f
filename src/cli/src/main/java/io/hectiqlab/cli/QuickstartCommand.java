package io.hectiqlab.cli;

import io.hectiqlab.ComposedConfig;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigLayers;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.lab.DownloadedConfig;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabAdmin;
import io.hectiqlab.lab.Run;
import io.hectiqlab.server.LabServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab quickstart}: the whole workflow on an embedded lab, nothing to install. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole workflow on an embedded lab (nothing to install).",
      "",
      "Runs the workflow end to end on the embedded default: writes the example templates and",
      "configs to a directory, prints a template's fields, validates the configs (one has",
      "mistakes), builds a locked Config with defaults, starts a lab (SQLite file, free loopback",
      "port), creates a user, key and project, pushes the config with metadata, downloads both",
      "back, compares, and stops the lab."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  hectiqlab quickstart", "  hectiqlab quickstart --dir hectiqlab-demo"})
final class QuickstartCommand implements Callable<Integer> {
  private static final List<String> SCHEMAS =
      List.of("common.schema.json", "params.schema.json", "training.schema.json");
  private static final List<String> CONFIGS = List.of("train.yaml", "train-typo.yaml");

  @ParentCommand HectiqlabCommand root;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the files and the lab's database go (default: a new temporary directory).")
  Path dir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream out = root.out;
    Style style = root.style;
    Path work =
        dir != null
            ? Files.createDirectories(dir)
            : Files.createTempDirectory("hectiqlab-quickstart");
    Path schemas = work.resolve("schemas").resolve("examples");
    Path configs = work.resolve("configs");
    extract("quickstart/schemas/examples/", SCHEMAS, schemas);
    extract("quickstart/configs/", CONFIGS, configs);

    Path templateFile = schemas.resolve("training.schema.json");
    out.println(style.bold("== 1. The template " + templateFile));
    ConfigSchema template = ConfigSchema.load(templateFile);
    out.print(HelpCommand.table(template.fields(), style));

    out.println(style.bold("== 2. hectiqlab validate --template training.schema.json " + configs));
    List<ValidateCommand.FileResult> results =
        ValidateCommand.validate(
            template,
            new InputOptions().sources(Inputs.expand(List.of(configs.toString()))),
            2,
            null);
    new TextReport(style, true).write(template.origin(), results, out);

    Path trainFile = configs.resolve("train.yaml");
    out.println(
        style.bold(
            "== 3. A locked Config composed from "
                + trainFile
                + ", QUICKSTART_DATASET__BATCH_SIZE=128 and --set optimizer.lr=0.01"
                + " (defaults filled in)"));
    ComposedConfig composed =
        ConfigLayers.of(template)
            .file(trainFile)
            .environment("QUICKSTART_", Map.of("QUICKSTART_DATASET__BATCH_SIZE", "128"))
            .overrides(List.of("optimizer.lr=0.01"))
            .compose();
    Config config = composed.config().lock();
    for (String path :
        List.of("optimizer.lr", "dataset.batch_size", "model.architecture", "dataset.path")) {
      out.println(path + " = " + config.get(path) + "   from " + composed.origin(path));
    }
    try {
      config.set("optimizer.lr", 1.0);
      throw Main.CliException.failure("a locked Config accepted a change");
    } catch (ConfigException.Locked e) {
      out.println("config.set(\"optimizer.lr\", 1.0) refused: " + e.getMessage());
    }

    String adminKey = "hql_admin_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    String db = "sqlite:" + work.resolve("lab.db");
    try (LabServer server = LabServer.start(db, "127.0.0.1", 0, adminKey, quiet())) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      out.println(style.bold("== 4. An embedded lab (" + db + ") on " + url));
      LabAdmin admin = Lab.connect(url, adminKey).admin();
      admin.createUser("demo");
      String key = admin.createKey("demo");
      admin.createProject("demo/quickstart", List.of("demo"));
      out.println("admin: created user demo, an API key for it, and project demo/quickstart");

      Lab lab = Lab.connect(url, key);
      Run run = lab.run("Quickstart #1", "demo/quickstart");
      int version = run.addConfig(config);
      Map<String, Object> meta = Map.of("accuracy", 0.93, "notes", "first try");
      run.addMeta(meta);
      out.println(
          "pushed config version "
              + version
              + " to demo/quickstart run "
              + run.slug()
              + " with metadata "
              + meta.keySet());

      DownloadedConfig back = lab.download(run.slug(), "demo/quickstart");
      boolean same = back.config().equals(config) && back.meta().equals(meta);
      out.println(
          style.bold(
              "== 5. Downloaded back: config and metadata equal to what was pushed: " + same));
      out.println(back.config().toJson());
      out.println(
          "meta: " + Config.fromMap(back.meta()).toJson().replace("\n", " ").replaceAll(" +", " "));
      if (!same) {
        throw Main.CliException.failure(
            "the downloaded config or metadata differ from what was pushed");
      }
    }
    out.println(style.ok("== Done: the lab is stopped; its files are in " + work));
    return Main.Exit.OK;
  }

  private static void extract(String prefix, List<String> names, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : names) {
      try (InputStream in =
          QuickstartCommand.class.getClassLoader().getResourceAsStream(prefix + name)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks its example " + prefix + name);
        }
        Files.copy(in, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
