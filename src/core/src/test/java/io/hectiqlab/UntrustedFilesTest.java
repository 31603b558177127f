package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.internal.Printable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the user did not choose: devices named as configs, symbolic links out of a schemas
 * directory, files reached through a $ref, control characters in names and keys.
 */
class UntrustedFilesTest {
  @TempDir Path dir;

  @Test
  void aLinkToAnEndlessDeviceStopsAtTheSizeLimit() throws Exception {
    for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
      Path link =
          Files.createSymbolicLink(dir.resolve(device.substring(5) + ".yaml"), Path.of(device));
      assertThatThrownBy(() -> Config.load(link))
          .isInstanceOf(ConfigException.Io.class)
          .hasMessage(link + ": input is too large (the limit is 16777216 bytes)");
    }
  }

  @Test
  void aFifoNamedExplicitlyIsReadToItsEnd() throws Exception {
    Path fifo = dir.resolve("p.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.writeString(fifo, "lr: 0.5\n");
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.start();
    assertThat(Config.load(fifo).getDouble("lr")).isEqualTo(0.5);
    writer.join(20_000);
  }

  @Test
  void aDirectoryIsNotCalledMissing() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("configs"));
    assertThatThrownBy(() -> Config.load(sub)).hasMessage(sub + ": is a directory, not a file");
  }

  @Test
  void aRefThroughASymbolicLinkOutOfTheSchemasDirectoryIsNotLoaded() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("home"));
    Files.writeString(outside.resolve("key.json"), "hql_secret_api_key_0123456789");
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.createSymbolicLink(schemas.resolve("key.json"), outside.resolve("key.json"));
    Files.createSymbolicLink(schemas.resolve("linked"), outside);
    Path main = Files.writeString(schemas.resolve("main.schema.json"), "{\"$ref\": \"key.json\"}");
    Path viaDir =
        Files.writeString(schemas.resolve("dir.schema.json"), "{\"$ref\": \"linked/key.json\"}");

    assertThatThrownBy(() -> ConfigSchema.load(main))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("leads outside the schemas directory through a symbolic link")
        .hasMessageNotContaining("hql_secret");
    assertThatThrownBy(() -> ConfigSchema.load(viaDir))
        .hasMessageContaining("leads outside the schemas directory through a symbolic link")
        .hasMessageNotContaining("hql_secret");
    SchemaDirectory named = SchemaDirectory.open(schemas);
    assertThat(named.names()).containsExactly("dir.schema.json", "main.schema.json");
    assertThatThrownBy(() -> named.get("key.json"))
        .hasMessage(
            schemas.resolve("key.json")
                + ": leads outside the schemas directory through a symbolic link and was not"
                + " loaded");
  }

  @Test
  void aFifoInTheSchemasDirectoryIsNeverOpenedByARefOrTheIdScan() throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Process mk =
        new ProcessBuilder("mkfifo", schemas.resolve("pipe.schema.json").toString()).start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Path byFile =
        Files.writeString(schemas.resolve("a.schema.json"), "{\"$ref\": \"pipe.schema.json\"}");
    Path byId =
        Files.writeString(
            schemas.resolve("b.schema.json"), "{\"$ref\": \"https://example.com/pipe.json\"}");
    assertThatThrownBy(() -> ConfigSchema.load(byFile))
        .hasMessageContaining("is a FIFO (named pipe), not a schema file");
    assertThatThrownBy(() -> SchemaDirectory.open(schemas).get("b"))
        .hasMessageContaining("is remote and was not loaded");
  }

  @Test
  void aFileReachedThroughARefIsNeverQuotedInItsParseError() throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("notes.json"), "hql_secret_api_key_0123456789\n");
    Path main =
        Files.writeString(schemas.resolve("main.schema.json"), "{\"$ref\": \"notes.json\"}");
    assertThatThrownBy(() -> ConfigSchema.load(main))
        .hasMessage(
            main
                + ":1:10: cannot resolve $ref 'notes.json': "
                + schemas.resolve("notes.json")
                + ":1:1: invalid JSON (content"
                + " not shown for a file reached through $ref)");
    // A file the user named keeps the parser's full wording.
    Path named = Files.writeString(dir.resolve("named.json"), "{\"a\": hql_x}");
    assertThatThrownBy(() -> Config.load(named)).hasMessageContaining("'hql_x'");
  }

  @Test
  void controlCharactersAreEscapedInTextOutput() {
    assertThat(Printable.escape("a\nb\r\tc\u001b[31md\u0000\u007f\u009b\u202e"))
        .isEqualTo("a\\nb\\r\\tc\\u001b[31md\\u0000\\u007f\\u009b\\u202e");
    assertThat(Printable.escape("plain ü 日本 \\n")).isEqualTo("plain ü 日本 \\n");

    ConfigSchema schema =
        ConfigSchema.fromText("{\"type\": \"object\", \"additionalProperties\": false}");
    ValidationResult r =
        schema.validate(Config.fromJson("{\"\\u001b[2Jred\\nx.yaml:1:1: forged\": 1}"));
    assertThat(r.toString()).doesNotContain("\u001b").doesNotContain("\n");
    assertThat(r.toString()).contains("\\u001b[2Jred\\nx.yaml:1:1: forged");
    assertThat(r.violations().get(0).toString()).doesNotContain("\n");
    assertThatThrownBy(r::orThrow).message().doesNotContain("\u001b");
  }
}
