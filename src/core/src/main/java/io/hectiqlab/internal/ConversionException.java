package io.hectiqlab.internal;

/**
 * A string could not be converted to the type the schema declares at a path; the message says what
 * was expected and what was found ({@code must be integer, found "08"}), never a secret's text.
 */
public final class ConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A conversion failure described by {@code message}. */
  public ConversionException(String message) {
    super(message);
  }
}
