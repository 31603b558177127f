package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile inputs end in a bounded, clear result: never a hang, a StackOverflowError or an
 * OutOfMemoryError. The timeouts are a safety net against hangs, not performance assertions.
 */
@Timeout(60)
class ValidationLimitsTest {

  @Test
  void catastrophicBacktrackingPatternStopsWithAClearViolation() {
    ConfigSchema s =
        ConfigSchema.fromText("{\"properties\": {\"name\": {\"pattern\": \"^(.*a){12}$\"}}}");
    ValidationResult r = s.validate(Map.of("name", "a".repeat(32) + "b"));
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations().get(0).message())
        .contains("pattern '^(.*a){12}$' takes too long on a string of 33 characters");
  }

  @Test
  void deeplyRecursivePatternOnALongStringDoesNotOverflow() {
    ConfigSchema s =
        ConfigSchema.fromText("{\"properties\": {\"s\": {\"pattern\": \"^(a|b)*$\"}}}");
    ValidationResult r = s.validate(Map.of("s", "ab".repeat(50_000)));
    assertThat(r.isValid()).isFalse();
    assertThat(r.violations().get(0).message()).contains("validation stopped");
    assertThat(s.validate(Map.of("s", "abab")).isValid()).isTrue();
  }

  @Test
  void veryLongStringsValidateAgainstSimplePatterns() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"s\": {\"pattern\": \"^[a-z]+$\", \"maxLength\": 10}}}");
    ValidationResult r = s.validate(Map.of("s", "a".repeat(200_000)));
    assertThat(r.violations()).extracting(Violation::keyword).containsExactly("maxLength");
  }

  @Test
  void recursiveSchemaWithDeepInstanceStopsAtTheDepthLimit() {
    ConfigSchema tree =
        ConfigSchema.fromText(
            "{\"type\": \"object\", \"properties\": {\"child\": {\"$ref\": \"#\"}, \"v\": {\"type\": \"integer\"}}}");
    Map<String, Object> doc = Map.of("v", 1);
    for (int i = 0; i < 150; i++) {
      doc = Map.of("child", doc);
    }
    assertThat(tree.validate(doc).isValid()).isTrue();
    Map<String, Object> bad = Map.of("v", "x");
    for (int i = 0; i < 150; i++) {
      bad = Map.of("child", bad);
    }
    ValidationResult r = tree.validate(bad);
    assertThat(r.violations())
        .singleElement()
        .satisfies(v -> assertThat(v.instancePath()).endsWith("/child/v"));
  }

  @Test
  void recursiveAnyOfOnSmallInputIsBounded() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"$defs\": {\"n\": {\"anyOf\": ["
                + "{\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/n\"}},"
                + "{\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/n\"}},"
                + "{\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/n\"}}]}},"
                + " \"properties\": {\"x\": {\"$ref\": \"#/$defs/n\"}}}");
    Object x = List.of("leaf");
    for (int i = 0; i < 20; i++) {
      x = List.of(x);
    }
    long start = System.nanoTime();
    ValidationResult r = s.validate(Map.of("x", x));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(r.isValid()).isFalse();
    assertThat(r.truncated()).isTrue();
    assertThat(r.violations()).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void explodingErrorCountIsCapped() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}");
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      doc.put("k" + i, "not a number");
    }
    ValidationResult r = s.validate(doc);
    assertThat(r.violations()).hasSize(100);
    assertThat(r.truncated()).isTrue();
    assertThat(r.toString()).endsWith("<map>: more violations not shown");
  }

  @Test
  void largeValidDocumentsStillValidate() {
    ConfigSchema s =
        ConfigSchema.fromText(
            "{\"properties\": {\"xs\": {\"items\": {\"type\": \"integer\", \"minimum\": 0}}}}");
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      xs.add(i);
    }
    assertThat(s.validate(Map.of("xs", xs)).isValid()).isTrue();
  }
}
