package io.hectiqlab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the JSON Schema a {@link ConfigTemplate} class was generated from, as a classpath resource
 * of the class's own class loader (for example {@code examples/params.schema.json}). The codegen
 * module puts it on every generated template; {@link ConfigTemplate} reads it to validate, print
 * help and fill in defaults.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TemplateSchema {
  /**
   * The schema's classpath resource name, without a leading slash.
   *
   * @return the resource name
   */
  String value();
}
