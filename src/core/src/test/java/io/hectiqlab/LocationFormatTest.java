package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One location rule ({@code file:line:col}, printed by {@link Location}) and one root notation
 * ({@code (root)}) in every message core writes.
 */
class LocationFormatTest {
  @TempDir Path dir;

  @Test
  void aLocationPrintsWhatIsKnownCompilerStyle() {
    assertThat(new Location("train.yaml", 12, 7)).hasToString("train.yaml:12:7");
    assertThat(new Location("train.yaml", 12, 0)).hasToString("train.yaml:12");
    assertThat(new Location("train.yaml", 0, 0)).hasToString("train.yaml");
    assertThat(new Location("<string>", 0, 5)).isEqualTo(new Location("<string>", 0, 0));
    assertThat(new Location("a", -1, -1)).isEqualTo(new Location("a", 0, 0));
    assertThat(new Location("a", 3, 4).line()).isEqualTo(3);
    assertThat(new Location("a", 3, 4).column()).isEqualTo(4);
    assertThatThrownBy(() -> new Location(null, 1, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theRootIsPrintedAsRootInParentheses() {
    assertThat(Location.ROOT).isEqualTo("(root)");
    assertThat(Location.path("")).isEqualTo("(root)");
    assertThat(Location.path("/optimizer/lr")).isEqualTo("/optimizer/lr");
    assertThat(Location.path("optimizer.lr")).isEqualTo("optimizer.lr");
  }

  @Test
  void violationsCarryALocationAndPrintIt() throws Exception {
    Path file = Files.writeString(dir.resolve("p.json"), "{\n  \"a\": \"x\"\n}\n");
    ConfigSchema schema =
        ConfigSchema.fromText("{\"properties\": {\"a\": {\"type\": \"integer\"}}}");
    Violation v = schema.validate(file).violations().get(0);
    assertThat(v.location()).isEqualTo(new Location(file.toString(), 2, 8));
    assertThat(v).hasToString(file + ":2:8: /a: must be integer, found string (type)");
  }

  @Test
  void parseErrorsCarryTheSameLocation() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "a: 1\nb: [\n");
    try {
      Config.load(file);
      throw new AssertionError("no exception");
    } catch (ConfigException.Parse e) {
      assertThat(e.location().origin()).isEqualTo(file.toString());
      assertThat(e.location().line()).isPositive();
      assertThat(e.getMessage()).startsWith(e.location() + ": ");
      assertThat(e.location())
          .isEqualTo(new Location(e.origin(), e.line(), e.column()))
          .hasToString(file + ":" + e.line() + ":" + e.column());
    }
  }

  @Test
  void everyMessageAboutTheRootSaysRootInParentheses() {
    assertThatThrownBy(() -> new Config().set("", 1))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessage("(root): empty path");
    Map<Object, Object> raw = new HashMap<>();
    raw.put(1, "one");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object> keyedByInt = (Map) raw;
    assertThatThrownBy(() -> Config.fromMap(keyedByInt))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessage("(root): map keys must be strings, found integer 1");
    assertThat(new ConfigException.Locked("").getMessage())
        .isEqualTo("(root): config is locked; call unlock() to change it");
    ConfigSchema object = ConfigSchema.fromText("{\"type\": \"object\"}");
    assertThat(object.validateText("[]").toString())
        .isEqualTo("<string>:1:1: (root): must be object, found array (type)");
    assertThatThrownBy(
            () ->
                ConfigSchema.fromText(
                    "{\"$schema\": \"http://json-schema.org/draft-07/schema#\"," + " \"type\": 5}"))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("/type: ")
        .hasMessageNotContaining("<root>");
  }
}
