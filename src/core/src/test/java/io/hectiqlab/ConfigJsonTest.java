package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {
  @TempDir Path dir;

  @Test
  void numbersKeepExactValueAndKindThroughJson() {
    Config c =
        Config.of(
            "tenth",
            0.1,
            "maxLong",
            Long.MAX_VALUE,
            "tiny",
            1e-300,
            "int",
            7,
            "big",
            new BigInteger("123456789012345678901234567890"),
            "precise",
            new BigDecimal("0.1000000000000000000000001"),
            "huge",
            new BigDecimal("1E+400"),
            "whole",
            2.0);
    Config back = Config.fromJson(c.toJson());
    assertThat(back.get("tenth")).isEqualTo(0.1);
    assertThat(back.get("maxLong")).isEqualTo(Long.MAX_VALUE);
    assertThat(back.get("tiny")).isEqualTo(1e-300);
    assertThat(back.get("int")).isEqualTo(7);
    assertThat(back.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(back.get("precise")).isEqualTo(new BigDecimal("0.1000000000000000000000001"));
    assertThat(back.get("huge")).isInstanceOf(BigDecimal.class);
    assertThat(((BigDecimal) back.get("huge")).compareTo(new BigDecimal("1E+400"))).isZero();
    assertThat(back.get("whole")).isEqualTo(2.0);
    assertThat(back).isEqualTo(c);
  }

  @Test
  void toJsonIsPrettyAndOrdered() {
    Config c =
        Config.of("b", 1, "a", Config.of("x", java.util.Arrays.asList(1, "two", true, null)));
    assertThat(c.toJson())
        .isEqualTo("{\n  \"b\": 1,\n  \"a\": {\n    \"x\": [ 1, \"two\", true, null ]\n  }\n}");
    assertThat(c.toString()).isEqualTo(c.toJson());
  }

  @Test
  void nonEncodableValuesFailNamingPathAndType() {
    Config c = Config.of("model", Config.of("layers", List.of(1, new StringBuilder("x"))));
    assertThatThrownBy(c::toJson)
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageStartingWith(
            "model.layers.1: value of type java.lang.StringBuilder is not JSON-encodable");
    assertThat(c.toString()).contains("layers");
    Path file = dir.resolve("c.json");
    assertThatThrownBy(() -> c.save(file)).isInstanceOf(ConfigException.BadValue.class);
    assertThat(file).doesNotExist();
  }

  @Test
  void saveAndLoadRoundTrip() {
    Config c =
        Config.fromMap(Map.of("dataset", Map.of("name", "mnist", "batch_size", 32), "lr.max", 0.5));
    Path file = dir.resolve("config.json");
    c.save(file);
    assertThat(Config.load(file)).isEqualTo(c);
  }

  @Test
  void yamlSaveReadsBackAsTheSameValuesIncludingLookalikeStrings() {
    Config c =
        Config.of(
            "words",
            List.of("yes", "no", "on", "null", "1.0", "0x1f", "~", "#x", "a: b", ""),
            "exact",
            new java.math.BigDecimal("0.1000000000000000000000001"),
            "big",
            Long.MAX_VALUE,
            "nested",
            Config.of("flag", true, "none", null, "list", List.of(1, 2.5)));
    Path file = dir.resolve("config.yaml");
    c.save(file);
    assertThat(Config.load(file)).isEqualTo(c);
    assertThat(c.toYaml()).doesNotStartWith("---").contains("\"yes\"");
  }

  @Test
  void saveReplacesAtomicallyKeepsPermissionsAndLeavesNoTempFiles() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"old\": true}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    Config.of("new", true).save(file);
    assertThat(Config.load(file).get("new")).isEqualTo(true);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw----");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    Path fresh = dir.resolve("fresh.json");
    Config.of("a", 1).save(fresh);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void saveToAMissingDirectoryFailsClearlyAndWritesNothing() {
    Path file = dir.resolve("missing/config.json");
    assertThatThrownBy(() -> Config.of("a", 1).save(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": cannot save config:");
  }

  @Test
  void saveOverADirectoryFailsAndKeepsIt() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertThatThrownBy(() -> Config.of("a", 1).save(sub))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot save config");
    assertThat(sub).isDirectory();
  }

  @Test
  void loadReadsYamlByExtension() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "a:\n  b: [1, 2]\n  c: yes\n");
    Config c = Config.load(file);
    assertThat(c.getList("a.b")).containsExactly(1, 2);
    assertThat(c.get("a.c")).isEqualTo("yes");
  }

  @Test
  void truncatedOrCorruptFilesFailWithFileLineAndColumn() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\n  \"a\": {\n    \"b\": 1,\n");
    assertThatThrownBy(() -> Config.load(file))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessageStartingWith(file + ":4:")
        .hasMessageContaining("invalid JSON");
    Files.write(
        file, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    assertThatThrownBy(() -> Config.load(file))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessageStartingWith(file + ":1:7: invalid UTF-8");
  }

  @Test
  void fromJsonRejectsNonObjectsAndTrailingContent() {
    assertThatThrownBy(() -> Config.fromJson("[1, 2]"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:1:1: the root must be an object (key: value pairs), found a list");
    assertThatThrownBy(() -> Config.fromJson("{} {}"))
        .hasMessage("<string>:1:4: unexpected content after the end of the document");
    assertThatThrownBy(() -> Config.fromJson(""))
        .hasMessage("<string>: empty document: expected an object");
  }

  @Test
  void utf8TextRoundTrips() {
    Config c = Config.of("name", "réseau 神经 🧠", "k€y", "\u0000\n\"");
    Config back =
        Config.fromJson(
            new String(c.toJson().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(c);
  }
}
