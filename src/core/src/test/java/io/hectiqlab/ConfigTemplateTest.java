package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ConfigTemplate's behaviour for classes that are not (or not properly) generated templates. */
class ConfigTemplateTest {

  static class Unlinked extends ConfigTemplate {}

  @TemplateSchema("nowhere/missing.schema.json")
  static class Missing extends ConfigTemplate {}

  @TemplateSchema("schemas/test/inner.schema.json")
  public static class Linked extends ConfigTemplate {}

  @Test
  void aClassWithoutTemplateSchemaIsAClearError() {
    assertThatThrownBy(() -> new Unlinked().toConfig())
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("Unlinked")
        .hasMessageContaining("@TemplateSchema");
    assertThatThrownBy(() -> ConfigTemplate.help(Unlinked.class))
        .isInstanceOf(ConfigException.BadSchema.class);
  }

  @Test
  void aMissingSchemaResourceIsAClearErrorNamingIt() {
    assertThatThrownBy(() -> new Missing().validate())
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("nowhere/missing.schema.json");
  }

  @Test
  void baseEqualityIsByClassSoGeneratedFieldsDecide() {
    assertThat(new Linked()).isEqualTo(new Linked()).isNotEqualTo(new Unlinked());
    assertThat(new Linked().hashCode()).isEqualTo(new Linked().hashCode());
    assertThat(new Linked().toString()).startsWith(Linked.class.getName() + "@").endsWith("[]");
    assertThat(ConfigTemplate.schemaOf(Linked.class))
        .isSameAs(ConfigTemplate.schemaOf(Linked.class));
  }
}
