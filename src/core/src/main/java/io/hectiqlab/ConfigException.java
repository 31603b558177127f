package io.hectiqlab;

import io.hectiqlab.internal.Printable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of hectiqlab; its nested subtypes say what went wrong.
 *
 * <p>Messages read {@code origin: path: problem} where an origin (a file, often with {@code
 * :line:column}, printed as {@link Location} prints it) or a path ({@code (root)} for the document
 * root) is known. Instances are immutable and safe to share between threads.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message the full message, {@code origin: path: problem}
   */
  public ConfigException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given message and cause.
   *
   * @param message the full message, {@code origin: path: problem}
   * @param cause the underlying failure, kept for debugging
   */
  public ConfigException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * A change was attempted on a locked {@link Config}, directly or through a view it handed out.
   */
  public static final class Locked extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the dotted path of the attempted change, {@code ""} for the root
     */
    public Locked(String path) {
      super(Location.path(path) + ": config is locked; call unlock() to change it");
      this.path = path;
    }

    /** Returns the dotted path of the refused change, {@code ""} for the root. */
    public String path() {
      return path;
    }
  }

  /** A value was read with a typed getter but holds another type, or does not fit the type. */
  public static final class WrongType extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the dotted path that was read
     * @param expected the requested type, for example {@code "int"}
     * @param actual what was found, for example {@code "string \"abc\""}
     */
    public WrongType(String path, String expected, String actual) {
      super(path + ": expected " + expected + " but found " + actual);
      this.path = path;
    }

    /** Returns the dotted path that was read. */
    public String path() {
      return path;
    }
  }

  /**
   * A key or path is not allowed: a reserved key ({@code _lock}, {@code _state}), an empty path
   * segment, a non-string map key, or a path that runs through a value that is not a Config.
   */
  public static final class BadPath extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message
     */
    public BadPath(String message) {
      super(message);
    }
  }

  /**
   * A value cannot be stored or written: it is not JSON-encodable (when writing JSON), it is a
   * non-finite number, it would make a Config contain itself, or it nests too deeply.
   */
  public static final class BadValue extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message
     */
    public BadValue(String message) {
      super(message);
    }
  }

  /**
   * A document could not be read: malformed JSON or YAML, an empty file, a root that is not an
   * object, a duplicate key, unsupported YAML (anchors, aliases, merge keys, tags, several
   * documents), a document too deep, a number out of range, bytes that are not UTF-8, a file name
   * that tells no syntax, or a stream (such as standard input) that is too large or cannot be read.
   * A file that cannot be read is an {@link Io}.
   */
  public static final class Parse extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final String origin;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param origin the file or {@code <string>} that was read
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param column the 1-based column of the problem, or 0 when unknown
     * @param problem what is wrong
     * @param cause the underlying failure, or null
     */
    public Parse(String origin, int line, int column, String problem, @Nullable Throwable cause) {
      super(new Location(origin, line, column) + ": " + problem, cause);
      this.origin = origin;
      this.line = line;
      this.column = column;
      this.problem = problem;
    }

    /** Returns what is wrong, without the location the message starts with. */
    public String problem() {
      return problem;
    }

    /** Returns the file or {@code <string>} that was read. */
    public String origin() {
      return origin;
    }

    /** Returns the 1-based line of the problem, or 0 when unknown. */
    public int line() {
      return line;
    }

    /** Returns the 1-based column of the problem, or 0 when unknown. */
    public int column() {
      return column;
    }

    /** Returns where the problem is: {@code origin:line:column}, as the message starts. */
    public Location location() {
      return new Location(origin, line, column);
    }
  }

  /**
   * A file or directory could not be read or written: it is missing, a directory where a file was
   * expected (or the reverse), unreadable, too large, not a regular file, or the disk refused the
   * write. Every entry point that reads or writes a path ({@link Config#load}, {@link Config#save},
   * {@link ConfigSchema#load}, {@link ConfigSchema#validate(java.nio.file.Path)}, {@link
   * ConfigSchema#toConfig(java.nio.file.Path)}, {@link ConfigSource#file}, {@link
   * SchemaDirectory#open} and {@link SchemaDirectory#get}) reports such a failure with this type,
   * never as a {@link Parse} or {@link BadSchema}. The message reads {@code path: reason}: {@code
   * configs/train.yaml: no such file}. A file reached through a schema's {@code $ref} is part of
   * that schema: its failures are {@link BadSchema}s.
   */
  public static final class Io extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param path the file or directory, as given
     * @param reason what went wrong, for example {@code no such file} or {@code cannot read file:
     *     permission denied}
     * @param cause the underlying failure, or null
     */
    public Io(Path path, String reason, @Nullable Throwable cause) {
      super(path + ": " + reason, cause);
      this.path = path.toString();
      this.reason = reason;
    }

    /** Returns the file or directory that could not be read or written, as given. */
    public Path path() {
      return Path.of(path);
    }

    /** Returns what went wrong, without the path. */
    public String reason() {
      return reason;
    }
  }

  /**
   * A schema could not be loaded or compiled: invalid JSON, an invalid schema, an unknown {@code
   * $schema}, an unresolvable or forbidden {@code $ref}, or an invalid regular expression.
   */
  public static final class BadSchema extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message
     * @param cause the underlying failure, or null
     */
    public BadSchema(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** A document does not satisfy its template; {@link #result()} lists every violation. */
  public static final class Invalid extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationResult result;

    /**
     * Creates the exception.
     *
     * @param result the failed validation, with at least one violation
     */
    public Invalid(ValidationResult result) {
      super(message(Objects.requireNonNull(result, "result")));
      this.result = result;
    }

    /** Returns the failed validation. */
    public ValidationResult result() {
      return result;
    }

    /** Returns the violations, in document order. */
    public List<Violation> violations() {
      return result.violations();
    }

    private static String message(ValidationResult result) {
      int n = result.violations().size();
      return Printable.escape(result.origin())
          + ": "
          + n
          + (n == 1 ? " violation" : " violations")
          + (result.truncated() ? " (more not shown)" : "")
          + "\n"
          + result;
    }
  }
}
