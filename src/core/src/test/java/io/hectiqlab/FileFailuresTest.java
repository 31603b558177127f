package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be read or written is one exception type, {@link ConfigException.Io}, naming
 * the path and the reason, whichever public entry point met it.
 */
class FileFailuresTest {
  @TempDir Path dir;
  private Path missing;
  private Path folder;
  private Path big;
  private ConfigSchema schema;

  @BeforeEach
  void files() throws Exception {
    missing = dir.resolve("missing.yaml");
    folder = Files.createDirectories(dir.resolve("folder.json"));
    big = dir.resolve("big.json");
    byte[] bytes = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(bytes, (byte) ' ');
    bytes[0] = '{';
    bytes[bytes.length - 1] = '}';
    Files.write(big, bytes);
    schema = ConfigSchema.fromText("{\"type\": \"object\"}");
  }

  private static ConfigException.Io io(Runnable call) {
    ConfigException.Io e = catchThrowableOfType(ConfigException.Io.class, call::run);
    assertThat(e).as("a ConfigException.Io").isNotNull();
    assertThat(e.getMessage()).isEqualTo(e.path() + ": " + e.reason());
    return e;
  }

  private void eachReadingEntryPoint(Path file, Consumer<ConfigException.Io> check) {
    check.accept(io(() -> Config.load(file)));
    check.accept(io(() -> Config.load(ConfigSource.file(file))));
    check.accept(io(() -> Config.load(ConfigSource.file(file, ConfigFormat.YAML))));
    check.accept(io(() -> schema.validate(file)));
    check.accept(io(() -> schema.validate(ConfigSource.file(file))));
    check.accept(io(() -> schema.toConfig(file)));
    check.accept(io(() -> schema.toConfig(ConfigSource.file(file, ConfigFormat.JSON))));
  }

  @Test
  void aMissingFileIsAnIoFailureWhereverItIsRead() {
    eachReadingEntryPoint(
        missing,
        e -> {
          assertThat(e.path()).isEqualTo(missing);
          assertThat(e.reason()).isEqualTo("no such file");
          assertThat(e).hasMessage(missing + ": no such file");
        });
  }

  @Test
  void aDirectoryIsAnIoFailureWhereverItIsRead() {
    eachReadingEntryPoint(
        folder, e -> assertThat(e).hasMessage(folder + ": is a directory, not a file"));
  }

  @Test
  void aFileOverTheLimitIsAnIoFailureWhereverItIsRead() {
    eachReadingEntryPoint(
        big,
        e ->
            assertThat(e)
                .hasMessage(big + ": file is too large (17825792 bytes; the limit is 16777216)"));
  }

  @Test
  void anEndlessDeviceIsAnIoFailure() throws Exception {
    Path zero = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
    eachReadingEntryPoint(
        zero,
        e -> assertThat(e).hasMessage(zero + ": input is too large (the limit is 16777216 bytes)"));
  }

  @Test
  void aBrokenLinkSaysSo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("deleted.yaml"));
    eachReadingEntryPoint(
        link,
        e -> assertThat(e.reason()).isEqualTo("broken symbolic link (its target does not exist)"));
  }

  @Test
  void schemaFilesAndDirectoriesFailTheSameWay() throws Exception {
    Path schemaFile = dir.resolve("nope.schema.json");
    assertThat(io(() -> ConfigSchema.load(schemaFile)))
        .hasMessage(schemaFile + ": no such schema file");
    assertThat(io(() -> ConfigSchema.load(folder)))
        .hasMessage(folder + ": is a directory, not a file");
    assertThat(io(() -> ConfigSchema.load(big)).reason()).startsWith("file is too large");

    Path nowhere = dir.resolve("nowhere");
    assertThat(io(() -> SchemaDirectory.open(nowhere))).hasMessage(nowhere + ": no such directory");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThat(io(() -> SchemaDirectory.open(plain)))
        .hasMessage(plain + ": is a file, not a directory");

    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.move(big, schemas.resolve("big.schema.json"));
    SchemaDirectory d = SchemaDirectory.open(schemas);
    ConfigException.Io e = io(() -> d.get("big.schema.json"));
    assertThat(e.path()).isEqualTo(schemas.resolve("big.schema.json"));
    assertThat(e.reason()).isEqualTo("file is too large (17825792 bytes; the limit is 16777216)");
  }

  @Test
  void savingWhereNoFileCanBeWrittenIsAnIoFailure() throws Exception {
    Config c = Config.of("a", 1);
    ConfigException.Io toDir = io(() -> c.save(folder));
    assertThat(toDir.path()).isEqualTo(folder);
    assertThat(toDir).hasMessage(folder + ": cannot save config: is a directory");
    Path noParent = dir.resolve("no/such/dir/c.yaml");
    assertThat(io(() -> c.save(noParent)).reason()).startsWith("cannot save config: ");
  }

  @Test
  void streamsAndTextHaveNoPathAndStayParseErrors() {
    assertThat(
            catchThrowableOfType(
                ConfigException.Parse.class,
                () ->
                    Config.load(
                        ConfigSource.stream(
                            new java.io.ByteArrayInputStream(new byte[17 * 1024 * 1024]),
                            "<stdin>",
                            ConfigFormat.YAML))))
        .hasMessage("<stdin>: input is too large (the limit is 16777216 bytes)");
    assertThat(schema.validateText("a: [").isValid()).isFalse();
  }
}
