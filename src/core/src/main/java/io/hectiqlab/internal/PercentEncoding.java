package io.hectiqlab.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a URL path segment or query value (RFC 3986): the UTF-8 bytes of every
 * character other than the unreserved ASCII letters, digits and {@code -._~} as {@code %XX}, hex
 * upper case. The one rule of the project for the client's request paths, the lab's page links and
 * the CLI's SARIF file URIs. Stateless and thread-safe.
 */
public final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** Appends {@code s}, percent-encoded, to {@code out}. */
  public static void encode(String s, StringBuilder out) {
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
  }

  /** Returns {@code s}, percent-encoded. */
  public static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    encode(s, out);
    return out.toString();
  }
}
