package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML anchors, aliases, merge keys and the alias limit, end to end through the real jar. */
class YamlAsWrittenIT {
  static final String TEMPLATE = "schemas/examples/training.schema.json";

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void copyTemplates() throws Exception {
    cli = new Cli(dir, Map.of());
    Path schemas = Files.createDirectories(dir.resolve("schemas/examples"));
    try (Stream<Path> files = Files.list(Cli.ROOT.resolve("schemas/examples"))) {
      for (Path f : files.toList()) {
        Files.copy(f, schemas.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void validateExpandsAnchorsAliasesAndMergeKeysAndPointsIntoAliasesAtTheAlias() throws Exception {
    String layers =
        "model:\n"
            + "  architecture: mlp\n"
            + "  layers:\n"
            + "    - &wide {units: 256, activation: gelu}\n"
            + "    - <<: *wide\n"
            + "      units: 128\n"
            + "    - *wide\n";
    Files.writeString(
        dir.resolve("ok.yaml"),
        "name: anchors\ndataset: {name: mnist, batch_size: &b 64}\n" + layers + "seed: *b\n");
    Files.writeString(
        dir.resolve("bad.yaml"),
        "name: anchors\n"
            + "dataset: {name: mnist}\n"
            + "model:\n"
            + "  layers:\n"
            + "    - &wide {units: 0, activation: gelu}\n"
            + "    - <<: *wide\n"
            + "      units: 128\n"
            + "    - *wide\n");
    Cli.Result ok = cli.run("validate", "-t", TEMPLATE, "ok.yaml");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).isEqualTo("1 valid, 0 invalid, 1 file\n");
    Cli.Result bad = cli.run("validate", "-t", TEMPLATE, "bad.yaml");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.out().lines())
        .containsExactly(
            "bad.yaml:5:21: /model/layers/0/units: must be at least 1 (minimum)",
            "bad.yaml:8:7: /model/layers/2/units: must be at least 1 (minimum)",
            "0 valid, 1 invalid, 1 file");
  }

  @Test
  void validateRefusesBillionLaughsInOneLineNamingTheFileLineAndLimit() throws Exception {
    StringBuilder b = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String prev = "*" + (char) (c - 1);
      b.append(c).append(": &").append(c).append(" [").append(prev);
      b.append((", " + prev).repeat(8)).append("]\n");
    }
    Files.writeString(dir.resolve("lol.yaml"), b.toString());
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "lol.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            "lol.yaml:7:8: (root): YAML aliases expand to more than 1000000 nodes (the limit for"
                + " one document) (syntax)",
            "0 valid, 1 invalid, 1 file");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void validateRefusesTagsOutsideTheCoreSchemaByName() throws Exception {
    Files.writeString(dir.resolve("tag.yaml"), "name: !!python/object:os.system ls\n");
    Cli.Result r = cli.run("validate", "-t", TEMPLATE, "tag.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(
            "tag.yaml:1:7: (root): YAML tag '!!python/object:os.system' is not supported (the"
                + " core schema's tags are");
  }
}
