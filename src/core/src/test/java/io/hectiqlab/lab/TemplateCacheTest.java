package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache of template versions: by content hash, never trusting a file that lies. */
class TemplateCacheTest {
  private static final TemplateRef REF = TemplateRef.of("ml/vision", "training", 3);
  private static final byte[] TEXT = "{\"type\": \"object\"}".getBytes(StandardCharsets.UTF_8);

  private static final String LAB = "http://127.0.0.1:8080";
  private static final String LAB_ID = TemplateCache.labId(LAB);

  @TempDir Path dir;

  @Test
  void aLabIsNamedByItsNormalisedUrl() {
    assertThat(LAB_ID).matches("[0-9a-f]{16}");
    assertThat(TemplateCache.labId("HTTP://127.0.0.1:8080/")).isEqualTo(LAB_ID);
    assertThat(TemplateCache.labId("http://127.0.0.1:8081")).isNotEqualTo(LAB_ID);
    assertThat(TemplateCache.labId("http://lab.example/api//"))
        .isEqualTo(TemplateCache.labId("http://LAB.example:80/api"))
        .isNotEqualTo(TemplateCache.labId("http://lab.example"));
    assertThat(TemplateCache.labId("https://lab.example"))
        .isNotEqualTo(TemplateCache.labId("http://lab.example"));
  }

  @Test
  void twoLabsSharingAFolderKeepTheirOwnVersionsAndShareTexts() throws Exception {
    TemplateCache a = new TemplateCache(dir, "http://127.0.0.1:8080");
    TemplateCache b = new TemplateCache(dir, "http://127.0.0.1:9090");
    String hex = Sha256.hex(TEXT);
    a.store(REF, TEXT, hex);

    assertThat(a.lookup(REF).text()).isEqualTo("{\"type\": \"object\"}");
    assertThat(b.lookup(REF)).isEqualTo(new TemplateCache.Lookup(null, null, null));

    byte[] other = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
    b.store(REF, other, Sha256.hex(other));
    assertThat(a.lookup(REF).text()).isEqualTo("{\"type\": \"object\"}");
    assertThat(b.lookup(REF).text()).isEqualTo("{\"type\": \"string\"}");
    // the same text fetched from a second lab is kept once
    new TemplateCache(dir, "http://127.0.0.1:7070").store(REF, TEXT, hex);
    try (var texts = Files.list(dir.resolve("sha256"))) {
      assertThat(texts).hasSize(2);
    }
  }

  @Test
  void aStoredVersionIsFoundByItsRefUnderItsHash() throws Exception {
    TemplateCache cache = new TemplateCache(dir, LAB);
    String hex = Sha256.hex(TEXT);
    cache.store(REF, TEXT, hex);

    assertThat(Files.readString(dir.resolve("refs/" + LAB_ID + "/ml/vision/training/3")))
        .isEqualTo(hex);
    assertThat(Files.readAllBytes(dir.resolve("sha256/" + hex + ".json"))).isEqualTo(TEXT);
    TemplateCache.Lookup found = cache.lookup(REF);
    assertThat(found.text()).isEqualTo("{\"type\": \"object\"}");
    assertThat(found.sha256()).isEqualTo(hex);
    assertThat(cache.lookup(REF.at(4))).isEqualTo(new TemplateCache.Lookup(null, null, null));
  }

  @Test
  void aTextThatDoesNotMatchItsNameIsNotUsedAndSaysWhy() throws Exception {
    TemplateCache cache = new TemplateCache(dir, LAB);
    String hex = Sha256.hex(TEXT);
    cache.store(REF, TEXT, hex);
    Path file = dir.resolve("sha256/" + hex + ".json");
    Files.writeString(file, "{\"type\": \"string\"}");

    TemplateCache.Lookup found = cache.lookup(REF);
    assertThat(found.text()).isNull();
    assertThat(found.problem())
        .isEqualTo("the cached copy " + file + " does not match its hash, so it is not used");

    cache.store(REF, TEXT, hex); // the lab's text again: the damaged copy is replaced
    assertThat(cache.lookup(REF).text()).isEqualTo("{\"type\": \"object\"}");
  }

  @Test
  void aPathHoldingSomethingOtherThanARegularFileIsNeitherReadNorReplaced() throws Exception {
    TemplateCache cache = new TemplateCache(dir, LAB);
    String hex = Sha256.hex(TEXT);
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"), "{\"type\": \"object\"}");
    Files.createDirectories(dir.resolve("sha256"));
    Path link = Files.createSymbolicLink(dir.resolve("sha256/" + hex + ".json"), elsewhere);
    Files.createDirectories(
        dir.resolve("refs/" + LAB_ID + "/ml/vision/training/3")); // a folder, not a file

    cache.store(REF, TEXT, hex);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isDirectory(dir.resolve("refs/" + LAB_ID + "/ml/vision/training/3"))).isTrue();
    assertThat(cache.lookup(REF).text()).isNull();
  }

  @Test
  void aCacheThatCannotBeWrittenLeavesFetchingToTheLab() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    TemplateCache cache = new TemplateCache(file, LAB);
    cache.store(REF, TEXT, Sha256.hex(TEXT)); // nothing thrown
    assertThat(cache.lookup(REF).text()).isNull();
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void theDefaultFolderFollowsTheVariableThenXdgThenHome() {
    Path home = Path.of("/home/u");
    assertThat(
            TemplateCache.defaultFolder(
                Map.of("HECTIQLAB_TEMPLATE_CACHE", "/c/t", "XDG_CACHE_HOME", "/x"), home))
        .isEqualTo(Path.of("/c/t"));
    assertThat(TemplateCache.defaultFolder(Map.of("XDG_CACHE_HOME", "/x"), home))
        .isEqualTo(Path.of("/x/hectiqlab/templates"));
    assertThat(TemplateCache.defaultFolder(Map.of("XDG_CACHE_HOME", "relative"), home))
        .isEqualTo(Path.of("/home/u/.cache/hectiqlab/templates"));
    assertThat(TemplateCache.defaultFolder(Map.of("HECTIQLAB_TEMPLATE_CACHE", " "), home))
        .isEqualTo(Path.of("/home/u/.cache/hectiqlab/templates"));
  }
}
