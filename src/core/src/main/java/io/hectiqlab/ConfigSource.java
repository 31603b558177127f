package io.hectiqlab;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a config document comes from and in which syntax to read it: a file (whose name tells the
 * syntax, see {@link ConfigFormat}, unless one is given), a stream such as standard input, or text.
 * Read by {@link Config#load(ConfigSource)}, {@link ConfigSchema#validate(ConfigSource)} and {@link
 * ConfigSchema#toConfig(ConfigSource)}, with the same limits (at most 16 MiB, enforced while
 * reading) and the same {@code origin:line:column} errors whatever the source.
 *
 * <p>Thread-safe. File and text sources are immutable; a stream source reads its stream to the end
 * on first use (once, whichever thread asks first), keeps the text, or the failure, for later uses,
 * and does not close the stream.
 */
public final class ConfigSource {
  private final Path file;
  private final InputStream stream;
  private final String origin;
  private final ConfigFormat format;
  private final String given;
  private String read; // the stream's text, once read (guarded by this)
  private DocumentException failure; // why the stream could not be read (guarded by this)

  private ConfigSource(
      Path file, InputStream stream, String text, String origin, ConfigFormat format) {
    this.file = file;
    this.stream = stream;
    this.given = text;
    this.origin = origin;
    this.format = format;
  }

  /**
   * A file whose name tells its syntax ({@code .json}, {@code .yaml}, {@code .yml}, {@code .toml},
   * any case); reading a file with another name fails naming the file and these extensions. The
   * file is read when the source is used: one that cannot be read (missing, a directory, too large)
   * is then a {@link ConfigException.Io}.
   *
   * @param file the file
   * @return the source; its origin is the path as given
   */
  public static ConfigSource file(Path file) {
    return new ConfigSource(
        Objects.requireNonNull(file, "file"), null, null, file.toString(), null);
  }

  /**
   * A file read in the given syntax, whatever its name.
   *
   * @param file the file
   * @param format its syntax
   * @return the source; its origin is the path as given
   */
  public static ConfigSource file(Path file, ConfigFormat format) {
    Objects.requireNonNull(format, "format");
    return new ConfigSource(
        Objects.requireNonNull(file, "file"), null, null, file.toString(), format);
  }

  /**
   * A stream, such as {@code System.in}, read to its end in the given syntax; more than 16 MiB is
   * refused while reading.
   *
   * @param in the stream (not closed)
   * @param origin the name errors give, such as {@code <stdin>}
   * @param format its syntax
   * @return the source
   */
  public static ConfigSource stream(InputStream in, String origin, ConfigFormat format) {
    return new ConfigSource(
        null,
        Objects.requireNonNull(in, "in"),
        null,
        Objects.requireNonNull(origin, "origin"),
        Objects.requireNonNull(format, "format"));
  }

  /**
   * Text in the given syntax.
   *
   * @param text the document
   * @param origin the name errors give, such as {@code <string>}
   * @param format its syntax
   * @return the source
   */
  public static ConfigSource text(String text, String origin, ConfigFormat format) {
    return new ConfigSource(
        null,
        null,
        Objects.requireNonNull(text, "text"),
        Objects.requireNonNull(origin, "origin"),
        Objects.requireNonNull(format, "format"));
  }

  /** Returns the name errors give for this source: the file as given, or the stated origin. */
  public String origin() {
    return origin;
  }

  /**
   * Reads and parses the document.
   *
   * @param requireObject whether the root must be an object
   * @throws DocumentException when it cannot be read or parsed
   */
  Documents.Parsed parse(boolean requireObject) {
    Documents.Format f;
    String content;
    if (file != null) {
      // A missing file says so first.
      content = Documents.read(Documents.Input.file(file, origin));
      f = format != null ? format.internal() : Documents.Format.of(file);
    } else {
      f = format.internal();
      content = given != null ? given : streamText();
    }
    return Documents.parse(
        Documents.Input.text(content, origin),
        f,
        requireObject ? Documents.Root.OBJECT : Documents.Root.ANY);
  }

  private synchronized String streamText() {
    if (failure != null) {
      throw failure;
    }
    if (read == null) {
      try {
        read = Documents.read(Documents.Input.stream(stream, origin));
      } catch (DocumentException e) {
        failure = e;
        throw e;
      }
    }
    return read;
  }

  @Override
  public String toString() {
    return "ConfigSource[" + origin + (format == null ? "" : ", " + format) + "]";
  }
}
