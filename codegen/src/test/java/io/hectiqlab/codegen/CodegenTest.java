package io.hectiqlab.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenTest {
  @TempDir Path dir;

  private Path schema(String name, String json) throws Exception {
    Path file = dir.resolve("schemas").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  @Test
  void rootClassIsATemplateLinkedToItsSchemaAndNestedClassesArePlainBeans() throws Exception {
    schema(
        "run.schema.json",
        "{\"type\": \"object\", \"properties\": {\"opt\": {\"type\": \"object\", \"properties\":"
            + " {\"lr\": {\"type\": \"number\", \"default\": 0.1, \"description\": \"Learning"
            + " rate\"}}}}}");
    List<Path> files = Codegen.generate(dir.resolve("schemas"), "p", dir.resolve("out"));
    String run = Files.readString(dir.resolve("out/p/Run.java"));
    String opt = Files.readString(dir.resolve("out/p/Opt.java"));
    assertThat(files).hasSize(2);
    assertThat(run)
        .contains("extends ConfigTemplate")
        .contains("@TemplateSchema(\"schemas/run.schema.json\")")
        .contains("public static String help()");
    assertThat(opt)
        .doesNotContain("ConfigTemplate")
        .contains("private Double lr = 0.1D;")
        .contains("Learning rate");
  }

  @Test
  void untypedAlternativesBecomeObjectFieldsThatSaySoInTheirJavadoc() throws Exception {
    schema(
        "c.schema.json",
        "{\"type\": \"object\", \"properties\": {\"v\": {\"oneOf\": [{\"type\": \"string\"},"
            + " {\"type\": \"array\", \"items\": {\"type\": \"string\"}}]}}}");
    Codegen.generate(dir.resolve("schemas"), "p", dir.resolve("out"));
    String c = Files.readString(dir.resolve("out/p/C.java"));
    assertThat(c).contains("private Object v;").contains("jsonschema2pojo cannot type");
  }

  @Test
  void uniqueItemsUseJackson3Annotations() throws Exception {
    schema(
        "s.schema.json",
        "{\"type\": \"object\", \"properties\": {\"tags\": {\"type\": \"array\", \"uniqueItems\":"
            + " true, \"items\": {\"type\": \"string\"}}}}");
    Codegen.generate(dir.resolve("schemas"), "p", dir.resolve("out"));
    String s = Files.readString(dir.resolve("out/p/S.java"));
    assertThat(s)
        .contains("tools.jackson.databind.annotation.JsonDeserialize")
        .doesNotContain("com.fasterxml.jackson.databind");
  }

  @Test
  void missingSourceIsAClearError() {
    assertThatThrownBy(() -> Codegen.generate(dir.resolve("nope"), "p", dir.resolve("out")))
        .isInstanceOf(Codegen.CodegenException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("no such file");
  }

  @Test
  void malformedSchemaIsAClearErrorNamingTheSource() throws Exception {
    Path bad = schema("bad.schema.json", "{\"type\": \"object\", \"properties\": {");
    assertThatThrownBy(() -> Codegen.generate(bad, "p", dir.resolve("out")))
        .isInstanceOf(Codegen.CodegenException.class)
        .hasMessageContaining("bad.schema.json");
  }

  @Test
  void unresolvableRefIsAClearError() throws Exception {
    Path file =
        schema(
            "r.schema.json",
            "{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"missing.json\"}}}");
    assertThatThrownBy(() -> Codegen.generate(file, "p", dir.resolve("out")))
        .isInstanceOf(Codegen.CodegenException.class)
        .hasMessageContaining("r.schema.json")
        .hasMessageContaining("missing.json");
  }
}
