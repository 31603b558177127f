package io.hectiqlab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A config composed from layers: the merged and interpolated values (defaults filled in), their
 * {@link #validation()}, and for every value the layer that set it. One from {@link
 * ConfigLayers#compose()} is valid; one from {@link ConfigLayers#inspect()} may not be (its
 * validation lists why).
 *
 * <p>Immutable and thread-safe.
 */
public final class ComposedConfig {

  private final LayerStack stack;
  private final List<String> layers;
  private final ValidationResult validation;

  /** The Config built while composing (which checks its keys), handed out by the first call. */
  private final AtomicReference<@Nullable Config> first;

  /**
   * Holds a composition.
   *
   * @throws ConfigException.BadPath when the composed tree holds a reserved key ({@code _lock},
   *     {@code _state}), as {@link ConfigSchema#toConfig} would
   */
  ComposedConfig(LayerStack stack, List<String> layers, ValidationResult validation) {
    this.stack = stack;
    this.layers = List.copyOf(layers);
    this.validation = validation;
    this.first = new AtomicReference<>(Trees.toConfig(stack.root));
  }

  /**
   * Returns the composed config: merged, defaults filled in and interpolated; valid when {@link
   * #validation()} is (always, for one {@link ConfigLayers#compose()} returned).
   *
   * @return a new, unlocked Config on each call
   */
  public Config config() {
    Config c = first.getAndSet(null);
    return c != null ? c : Trees.toConfig(stack.root);
  }

  /**
   * Returns the validation of the composed config: valid for one {@link ConfigLayers#compose()}
   * returned; for one from {@link ConfigLayers#inspect()}, every problem of every layer, each
   * violation naming the origin of its value. Its origin is {@code <layers>}.
   *
   * @return the result
   */
  public ValidationResult validation() {
    return validation;
  }

  /**
   * Returns where the value at a path came from: {@code prod.yaml:3:9} for a file, {@code env
   * APP_SERVER__PORT}, {@code --set server.port=8081} (a secret's value shown as {@code ***}),
   * {@code (default)}, or a map or Config layer's name. An interpolated string keeps the origin of
   * the string written; a value inside an object or list that was set as a whole takes the origin
   * of the nearest enclosing value that has one.
   *
   * @param path a dotted path, as {@link Config#get} takes it ({@code ""} for the root)
   * @return the origin, or null when the composed config holds nothing at that path (or, for the
   *     root, when no layer wrote anything)
   * @throws ConfigException.BadPath when the path is not a valid dotted path
   */
  public @Nullable Location origin(String path) {
    List<String> keys = keys(path);
    if (stack.get(keys) == null) {
      return null;
    }
    LayerStack.Origin o = stack.origin(keys);
    return o.layer() == null ? null : o.location(false);
  }

  /**
   * Returns every layer that set or deleted a path, in the order the layers apply ({@code
   * (default)} first); the last entry is the one that won. Secret values are {@code "***"}.
   *
   * @param path a dotted path
   * @return the entries, empty when no layer wrote the path
   */
  public List<LayerValue> history(String path) {
    List<String> keys = keys(path);
    List<LayerValue> out = new ArrayList<>();
    for (LayerStack.Event e : stack.history(keys)) {
      out.add(
          new LayerValue(
              e.layer().name,
              e.layer().location(e.pointer(), false),
              e.value() == null ? null : value(stack.redact(keys, e.value())),
              e.deleted()));
    }
    return out;
  }

  /**
   * Returns each layer's name in the order the layers apply: files as given, source origins, map
   * and Config names, {@code env APP_}, {@code --set k=v} (a secret's value shown as {@code ***});
   * never the contents of a file. The schema's defaults are not listed.
   *
   * @return the names, as a run's metadata records them
   */
  public List<String> layers() {
    return layers;
  }

  /**
   * Returns the path the template declares that is closest to a path, for a "did you mean": the
   * path itself when the template declares it, else the closest declared one within a few edits
   * ({@code server.prot} gives {@code server.port}), by the rule of every did-you-mean in
   * hectiqlab's messages.
   *
   * @param path a dotted path
   * @return the closest declared path, or null when none is close or the layers have no template
   * @throws ConfigException.BadPath when the path is not a valid dotted path
   */
  public @Nullable String closest(String path) {
    return stack.paths == null ? null : stack.paths.closest(keys(path));
  }

  /**
   * Returns true when the schema marks the value at a path secret ({@code "writeOnly": true} or
   * {@code "x-secret": true} on it or above it), or when interpolation copied a secret value into
   * it ({@code name: ${db.password}}, also inside longer text or a copied object).
   *
   * @param path a dotted path
   * @return whether its value must be shown as {@code ***}
   */
  public boolean isSecret(String path) {
    return stack.secret(keys(path));
  }

  /**
   * Returns {@link #config()} with every secret value replaced by the string {@code "***"}, for
   * printing.
   *
   * @return a new, unlocked Config on each call
   */
  public Config redacted() {
    return Trees.toConfig(stack.redact(List.of(), stack.root));
  }

  private static List<String> keys(String path) {
    return path.isEmpty() ? List.of() : List.of(Paths.split(path));
  }

  /** A value as Config's getters return it: a scalar, a list or a new Config. */
  private static @Nullable Object value(JsonNode node) {
    ObjectNode holder = JsonNodeFactory.instance.objectNode();
    holder.set("v", node);
    return Trees.toConfig(holder).get("v");
  }

  /** Names the layers, never values. */
  @Override
  public String toString() {
    return "ComposedConfig" + layers;
  }
}
