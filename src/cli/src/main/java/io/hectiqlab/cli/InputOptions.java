package io.hectiqlab.cli;

import io.hectiqlab.ConfigFormat;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.internal.Documents;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --input-format}: how to read standard input ({@code -}) and files whose name tells no
 * format. A file whose name tells one ({@code .json}, {@code .yaml}, {@code .yml}, {@code .toml},
 * any case) is always read that way.
 */
final class InputOptions {
  /** The names the option takes. */
  enum InputFormat {
    json(ConfigFormat.JSON),
    yaml(ConfigFormat.YAML),
    toml(ConfigFormat.TOML);

    final ConfigFormat format;

    InputFormat(ConfigFormat format) {
      this.format = format;
    }
  }

  @Option(
      names = "--input-format",
      paramLabel = "json|yaml|toml",
      description =
          "How to read standard input (-; default yaml, which also reads JSON) and files whose"
              + " name ends otherwise than in json, yaml, yml or toml.")
  InputFormat format;

  /** Where standard input comes from. */
  InputStream stdin = System.in;

  /** The sources of the inputs, in order. */
  List<ConfigSource> sources(List<Inputs.Input> inputs) {
    return inputs.stream().map(this::source).toList();
  }

  /**
   * The source of one input: standard input in the given format (default YAML), a file in the
   * format its name tells, else in the given one.
   *
   * @throws Main.CliException a usage error when a file's name tells no format and none is given
   */
  ConfigSource source(Inputs.Input input) {
    if (input.isStdin()) {
      return ConfigSource.stream(
          stdin, input.toString(), format == null ? ConfigFormat.YAML : format.format);
    }
    if (ConfigFormat.forFile(input.file()).isPresent()) {
      return ConfigSource.file(input.file());
    }
    if (format == null) {
      throw Main.CliException.usage(
          input.file()
              + ": "
              + Documents.Format.unknownProblem()
              + "; or say how to read it with --input-format json|yaml|toml");
    }
    return ConfigSource.file(input.file(), format.format);
  }
}
