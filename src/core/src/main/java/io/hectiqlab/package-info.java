/**
 * The hectiqlab configuration toolkit: {@link io.hectiqlab.Config}, JSON Schema templates ({@link
 * io.hectiqlab.ConfigSchema}, {@link io.hectiqlab.SchemaDirectory}) and their {@link
 * io.hectiqlab.ValidationResult}s.
 *
 * <p>Null policy ({@link org.jspecify.annotations.NullMarked}): parameters and return values are
 * non-null unless annotated {@link org.jspecify.annotations.Nullable}; a {@code null} argument
 * where none is allowed throws {@link java.lang.NullPointerException} at once, while null data a
 * method accepts (a Config value, a map value, a list element) never makes a later call throw it:
 * {@link io.hectiqlab.Config#get} returns {@code null} for an absent key and for a key holding
 * {@code null}, which {@link io.hectiqlab.Config#containsKey} tells apart.
 *
 * <p>Every failure this package reports is a {@link io.hectiqlab.ConfigException} (unchecked); its
 * nested subtypes tell what went wrong, and every message reads {@code origin: path: problem}, the
 * origin printed as {@link io.hectiqlab.Location} prints it. Types under {@code
 * io.hectiqlab.internal} are not part of the API.
 */
@NullMarked
package io.hectiqlab;

import org.jspecify.annotations.NullMarked;
