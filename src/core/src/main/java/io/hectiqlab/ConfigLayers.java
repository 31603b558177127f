package io.hectiqlab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A builder of layered configs: files, sources, maps and Configs, the environment and override
 * arguments, composed into one {@link ComposedConfig} that is validated against a template and
 * remembers where each value came from.
 *
 * <p>Not thread-safe; each method returns this builder. {@link #compose()} may be called more than
 * once (files are read again each time).
 *
 * <h2>Order</h2>
 *
 * Layers apply in this order, whatever the order of the calls: the schema's defaults (at the
 * bottom, so that an appended list extends a default list), then the documents ({@link #file},
 * {@link #source}, {@link #map}, {@link #config}) in the order they were added, then the
 * environment ({@link #environment}), then the overrides ({@link #overrides}) in the order given.
 * After merging, defaults are filled in again (for objects the layers created), then {@code ${...}}
 * interpolation runs (except in strings of {@link #literal()} layers), then validation.
 *
 * <h2>Merging</h2>
 *
 * Objects merge key by key, a later layer's value winning; a list is replaced as a whole, unless
 * the schema says otherwise for that array ({@code "x-hectiqlab-merge": "append"} appends the later
 * layer's elements; {@code {"mergeBy": "name"}} merges object elements that have the same {@code
 * name}, appending the others). A {@code null} sets null; a key is deleted only by a {@code ~key}
 * override.
 *
 * <h2>Overrides</h2>
 *
 * Hydra's grammar: {@code k=v} sets a path that exists in the layers below or that the schema
 * declares; {@code +k=v} adds a path that must not exist yet; {@code ++k=v} sets or adds; {@code
 * ~k} deletes a path that exists. Values are read as JSON, else taken as strings; missing
 * intermediate objects are created. An unknown path is a violation suggesting the closest one the
 * schema declares.
 *
 * <h2>Errors</h2>
 *
 * A file that cannot be read is a {@link ConfigException.Io}, one that cannot be parsed a {@link
 * ConfigException.Parse}. Everything else (values the schema refuses, bad environment variables,
 * bad overrides, interpolation problems, merge conflicts) is reported together, in layer order, in
 * one {@link ConfigException.Invalid} whose every violation names the origin of the value it is
 * about: {@code prod.yaml:3:9: /server/port: must be at most 65535 (maximum)}, {@code env
 * APP_SERVER__PORT: /server/port: must be integer, found "08"}, {@code --set server.port=abc:
 * ...}, {@code (default): ...}. Values of secret properties ({@code "writeOnly": true} or {@code
 * "x-secret": true}) are shown as {@code ***} in every message and origin.
 */
public final class ConfigLayers {

  private ConfigLayers() {}

  /**
   * Starts layers composed against a template: its defaults are the bottom layer, its types convert
   * environment values, its declared paths admit {@code k=v} overrides, and the composed config is
   * validated against it.
   *
   * @param schema the template
   * @return a new builder without layers
   */
  public static ConfigLayers of(ConfigSchema schema) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Starts layers composed without a template: no defaults, no validation, environment values read
   * as JSON when they parse as JSON (else kept as strings) under their variable names lowercased
   * ({@code APP_SERVER__PORT} sets {@code server.port}), and {@code k=v} overrides admitted only for
   * paths the layers below hold.
   *
   * @return a new builder without layers
   */
  public static ConfigLayers untyped() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds a file layer, read in the syntax its name tells ({@code .json}, {@code .yaml}, {@code
   * .yml}, {@code .toml}, any case) when {@link #compose()} runs; its name is the path as given.
   *
   * @param file the file
   * @return this builder
   */
  public ConfigLayers file(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds a document layer read from a source (a file, a stream such as standard input, or text);
   * its name is the source's {@link ConfigSource#origin()}.
   *
   * @param source the document
   * @return this builder
   */
  public ConfigLayers source(ConfigSource source) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds a layer from a map (nested maps and lists, as from a JSON parser), copied now.
   *
   * @param name the layer's name in origins and messages, such as {@code defaults-from-code}
   * @param values the layer's values
   * @return this builder
   * @throws ConfigException.BadValue when the map holds a value JSON cannot encode
   */
  public ConfigLayers map(String name, Map<String, ? extends @Nullable Object> values) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds a layer from a Config, copied now.
   *
   * @param name the layer's name in origins and messages
   * @param config the layer's values
   * @return this builder
   * @throws ConfigException.BadValue when the Config holds a value JSON cannot encode
   */
  public ConfigLayers config(String name, Config config) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds the process environment's variables that start with a prefix as a layer (see {@link
   * #environment(String, Map)}).
   *
   * @param prefix the prefix, such as {@code APP_}
   * @return this builder
   */
  public ConfigLayers environment(String prefix) {
    return environment(prefix, System.getenv());
  }

  /**
   * Adds the variables that start with a prefix as a layer: {@code APP_SERVER__PORT=8081} sets
   * {@code server.port} ({@code __} separates levels; names match the schema's properties ignoring
   * case) to the value converted by the schema's type at that path. A variable the schema does not
   * declare, or a value its type refuses ({@code 08} for an integer), is a violation naming the
   * variable. The layer's name is {@code env PREFIX}; each value's origin is {@code env VARIABLE}.
   *
   * @param prefix the prefix, such as {@code APP_}
   * @param variables the variables (copied now), as from {@link System#getenv()}
   * @return this builder
   */
  public ConfigLayers environment(String prefix, Map<String, String> variables) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds override arguments in Hydra's grammar ({@code k=v}, {@code +k=v}, {@code ++k=v}, {@code
   * ~k}), applied after the environment in the order given; each is a layer named {@code --set
   * ARG} (a secret's value shown as {@code ***}).
   *
   * @param overrides the arguments, such as {@code server.port=8081}
   * @return this builder
   */
  public ConfigLayers overrides(List<String> overrides) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Turns interpolation off for the layer added last: its strings are kept as written ({@code
   * ${...}} and {@code $${} included).
   *
   * @return this builder
   * @throws IllegalStateException when no layer was added yet
   */
  public ConfigLayers literal() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Reads every layer, merges them in the documented order, fills in defaults, interpolates and
   * validates.
   *
   * @return the composed config with its provenance
   * @throws ConfigException.Io when a file cannot be read
   * @throws ConfigException.Parse when a document cannot be parsed
   * @throws ConfigException.Invalid listing every problem of every layer, each violation naming the
   *     origin of the value it is about
   */
  public ComposedConfig compose() {
    throw new UnsupportedOperationException("not yet");
  }
}
