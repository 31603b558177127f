package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static io.hectiqlab.SchemaDiffFixture.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Compatibility.ContentModel;
import io.hectiqlab.internal.SchemaDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped templates through {@link SchemaDiff#compare}: against themselves, and edited. */
class SchemaDiffTemplatesTest {
  private static final Path SCHEMAS =
      Path.of(System.getProperty("hectiqlab.schemas.dir", "../../schemas"));

  @Test
  void everyShippedTemplateAgainstItselfHasNoChange() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(SCHEMAS)) {
      files = s.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path f : files) {
      ConfigSchema a = ConfigSchema.load(f);
      for (ContentModel m : ContentModel.values()) {
        assertThat(diff(a, ConfigSchema.load(f), m)).as(f + " " + m).isEmpty();
      }
    }
  }

  @Test
  void editsToTheTrainingTemplateAndTheFileItRefersTo(@TempDir Path dir) throws IOException {
    Path o = copy(dir.resolve("old"));
    Path n = copy(dir.resolve("new"));
    edit(n.resolve("training.schema.json"), "\"maximum\": 4096", "\"maximum\": 1024");
    edit(n.resolve("training.schema.json"), "\"cifar10\",\n", "");
    edit(n.resolve("common.schema.json"), "\"maximum\": 1\n", "\"maximum\": 0.9\n");
    List<SchemaDiff.Change> changes =
        diff(
            ConfigSchema.load(o.resolve("training.schema.json")),
            ConfigSchema.load(n.resolve("training.schema.json")),
            ContentModel.OPEN);
    assertThat(summary(changes))
        .isEqualTo(
            String.join(
                "\n",
                "ENUM_VALUE_REMOVED | enum lost \"cifar10\" | /dataset/name | BREAKS/NONE",
                "LIMIT_TIGHTENED | maximum lowered from 4096 to 1024 | /dataset/batch_size |"
                    + " BREAKS/NONE",
                "LIMIT_TIGHTENED | maximum lowered from 1 to 0.9 | /dataset/splits/train |"
                    + " BREAKS/NONE"));
    assertThat(changes.get(1).newer().location().toString())
        .matches(".*training\\.schema\\.json:\\d+:\\d+");
    assertThat(changes.get(2).older().pointer()).isEqualTo("/$defs/probability/maximum");
    assertThat(changes.get(2).older().location().toString())
        .isEqualTo(o.resolve("common.schema.json") + ":21:18");
  }

  private static Path copy(Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : List.of("training.schema.json", "common.schema.json")) {
      Files.copy(SCHEMAS.resolve("examples").resolve(f), to.resolve(f));
    }
    return to;
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }
}
