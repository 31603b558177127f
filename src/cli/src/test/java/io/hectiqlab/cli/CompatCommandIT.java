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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
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

  /** What the summary adds under {@code --content-model closed}. */
  static final String CLOSED_READING =
      " (closed reading: objects that say nothing of other properties read as closed)";

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

  /**
   * Writes a copy of the example template with pieces of its text replaced (each must be there) and
   * its own {@code $id}, as a new version gets: two files of one directory may not share one.
   */
  Path changed(String name, String... fromTo) {
    try {
      String text = Files.readString(dir.resolve(V1));
      for (int i = 0; i < fromTo.length; i += 2) {
        assertThat(text).contains(fromTo[i]);
        text = text.replace(fromTo[i], fromTo[i + 1]);
      }
      text = text.replace("examples/" + V1, "examples/" + name);
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example template with the learning rate's maximum lowered from 1 to 0.5. */
  Path lowered(String name) {
    return changed(name, LR_BOUNDS, LR_BOUNDS.replace("1,", "0.5,"));
  }

  /** The witness of the lowered maximum: the smallest config, with a learning rate in between. */
  static final String LOWERED_WITNESS =
      "{\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"}, \"model\": {\"layers\":"
          + " [{\"units\": 1}]}, \"optimizer\": {\"lr\": 0.75}}";

  /** The line the lowered maximum prints, at {@code file}, with the witness built for it. */
  static String loweredLine(String file) {
    return file
        + ":125:22: /properties/optimizer/properties/lr/maximum: maximum lowered from 1 to 0.5:"
        + " breaks backward: "
        + LOWERED_WITNESS
        + " was valid, now invalid";
  }

  /** Checks a reported witness with the real validator: valid under one version, not the other. */
  void assertWitness(String document, String validUnder, String invalidUnder) {
    ValidationResult before = ConfigSchema.load(dir.resolve(validUnder)).validateText(document);
    ValidationResult after = ConfigSchema.load(dir.resolve(invalidUnder)).validateText(document);
    assertThat(before.violations()).as(document).isEmpty();
    assertThat(after.violations()).as(document).isNotEmpty();
  }

  /** Writes config files into {@code configs/}: name, text, name, text, ... */
  void configs(String... namesAndTexts) {
    try {
      Path configs = Files.createDirectories(dir.resolve("configs"));
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        Files.writeString(configs.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A config valid under the example template when {@code lr} is in (0, 1]. */
  static String config(String lr) {
    return "name: run\ndataset: {name: mnist}\nmodel:\n  layers: [{units: 3}]\noptimizer:\n  lr: "
        + lr
        + "\n";
  }

  /** Runs the command, expecting the exit code and nothing on standard error. */
  Cli.Result compat(int code, String... args) {
    List<String> command = new ArrayList<>(List.of("compat"));
    command.addAll(List.of(args));
    Cli.Result r = cli.run(command.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEmpty();
    return r;
  }

  @Test
  void aCompatiblePairExitsZeroAndListsTheInformationOnlyChange() {
    changed(V2, "\"description\": \"Learning rate\"", "\"description\": \"Step size\"");
    assertThat(compat(0, V1, V2).out())
        .isEqualTo(
            V2
                + ":123:26: /properties/optimizer/properties/lr/description: description changed"
                + " from \"Learning rate\" to \"Step size\": information only\n"
                + "1 change, 0 break backward: compatible\n");
    assertThat(compat(0, V1, V1).out()).isEqualTo("no changes: compatible\n");
  }

  @Test
  void aLoweredMaximumExitsOneWithTheLineAndAWitnessTheValidatorConfirms() {
    lowered(V2);
    Cli.Result r = compat(1, V1, V2);
    assertThat(r.out())
        .isEqualTo(loweredLine(V2) + "\n1 change, 1 breaks backward: incompatible\n");
    assertWitness(LOWERED_WITNESS, V1, V2);
    // forward checks the other direction only: lowering a maximum keeps the newer documents valid
    assertThat(compat(0, V1, V2, "--mode", "forward").out())
        .endsWith("\n1 change, 0 break forward: compatible\n");
    assertThat(compat(1, V1, V2, "--mode", "full").out())
        .endsWith("\n1 change, 1 breaks full: incompatible\n");
    assertThat(compat(0, V1, V2, "--mode", "none").out())
        .endsWith("\n1 change (mode none): compatible\n");
    // under the lenient reading the summary says the verdict holds under that reading
    assertThat(compat(1, V1, V2, "--content-model", "closed").out())
        .isEqualTo(
            loweredLine(V2)
                + "\n1 change, 1 breaks backward: incompatible"
                + CLOSED_READING
                + "\n");
  }

  @Test
  void jsonIsTheLibrarysReportWithEveryField() {
    lowered(V2);
    Config json = Config.fromJson(compat(1, V1, V2, "--format", "json").out());
    assertThat(json.getString("mode")).isEqualTo("backward");
    assertThat(json.getString("contentModel")).isEqualTo("open");
    assertThat(json.getBoolean("compatible")).isFalse();
    assertThat(json.containsKey("configs")).isFalse();
    List<Object> changes = json.getList("changes");
    assertThat(changes).hasSize(1);
    Config change = (Config) changes.get(0);
    assertThat(change.getString("kind")).isEqualTo("LIMIT_TIGHTENED");
    assertThat(change.getString("reason")).isEqualTo("maximum lowered from 1 to 0.5");
    assertThat(change.getString("instancePath")).isEqualTo("/optimizer/lr");
    assertThat(change.getString("older.pointer"))
        .isEqualTo("/properties/optimizer/properties/lr/maximum");
    assertThat(change.getString("older.location")).isEqualTo(V1 + ":125:22");
    assertThat(change.getString("newer.location")).isEqualTo(V2 + ":125:22");
    assertThat(change.getString("backward")).isEqualTo("BREAKS");
    assertThat(change.getString("forward")).isEqualTo("NONE");
    assertThat(change.containsKey("against")).isTrue();
    assertThat(change.get("against")).isNull();
    Config witness = (Config) change.getList("witnesses").get(0);
    assertThat(witness.getString("direction")).isEqualTo("BACKWARD");
    assertThat(witness.getString("violation"))
        .isEqualTo("/optimizer/lr: must be at most 0.5 (maximum)");
    assertWitness(witness.getConfig("document").toJson(), V1, V2);
  }

  /** Runs compat --format sarif, checks the log against the subset schema and returns it. */
  Config sarif(int code, String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--format", "sarif"));
    Cli.Result r = compat(code, command.toArray(String[]::new));
    try {
      Path log = Files.writeString(dir.resolve("compat.sarif.json"), r.out());
      assertThat(sarif.validate(log).violations()).as(r.out()).isEmpty();
      return Config.load(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sarifHasAnErrorPerBreakingChangeANotePerOtherChangeAndOnePerBrokenConfig() {
    changed(
        V2,
        LR_BOUNDS,
        LR_BOUNDS.replace("1,", "0.5,"),
        "\"description\": \"Learning rate\"",
        "\"description\": \"Step size\"");
    configs("broken.yaml", config("0.8"), "ok.yaml", config("0.1"));
    Config log = sarif(1, V1, V2, "--configs", "configs");
    assertThat(log.getString("version")).isEqualTo("2.1.0");
    Config run = (Config) log.getList("runs").get(0);
    assertThat(run.getString("tool.driver.name")).isEqualTo("hectiqlab");
    List<Config> rules = SarifFormatIT.configs(run.getList("tool.driver.rules"));
    assertThat(rules)
        .extracting(r -> r.getString("id"))
        .containsExactly("CONFIG_NO_LONGER_VALID", "DESCRIPTION_CHANGED", "LIMIT_TIGHTENED");
    assertThat(rules.get(2).getString("shortDescription.text"))
        .startsWith("a limit was added or tightened: minimum, maximum,");
    List<Config> results = SarifFormatIT.configs(run.getList("results"));
    assertThat(results)
        .extracting(
            r ->
                r.getString("ruleId")
                    + " "
                    + r.getString("level")
                    + " "
                    + SarifFormatIT.location(r)
                    + " "
                    + r.getString("message.text"))
        .containsExactly(
            "DESCRIPTION_CHANGED note "
                + V2
                + ":123:26 /properties/optimizer/properties/lr/description: description changed"
                + " from \"Learning rate\" to \"Step size\": information only",
            "LIMIT_TIGHTENED error "
                + V2
                + ":125:22 /properties/optimizer/properties/lr/maximum: maximum lowered from 1 to"
                + " 0.5: breaks backward: "
                + LOWERED_WITNESS
                + " was valid, now invalid\n"
                + "  the newer version rejects it: /optimizer/lr: must be at most 0.5 (maximum)",
            "CONFIG_NO_LONGER_VALID error configs/broken.yaml:6:7 valid under "
                + V1
                + ", invalid under "
                + V2
                + ": /optimizer/lr: must be at most 0.5 (maximum)");
    for (Config r : results) {
      assertThat(rules.get(r.getInt("ruleIndex")).getString("id")).isEqualTo(r.getString("ruleId"));
    }
  }

  @Test
  void configsListsEachFileNoLongerValidWithItsProblemsAndCountsTheRest() {
    lowered(V2);
    configs("broken.yaml", config("0.8"), "ok.yaml", config("0.1"), "both.json", "{\"name\": 1}\n");
    Cli.Result r = compat(1, V1, V2, "--configs", "configs");
    assertThat(r.out())
        .isEqualTo(
            loweredLine(V2)
                + "\n1 change, 1 breaks backward: incompatible\n"
                + "configs/broken.yaml: valid under "
                + V1
                + ", invalid under "
                + V2
                + ":\n"
                + "configs/broken.yaml:6:7: /optimizer/lr: must be at most 0.5 (maximum)\n"
                + "configs: 3 files in configs: 1 broken, 1 valid under both versions, 1 invalid"
                + " under both versions\n");
    // forward allows what a lowered maximum does to the older configs
    assertThat(compat(0, V1, V2, "--configs", "configs", "--mode", "forward").out())
        .endsWith(
            "\nconfigs: 3 files in configs: 0 broken, 1 valid under both versions, 1 invalid under"
                + " both versions, 1 valid under one version only (forward allows it)\n");
    Config json =
        Config.fromJson(compat(1, V1, V2, "--configs", "configs", "--format", "json").out());
    assertThat(json.getBoolean("compatible")).isFalse();
    assertThat(json.getString("configs.directory")).isEqualTo("configs");
    assertThat(json.getInt("configs.files")).isEqualTo(3);
    assertThat(json.getInt("configs.validUnderAll")).isEqualTo(1);
    assertThat(json.getInt("configs.invalidUnderAll")).isEqualTo(1);
    assertThat(json.getBoolean("configs.compatible")).isFalse();
    List<Object> broken = json.getList("configs.broken");
    assertThat(broken).hasSize(1);
    Config file = (Config) broken.get(0);
    assertThat(file.getString("file")).isEqualTo("configs/broken.yaml");
    assertThat(file.getString("direction")).isEqualTo("BACKWARD");
    assertThat(file.getString("validUnder")).isEqualTo(V1);
    assertThat(file.getString("invalidUnder")).isEqualTo(V2);
    Config violation = (Config) file.getList("violations").get(0);
    assertThat(violation.getInt("line")).isEqualTo(6);
    assertThat(violation.getInt("column")).isEqualTo(7);
    assertThat(violation.getString("path")).isEqualTo("/optimizer/lr");
    assertThat(violation.getString("keyword")).isEqualTo("maximum");
  }

  @Test
  void aBrokenConfigFailsTheCheckEvenWhenTheComparisonFindsNothing() {
    // v1 leaves model open and v2 closes it: read as closed, the two are the same template, but a
    // config with a property that model never declared was valid under v1 as written.
    String closedModel = "\"layers\"\n      ],\n      \"additionalProperties\": false";
    changed("open.schema.json", closedModel, "\"layers\"\n      ]");
    changed(V2);
    configs(
        "extra.yaml",
        "name: run\ndataset: {name: mnist}\nmodel:\n  layers: [{units: 3}]\n  depth: 3\n",
        "ok.yaml",
        config("0.1"));
    Cli.Result r =
        compat(1, "open.schema.json", V2, "--configs", "configs", "--content-model", "closed");
    assertThat(r.out())
        .isEqualTo(
            V2
                + ":105:31: /properties/model/additionalProperties: additionalProperties false"
                + " added: information only\n"
                + "1 change, 0 break backward: compatible"
                + CLOSED_READING
                + "\n"
                + "configs/extra.yaml: valid under open.schema.json, invalid under "
                + V2
                + ":\n"
                + "configs/extra.yaml:5:3: /model/depth: unknown property 'depth'"
                + " (additionalProperties)\n"
                + "configs: 2 files in configs: 1 broken, 1 valid under both versions, 0 invalid"
                + " under both versions\n"
                + "configs: the comparison of the schemas found no breaking change, but the file"
                + " above is broken: not compatible (the comparison read content models as closed;"
                + " the configs are validated with the templates as written)\n");
  }

  @Test
  void versionsCanBeTemplateNamesInTheSchemasDirectory() throws IOException {
    lowered(V2);
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    for (String name : List.of(V1, V2, "common.schema.json")) {
      Files.move(dir.resolve(name), schemas.resolve(name));
    }
    Cli.Result r = compat(1, "training", "training-v2", "--schemas", "schemas");
    assertThat(r.out())
        .isEqualTo(loweredLine("schemas/" + V2) + "\n1 change, 1 breaks backward: incompatible\n");
    // ./schemas is where names are looked up by default
    assertThat(compat(1, "training", "training-v2").out()).isEqualTo(r.out());
  }

  @Test
  void aTransitiveModeChecksTheCandidateAgainstEachVersionAndNamesIt() {
    // v1 allows lr up to 1, v2 up to 2, v3 up to 1.5: v3 breaks the configs of v2, not of v1
    changed("v2.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "2,"));
    changed("v3.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "1.5,"));
    Cli.Result r =
        compat(1, V1, "v2.schema.json", "v3.schema.json", "--mode", "backward-transitive");
    String site = "v3.schema.json:125:22: /properties/optimizer/properties/lr/maximum: ";
    String smallest =
        "{\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"}, \"model\": {\"layers\": [{\"units\":"
            + " 1}]}, \"optimizer\": {\"lr\": ";
    assertThat(r.out())
        .isEqualTo(
            site
                + "maximum raised from 1 to 1.5 (against "
                + V1
                + "): breaks forward: "
                + smallest
                + "1.25}} is valid now, was invalid\n"
                + site
                + "maximum lowered from 2 to 1.5 (against v2.schema.json): breaks backward: "
                + smallest
                + "1.75}} was valid, now invalid\n"
                + "2 changes, 1 breaks backward-transitive: incompatible\n");
    assertWitness(smallest + "1.75}}", "v2.schema.json", "v3.schema.json");
    // against v1 alone, v3 only raises the maximum: compatible
    assertThat(compat(0, V1, "v3.schema.json").out())
        .endsWith("\n1 change, 0 break backward: compatible\n");
  }

  @Test
  void moreThanTwoVersionsWithAModeThatIsNotTransitiveIsAUsageError() throws IOException {
    changed("v2.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "2,"));
    changed("v3.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "1.5,"));
    assertUsageError(
        cli.run("compat", V1, "v2.schema.json", "v3.schema.json"),
        "3 versions given: --mode backward compares two (OLD NEW); give a transitive mode"
            + " (backward-transitive) to check NEW against each earlier version");
    assertUsageError(
        cli.run("compat", V1, "v2.schema.json", "v3.schema.json", "--mode", "none"),
        "3 versions given: --mode none compares two (OLD NEW)");
    // an unquoted glob, expanded by the shell: the second config file became a version
    configs("a.yaml", config("0.5"), "b.yaml", config("0.7"));
    assertUsageError(
        cli.run("compat", V1, "v2.schema.json", "--configs", "configs/a.yaml", "configs/b.yaml"),
        "3 versions given: --mode backward compares two (OLD NEW); give a transitive mode"
            + " (backward-transitive) to check NEW against each earlier version (quote a glob"
            + " given to --configs)");
  }

  @Test
  void aFileReachedThroughARefIsNamedAsTheUserCanOpenIt() throws IOException {
    for (String version : List.of("v1", "v2")) {
      Files.createDirectories(dir.resolve(version));
      for (String name : List.of(V1, "common.schema.json")) {
        Files.copy(dir.resolve(name), dir.resolve(version).resolve(name));
      }
    }
    Path common = dir.resolve("v2/common.schema.json");
    Files.writeString(
        common, Files.readString(common).replace("\"maximum\": 4294967295", "\"maximum\": 100"));
    String older = "v1/" + V1;
    String newer = "v2/" + V1;
    assertThat(compat(1, older, newer).out())
        .isEqualTo(
            "v2/common.schema.json:11:18: /$defs/seed/maximum: maximum lowered from 4294967295 to"
                + " 100: breaks backward: {\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"},"
                + " \"model\": {\"layers\": [{\"units\": 1}]}, \"seed\": 4294967295} was valid,"
                + " now invalid\n"
                + "1 change, 1 breaks backward: incompatible\n");
    Config change =
        (Config)
            Config.fromJson(compat(1, older, newer, "--format", "json").out())
                .getList("changes")
                .get(0);
    assertThat(change.getString("older.location")).isEqualTo("v1/common.schema.json:11:18");
    assertThat(change.getString("newer.location")).isEqualTo("v2/common.schema.json:11:18");
    Config run = (Config) sarif(1, older, newer).getList("runs").get(0);
    assertThat(SarifFormatIT.configs(run.getList("results")))
        .extracting(SarifFormatIT::location)
        .containsExactly("v2/common.schema.json:11:18");
    // with the directory's own name (./v2 is not v2), and through --schemas, the same rule
    assertThat(compat(1, "./" + older, "./" + newer).out())
        .startsWith("./v2/common.schema.json:11:18: ");
    assertThat(compat(1, older, "training", "--schemas", "v2").out())
        .startsWith("v2/common.schema.json:11:18: ");
    // validate names a broken file reached through a $ref the same way
    Files.writeString(common, "{\n  \"$defs\": {\n");
    Files.writeString(dir.resolve("run.yaml"), config("0.5"));
    assertUsageError(
        cli.run("validate", "-t", newer, "run.yaml"),
        newer
            + ":14:15: cannot resolve $ref 'common.schema.json#/$defs/seed':"
            + " v2/common.schema.json:3:1: invalid JSON: Unexpected end-of-input: expected close"
            + " marker for Object (opened at 2:12)");
  }

  @Test
  void aFifoOrADirectoryGivenAsATemplateFailsAtOnce() throws Exception {
    Process mk = new ProcessBuilder("mkfifo", dir.resolve("f.schema.json").toString()).start();
    assertThat(mk.waitFor()).isZero();
    assertUsageError(
        cli.run("compat", "f.schema.json", V1),
        "f.schema.json: is a FIFO (named pipe), not a schema file");
    Files.writeString(dir.resolve("run.yaml"), config("0.5"));
    assertUsageError(
        cli.run("validate", "-t", "f.schema.json", "run.yaml"),
        "f.schema.json: is a FIFO (named pipe), not a schema file");
    Files.createDirectories(dir.resolve("v1"));
    assertUsageError(cli.run("compat", "v1", V1), "v1: is a directory, not a schema file");
    Files.createDirectories(dir.resolve("schemas"));
    assertUsageError(
        cli.run("compat", "v1", V1, "--schemas", "schemas"),
        "v1: is a directory, not a schema file");
  }

  @Test
  void aFifoInTheConfigsDirectoryIsSkippedAsValidateSkipsIt() throws Exception {
    configs("a.yaml", config("0.5"));
    Process mk =
        new ProcessBuilder("mkfifo", dir.resolve("configs/nobody-writes.yaml").toString()).start();
    assertThat(mk.waitFor()).isZero();
    assertThat(compat(0, V1, V1, "--configs", "configs").out())
        .isEqualTo(
            "no changes: compatible\n"
                + "configs: 1 file in configs: 0 broken, 1 valid under both versions, 0 invalid"
                + " under both versions\n");
  }

  @Test
  void configsThatAreNoConfigAtAllAreListedAndCountedApart() throws IOException {
    configs(
        "ok.yaml", config("0.5"), "empty.yaml", "", "blank.yaml", "  \n", "cut.json", "{\"a\": ");
    Files.write(dir.resolve("configs/bin.json"), new byte[] {0, (byte) 0xff, (byte) 0xfe});
    assertThat(compat(0, V1, V1, "--configs", "configs").out())
        .isEqualTo(
            "no changes: compatible\n"
                + "configs/bin.json:1:2: not read as a config: invalid UTF-8 (byte 0xff at offset"
                + " 1)\n"
                + "configs/blank.yaml: not read as a config: empty file\n"
                + "configs/cut.json:1:7: not read as a config: invalid JSON: Unexpected"
                + " end-of-input within/between Object entries\n"
                + "configs/empty.yaml: not read as a config: empty file\n"
                + "configs: 5 files in configs: 0 broken, 1 valid under both versions, 0 invalid"
                + " under both versions, 4 not read (listed above)\n");
    Config json =
        Config.fromJson(compat(0, V1, V1, "--configs", "configs", "--format", "json").out());
    assertThat(json.getInt("configs.invalidUnderAll")).isZero();
    assertThat(SarifFormatIT.configs(json.getList("configs.unreadable")))
        .extracting(u -> u.getString("location") + " " + u.getString("problem"))
        .containsExactly(
            "configs/bin.json:1:2 invalid UTF-8 (byte 0xff at offset 1)",
            "configs/blank.yaml empty file",
            "configs/cut.json:1:7 invalid JSON: Unexpected end-of-input within/between Object"
                + " entries",
            "configs/empty.yaml empty file");
    Config run = (Config) sarif(0, V1, V1, "--configs", "configs").getList("runs").get(0);
    assertThat(SarifFormatIT.configs(run.getList("results")))
        .extracting(
            r ->
                r.getString("ruleId")
                    + " "
                    + r.getString("level")
                    + " "
                    + SarifFormatIT.location(r))
        .containsExactly(
            "CONFIG_NOT_READ warning configs/bin.json:1:2",
            "CONFIG_NOT_READ warning configs/blank.yaml",
            "CONFIG_NOT_READ warning configs/cut.json:1:7",
            "CONFIG_NOT_READ warning configs/empty.yaml");
  }

  @Test
  void aConfigValidUnderSomeOfThreeVersionsIsNotCalledValidUnderOneOnly() {
    // v1 allows lr up to 1, v2 and v3 up to 2: lr 1.5 is valid under v2 and v3, not under v1
    changed("v2.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "2,"));
    changed("v3.schema.json", LR_BOUNDS, LR_BOUNDS.replace("1,", "2,"));
    configs("mid.yaml", config("1.5"));
    assertThat(
            compat(
                    0,
                    V1,
                    "v2.schema.json",
                    "v3.schema.json",
                    "--mode",
                    "backward-transitive",
                    "--configs",
                    "configs")
                .out())
        .endsWith(
            "\nconfigs: 1 file in configs: 0 broken, 0 valid under all versions, 0 invalid under"
                + " all versions, 1 valid under some versions only (backward-transitive allows"
                + " it)\n");
    assertThat(compat(0, V1, "v2.schema.json", "--configs", "configs").out())
        .endsWith(
            "\nconfigs: 1 file in configs: 0 broken, 0 valid under both versions, 0 invalid under"
                + " both versions, 1 valid under one version only (backward allows it)\n");
  }

  @Test
  void aBreakingChangeWithoutAWitnessSaysSo() {
    // the maximum is lowered, which breaks by the rules, but the learning rate's enum admits no
    // value between the two maxima: no document can prove it, and the line says so
    String lr = "\"maximum\": 1,";
    changed("enum.schema.json", lr, "\"maximum\": 1, \"enum\": [0.001, 0.01],");
    changed(V2, lr, "\"maximum\": 0.5, \"enum\": [0.001, 0.01],");
    assertThat(compat(1, "enum.schema.json", V2).out())
        .isEqualTo(
            V2
                + ":125:22: /properties/optimizer/properties/lr/maximum: maximum lowered from 1 to"
                + " 0.5: breaks backward: no witness document could be built\n"
                + "1 change, 1 breaks backward: incompatible\n");
  }

  @Test
  void aChangeThatCannotBeDecidedIsNotCompatible() {
    String names = "\"pattern\": \"^[a-z][a-z0-9_.-]{0,62}$\"";
    changed(V2, names, names + ", \"maxLength\": 40");
    assertThat(compat(1, V1, V2).out())
        .isEqualTo(
            V2
                + ":194:24: /properties/labels/propertyNames: propertyNames changed (not compared):"
                + " not decided (older: "
                + V1
                + ":194:24 /properties/labels/propertyNames)\n"
                + "1 change, 1 not decided: incompatible\n");
  }

  @Test
  void onATerminalTheLocationIsBoldAndABreakingChangeInTheErrorColour() {
    Assumptions.assumeTrue(Cli.canRunOnTerminal(), "util-linux script is not installed");
    lowered(V2);
    changed("v3.schema.json", "\"description\": \"Learning rate\"", "\"description\": \"Step\"");
    String breaking = loweredLine(V2).substring((V2 + ":125:22: ").length());
    assertThat(cli.runOnTerminal("compat", V1, V2).out())
        .contains("\u001b[1m" + V2 + ":125:22\u001b[0m: \u001b[1;31m" + breaking + "\u001b[0m")
        .contains("\u001b[1;31m1 change, 1 breaks backward: incompatible\u001b[0m");
    assertThat(cli.runOnTerminal("compat", V1, "v3.schema.json").out())
        .contains("\u001b[1mv3.schema.json:123:26\u001b[0m: /properties/optimizer/properties/lr/")
        .contains("\u001b[32m1 change, 0 break backward: compatible\u001b[0m");
    assertThat(cli.runOnTerminal("--no-color", "compat", V1, V2).out()).doesNotContain("\u001b[");
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
  void aMalformedSchemaFileIsAUsageErrorAtItsLineAndColumnWithoutParserInternals()
      throws IOException {
    Files.writeString(dir.resolve("cut.schema.json"), "{\n  \"type\": \"object\"\n");
    String problem =
        "cut.schema.json:3:1: invalid JSON: Unexpected end-of-input: expected close marker for"
            + " Object (opened at 1:1)";
    assertUsageError(cli.run("compat", V1, "cut.schema.json"), problem);
    Files.writeString(dir.resolve("run.yaml"), config("0.5"));
    Cli.Result validate = cli.run("validate", "-t", "cut.schema.json", "run.yaml");
    assertThat(validate.code()).as(validate.toString()).isEqualTo(2);
    assertThat(validate.err()).as(validate.toString()).contains(problem).doesNotContain("Source:");
  }

  @Test
  void twoVersionsOfOneDirectoryWithTheSameIdEachPrintTheirOwnLines() throws IOException {
    String text = Files.readString(dir.resolve(V1));
    assertThat(text).contains("\"maximum\": 65536");
    Files.writeString(dir.resolve("v2.schema.json"), text.replace("65536", "100"));
    String line =
        ":224:22: /$defs/layer/properties/units/maximum: maximum lowered from 65536 to 100:"
            + " breaks backward: {\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"},"
            + " \"model\": {\"layers\": [{\"units\": 32818}]}} was valid, now invalid";
    assertThat(compat(1, V1, "v2.schema.json").out())
        .isEqualTo("v2.schema.json" + line + "\n1 change, 1 breaks backward: incompatible\n");
    assertThat(compat(1, "--mode", "forward", "v2.schema.json", V1).out())
        .startsWith(V1 + ":224:22: ");
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
