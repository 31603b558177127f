package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values are kept as written or refused, never silently altered: text that is not Unicode (a lone
 * surrogate, invalid UTF-8) is refused with file:line:col or the path, and {@code -0.0} stays a
 * negative zero through parsing, Config, save and load in every syntax.
 */
class TextFidelityTest {
  private static final String LONE =
      "invalid text: lone surrogate \\ud800 (half of a UTF-16 pair without its other half is not"
          + " Unicode text)";

  @TempDir Path dir;

  @Test
  void jsonEscapedLoneSurrogateIsRefusedAtItsPosition() {
    assertThatThrownBy(() -> Config.fromJson("{\"a\": 1,\n \"b\": \"x\\ud800\"}"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:2:7: " + LONE);
    assertThatThrownBy(() -> Config.fromJson("{\"a\": [\"\\udc00\\ud800\"]}"))
        .hasMessageStartingWith("<string>:1:8: invalid text: lone surrogate \\udc00");
  }

  @Test
  void yamlEscapedLoneSurrogateIsRefusedAtItsPosition() {
    assertThatThrownBy(() -> Config.fromYaml("a: 1\nb: \"\\ud800\"\n"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:2:4: " + LONE);
    assertThatThrownBy(() -> Config.fromYaml("\"\\ud800\": 1\n"))
        .hasMessage("<string>:1:1: " + LONE);
  }

  @Test
  void tomlEscapedLoneSurrogateIsRefused() {
    assertThatThrownBy(() -> Config.fromToml("a = \"\\ud800\"\n"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessageStartingWith("<string>:1:")
        .hasMessageContaining("d800");
  }

  @Test
  void rawLoneSurrogateInJavaTextIsRefusedInEverySyntax() {
    assertThatThrownBy(() -> Config.fromJson("{\"a\":\n \"x\ud800\"}"))
        .hasMessage("<string>:2:4: " + LONE);
    assertThatThrownBy(() -> Config.fromYaml("a: x\ud800\n")).hasMessage("<string>:1:5: " + LONE);
    assertThatThrownBy(() -> Config.fromToml("a = \"\ud800\"\n"))
        .hasMessage("<string>:1:6: " + LONE);
  }

  @Test
  void validationReportsALoneSurrogateAsASyntaxViolation() {
    ValidationResult r =
        ConfigSchema.fromText("{\"type\": \"object\"}").validateText("{\"a\": \"\\ud800\"}");
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations()).hasSize(1);
    assertThat(r.violations().get(0).keyword()).isEqualTo("syntax");
    assertThat(r.violations().get(0).message()).isEqualTo(LONE);
  }

  @Test
  void configRefusesALoneSurrogateInAValueOrKey() {
    assertThatThrownBy(() -> new Config().set("a.b", "x\ud800"))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage("a.b: " + LONE);
    assertThatThrownBy(() -> new Config().set("a", List.of("ok", "\udfff")))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageStartingWith("a.1: invalid text: lone surrogate \\udfff");
    assertThatThrownBy(() -> Config.fromMap(Map.of("k\ud800", 1)))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessage("k\ud800: the key has " + LONE);
    assertThatThrownBy(() -> new Config().set("k\ud800", 1))
        .isInstanceOf(ConfigException.BadPath.class);
    // A proper pair is text like any other.
    assertThat(new Config().set("e", "\ud83d\ude00").toJson()).contains("\ud83d\ude00");
  }

  @Test
  void invalidUtf8IsRefusedWithItsPositionNeverReplaced() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.write(file, "{\"a\":\n \"x\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Config.load(file))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage(file + ":2:4: invalid UTF-8 (byte 0xff at offset 9)");
  }

  @Test
  void negativeZeroIsKeptAsWrittenWhenParsed() {
    assertThat(negativeZero(Config.fromJson("{\"a\": -0.0}").get("a"))).isTrue();
    assertThat(negativeZero(Config.fromJson("{\"a\": -0e3}").get("a"))).isTrue();
    assertThat(negativeZero(Config.fromYaml("a: -0.0\n").get("a"))).isTrue();
    assertThat(negativeZero(Config.fromToml("a = -0.0\nb = [1.0, -0.0]\n").get("a"))).isTrue();
    assertThat(negativeZero(Config.fromToml("a = -0.0\nb = [1.0, -0.0]\n").get("b.1"))).isTrue();
    assertThat(negativeZero(Config.fromToml("t = { x = -0.0 }\n").get("t.x"))).isTrue();
    assertThat(negativeZero(Config.fromJson("{\"a\": 0.0}").get("a"))).isFalse();
    assertThat(Config.fromToml("a = 0.0\ns = \"-0.0\"\n").get("a")).isEqualTo(0.0);
    // An integer has no negative zero: -0 is the integer 0.
    assertThat(Config.fromJson("{\"a\": -0}").get("a")).isEqualTo(0);
  }

  @Test
  void negativeZeroSurvivesSaveAndLoadInEverySyntax() {
    Config c = new Config().set("a", -0.0).set("b", List.of(-0.0, 0.0)).set("c.d", -0.0);
    for (String name : List.of("c.json", "c.yaml", "c.toml")) {
      Path file = dir.resolve(name);
      c.save(file);
      Config back = Config.load(file);
      assertThat(back).as(name).isEqualTo(c);
      assertThat(negativeZero(back.get("a"))).as(name).isTrue();
      assertThat(negativeZero(back.get("b.0"))).as(name).isTrue();
      assertThat(negativeZero(back.get("b.1"))).as(name).isFalse();
    }
    assertThat(negativeZero(Config.fromJson(c.toJson()).get("c.d"))).isTrue();
    assertThat(negativeZero(Config.fromYaml(c.toYaml()).get("c.d"))).isTrue();
  }

  @Test
  void negativeZeroSurvivesValidationAndDefaults() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"a\": {\"type\": \"number\"}, \"d\": {\"default\": -0.0}}}");
    Config c = s.toConfigText("{\"a\": -0.0}");
    assertThat(negativeZero(c.get("a"))).isTrue();
    assertThat(negativeZero(c.get("d"))).isTrue();
  }

  static boolean negativeZero(Object value) {
    return value instanceof Double d && Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
  }
}
