package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code $ref} that cannot be resolved fails the load naming the referring file, the line and
 * column of the reference, and what is missing: the file (with the closest existing name) or the
 * part of the target its fragment points to.
 */
class UnresolvableRefsTest {
  @TempDir Path dir;

  private static final String COMMON =
      "{\"$defs\": {\"port\": {\"type\": \"integer\"}, \"seed\": {\"type\": \"integer\"}}}";

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static String train(String ref) {
    return "{\n  \"properties\": {\n    \"port\": {\"$ref\": \"" + ref + "\"}\n  }\n}\n";
  }

  @Test
  void mistypedFileNameSaysTheFileDoesNotExistAndSuggestsTheClosest() throws Exception {
    write("common.schema.json", COMMON);
    Path train = write("train.schema.json", train("commn.schema.json#/$defs/port"));
    assertThatThrownBy(() -> ConfigSchema.load(train))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            train
                + ":3:22: cannot resolve $ref 'commn.schema.json#/$defs/port': file"
                + " commn.schema.json does not exist; did you mean common.schema.json?");
  }

  @Test
  void mistypedFileNameBesideAnIdSaysTheFileDoesNotExistNotThatItIsRemote() throws Exception {
    write(
        "common.schema.json",
        "{\"$id\": \"https://example.com/s/common.schema.json\", " + COMMON.substring(1));
    Path train =
        write(
            "train.schema.json",
            "{\"$id\": \"https://example.com/s/train.schema.json\",\n"
                + "  \"properties\": {\"port\": {\"$ref\": \"commn.schema.json#/$defs/port\"}}}");
    assertThatThrownBy(() -> ConfigSchema.load(train))
        .hasMessage(
            train
                + ":2:35: cannot resolve $ref 'commn.schema.json#/$defs/port': file"
                + " commn.schema.json does not exist; did you mean common.schema.json?");
    assertThatThrownBy(() -> SchemaDirectory.open(dir).get("train"))
        .hasMessageEndingWith(
            "file commn.schema.json does not exist; did you mean common.schema.json?");
  }

  @Test
  void fileWithNoCloseNameIsReportedWithoutASuggestion() throws Exception {
    write("common.schema.json", COMMON);
    Path train = write("train.schema.json", train("network/ports.schema.json"));
    assertThatThrownBy(() -> ConfigSchema.load(train))
        .hasMessage(
            train
                + ":3:22: cannot resolve $ref 'network/ports.schema.json': file"
                + " network/ports.schema.json does not exist");
  }

  @Test
  void badFragmentNamesTheReferringFileItsPositionAndTheMissingPointer() throws Exception {
    write("common.schema.json", COMMON);
    Path train = write("train.schema.json", train("common.schema.json#/$defs/prot"));
    assertThatThrownBy(() -> ConfigSchema.load(train))
        .hasMessage(
            train
                + ":3:22: cannot resolve $ref 'common.schema.json#/$defs/prot':"
                + " common.schema.json has no /$defs/prot (/$defs has: port, seed)");
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}"))
        .hasMessage(
            "<schema>:1:31: cannot resolve $ref '#/$defs/missing': this schema has no"
                + " /$defs/missing (its top level has: properties)");
  }

  @Test
  void brokenRefInAReferencedFileNamesThatFile() throws Exception {
    write("common.schema.json", COMMON);
    write(
        "parts/net.schema.json",
        "{\"properties\": {\n  \"port\": {\"$ref\": \"../comon.schema.json#/$defs/port\"}}}");
    Path train = write("train.schema.json", train("parts/net.schema.json"));
    assertThatThrownBy(() -> ConfigSchema.load(train))
        .hasMessage(
            train
                + ": referenced schema "
                + train.resolveSibling("parts/net.schema.json")
                + ":2:20: cannot resolve $ref"
                + " '../comon.schema.json#/$defs/port': file ../comon.schema.json does not exist;"
                + " did you mean ../common.schema.json?");
  }

  @Test
  void missingClasspathResourceIsNamed() {
    assertThatThrownBy(() -> ConfigSchema.fromClasspath("schemas/test/refs/broken.schema.json"))
        .hasMessage(
            "classpath:schemas/test/refs/broken.schema.json:1:34: cannot resolve $ref"
                + " 'plain/commn.schema.json': classpath resource"
                + " schemas/test/refs/plain/commn.schema.json does not exist");
  }

  @Test
  void yamlSchemasAndAnchorsArePinpointedToo() throws Exception {
    write("d.schema.json", "{\"properties\": {\"a\": {}, \"c\": {}}}");
    Path yaml =
        write("c.schema.yaml", "properties:\n  a:\n    $ref: 'd.schema.json#/properties/b'\n");
    assertThatThrownBy(() -> ConfigSchema.load(yaml))
        .hasMessage(
            yaml
                + ":3:11: cannot resolve $ref 'd.schema.json#/properties/b': d.schema.json has no"
                + " /properties/b (/properties has: a, c)");
    Path anchor = write("b.schema.yaml", "properties:\n  a:\n    $ref: '#foo'\n");
    assertThatThrownBy(() -> ConfigSchema.load(anchor))
        .hasMessage(
            anchor + ":3:11: cannot resolve $ref '#foo': this schema declares no $anchor 'foo'");
  }
}
