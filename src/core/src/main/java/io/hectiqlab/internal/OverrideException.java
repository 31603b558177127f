package io.hectiqlab.internal;

/**
 * An override argument does not follow the grammar ({@code k=v}, {@code +k=v}, {@code ++k=v},
 * {@code ~k}, {@code ~k=v}); the message says why.
 */
public final class OverrideException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A syntax error described by {@code message}. */
  public OverrideException(String message) {
    super(message);
  }
}
