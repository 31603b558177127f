package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML written by Config quotes only the strings that would not read back as the same strings. */
class YamlQuotingTest {
  /** A string, and how it is written after {@code "k: "}. */
  private record Case(String value, String written) {}

  private static final List<Case> CASES =
      List.of(
          // plain: reads back as the same string under YAML 1.2 and 1.1
          new Case("adam", "adam"),
          new Case("hello world", "hello world"),
          new Case("http://x.y:80/p?q#f", "http://x.y:80/p?q#f"),
          new Case("a:b", "a:b"),
          new Case("a#b", "a#b"),
          new Case("it's", "it's"),
          new Case("say \"hi\"", "say \"hi\""),
          new Case("a,b", "a,b"),
          new Case("a\\b", "a\\b"),
          new Case("v1.2", "v1.2"),
          new Case("1.0.2", "1.0.2"),
          new Case("été 日本 😀", "été 日本 😀"),
          new Case("a  b", "a  b"),
          new Case("--", "--"),
          // booleans and null, YAML 1.2 core schema and YAML 1.1 (PyYAML)
          new Case("true", "\"true\""),
          new Case("False", "\"False\""),
          new Case("yes", "\"yes\""),
          new Case("no", "\"no\""),
          new Case("on", "\"on\""),
          new Case("OFF", "\"OFF\""),
          new Case("y", "\"y\""),
          new Case("null", "\"null\""),
          new Case("Null", "\"Null\""),
          new Case("~", "\"~\""),
          new Case("", "\"\""),
          // numbers
          new Case("12", "\"12\""),
          new Case("-1", "\"-1\""),
          new Case("+1", "\"+1\""),
          new Case("010", "\"010\""),
          new Case("1.5", "\"1.5\""),
          new Case("-0.0", "\"-0.0\""),
          new Case("0.", "\"0.\""),
          new Case("1e3", "\"1e3\""),
          new Case("0x1", "\"0x1\""),
          new Case("0o17", "\"0o17\""),
          new Case(".inf", "\".inf\""),
          new Case("-.inf", "\"-.inf\""),
          new Case(".nan", "\".nan\""),
          new Case("1_000", "\"1_000\""),
          new Case("1:20", "\"1:20\""),
          new Case("2024-01-01", "\"2024-01-01\""),
          new Case("2024-01-01T10:00:00Z", "\"2024-01-01T10:00:00Z\""),
          // spaces at the ends, indicators, comments, structure
          new Case(" lead", "\" lead\""),
          new Case("trail ", "\"trail \""),
          new Case("a: b", "\"a: b\""),
          new Case("a:", "\"a:\""),
          new Case("a #b", "\"a #b\""),
          new Case("#x", "\"#x\""),
          new Case("- x", "\"- x\""),
          new Case("-", "\"-\""),
          new Case("? x", "\"? x\""),
          new Case("[a]", "\"[a]\""),
          new Case("{a}", "\"{a}\""),
          new Case("*a", "\"*a\""),
          new Case("&a", "\"&a\""),
          new Case("!t", "\"!t\""),
          new Case("|", "\"|\""),
          new Case(">", "\">\""),
          new Case("%x", "\"%x\""),
          new Case("@x", "\"@x\""),
          new Case("`x", "\"`x\""),
          new Case("'q'", "\"'q'\""),
          new Case("\"q\"", "\"\\\"q\\\"\""),
          new Case("<<", "\"<<\""),
          new Case("=", "\"=\""),
          new Case("---", "'---'"),
          new Case("...", "'...'"),
          // control characters are escaped, line breaks make literal blocks
          new Case("tab\there", "\"tab\\there\""),
          new Case("nul\u0000l", "\"nul\\0l\""),
          new Case("\u001b[31mred", "\"\\e[31mred\""),
          new Case("nel\u0085x", "\"nel\\Nx\""),
          new Case("line\nbreak", "|-\n  line\n  break"),
          new Case("a\n", "|\n  a"),
          new Case(" a\nb", "|2-\n   a\n  b"),
          new Case("a \nb", "\"a \\nb\""));

  @Test
  void stringsAreQuotedOnlyWhenTheyWouldReadBackAsAnotherValue() {
    Map<String, Object> map = new LinkedHashMap<>();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < CASES.size(); i++) {
      map.put("k" + i, CASES.get(i).value());
      expected.append("k").append(i).append(": ").append(CASES.get(i).written()).append('\n');
    }
    Config config = Config.fromMap(map);
    assertThat(config.toYaml()).isEqualTo(expected.toString());
    assertThat(Config.fromYaml(config.toYaml())).isEqualTo(config);
  }

  @Test
  void everyCaseReadsBackExactlyAsAKeyAndInsideLists() {
    Map<String, Object> keys = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      keys.put(CASES.get(i).value(), i);
      list.add(CASES.get(i).value());
    }
    Config config = Config.fromMap(keys);
    Config back = Config.fromYaml(config.toYaml());
    assertThat(back).isEqualTo(config);
    assertThat(List.copyOf(back.keys())).isEqualTo(List.copyOf(config.keys()));
    Config inList = Config.of("items", list);
    assertThat(Config.fromYaml(inList.toYaml())).isEqualTo(inList);
  }

  @Test
  void aLongSentenceIsFoldedAndReadsBackTheSame() {
    String sentence = "a learning rate schedule with warm-up, ".repeat(6).strip();
    Config config = Config.of("description", sentence);
    assertThat(config.toYaml()).doesNotContain("\"").contains("\n  ");
    assertThat(Config.fromYaml(config.toYaml())).isEqualTo(config);
  }

  @Test
  void numbersBooleansAndNullStayUnquoted() {
    Config config = Config.of("lr", 0.001, "epochs", 10, "shuffle", true, "seed", null);
    config.set("name", "mnist");
    assertThat(config.toYaml())
        .isEqualTo("lr: 0.001\nepochs: 10\nshuffle: true\nseed: null\nname: mnist\n");
  }
}
