package io.hectiqlab;

import static io.hectiqlab.SchemaDiffFixture.diff;
import static io.hectiqlab.SchemaDiffFixture.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hectiqlab.internal.SchemaDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile templates: the comparison ends (no hang, no stack overflow) with sane changes. The
 * timeout only guards against a hang; speed is measured by the benchmark.
 */
class SchemaDiffLimitsTest {
  private static final Duration GUARD = Duration.ofSeconds(60);

  private static <T> T guarded(Supplier<T> work) {
    return assertTimeoutPreemptively(GUARD, work::get);
  }

  @Test
  void selfRecursiveRefsAreComparedOnce() {
    String self =
        "{\"type\": \"object\", \"properties\": {\"v\": {\"type\": \"integer\"},"
            + " \"child\": {\"$ref\": \"#\"}, \"list\": {\"items\": {\"$ref\": \"#\"}}}}";
    List<SchemaDiff.Change> changes = guarded(() -> diff(self, self.replace("integer", "number")));
    assertThat(summary(changes))
        .isEqualTo("TYPE_WIDENED | type widened from integer to number | /v | NONE/BREAKS");
    assertThat(guarded(() -> diff("{\"$ref\": \"#\"}", "{\"$ref\": \"#\"}"))).isEmpty();
  }

  @Test
  void mutualRefsAcrossTwoFilesOfASchemasDirectory(@TempDir Path dir) throws IOException {
    Path o = Files.createDirectories(dir.resolve("old"));
    Path n = Files.createDirectories(dir.resolve("new"));
    for (Path d : List.of(o, n)) {
      Files.writeString(
          d.resolve("a.schema.json"),
          "{\"type\": \"object\", \"properties\": {\"b\": {\"$ref\": \"b.schema.json\"}}}");
    }
    Files.writeString(
        o.resolve("b.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"a.schema.json\"},"
            + " \"n\": {\"maxLength\": 4}}}");
    Files.writeString(
        n.resolve("b.schema.json"),
        "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"a.schema.json\"},"
            + " \"n\": {\"maxLength\": 2}}}");
    List<SchemaDiff.Change> changes =
        guarded(
            () ->
                diff(
                    ConfigSchema.load(o.resolve("a.schema.json")),
                    ConfigSchema.load(n.resolve("a.schema.json")),
                    Compatibility.ContentModel.OPEN));
    assertThat(summary(changes))
        .isEqualTo("LIMIT_TIGHTENED | maxLength lowered from 4 to 2 | /b/n | BREAKS/NONE");
    assertThat(changes.get(0).older().location().toString())
        .startsWith(o.resolve("b.schema.json") + ":1:");
  }

  private static String enumOf(IntStream values) {
    return "{\"enum\": ["
        + values.mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(", "))
        + "]}";
  }

  @Test
  void hugeEnumsAreComparedAsSets() {
    String big = enumOf(IntStream.range(0, 10_000));
    List<Integer> shuffled = new java.util.ArrayList<>(IntStream.range(0, 10_000).boxed().toList());
    Collections.shuffle(shuffled, new java.util.Random(14));
    String reordered = enumOf(shuffled.stream().mapToInt(Integer::intValue));
    assertThat(guarded(() -> diff(big, reordered))).isEmpty();
    List<SchemaDiff.Change> lost = guarded(() -> diff(big, enumOf(IntStream.range(5_000, 10_000))));
    assertThat(summary(lost))
        .isEqualTo(
            "ENUM_VALUE_REMOVED | enum lost 5,000 values: \"v0\", \"v1\", \"v2\", ... | / |"
                + " BREAKS/NONE");
    assertThat(lost.get(0).backwardProbes()).hasSize(5);
    List<SchemaDiff.Change> few = guarded(() -> diff(big, enumOf(IntStream.range(0, 9_998))));
    assertThat(summary(few))
        .isEqualTo(
            "ENUM_VALUE_REMOVED | enum lost \"v9998\" | / | BREAKS/NONE\n"
                + "ENUM_VALUE_REMOVED | enum lost \"v9999\" | / | BREAKS/NONE");
    assertThat(few.get(1).older().pointer()).isEqualTo("/enum/9999");
  }

