package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reads answered from the path index must always agree with a fresh walk of the tree. */
class ConfigReadIndexTest {

  private static Config sample() {
    return Config.fromMap(
        Map.of(
            "optimizer", Map.of("lr", 0.001, "betas", List.of(0.9, 0.999)),
            "model", Map.of("layers", List.of(Map.of("units", 64), Map.of("units", 10))),
            "dotted.key", Map.of("x", 1)));
  }

  /** Reads enough times that the Config builds its index, and checks that it did. */
  private static Config warmed(Config c) {
    for (int i = 0; i < 1000; i++) {
      c.get("optimizer.lr");
    }
    assertThat(c.index).as("index built after many reads").isNotNull();
    return c;
  }

  @Test
  void indexedReadsMatchWalkedReads() {
    Config c = warmed(sample());
    assertThat(c.get("optimizer.lr")).isEqualTo(0.001);
    assertThat(c.get("optimizer.betas.1")).isEqualTo(0.999);
    assertThat(c.get("model.layers.1.units")).isEqualTo(10);
    assertThat(c.get("model.layers.01.units")).isNull();
    assertThat(c.get("model.layers.2")).isNull();
    assertThat(c.get("dotted\\.key.x")).isEqualTo(1);
    assertThat(c.get("dotted.key")).isNull();
    assertThat(c.get("nothing.here")).isNull();
    assertThat(c.getConfig("optimizer").get("lr")).isEqualTo(0.001);
    assertThatThrownBy(() -> c.get("optimizer..lr")).isInstanceOf(ConfigException.BadPath.class);
  }

  @Test
  void everyKindOfChangeIsSeenByTheNextRead() {
    List<Consumer<Config>> changes =
        List.of(
            c -> c.set("optimizer.lr", 0.5),
            c -> c.getConfig("optimizer").set("lr", 0.5),
            c -> c.getConfig("optimizer").remove("lr"),
            c -> c.remove("optimizer"),
            c -> c.set("optimizer", Map.of("lr", 0.5)),
            c -> c.getList("optimizer.betas").set(0, 0.5),
            c -> c.getList("model.layers").remove(0),
            c -> c.getList("model.layers").add(0, Map.of("units", 1)),
            c -> c.getList("model.layers").clear(),
            c -> {
              Iterator<Object> it = c.getList("optimizer.betas").iterator();
              it.next();
              it.remove();
            },
            c -> ((Config) c.getList("model.layers").get(1)).set("units", 11));
    for (Consumer<Config> change : changes) {
      Config indexed = warmed(sample());
      Config walked = sample();
      change.accept(indexed);
      change.accept(walked);
      for (String path :
          List.of(
              "optimizer",
              "optimizer.lr",
              "optimizer.betas",
              "optimizer.betas.0",
              "optimizer.betas.1",
              "model.layers.0.units",
              "model.layers.1.units")) {
        assertThat(indexed.get(path)).as(path).isEqualTo(walked.get(path));
        // and again, once the index has had the chance to be rebuilt
        for (int i = 0; i < 50; i++) {
          indexed.get(path);
        }
        assertThat(indexed.get(path)).as(path).isEqualTo(walked.get(path));
      }
    }
  }

  @Test
  void aDetachedNestedConfigNoLongerAffectsItsFormerParent() {
    Config c = warmed(sample());
    Config optimizer = c.getConfig("optimizer");
    c.remove("optimizer");
    warmed(c.set("optimizer", Map.of("lr", 0.1)));
    optimizer.set("lr", 0.9);
    assertThat(c.get("optimizer.lr")).isEqualTo(0.1);
  }

  @Test
  void interleavedWritesAndReadsOfALargeConfigStayCorrect() {
    Config c = new Config();
    for (int i = 0; i < 2000; i++) {
      c.set("section" + (i % 50) + ".key" + i, i);
      assertThat(c.get("section" + (i % 50) + ".key" + i)).isEqualTo(i);
      assertThat(c.get("section0.key0")).isEqualTo(0);
    }
    assertThat(c.get("section49.key1999")).isEqualTo(1999);
  }
}
