package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hectiqlab compat} as a process on the example training template and changed copies of it:
 * the verdict in the exit code, the library's lines as they are printed, the JSON and SARIF
 * reports, real config files under both versions, transitive checks, and the usage errors.
 */
class CompatCommandIT {
  static final String V1 = "training.schema.json";
  static final String V2 = "training-v2.schema.json";

  /** The learning rate's bounds in the example template, as written there. */
  static final String LR_BOUNDS = "\"exclusiveMinimum\": 0,\n          \"maximum\": 1,";

  static ConfigSchema sarif;

  @TempDir static Path schemaDir;
  @TempDir Path dir;
  Cli cli;

  @BeforeAll
  static void loadSarifSchema() throws IOException {
    Path file = schemaDir.resolve("sarif-2.1.0-subset.schema.json");
    try (InputStream in =
        CompatCommandIT.class.getResourceAsStream("/reports/" + file.getFileName())) {
      Files.copy(in, file);
    }
    sarif = ConfigSchema.load(file);
  }

  @BeforeEach
  void copyTheExampleTemplate() throws IOException {
    cli = new Cli(dir, Map.of());
    for (String name : List.of(V1, "common.schema.json")) {
      Files.copy(Cli.ROOT.resolve("schemas/examples").resolve(name), dir.resolve(name));
    }
  }

  /** Writes a copy of the example template with one piece of its text replaced. */
  Path changed(String name, String from, String to) {
    try {
      String text = Files.readString(dir.resolve(V1));
      assertThat(text).contains(from);
      return Files.writeString(dir.resolve(name), text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example template with the learning rate's maximum lowered from 1 to 0.5. */
  Path lowered() {
    return changed(V2, LR_BOUNDS, LR_BOUNDS.replace("1,", "0.5,"));
  }

  /** Checks a reported witness with the real validator: valid under one version, not the other. */
  void assertWitness(String document, Path validUnder, Path invalidUnder) {
    ValidationResult before = ConfigSchema.load(validUnder).validateText(document);
    ValidationResult after = ConfigSchema.load(invalidUnder).validateText(document);
    assertThat(before.violations()).as(document).isEmpty();
    assertThat(after.violations()).as(document).isNotEmpty();
  }

  Config configs(Map<String, String> files) {
    try {
      Path configs = Files.createDirectories(dir.resolve("configs"));
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(configs.resolve(f.getKey()), f.getValue());
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String config(String lr) {
    return "name: run\ndataset: {name: mnist}\nmodel:\n  layers: [{units: 3}]\noptimizer:\n  lr: "
        + lr
        + "\n";
  }

  @Test
  void aCompatiblePairExitsZero() {
    changed(V2, "\"description\": \"Learning rate\"", "\"description\": \"Step size\"");
    Cli.Result r = cli.run("compat", V1, V2);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("");
  }

  /** The one line a usage or template error prints, with exit code 2 and nothing on stdout. */
  static void assertUsageError(Cli.Result r, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + message + "\n");
  }

  @Test
  void aMissingVersionIsAUsageErrorNamingIt() {
    assertUsageError(
        cli.run("compat", V1, "nope.schema.json"),
        "template 'nope.schema.json': no such file, and no schemas directory 'schemas' to look"
            + " the name up in (--schemas DIR)");
  }

  @Test
  void anInvalidSchemaIsAUsageErrorNamingTheFileAndTheProblem() throws IOException {
    Files.writeString(dir.resolve("bad.schema.json"), "{\"type\": \"strin\"}");
    assertUsageError(
        cli.run("compat", V1, "bad.schema.json"),
        "bad.schema.json: not a valid schema for https://json-schema.org/draft/2020-12/schema:"
            + " /type: must be one of [\"array\", \"boolean\", \"integer\", \"null\", \"number\","
            + " \"object\", \"string\"] (enum)");
  }

  @Test
  void anUnknownModeIsAUsageErrorListingTheModes() {
    Cli.Result r = cli.run("compat", V1, V1, "--mode", "sideways");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: Invalid value for option '--mode': unknown compatibility mode"
                + " \"sideways\": use backward, forward, full or none, or one of them with"
                + " -transitive\n"
                + "Try 'hectiqlab compat --help'.\n");
  }

  @Test
  void oneVersionAloneIsAUsageError() {
    assertUsageError(
        cli.run("compat", V1),
        "compat needs two versions at least, oldest first: OLD NEW (the last is the candidate)");
  }

  @Test
  void aConfigsDirectoryThatDoesNotExistIsAUsageError() {
    assertUsageError(
        cli.run("compat", V1, V1, "--configs", "nowhere"), "nowhere: no such file or directory");
  }
}
