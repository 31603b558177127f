package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical text of a number, which index equality and the diff's alignment compare. */
class CanonicalNumberTest {
  @Test
  void itIsWhatStripTrailingZerosWrites() {
    List<String> numbers =
        List.of(
            "0",
            "-0",
            "0.000",
            "0e5",
            "1",
            "1.0",
            "1e0",
            "10",
            "100",
            "-100",
            "0.1",
            "0.10",
            "1.5e-7",
            "123.4500",
            "-0.00012300",
            "1e400",
            "1" + "0".repeat(999),
            "9.99e-999",
            "12345678901234567890123456789000",
            "-7e+3");
    for (String n : numbers) {
      BigDecimal d = new BigDecimal(n);
      String expected = d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
      assertThat(RunValues.canonicalNumber(d)).as(n).isEqualTo(expected);
      assertThat(RunValues.canonicalNumber(n)).as(n).isEqualTo(expected);
    }
  }

  @Test
  void numericallyEqualNumbersShareItAndOthersDoNot() {
    assertThat(RunValues.canonicalNumber("1.0")).isEqualTo(RunValues.canonicalNumber("1"));
    assertThat(RunValues.canonicalNumber("100")).isEqualTo(RunValues.canonicalNumber("1e2"));
    assertThat(RunValues.canonicalNumber("0.0")).isEqualTo(RunValues.canonicalNumber("-0"));
    assertThat(RunValues.canonicalNumber("1.01")).isNotEqualTo(RunValues.canonicalNumber("1.1"));
    assertThat(RunValues.canonicalNumber("-1")).isNotEqualTo(RunValues.canonicalNumber("1"));
  }
}
