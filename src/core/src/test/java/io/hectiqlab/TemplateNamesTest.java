package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How SchemaDirectory finds a template by name. */
class TemplateNamesTest {
  @TempDir Path dir;
  SchemaDirectory schemas;

  @BeforeEach
  void setUp() throws Exception {
    for (String f :
        new String[] {
          "mine/service.schema.json",
          "examples/service.schema.json",
          "lab/create-run.schema.json",
          "lab/push-meta.schema.json",
          "solo.schema.yaml"
        }) {
      Path file = dir.resolve(f);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{\"title\": \"" + f + "\"}");
    }
    schemas = SchemaDirectory.open(dir);
  }

  @Test
  void aRelativePathWithoutItsEndingNamesTheFile() {
    assertThat(schemas.get("mine/service").origin()).endsWith("mine/service.schema.json");
    assertThat(schemas.get("./examples/service").origin()).endsWith("examples/service.schema.json");
    assertThat(schemas.get("Mine/Service").origin()).endsWith("mine/service.schema.json");
    assertThat(schemas.get("solo").origin()).endsWith("solo.schema.yaml");
  }

  @Test
  void anAmbiguousNameListsOnlyTheFilesItCouldMean() {
    assertThatThrownBy(() -> schemas.get("service"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            dir.toAbsolutePath().normalize()
                + ": several templates are named 'service': examples/service.schema.json,"
                + " mine/service.schema.json; name one by its path, such as examples/service");
  }

  @Test
  void aPathWithoutEndingThatNamesNothingStillListsTheTemplates() {
    assertThatThrownBy(() -> schemas.get("theirs/service"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("no template named 'theirs/service' (templates: ")
        .hasMessageContaining("mine/service.schema.json");
  }
}
