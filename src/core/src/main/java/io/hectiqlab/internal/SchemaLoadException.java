package io.hectiqlab.internal;

/** A schema, or a schema it refers to, could not be loaded; the message says which and why. */
public final class SchemaLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SchemaLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
