package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The XML escaping of the JUnit report, for characters no config or file name here can carry to the
 * jar (a lone surrogate is refused by the parsers before it reaches a message).
 */
class XmlEscapingTest {
  @Test
  void loneSurrogatesAndNoncharactersBecomeTheReplacementCharacter() {
    assertThat(JUnitReport.text("a\ud800b\udc00c\ufffe\uffff"))
        .isEqualTo("a\ufffdb\ufffdc\ufffd\ufffd");
    assertThat(JUnitReport.attribute("\udbff")).isEqualTo("\ufffd");
  }

  @Test
  void surrogatePairsAndTheLastAllowedCharactersStay() {
    assertThat(JUnitReport.text("\ud83d\ude00 \ufffd \ud7ff \ue000"))
        .isEqualTo("\ud83d\ude00 \ufffd \ud7ff \ue000");
  }

  @Test
  void c0ControlsOtherThanTabLineFeedAndCarriageReturnAreReplaced() {
    assertThat(JUnitReport.text("a\u0000b\u0001c\u001fd\u007fe"))
        .isEqualTo("a\ufffdb\ufffdc\ufffdd\u007fe");
  }

  @Test
  void whiteSpaceSurvivesAttributeNormalisationAndCarriageReturnsLineEndNormalisation() {
    assertThat(JUnitReport.attribute("a\tb\nc\rd")).isEqualTo("a&#9;b&#10;c&#13;d");
    assertThat(JUnitReport.text("a\tb\nc\rd")).isEqualTo("a\tb\nc&#13;d");
  }

  @Test
  void markupIsEscapedSoThatNoTagOrCdataEndCanBeForged() {
    assertThat(JUnitReport.attribute("<a href=\"x\">&]]>'"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;]]&gt;'");
    assertThat(JUnitReport.text("\"]]>")).isEqualTo("\"]]&gt;");
  }
}
