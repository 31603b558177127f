package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Where the conformance suite must be, and what its absence does locally and on CI. */
class ConformanceSuiteLocationTest {
  @TempDir Path dir;

  @Test
  void aMissingSuiteSkipsTheConformanceTestsWithTheReasonLocally() {
    Path missing = dir.resolve("shared/conformance/JSON-Schema-Test-Suite");
    assertThatThrownBy(() -> ConformanceTest.assumeSuite(missing, Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage(
            "ConformanceTest skipped: the JSON-Schema-Test-Suite is not at "
                + missing
                + " (clone github.com/json-schema-org/JSON-Schema-Test-Suite there, or point"
                + " -Dhectiqlab.conformance.dir at a clone)");
    assertThatThrownBy(() -> ConformanceTest.assumeSuite(missing, Map.of("CI", "false")))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void aMissingSuiteFailsUnderCi() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> ConformanceTest.assumeSuite(missing, Map.of("CI", "true")))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "ConformanceTest cannot run: the JSON-Schema-Test-Suite is not at "
                + missing
                + " (clone github.com/json-schema-org/JSON-Schema-Test-Suite there, or point"
                + " -Dhectiqlab.conformance.dir at a clone); CI=true, where it must run");
  }

  @Test
  void aPresentSuiteRunsLocallyAndOnCi() {
    assertThatCode(() -> ConformanceTest.assumeSuite(dir, Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> ConformanceTest.assumeSuite(dir, Map.of("CI", "true")))
        .doesNotThrowAnyException();
  }
}
