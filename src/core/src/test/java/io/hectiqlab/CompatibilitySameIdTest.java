package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.SchemaChange.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of a template that declare the same {@code $id} (a copy edited into a new version):
 * each is compared as its own file, and every site names its own file.
 */
class CompatibilitySameIdTest {
  private static final Path EXAMPLES = Path.of("../../schemas/examples");
  private static final String UNITS = "/$defs/layer/properties/units/maximum";

  @TempDir Path dir;

  private static String training() throws IOException {
    return Files.readString(EXAMPLES.resolve("training.schema.json"));
  }

  /** The training template with the layer {@code units} maximum lowered to 100. */
  private static String lowered() throws IOException {
    String text = training();
    assertThat(text).contains("\"maximum\": 65536");
    return text.replace("\"maximum\": 65536", "\"maximum\": 100");
  }

  private static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private Path write(Path folder, String name, String text) throws IOException {
    Files.createDirectories(folder);
    Files.copy(
        EXAMPLES.resolve("common.schema.json"),
        folder.resolve("common.schema.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return Files.writeString(folder.resolve(name), text);
  }

  private static void assertLowered(CompatibilityReport report, Path newer, int line) {
    assertThat(report.isCompatible()).isFalse();
    SchemaChange c = single(report);
    assertThat(c.newer().pointer()).isEqualTo(UNITS);
    assertThat(c.newer().location().toString()).isEqualTo(newer + ":" + line + ":22");
    assertThat(c.older().location().toString()).doesNotStartWith(newer + ":");
    assertThat(c.toString())
        .isEqualTo(
            newer
                + ":"
                + line
                + ":22: "
                + UNITS
                + ": maximum lowered from 65536 to 100: breaks backward: {\"name\": \"a\", \"dataset\":"
                + " {\"name\": \"mnist\"}, \"model\": {\"layers\": [{\"units\": 32818}]}} was valid, now invalid");
    assertThat(c.witness(Direction.BACKWARD).orElseThrow().violation())
        .isEqualTo("/model/layers/0/units: must be at most 100 (maximum)");
  }

  private static SchemaChange single(CompatibilityReport report) {
    List<SchemaChange> changes = report.changes();
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  /** Raising the maximum back is the same change seen from the other side: forward breaks. */
  private static void assertRaised(CompatibilityReport report, Path newer, int line) {
    SchemaChange c = single(report);
    assertThat(c.newer().location().toString()).isEqualTo(newer + ":" + line + ":22");
    assertThat(c.toString())
        .isEqualTo(
            newer
                + ":"
                + line
                + ":22: "
                + UNITS
                + ": maximum raised from 100 to 65536: breaks forward: {\"name\": \"a\", \"dataset\":"
                + " {\"name\": \"mnist\"}, \"model\": {\"layers\": [{\"units\": 32818}]}} is valid now, was invalid");
  }

  @Test
  void twoFilesOfOneDirectoryWithTheSameIdEachNameTheirOwnLines() throws IOException {
    Path v1 = write(dir, "v1.schema.json", training());
    Path v2 = write(dir, "v2.schema.json", lowered());
    int line = lineOf(lowered(), "\"maximum\": 100");
    CompatibilityReport report =
        Compatibility.of(Compatibility.Mode.BACKWARD)
            .compare(ConfigSchema.load(v1), ConfigSchema.load(v2));
    assertLowered(report, v2, line);
    assertThat(single(report).older().location().toString()).isEqualTo(v1 + ":" + line + ":22");
  }

  @Test
  void theNewerFileReadFirstStillNamesItsOwnLines() throws IOException {
    Path v1 = write(dir, "v1.schema.json", training());
    Path v2 = write(dir, "v2.schema.json", lowered());
    int line = lineOf(lowered(), "\"maximum\": 100");
    ConfigSchema newer = ConfigSchema.load(v2);
    ConfigSchema older = ConfigSchema.load(v1);
    assertLowered(Compatibility.of(Compatibility.Mode.BACKWARD).compare(older, newer), v2, line);
    assertRaised(Compatibility.of(Compatibility.Mode.FULL).compare(newer, older), v1, line);
  }

  @Test
  void versionsInTwoDirectoriesEachNameTheirOwnFile() throws IOException {
    Path v1 = write(dir.resolve("one"), "training.schema.json", training());
    Path v2 = write(dir.resolve("two"), "training.schema.json", lowered());
    int line = lineOf(lowered(), "\"maximum\": 100");
    Compatibility full = Compatibility.of(Compatibility.Mode.FULL);
    assertLowered(full.compare(ConfigSchema.load(v1), ConfigSchema.load(v2)), v2, line);
    assertRaised(full.compare(ConfigSchema.load(v2), ConfigSchema.load(v1)), v1, line);
  }

  @Test
  void templateNamesOfOneDirectoryWithTheSameIdEachNameTheirOwnFile() throws IOException {
    write(dir, "v1.schema.json", training());
    write(dir, "v2.schema.json", lowered());
    int line = lineOf(lowered(), "\"maximum\": 100");
    SchemaDirectory schemas = SchemaDirectory.open(dir);
    Compatibility full = Compatibility.of(Compatibility.Mode.FULL);
    ConfigSchema v2 = schemas.get("v2");
    ConfigSchema v1 = schemas.get("v1");
    assertLowered(full.compare(v1, v2), dir.resolve("v2.schema.json"), line);
    assertRaised(full.compare(v2, v1), dir.resolve("v1.schema.json"), line);
  }

  @Test
  void eachVersionValidatesWithItsOwnDefinitionsAndTheSharedCommonFile() throws IOException {
    Path v1 = write(dir, "v1.schema.json", training());
    Path v2 = write(dir, "v2.schema.json", lowered());
    String units101 =
        "{\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"}, \"model\": {\"layers\": [{\"units\": 101}]}}";
    String units0 =
        "{\"name\": \"a\", \"dataset\": {\"name\": \"mnist\"}, \"model\": {\"layers\": [{\"units\": 0}]}}";
    ConfigSchema newer = ConfigSchema.load(v2);
    ConfigSchema older = ConfigSchema.load(v1);
    assertThat(older.validateText(units101).isValid()).isTrue();
    assertThat(newer.validateText(units101).isValid()).isFalse();
    // positiveInt comes from common.schema.json, shared by both versions
    assertThat(older.validateText(units0).isValid()).isFalse();
    assertThat(newer.validateText(units0).isValid()).isFalse();
  }

  @Test
  void aChangeReachedThroughARefIntoTheSharedCommonFileNamesThatFile() throws IOException {
    Path v1 = write(dir, "v1.schema.json", training());
    String seed = "common.schema.json#/$defs/seed";
    Path v2 =
        write(
            dir,
            "v2.schema.json",
            training().replace(seed, "common.schema.json#/$defs/positiveInt"));
    CompatibilityReport report =
        Compatibility.of(Compatibility.Mode.BACKWARD)
            .compare(ConfigSchema.load(v2), ConfigSchema.load(v1));
    SchemaChange minimum =
        report.changes().stream()
            .filter(c -> c.reason().startsWith("minimum"))
            .findFirst()
            .orElseThrow();
    // a file reached through a $ref is named below the folder the version was named in
    String common = dir.resolve("common.schema.json").toString();
    assertThat(minimum.older().location().toString()).isEqualTo(common + ":16:18");
    assertThat(minimum.newer().location().toString()).isEqualTo(common + ":10:18");
    assertThat(minimum.newer().pointer()).isEqualTo("/$defs/seed/minimum");
  }

  @Test
  void aDidYouMeanHintComesFromTheValidatedVersion() throws IOException {
    String v1 =
        "{\"$id\": \"https://example.com/t.json\", \"properties\": {\"alpha\": {}},"
            + " \"additionalProperties\": false}";
    Path older = write(dir, "v1.schema.json", v1);
    Path newer = write(dir, "v2.schema.json", v1.replace("alpha", "gamma"));
    ConfigSchema.load(older);
    assertThat(ConfigSchema.load(newer).validateText("{\"gamm\": 1}").violations())
        .singleElement()
        .asString()
        .endsWith("unknown property 'gamm'; did you mean 'gamma'? (additionalProperties)");
  }
}
