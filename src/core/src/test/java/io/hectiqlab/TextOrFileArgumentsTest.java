package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No overload traps in the public API: a String that means document or schema text is asked for by
 * a method named for it, never by an overload beside one taking a Path, and no public method takes
 * a bare boolean.
 */
class TextOrFileArgumentsTest {
  @TempDir Path dir;

  /** The public types of packages io.hectiqlab and io.hectiqlab.lab. */
  static final List<Class<?>> CORE_TYPES =
      List.of(
          Config.class,
          ConfigSchema.class,
          ConfigSource.class,
          ConfigTemplate.class,
          SchemaDirectory.class,
          ValidationResult.class,
          Violation.class,
          Location.class,
          ConfigFormat.class,
          TemplateField.class,
          ConfigException.class,
          ConfigException.Locked.class,
          ConfigException.WrongType.class,
          ConfigException.BadPath.class,
          ConfigException.BadValue.class,
          ConfigException.Parse.class,
          ConfigException.Io.class,
          ConfigException.BadSchema.class,
          ConfigException.Invalid.class,
          io.hectiqlab.lab.Lab.class,
          io.hectiqlab.lab.Lab.Builder.class,
          io.hectiqlab.lab.Run.class,
          io.hectiqlab.lab.LabAdmin.class,
          io.hectiqlab.lab.DownloadedConfig.class,
          io.hectiqlab.lab.ConfigVersion.class,
          io.hectiqlab.lab.LabException.class);

  private static List<Executable> publicApi() {
    List<Executable> out = new ArrayList<>();
    for (Class<?> type : CORE_TYPES) {
      Stream.concat(Arrays.stream(type.getDeclaredMethods()), Arrays.stream(type.getConstructors()))
          .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
          .forEach(out::add);
    }
    return out;
  }

  /** A record's canonical constructor lists its components: data, not a call-site flag. */
  @Test
  void noPublicMethodTakesABareBoolean() {
    assertThat(publicApi())
        .filteredOn(
            m -> !(m.getDeclaringClass().isRecord() && m instanceof java.lang.reflect.Constructor))
        .filteredOn(m -> Arrays.asList(m.getParameterTypes()).contains(boolean.class))
        .isEmpty();
  }

  @Test
  void noMethodNameTakesAStringWhereAnOverloadTakesAPath() {
    List<String> traps = new ArrayList<>();
    for (Class<?> type : CORE_TYPES) {
      List<Method> methods =
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> Modifier.isPublic(m.getModifiers()))
              .toList();
      for (Method path : methods) {
        for (Method text : methods) {
          if (path.getName().equals(text.getName())
              && path.getParameterCount() == text.getParameterCount()
              && differOnlyByPathAndString(path.getParameterTypes(), text.getParameterTypes())) {
            traps.add(type.getSimpleName() + "." + path.getName());
          }
        }
      }
    }
    assertThat(traps).isEmpty();
  }

  private static boolean differOnlyByPathAndString(Class<?>[] a, Class<?>[] b) {
    boolean found = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == Path.class && b[i] == String.class) {
        found = true;
      } else if (a[i] != b[i]) {
        return false;
      }
    }
    return found;
  }

  @Test
  void textIsAskedForByName() throws Exception {
    assertThat(ConfigSchema.class.getMethod("fromText", String.class)).isNotNull();
    assertThat(ConfigSchema.class.getMethod("validateText", String.class)).isNotNull();
    assertThat(ConfigSchema.class.getMethod("toConfigText", String.class)).isNotNull();
    assertThat(SchemaDirectory.class.getMethod("fromText", String.class)).isNotNull();
    assertThat(
            Arrays.stream(ConfigFormat.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .filter(m -> Arrays.asList(m.getParameterTypes()).contains(Path.class))
                .map(Method::getName))
        .containsExactly("forFile");
  }

  @Test
  void aPathStringGivenAsTextIsValidatedAsTextAndSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("train.yaml"), "lr: 0.5\n");
    ConfigSchema schema = ConfigSchema.fromText("{\"type\": \"object\"}");
    assertThat(schema.validate(file).isValid()).isTrue();
    ValidationResult asText = schema.validateText(file.toString());
    assertThat(asText.origin()).isEqualTo("<string>");
    assertThat(asText.toString())
        .isEqualTo("<string>:1:1: (root): must be object, found string (type)");
  }

  @Test
  void helpIsStoredByANamedCallNotAFlag() throws Exception {
    ConfigSchema schema =
        ConfigSchema.fromText(
            "{\"properties\": {\"lr\": {\"type\": \"number\", \"description\": \"Learning rate\","
                + " \"default\": 0.1}}}");
    Path file = Files.writeString(dir.resolve("c.json"), "{}");
    Config plain = schema.toConfig(file);
    assertThat(plain.keys()).containsExactly("lr");
    Config withHelp = schema.storeHelp(schema.toConfig(file));
    assertThat(withHelp.keys()).containsExactly("lr", "__help__");
    assertThat(withHelp.getString("__help__.lr"))
        .isEqualTo("[number] Learning rate (default: 0.1)");
    assertThat(withHelp.getConfig("__help__")).isEqualTo(schema.helpConfig());
    assertThat(schema.validate(withHelp).isValid()).isTrue();
    assertThat(schema.toConfig(withHelp)).isEqualTo(plain);
    assertThat(schema.storeHelp(schema.toConfigText("{\"lr\": 0.5}")).getDouble("lr"))
        .isEqualTo(0.5);
    assertThat(schema.storeHelp(schema.toConfig(Map.of())).containsKey("__help__")).isTrue();
  }

  @Test
  void storingHelpInALockedConfigIsRefused() {
    ConfigSchema schema = ConfigSchema.fromText("{\"type\": \"object\"}");
    Config locked = Config.of("a", 1).lock();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> schema.storeHelp(locked))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessage("__help__: config is locked; call unlock() to change it");
  }
}
