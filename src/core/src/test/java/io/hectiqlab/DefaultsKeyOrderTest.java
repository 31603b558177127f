package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Defaults filled in take their place in the schema's key order; the document's keys keep theirs.
 */
class DefaultsKeyOrderTest {
  /** Properties declared zeta, alpha, mid, beta (not alphabetical), all but beta with a default. */
  private static final ConfigSchema SCHEMA =
      ConfigSchema.fromText(
          "{\"type\": \"object\", \"properties\": {"
              + "\"zeta\": {\"type\": \"integer\", \"default\": 1},"
              + "\"alpha\": {\"type\": \"string\", \"default\": \"a\"},"
              + "\"mid\": {\"type\": \"object\", \"default\": {}, \"properties\": {"
              + "  \"y\": {\"default\": 2}, \"b\": {\"default\": 3}, \"c\": {}}},"
              + "\"beta\": {\"type\": \"integer\"},"
              + "\"omega\": {\"type\": \"integer\", \"default\": 9}}}");

  private static List<String> keys(Map<String, Object> document) {
    return List.copyOf(SCHEMA.toConfig(Config.fromMap(document)).keys());
  }

  private static Map<String, Object> doc(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void defaultsOfAnEmptyDocumentFollowTheSchemaNotTheAlphabet() {
    Config filled = SCHEMA.toConfig(Config.fromMap(doc()));
    assertThat(List.copyOf(filled.keys())).containsExactly("zeta", "alpha", "mid", "omega");
    assertThat(List.copyOf(filled.getConfig("mid").keys())).containsExactly("y", "b");
  }

  @Test
  void defaultsDeclaredBeforeADocumentKeyComeBeforeIt() {
    assertThat(keys(doc("beta", 5))).containsExactly("zeta", "alpha", "mid", "beta", "omega");
    assertThat(SCHEMA.toConfig(Config.fromMap(doc("beta", 5))).toYaml())
        .isEqualTo("zeta: 1\nalpha: a\nmid:\n  \"y\": 2\n  b: 3\nbeta: 5\nomega: 9\n");
  }

  @Test
  void nestedDefaultsTakeTheirPlaceBesideTheDocumentsKeys() {
    Config filled = SCHEMA.toConfig(Config.fromMap(doc("mid", doc("c", 0))));
    assertThat(List.copyOf(filled.getConfig("mid").keys())).containsExactly("y", "b", "c");
    assertThat(List.copyOf(filled.keys())).containsExactly("zeta", "alpha", "mid", "omega");
  }

  @Test
  void theDocumentsOwnKeysKeepTheirOrder() {
    // beta before zeta in the document: each default follows the schema key before it
    assertThat(keys(doc("beta", 5, "zeta", 7)))
        .containsExactly("beta", "omega", "zeta", "alpha", "mid");
    // a key the schema does not declare stays after the key it followed
    assertThat(keys(doc("alpha", "x", "extra", true)))
        .containsExactly("zeta", "alpha", "mid", "omega", "extra");
    assertThat(keys(doc("extra", true))).containsExactly("extra", "zeta", "alpha", "mid", "omega");
  }
}
