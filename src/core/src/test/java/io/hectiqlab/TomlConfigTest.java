package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TOML config files read, validate, convert and save like JSON and YAML ones, as strictly. */
class TomlConfigTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      """
      {"type": "object",
       "properties": {
         "name": {"type": "string"},
         "optimizer": {"type": "object", "additionalProperties": false,
           "properties": {"name": {"type": "string", "default": "adam"},
                          "lr": {"type": "number", "maximum": 1}}},
         "layers": {"type": "array", "items": {"type": "object",
           "properties": {"units": {"type": "integer", "minimum": 1}}}}
       }}
      """;

  private static final String TRAIN =
      """
      # a training run
      name = "baseline"
      started = 1979-05-27T07:32:00Z

      [optimizer]
      lr = 0.001

      [[layers]]
      units = 64

      [[layers]]
      units = 32
      """;

  private String parseError(String toml) {
    try {
      Config.fromToml(toml);
    } catch (ConfigException.Parse e) {
      assertThat(e.origin()).isEqualTo("<string>");
      return e.getMessage();
    }
    throw new AssertionError("no error for " + toml);
  }

  @Test
  void readsTablesArraysOfTablesAndDottedKeys() {
    Config c = Config.fromToml(TRAIN + "\n[data]\npath.root = '/d'\nsplits = [0.8, 0.2]\n");
    assertThat(c.getString("name")).isEqualTo("baseline");
    assertThat(c.getDouble("optimizer.lr")).isEqualTo(0.001);
    assertThat(c.getInt("layers.1.units")).isEqualTo(32);
    assertThat(c.getString("data.path.root")).isEqualTo("/d");
    assertThat(c.getList("data.splits")).containsExactly(0.8, 0.2);
    assertThat(c.keys()).containsExactly("name", "started", "optimizer", "layers", "data");
  }

  @Test
  void datesAndTimesBecomeRfc3339Strings() {
    Config c =
        Config.fromToml(
            """
            odt = 1979-05-27T07:32:00Z
            utc = 1979-05-27 07:32:00+00:00
            frac = 1979-05-27T00:32:00.999999-07:00
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 07:32:00
            lt_frac = 00:32:00.500
            """);
    assertThat(c.toMap())
        .containsEntry("odt", "1979-05-27T07:32:00Z")
        .containsEntry("utc", "1979-05-27T07:32:00Z")
        .containsEntry("frac", "1979-05-27T00:32:00.999999-07:00")
        .containsEntry("ldt", "1979-05-27T07:32:00")
        .containsEntry("ld", "1979-05-27")
        .containsEntry("lt", "07:32:00")
        .containsEntry("lt_frac", "00:32:00.5");
  }

  @Test
  void numbersAreExact() {
    Config c =
        Config.fromToml(
            "i = 9223372036854775807\nh = 0x1F\no = 0o17\nb = 0b101\nu = 1_000\n"
                + "f = 0.1\ne = 5e+22\np = 3.14159265358979323846264\n");
    assertThat(c.get("i")).isEqualTo(Long.MAX_VALUE);
    assertThat(c.get("h")).isEqualTo(31);
    assertThat(c.get("o")).isEqualTo(15);
    assertThat(c.get("b")).isEqualTo(5);
    assertThat(c.get("u")).isEqualTo(1000);
    assertThat(c.get("f")).isEqualTo(0.1);
    assertThat(c.get("e")).isEqualTo(5e22);
    assertThat(c.get("p")).isEqualTo(new BigDecimal("3.14159265358979323846264"));
  }

  @Test
  void anEmptyDocumentIsAnEmptyTable() {
    assertThat(Config.fromToml("# nothing\n").size()).isZero();
  }

  @Test
  void duplicateKeysAndTablesAreRefusedAtTheKey() {
    assertThat(parseError("a = 1\nb = 2\n  a = 3\n")).isEqualTo("<string>:3:3: duplicate key 'a'");
    assertThat(parseError("[t]\nx = 1\n\n[t]\ny = 2\n"))
        .isEqualTo("<string>:4:2: duplicate table [t]");
    assertThat(parseError("p = {x = 1, x = 2}\n")).isEqualTo("<string>:1:13: duplicate key 'x'");
    assertThat(parseError("a.b = 1\na = 2\n")).isEqualTo("<string>:2:1: duplicate key 'a'");
    assertThat(parseError("[[t]]\nx = 1\n[[t]]\nx = 1\nx = 2\n"))
        .isEqualTo("<string>:5:1: duplicate key 'x'");
    assertThat(parseError("\"\" = 1\n[\"\"]\nx = 1\n"))
        .isEqualTo("<string>:2:2: duplicate table [\"\"]");
    assertThat(parseError("t = [1]\n[[t]]\n")).isEqualTo("<string>:2:3: duplicate key 't'");
  }

  @Test
  void nonFiniteAndOverflowingNumbersAreRefused() {
    assertThat(parseError("a = 1\n[t]\nb = inf\n"))
        .isEqualTo("<string>:3:5: 'inf' is not a finite number; JSON has no NaN or Infinity");
    assertThat(parseError("b = -inf\n"))
        .endsWith(":1:5: '-inf' is not a finite number; JSON has no NaN or Infinity");
    assertThat(parseError("xs = [1, nan]\n")).startsWith("<string>:1:10: 'nan'");
    assertThat(parseError("big = 9223372036854775808\n"))
        .isEqualTo(
            "<string>:1:7: integer 9223372036854775808 does not fit in 64 bits, as TOML requires");
    assertThat(parseError("x = 1e1001\n"))
        .isEqualTo(
            "<string>:1:5: number '1E+1001' is out of range (the exponent must be within +/-1000)");
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThat(parseError("a = 1\n\n  b = \n"))
        .isEqualTo("<string>:3:7: invalid TOML: Newline not permitted here");
    assertThat(parseError("a = 1979-13-27\n"))
        .startsWith("<string>:1:5: invalid TOML: Invalid date/time value ('1979-13-27')");
    assertThat(parseError("a = [1,,2]\n")).isEqualTo("<string>:1:8: invalid TOML: Unknown token");
  }

  @Test
  void deepNestingIsRefusedWithItsPosition() {
    String arrays = "a = " + "[".repeat(300) + "]".repeat(300) + "\n";
    assertThat(parseError(arrays)).isEqualTo("<string>:1:205: nesting is deeper than 200 levels");
    String header = "[" + "k.".repeat(5000) + "k]\nx = 1\n";
    assertThat(parseError(header)).isEqualTo("<string>:1:402: nesting is deeper than 200 levels");
    String dotted = "k" + ".k".repeat(500_000) + " = 1\n";
    assertThat(parseError(dotted)).isEqualTo("<string>:1:401: nesting is deeper than 200 levels");
    String tables = "[[k" + ".k".repeat(100_000) + "]]\n";
    assertThat(parseError(tables)).isEqualTo("<string>:1:403: nesting is deeper than 200 levels");
    String inline = "a = " + "{b = ".repeat(100_000) + "1" + "}".repeat(100_000) + "\n";
    assertThat(parseError(inline)).isEqualTo("<string>:1:1001: nesting is deeper than 200 levels");
  }

  @Test
  void violationsPointAtTheValueOrTheKeyInTheTomlFile() throws Exception {
    Path file = dir.resolve("train.toml");
    Files.writeString(
        file, TRAIN.replace("lr = 0.001", "lr = 3\n  lrr = 1").replace("units = 32", "units = 0"));
    ValidationResult r = ConfigSchema.fromText(SCHEMA).validate(file);
    assertThat(r.violations())
        .extracting(Violation::toString)
        .containsExactly(
            file + ":6:6: /optimizer/lr: must be at most 1 (maximum)",
            file
                + ":7:3: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?"
                + " (additionalProperties)",
            file + ":13:9: /layers/1/units: must be at least 1 (minimum)");
  }

  private static final String TRICKY =
      String.join(
          "\n",
          "# [not] a = \"table\"",
          "\"quoted.key\" = 'x' # a comment with [brackets]",
          "text = \"\"\"",
          "[fake]",
          "lr = 1 \\\"\"\" \"\"\"\"",
          "lit = '''",
          "x = [1, 2",
          "'''",
          "[optimizer] # the real one",
          "\"l r\" = 5",
          "inline = { a = { b = [ {c = 0}, 1 ] } }",
          "[[layers]]",
          "[[layers]]",
          "units = 0",
          "");

  @Test
  void positionsSurviveMultilineStringsCommentsAndQuotedKeys() throws Exception {
    String schema =
        """
        {"type": "object", "properties": {
          "quoted.key": {"type": "integer"},
          "optimizer": {"type": "object", "properties": {
            "l r": {"maximum": 1},
            "inline": {"properties": {"a": {"properties": {"b": {"prefixItems": [{"required": ["d"]}]}}}}}}},
          "layers": {"items": {"properties": {"units": {"minimum": 1}}}}}}
        """;
    Path file = dir.resolve("t.toml");
    Files.writeString(file, TRICKY);
    assertThat(Config.load(file).getString("text")).isEqualTo("[fake]\nlr = 1 \"\"\" \"");
    assertThat(ConfigSchema.fromText(schema).validate(file).violations())
        .extracting(Violation::toString)
        .containsExactly(
            file + ":2:16: /quoted.key: must be integer, found string (type)",
            file + ":10:9: /optimizer/l r: must be at most 1 (maximum)",
            file + ":11:24: /optimizer/inline/a/b/0: missing required property 'd' (required)",
            file + ":14:9: /layers/1/units: must be at least 1 (minimum)");
  }

  @Test
  void everyPrefixOfADocumentFailsCleanlyOrReads() {
    ConfigSchema schema = ConfigSchema.fromText(SCHEMA);
    for (String doc : List.of(TRICKY, TRAIN)) {
      for (int end = 0; end <= doc.length(); end++) {
        String prefix = doc.substring(0, end);
        try {
          Config.fromToml(prefix);
        } catch (ConfigException.Parse e) {
          assertThat(e.line()).as(prefix).isPositive();
        }
        assertThat(schema.validate(ConfigSource.text(prefix, "<p>", ConfigFormat.TOML)))
            .isNotNull();
      }
    }
  }

  @Test
  void windowsLineEndingsKeepPositions() throws Exception {
    Path file = dir.resolve("crlf.toml");
    Files.writeString(file, "[optimizer]\r\nlr = 3\r\nlrr = 1\r\n");
    assertThat(ConfigSchema.fromText(SCHEMA).validate(file).violations())
        .extracting(Violation::toString)
        .containsExactly(
            file + ":2:6: /optimizer/lr: must be at most 1 (maximum)",
            file
                + ":3:1: /optimizer/lrr: unknown property 'lrr'; did you mean 'lr'?"
                + " (additionalProperties)");
  }

  @Test
  void datesTheParserCannotHoldAreRefusedWithTheirPosition() {
    assertThat(parseError("a = 1\nb = 1979-05-27T07:32:60Z\n"))
        .startsWith("<string>:2:5: invalid TOML: Invalid date/time value ('1979-05-27T07:32:60Z')");
    assertThat(Config.fromToml("a = 1979-05-27t07:32:00z\n").get("a"))
        .isEqualTo("1979-05-27T07:32:00Z");
  }

  @Test
  void toConfigFillsDefaultsFromATomlFile() throws Exception {
    Path file = dir.resolve("train.toml");
    Files.writeString(file, TRAIN);
    Config c = ConfigSchema.fromText(SCHEMA).toConfig(file);
    assertThat(c.getString("optimizer.name")).isEqualTo("adam");
    assertThat(c.getString("started")).isEqualTo("1979-05-27T07:32:00Z");
  }

  @Test
  void saveWritesTomlThatLoadsBackEqual() throws Exception {
    Config c =
        Config.of(
            "name",
            "x\n\"quoted\" é",
            "lr",
            0.001,
            "tiny",
            1e-300,
            "max",
            Long.MAX_VALUE,
            "exact",
            new BigDecimal("0.1000000000000000000001"),
            "dotted.key",
            1,
            "mixed",
            List.of(1, "a", Config.of("x", 1), List.of(2)),
            "empty",
            List.of(),
            "nested",
            Config.of("inner", Config.of("z", true), "none", Config.of()),
            "layers",
            List.of(Config.of("units", 3), Config.of("units", 4)));
    Path file = dir.resolve("out.toml");
    c.save(file);
    assertThat(Files.readString(file)).contains("lr = 0.001\n").doesNotContain("{\n");
    assertThat(Config.load(file)).isEqualTo(c);
  }

  @Test
  void saveRefusesNullNamingThePathAndLeavesTheOldFile() throws Exception {
    Path file = dir.resolve("out.toml");
    Files.writeString(file, "old = 1\n");
    Config c = Config.of("a", 1, "opt", Config.of("layers", List.of(1, Config.of("x", null))));
    assertThatThrownBy(() -> c.save(file))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage(
            "opt.layers.1.x: null cannot be written as TOML, which has no null (remove the key,"
                + " or save as JSON or YAML)");
    assertThat(Files.readString(file)).isEqualTo("old = 1\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
