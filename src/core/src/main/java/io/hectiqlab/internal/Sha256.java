package io.hectiqlab.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex: the one digest of the project (API keys stored by their hash, keyed
 * push bodies, template texts and their ETags on the lab, the client's template cache), so that
 * both ends of the wire compute a template's hash by one rule.
 */
public final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of bytes, lowercase hex. */
  public static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The SHA-256 of a text's UTF-8 bytes, lowercase hex. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
