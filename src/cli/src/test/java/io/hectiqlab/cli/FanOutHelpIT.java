package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hectiqlab help} on a template whose $refs fan out (10 properties x 12 levels), through the
 * real jar: it finishes with the first 10,000 fields and says that there are more.
 */
class FanOutHelpIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void writeTemplate() throws Exception {
    cli = new Cli(dir, Map.of());
    StringBuilder sb = new StringBuilder("{\"$defs\": {");
    for (int l = 0; l < 12; l++) {
      sb.append(l == 0 ? "" : ", ").append("\"l").append(l).append("\": {\"properties\": {");
      for (int p = 0; p < 10; p++) {
        sb.append(p == 0 ? "" : ", ").append("\"p").append(p).append("\": ");
        sb.append(
            l == 11
                ? "{\"type\": \"integer\", \"default\": " + p + "}"
                : "{\"$ref\": \"#/$defs/l" + (l + 1) + "\"}");
      }
      sb.append("}}");
    }
    sb.append("}, \"$ref\": \"#/$defs/l0\"}");
    Files.writeString(dir.resolve("fan.schema.json"), sb.toString());
  }

  @Test
  void helpTableListsTheFirstTenThousandFieldsAndSaysThereAreMore() {
    Cli.Result r = cli.run("help", "-t", "fan.schema.json");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(1 + 10_000 + 1);
    assertThat(lines[0]).startsWith("FIELD");
    assertThat(lines[12]).startsWith("p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0  integer");
    assertThat(lines[lines.length - 1])
        .isEqualTo(
            "(only the first 10000 fields are listed: the template has more, its $refs fan out)");
  }

  @Test
  void helpJsonCarriesTheTruncationNotice() {
    Cli.Result r = cli.run("help", "-t", "fan.schema.json", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Config.fromJson(r.out()).getString("__truncated__"))
        .isEqualTo(
            "only the first 10000 fields are listed: the template has more (its $refs fan out)");
  }

  @Test
  void validatingWithTheTemplateFinishes() throws Exception {
    Files.writeString(dir.resolve("c.json"), "{\"p0\": {\"p1\": {\"p2\": {\"p3\": {}}}}}");
    Cli.Result r = cli.run("validate", "-t", "fan.schema.json", "c.json");
    assertThat(r.code()).as(r.toString()).isZero();
  }
}
