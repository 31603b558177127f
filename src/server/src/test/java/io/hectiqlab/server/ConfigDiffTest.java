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
  void anElementInsertedOrRemovedMarksOnlyThatElement() {
    assertThat(described("{\"x\":[1,2,3]}", "{\"x\":[1,3]}")).containsExactly("x/1 removed 2 -> -");
    assertThat(described("{\"x\":[\"a\",\"b\",\"c\"]}", "{\"x\":[\"new\",\"a\",\"b\",\"c\"]}"))
        .containsExactly("x/0 added - -> \"new\"");
    assertThat(
            described(
                "{\"layers\":[{\"u\":1},{\"u\":2},{\"u\":3}]}",
                "{\"layers\":[{\"u\":1},{\"u\":5},{\"u\":2},{\"u\":3}]}"))
        .containsExactly("layers/1 added - -> {\"u\":5}");
    assertThat(described("{\"x\":[1,2,3,4]}", "{\"x\":[2,4]}"))
        .containsExactly("x/0 removed 1 -> -", "x/2 removed 3 -> -");
  }

  @Test
  void elementsBetweenAlignedOnesAreComparedInPairsAtTheirNewIndex() {
    assertThat(
            described("{\"x\":[\"a\",{\"u\":1},\"c\"]}", "{\"x\":[\"new\",\"a\",{\"u\":2},\"c\"]}"))
        .containsExactly("x/0 added - -> \"new\"", "x/2/u changed 1 -> 2");
    // no element in common: by position, what is left over added or removed
    assertThat(described("{\"x\":[{\"u\":1}]}", "{\"x\":[{\"u\":2},{\"u\":3}]}"))
        .containsExactly("x/0/u changed 1 -> 2", "x/1 added - -> {\"u\":3}");
    assertThat(described("{\"x\":[64,64]}", "{\"x\":[64,128,256]}"))
        .containsExactly("x/1 changed 64 -> 128", "x/2 added - -> 256");
  }

  @Test
  void alignedElementsAreEqualAsSameSaysNumbersByValueKeysInAnyOrder() {
    assertThat(described("{\"x\":[1.0,2]}", "{\"x\":[0,1,2.00]}"))
        .containsExactly("x/0 added - -> 0");
    assertThat(
            described(
                "{\"x\":[{\"a\":1,\"b\":[true,null]},\"s\"]}",
                "{\"x\":[{\"z\":0},{\"b\":[true,null],\"a\":1.0},\"s\"]}"))
        .containsExactly("x/0 added - -> {\"z\":0}");
    // strict types: "1" is not aligned with 1, nor null with a missing element
    assertThat(described("{\"x\":[1,null]}", "{\"x\":[\"1\",1,null]}"))
        .containsExactly("x/0 added - -> \"1\"");
    assertThat(described("{\"x\":[1]}", "{\"x\":[\"1\"]}"))
        .containsExactly("x/0 changed 1 -> \"1\"");
  }

  /** 0..n-1, against -1 then 0..n-2 then -2: n x (n + 1) pairs to align. */
  private static ConfigDiff.Result shifted(int n) {
    StringBuilder a = new StringBuilder("[");
    StringBuilder b = new StringBuilder("[-1");
    for (int i = 0; i < n; i++) {
      a.append(i == 0 ? "" : ",").append(i);
      b.append(',').append(i == n - 1 ? -2 : i);
    }
    return ConfigDiff.of(json(a + "]"), json(b + "]"), 5_000);
  }

  @Test
  void arraysTooLargeToAlignCompareByIndex() {
    int n = 1_000; // 1,000 x 1,001 pairs: over the cap
    assertThat((long) n * (n + 1)).isGreaterThan(ConfigDiff.MAX_ALIGNED_PAIRS);
    ConfigDiff.Result r = shifted(n);
    assertThat(r.changes()).hasSize(n + 1);
    assertThat(describe(r.changes().get(0))).isEqualTo("0 changed 0 -> -1");
    assertThat(describe(r.changes().get(n))).isEqualTo(n + " added - -> -2");
    // 999 x 1,000 pairs fit: aligned, one insertion and one change
    assertThat(shifted(n - 1).changes())
        .extracting(ConfigDiffTest::describe)
        .containsExactly("0 added - -> -1", (n - 1) + " changed " + (n - 2) + " -> -2");
  }

  @Test
  void arraysPastTheDiffsCellsCompareByIndex() {
    // 100 arrays of 600 x 601 pairs each: 36 M cells, over the budget
    StringBuilder a = new StringBuilder("{");
    StringBuilder b = new StringBuilder("{");
    for (int k = 0; k < 100; k++) {
      a.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":[");
      b.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":[-1");
      for (int i = 0; i < 600; i++) {
        a.append(i == 0 ? "" : ",").append(i);
        b.append(',').append(i == 599 ? -2 : i);
      }
      a.append(']');
      b.append(']');
    }
    assertThat(100L * 600 * 601).isGreaterThan(ConfigDiff.MAX_ALIGNMENT_CELLS);
    List<Change> changes = ConfigDiff.of(json(a + "}"), json(b + "}"), 100_000).changes();
    assertThat(changes.stream().filter(c -> c.path().get(0).equals("k0")))
        .extracting(ConfigDiffTest::describe)
        .containsExactly("k0/0 added - -> -1", "k0/600 changed 599 -> -2");
    assertThat(changes.stream().filter(c -> c.path().get(0).equals("k99"))).hasSize(601);
  }

  @Test
  void largeElementsPastTheDiffsCharactersCompareByIndex() {
    // 100 distinct elements of 100 KB: their canonical forms would pass the characters allowed
    String big = "x".repeat(100_000);
    StringBuilder a = new StringBuilder("[");
    StringBuilder b = new StringBuilder("[\"first\"");
    for (int i = 0; i < 100; i++) {
      String e = "\"" + i + big + "\"";
      a.append(i == 0 ? "" : ",").append(e);
      b.append(',').append(e);
    }
    assertThat(100L * 100_000).isGreaterThan(ConfigDiff.MAX_ALIGNMENT_CHARS);
    List<Change> byIndex = ConfigDiff.of(json(a + ",1]"), json(b + ",2]"), 1_000).changes();
    assertThat(byIndex).hasSize(102);
    assertThat(byIndex.get(0).kind()).isEqualTo(Kind.CHANGED);
    // the same arrays with small elements are aligned
    List<Change> aligned =
        ConfigDiff.of(json("[\"a\",\"b\",1]"), json("[\"first\",\"a\",\"b\",2]"), 9).changes();
    assertThat(aligned)
        .extracting(ConfigDiffTest::describe)
        .containsExactly("0 added - -> \"first\"", "3 changed 1 -> 2");
  }

  @Test
  void aKeyRemovedInsideAShiftedElementIsNamedWhereItWas() {
    assertThat(
            described(
                "{\"l\":[\"a\",{\"u\":1,\"d\":0}]}", "{\"l\":[\"new\",\"a\",{\"u\":1,\"e\":2}]}"))
        .containsExactly("l/0 added - -> \"new\"", "l/1/d removed 0 -> -", "l/2/e added - -> 2");
  }

  @Test
  void deeplyNestedArraysThatDifferAtTheBottomFinish() {
    // 150 levels of one-element arrays around a long array that differs in its last element
    String leaf = "1,".repeat(200_000);
    String a = "[".repeat(150) + "[" + leaf + "1]" + "]".repeat(150);
    String b = "[".repeat(150) + "[" + leaf + "2]" + "]".repeat(150);
    List<Change> changes = ConfigDiff.of(json(a), json(b), 10).changes();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).path()).hasSize(151).endsWith("200000");
    assertThat(describe(changes.get(0))).endsWith("changed 1 -> 2");
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
