package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nesting limit, JSON Pointer escaping and the quoting of names in messages are each written
 * once (in core, server and command), and behave as that one rule says.
 */
class EachRuleInOnePlaceTest {
  /** The main sources of core, and of the server and the command when they are checked out. */
  private static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : List.of("src/main/java", "../server/src/main/java", "../cli/src/main/java")) {
      Path root = Path.of(dir);
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }

  /** Lines matching {@code pattern} in files not named in {@code allowed}. */
  private static List<String> linesMatching(Pattern pattern, Set<String> allowed)
      throws IOException {
    List<String> hits = new ArrayList<>();
    for (Path file : sources()) {
      if (allowed.contains(file.getFileName().toString())) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (pattern.matcher(lines.get(i)).find()) {
          hits.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    return hits;
  }

  @Test
  void theNestingLimitIsDefinedOnce() throws IOException {
    assertThat(linesMatching(Pattern.compile("MAX_DEPTH\\s*="), Set.of("Documents.java")))
        .isEmpty();
    assertThat(Documents.tooDeep(200)).isFalse();
    assertThat(Documents.tooDeep(201)).isTrue();
  }

  @Test
  void pointerEscapingIsWrittenOnce() throws IOException {
    assertThat(linesMatching(Pattern.compile("\"~[01]\""), Set.of("Documents.java"))).isEmpty();
    assertThat(Documents.escapePointer("a/b~c")).isEqualTo("a~1b~0c");
    assertThat(Documents.unescapePointer("a~1b~0c")).isEqualTo("a/b~c");
    assertThat(Documents.unescapePointer("~01")).isEqualTo("~1");
  }

  @Test
  void validationPointersUseTheSameEscapingAsPositions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("names.schema.json");
    Files.writeString(
        file,
        "{\"properties\": {\"a/b\": {\"type\": \"string\"}, \"c~d\": {\"type\": \"string\"}}}");
    ConfigSchema schema = ConfigSchema.load(file);
    ConfigSource document =
        ConfigSource.text("{\"a/b\": 1,\n \"c~d\": 2}", "<string>", ConfigFormat.JSON);
    assertThat(schema.validate(document).toString())
        .isEqualTo(
            "<string>:1:9: /a~1b: must be string, found integer (type)\n"
                + "<string>:2:9: /c~0d: must be string, found integer (type)");
  }

  @Test
  void namesInMessagesAreQuotedByPrintable() throws IOException {
    assertThat(
            linesMatching(
                Pattern.compile("String quote\\("), Set.of("Printable.java", "SafeRegex.java")))
        .isEmpty();
    assertThat(Printable.quote("a\nb\u001b[31m")).isEqualTo("'a\\nb\\u001b[31m'");
    assertThat(Printable.quote("x\ud800y")).isEqualTo("'x\\ud800y'");
    assertThat(Printable.quote("ok \ud83e\udde0")).isEqualTo("'ok \ud83e\udde0'");
    assertThat(Printable.quote("é".repeat(100))).isEqualTo("'" + "é".repeat(80) + "...'");
    assertThat(Printable.quote(null)).isEqualTo("null");
    assertThat(Printable.escape("lone \udc00 low")).isEqualTo("lone \\udc00 low");
  }
}
