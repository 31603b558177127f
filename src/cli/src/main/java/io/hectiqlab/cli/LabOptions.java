package io.hectiqlab.cli;

import io.hectiqlab.ConfigException;
import io.hectiqlab.Lab;
import io.hectiqlab.internal.LabCredentials;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --lab} and {@code --api-key}, falling back to the environment and credentials file. */
final class LabOptions {
  @Option(
      names = "--lab",
      paramLabel = "URL",
      description =
          "The lab's URL (default: $"
              + LabCredentials.URL_VARIABLE
              + ", else api_url in ~/.hectiqlab/credentials).")
  URI url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "The API key (default: $"
              + LabCredentials.KEY_VARIABLE
              + ", else api_key in ~/.hectiqlab/credentials; prefer those: a command line is"
              + " visible to other users of the machine).")
  String apiKey;

  /**
   * Connects to the lab these options, the environment or the credentials file name; a missing,
   * unreadable or malformed setting is a usage error naming where it came from.
   */
  Lab connect() {
    LabCredentials found;
    try {
      found =
          LabCredentials.find(
              url == null ? null : new LabCredentials.Setting(url.toString(), "--lab"),
              apiKey == null ? null : new LabCredentials.Setting(apiKey, "--api-key"),
              System.getenv(),
              Path.of(System.getProperty("user.home")));
    } catch (ConfigException e) {
      throw Main.CliException.usage(e.getMessage());
    }
    String missing = found.missing("--lab URL", "--api-key KEY");
    if (missing != null) {
      throw Main.CliException.usage(missing);
    }
    try {
      return Lab.connect(URI.create(found.url().value()), found.key().value());
    } catch (IllegalArgumentException e) {
      throw Main.CliException.usage(found.url().origin() + ": " + e.getMessage());
    }
  }
}
