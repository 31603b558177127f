package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void ofAcceptsAnyValueTypeAndNestedConfigs() {
    Object opaque = new Object();
    Config c = Config.of("a", 5, "b", "hello world", "c", opaque, "d", Config.of("x", 1));
    assertThat(c.get("a")).isEqualTo(5);
    assertThat(c.get("b")).isEqualTo("hello world");
    assertThat(c.get("c")).isSameAs(opaque);
    assertThat(c.get("d.x")).isEqualTo(1);
    assertThat(c.keys()).containsExactly("a", "b", "c", "d");
    assertThat(c.size()).isEqualTo(4);
  }

  @Test
  void ofRejectsOddArgumentsAndNonStringKeys() {
    assertThatThrownBy(() -> Config.of("a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Config.of(1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("String key");
  }

  @Test
  void fromMapConvertsNestedMapsAlsoInsideLists() {
    Map<String, Object> sub = new LinkedHashMap<>();
    sub.put("batch_size", 32);
    Map<String, Object> inList = Map.of("units", 64);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dataset", Map.of("sub", sub));
    root.put("layers", List.of(inList, inList));
    Config c = Config.fromMap(root);
    assertThat(c.get("dataset.sub")).isInstanceOf(Config.class);
    assertThat(c.getInt("dataset.sub.batch_size")).isEqualTo(32);
    assertThat(c.get("layers.1")).isInstanceOf(Config.class);
    assertThat(c.getInt("layers.1.units")).isEqualTo(64);
  }

  @Test
  void missingKeysReadAsNull() {
    Config c = Config.of("a", Config.of("b", 1), "list", List.of(1));
    assertThat(c.get("nope")).isNull();
    assertThat(c.get("a.nope")).isNull();
    assertThat(c.get("a.b.c")).isNull();
    assertThat(c.get("list.5")).isNull();
    assertThat(c.get("list.x")).isNull();
    assertThat(c.containsKey("list.5.x")).isFalse();
    assertThat(c.remove("list.5.x")).isNull();
    assertThat(c.getInt("nope")).isNull();
    assertThat(c.getString("a.nope")).isNull();
  }

  @Test
  void setCreatesNestedConfigsOnDottedPathsAndReturnsThis() {
    Config c = new Config();
    assertThat(c.set("optimizer.lr", 0.01).set("optimizer.name", "adam")).isSameAs(c);
    assertThat(c.getConfig("optimizer").keys()).containsExactly("lr", "name");
    assertThat(c.getDouble("optimizer.lr")).isEqualTo(0.01);
  }

  @Test
  void setInsideAScalarIsAnError() {
    Config c = Config.of("a", 5);
    assertThatThrownBy(() -> c.set("a.b", 1))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessage("a.b: cannot set inside a, which holds integer 5");
  }

  @Test
  void setReplacesListElementsByIndex() {
    Config c = Config.of("layers", List.of(Map.of("units", 1), 2));
    c.set("layers.0.units", 64).set("layers.1", 3);
    assertThat(c.get("layers.0.units")).isEqualTo(64);
    assertThat(c.get("layers.1")).isEqualTo(3);
    assertThatThrownBy(() -> c.set("layers.2", 1))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessageContaining("layers.2: no element 2 in a list of 2");
  }

  @Test
  void keysWithDotsStayReachableThroughEscapesAndRoundTripUnchanged() {
    Config c = Config.fromMap(Map.of("lr.max", 0.5, "a", Map.of("b.c", 1)));
    assertThat(c.get("lr.max")).isNull();
    assertThat(c.get("lr\\.max")).isEqualTo(0.5);
    assertThat(c.get("a." + Config.escapeKey("b.c"))).isEqualTo(1);
    assertThat(c.containsKey("lr\\.max")).isTrue();

    Config back = Config.fromJson(c.toJson());
    assertThat(back.keys()).contains("lr.max");
    assertThat(back).isEqualTo(c);

    c.set("x\\.y", 1);
    assertThat(c.keys()).contains("x.y");
    assertThat(Config.escapeKey("a\\b.c")).isEqualTo("a\\\\b\\.c");
    assertThat(c.set("k\\\\", 2).keys()).contains("k\\");
  }

  @Test
  void malformedPathsAreRejected() {
    Config c = new Config();
    assertThatThrownBy(() -> c.get("a..b")).isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> c.set("", 1)).isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> c.set(".a", 1)).isInstanceOf(ConfigException.BadPath.class);
    assertThatThrownBy(() -> c.get("a\\b")).isInstanceOf(ConfigException.BadPath.class);
  }

  @Test
  void typedGettersConvertWhereExactAndNameBothTypesOtherwise() {
    Config c =
        Config.of(
            "i",
            5,
            "l",
            Long.MAX_VALUE,
            "d",
            32.0,
            "f",
            0.5,
            "s",
            "abc",
            "b",
            true,
            "big",
            new BigInteger("123456789012345678901234567890"));
    assertThat(c.getInt("i")).isEqualTo(5);
    assertThat(c.getLong("i")).isEqualTo(5L);
    assertThat(c.getInt("d")).isEqualTo(32);
    assertThat(c.getDouble("i")).isEqualTo(5.0);
    assertThat(c.getLong("l")).isEqualTo(Long.MAX_VALUE);
    assertThat(c.getBoolean("b")).isTrue();
    assertThat(c.getDouble("big")).isEqualTo(1.2345678901234568e29);

    assertThatThrownBy(() -> c.getInt("s"))
        .isInstanceOf(ConfigException.WrongType.class)
        .hasMessage("s: expected int but found string \"abc\"");
    assertThatThrownBy(() -> c.getInt("f"))
        .hasMessage("f: expected int but found number 0.5 (not a whole number)");
    assertThatThrownBy(() -> c.getInt("l")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> c.getString("i")).hasMessage("i: expected string but found integer 5");
    assertThatThrownBy(() -> c.getBoolean("s")).isInstanceOf(ConfigException.WrongType.class);
    assertThatThrownBy(() -> c.getConfig("s")).isInstanceOf(ConfigException.WrongType.class);
    assertThatThrownBy(() -> c.getList("s")).isInstanceOf(ConfigException.WrongType.class);
  }

  @Test
  void removeReturnsTheOldValueAndDetachesIt() {
    Config c = Config.of("a", Config.of("b", 1, "c", 2), "l", List.of(1, 2));
    assertThat(c.remove("a.b")).isEqualTo(1);
    assertThat(c.remove("l.0")).isEqualTo(1);
    assertThat(c.remove("nothing.here")).isNull();
    Config removed = (Config) c.remove("a");
    c.lock();
    removed.set("free", true);
    assertThat(removed.isLocked()).isFalse();
    assertThat(c.keys()).containsExactly("l");
  }

  @Test
  void manyKeysKeepInsertionOrderThroughPutsAndRemoves() {
    Config c = new Config();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      c.set("k" + i, i);
      expected.add("k" + i);
    }
    for (int i = 0; i < 200; i += 3) {
      assertThat(c.remove("k" + i)).isEqualTo(i);
      expected.remove("k" + i);
    }
    c.set("k0", "back");
    expected.add("k0");
    c.set("k1", "replaced");

    assertThat(c.keys()).containsExactlyElementsOf(expected);
    assertThat(c.size()).isEqualTo(expected.size());
    // Keys built at run time (not interned) find the same entries.
    assertThat(c.get(new StringBuilder("k").append(1).toString())).isEqualTo("replaced");
    assertThat(c.get(new String("k2"))).isEqualTo(2);
    assertThat(c.containsKey("k3")).isFalse();
    assertThat(c.get("k3")).isNull();
    assertThat(c.get("k0")).isEqualTo("back");
    assertThat(Config.fromJson(c.toJson())).isEqualTo(c);
  }

  @Test
  void fromMapWithKeysEqualOnlyByContentKeepsOneEntry() {
    Map<String, Object> identity = new java.util.IdentityHashMap<>();
    identity.put("a", 1);
    identity.put(new String("a"), 2);
    Config c = Config.fromMap(identity);
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.get("a")).isIn(1, 2);
  }

  @Test
  void keysViewIsLiveAndReadOnly() {
    Config c = Config.of("a", 1);
    Set<String> keys = c.keys();
    c.set("b", 2);
    assertThat(keys).containsExactly("a", "b");
    assertThatThrownBy(() -> keys.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.keys()).contains("a");
  }

  @Test
  void containsKeyDistinguishesNullFromAbsent() {
    Config c = Config.of("a", null);
    assertThat(c.containsKey("a")).isTrue();
    assertThat(c.containsKey("b")).isFalse();
    assertThat(c.get("a")).isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void lockedConfigRefusesEveryChangeDeeply() {
    Config c =
        Config.fromMap(
            Map.of("optimizer", Map.of("lr", 0.1), "layers", List.of(Map.of("u", 1), List.of(1))));
    List<Object> layers = c.getList("layers");
    Config optimizer = c.getConfig("optimizer");
    c.lock();
    assertThat(c.isLocked()).isTrue();
    assertThat(optimizer.isLocked()).isTrue();

    assertThatThrownBy(() -> c.set("x", 1))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessage("x: config is locked; call unlock() to change it");
    assertThatThrownBy(() -> optimizer.set("lr", 1))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessageStartingWith("optimizer.lr:");
    assertThatThrownBy(() -> c.remove("optimizer.lr")).isInstanceOf(ConfigException.Locked.class);
    assertThatThrownBy(() -> layers.add(3))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessageStartingWith("layers.2:");
    assertThatThrownBy(() -> layers.set(0, 3)).isInstanceOf(ConfigException.Locked.class);
    assertThatThrownBy(() -> layers.clear()).isInstanceOf(ConfigException.Locked.class);
    assertThatThrownBy(() -> layers.iterator().remove()).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> layers.removeIf(x -> true)).isInstanceOf(ConfigException.Locked.class);
    assertThatThrownBy(() -> layers.subList(0, 1).clear())
        .isInstanceOf(ConfigException.Locked.class);
    assertThatThrownBy(() -> layers.sort(null)).isInstanceOf(RuntimeException.class);
    List<Object> inner = (List<Object>) c.get("layers.1");
    assertThatThrownBy(() -> inner.add(2))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessageStartingWith("layers.1.1:");
    assertThatThrownBy(() -> ((Config) c.get("layers.0")).set("u", 2))
        .hasMessageStartingWith("layers.0.u:");
    assertThatThrownBy(() -> c.keys().remove("optimizer"))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, Object> copy = c.toMap();
    copy.put("x", 1);
    ((Map<String, Object>) copy.get("optimizer")).put("lr", 5);
    assertThat(c.get("x")).isNull();
    assertThat(c.get("optimizer.lr")).isEqualTo(0.1);

    c.unlock();
    layers.add(3);
    optimizer.set("lr", 0.2);
    assertThat(c.get("layers.2")).isEqualTo(3);
    assertThat(c.get("optimizer.lr")).isEqualTo(0.2);
  }

  @Test
  void nestedLockHoldsUntilParentUnlocked() {
    Config c = Config.of("a", Config.of("b", 1));
    Config a = c.getConfig("a");
    c.lock();
    a.unlock();
    assertThat(a.isLocked()).isTrue();
    a.lock();
    c.unlock();
    assertThat(c.isLocked()).isFalse();
    assertThatThrownBy(() -> c.set("a.b", 2)).isInstanceOf(ConfigException.Locked.class);
    c.set("z", 1);
  }

  @Test
  void reservedKeysAreRefusedEverywhere() {
    assertThatThrownBy(() -> Config.of("_lock", 1))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessageContaining("'_lock' is a reserved name");
    assertThatThrownBy(() -> new Config().set("a._state", 1))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessageStartingWith("a._state:");
    assertThatThrownBy(() -> Config.fromMap(Map.of("a", List.of(Map.of("_lock", true)))))
        .hasMessageStartingWith("a.0._lock:");
    assertThatThrownBy(() -> Config.fromJson("{\"x\": {\"_state\": 1}}"))
        .isInstanceOf(ConfigException.BadPath.class)
        .hasMessageStartingWith("x._state:");
  }

  @Test
  void aConfigCannotContainItself() {
    Config c = Config.of("a", Config.of("b", 1));
    assertThatThrownBy(() -> c.set("self", c))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage("self: a Config cannot contain itself");
    Config a = c.getConfig("a");
    assertThatThrownBy(() -> a.set("up", c)).isInstanceOf(ConfigException.BadValue.class);

    Map<String, Object> map = new HashMap<>();
    map.put("me", map);
    assertThatThrownBy(() -> Config.fromMap(map))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("me: the value contains itself");
    List<Object> list = new ArrayList<>();
    list.add(list);
    assertThatThrownBy(() -> Config.of("l", list)).isInstanceOf(ConfigException.BadValue.class);
  }

  @Test
  void settingAConfigStoresACopy() {
    Config sub = Config.of("x", 1);
    Config c = new Config().set("sub", sub);
    sub.set("x", 2);
    assertThat(c.get("sub.x")).isEqualTo(1);
    Config twice = new Config().set("a", sub).set("b", sub);
    twice.set("a.x", 9);
    assertThat(twice.get("b.x")).isEqualTo(2);
  }

  @Test
  void veryDeepNestingIsRefusedWithoutStackOverflow() {
    Map<String, Object> deep = new HashMap<>();
    Map<String, Object> cur = deep;
    for (int i = 0; i < 100_000; i++) {
      Map<String, Object> next = new HashMap<>();
      cur.put("k", next);
      cur = next;
    }
    assertThatThrownBy(() -> Config.fromMap(deep))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("nesting is deeper than 200 levels");
  }

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThatThrownBy(() -> Config.of("x", Double.NaN))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage("x: NaN is not allowed (JSON has no NaN or Infinity)");
    assertThatThrownBy(() -> new Config().set("a.b", Float.POSITIVE_INFINITY))
        .hasMessageStartingWith("a.b: Infinity");
  }

  @Test
  void toMapIsAPlainDetachedCopy() {
    Config c = Config.fromMap(Map.of("a", Map.of("b", List.of(Map.of("c", 1)))));
    Map<String, Object> m = c.toMap();
    assertThat(m.get("a")).isInstanceOf(LinkedHashMap.class);
    Object list = ((Map<?, ?>) m.get("a")).get("b");
    assertThat(list).isInstanceOf(ArrayList.class);
    assertThat(((List<?>) list).get(0)).isEqualTo(Map.of("c", 1));
  }

  @Test
  void equalityIsByContentIgnoringLockAndNumberKinds() {
    Config a = Config.of("n", 1, "d", 0.1, "l", List.of(1, 2), "s", Config.of("x", null));
    Config b = Config.of("n", 1L, "d", new BigDecimal("0.1"), "l", List.of(1L, 2.0));
    b.set("s.x", null);
    b.lock();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Config.of("n", 2));
    assertThat(Config.of("a", null)).isNotEqualTo(Config.of("b", null));
    assertThat(a.copy()).isEqualTo(a);
    assertThat(b.copy().isLocked()).isFalse();
  }

  @Test
  void lockedConfigIsReadableFromManyThreads() throws Exception {
    Config c = new Config();
    for (int i = 0; i < 100; i++) {
      c.set("section" + i + ".value", i);
    }
    c.lock();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int n = 0; n < 2_000; n++) {
                    for (int i = 0; i < 100; i++) {
                      if (c.getInt("section" + i + ".value") != i) {
                        throw new AssertionError("wrong value at " + i);
                      }
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void arraysAndSetsBecomeLists() {
    Config c = Config.of("a", new int[] {1, 2}, "s", Set.of("x"));
    assertThat(c.getList("a")).containsExactly(1, 2);
    assertThat(c.getList("s")).containsExactly("x");
  }
}
