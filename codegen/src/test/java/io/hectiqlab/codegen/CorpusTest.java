package io.hectiqlab.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigTemplate;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world schemas nobody here wrote: each generates, compiles against core with Jackson 3 only,
 * and its sample document round-trips document -> Config -> object -> Config -> JSON -> Config ->
 * object.
 */
class CorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/corpus");

  @TempDir Path work;

  static Stream<String> schemas() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static String packageOf(String name) {
    return "corpus." + name.replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** Generates and compiles one corpus schema; returns a loader for its classes and schemas. */
  static URLClassLoader build(String name, Path work) throws IOException {
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<Path> sources =
        Codegen.generate(CORPUS.resolve(name).resolve("schema.json"), packageOf(name), src);
    assertThat(sources).as("generated sources").isNotEmpty();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-Xlint:all",
            "-Xlint:-serial",
            "-Werror",
            "-classpath",
            jackson3OnlyClasspath(),
            "-d",
            classes.toString()));
    sources.forEach(p -> args.add(p.toString()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code = javac.run(null, out, out, args.toArray(new String[0]));
    assertThat(code).as("javac output:\n%s", out).isZero();
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL(), CORPUS.toUri().toURL()},
        CorpusTest.class.getClassLoader());
  }

  /**
   * The test classpath without jsonschema2pojo and the Jackson 2 it brings (jackson-annotations,
   * which Jackson 3 shares, stays): generated code must compile with Jackson 3 alone.
   */
  static String jackson3OnlyClasspath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      boolean jackson2 =
          e.contains("/com/fasterxml/jackson/") && !e.contains("/jackson-annotations/");
      if (!jackson2 && !e.contains("jsonschema2pojo") && !e.contains("codemodel")) {
        kept.add(entry);
      }
    }
    assertThat(String.join(" ", kept))
        .contains("tools/jackson")
        .doesNotContain("jackson-databind-2");
    return String.join(java.io.File.pathSeparator, kept);
  }

  @ParameterizedTest
  @MethodSource("schemas")
  void generatesCompilesAndRoundTripsItsSample(String name) throws Exception {
    try (URLClassLoader loader = build(name, work)) {
      Class<? extends ConfigTemplate> type =
          loader.loadClass(packageOf(name) + ".Schema").asSubclass(ConfigTemplate.class);
      String sample = Files.readString(CORPUS.resolve(name).resolve("sample.json"));

      ConfigSchema schema = ConfigTemplate.schemaOf(type);
      assertThat(schema.validateText(sample).isValid()).as("sample valid").isTrue();
      assertThat((String) type.getMethod("help").invoke(null)).isEqualTo(schema.help());

      Config expected = withoutNulls(schema.toConfigText(sample));
      ConfigTemplate object = ConfigTemplate.fromConfig(Config.fromJson(sample), type);
      assertThat(object.validate().isValid()).isTrue();

      Config config = object.toConfig();
      assertThat(withoutNulls(config))
          .as("differences: %s", diff("", expected.toMap(), config.toMap()))
          .isEqualTo(expected);

      Config reread = Config.fromJson(config.toJson());
      ConfigTemplate again = ConfigTemplate.fromConfig(reread, type);
      assertThat(again).isEqualTo(object);
      assertThat(again.hashCode()).isEqualTo(object.hashCode());
      assertThat(withoutNulls(again.toConfig())).isEqualTo(expected);
    }
  }

  /** Paths where two plain trees differ, for failure messages. */
  static List<String> diff(String path, Object a, Object b) {
    List<String> out = new ArrayList<>();
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      java.util.Set<Object> keys = new java.util.LinkedHashSet<>(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object k : keys) {
        out.addAll(diff(path + "/" + k, ma.get(k), mb.get(k)));
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        out.addAll(diff(path + "/" + i, la.get(i), lb.get(i)));
      }
    } else if (!Config.fromMap(Map.of("v", a == null ? "<absent>" : a))
        .equals(Config.fromMap(Map.of("v", b == null ? "<absent>" : b)))) {
      out.add(path + ": " + a + " vs " + b);
    }
    return out;
  }

  /**
   * A generated field cannot tell an explicit null from an absent value (both are null), and null
   * fields are left out of the JSON: explicit nulls come back absent.
   */
  static Config withoutNulls(Config config) {
    return Config.fromMap(strip(config.toMap()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> strip(Map<String, Object> map) {
    map.values().removeIf(v -> v == null);
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m) {
        strip((Map<String, Object>) m);
      } else if (e.getValue() instanceof List<?> l) {
        for (Object item : l) {
          if (item instanceof Map<?, ?> m) {
            strip((Map<String, Object>) m);
          }
        }
      }
    }
    return map;
  }
}
