package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes Config's path operations: a sequence of get, containsKey, typed getters, set, remove, lock
 * and unlock with fuzzed dotted paths and values on a fixed Config either works or throws a {@link
 * ConfigException} with a message; a successful set is readable at its path, and the Config writes
 * back as JSON and YAML that read as the same Config. Seeds are in {@code
 * PathFuzzTestInputs/operations}.
 */
class PathFuzzTest {
  private static final String BASE =
      "{\"a\": {\"b\": [1, {\"c\": \"x\"}, [true, null]], \"lr.max\": 0.5, \"back\\\\slash\": -0.0},"
          + " \"list\": [], \"n\": 9223372036854775807, \"s\": \"\u00e9\u65e5\"}";

  @FuzzTest(maxDuration = "10m")
  void operations(FuzzedDataProvider data) {
    Config config = Config.fromJson(BASE);
    for (int step = 0; step < 12 && data.remainingBytes() > 0; step++) {
      int op = data.consumeInt(0, 9);
      String path = data.consumeString(24);
      try {
        apply(config, op, path, data);
      } catch (ConfigException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    config.unlock();
    Config json = Config.fromJson(config.toJson());
    assertThat(json).isEqualTo(config);
    assertThat(Config.fromYaml(config.toYaml())).isEqualTo(config);
  }

  private static void apply(Config config, int op, String path, FuzzedDataProvider data) {
    switch (op) {
      case 0 -> config.get(path);
      case 1 -> config.containsKey(path);
      case 2 -> config.getString(path);
      case 3 -> config.getDouble(path);
      case 4 -> {
        config.getInt(path);
        config.getLong(path);
        config.getBoolean(path);
      }
      case 5 -> {
        config.getConfig(path);
        config.getList(path);
      }
      case 6 -> {
        Object value = value(data, 0);
        config.set(path, value);
        assertThat(config.containsKey(path)).isTrue();
        if (value == null || value instanceof String || value instanceof Long) {
          assertThat(config.get(path)).isEqualTo(value);
        }
      }
      case 7 -> config.remove(path);
      case 8 -> {
        String key = data.consumeString(8);
        String escaped = Config.escapeKey(key);
        Object value = value(data, 0);
        config.set(escaped, value);
        assertThat(config.containsKey(escaped)).isTrue();
      }
      default -> {
        if (config.isLocked()) {
          config.unlock();
        } else {
          config.lock();
        }
      }
    }
  }

  private static Object value(FuzzedDataProvider data, int depth) {
    switch (data.consumeInt(0, depth > 2 ? 5 : 7)) {
      case 0:
        return null;
      case 1:
        return data.consumeBoolean();
      case 2:
        return data.consumeLong();
      case 3:
        return data.consumeDouble();
      case 4:
        return data.consumeString(16);
      case 5:
        return data.consumeInt();
      case 6:
        {
          List<Object> list = new ArrayList<>();
          int n = data.consumeInt(0, 3);
          for (int i = 0; i < n; i++) {
            list.add(value(data, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          int n = data.consumeInt(0, 3);
          for (int i = 0; i < n; i++) {
            map.put(data.consumeString(8), value(data, depth + 1));
          }
          return map;
        }
    }
  }
}
