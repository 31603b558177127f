package io.hectiqlab;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One documented field of a template, as listed by {@link ConfigSchema#fields()}: a leaf property,
 * or a section (a property holding an object schema, listed before the fields inside it, with type
 * {@code object} and the section's own description).
 *
 * @param path the dotted path, for example {@code optimizer.lr}; a key holding {@code .} or {@code
 *     \} is escaped as {@link Config#get(String)} reads it ({@code lr\.max} is the one key {@code
 *     lr.max}, {@code lr.max} the key {@code max} inside {@code lr})
 * @param type the JSON type in words: {@code number}, {@code string|null}, {@code array<integer>},
 *     {@code object}, {@code enum}, {@code any}, ...
 * @param description the schema's description, or {@code null} when it has none
 * @param defaultJson the default as compact JSON ({@code ***} for a property the schema marks
 *     {@code "writeOnly": true} or {@code "x-secret": true}, or one inside it), or {@code null}
 *     when there is none
 * @param constraints the constraints in words, for example {@code >= 0} or {@code one of: "a",
 *     "b"}; a property of a {@code oneOf}/{@code anyOf} branch also reads {@code only in oneOf
 *     branch 2}
 * @param required whether the object holding the field lists it in {@code required} (never for a
 *     field of a {@code oneOf}/{@code anyOf} branch, which applies only when its branch does)
 */
public record TemplateField(
    String path,
    String type,
    @Nullable String description,
    @Nullable String defaultJson,
    List<String> constraints,
    boolean required) {

  /** Checks the components and copies the constraints. */
  public TemplateField {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    constraints = List.copyOf(constraints);
  }
}
