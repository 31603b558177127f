package io.hectiqlab.cli;

import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabException;
import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --lab} and {@code --api-key}, falling back to the environment and credentials file. */
final class LabOptions {
  @Option(
      names = "--lab",
      paramLabel = "URL",
      description =
          "The lab's URL (default: $"
              + Lab.URL_VARIABLE
              + ", else api_url in ~/.hectiqlab/credentials).")
  URI url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "The API key (default: $"
              + Lab.KEY_VARIABLE
              + ", else api_key in ~/.hectiqlab/credentials; prefer those: a command line is"
              + " visible to other users of the machine).")
  String apiKey;

  private Lab connected;

  /**
   * The lab these options name (connected once: a command that reads several {@code lab:} templates
   * shares one client and its cache); not configured is a usage error.
   */
  Lab connect() {
    if (connected == null) {
      connected = open();
    }
    return connected;
  }

  private Lab open() {
    try {
      return Lab.fromEnvironment(url, apiKey);
    } catch (IllegalArgumentException e) {
      throw Main.CliException.usage("--lab: " + e.getMessage());
    } catch (LabException.NotConfigured e) {
      String message = e.getMessage();
      String pass =
          message.startsWith("no lab configured: no URL and no API key")
              ? "; or pass --lab URL and --api-key KEY"
              : message.startsWith("no lab configured: no API key")
                  ? "; or pass --api-key KEY"
                  : message.startsWith("no lab configured: no URL") ? "; or pass --lab URL" : "";
      throw Main.CliException.usage(message + pass);
    }
  }
}
