package io.hectiqlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The template and configs the report format tests validate: one valid file, two invalid ones and
 * two that cannot be parsed, named so that their sorted order is the order below.
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static final String TEMPLATE = "training.schema.json";

  /** A key with every character the CI formats must escape: {@code % : ,} CR LF. */
  static final String AWKWARD_KEY = "a%b:c,d\r\ne";

  /** Writes {@code training.schema.json} and {@code configs/} into {@code dir}. */
  static void write(Path dir) {
    try {
      try (InputStream in = ReportFixtures.class.getResourceAsStream("/reports/" + TEMPLATE)) {
        Files.copy(in, dir.resolve(TEMPLATE));
      }
      Path configs = Files.createDirectories(dir.resolve("configs"));
      Files.writeString(configs.resolve("a.yaml"), "name: ok\nlr: 0.5\n");
      Files.writeString(configs.resolve("b,x.json"), "{\"name\": \"x\", \"a%b:c,d\\r\\ne\": 1}\n");
      Files.writeString(configs.resolve("bad.yaml"), "name: [\n");
      Files.writeString(configs.resolve("e.json"), "");
      Files.writeString(configs.resolve("lr.yaml"), "lr: 5\noptimizer:\n  kind: adam\n  beta: 3\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A config with more violations than validation reports: its result is truncated. */
  static Path writeTruncated(Path dir) throws IOException {
    StringBuilder steps = new StringBuilder("name: many\nsteps:\n");
    for (int i = 0; i < 150; i++) {
      steps.append("  - s").append(i).append('\n');
    }
    return Files.writeString(dir.resolve("many.yaml"), steps);
  }
}
