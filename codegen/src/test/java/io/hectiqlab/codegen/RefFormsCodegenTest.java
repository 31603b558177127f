package io.hectiqlab.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigTemplate;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A template whose properties reference other files in every relative form generates, compiles, and
 * its objects get the referenced files' defaults (in Java, and in {@code toConfig}/{@code
 * fromConfig}), with and without {@code $id}s.
 */
class RefFormsCodegenTest {
  static final String BASE = "https://example.com/schemas/";

  @TempDir Path work;

  private static final String OPTIMIZER_PROPERTIES =
      "\"type\": \"object\", \"properties\": {"
          + "\"name\": {\"type\": \"string\", \"default\": \"adam\"},"
          + "\"lr\": {\"type\": \"number\", \"default\": 0.001}}}";

  private void write(String path, String body, boolean withIds) throws Exception {
    Path file = work.resolve("schemas").resolve(path);
    Files.createDirectories(file.getParent());
    String id = withIds ? "\"$id\": \"" + BASE + path + "\", " : "";
    Files.writeString(file, "{" + id + body);
  }

  @ParameterizedTest(name = "ids: {0}")
  @ValueSource(booleans = {false, true})
  void everyRelativeRefFormGeneratesCompilesAndGetsDefaults(boolean withIds) throws Exception {
    write("optimizer.schema.json", OPTIMIZER_PROPERTIES, withIds);
    write(
        "defs.schema.json",
        "\"$defs\": {\"optimizer\": {\"title\": \"DefsOptimizer\", " + OPTIMIZER_PROPERTIES + "}}",
        withIds);
    write(
        "common.schema.json",
        "\"$defs\": {\"lr\": {\"type\": \"number\", \"default\": 0.001}}}",
        withIds);
    write(
        "parts/optimizer.schema.json",
        "\"title\": \"PartsOptimizer\", \"type\": \"object\", \"properties\": {"
            + "\"name\": {\"type\": \"string\", \"default\": \"adam\"},"
            + "\"lr\": {\"$ref\": \"../common.schema.json#/$defs/lr\"}}}",
        withIds);
    write("chain/first.schema.json", "\"$ref\": \"second.schema.json#/$defs/opt\"}", withIds);
    write(
        "chain/second.schema.json",
        "\"$defs\": {\"opt\": {\"$ref\": \"../optimizer.schema.json\"}}}",
        withIds);
    List<String> forms =
        List.of(
            "optimizer.schema.json",
            "./optimizer.schema.json",
            "optimizer.schema.json#",
            "defs.schema.json#/$defs/optimizer",
            "parts/optimizer.schema.json",
            "chain/first.schema.json");
    StringBuilder props = new StringBuilder();
    for (int i = 0; i < forms.size(); i++) {
      props
          .append(i == 0 ? "" : ", ")
          .append("\"opt")
          .append(i)
          .append("\": {\"$ref\": \"")
          .append(forms.get(i))
          .append("\", \"default\": {}}");
    }
    write("train.schema.json", "\"type\": \"object\", \"properties\": {" + props + "}}", withIds);

    try (URLClassLoader loader = build(work.resolve("schemas/train.schema.json"))) {
      Class<? extends ConfigTemplate> type =
          loader.loadClass("refs.Train").asSubclass(ConfigTemplate.class);
      ConfigTemplate fromConfig = ConfigTemplate.fromConfig(Config.of(), type);
      Config config = fromConfig.toConfig();
      for (int i = 0; i < forms.size(); i++) {
        assertThat(config.toMap().get("opt" + i))
            .as(forms.get(i))
            .isEqualTo(Map.of("name", "adam", "lr", 0.001));
      }
      for (int i = 0; i < forms.size(); i++) {
        Class<?> section = type.getMethod("getOpt" + i).getReturnType();
        Object fresh = section.getDeclaredConstructor().newInstance();
        assertThat(section.getMethod("getLr").invoke(fresh))
            .as("Java field default through " + forms.get(i))
            .isEqualTo(0.001);
      }
      assertThat(ConfigTemplate.help(type)).contains("\"lr\": \"[number] No description");
    }
  }

  @Test
  void absoluteIdRefsResolveToTheSourceFilesThatDeclareThem() throws Exception {
    write("optimizer.schema.json", OPTIMIZER_PROPERTIES, true);
    write(
        "defs.schema.json",
        "\"$defs\": {\"optimizer\": {\"title\": \"DefsOptimizer\", " + OPTIMIZER_PROPERTIES + "}}",
        true);
    write(
        "train.schema.json",
        "\"type\": \"object\", \"properties\": {"
            + "\"opt0\": {\"$ref\": \""
            + BASE
            + "optimizer.schema.json\", \"default\": {}},"
            + "\"opt1\": {\"$ref\": \""
            + BASE
            + "defs.schema.json#/$defs/optimizer\", \"default\": {}}}}",
        true);
    try (URLClassLoader loader = build(work.resolve("schemas/train.schema.json"))) {
      Class<? extends ConfigTemplate> type =
          loader.loadClass("refs.Train").asSubclass(ConfigTemplate.class);
      Config config = ConfigTemplate.fromConfig(Config.of(), type).toConfig();
      assertThat(config.toMap())
          .isEqualTo(
              Map.of(
                  "opt0", Map.of("name", "adam", "lr", 0.001),
                  "opt1", Map.of("name", "adam", "lr", 0.001)));
      Class<?> section = type.getMethod("getOpt1").getReturnType();
      Object fresh = section.getDeclaredConstructor().newInstance();
      assertThat(section.getMethod("getName").invoke(fresh)).isEqualTo("adam");
    }
  }

  @Test
  void remoteRefsAreRefusedWithoutFetching() throws Exception {
    write(
        "train.schema.json",
        "\"type\": \"object\", \"properties\": {"
            + "\"o\": {\"$ref\": \"https://elsewhere.example/o.schema.json\"}}}",
        false);
    assertThatThrownBy(
            () ->
                Codegen.generate(
                    work.resolve("schemas/train.schema.json"), "refs", work.resolve("g")))
        .isInstanceOf(Codegen.CodegenException.class)
        .hasMessageContaining(
            "$ref to https://elsewhere.example/o.schema.json is remote and was not loaded:"
                + " hectiqlab never fetches schemas over the network");
  }

  /** Generates and compiles one schema file; the loader also holds the schemas as resources. */
  private URLClassLoader build(Path schema) throws Exception {
    Path src = work.resolve("src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<Path> sources = Codegen.generate(schema, "refs", src);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-Xlint:all",
            "-Xlint:-serial",
            "-Werror",
            "-classpath",
            CorpusTest.jackson3OnlyClasspath(),
            "-d",
            classes.toString()));
    sources.forEach(p -> args.add(p.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = javac.run(null, out, out, args.toArray(new String[0]));
    assertThat(code).as("javac output:\n%s", out).isZero();
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL(), work.toUri().toURL()},
        RefFormsCodegenTest.class.getClassLoader());
  }
}
