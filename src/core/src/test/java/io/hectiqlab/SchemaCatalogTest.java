package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schemas directory is a catalog: every file is found by the absolute URI it declares as {@code
 * $id} (or draft-04 {@code id}), whatever its name, scheme or host, and nothing is fetched.
 */
class SchemaCatalogTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static final String PORT =
      "{\"$defs\": {\"port\": {\"type\": \"integer\", \"maximum\": 65535}}}";

  private ConfigSchema mainReferring(String ref) throws Exception {
    write(
        "main.schema.json",
        "{\"type\": \"object\", \"properties\": {\"port\": {\"$ref\": \"" + ref + "\"}}}");
    return SchemaDirectory.open(dir).get("main.schema.json");
  }

  @Test
  void idOnAnotherHostWithoutJsonEndingResolvesToTheFileDeclaringIt() throws Exception {
    write(
        "vendor/shared-port-v2.json",
        "{\"$id\": \"https://schemas.other.org/net/port\"," + PORT.substring(1));
    ConfigSchema main = mainReferring("https://schemas.other.org/net/port#/$defs/port");

    assertThat(main.validateText("{\"port\": 8080}").isValid()).isTrue();
    assertThat(main.validateText("{\"port\": 70000}").toString())
        .isEqualTo("<string>:1:10: /port: must be at most 65535 (maximum)");
  }

  @Test
  void urnAndTagIdsResolveWithFragments() throws Exception {
    write("common/net.json", "{\"$id\": \"urn:example:net\"," + PORT.substring(1));
    write("common/name.yaml", "$id: 'tag:example.com,2024:name'\ntype: string\nminLength: 2\n");
    write(
        "main.schema.json",
        "{\"properties\": {\"port\": {\"$ref\": \"urn:example:net#/$defs/port\"},"
            + " \"name\": {\"$ref\": \"tag:example.com,2024:name\"}}}");
    ConfigSchema main = SchemaDirectory.open(dir).get("main");

    assertThat(main.validateText("{\"port\": 1, \"name\": \"ok\"}").isValid()).isTrue();
    assertThat(main.validateText("{\"port\": \"x\", \"name\": \"o\"}").toString())
        .isEqualTo(
            "<string>:1:10: /port: must be integer, found string (type)\n"
                + "<string>:1:23: /name: must be at least 2 characters long (minLength)");
  }

  @Test
  void draft4IdIsIndexed() throws Exception {
    write(
        "legacy/port.json",
        "{\"$schema\": \"http://json-schema.org/draft-04/schema#\","
            + " \"id\": \"http://legacy.example.com/port#\","
            + " \"type\": \"integer\", \"minimum\": 1}");
    ConfigSchema main = mainReferring("http://legacy.example.com/port");

    assertThat(main.validateText("{\"port\": 0}").toString())
        .isEqualTo("<string>:1:10: /port: must be at least 1 (minimum)");
  }

  @Test
  void directoryGetFindsATemplateByAnyDeclaredId() throws Exception {
    write("a/b/c.json", "{\"$id\": \"urn:example:c\", \"type\": \"string\"}");
    SchemaDirectory schemas = SchemaDirectory.open(dir);

    assertThat(schemas.get("urn:example:c").validateText("1").isValid()).isFalse();
    assertThatThrownBy(() -> schemas.get("urn:example:missing"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(dir + ": no schema with $id urn:example:missing (schemas: a/b/c.json)");
  }

  @Test
  void twoFilesDeclaringTheReferencedIdIsAnErrorNamingBoth() throws Exception {
    write("one/port.json", "{\"$id\": \"urn:example:port\", \"type\": \"integer\"}");
    write("two/port.json", "{\"$id\": \"urn:example:port\", \"type\": \"string\"}");

    assertThatThrownBy(() -> mainReferring("urn:example:port"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            dir.resolve("main.schema.json")
                + ":1:52: cannot resolve $ref 'urn:example:port': urn:example:port is ambiguous: one/port.json and two/port.json both"
                + " declare this $id");
  }

  @Test
  void unknownUrnIsRefusedAndNeverFetched() throws Exception {
    assertThatThrownBy(() -> mainReferring("urn:example:nowhere#/$defs/port"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            dir.resolve("main.schema.json")
                + ":1:52: cannot resolve $ref 'urn:example:nowhere#/$defs/port':"
                + " urn:example:nowhere was not loaded: no file in the schemas directory"
                + " declares this $id, and hectiqlab never fetches schemas over the network");
  }

  @Test
  void schemaTextCannotReachAnUrnEither() {
    assertThatThrownBy(() -> ConfigSchema.fromText("{\"$ref\": \"urn:example:port\"}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            "<schema>:1:10: cannot resolve $ref 'urn:example:port': urn:example:port was not loaded: hectiqlab never fetches schemas"
                + " over the network");
  }

  @Test
  void unknownHttpsIdIsStillRefusedAsRemote() throws Exception {
    write("x.json", "{\"$id\": \"https://schemas.example.com/x\"}");
    assertThatThrownBy(() -> mainReferring("https://schemas.example.com/y"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessage(
            dir.resolve("main.schema.json")
                + ":1:52: cannot resolve $ref 'https://schemas.example.com/y':"
                + " https://schemas.example.com/y is remote and was not loaded: hectiqlab"
                + " never fetches schemas over the network; put that schema in the schemas"
                + " directory with this $id");
  }
}
