package io.hectiqlab.codegen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the output directory of {@link Codegen#generate} may be. */
class CodegenOutputTest {
  @TempDir Path dir;

  @Test
  void anOutputThatIsAFileIsAClearError() throws Exception {
    Path schema = Files.writeString(dir.resolve("a.schema.json"), "{\"type\": \"object\"}");
    Path file = Files.writeString(dir.resolve("out"), "");
    assertThatThrownBy(() -> Codegen.generate(schema, "p", file))
        .isInstanceOf(Codegen.CodegenException.class)
        .hasMessage(file + ": not a directory");
  }
}
