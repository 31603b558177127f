package io.hectiqlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The template and layers the layered-config tests compose: {@code service.schema.json} (a server,
 * a database with a {@code writeOnly} password and an {@code x-secret} token, workers), {@code
 * base.yaml} and {@code exp.yaml} on top of it.
 */
final class LayerFixtures {
  private LayerFixtures() {}

  static final String TEMPLATE = "service.schema.json";

  /** The prefix of the environment variables the tests set (Cli removes inherited ones). */
  static final String ENV_PREFIX = "APP_";

  /** The database password base.yaml holds: never printed unless asked. */
  static final String BASE_PASSWORD = "base-pw-7f3a";

  /** base.yaml: server.port is at 3:9. */
  static final String BASE =
      "name: shop\n"
          + "server:\n"
          + "  port: 8000\n"
          + "database:\n"
          + "  url: jdbc:postgresql://db/shop\n"
          + "  password: "
          + BASE_PASSWORD
          + "\n";

  /** exp.yaml: server.port is at 2:9, workers at 3:10. */
  static final String EXP = "server:\n  port: 8001\nworkers: 4\n";

  /** Writes the template, base.yaml and exp.yaml into {@code dir}. */
  static void write(Path dir) {
    try {
      try (InputStream in = LayerFixtures.class.getResourceAsStream("/layers/" + TEMPLATE)) {
        Files.copy(in, dir.resolve(TEMPLATE));
      }
      Files.writeString(dir.resolve("base.yaml"), BASE);
      Files.writeString(dir.resolve("exp.yaml"), EXP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
