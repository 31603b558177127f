package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One nesting limit, 200 levels, applied the same way by every reader, by Configs built in memory
 * and by paths given to {@link Config#set}: 200 levels are accepted, 201 refused, and the error
 * says where.
 */
class NestingLimitTest {
  private static String json(int levels) {
    return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
  }

  private static String yaml(int levels) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      sb.append("  ".repeat(i)).append("a:").append(i == levels - 1 ? " 1\n" : "\n");
    }
    return sb.toString();
  }

  private static String toml(int levels) {
    return "x = " + "[".repeat(levels - 1) + "1" + "]".repeat(levels - 1);
  }

  private static Map<String, Object> map(int levels) {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> current = root;
    for (int i = 1; i < levels; i++) {
      Map<String, Object> child = new HashMap<>();
      current.put("a", child);
      current = child;
    }
    current.put("a", 1);
    return root;
  }

  private static String path(int keys) {
    return String.join(".", Collections.nCopies(keys, "a"));
  }

  @Test
  void everyReaderAcceptsTwoHundredLevelsAndRefusesTheNextNamingWhere() {
    assertThat(Config.fromJson(json(200)).size()).isEqualTo(1);
    assertThat(Config.fromYaml(yaml(200)).size()).isEqualTo(1);
    assertThat(Config.fromToml(toml(200)).size()).isEqualTo(1);
    assertThat(Config.fromMap(map(200)).size()).isEqualTo(1);

    assertThatThrownBy(() -> Config.fromJson(json(201)))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:1:1001: nesting is deeper than 200 levels");
    assertThatThrownBy(() -> Config.fromYaml(yaml(201)))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:201:401: nesting is deeper than 200 levels");
    assertThatThrownBy(() -> Config.fromToml(toml(201)))
        .isInstanceOf(ConfigException.Parse.class)
        .hasMessage("<string>:1:205: nesting is deeper than 200 levels");
    assertThatThrownBy(() -> Config.fromMap(map(201)))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage(path(200) + ": nesting is deeper than 200 levels");
  }

  @Test
  void setRefusesAPathDeeperThanTheLimitBeforeChangingAnything() {
    Config c = new Config();
    c.set(path(200), 1);
    assertThat(Config.fromJson(c.toJson())).isEqualTo(c); // what set accepts reads back

    Config fresh = new Config();
    assertThatThrownBy(() -> fresh.set(path(201), 1))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage(path(200) + ": nesting is deeper than 200 levels");
    assertThat(fresh.keys()).isEmpty();
  }

  @Test
  void setCountsTheLevelsAboveTheConfigItIsCalledOn() {
    Config root = new Config();
    root.set(path(150), 1);
    Config inner = root.getConfig(path(149)); // level 150
    String b52 = String.join(".", Collections.nCopies(52, "b"));
    String b51 = b52.substring(2);
    assertThatThrownBy(() -> inner.set(b52, 2))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage(path(149) + "." + b51 + ": nesting is deeper than 200 levels");
    inner.set(b51, 2);
    assertThat(root.get(path(149) + "." + b51)).isEqualTo(2);
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPathOfFiftyThousandKeysIsRefusedQuickly() {
    Config c = new Config();
    assertThatThrownBy(() -> c.set(path(50_000), 1))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage(path(200) + ": nesting is deeper than 200 levels");
    assertThat(c.keys()).isEmpty();
  }
}
