package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DocumentNumbersTest {

  private static JsonNode number(String text) {
    return Documents.parse(
            Documents.Input.text("{\"n\": " + text + "}", "<test>"),
            Documents.Format.JSON,
            Documents.Root.OBJECT)
        .root()
        .get("n");
  }

  @Test
  void shortDecimalsBecomeDoublesThatHoldTheirExactDecimalValue() {
    Random random = new Random(42);
    for (int k = 0; k < 20_000; k++) {
      int digits = 1 + random.nextInt(15);
      StringBuilder mantissa = new StringBuilder();
      mantissa.append((char) ('1' + random.nextInt(9)));
      for (int d = 1; d < digits; d++) {
        mantissa.append((char) ('0' + random.nextInt(10)));
      }
      int point = random.nextInt(digits + 1);
      String text =
          (random.nextBoolean() ? "-" : "")
              + (point == 0 ? "0" : mantissa.substring(0, point))
              + "."
              + (point == digits ? "0" : mantissa.substring(point))
              + "e"
              + (random.nextInt(560) - 280);

      JsonNode node = number(text);

      assertThat(node.isDouble()).as(text).isTrue();
      BigDecimal exact = new BigDecimal(node.doubleValue()).round(new MathContext(15));
      assertThat(exact.compareTo(new BigDecimal(text))).as(text).isZero();
    }
  }

  @Test
  void decimalsADoubleCannotHoldStayExact() {
    for (String text :
        new String[] {
          "0.1000000000000000000000001", "1234567890.1234567", "1e-320", "4.9e-324", "1e400", "0.0"
        }) {
      JsonNode node = number(text);
      if (node.isDouble()) {
        // only when the double is exactly that decimal
        assertThat(
                new BigDecimal(Double.toString(node.doubleValue())).compareTo(new BigDecimal(text)))
            .as(text)
            .isZero();
      } else {
        assertThat(node.decimalValue().compareTo(new BigDecimal(text))).as(text).isZero();
      }
    }
  }

  @Test
  void fastPathRecognizesOnlyWellFormedShortDecimals() {
    assertThat(Documents.Reader.fitsDouble("0.1")).isTrue();
    assertThat(Documents.Reader.fitsDouble("-123.456e-7")).isTrue();
    assertThat(Documents.Reader.fitsDouble("123456789012345.0")).isTrue();
    assertThat(Documents.Reader.fitsDouble("1234567890123456.0")).isFalse();
    assertThat(Documents.Reader.fitsDouble("1.50000000000000000000")).isTrue();
    assertThat(Documents.Reader.fitsDouble("1.50000000000000000001")).isFalse();
    // A zero is exactly a double, so -0.0 keeps its sign.
    assertThat(Documents.Reader.fitsDouble("0.0")).isTrue();
    assertThat(Documents.Reader.fitsDouble("-0.0")).isTrue();
    assertThat(Documents.Reader.fitsDouble("1e00005")).isTrue();
    assertThat(Documents.Reader.fitsDouble("1e301")).isFalse();
    assertThat(Documents.Reader.fitsDouble("1e-301")).isFalse();
    assertThat(Documents.Reader.fitsDouble("1e99999")).isFalse();
    assertThat(Documents.Reader.fitsDouble("1.2.3")).isFalse();
  }
}
