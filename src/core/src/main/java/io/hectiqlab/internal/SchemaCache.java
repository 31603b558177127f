package io.hectiqlab.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one cache of compiled schemas, shared by every way of loading one (a file, a schemas
 * directory, a classpath resource), with one rule: a compiled schema is reused while every file its
 * schema context has read is unchanged (same modification time, size and file key), the file itself
 * and every file its {@code $ref}s loaded or its {@code $id} scan read. A change to any of them
 * drops the context, and the schemas compiled in it, so that the next load reads the files again.
 *
 * <p>Entries are keyed by the context's root directory (and base URI) plus the file's real path and
 * the name messages give it: the same file reached from two roots resolves its refs differently and
 * is compiled once per root. At most {@code capacity} schemas and {@code capacity} contexts are
 * kept, the least recently used dropped first. Thread-safe; two threads asking for the same missing
 * schema may both compile it, and the first one stored wins.
 *
 * @param <V> what is cached for each compiled schema
 */
public final class SchemaCache<V> {
  /** A schema context: refs resolve below {@code root}, and to {@code baseUri} when not null. */
  private record ContextKey(Path root, String baseUri, Path shown) {}

  /** A file compiled in a context, named {@code origin} in messages. */
  private record FileKey(ContextKey context, Path realFile, String origin) {}

  /** A classpath resource of a class loader, compiled in a context of its own. */
  private record ResourceKey(ClassLoader loader, String resource) {}

  /** A cached schema and the context it was compiled in (null for resources: they never change). */
  private record Entry<V>(V value, SchemaEngine engine) {}

  private final int capacity;
  private final LinkedHashMap<Object, Entry<V>> entries;
  private final LinkedHashMap<ContextKey, SchemaEngine> engines;

  /** A cache keeping at most {@code capacity} schemas and as many schema contexts. */
  public SchemaCache(int capacity) {
    this.capacity = capacity;
    this.entries = lru(capacity);
    this.engines = lru(capacity);
  }

  private static <K, T> LinkedHashMap<K, T> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, T> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The schema context of a directory, fresh: when a file it has read changed since, a new one
   * replaces it (and the schemas compiled in the old one are dropped as they are next asked for).
   */
  public SchemaEngine engine(Path root, URI baseUri) {
    return engine(root, baseUri, null);
  }

  /**
   * The schema context of a directory whose files are named in messages below {@code shown}, the
   * directory as the user gave it (null: relative to it), fresh as {@link #engine(Path, URI)} is.
   */
  public SchemaEngine engine(Path root, URI baseUri, Path shown) {
    ContextKey key = contextKey(root, baseUri, shown);
    synchronized (this) {
      SchemaEngine engine = engines.get(key);
      if (engine != null && engine.unchanged()) {
        return engine;
      }
      engine = SchemaEngine.forDirectory(key.root(), baseUri, shown);
      engines.put(key, engine);
      return engine;
    }
  }

  /**
   * The schema compiled from a file in the context of {@code root}, compiled by {@code compile}
   * when it is not cached or a file it depends on changed. A file that is not a regular file (a
   * FIFO, a device) is compiled every time: it has no stable content to stamp.
   *
   * @param shown the root as the user gave it, below which messages name the files refs load (null:
   *     relative to the root)
   * @param file an absolute, normalized path below {@code root}
   * @param origin how messages name the file
   */
  public V file(
      Path root,
      URI baseUri,
      Path shown,
      Path file,
      String origin,
      Function<SchemaEngine, ? extends V> compile) {
    SchemaEngine engine = engine(root, baseUri, shown);
    if (!Files.isRegularFile(file)) {
      return compile.apply(engine);
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException | SecurityException e) {
      return compile.apply(engine); // it reports what is wrong with the file
    }
    FileKey key = new FileKey(contextKey(root, baseUri, shown), real, origin);
    synchronized (this) {
      Entry<V> hit = entries.get(key);
      if (hit != null && hit.engine() == engine) {
        return hit.value();
      }
    }
    V value = compile.apply(engine);
    synchronized (this) {
      Entry<V> raced = entries.get(key);
      if (raced != null && raced.engine() == engine) {
        return raced.value();
      }
      entries.put(key, new Entry<>(value, engine));
    }
    return value;
  }

  /**
   * The schema compiled from a classpath resource of {@code loader}, compiled by {@code compile}
   * when it is not cached. Resources do not change while the class loader lives.
   */
  public V resource(ClassLoader loader, String resource, Function<String, ? extends V> compile) {
    ResourceKey key = new ResourceKey(loader, resource);
    synchronized (this) {
      Entry<V> hit = entries.get(key);
      if (hit != null) {
        return hit.value();
      }
    }
    V value = compile.apply(resource);
    synchronized (this) {
      Entry<V> raced = entries.get(key);
      if (raced != null) {
        return raced.value();
      }
      entries.put(key, new Entry<>(value, null));
    }
    return value;
  }

  /** The number of schemas held, at most the capacity. */
  public synchronized int size() {
    return entries.size();
  }

  /** The number of schema contexts held, at most the capacity. */
  public synchronized int contexts() {
    return engines.size();
  }

  /** The most schemas (and contexts) kept. */
  public int capacity() {
    return capacity;
  }

  private static ContextKey contextKey(Path root, URI baseUri, Path shown) {
    return new ContextKey(
        root.toAbsolutePath().normalize(), baseUri == null ? null : baseUri.toString(), shown);
  }
}
