package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule tells a file's syntax from its name, in any case ({@link ConfigFormat#forFile}), and
 * every reader and writer applies it: loading, saving, validating and looking templates up by name.
 */
class OneFormatRuleTest {
  @TempDir Path dir;

  @Test
  void loadAndSaveTellTheSameSyntaxAndRefuseTheSameNames() throws Exception {
    Config c = Config.of("lr", 0.5, "name", "x");
    for (String name : new String[] {"a.JSON", "b.Yml", "c.yAmL", "d.TOML"}) {
      Path file = dir.resolve(name);
      c.save(file);
      assertThat(Config.load(file)).as(name).isEqualTo(c);
      assertThat(ConfigFormat.forFile(file)).isPresent();
    }
    assertThat(Files.readString(dir.resolve("d.TOML"))).contains("lr = 0.5");
    Path txt = dir.resolve("c.txt");
    String problem = "cannot tell the format from the file name (use .json, .yaml, .yml or .toml)";
    // One failure, whatever the entry point: ConfigException.Io naming the file.
    assertThatThrownBy(() -> c.save(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(txt + ": cannot save config: " + problem);
    Files.writeString(txt, "lr: 1\n");
    assertThatThrownBy(() -> Config.load(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(txt + ": " + problem);
    assertThatThrownBy(() -> ConfigSchema.fromText("{}").validate(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(txt + ": " + problem);
    assertThatThrownBy(() -> ConfigSchema.fromText("{}").toConfig(txt))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessage(txt + ": " + problem);
  }

  @Test
  void templatesAreFoundByNameWhateverTheCaseOfTheirExtension() throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("Train.Schema.JSON"), "{\"title\": \"t\"}");
    Files.writeString(schemas.resolve("eval.SCHEMA.yml"), "title: e\n");
    Files.writeString(schemas.resolve("common.Yaml"), "title: c\n");
    Files.writeString(schemas.resolve("notes.toml"), "title = 'n'\n");
    SchemaDirectory d = SchemaDirectory.open(schemas);
    assertThat(d.names()).containsExactly("Train.Schema.JSON", "common.Yaml", "eval.SCHEMA.yml");
    assertThat(d.get("train").origin()).endsWith("Train.Schema.JSON");
    assertThat(d.get("EVAL").origin()).endsWith("eval.SCHEMA.yml");
    assertThat(d.get("common").origin()).endsWith("common.Yaml");
    assertThatThrownBy(() -> d.get("notes"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("no template named 'notes'");
  }
}
