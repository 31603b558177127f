package io.hectiqlab.server;

/** A store operation that could not be carried out; subtypes say why. */
class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What the operation refers to does not exist. */
  static final class NotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null);
    }
  }

  /** What the operation would create exists already. */
  static final class Conflict extends StoreException {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message, null);
    }
  }

  /** The database failed or could not be reached. */
  static final class Unavailable extends StoreException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An idempotency key repeated with a different body. */
  static final class KeyReused extends StoreException {
    private static final long serialVersionUID = 1L;

    KeyReused(String message) {
      super(message, null);
    }
  }

  /**
   * A template's latest version moved while a publish checked compatibility against the one before:
   * check again against {@link #latest}.
   */
  static final class Raced extends StoreException {
    private static final long serialVersionUID = 1L;
    final int latest;

    Raced(String message, int latest) {
      super(message, null);
      this.latest = latest;
    }
  }
}
