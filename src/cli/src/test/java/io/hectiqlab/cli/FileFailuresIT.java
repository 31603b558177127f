package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a process: a file that cannot be read is one line naming the path and the reason, with
 * exit code 2, whichever command met it; the document root is {@code (root)} in every message.
 */
class FileFailuresIT {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(dir, Map.of());
    Files.writeString(dir.resolve("s.schema.json"), "{\"type\": \"object\"}");
  }

  private Path bigFile(String name) throws Exception {
    byte[] bytes = new byte[17 * 1024 * 1024];
    Arrays.fill(bytes, (byte) ' ');
    bytes[0] = '{';
    bytes[bytes.length - 1] = '}';
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertOneLine(Cli.Result r, int code, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + message + "\n");
  }

  @Test
  void aConfigTooLargeToReadStopsValidationWithOneLine() throws Exception {
    bigFile("big.json");
    Files.writeString(dir.resolve("a.json"), "{}");
    String expected = "big.json: file is too large (17825792 bytes; the limit is 16777216)";
    assertOneLine(cli.run("validate", "-t", "s.schema.json", "big.json"), 2, expected);
    assertOneLine(
        cli.run("validate", "-t", "s.schema.json", "-j", "2", "a.json", "big.json"), 2, expected);
  }

  @Test
  void aTemplateTooLargeToReadIsTheSameKindOfLine() throws Exception {
    bigFile("t.schema.json");
    Files.writeString(dir.resolve("a.json"), "{}");
    assertOneLine(
        cli.run("validate", "-t", "t.schema.json", "a.json"),
        2,
        "t.schema.json: file is too large (17825792 bytes; the limit is 16777216)");
  }

  @Test
  void pushingAConfigTooLargeToReadSaysSoBeforeAnyNetwork() throws Exception {
    bigFile("big.yaml");
    Cli.Result r =
        new Cli(dir, Map.of("HECTIQLAB_API_URL", "http://127.0.0.1:9", "HECTIQLAB_API_KEY", "k"))
            .run("push", "--project", "lab/p", "--run", "r1", "big.yaml");
    assertOneLine(r, 2, "big.yaml: file is too large (17825792 bytes; the limit is 16777216)");
  }

  @Test
  void theDocumentRootIsRootInParentheses() throws Exception {
    Files.writeString(dir.resolve("list.json"), "[]");
    Cli.Result r = cli.run("validate", "-t", "s.schema.json", "list.json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "list.json:1:1: (root): must be object, found array (type)\n"
                + "0 valid, 1 invalid, 1 file\n");
  }
}
