package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {
  @Test
  void unreservedCharactersStayAndEveryOtherByteIsEncodedUpperCase() {
    assertThat(PercentEncoding.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
    assertThat(PercentEncoding.encode("a b+c/d?e&f=g#h%*"))
        .isEqualTo("a%20b%2Bc%2Fd%3Fe%26f%3Dg%23h%25%2A");
    assertThat(PercentEncoding.encode("é")).isEqualTo("%C3%A9");
    assertThat(PercentEncoding.encode("\uD83D\uDE80")).isEqualTo("%F0%9F%9A%80");
    assertThat(PercentEncoding.encode("")).isEmpty();
  }

  @Test
  void anEncodedSegmentDecodesBackToTheText() {
    String text = "run 1/é+\uD83D\uDE80?#%";
    URI uri = URI.create("http://h/" + PercentEncoding.encode(text));
    assertThat(uri.getPath()).isEqualTo("/" + text);
  }
}
