package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule tells a file's syntax from its name, ignoring case, wherever files are read or written;
 * other names are refused unless a syntax is given; streams and text read with the same limits.
 */
class FileFormatTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"maximum\": 1}}}";

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void theNameTellsTheFormatInAnyCase() throws Exception {
    assertThat(ConfigFormat.forFile(Path.of("a.json"))).contains(ConfigFormat.JSON);
    assertThat(ConfigFormat.forFile(Path.of("d/A.JSON"))).contains(ConfigFormat.JSON);
    assertThat(ConfigFormat.forFile(Path.of("a.Yaml"))).contains(ConfigFormat.YAML);
    assertThat(ConfigFormat.forFile(Path.of("a.YML"))).contains(ConfigFormat.YAML);
    assertThat(ConfigFormat.forFile(Path.of("A.TOML"))).contains(ConfigFormat.TOML);
    assertThat(ConfigFormat.forFile(Path.of("x.txt"))).isEmpty();
    assertThat(ConfigFormat.forFile(Path.of("toml"))).isEqualTo(Optional.empty());
    assertThat(ConfigFormat.forFile(Path.of("B.Toml"))).contains(ConfigFormat.TOML);
    Path txt = Files.writeString(dir.resolve("x.txt"), "a: 1\n");
    assertThatThrownBy(() -> Config.load(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(
            txt + ": cannot tell the format from the file name (use .json, .yaml, .yml or .toml)");
  }

  @Test
  void loadReadsUpperCaseNames() throws Exception {
    assertThat(Config.load(write("A.TOML", "lr = 0.5\n")).get("lr")).isEqualTo(0.5);
    assertThat(Config.load(write("B.YML", "lr: 0.5\n")).get("lr")).isEqualTo(0.5);
    assertThat(Config.load(write("C.Json", "{\"lr\": 0.5}")).get("lr")).isEqualTo(0.5);
  }

  @Test
  void saveWritesTheFormatItsNameTellsInAnyCase() throws Exception {
    Config c = Config.of("lr", 0.5, "name", "adam");
    c.save(dir.resolve("out.YAML"));
    assertThat(Files.readString(dir.resolve("out.YAML"))).isEqualTo("lr: 0.5\nname: adam\n");
    c.save(dir.resolve("out.TOML"));
    assertThat(Files.readString(dir.resolve("out.TOML"))).isEqualTo("lr = 0.5\nname = 'adam'\n");
    c.save(dir.resolve("out.Json"));
    assertThat(Files.readString(dir.resolve("out.Json")))
        .isEqualTo("{\n  \"lr\": 0.5,\n  \"name\": \"adam\"\n}\n");
  }

  @Test
  void anUnknownExtensionIsRefusedNamingTheFileAndTheFormats() throws Exception {
    Path txt = write("x.txt", "{\"lr\": 0.5}");
    assertThatThrownBy(() -> Config.load(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(
            txt + ": cannot tell the format from the file name (use .json, .yaml, .yml or .toml)");
    assertThatThrownBy(() -> ConfigSchema.fromText(SCHEMA).validate(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(
            txt + ": cannot tell the format from the file name (use .json, .yaml, .yml or .toml)");
    Path out = dir.resolve("out.txt");
    assertThatThrownBy(() -> Config.of("a", 1).save(out))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(
            out
                + ": cannot save config: cannot tell the format from the file name (use .json,"
                + " .yaml, .yml or .toml)");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingFileSaysSoWhateverItsName() {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> Config.load(missing)).hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> Config.load(dir)).hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void aGivenFormatReadsAnyName() throws Exception {
    Path txt = write("x.txt", "lr = 3\n");
    assertThat(Config.load(ConfigSource.file(txt, ConfigFormat.TOML)).get("lr")).isEqualTo(3);
    assertThat(
            ConfigSchema.fromText(SCHEMA)
                .validate(ConfigSource.file(txt, ConfigFormat.TOML))
                .violations())
        .extracting(Violation::toString)
        .containsExactly(txt + ":1:6: /lr: must be at most 1 (maximum)");
  }

  @Test
  void fromYamlAndFromTomlNameTheStringAndThePosition() {
    assertThat(Config.fromYaml("a: 1\nb: [1, 2]\n").get("b.1")).isEqualTo(2);
    assertThat(Config.fromYaml("{\"a\": 1}").get("a")).isEqualTo(1);
    assertThatThrownBy(() -> Config.fromYaml("a: 1\na: 2\n"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessageStartingWith("<string>:2:")
        .hasMessageEndingWith("duplicate key 'a'");
    assertThatThrownBy(() -> Config.fromToml("a = 1\nb = \n"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:2:5: invalid TOML: Newline not permitted here");
  }

  @Test
  void aStreamIsReadWithItsOriginAndFormat() {
    InputStream in = new ByteArrayInputStream("lr: 3\n".getBytes(StandardCharsets.UTF_8));
    ConfigSource source = ConfigSource.stream(in, "<stdin>", ConfigFormat.YAML);
    ValidationResult r = ConfigSchema.fromText(SCHEMA).validate(source);
    assertThat(r.violations())
        .extracting(Violation::toString)
        .containsExactly("<stdin>:1:5: /lr: must be at most 1 (maximum)");
    // The text is kept: the source reads the same document again.
    assertThat(Config.load(source).get("lr")).isEqualTo(3);
  }

  @Test
  void aStreamLargerThanTheLimitIsRefusedWhileReading() {
    long limit = 16L * 1024 * 1024;
    InputStream endless =
        new InputStream() {
          long served;

          @Override
          public int read() {
            served++;
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            served += len;
            return len;
          }

          @Override
          public String toString() {
            return "served " + served;
          }
        };
    ConfigSource source = ConfigSource.stream(endless, "<stdin>", ConfigFormat.JSON);
    assertThatThrownBy(() -> Config.load(source))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<stdin>: input is too large (the limit is 16777216 bytes)");
    assertThat(Long.parseLong(endless.toString().substring(7))).isLessThanOrEqualTo(limit + 8192);
  }

  @Test
  void toConfigReadsAStreamWithDefaults() {
    String schema =
        "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\", \"default\": 0.1},"
            + " \"name\": {\"type\": \"string\"}}}";
    InputStream in = new ByteArrayInputStream("name = 'x'\n".getBytes(StandardCharsets.UTF_8));
    Config c =
        ConfigSchema.fromText(schema)
            .toConfig(ConfigSource.stream(in, "<stdin>", ConfigFormat.TOML));
    assertThat(c.toMap()).containsEntry("name", "x").containsEntry("lr", 0.1);
  }

  @Test
  void schemaDirectoriesListJsonAndYamlSchemaFilesInAnyCase() throws Exception {
    write("a.schema.JSON", "{\"$id\": \"https://x.example/a\", \"type\": \"object\"}");
    write("b.schema.toml", "type = 'object'\n");
    write("notes.txt", "not a schema");
    SchemaDirectory schemas = SchemaDirectory.open(dir);
    // Schemas are JSON or YAML: a .toml file and other names are not schema files.
    assertThat(schemas.names()).containsExactly("a.schema.JSON");
    assertThat(schemas.get("a").id()).isEqualTo("https://x.example/a");
  }

  @Test
  void textStartingLikeAJsonScalarButWrittenInYamlIsReadAsYaml() {
    ConfigSchema list =
        ConfigSchema.fromText("{\"type\": \"array\", \"items\": {\"type\": \"string\"}}");
    assertThat(list.validateText("- a\n- b\n").isValid()).isTrue();
    ConfigSchema object =
        ConfigSchema.fromText(
            "{\"properties\": {\"lr\": {\"type\": \"number\"}}, \"required\": [\"lr\"]}");
    assertThat(object.validateText("\"lr\": 0.1\n").isValid()).isTrue();
    assertThat(object.validateText("\"lr\": \"x\"\n").toString())
        .isEqualTo("<string>:1:7: /lr: must be number, found string (type)");
    ConfigSchema number = ConfigSchema.fromText("{\"type\": \"integer\", \"minimum\": 0}");
    assertThat(number.validateText("-1").toString())
        .isEqualTo("<string>:1:1: (root): must be at least 0 (minimum)");
    assertThat(number.validateText("42").isValid()).isTrue();
    ConfigSchema string = ConfigSchema.fromText("{\"type\": \"string\"}");
    assertThat(string.validateText("\"" + "a\\\"".repeat(500_000) + "\"").isValid()).isTrue();
    assertThat(string.validateText("\"\uFFFE\"").isValid())
        .isTrue(); // JSON allows it, YAML does not
  }
}
