package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run covers validate and help, and each of its commands works. */
class TrainingTest {
  @TempDir Path dir;

  @Test
  void everyTrainingCommandSucceedsAndTheyCoverValidateAndHelp() throws Exception {
    List<String[]> commands = Training.commands(dir);
    List<String> invoked = new ArrayList<>();
    for (String[] command : commands) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Main.run(
              command,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String line = String.join(" ", command);
      boolean hasTypo = line.endsWith(dir.resolve("configs").toString());
      assertThat(code)
          .as(line + "\n" + err.toString(StandardCharsets.UTF_8))
          .isEqualTo(hasTypo ? 1 : 0);
      assertThat(out.size()).as(line).isPositive();
      invoked.add(command[0]);
    }
    assertThat(invoked).contains("validate", "help", "--help", "--version");
    try (var many = Files.list(dir.resolve("many"))) {
      assertThat(many.count()).isEqualTo(Training.FILES);
    }
  }

  @Test
  void theTrainingRunLeavesNoFilesBehind() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));

    Training.run(work);

    assertThat(work).doesNotExist();
  }
}
