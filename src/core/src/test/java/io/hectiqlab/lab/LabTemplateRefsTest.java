package io.hectiqlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates compiled from a lab's texts: pinned lab: refs, nothing else. */
class LabTemplateRefsTest {
  private static final String UNITS =
      """
      {"$defs": {"rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}
      """;

  private static final String TRAINING =
      """
      {"type": "object",
       "properties": {"lr": {"$ref": "lab:team/common/units@2#/$defs/rate"}},
       "required": ["lr"]}
      """;

  @Test
  void aPinnedRefToAnotherProjectsVersionIsReadThroughTheFunctionAndValidates() {
    List<TemplateRef> asked = new ArrayList<>();
    ConfigSchema schema =
        ConfigSchema.fromLab(
            TemplateRef.parse("lab:ml/vision/training@3"),
            TRAINING,
            r -> {
              asked.add(r);
              return r.equals(TemplateRef.of("team/common", "units", 2)) ? UNITS : null;
            });

    assertThat(schema.validate(Map.of("lr", 0.5)).isValid()).isTrue();
    List<Violation> bad = schema.validate(Map.of("lr", 2)).violations();
    assertThat(bad).extracting(Violation::instancePath).containsExactly("/lr");
    assertThat(asked).containsExactly(TemplateRef.of("team/common", "units", 2));
  }

  @Test
  void aMissingVersionIsRefusedNamingTheRef() {
    assertThatThrownBy(
            () ->
                ConfigSchema.fromLab(
                    TemplateRef.parse("lab:ml/vision/training@3"), TRAINING, r -> null))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("lab:team/common/units@2")
        .hasMessageContaining("no such template version");
  }

  @Test
  void latestRelativeAndRemoteRefsAreRefused() {
    for (String ref :
        List.of("lab:team/common/units@latest", "common.schema.json", "https://x.example/s.json")) {
      String text = "{\"properties\": {\"a\": {\"$ref\": \"" + ref + "\"}}}";
      assertThatThrownBy(
              () -> ConfigSchema.fromLab(TemplateRef.parse("lab:ml/vision/t@1"), text, r -> UNITS))
          .as(ref)
          .isInstanceOf(ConfigException.BadSchema.class);
    }
  }

  @Test
  void refsParseAndPrintInOneForm() {
    TemplateRef r = TemplateRef.parse("lab:ml/vision/training@12");
    assertThat(r).isEqualTo(TemplateRef.of("ml/vision", "training", 12));
    assertThat(r.toString()).isEqualTo("lab:ml/vision/training@12");
    assertThat(TemplateRef.parse("lab:ml/vision/training@latest").isPinned()).isFalse();
    for (String bad :
        List.of(
            "ml/vision/t@1", "lab:ml/t@1", "lab:ml/vision/t", "lab:ml/vision/t@0", "lab:Ml/v/t@1"))
      assertThatThrownBy(() -> TemplateRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a template ref");
  }
}
