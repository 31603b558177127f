package io.hectiqlab;

import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.lab.DownloadedConfig;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A nested configuration: string keys mapped to values, which may be other Configs, lists, strings,
 * numbers, booleans or null (the Java form of pyhectiqlab's {@code Config}).
 *
 * <p>Not thread-safe while it is being changed; a locked Config is safe to read from many threads
 * once the lock has been published safely (for example through a {@code final} field or a
 * concurrent collection).
 *
 * <h2>Paths</h2>
 *
 * Reads and writes take a dotted path: {@code get("optimizer.lr")} reads key {@code lr} of the
 * nested Config {@code optimizer}; a key that is a non-negative integer reads an element of a list
 * ({@code get("layers.0.units")}). A key that itself contains a dot stays an ordinary key: it is
 * stored, saved and loaded unchanged, and a path reaches it with the dot escaped by a backslash
 * ({@code get("lr\\.max")} in Java source reads the key {@code lr.max}); {@link #escapeKey} does
 * the escaping. {@link #of}, {@link #fromMap} and JSON files take keys literally, never as paths.
 *
 * <h2>Values</h2>
 *
 * Maps are stored as Configs (also inside lists), Collections and arrays as lists, and a Config
 * passed to {@link #set} is copied, so every nested Config and list belongs to exactly one parent.
 * Any other object may be stored, but {@link #toJson()} and {@link #save} accept only what JSON can
 * encode and fail naming the path of anything else. Numbers keep their kind and exact value ({@code
 * 0.1}, {@code 2^63-1} and {@code 1e-300} survive a save and load); NaN and infinities are refused.
 * The keys {@code _lock} and {@code _state} are reserved and refused; {@code __help__} is where
 * {@link ConfigSchema#storeHelp(Config)} stores a template's descriptions.
 *
 * <h2>Locking</h2>
 *
 * {@link #lock()} makes the Config and everything nested in it refuse every change, including
 * changes made through the lists that {@link #getList} hands out; the attempt throws {@link
 * ConfigException.Locked} naming the path. Unlike pyhectiqlab, whose lock covers only the top
 * level, the lock here is deep. {@link #keys()} is always a read-only view and {@link #toMap()} a
 * detached copy.
 */
public final class Config {
  // Every write to entries, owner and version (and the drop of index) is made by Containers.
  final Entries entries;
  Object owner;
  private volatile boolean locked;

  /**
   * Counts changes to this Config and everything nested in it (see {@link
   * Containers#checkWritable}).
   */
  long version;

  /** All paths resolved, for fast reads; null until reads pay for it, and after any change. */
  PathIndex index;

  /** Reads since the index was last built or found stale. */
  private int reads;

  /** Paths counted when the index was last built (or given up on): the cost of building it. */
  private int indexCost;

  /** Creates an empty, unlocked Config. */
  public Config() {
    entries = new Entries(4);
  }

  /** Creates an empty Config with room for {@code expected} keys. */
  Config(int expected) {
    entries = new Entries(expected);
  }

  /**
   * Creates a Config from alternating keys and values: {@code Config.of("a", 5, "b", "hello")}.
   *
   * @param keysAndValues an even number of arguments; each key is a String taken literally (not as
   *     a path); values may be anything, including nested Configs and maps
   * @return a new, unlocked Config
   * @throws IllegalArgumentException when the count is odd or a key is not a String
   */
  public static Config of(@Nullable Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Config.of takes keys and values in pairs, got " + keysAndValues.length + " arguments");
    }
    Config config = new Config();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key)) {
        throw new IllegalArgumentException(
            "Config.of: argument " + i + " must be a String key, found " + keysAndValues[i]);
      }
      config.putKey(key, keysAndValues[i + 1]);
    }
    return config;
  }

  /**
   * Creates a Config from a map; nested maps, also inside lists, become nested Configs.
   *
   * @param map the entries; keys are taken literally (not as paths)
   * @return a new, unlocked Config
   * @throws ConfigException.BadValue when the map contains itself or nests too deeply
   */
  public static Config fromMap(Map<String, ? extends @Nullable Object> map) {
    Objects.requireNonNull(map, "map");
    return (Config) Values.normalize(map, null, "");
  }

  /**
   * Parses a Config from JSON text whose root is an object.
   *
   * @param json the JSON text
   * @return a new, unlocked Config
   * @throws ConfigException.Parse when the text is not a single JSON object, naming the line and
   *     column
   */
  public static Config fromJson(String json) {
    try {
      return Trees.toConfig(
          Documents.parse(
                  Documents.Input.text(json, "<string>"),
                  Documents.Format.JSON,
                  Documents.Root.OBJECT)
              .root());
    } catch (DocumentException e) {
      throw Trees.parseError(e);
    }
  }

  /**
   * Parses a Config from YAML text whose root is a mapping (JSON text is YAML too).
   *
   * @param yaml the YAML text
   * @return a new, unlocked Config
   * @throws ConfigException.Parse when the text is not a single YAML mapping, naming {@code
   *     <string>}, the line and the column
   */
  public static Config fromYaml(String yaml) {
    return load(ConfigSource.text(yaml, "<string>", ConfigFormat.YAML));
  }

  /**
   * Parses a Config from TOML text. Dates and times become RFC 3339 strings (see {@link
   * ConfigFormat#TOML}).
   *
   * @param toml the TOML text
   * @return a new, unlocked Config
   * @throws ConfigException.Parse when the text is not valid TOML, naming {@code <string>}, the
   *     line and the column
   */
  public static Config fromToml(String toml) {
    return load(ConfigSource.text(toml, "<string>", ConfigFormat.TOML));
  }

  /**
   * Loads a Config from a file in the syntax its name tells: {@code .json}, {@code .yaml} or {@code
   * .yml}, {@code .toml}, in any case (see {@link ConfigFormat}).
   *
   * @param file the file to read
   * @return a new, unlocked Config
   * @throws ConfigException.Io when the file cannot be read (missing, a directory, unreadable, too
   *     large), naming it and the reason
   * @throws ConfigException.Parse when the file cannot be parsed, or its name tells no syntax,
   *     naming the file, line and column
   */
  public static Config load(Path file) {
    return load(ConfigSource.file(file));
  }

  /**
   * Loads a Config from a source: a file, a stream such as standard input, or text.
   *
   * @param source where the document comes from and its syntax
   * @return a new, unlocked Config
   * @throws ConfigException.Io when the source is a file that cannot be read
   * @throws ConfigException.Parse when the document cannot be parsed, or its root is not an object,
   *     naming the origin, line and column
   */
  public static Config load(ConfigSource source) {
    try {
      return Trees.toConfig(source.parse(true).root());
    } catch (DocumentException e) {
      throw Trees.parseError(e);
    }
  }

  /**
   * Downloads a run's latest config and its metadata from the lab of the environment (see {@link
   * Lab#fromEnvironment()}).
   *
   * @param run the run's name or slug
   * @param project {@code owner/name}
   * @return the config and the metadata
   * @throws LabException when the lab refuses or cannot be reached (a 401 is an error, never an
   *     empty config)
   */
  public static DownloadedConfig download(String run, String project) {
    return Lab.fromEnvironment().download(run, project);
  }

  /**
   * Returns a string that reads as the single key {@code key} inside a dotted path, escaping dots
   * and backslashes: {@code escapeKey("lr.max")} is {@code lr\.max}.
   *
   * @param key a key
   * @return the escaped key
   */
  public static String escapeKey(String key) {
    return Paths.escape(key);
  }

  // ---------------------------------------------------------------------------------- reading

  /**
   * Returns the value at a dotted path, or null when absent. A Config that is read more than it is
   * changed resolves every path once and answers later reads with a single hash lookup.
   *
   * @param path a dotted path such as {@code optimizer.lr}
   * @return the value (a Config for nested objects, a List for lists), or null
   */
  public @Nullable Object get(String path) {
    PathIndex ix = index;
    if (ix != null && ix.version == version) {
      Object v = ix.get(path);
      if (v != PathIndex.ABSENT) {
        return v;
      }
    } else if (++reads > 8 + indexCost / 4) {
      // Rebuilt only after enough reads to pay for it, so interleaved writes and reads stay cheap.
      reads = 0;
      PathIndex built = PathIndex.build(this, version);
      indexCost = built == null ? PathIndex.MAX_PATHS : built.size;
      index = built;
    }
    return walk(path);
  }

  private @Nullable Object walk(String path) {
    String[] keys = Paths.split(path);
    Object current = entries.get(keys[0]);
    for (int i = 1; i < keys.length; i++) {
      if (current instanceof Config c) {
        current = c.entries.get(keys[i]);
      } else if (current instanceof ConfigList l) {
        int index = Paths.index(keys[i]);
        current = index >= 0 && index < l.items.size() ? l.items.get(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * Returns true when the path leads to a value, even a null one.
   *
   * @param path a dotted path
   * @return whether the key is present
   */
  public boolean containsKey(String path) {
    String[] keys = Paths.split(path);
    Object parent = parentOf(keys);
    String last = keys[keys.length - 1];
    if (parent instanceof Config c) {
      return c.entries.containsKey(last);
    }
    if (parent instanceof ConfigList l) {
      int i = Paths.index(last);
      return i >= 0 && i < l.items.size();
    }
    return false;
  }

  /**
   * Returns the string at a path, or null when absent.
   *
   * @param path a dotted path
   * @return the string or null
   * @throws ConfigException.WrongType when the value is not a string
   */
  public @Nullable String getString(String path) {
    Object v = get(path);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new ConfigException.WrongType(path, "string", Values.describe(v));
  }

  /**
   * Returns the integer at a path, or null when absent; a number with no fractional part (such as
   * {@code 32.0}) is accepted.
   *
   * @param path a dotted path
   * @return the value or null
   * @throws ConfigException.WrongType when the value is not a number that fits an int exactly
   */
  public @Nullable Integer getInt(String path) {
    Object v = get(path);
    if (v == null) {
      return null;
    }
    BigDecimal d = exactNumber(path, v, "int");
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw new ConfigException.WrongType(path, "int", Values.describe(v) + " (out of range)");
    }
  }

  /**
   * Returns the long at a path, or null when absent; a number with no fractional part is accepted.
   *
   * @param path a dotted path
   * @return the value or null
   * @throws ConfigException.WrongType when the value is not a number that fits a long exactly
   */
  public @Nullable Long getLong(String path) {
    Object v = get(path);
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    BigDecimal d = exactNumber(path, v, "long");
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw new ConfigException.WrongType(path, "long", Values.describe(v) + " (out of range)");
    }
  }

  private static BigDecimal exactNumber(String path, Object v, String type) {
    if (!(v instanceof Number n) || !Values.isJsonNumber(n)) {
      throw new ConfigException.WrongType(path, type, Values.describe(v));
    }
    BigDecimal d;
    if (n instanceof BigDecimal b) {
      d = b;
    } else if (n instanceof BigInteger b) {
      d = new BigDecimal(b);
    } else if (n instanceof Double || n instanceof Float) {
      d = BigDecimal.valueOf(n.doubleValue());
    } else {
      d = BigDecimal.valueOf(n.longValue());
    }
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new ConfigException.WrongType(path, type, Values.describe(v) + " (not a whole number)");
    }
    return d;
  }

  /**
   * Returns the number at a path as a double, or null when absent.
   *
   * @param path a dotted path
   * @return the value or null
   * @throws ConfigException.WrongType when the value is not a number, or too large for a double
   */
  public @Nullable Double getDouble(String path) {
    Object v = get(path);
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Number n && Values.isJsonNumber(n)) {
      double d = n.doubleValue();
      if (Double.isInfinite(d)) {
        throw new ConfigException.WrongType(
            path, "double", Values.describe(v) + " (too large for a double)");
      }
      return d;
    }
    throw new ConfigException.WrongType(path, "double", Values.describe(v));
  }

  /**
   * Returns the boolean at a path, or null when absent.
   *
   * @param path a dotted path
   * @return the value or null
   * @throws ConfigException.WrongType when the value is not a boolean
   */
  public @Nullable Boolean getBoolean(String path) {
    Object v = get(path);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new ConfigException.WrongType(path, "boolean", Values.describe(v));
  }

  /**
   * Returns the nested Config at a path (live: changes to it change this Config), or null.
   *
   * @param path a dotted path
   * @return the nested Config or null
   * @throws ConfigException.WrongType when the value is not a Config
   */
  public @Nullable Config getConfig(String path) {
    Object v = get(path);
    if (v == null || v instanceof Config) {
      return (Config) v;
    }
    throw new ConfigException.WrongType(path, "config (object)", Values.describe(v));
  }

  /**
   * Returns the list at a path, or null. The list is live: changes to it change this Config, and it
   * refuses changes while this Config is locked.
   *
   * @param path a dotted path
   * @return the list or null
   * @throws ConfigException.WrongType when the value is not a list
   */
  public @Nullable List<@Nullable Object> getList(String path) {
    Object v = get(path);
    if (v == null || v instanceof ConfigList) {
      return (ConfigList) v;
    }
    throw new ConfigException.WrongType(path, "list", Values.describe(v));
  }

  /** Returns a read-only view of the top-level keys, in insertion order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** Returns the number of top-level keys. */
  public int size() {
    return entries.size();
  }

  // ---------------------------------------------------------------------------------- writing

  /**
   * Sets the value at a dotted path, creating nested Configs along the way.
   *
   * @param path a dotted path; see the class documentation for escaping dots in keys
   * @param value the value; maps become Configs, collections and arrays lists, Configs are copied
   * @return this Config
   * @throws ConfigException.Locked when this Config is locked
   * @throws ConfigException.BadPath when a key is reserved or the path runs through a value that is
   *     neither a Config nor a list
   * @throws ConfigException.BadValue when the value is NaN or infinite, contains this Config, or
   *     nests too deeply
   */
  public Config set(String path, @Nullable Object value) {
    String[] keys = Paths.split(path);
    int depth = Values.depthOf(this);
    if (Documents.pathTooDeep(depth, keys.length)) {
      // Refused before anything changes; named by the path of the first Config too deep.
      String base = pathOf(this);
      String below = Paths.prefix(keys, Documents.MAX_DEPTH - depth + 1);
      throw new ConfigException.BadValue(
          (base.isEmpty() ? below : base + "." + below) + ": " + Documents.TOO_DEEP);
    }
    Object current = this;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = childOf(current, keys, i);
      if (next == null && current instanceof Config c) {
        next = Containers.putNewConfig(c, keys[i], Paths.prefix(keys, i + 1));
      } else if (!(next instanceof Config) && !(next instanceof ConfigList)) {
        throw new ConfigException.BadPath(
            path
                + ": cannot set inside "
                + Paths.prefix(keys, i + 1)
                + ", which holds "
                + Values.describe(next));
      }
      current = next;
    }
    String last = keys[keys.length - 1];
    if (current instanceof ConfigList list) {
      int index = Paths.index(last);
      if (index < 0 || index >= list.items.size()) {
        throw new ConfigException.BadPath(
            path + ": no element " + last + " in a list of " + list.items.size());
      }
      list.set(index, value);
    } else {
      ((Config) current).putKey(last, value);
    }
    return this;
  }

  /**
   * Removes the value at a dotted path.
   *
   * @param path a dotted path
   * @return the removed value, or null when there was none
   * @throws ConfigException.Locked when this Config is locked
   */
  public @Nullable Object remove(String path) {
    String[] keys = Paths.split(path);
    String last = keys[keys.length - 1];
    Object parent = this;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = step(parent, keys[i]);
      if (!(next instanceof Config) && !(next instanceof ConfigList)) {
        // Nothing to remove; still a change attempted on this container, so the lock holds.
        Containers.checkWritable(parent, keys[i]);
        return null;
      }
      parent = next;
    }
    if (parent instanceof ConfigList l) {
      int index = Paths.index(last);
      if (index < 0) {
        Containers.checkWritable(l, last); // not an index: nothing to remove
        return null;
      }
      return Containers.removeIfPresent(l, index);
    }
    return Containers.remove((Config) parent, last);
  }

  private void putKey(String key, Object value) {
    Containers.put(this, key, value);
  }

  /** The value under one key of a container, null when absent or not a container. */
  private static Object step(Object container, String key) {
    if (container instanceof Config c) {
      return c.entries.get(key);
    }
    if (container instanceof ConfigList l) {
      int index = Paths.index(key);
      return index >= 0 && index < l.items.size() ? l.items.get(index) : null;
    }
    return null;
  }

  /** The container holding the last key of a path, or null when the path does not exist. */
  private Object parentOf(String[] keys) {
    Object current = this;
    for (int i = 0; i < keys.length - 1 && current != null; i++) {
      current = step(current, keys[i]);
    }
    return current;
  }

  private static Object childOf(Object container, String[] keys, int i) {
    if (container instanceof Config c) {
      return c.entries.get(keys[i]);
    }
    if (container instanceof ConfigList l) {
      int index = Paths.index(keys[i]);
      if (index < 0 || index >= l.items.size()) {
        throw new ConfigException.BadPath(
            Paths.prefix(keys, i + 1) + ": no element " + keys[i] + " in a list");
      }
      return l.items.get(index);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------- locking

  /**
   * Locks this Config: it and everything nested in it refuse every change until {@link #unlock()}.
   *
   * @return this Config
   */
  public Config lock() {
    locked = true;
    return this;
  }

  /**
   * Clears this Config's own lock. A Config nested in a locked parent stays locked until the parent
   * is unlocked.
   *
   * @return this Config
   */
  public Config unlock() {
    locked = false;
    return this;
  }

  /** Returns true when this Config, or a Config it is nested in, is locked. */
  public boolean isLocked() {
    for (Object c = this; c != null; c = Values.ownerOf(c)) {
      if (c instanceof Config config && config.locked) {
        return true;
      }
    }
    return false;
  }

  /** True when this Config's own lock is set (not counting the Configs it is nested in). */
  boolean lockedHere() {
    return locked;
  }

  /** Returns the dotted path of {@code key} inside {@code container}, from the outermost Config. */
  static String pathOf(Object container, Object key) {
    String base = pathOf(container);
    return key instanceof Integer i ? Paths.child(base, i) : Paths.child(base, (String) key);
  }

  /** Returns the dotted path of a container from the outermost Config ({@code ""} for it). */
  static String pathOf(Object container) {
    Object parent = Values.ownerOf(container);
    if (parent == null) {
      return "";
    }
    String base = pathOf(parent);
    if (parent instanceof Config c) {
      for (int i = 0; i < c.entries.size(); i++) {
        if (c.entries.value(i) == container) {
          return Paths.child(base, c.entries.key(i));
        }
      }
    } else if (parent instanceof ConfigList l) {
      for (int i = 0; i < l.items.size(); i++) {
        if (l.items.get(i) == container) {
          return Paths.child(base, i);
        }
      }
    }
    return base;
  }

  // ---------------------------------------------------------------------------------- converting

  /**
   * Returns a detached deep copy as plain Java collections (the {@code **config} spread of Python):
   * nested Configs become {@code LinkedHashMap}s and lists {@code ArrayList}s. Changing the copy
   * never changes this Config.
   */
  public Map<String, @Nullable Object> toMap() {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) Values.plain(this);
    return map;
  }

  /** Returns an unlocked deep copy of this Config. */
  public Config copy() {
    return (Config) Values.normalize(this, null, "");
  }

  /**
   * Returns this Config as pretty-printed JSON.
   *
   * @return the JSON text
   * @throws ConfigException.BadValue when a value is not JSON-encodable, naming its path and type
   */
  public String toJson() {
    return Trees.toJson(this);
  }

  /**
   * Returns this Config as YAML (block style, every string quoted so that it reads back as the same
   * values).
   *
   * @return the YAML text
   * @throws ConfigException.BadValue when a value is not encodable, naming its path and type
   */
  public String toYaml() {
    return Trees.toYaml(this);
  }

  /**
   * Saves this Config atomically and durably, in the syntax the file's name tells ({@code .json},
   * {@code .yaml} or {@code .yml}, {@code .toml}, in any case; see {@link ConfigFormat}). A regular
   * file is replaced atomically (readers see the old file or the new one, never a partial one) and
   * keeps its permissions, owner and group; a symbolic link is followed and its target written; a
   * file with several hard links is written in place, which keeps the links but is not atomic; a
   * FIFO or a device is written directly, without a temporary file; a directory or a socket is
   * refused.
   *
   * @param file where to write
   * @throws ConfigException.BadValue when a value cannot be written in that syntax, naming its path
   *     (TOML has no null); nothing is written
   * @throws ConfigException.Io when the file cannot be written (the old file is left as it was)
   * @throws ConfigException.Io also when the name tells no syntax (as {@link #load(Path)} says)
   */
  public void save(Path file) {
    Documents.Format format = Documents.Format.byName(file);
    if (format == null) {
      throw new ConfigException.Io(
          file, "cannot save config: " + Documents.Format.unknownProblem(), null);
    }
    String text =
        switch (format) {
          case YAML -> Trees.toYaml(this);
          case TOML -> Trees.toToml(this);
          case JSON -> Trees.toJson(this) + "\n";
        };
    try {
      AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException.Io(file, "cannot save config: " + FileErrors.about(file, e), e);
    }
  }

  /** Two Configs are equal when they hold equal content; the lock state is ignored. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Config other) || other.entries.size() != entries.size()) {
      return false;
    }
    for (int i = 0; i < entries.size(); i++) {
      Object v = other.entries.get(entries.key(i));
      if (v == null && !other.entries.containsKey(entries.key(i))) {
        return false;
      }
      if (!Values.equal(entries.value(i), v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Values.hashEntries(entries);
  }

  /**
   * Returns the JSON form when every value is encodable, otherwise a map-like rendering ({@code
   * toString} never throws).
   */
  @Override
  public String toString() {
    try {
      return Trees.toJson(this);
    } catch (ConfigException e) {
      return toMap().toString();
    }
  }
}
