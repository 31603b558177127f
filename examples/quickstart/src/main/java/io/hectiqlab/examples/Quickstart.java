package io.hectiqlab.examples;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main job end to end: validate YAML config files against a template, turn the valid one into a
 * Config (defaults filled in), lock it, save it, load it back and print it.
 *
 * <p>Usage: {@code Quickstart TEMPLATE CONFIG [MORE_CONFIGS...]}; the first config is the one
 * turned into a Config.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the example.
   *
   * @param args the template, the config to use, and more configs to validate
   * @throws Exception when the temporary directory cannot be created
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Quickstart TEMPLATE CONFIG [MORE_CONFIGS...]");
      System.exit(2);
    }
    try {
      run(args);
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    ConfigSchema template = ConfigSchema.load(Path.of(args[0]));
    System.out.println("== Template " + args[0]);
    System.out.println(template.help());

    for (int i = 1; i < args.length; i++) {
      ValidationResult result = template.validate(Path.of(args[i]));
      System.out.println(
          "== Validate " + args[i] + ": " + (result.isValid() ? "valid" : "invalid"));
      if (!result.isValid()) {
        System.out.println(result);
      }
    }

    Config config = template.toConfig(Path.of(args[1])).lock();
    System.out.println("== Config (locked, defaults filled in)");
    System.out.println("optimizer.lr = " + config.getDouble("optimizer.lr"));
    System.out.println("dataset.path = " + config.getString("dataset.path") + " (default)");
    try {
      config.set("optimizer.lr", 1.0);
    } catch (ConfigException.Locked e) {
      System.out.println("set refused: " + e.getMessage());
    }

    Path dir = Files.createTempDirectory("hectiqlab-quickstart");
    Path saved = dir.resolve("config.json");
    config.save(saved);
    Config loaded = Config.load(saved);
    System.out.println(
        "== Saved to " + saved + " and loaded back: equal = " + loaded.equals(config));
    System.out.println(loaded);
    Files.delete(saved);
    Files.delete(dir);
  }
}
