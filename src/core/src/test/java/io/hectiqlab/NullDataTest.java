package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's null policy: null data that a method accepted (a Config value, a map value, a list
 * element, a JSON null document) never makes a later public call throw NullPointerException.
 */
class NullDataTest {
  @TempDir Path dir;

  private static final ConfigSchema ANY_NULLABLE =
      ConfigSchema.fromText(
          "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": [\"null\", \"integer\"],"
              + " \"description\": \"maybe\"}, \"l\": {\"type\": \"array\"}}}");

  @Test
  void thePackageDeclaresItsNullPolicy() {
    assertThat(Config.class.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
  }

  @Test
  void nullValuesReadBackAsNullWithoutThrowing() {
    Config c = Config.of("a", null, "n", Config.of("x", null));
    c.set("b.c", null).set("l", Arrays.asList(1, null, Map.of()));
    for (String path : List.of("a", "n.x", "b.c", "l.1", "missing", "n.missing", "l.9")) {
      assertThat(c.get(path)).as(path).isNull();
      assertThat(c.getString(path)).isNull();
      assertThat(c.getInt(path)).isNull();
      assertThat(c.getLong(path)).isNull();
      assertThat(c.getDouble(path)).isNull();
      assertThat(c.getBoolean(path)).isNull();
      assertThat(c.getConfig(path)).isNull();
      assertThat(c.getList(path)).isNull();
    }
    assertThat(c.containsKey("a")).isTrue();
    assertThat(c.containsKey("l.1")).isTrue();
    assertThat(c.containsKey("missing")).isFalse();
    assertThat(c.getList("l")).containsExactly(1, null, new Config());
    assertThat(c.remove("a")).isNull();
    assertThat(c.remove("a")).isNull();
    assertThat(c.getList("l").remove(1)).isNull();
    assertThat(c.getList("l").add(null)).isTrue();
    assertThat(c.getList("l").set(2, null)).isNull();
    assertThat(c.getList("l").indexOf(null)).isEqualTo(2);
  }

  @Test
  void nullValuesSurviveConversionsCopiesAndComparisons() {
    Map<String, @Nullable Object> inner = new HashMap<>();
    inner.put("x", null);
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    map.put("a", null);
    map.put("inner", inner);
    map.put("l", Arrays.asList(null, inner));
    Config c = Config.fromMap(map);

    Map<String, @Nullable Object> back = c.toMap();
    assertThat(back).containsEntry("a", null).containsKey("inner");
    assertThat(back.get("l")).isEqualTo(Arrays.asList(null, inner));
    assertThat(c.copy()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c).isNotEqualTo(null);
    assertThat(c.equals(Config.of("a", null))).isFalse();
    assertThat(c.toJson()).contains("\"a\": null");
    assertThat(Config.fromJson(c.toJson())).isEqualTo(c);
    assertThat(Config.fromYaml(c.toYaml())).isEqualTo(c);
    assertThat(c.toString()).contains("null");
    assertThat(c.lock().isLocked()).isTrue();
    assertThat(c.getList("l").contains(null)).isTrue();
  }

  @Test
  void aNullKeyIsRefusedByNameNotWithANullPointerException() {
    Map<String, @Nullable Object> map = new HashMap<>();
    map.put(null, 1);
    assertThatThrownBy(() -> Config.fromMap(map)).isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> new Config().set("a", map))
        .isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> ANY_NULLABLE.validate(map))
        .isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> Config.of(null, 1)).isInstanceOf(IllegalArgumentException.class);
    Config arrays = new Config().set("o", new Object[] {null, new int[] {1}});
    assertThat(arrays.getList("o")).containsExactly(null, List.of(1));
  }

  @Test
  void savingNullsWritesThemOrRefusesThemByName() throws Exception {
    Config c = Config.of("a", null, "l", Arrays.asList(1, null), "n", Config.of("x", null));
    for (String name : List.of("c.json", "c.yaml")) {
      Path file = dir.resolve(name);
      c.save(file);
      assertThat(Config.load(file)).as(name).isEqualTo(c);
    }
    Path toml = dir.resolve("c.toml");
    assertThatThrownBy(() -> c.save(toml))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("a: ")
        .hasMessageContaining("null");
    assertThat(Files.exists(toml)).isFalse();
  }

  @Test
  void validatingNullDataGivesResultsNotExceptions() {
    Map<String, @Nullable Object> map = new HashMap<>();
    map.put("a", null);
    assertThat(ANY_NULLABLE.validate(map).isValid()).isTrue();
    assertThat(ANY_NULLABLE.validate(Config.of("a", null)).isValid()).isTrue();
    assertThat(ANY_NULLABLE.toConfig(map).containsKey("a")).isTrue();
    assertThat(ANY_NULLABLE.toConfig(Config.of("a", null, "l", Arrays.asList(null, null))))
        .isEqualTo(Config.of("a", null, "l", Arrays.asList(null, null)));
    assertThat(ANY_NULLABLE.storeHelp(Config.of("a", null)).getString("__help__.a"))
        .startsWith("[null|integer] maybe")
        .doesNotContain("Exception");

    ValidationResult ofNull = ANY_NULLABLE.validateText("null");
    assertThat(ofNull.isValid()).isFalse();
    assertThat(ofNull.toString())
        .isEqualTo("<string>:1:1: (root): must be object, found null (type)");
    ValidationResult nullSource =
        ANY_NULLABLE.validate(ConfigSource.text("null", "<s>", ConfigFormat.YAML));
    assertThat(nullSource.violations()).extracting(Violation::keyword).containsExactly("type");
    assertThat(ConfigSchema.fromText("true").validateText("null").isValid()).isTrue();
    assertThatThrownBy(() -> ANY_NULLABLE.toConfigText("null"))
        .isInstanceOf(ConfigException.Parse.class);
    assertThatThrownBy(() -> ANY_NULLABLE.toConfig(Config.of("a", "s")))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageContaining("<config>");
  }

  @Test
  void violationsOfInMemoryDocumentsHaveNoLocationAndPrintTheirOrigin() {
    ValidationResult r = ANY_NULLABLE.validate(Config.of("a", "s"));
    Violation v = r.violations().get(0);
    assertThat(v.source()).isNull();
    assertThat(v.location()).isNull();
    assertThat(v.toString()).isEqualTo("/a: must be [null, integer], found string (type)");
    assertThat(r.toString())
        .isEqualTo("<config>: /a: must be [null, integer], found string (type)");
  }

  @Test
  void templateFieldsWithoutDescriptionOrDefaultAreNullNotMissing() {
    List<TemplateField> fields = new ArrayList<>(ANY_NULLABLE.fields());
    assertThat(fields).extracting(TemplateField::path).containsExactly("a", "l");
    assertThat(fields.get(1).description()).isNull();
    assertThat(fields.get(1).defaultJson()).isNull();
    assertThat(ANY_NULLABLE.id()).isNull();
  }
}
