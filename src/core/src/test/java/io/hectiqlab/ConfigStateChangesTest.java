package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Config's state changes in one place ({@link Containers}), and a locked Config refuses every
 * attempted change the same way, also one that would leave it as it is.
 */
class ConfigStateChangesTest {

  private static Config locked() {
    return Config.fromMap(
            Map.of("empty", List.of(), "layers", List.of(1, 2), "optimizer", Map.of("lr", 0.1)))
        .lock();
  }

  @Test
  void aLockedListRefusesBulkChangesThatWouldChangeNothing() {
    List<Consumer<List<Object>>> changes =
        List.of(
            List::clear,
            l -> l.addAll(List.of()),
            l -> l.addAll(0, List.of()),
            l -> l.removeAll(List.of(99)),
            l -> l.retainAll(List.of(1, 2)),
            l -> l.removeIf(x -> false),
            l -> l.replaceAll(x -> x),
            l -> l.sort(null),
            l -> l.subList(0, 0).clear());
    for (String path : List.of("empty", "layers")) {
      for (int i = 0; i < changes.size(); i++) {
        Config c = locked();
        List<Object> list = c.getList(path);
        Consumer<List<Object>> change = changes.get(i);
        assertThatThrownBy(() -> change.accept(list))
            .as(path + ", change " + i)
            .isInstanceOf(ConfigException.Locked.class)
            .hasMessage(path + ": config is locked; call unlock() to change it");
        assertThat(c.get(path)).isEqualTo(path.equals("empty") ? List.of() : List.of(1, 2));
      }
    }
  }

  @Test
  void removingWhatIsNotThereFromALockedConfigIsRefusedLikeAnyRemoval() {
    Config c = locked();
    assertThatThrownBy(() -> c.remove("nothing"))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessage("nothing: config is locked; call unlock() to change it");
    assertThatThrownBy(() -> c.remove("layers.9"))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessage("layers.9: config is locked; call unlock() to change it");
    assertThatThrownBy(() -> c.remove("layers.x"))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessageStartingWith("layers.x:");
    assertThatThrownBy(() -> c.remove("optimizer.lr.deeper"))
        .isInstanceOf(ConfigException.Locked.class)
        .hasMessageStartingWith("optimizer.lr:");
    assertThat(c.toMap())
        .isEqualTo(
            Map.of("empty", List.of(), "layers", List.of(1, 2), "optimizer", Map.of("lr", 0.1)));

    Config open = c.copy();
    assertThat(open.remove("layers.9")).isNull();
    assertThat(open.remove("optimizer.lr.deeper")).isNull();
    assertThat(open.remove("nothing")).isNull();
  }

  /**
   * The writes that change a Config tree: its entries, owner and version, a list's items and owner.
   * Only {@link Containers} makes them (a constructor may set its own owner).
   */
  private static final Pattern WRITE =
      Pattern.compile(
          "\\.owner\\s*=[^=]|\\.version\\s*(\\+\\+|\\+=|=[^=])|\\bversion\\s*(\\+\\+|\\+=)"
              + "|\\bentries\\.(put|append|remove)\\("
              + "|\\bitems\\.(add|set|remove|clear|addAll|ensureCapacity)\\(");

  @Test
  void onlyContainersWritesTheStateOfConfigsAndLists() throws IOException {
    Path sources = Path.of("src/main/java/io/hectiqlab");
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.equals("Containers.java")
            || name.equals("Entries.java")
            || name.equals("PathIndex.java")) {
          continue; // the writer, and two data structures writing only their own fields
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = WRITE.matcher(lines.get(i));
          if (m.find() && !lines.get(i).contains("this.owner = owner")) {
            offending.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }
}
