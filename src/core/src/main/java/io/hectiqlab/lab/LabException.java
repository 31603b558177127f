package io.hectiqlab.lab;

/**
 * A call to the lab failed; the subtype says how. Messages name the method and path of the call
 * and, when the server answered, its status and {@code detail}; they never contain the API key.
 */
public class LabException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  LabException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the answer, or 0 when there was none. */
  public int status() {
    return status;
  }

  /**
   * No lab is configured, or its settings cannot be used: no URL or no API key found, a credentials
   * file that cannot be read or has a line that is not a setting, a URL that is not http(s). The
   * message says which, and where the setting was found (variable, or file and line).
   */
  public static final class NotConfigured extends LabException {
    private static final long serialVersionUID = 1L;

    NotConfigured(String message) {
      super(message, 0, null);
    }
  }

  /** The lab could not be reached (connection refused, unknown host, connection lost). */
  public static final class Unreachable extends LabException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, 0, cause);
    }
  }

  /** The lab did not answer in time. */
  public static final class Timeout extends LabException {
    private static final long serialVersionUID = 1L;

    Timeout(String message, Throwable cause) {
      super(message, 0, cause);
    }
  }

  /** 401: the API key is missing or not valid. */
  public static final class Unauthorized extends LabException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(message, 401, null);
    }
  }

  /** 403: the key is valid but may not do this. */
  public static final class Forbidden extends LabException {
    private static final long serialVersionUID = 1L;

    Forbidden(String message) {
      super(message, 403, null);
    }
  }

  /** 404: no such project, run or version (or not one this key may see). */
  public static final class NotFound extends LabException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, 404, null);
    }
  }

  /** 4xx other than 401, 403, 404: the lab refused the request as sent. */
  public static final class InvalidRequest extends LabException {
    private static final long serialVersionUID = 1L;

    InvalidRequest(String message, int status) {
      super(message, status, null);
    }
  }

  /**
   * 422 for a published schema: not valid against its meta-schema, or a ref names a version that
   * does not exist, a project the key may not read, or any other absolute URI.
   */
  public static final class InvalidSchema extends LabException {
    private static final long serialVersionUID = 1L;

    InvalidSchema(String message) {
      super(message, 422, null);
    }
  }

  /**
   * 422 for a pushed config: it does not validate against the template version it names; nothing
   * was stored. The message lists the violations (JSON Pointer paths and messages).
   */
  public static final class InvalidConfig extends LabException {
    private static final long serialVersionUID = 1L;

    InvalidConfig(String message) {
      super(message, 422, null);
    }
  }

  /**
   * 409 for a published version that breaks its template's compatibility mode; nothing was stored.
   */
  public static final class Incompatible extends LabException {
    private static final long serialVersionUID = 1L;
    private final String report;

    Incompatible(String message, String report) {
      super(message, 409, null);
      this.report = report;
    }

    /** The compatibility report as the lab's text: each change, its reason and witness. */
    public String report() {
      return report;
    }
  }

  /** 5xx, after the retries that were safe. */
  public static final class ServerError extends LabException {
    private static final long serialVersionUID = 1L;

    ServerError(String message, int status) {
      super(message, status, null);
    }
  }

  /** The lab answered with something that is not the expected JSON. */
  public static final class MalformedResponse extends LabException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String message, int status, Throwable cause) {
      super(message, status, cause);
    }
  }
}
