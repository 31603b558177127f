package io.hectiqlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The training run of the {@code hectiqlab} launcher's start-up cache: the command's common paths
 * ({@code validate} of one file and of a directory, in each input format and output format; {@code
 * help} of a template and of a command; the usage and the version) run in one JVM on the examples
 * the jar carries, their output discarded. The launcher runs it once per jar and JDK, under {@code
 * -XX:AOTCacheOutput} (JDK 25 and later: classes loaded and linked, method profiles) or {@code
 * -XX:ArchiveClassesAtExit} (earlier JDKs: class data sharing); the JVM records what these runs
 * load, and later runs of the command start from it. Not a sub-command: nothing a user needs.
 */
public final class Training {
  /** Copies of the example config validated in one run, so that the per-file code gets warm. */
  static final int FILES = 200;

  private Training() {}

  /**
   * Runs the training commands in a temporary directory, which it deletes afterwards.
   *
   * @param args ignored
   * @throws IOException when the examples cannot be written
   */
  public static void main(String[] args) throws IOException {
    run(Files.createTempDirectory("hectiqlab-training"));
  }

  /** Runs the training commands on files written below {@code work}, then deletes it. */
  static void run(Path work) throws IOException {
    try {
      for (String[] command : commands(work)) {
        Main.run(command, discard(), discard());
      }
    } finally {
      delete(work);
    }
  }

  /**
   * The command lines of the training run, after writing the files they read below {@code work}.
   */
  static List<String[]> commands(Path work) throws IOException {
    Path schemas = Files.createDirectories(work.resolve("schemas/examples"));
    for (String name :
        List.of("common.schema.json", "params.schema.json", "training.schema.json")) {
      copy("quickstart/schemas/examples/" + name, schemas.resolve(name));
    }
    Path configs = Files.createDirectories(work.resolve("configs"));
    copy("quickstart/configs/train.yaml", configs.resolve("train.yaml"));
    copy("quickstart/configs/train-typo.yaml", configs.resolve("train-typo.yaml"));
    Files.writeString(
        configs.resolve("train.json"),
        "{\"name\": \"json-run\", \"dataset\": {\"name\": \"mnist\", \"batch_size\": 32},"
            + " \"model\": {\"architecture\": \"mlp\", \"layers\": [{\"units\": 10}]},"
            + " \"optimizer\": {\"lr\": 0.01}}\n");
    Files.writeString(
        configs.resolve("train.toml"),
        "name = \"toml-run\"\n\n[dataset]\nname = \"mnist\"\nbatch_size = 32\n\n[model]\n"
            + "architecture = \"mlp\"\nlayers = [{units = 10}]\n\n[optimizer]\nlr = 0.01\n");
    Path many = Files.createDirectories(work.resolve("many"));
    String train = Files.readString(configs.resolve("train.yaml"), StandardCharsets.UTF_8);
    for (int i = 0; i < FILES; i++) {
      String text = train.replace("name: mnist-baseline", "name: run-" + i);
      Files.writeString(many.resolve(String.format(Locale.ROOT, "run-%04d.yaml", i)), text);
    }
    String template = schemas.resolve("training.schema.json").toString();
    String dir = work.resolve("schemas").toString();
    String one = configs.resolve("train.yaml").toString();
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"validate", "--template", template, one});
    commands.add(new String[] {"validate", "-t", template, configs.toString()});
    commands.add(new String[] {"validate", "-t", template, "--format", "json", configs.toString()});
    commands.add(new String[] {"validate", "-t", "training", "--schemas", dir, one});
    commands.add(new String[] {"validate", "-t", template, many.toString()});
    commands.add(new String[] {"validate", "--help"});
    commands.add(new String[] {"help", "--template", template});
    commands.add(new String[] {"help", "-t", "training", "--schemas", dir, "--format", "json"});
    commands.add(new String[] {"help", "validate"});
    commands.add(new String[] {"--help"});
    commands.add(new String[] {"--version"});
    return commands;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = Training.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the jar lacks its example " + resource);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
