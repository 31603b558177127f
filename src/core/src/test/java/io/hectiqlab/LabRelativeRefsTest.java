package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.lab.TemplateRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab template's relative refs are refused, even those that would resolve to a lab version. */
class LabRelativeRefsTest {
  private static final TemplateRef AT = TemplateRef.parse("lab:ml/vision/training@3");
  private static final String UNITS = "{\"$defs\": {\"rate\": {\"type\": \"number\"}}}";

  @Test
  void aRelativeRefIsRefusedEvenWhenItWouldNameAPublishedVersion() {
    for (String ref : List.of("units@1", "../../team/common/units@1", "common.json", "/x/y@1")) {
      String text = "{\"properties\": {\"a\": {\"$ref\": \"" + ref + "\"}}}";
      assertThatThrownBy(() -> ConfigSchema.fromLab(AT, text, r -> UNITS))
          .as(ref)
          .isInstanceOf(ConfigException.BadSchema.class)
          .hasMessage(
              "lab:ml/vision/training@3: cannot resolve $ref '"
                  + ref
                  + "': a relative ref; a published template refers only to its own fragments"
                  + " (#...) and to pinned versions (lab:OWNER/PROJECT/NAME@N)");
    }
  }

  @Test
  void anAbsoluteRefToAnythingButALabVersionSaysWhatATemplateMayReach() {
    for (String ref : List.of("https://x.example/s.json", "file:///etc/passwd", "urn:x:y")) {
      String text = "{\"properties\": {\"a\": {\"$ref\": \"" + ref + "\"}}}";
      assertThatThrownBy(() -> ConfigSchema.fromLab(AT, text, r -> UNITS))
          .as(ref)
          .isInstanceOf(ConfigException.BadSchema.class)
          .hasMessage(
              "lab:ml/vision/training@3:1:31: cannot resolve $ref '"
                  + ref
                  + "': "
                  + ref
                  + " was not loaded: a published template refers only to its own fragments"
                  + " (#...) and to pinned versions (lab:OWNER/PROJECT/NAME@N); nothing is fetched"
                  + " from anywhere else");
    }
  }

  @Test
  void fragmentsPinnedRefsAndRefsInDataAreKept() {
    String text =
        "{\"$defs\": {\"n\": {\"type\": \"integer\"}},"
            + " \"properties\": {\"a\": {\"$ref\": \"#/$defs/n\"},"
            + " \"b\": {\"$ref\": \"lab:team/common/units@1#/$defs/rate\"},"
            + " \"c\": {\"const\": {\"$ref\": \"not/a/ref\"}}}}";
    ConfigSchema schema = ConfigSchema.fromLab(AT, text, r -> UNITS);
    assertThat(
            schema
                .validateText("{\"a\": 1, \"b\": 0.5, \"c\": {\"$ref\": \"not/a/ref\"}}")
                .isValid())
        .isTrue();
  }
}
