package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Compatibility;
import io.hectiqlab.SchemaChange;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A comparison that reaches its budget stops there and says that the rest is not decided. */
class SchemaDiffBudgetTest {
  private static SchemaEngine.Compiled compile(String text) {
    return SchemaEngine.forText().compileText(text, "<schema>");
  }

  private static String properties(String type) {
    return "{\"properties\": {"
        + IntStream.range(0, 100)
            .mapToObj(i -> "\"p" + i + "\": {\"type\": \"" + type + "\"}")
            .collect(Collectors.joining(", "))
        + "}}";
  }

  @Test
  void aComparisonPastItsBudgetEndsWithANotDecidedChange() {
    List<SchemaDiff.Change> changes =
        SchemaDiffWalk.compare(
            new SchemaDiffWalk.Run(
                compile(properties("string")),
                compile(properties("integer")),
                Compatibility.ContentModel.OPEN,
                50));
    assertThat(changes).hasSize(50);
    SchemaDiff.Change last = changes.get(changes.size() - 1);
    assertThat(last.kind()).isEqualTo(SchemaChange.Kind.SCHEMA_CHANGED);
    assertThat(last.reason())
        .isEqualTo("comparison stopped after 50 subschemas: the rest is not decided");
    assertThat(last.backward()).isEqualTo(SchemaChange.Impact.NOT_DECIDED);
    assertThat(last.forward()).isEqualTo(SchemaChange.Impact.NOT_DECIDED);
    assertThat(last.older().pointer()).isEmpty();
    assertThat(changes.subList(0, 49)).allMatch(c -> c.kind() == SchemaChange.Kind.TYPE_CHANGED);
  }

  @Test
  void aSchemaAgainstItselfStaysWithinTheDefaultBudget() {
    SchemaEngine.Compiled a = compile(properties("string"));
    assertThat(SchemaDiff.compare(a, a, Compatibility.ContentModel.OPEN)).isEmpty();
    assertThat(SchemaDiffWalk.MAX_SCHEMAS).isGreaterThan(100_000);
  }
}
