package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzz tests found (each is also in the fuzz test's seed corpus): every one now gives
 * the documented exception with file:line:col and the problem.
 */
class FuzzedInputsTest {

  @Test
  void yamlEndingInsideAnEscapeIsASyntaxError() {
    assertThatThrownBy(() -> Config.fromYaml("\"\\\"\\u"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage(
            "<string>:1:6: invalid YAML: the document ends inside an escape sequence of a"
                + " double-quoted string");
    assertThatThrownBy(() -> Config.fromYaml("a: \"\\U"))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage(
            "<string>:1:7: invalid YAML: the document ends inside an escape sequence of a"
                + " double-quoted string");
  }

  @Test
  void yamlPlainScalarShapedLikeAnEnvironmentVariableIsAString() {
    Config c = Config.fromYaml("a:\n  - ${4 }\n  - ${HOME}\n");
    assertThat(c.getList("a")).containsExactly("${4 }", "${HOME}");
  }

  @Test
  void yamlWithASurrogatePairAcrossTheParsersBufferBoundaryParses() {
    // SnakeYAML reads 1,024 chars at a time; an emoji there used to end in
    // IndexOutOfBoundsException.
    for (int n = 1015; n < 1035; n++) {
      String value = "x".repeat(n - 4) + "\ud83d\ude00";
      assertThat(Config.fromYaml("a: \"" + value + "\"\n").getString("a")).isEqualTo(value);
      assertThat(Config.fromYaml("#" + "y".repeat(n) + "\ud83d\ude00\nb: 1\n").getInt("b"))
          .isEqualTo(1);
    }
  }

  @Test
  void aNumberReadsAsTheSameValueHoweverItsExponentIsWritten() {
    Config c = Config.fromJson("{\"a\": 9.9999e00020, \"b\": 9.9999e20, \"c\": 1.5E+0001}");
    assertThat(c.get("a")).isEqualTo(c.get("b"));
    assertThat(c.get("c")).isEqualTo(15.0);
    assertThat(Config.fromJson(c.toJson())).isEqualTo(c);
    assertThat(Config.fromYaml("a: 9.9999e00020\n").get("a")).isEqualTo(c.get("b"));
  }
}
