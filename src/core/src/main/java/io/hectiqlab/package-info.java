/**
 * The hectiqlab configuration toolkit: {@link io.hectiqlab.Config}, JSON Schema templates ({@link
 * io.hectiqlab.ConfigSchema}, {@link io.hectiqlab.SchemaDirectory}) and their {@link
 * io.hectiqlab.ValidationResult}s.
 *
 * <p>Null policy: method parameters are non-null unless documented otherwise; a {@code null}
 * argument where one is not allowed throws {@link java.lang.NullPointerException}. Config values
 * may be {@code null}, and reads of absent keys return {@code null}.
 *
 * <p>Every failure this package reports is a {@link io.hectiqlab.ConfigException} (unchecked); its
 * nested subtypes tell what went wrong, and every message reads {@code origin: path: problem}.
 * Types under {@code io.hectiqlab.internal} are not part of the API.
 */
package io.hectiqlab;
