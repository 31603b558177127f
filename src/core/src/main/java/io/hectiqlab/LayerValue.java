package io.hectiqlab;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one layer of a {@link ComposedConfig} did to one path: the value it set there, or that it
 * deleted the path ({@code ~key}). {@link ComposedConfig#history(String)} lists these in the order
 * the layers apply; the last one wins.
 *
 * <p>Immutable and thread-safe when its value is (values are copies: strings, numbers, booleans,
 * null, or unlocked {@link Config}s and lists made for this record).
 *
 * @param layer the layer's name, as {@link ComposedConfig#layers()} lists it: a file as given,
 *     {@code env APP_}, {@code --set k=v}, {@code (default)}, or a map or Config layer's name
 * @param location where in that layer the value was written: {@code prod.yaml:3:9}, {@code env
 *     APP_SERVER__PORT}, {@code --set server.port=8081}, {@code (default)}
 * @param value the value as that layer wrote it (a secret's value is {@code "***"}; an interpolated
 *     string as written, before interpolation), or null for null and for a deletion
 * @param deleted true when the layer deleted the path
 */
public record LayerValue(String layer, Location location, @Nullable Object value, boolean deleted) {

  /** Checks the components. */
  public LayerValue {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(location, "location");
  }
}
