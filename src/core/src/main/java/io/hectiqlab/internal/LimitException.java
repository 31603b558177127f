package io.hectiqlab.internal;

/** Validation stopped because a safety limit was reached (steps, depth, regex work). */
public final class LimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LimitException(String message) {
    super(message);
  }
}
