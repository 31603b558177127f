package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The base class of typed templates: classes generated from a JSON Schema (see the codegen module)
 * whose objects convert to validated {@link Config}s and back. The schema is the single source of
 * truth: {@link #validate()} and {@link #toConfig()} check the whole schema (ranges, patterns,
 * custom messages, cross-file {@code $ref}s), not only what Java types can express.
 *
 * <p>A subclass names its schema with {@link TemplateSchema}; schemas are loaded once per class.
 * Objects are as thread-safe as their generated fields (plain mutable beans); the static methods
 * are thread-safe.
 *
 * <pre>{@code
 * Params params = new Params().withStrides(List.of(2, 4, 8, 16));
 * Config config = params.toConfig();          // validated, defaults filled in
 * Params back = ConfigTemplate.fromConfig(config, Params.class);
 * }</pre>
 */
public abstract class ConfigTemplate {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final ClassValue<ConfigSchema> SCHEMAS =
      new ClassValue<>() {
        @Override
        protected ConfigSchema computeValue(Class<?> type) {
          TemplateSchema link = type.getAnnotation(TemplateSchema.class);
          if (link == null) {
            throw new ConfigException.BadSchema(
                type.getName() + ": not a generated template (no @TemplateSchema)", null);
          }
          ClassLoader loader = type.getClassLoader();
          return ConfigSchema.fromClasspath(
              link.value(), loader != null ? loader : ClassLoader.getSystemClassLoader());
        }
      };

  /** For subclasses. */
  protected ConfigTemplate() {}

  /**
   * Returns the compiled schema of a template class.
   *
   * @param type a class annotated with {@link TemplateSchema}
   * @return its schema
   * @throws ConfigException.BadSchema when the class has no schema or it cannot be loaded
   */
  public static ConfigSchema schemaOf(Class<?> type) {
    return SCHEMAS.get(Objects.requireNonNull(type, "type"));
  }

  /**
   * Returns a template class's help: the same JSON text as {@link ConfigSchema#help()}.
   *
   * @param type a class annotated with {@link TemplateSchema}
   * @return the help text
   */
  public static String help(Class<?> type) {
    return schemaOf(type).help();
  }

  /**
   * Validates this object against its class's schema.
   *
   * @return the result; never throws for invalid data
   */
  public ValidationResult validate() {
    return schemaOf(getClass()).validateTree(tree(), origin(getClass()));
  }

  /**
   * Returns a validated Config of this object's state, with the schema's defaults filled in; {@code
   * schemaOf(getClass()).storeHelp(config)} adds the template's descriptions under {@code __help__}
   * (see {@link ConfigSchema#storeHelp}).
   *
   * @return a new, unlocked Config
   * @throws ConfigException.Invalid when the object violates its schema
   */
  public Config toConfig() {
    return schemaOf(getClass()).toConfigTree(tree(), origin(getClass()));
  }

  /**
   * Reads a template object from a Config: validates the Config against the class's schema, fills
   * in defaults, and binds the result ({@code __help__} is ignored).
   *
   * @param config the Config
   * @param type the template class
   * @param <T> the template type
   * @return a new object
   * @throws ConfigException.Invalid when the Config violates the schema
   * @throws ConfigException.BadValue when a valid value does not fit the Java type (for example a
   *     number too large for the generated field)
   */
  public static <T extends ConfigTemplate> T fromConfig(Config config, Class<T> type) {
    Objects.requireNonNull(config, "config");
    ObjectNode node = schemaOf(type).checkedTree(config, origin(type));
    try {
      return MAPPER.treeToValue(node, type);
    } catch (DatabindException e) {
      throw new ConfigException.BadValue(
          origin(type) + ": " + pointer(e) + ": " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new ConfigException.BadValue(origin(type) + ": " + e.getOriginalMessage());
    }
  }

  private ObjectNode tree() {
    JsonNode node;
    try {
      node = MAPPER.valueToTree(this);
    } catch (JacksonException e) {
      throw new ConfigException.BadValue(origin(getClass()) + ": " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ConfigException.BadValue(
          origin(getClass()) + ": does not serialize to a JSON object");
    }
    return object;
  }

  private static String origin(Class<?> type) {
    return "<" + type.getSimpleName() + ">";
  }

  private static String pointer(DatabindException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      sb.append('/');
      if (ref.getPropertyName() != null) {
        sb.append(Documents.escapePointer(ref.getPropertyName()));
      } else {
        sb.append(ref.getIndex());
      }
    }
    return sb.toString();
  }

  /**
   * Generated subclasses combine this with their own fields; two templates are equal only when they
   * are of the same class.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().getName().hashCode();
  }

  /**
   * The {@code Name@hash[]} form that generated {@code toString} methods extend with their fields.
   */
  @Override
  public String toString() {
    return getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(this)) + "[]";
  }
}
