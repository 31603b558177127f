package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed or unsupported config file fails with file:line:column and the problem. */
class DocumentErrorsTest {
  @TempDir Path dir;

  private String errorFor(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    try {
      Config.load(file);
    } catch (ConfigException.Parse e) {
      assertThat(e.origin()).isEqualTo(file.toString());
      return e.getMessage().substring(file.toString().length());
    }
    throw new AssertionError("no error for " + content);
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws Exception {
    assertThat(errorFor("a.json", "{\n  \"a\": 1,\n  \"b\" 2\n}"))
        .startsWith(":3:7: invalid JSON: Unexpected character ('2'");
  }

  @Test
  void aJsonFileStartingWithAByteOrderMarkIsRefusedInOurWordsWhileYamlKeepsIt() throws Exception {
    assertThat(errorFor("bom.json", "\uFEFF{\"a\": 1}"))
        .isEqualTo(
            ":1:1: starts with a byte order mark (U+FEFF), which JSON text must not have: remove"
                + " it");
    Path yaml = dir.resolve("bom.yaml");
    Files.writeString(yaml, "\uFEFFa: 1\n");
    assertThat(Config.load(yaml).get("a")).isEqualTo(1);
  }

  @Test
  void malformedYamlNamesLineAndColumn() throws Exception {
    assertThat(errorFor("a.yaml", "a: 1\nb: [1, 2\nc: 3\n"))
        .startsWith(":3:")
        .contains("invalid YAML");
  }

  @Test
  void emptyFiles() throws Exception {
    assertThat(errorFor("e.json", "")).isEqualTo(": empty document: expected an object");
    assertThat(errorFor("e.yaml", "# only a comment\n"))
        .isEqualTo(": empty document: expected an object");
  }

  @Test
  void nonObjectRoots() throws Exception {
    assertThat(errorFor("r.yaml", "- 1\n- 2\n"))
        .endsWith("the root must be an object (key: value pairs), found a list");
    assertThat(errorFor("r.json", "42")).endsWith("found a number");
    assertThat(errorFor("s.yaml", "just text")).endsWith("found a string");
  }

  @Test
  void duplicateKeys() throws Exception {
    assertThat(errorFor("d.json", "{\"a\": {\"x\": 1,\n \"x\": 2}}"))
        .isEqualTo(":2:2: duplicate key 'x'");
    assertThat(errorFor("d.yaml", "a: 1\nb: 2\na: 3\n")).isEqualTo(":3:1: duplicate key 'a'");
  }

  @Test
  void tooDeepNesting() throws Exception {
    assertThat(errorFor("deep.json", "{\"a\":" + "[".repeat(100_000)))
        .contains("nesting is deeper than 200 levels");
    assertThat(errorFor("deep.yaml", "a: " + "[".repeat(100_000)))
        .contains("nesting is deeper than 200 levels");
  }

  @Test
  void oversizeFiles() throws Exception {
    Path file = dir.resolve("big.json");
    byte[] big = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    Files.write(file, big);
    assertThatThrownBy(() -> Config.load(file))
        .isInstanceOf(ConfigException.Io.class)
        .hasMessageContaining("file is too large (17825792 bytes; the limit is 16777216)");
  }

  @Test
  void hugeAndNonFiniteNumbers() throws Exception {
    assertThat(errorFor("n.json", "{\"a\": 1e999999}"))
        .isEqualTo(":1:7: number '1e999999' is out of range (the exponent must be within +/-1000)");
    assertThat(errorFor("n.json", "{\"a\": NaN}"))
        .isEqualTo(":1:10: invalid JSON: Non-standard token 'NaN'");
    assertThat(errorFor("n.yaml", "a: .inf\n"))
        .isEqualTo(":1:4: '.inf' is not a finite number; JSON has no NaN or Infinity");
    assertThat(errorFor("n.yaml", "a: .NaN\n")).contains("not a finite number");
    assertThat(errorFor("n.json", "{\"a\": " + "9".repeat(2000) + "}"))
        .contains("number has too many digits");
    Path ok = dir.resolve("ok.json");
    Files.writeString(ok, "{\"a\": 1e400}");
    assertThat(Config.load(ok).get("a").toString()).isEqualTo("1E+400");
  }

  @Test
  void yamlScalarsFollowTheYaml12CoreSchema() throws Exception {
    Path file = dir.resolve("core.yaml");
    Files.writeString(
        file, "a: ~\nb:\nc: ''\nd: 017\ne: 0o17\nf: 0x1F\ng: yes\nh: TRUE\ni: 1.5e+3\n");
    Config c = Config.load(file);
    assertThat(c.containsKey("a")).isTrue();
    assertThat(c.get("a")).isNull();
    assertThat(c.get("b")).isNull();
    assertThat(c.get("c")).isEqualTo("");
    assertThat(c.get("d")).isEqualTo(17);
    assertThat(c.get("e")).isEqualTo(15);
    assertThat(c.get("f")).isEqualTo(31);
    assertThat(c.get("g")).isEqualTo("yes");
    assertThat(c.get("h")).isEqualTo(true);
    assertThat(c.get("i")).isEqualTo(1500.0);
  }

  @Test
  void invalidUtf8() throws Exception {
    Path file = dir.resolve("u.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', 'x', '\n', 'b', ':', ' ', (byte) 0xFF, '\n'});
    assertThatThrownBy(() -> Config.load(file))
        .hasMessage(file + ":2:4: invalid UTF-8 (byte 0xff at offset 8)");
  }

  @Test
  void trailingContent() throws Exception {
    assertThat(errorFor("t.json", "{\"a\": 1}\n{\"b\": 2}"))
        .isEqualTo(":2:1: unexpected content after the end of the document");
    assertThat(errorFor("t.json", "{\"a\": 1} x")).startsWith(":1:10: invalid JSON");
  }

  @Test
  void yamlCustomTagsAreRejectedButCoreTagsWork() throws Exception {
    assertThat(errorFor("t.yaml", "a: !secret xyz\n"))
        .startsWith(":1:4: YAML tag '!secret' is not supported");
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "a: !!str 123\nb: !!int \"5\"\n");
    Config c = Config.load(ok);
    assertThat(c.get("a")).isEqualTo("123");
    assertThat(c.get("b")).isEqualTo(5);
  }

  @Test
  void multipleYamlDocumentsAreRejected() throws Exception {
    assertThat(errorFor("m.yaml", "a: 1\n---\nb: 2\n"))
        .isEqualTo(":3:1: several YAML documents in one file; only one is supported");
  }

  @Test
  void missingAndUnreadableFiles() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> Config.load(missing)).hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> Config.load(dir)).hasMessage(dir + ": is a directory, not a file");
  }
}
