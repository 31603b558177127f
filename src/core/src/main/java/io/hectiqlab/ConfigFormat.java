package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The syntaxes a config document can be written in.
 *
 * <p>One rule, used everywhere a file is read or written ({@link Config#load}, {@link Config#save},
 * {@link ConfigSchema#validate(Path)}, {@link ConfigSchema#toConfig(Path)}, the command), tells a
 * file's syntax from its name, ignoring case: {@code .json} is JSON, {@code .yaml} and {@code .yml}
 * are YAML, {@code .toml} is TOML. Any other name is refused naming the file and these extensions,
 * unless the syntax is given with {@link ConfigSource#file(Path, ConfigFormat)}.
 */
public enum ConfigFormat {
  /** JSON (RFC 8259). */
  JSON,
  /** YAML 1.2 (a JSON document is also YAML). */
  YAML,
  /**
   * TOML 1.0. Dates and times become RFC 3339 strings: an offset date-time such as {@code
   * 1979-05-27T07:32:00Z} or {@code 1979-05-27T00:32:00.999999-07:00}, a local date-time {@code
   * 1979-05-27T07:32:00}, a local date {@code 1979-05-27}, a local time {@code 07:32:00}.
   */
  TOML;

  /**
   * Returns the syntax a file's name tells, by the rule above: the one public way to ask it
   * (reading and saving a file apply the same rule).
   *
   * @param file a file name or path
   * @return the syntax, or empty when the name tells none (such as {@code notes.txt})
   */
  public static Optional<ConfigFormat> forFile(Path file) {
    Documents.Format f = Documents.Format.byName(file);
    return f == null ? Optional.empty() : Optional.of(of(f));
  }

  static ConfigFormat of(Documents.Format f) {
    return valueOf(f.name());
  }

  Documents.Format internal() {
    return Documents.Format.valueOf(name());
  }
}
