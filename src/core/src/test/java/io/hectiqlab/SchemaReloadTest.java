package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigSchema#load} and {@link SchemaDirectory#get} share one cache: a compiled schema is
 * reused while neither its file nor any file its refs loaded has changed, a file is compiled once
 * per root its refs resolve from, and the cache keeps a bounded number of schemas, the least
 * recently used dropped first.
 */
class SchemaReloadTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    Files.writeString(file, content);
    if (before != null) {
      // A later time than the old one whatever the file system's clock granularity.
      Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));
    }
    return file;
  }

  private void writeTemplateAndCommon(int minimum) throws Exception {
    write(
        "train.schema.json",
        "{\"type\": \"object\", \"properties\": {\"lr\": {\"$ref\": \"common.json#/$defs/rate\"}}}");
    write(
        "common.json",
        "{\"$defs\": {\"rate\": {\"type\": \"number\", \"minimum\": " + minimum + "}}}");
  }

  @Test
  void loadSeesAnEditedReferencedFile() throws Exception {
    writeTemplateAndCommon(0);
    Path template = dir.resolve("train.schema.json");
    assertThat(ConfigSchema.load(template).validate(Map.of("lr", 5)).isValid()).isTrue();

    write("common.json", "{\"$defs\": {\"rate\": {\"type\": \"number\", \"minimum\": 10}}}");

    assertThat(ConfigSchema.load(template).validate(Map.of("lr", 5)).toString())
        .isEqualTo("<map>: /lr: must be at least 10 (minimum)");
  }

  @Test
  void schemaDirectorySeesAnEditedReferencedFileAndAnEditedTemplate() throws Exception {
    writeTemplateAndCommon(0);
    SchemaDirectory schemas = SchemaDirectory.open(dir);
    assertThat(schemas.get("train").validate(Map.of("lr", 5)).isValid()).isTrue();

    write("common.json", "{\"$defs\": {\"rate\": {\"type\": \"number\", \"minimum\": 10}}}");
    assertThat(schemas.get("train").validate(Map.of("lr", 5)).toString())
        .isEqualTo("<map>: /lr: must be at least 10 (minimum)");
    assertThat(SchemaDirectory.open(dir).get("train").validate(Map.of("lr", 5)).isValid())
        .isFalse();

    write(
        "train.schema.json",
        "{\"type\": \"object\", \"required\": [\"epochs\"],"
            + " \"properties\": {\"lr\": {\"$ref\": \"common.json#/$defs/rate\"}}}");
    assertThat(schemas.get("train").validate(Map.of("lr", 50)).toString())
        .isEqualTo("<map>: (root): missing required property 'epochs' (required)");
  }

  @Test
  void aFileWhoseIdChangedIsFoundUnderItsNewId() throws Exception {
    write("a.json", "{\"$id\": \"urn:example:first\", \"type\": \"integer\"}");
    SchemaDirectory schemas = SchemaDirectory.open(dir);
    assertThat(schemas.get("urn:example:first").validate(Map.of()).isValid()).isFalse();

    write("a.json", "{\"$id\": \"urn:example:second\", \"type\": \"object\"}");

    assertThat(schemas.get("urn:example:second").validate(Map.of()).isValid()).isTrue();
    assertThatThrownBy(() -> schemas.get("urn:example:first"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("no schema with $id urn:example:first");
  }

  @Test
  void unchangedFilesGiveTheCachedSchemaByBothEntryPoints() throws Exception {
    writeTemplateAndCommon(0);
    Path template = dir.resolve("train.schema.json");
    assertThat(ConfigSchema.load(template)).isSameAs(ConfigSchema.load(template));
    SchemaDirectory schemas = SchemaDirectory.open(dir);
    assertThat(schemas.get("train")).isSameAs(SchemaDirectory.open(dir).get("train"));
  }

  @Test
  void aFileReachedFromTwoRootsResolvesItsRefsFromEach() throws Exception {
    write("common.json", "{\"$defs\": {\"rate\": {\"type\": \"number\", \"minimum\": 1}}}");
    Path template =
        write(
            "sub/train.schema.json",
            "{\"properties\": {\"lr\": {\"$ref\": \"../common.json#/$defs/rate\"}}}");
    SchemaDirectory whole = SchemaDirectory.open(dir);

    assertThat(whole.get("sub/train.schema.json").validate(Map.of("lr", 0)).toString())
        .isEqualTo("<map>: /lr: must be at least 1 (minimum)");
    // Loaded on its own, the file's root is its folder: the ref leaves it and is refused, though
    // the same file compiled from the parent directory is cached.
    assertThatThrownBy(() -> ConfigSchema.load(template))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("outside the schemas directory");
    assertThat(SchemaDirectory.open(dir.resolve("sub")).names())
        .containsExactly("train.schema.json");
    assertThat(whole.get("sub/train.schema.json").validate(Map.of("lr", 0)).isValid()).isFalse();
  }

  @Test
  void theCacheKeepsAtMostItsCapacityAndDropsTheLeastRecentlyUsed() throws Exception {
    int capacity = ConfigSchema.CACHE.capacity();
    Path kept = write("kept.json", "{\"type\": \"object\"}");
    ConfigSchema first = ConfigSchema.load(kept);
    Path firstOther = null;
    ConfigSchema firstOtherSchema = null;
    for (int i = 0; i < capacity + 20; i++) {
      Path other = write("many/s" + i + ".json", "{\"minimum\": " + i + "}");
      ConfigSchema schema = ConfigSchema.load(other);
      if (i == 0) {
        firstOther = other;
        firstOtherSchema = schema;
      }
      assertThat(ConfigSchema.load(kept)).isSameAs(first); // used again: stays
    }
    assertThat(ConfigSchema.CACHE.size()).isLessThanOrEqualTo(capacity);
    assertThat(ConfigSchema.CACHE.contexts()).isLessThanOrEqualTo(capacity);
    assertThat(ConfigSchema.load(kept)).isSameAs(first);
    assertThat(ConfigSchema.load(firstOther))
        .isNotSameAs(firstOtherSchema); // dropped: compiled again
  }
}
