package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link ConfigSchema#field(String)}: the documented field at any dotted path of a config, also
 * inside lists and maps, which {@link ConfigSchema#fields()} does not list.
 */
class FieldAtPathTest {
  static final ConfigSchema TRAINING = ConfigSchema.load(ConfigSchemaTest.TRAINING);

  @Test
  void aListedFieldIsTheOneFieldsLists() {
    TemplateField lr = TRAINING.field("optimizer.lr").orElseThrow();
    assertThat(TRAINING.fields()).contains(lr);
    assertThat(TRAINING.field("dataset.name").orElseThrow().required()).isTrue();
  }

  @Test
  void aFieldInsideAListElementIsDescribedThroughItsRefs() {
    TemplateField units = TRAINING.field("model.layers.0.units").orElseThrow();
    assertThat(units.path()).isEqualTo("model.layers.0.units");
    assertThat(units.type()).isEqualTo("integer");
    assertThat(units.description()).isEqualTo("Width of the layer");
    assertThat(units.constraints()).contains(">= 1", "<= 65536");
    assertThat(units.required()).isFalse();
    TemplateField activation = TRAINING.field("model.layers.3.activation").orElseThrow();
    assertThat(activation.defaultJson()).isEqualTo("\"relu\"");
    assertThat(TRAINING.field("tags.0").orElseThrow().type()).isEqualTo("string");
  }

  @Test
  void aKeyOfAMapIsDescribedByTheMapsValueSchema() {
    assertThat(TRAINING.field("labels.team").orElseThrow().constraints()).contains("length <= 256");
  }

  @Test
  void aPathTheTemplateForbidsOrDoesNotKnowIsEmpty() {
    assertThat(TRAINING.field("optimizer.lrr")).isEmpty();
    assertThat(TRAINING.field("model.layers.0.unit")).isEmpty();
  }

  @Test
  void aSecretsDefaultReadsStarsAtAnyPath() {
    ConfigSchema s =
        ConfigSchema.fromText(
            """
            {"type": "object", "properties": {"keys": {"type": "array", "x-secret": true,
              "items": {"type": "object", "properties": {
                "value": {"type": "string", "default": "hunter2"}}}}}}
            """);
    assertThat(s.field("keys.0.value").orElseThrow().defaultJson()).isEqualTo("***");
  }

  @Test
  void aKeyHoldingADotIsListedEscapedApartFromTheNestedKeySpelledAlike() {
    ConfigSchema s =
        ConfigSchema.fromText(
            """
            {"type": "object", "properties": {
              "lr.max": {"type": "number", "description": "the dotted key"},
              "lr": {"type": "object", "properties": {
                "max": {"type": "integer", "description": "max inside lr"}}},
              "a\\\\b": {"type": "string", "description": "a backslash"}}}
            """);
    assertThat(s.fields())
        .extracting(TemplateField::path)
        .containsExactly("lr\\.max", "lr", "lr.max", "a\\\\b");
    assertThat(s.field("lr\\.max").orElseThrow().description()).isEqualTo("the dotted key");
    assertThat(s.field("lr.max").orElseThrow().description()).isEqualTo("max inside lr");
    assertThat(s.field(Config.escapeKey("a\\b")).orElseThrow().description())
        .isEqualTo("a backslash");
    Config c = Config.of("lr.max", 0.5, "lr", Config.of("max", 3));
    for (TemplateField f : s.fields().subList(0, 3)) {
      assertThat(c.get(f.path())).as(f.path()).isNotNull();
    }
  }

  @Test
  void aMalformedPathIsABadPath() {
    assertThatThrownBy(() -> TRAINING.field("a..b")).isInstanceOf(ConfigException.BadPath.class);
  }
}
