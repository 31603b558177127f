package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.ConfigDiff.Change;
import io.hectiqlab.server.ConfigDiff.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The structural diff of two configs, by path, with strict types. */
class ConfigDiffTest {
  private static JsonNode json(String text) {
    return LabServer.JSON.readTree(text);
  }

  private static List<Change> diff(String from, String to) {
    return ConfigDiff.of(json(from), json(to), 1000).changes();
  }

  private static String describe(Change c) {
    return String.join("/", c.path())
        + " "
        + c.kind().id()
        + " "
        + (c.from() == null ? "-" : c.from().toString())
        + " -> "
        + (c.to() == null ? "-" : c.to().toString());
  }

  private static List<String> described(String from, String to) {
    return diff(from, to).stream().map(ConfigDiffTest::describe).toList();
  }

  @Test
  void anInsertedKeyMarksOnlyThatKey() {
    assertThat(
            described(
                "{\"a\":1,\"c\":{\"d\":3},\"e\":4}", "{\"a\":1,\"b\":2,\"c\":{\"d\":3},\"e\":4}"))
        .containsExactly("b added - -> 2");
  }

  @Test
  void typesAreStrict() {
    assertThat(described("{\"a\":1,\"b\":true,\"c\":{}}", "{\"a\":\"1\",\"b\":\"true\",\"c\":[]}"))
        .containsExactly(
            "a changed 1 -> \"1\"", "b changed true -> \"true\"", "c changed {} -> []");
  }

  @Test
  void anExplicitNullAndAMissingKeyDiffer() {
    assertThat(described("{\"a\":null}", "{}")).containsExactly("a removed null -> -");
    assertThat(described("{}", "{\"a\":null}")).containsExactly("a added - -> null");
    assertThat(described("{\"a\":null}", "{\"a\":0}")).containsExactly("a changed null -> 0");
  }

  @Test
  void numericallyEqualNumbersAreTheSame() {
    assertThat(diff("{\"a\":1,\"b\":0.10}", "{\"a\":1.0,\"b\":0.1}")).isEmpty();
    assertThat(described("{\"a\":0.1}", "{\"a\":0.10000001}"))
        .containsExactly("a changed 0.1 -> 0.10000001");
  }

  @Test
  void arraysCompareByIndex() {
    assertThat(described("{\"x\":[1,2,3]}", "{\"x\":[1,3]}"))
        .containsExactly("x/1 changed 2 -> 3", "x/2 removed 3 -> -");
    assertThat(described("{\"x\":[{\"u\":1}]}", "{\"x\":[{\"u\":2},{\"u\":3}]}"))
        .containsExactly("x/0/u changed 1 -> 2", "x/1 added - -> {\"u\":3}");
  }

  @Test
  void keysHoldingDotsStayKeys() {
    List<Change> changes = diff("{\"a.b\":{\"c\":1}}", "{\"a.b\":{\"c\":2}}");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).path()).containsExactly("a.b", "c");
    assertThat(changes.get(0).kind()).isEqualTo(Kind.CHANGED);
  }

  @Test
  void equalDocumentsHaveNoDifferencesWhateverTheKeyOrder() {
    assertThat(
            diff(
                "{\"a\":{\"x\":1,\"y\":[1,{\"z\":null}]},\"b\":\"s\"}",
                "{\"b\":\"s\",\"a\":{\"y\":[1,{\"z\":null}],\"x\":1}}"))
        .isEmpty();
  }

  @Test
  void aDiffPastItsLimitSaysItIsTruncated() {
    StringBuilder a = new StringBuilder("{");
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < 50; i++) {
      a.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
      b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i + 1);
    }
    ConfigDiff.Result r = ConfigDiff.of(json(a + "}"), json(b + "}"), 10);
    assertThat(r.changes()).hasSize(10);
    assertThat(r.truncated()).isTrue();
    assertThat(ConfigDiff.of(json(a + "}"), json(b + "}"), 50).truncated()).isFalse();
  }
}
