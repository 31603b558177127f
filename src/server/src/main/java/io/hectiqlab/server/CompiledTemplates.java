package io.hectiqlab.server;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.LabDocuments;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import io.hectiqlab.server.Store.TemplateVersion;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The template versions a server has compiled, by {@link TemplateKey}: versions never change, so an
 * entry never goes stale. Bounded by entries and by the bytes of their texts, least recently used
 * out first. A version's refs to other versions are read from the store as they are (their access
 * was checked when the version was published). Thread-safe.
 */
final class CompiledTemplates {
  /** The most versions kept. */
  static final int MAX_ENTRIES = 256;

  /** The most bytes of schema text kept (a compiled schema takes a few times its text). */
  static final long MAX_BYTES = 32L * 1024 * 1024;

  private final Store store;
  private final int maxEntries;
  private final long maxBytes;
  private final Map<TemplateKey, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** The most versions a version may reach through its refs, itself included. */
  static final int MAX_REACHED = 1_000;

  /**
   * A version compiled (or why its stored text no longer compiles) and the projects of every
   * version it reaches through its refs, transitively, itself included (null: more than {@link
   * #MAX_REACHED} versions).
   */
  private record Entry(
      ConfigSchema schema,
      ConfigException.BadSchema failure,
      Set<ProjectRef> reaches,
      long bytes) {}

  CompiledTemplates(Store store) {
    this(store, MAX_ENTRIES, MAX_BYTES);
  }

  /** A cache with other bounds (the newest entry is kept even when it alone is over them). */
  CompiledTemplates(Store store, int maxEntries, long maxBytes) {
    this.store = store;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * A published version, compiled; empty when there is no such version.
   *
   * @throws io.hectiqlab.ConfigException.BadSchema when the stored text no longer compiles
   */
  Optional<ConfigSchema> get(TemplateKey key) {
    return entry(key)
        .map(
            e -> {
              if (e.failure() != null) {
                throw e.failure();
              }
              return e.schema();
            });
  }

  /**
   * The projects of every version a published version reaches through its refs, transitively,
   * itself included: using the version needs reading each. Empty when there is no such version.
   *
   * @throws io.hectiqlab.ConfigException.BadSchema when it reaches more than {@link #MAX_REACHED}
   *     versions
   */
  Optional<Set<ProjectRef>> reaches(TemplateKey key) {
    return entry(key)
        .map(
            e -> {
              if (e.reaches() == null) {
                throw new ConfigException.BadSchema(
                    key + " reaches more than " + MAX_REACHED + " template versions", null);
              }
              return e.reaches();
            });
  }

  private Optional<Entry> entry(TemplateKey key) {
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null) {
        return Optional.of(e);
      }
    }
    Optional<TemplateVersion> stored =
        store.templateVersion(key.project(), key.name(), key.version());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    TemplateVersion v = stored.get();
    Set<ProjectRef> reaches = reaches(key, v.body());
    ConfigSchema schema = null;
    ConfigException.BadSchema failure = null;
    try {
      schema = ConfigSchema.fromLab(ref(key), v.body(), readAny(store));
    } catch (ConfigException.BadSchema bad) {
      failure = bad; // versions never change: neither does this
    }
    Entry e = new Entry(schema, failure, reaches, (long) v.body().length() * 2);
    synchronized (this) {
      Entry old = entries.put(key, e);
      bytes += e.bytes - (old == null ? 0 : old.bytes);
      Iterator<Entry> oldest = entries.values().iterator();
      while ((entries.size() > maxEntries || bytes > maxBytes) && entries.size() > 1) {
        bytes -= oldest.next().bytes;
        oldest.remove();
      }
    }
    return Optional.of(e);
  }

  /**
   * The projects of the versions a version's text reaches through its {@code lab:} refs,
   * transitively (refs that name no pinned, existing version lead nowhere: compiling refuses them),
   * its own included; null when it reaches more than {@link #MAX_REACHED} versions.
   */
  private Set<ProjectRef> reaches(TemplateKey key, String body) {
    Set<ProjectRef> projects = new LinkedHashSet<>(List.of(key.project()));
    Set<TemplateKey> seen = new HashSet<>(List.of(key));
    Deque<String> todo = new ArrayDeque<>(List.of(body));
    while (!todo.isEmpty()) {
      JsonNode root;
      try {
        root = LabServer.JSON.readTree(todo.poll());
      } catch (RuntimeException notJson) {
        continue; // stored by an older lab: compiling says what is wrong
      }
      for (String iri : LabDocuments.labRefs(root)) {
        TemplateRef ref;
        try {
          ref = TemplateRef.parse(iri);
        } catch (IllegalArgumentException notARef) {
          continue;
        }
        if (!ref.isPinned() || !seen.add(key(ref))) {
          continue;
        }
        if (seen.size() > MAX_REACHED) {
          return null;
        }
        TemplateKey k = key(ref);
        projects.add(k.project());
        store
            .templateVersion(k.project(), k.name(), k.version())
            .ifPresent(v -> todo.add(v.body()));
      }
    }
    return Set.copyOf(projects);
  }

  /** The versions kept now, least recently used first. */
  synchronized List<TemplateKey> keys() {
    return List.copyOf(entries.keySet());
  }

  /** The core's ref of a store's key. */
  static TemplateRef ref(TemplateKey key) {
    return TemplateRef.of(key.project().toString(), key.name(), key.version());
  }

  /** The store's key of a pinned ref. */
  static TemplateKey key(TemplateRef ref) {
    String[] parts = ref.project().split("/", 2);
    return new TemplateKey(new ProjectRef(parts[0], parts[1]), ref.name(), ref.version());
  }

  /** Reads any published version's text (null when there is none), whoever asks. */
  static Function<TemplateRef, String> readAny(Store store) {
    return r -> {
      TemplateKey k = key(r);
      return store
          .templateVersion(k.project(), k.name(), k.version())
          .map(TemplateVersion::body)
          .orElse(null);
    };
  }
}
