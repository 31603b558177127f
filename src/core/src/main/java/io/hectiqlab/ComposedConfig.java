package io.hectiqlab;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A config composed from layers by {@link ConfigLayers#compose()}: the merged, interpolated and
 * validated values (defaults filled in), and for every value the layer that set it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ComposedConfig {

  private ComposedConfig() {}

  /**
   * Returns the composed config: merged, defaults filled in, interpolated and validated.
   *
   * @return a new, unlocked Config on each call
   */
  public Config config() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Returns where the value at a path came from: {@code prod.yaml:3:9} for a file, {@code env
   * APP_SERVER__PORT}, {@code --set server.port=8081} (a secret's value shown as {@code ***}),
   * {@code (default)}, or a map or Config layer's name. An interpolated string keeps the origin of
   * the string written; a value inside an object or list that was set as a whole takes the origin
   * of the nearest enclosing value that has one.
   *
   * @param path a dotted path, as {@link Config#get} takes it ({@code ""} for the root)
   * @return the origin, or null when the composed config holds nothing at that path
   */
  public @Nullable Location origin(String path) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Returns every layer that set or deleted a path, in the order the layers apply ({@code
   * (default)} first); the last entry is the one that won. Secret values are {@code "***"}.
   *
   * @param path a dotted path
   * @return the entries, empty when no layer wrote the path
   */
  public List<LayerValue> history(String path) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Returns each layer's name in the order the layers apply: files as given, source origins, map and
   * Config names, {@code env APP_}, {@code --set k=v} (a secret's value shown as {@code ***}); never
   * the contents of a file. The schema's defaults are not listed.
   *
   * @return the names, as a run's metadata records them
   */
  public List<String> layers() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Returns true when the schema marks the value at a path secret ({@code "writeOnly": true} or
   * {@code "x-secret": true} on it or above it).
   *
   * @param path a dotted path
   * @return whether its value must be shown as {@code ***}
   */
  public boolean isSecret(String path) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Returns {@link #config()} with every secret value replaced by the string {@code "***"}, for
   * printing.
   *
   * @return a new, unlocked Config on each call
   */
  public Config redacted() {
    throw new UnsupportedOperationException("not yet");
  }
}
