package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.internal.LabNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule that turns run names into slugs, for the client and the server. */
class RunSlugsTest {
  @Test
  void asciiNamesKeepTheirSlugs() {
    assertThat(Lab.slug("Demo Run #1")).isEqualTo("demo-run-1");
    assertThat(Lab.slug("  baseline_v2 / lr=0.1 ")).isEqualTo("baseline-v2-lr-0-1");
    assertThat(Lab.slug("Run One")).isEqualTo(Lab.slug("run one")).isEqualTo("run-one");
  }

  @Test
  void slugsAreTheirOwnSlugsAndNearSlugsStillFold() {
    for (String slug : List.of("a", "run-1", "demo-run-1", "0", "a-b-c", "x".repeat(128))) {
      assertThat(Lab.slug(slug)).isEqualTo(slug);
      assertThat(LabNames.checkSlug(slug)).isEqualTo(slug);
    }
    assertThat(Lab.slug("a--b")).isEqualTo("a-b");
    assertThat(Lab.slug("-a")).isEqualTo("a");
    assertThat(Lab.slug("a-")).isEqualTo("a");
    assertThat(Lab.slug("Run-1")).isEqualTo("run-1");
    assertThat(Lab.slug("run_1")).isEqualTo("run-1");
    for (String notSlug : List.of("a--b", "-a", "a-", "Run-1", "run_1", "run 1", "-")) {
      assertThatThrownBy(() -> LabNames.checkSlug(notSlug))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(LabNames.checkSlug("été-1")).isEqualTo("été-1"); // beyond ASCII: folded, same
    assertThatThrownBy(() -> Lab.slug("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its slug would have 129 characters");
  }

  @Test
  void unicodeLettersAndDigitsAreKept() {
    assertThat(Lab.slug("Ωmega")).isEqualTo("ωmega");
    assertThat(Lab.slug("日本語")).isEqualTo("日本語");
    assertThat(Lab.slug("Ünïcödé")).isEqualTo("ünïcödé");
    assertThat(Lab.slug("  Été 2024 / v2 ")).isEqualTo("été-2024-v2");
    assertThat(Lab.slug("नमस्ते दुनिया")).isEqualTo("नमस्ते-दुनिया");
    assertThat(Lab.slug("Straße")).isEqualTo(Lab.slug("STRASSE")).isEqualTo("strasse");
    assertThat(Lab.slug("Exp ٣")).isEqualTo("exp-٣");
  }

  @Test
  void nfkcFoldsFullwidthAndCompatibilityForms() {
    assertThat(Lab.slug("Ｒｕｎ　１")).isEqualTo("run-1");
    assertThat(Lab.slug("ﬁne ①")).isEqualTo("fine-1");
    // a decomposed é and a precomposed one are the same run
    assertThat(Lab.slug("e\u0301t\u00e9")).isEqualTo("\u00e9t\u00e9");
  }

  @Test
  void zeroWidthCharactersSeparateInsteadOfVanishing() {
    assertThat(Lab.slug("run\u200b1")).isEqualTo("run-1");
    assertThat(Lab.slug("ab\u200dcd")).isEqualTo("ab-cd");
    assertThatThrownBy(() -> Lab.slug("\u200b\u200b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run name '\u200b\u200b' has no letters or digits to make a slug from");
  }

  @Test
  void aNameTooLongForADistinctSlugIsRefusedNotCut() {
    String a = "a".repeat(300) + "1";
    String b = "a".repeat(300) + "2";
    assertThatThrownBy(() -> Lab.slug(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run name '"
                + "a".repeat(80)
                + "...' is too long: its slug would have 301 characters, at most 128 are kept"
                + " distinct");
    assertThatThrownBy(() -> Lab.slug(b)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Lab.slug("x".repeat(128))).hasSize(128);
    assertThat(Lab.slug("日".repeat(128))).hasSize(128);
    assertThatThrownBy(() -> Lab.slug("日".repeat(129)))
        .hasMessageEndingWith("its slug would have 129 characters, at most 128 are kept distinct");
    assertThatThrownBy(() -> Lab.slug("x".repeat(513)))
        .hasMessageStartingWith("run name must be at most 512 characters");
  }

  @Test
  void controlCharactersAndLoneSurrogatesAreRefused() {
    assertThatThrownBy(() -> Lab.slug("a\nb"))
        .hasMessage("run name must be at most 512 characters, without control characters: 'a\\nb'");
    assertThatThrownBy(() -> Lab.slug("a\ud800b"))
        .hasMessage(
            "run name must be at most 512 characters, without control characters: 'a\\ud800b'");
    assertThat(Lab.slug("run 😀 1")).isEqualTo("run-1");
  }

  @Test
  void everySlugIsItsOwnSlugAndOnlySlugsPassTheSlugCheck() {
    for (String name :
        List.of("Demo Run #1", "Ωmega", "日本語", "Ünïcödé", "Ｒｕｎ　１", "Straße", "नमस्ते दुनिया")) {
      String slug = Lab.slug(name);
      assertThat(LabNames.checkSlug(slug)).as(name).isEqualTo(slug);
      assertThat(Lab.slug(slug)).as(name).isEqualTo(slug);
    }
    for (String bad :
        List.of("Demo", "a--b", "-a", "a-", "a b", "..", "a/b", "", "x".repeat(129))) {
      assertThatThrownBy(() -> LabNames.checkSlug(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("run slug must be 1 to 128 lowercase letters, digits or '-'");
    }
  }

  @Test
  void projectNamesFollowTheSameRuleOnBothSides() {
    assertThat(LabNames.checkProject("lab/demo")).isEqualTo("lab/demo");
    for (String bad : List.of("lab", "Lab/demo", "lab/..", "lab/a..b", "../x", "lab/démo")) {
      assertThatThrownBy(() -> LabNames.checkProject(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> LabNames.checkProject("lab/a..b"))
        .hasMessage(
            "project name must be 1 to 64 lowercase letters, digits, '_', '.' or '-', starting"
                + " with a letter or digit, without '..': 'a..b'");
  }
}
