package io.hectiqlab.codegen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JFieldVar;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.Jackson2Annotator;

/**
 * jsonschema2pojo's Jackson annotations, made to compile and round-trip with only Jackson 3 on the
 * classpath: everything Jackson 2 and 3 share ({@code com.fasterxml.jackson.annotation}) is kept,
 * and {@code uniqueItems} sets use Jackson 3's {@code tools.jackson.databind.annotation
 * .JsonDeserialize}. Properties whose schema uses {@code oneOf}/{@code anyOf}, which
 * jsonschema2pojo types as {@code Object}, say so in their Javadoc.
 *
 * <p>Use with {@code annotationStyle=none} (this annotator replaces the Jackson 2 one).
 */
public class TemplateAnnotator extends Jackson2Annotator {
  static final String JSON_DESERIALIZE = "tools.jackson.databind.annotation.JsonDeserialize";

  /**
   * Created by jsonschema2pojo.
   *
   * @param config the generation settings
   */
  public TemplateAnnotator(GenerationConfig config) {
    super(config);
  }

  @Override
  public void propertyField(
      JFieldVar field, JDefinedClass clazz, String propertyName, JsonNode propertyNode) {
    field.annotate(JsonProperty.class).param("value", propertyName);
    if (field.type().erasure().equals(field.type().owner().ref(Set.class))) {
      field.annotate(field.type().owner().ref(JSON_DESERIALIZE)).param("as", LinkedHashSet.class);
    }
    if (propertyNode.has("javaJsonView")) {
      field
          .annotate(JsonView.class)
          .param("value", field.type().owner().ref(propertyNode.get("javaJsonView").asText()));
    }
    if (propertyNode.has("description")) {
      field
          .annotate(JsonPropertyDescription.class)
          .param("value", propertyNode.get("description").asText());
    }
    String untyped = untypedNote(propertyNode);
    if (untyped != null) {
      field.javadoc().add("\n<p>" + untyped);
    }
  }

  /**
   * The note for a property jsonschema2pojo cannot type, or null. It types a property by its {@code
   * type}; with only {@code oneOf}/{@code anyOf} the field is a plain {@code Object}.
   */
  static String untypedNote(JsonNode node) {
    String keyword = node.has("oneOf") ? "oneOf" : node.has("anyOf") ? "anyOf" : null;
    if (keyword == null) {
      return null;
    }
    return "Schema uses {@code "
        + keyword
        + "}, which jsonschema2pojo cannot type: this field holds the value as JSON reads it"
        + " ({@code Map}, {@code List}, {@code String}, {@code Number} or {@code Boolean}"
        + (node.has("type") ? ", within the declared {@code type}" : "")
        + "). {@code validate()} and {@code toConfig()} still check every alternative.";
  }
}
