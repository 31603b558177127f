package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates that reference other files, through the real jar: help tables and ref errors. */
class TemplateRefsIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void writeTemplates() throws Exception {
    cli = new Cli(dir, Map.of());
    Files.writeString(
        dir.resolve("optimizer.schema.json"),
        "{\"type\": \"object\", \"description\": \"Optimizer settings\", \"properties\": {"
            + "\"name\": {\"type\": \"string\", \"default\": \"adam\","
            + " \"description\": \"Optimizer family\"},"
            + "\"lr\": {\"type\": \"number\", \"default\": 0.001, \"description\": \"Learning rate\"}}}");
    Files.writeString(
        dir.resolve("train.schema.json"),
        "{\"type\": \"object\", \"required\": [\"dataset\"], \"properties\": {\n"
            + "  \"dataset\": {\"type\": \"object\", \"description\": \"The data\"},\n"
            + "  \"optimizer\": {\"$ref\": \"optimizer.schema.json\", \"default\": {}},\n"
            + "  \"opt2\": {\"$ref\": \"optimizer.schema.json\"},\n"
            + "  \"cache\": {\"description\": \"Result cache\", \"oneOf\": [{\"type\": \"null\"},"
            + " {\"type\": \"object\", \"properties\": {\"redis_url\": {\"type\": \"string\","
            + " \"description\": \"Redis URL\"}}}]}\n"
            + "}}");
  }

  @Test
  void helpTableFollowsRefsToOtherFilesAndShowsRequiredAndOneOfBranches() {
    Cli.Result r = cli.run("help", "-t", "train.schema.json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "FIELD            TYPE         REQUIRED  DEFAULT  CONSTRAINTS             DESCRIPTION\n"
                + "dataset          object       yes       -        -                       The data\n"
                + "optimizer        object       -         {}       -                       Optimizer settings\n"
                + "optimizer.name   string       -         \"adam\"   -                       Optimizer family\n"
                + "optimizer.lr     number       -         0.001    -                       Learning rate\n"
                + "opt2             object       -         -        -                       Optimizer settings\n"
                + "opt2.name        string       -         \"adam\"   -                       Optimizer family\n"
                + "opt2.lr          number       -         0.001    -                       Learning rate\n"
                + "cache            null|object  -         -        -                       Result cache\n"
                + "cache.redis_url  string       -         -        only in oneOf branch 2  Redis URL\n");
    Config json =
        Config.fromJson(cli.run("help", "-t", "train.schema.json", "--format", "json").out());
    assertThat(json.getString("opt2.lr")).isEqualTo("[number] Learning rate (default: 0.001)");
    assertThat(json.getString("opt2.__doc__")).isEqualTo("[object] Optimizer settings");
  }

  @Test
  void mistypedRefIsOneLineNamingTheFilePositionAndTheClosestName() throws Exception {
    Files.writeString(
        dir.resolve("typo.schema.json"),
        "{\"properties\": {\n  \"optimizer\": {\"$ref\": \"optimiser.schema.json\"}}}");
    Files.writeString(dir.resolve("c.yaml"), "optimizer: {}\n");
    Cli.Result r = cli.run("validate", "-t", "typo.schema.json", "c.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: typo.schema.json:2:25: cannot resolve $ref 'optimiser.schema.json':"
                + " file optimiser.schema.json does not exist; did you mean"
                + " optimizer.schema.json?\n");
  }
}
