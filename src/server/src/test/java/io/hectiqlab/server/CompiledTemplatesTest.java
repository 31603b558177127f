package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.ConfigSchema;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's compiled versions, over a real SQLite store: kept once, bounded, LRU out first. */
class CompiledTemplatesTest {
  @TempDir Path dir;
  JdbcStore store;
  final ProjectRef p = new ProjectRef("ml", "vision");

  @BeforeEach
  void open() {
    store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"));
    store.createProject(p);
    store.createUser("alice", false);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private TemplateKey publish(String name, String body, int expectedLatest) {
    return store
        .publishTemplate(p, name, body, JdbcStore.hash(body), "alice", expectedLatest)
        .version()
        .key();
  }

  @Test
  void aVersionIsCompiledOnceAndValidatesWithItsRefs() {
    TemplateKey units =
        publish("units", "{\"$defs\": {\"rate\": {\"type\": \"number\", \"maximum\": 1}}}", 0);
    TemplateKey training =
        publish(
            "training",
            "{\"properties\": {\"lr\": {\"$ref\": \"lab:ml/vision/units@1#/$defs/rate\"}}}",
            0);
    CompiledTemplates cache = new CompiledTemplates(store);

    ConfigSchema first = cache.get(training).orElseThrow();
    assertThat(cache.get(training).orElseThrow()).isSameAs(first);
    assertThat(first.validateText("{\"lr\": 0.5}").isValid()).isTrue();
    assertThat(first.validateText("{\"lr\": 5}").isValid()).isFalse();
    assertThat(cache.get(new TemplateKey(p, "training", 2))).isEmpty();
    assertThat(cache.get(new TemplateKey(p, "nothing", 1))).isEmpty();
    assertThat(cache.keys()).containsExactly(training);
    assertThat(units.version()).isEqualTo(1);
  }

  @Test
  void theLeastRecentlyUsedVersionGoesFirstPastEitherBound() {
    TemplateKey a = publish("a", "{\"title\": \"a\"}", 0);
    TemplateKey b = publish("b", "{\"title\": \"b\"}", 0);
    TemplateKey c = publish("c", "{\"title\": \"c\"}", 0);
    CompiledTemplates byCount = new CompiledTemplates(store, 2, Long.MAX_VALUE);
    byCount.get(a);
    byCount.get(b);
    byCount.get(a); // a is now the most recently used
    byCount.get(c);
    assertThat(byCount.keys()).containsExactly(a, c);

    String large = "{\"description\": \"" + "x".repeat(1000) + "\"}";
    TemplateKey big = publish("big", large, 0);
    CompiledTemplates byBytes = new CompiledTemplates(store, 100, 2 * large.length());
    byBytes.get(a);
    byBytes.get(b);
    byBytes.get(big); // over the bytes with a and b: they go, oldest first
    assertThat(byBytes.keys()).containsExactly(big);
    CompiledTemplates tiny = new CompiledTemplates(store, 100, 10);
    assertThat(tiny.get(big)).isPresent();
    assertThat(tiny.keys()).containsExactly(big);
  }
}