  private static String nested(int depth, String leaf) {
    String s = leaf;
    for (int i = 0; i < depth; i++) {
      s = "{\"properties\": {\"p\": " + s + "}}";
    }
    return s;
  }

  @Test
  void deeplyNestedSchemasAreWalkedToTheBottom() {
    List<SchemaDiff.Change> changes =
        guarded(() -> diff(nested(95, "{\"maximum\": 2}"), nested(95, "{\"maximum\": 1}")));
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).instancePath()).hasSize(95);
    assertThat(changes.get(0).reason()).isEqualTo("maximum lowered from 2 to 1");
  }

  @Test
  void refsThatFanOutAreComparedOncePerPair() {
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      defs.append("\"d")
          .append(i)
          .append("\": {\"properties\": {\"a\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append("\"}, \"b\": {\"$ref\": \"#/$defs/d")
          .append(i + 1)
          .append("\"}}}, ");
    }
    String old =
        "{\"$ref\": \"#/$defs/d0\", \"$defs\": {" + defs + "\"d40\": {\"type\": \"string\"}}}";
    String now = old.replace("\"d40\": {\"type\": \"string\"}", "\"d40\": {\"type\": \"integer\"}");
    List<SchemaDiff.Change> changes = guarded(() -> diff(old, now));
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).kind()).isEqualTo(SchemaChange.Kind.TYPE_CHANGED);
    assertThat(changes.get(0).older().pointer()).isEqualTo("/$defs/d40/type");
  }

  private static String alternatives(int width, int depth, String leaf) {
    if (depth == 0) {
      return leaf;
    }
    String inner = alternatives(width, depth - 1, leaf);
    return "{\"oneOf\": ["
        + IntStream.range(0, width)
            .mapToObj(i -> "{\"properties\": {\"k" + i + "\": " + inner + "}}")
            .collect(Collectors.joining(", "))
        + "]}";
  }

  @Test
  void manyBranchesAreMatchedWithoutWeighingEveryPair() {
    String old = alternatives(40, 1, "{\"type\": \"string\"}");
    String now = old.replace("\"k7\": {\"type\": \"string\"}", "\"k7\": {\"type\": \"integer\"}");
    List<SchemaDiff.Change> changes = guarded(() -> diff(old, now));
    assertThat(summary(changes))
        .isEqualTo("TYPE_CHANGED | type changed from string to integer | /k7 | BREAKS/BREAKS");
  }

  @Test
  void nestedAlternativesPairTheirBranchesLevelByLevel() {
    String old = alternatives(8, 4, "{\"type\": \"string\"}");
    String now = alternatives(8, 4, "{\"type\": \"integer\"}");
    List<SchemaDiff.Change> changes = guarded(() -> diff(old, now));
    assertThat(changes).hasSize(8 * 8 * 8 * 8);
    assertThat(changes).allMatch(c -> c.kind() == SchemaChange.Kind.TYPE_CHANGED);
    assertThat(changes.get(0).instancePath()).containsExactly("k0", "k0", "k0", "k0");
  }

  @Test
  void alternativesThatAllLookAlikeAreWeighedWithinALimit() {
    String inner = "{\"type\": \"string\"}";
    for (int level = 0; level < 3; level++) {
      String member = inner;
      inner =
          "{\"oneOf\": ["
              + IntStream.range(0, 8)
                  .mapToObj(
                      i ->
                          "{\"minProperties\": " + i + ", \"properties\": {\"k\": " + member + "}}")
                  .collect(Collectors.joining(", "))
              + "]}";
    }
    String old = inner;
    String now = inner.replace("string", "integer");
    List<SchemaDiff.Change> changes = guarded(() -> diff(old, now));
    assertThat(changes).hasSize(8 * 8 * 8);
    assertThat(changes).allMatch(c -> c.kind() == SchemaChange.Kind.TYPE_CHANGED);
    assertThat(changes).allMatch(c -> c.older().pointer().equals(c.newer().pointer()));
  }
}
