package io.hectiqlab.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The schema files below one root directory: which file a ref names (by {@code file:} IRI, by the
 * {@code $id} a file there declares, by the directory's base URI or the folder of an http(s) {@code
 * $id}), the one containment rule (symbolic links resolved), and what each file read looked like
 * just before it was read, so that a context can tell when the files changed under it. Refs never
 * leave the root and never reach the network. Thread-safe: its maps are concurrent and the {@code
 * $id} scan runs once.
 */
final class DirectorySchemas {
  private static final int MAX_SCAN_FILES = 10_000;

  private final Path root;
  private final String baseUri;

  /** How messages name the root (as the user gave it), or null to name files relative to it. */
  private final Path shown;

  private final Map<String, List<Path>> ids = new ConcurrentHashMap<>();
  private final Map<String, Path> idDirectories = new ConcurrentHashMap<>();
  private volatile boolean scanned;

  /** The root with its symbolic links resolved, on first use. */
  private volatile Path realRoot;

  /** Every file read so far, as it was just before it was read (the first read of each counts). */
  private final Map<Path, FileStamp> stamps = new ConcurrentHashMap<>();

  /**
   * Files below {@code root} (absolute and normalized), also published at {@code baseUri}; messages
   * name them below {@code shown}, the root as the user gave it (null: relative to the root).
   */
  DirectorySchemas(Path root, String baseUri, Path shown) {
    this.root = root;
    this.baseUri = baseUri;
    this.shown = shown;
  }

  /** The root directory. */
  Path root() {
    return root;
  }

  /**
   * True when every file read here (schemas, the files refs loaded, the files and folders the
   * {@code $id} scan read) still has the modification time, size and file key it had just before it
   * was read.
   */
  boolean unchanged() {
    for (FileStamp s : stamps.values()) {
      if (!s.unchanged()) {
        return false;
      }
    }
    return true;
  }

  /** Reads and parses a schema file, stamping it first (see {@link #unchanged}). */
  Documents.Parsed read(Path file, String origin) {
    return parse(text(file, origin), file, origin);
  }

  /** Reads a schema file's text, stamping it first (see {@link #unchanged}). */
  String text(Path file, String origin) {
    stamp(file);
    return Documents.read(Documents.Input.file(file, origin));
  }

  /** Parses a schema file's text in the format its name tells. */
  static Documents.Parsed parse(String text, Path file, String origin) {
    Documents.Format format = Documents.Format.ofSchema(String.valueOf(file.getFileName()), origin);
    return Documents.parse(Documents.Input.text(text, origin), format, Documents.Root.ANY);
  }

  private void stamp(Path file) {
    FileStamp stamp = FileStamp.of(file);
    if (stamp != null) {
      stamps.putIfAbsent(file, stamp);
    }
  }

  /**
   * How messages name a file below the root: its path relative to the root, below the root as the
   * user gave it (so {@code v2/common.schema.json} when the root file was given as {@code
   * v2/training.schema.json}): a name the user can open, as the root file's is.
   */
  String origin(Path file) {
    Path relative = root.relativize(file);
    return shown == null ? relative.toString() : shown.resolve(relative).toString();
  }

  /**
   * The file a ref names: a {@code file:} IRI below the root, an http(s) IRI that a file declares
   * as its {@code $id} or that maps through the base URI or an http(s) {@code $id} folder, or any
   * other absolute IRI a file declares as its {@code $id}.
   *
   * @param iri the ref's IRI, without fragment
   * @param scheme its scheme, in lower case
   * @throws SchemaLoadException naming the IRI when no file is found
   */
  Path fileOf(String iri, String scheme) {
    if (scheme.equals("file")) {
      Path file = Path.of(URI.create(iri)).normalize();
      if (!file.startsWith(root)) {
        throw outside(iri);
      }
      return file;
    }
    if (scheme.equals("http") || scheme.equals("https")) {
      Path file = mapRemote(iri);
      if (file == null) {
        throw new SchemaLoadException(
            "$ref to "
                + iri
                + " is remote and was not loaded: hectiqlab never fetches schemas over the"
                + " network; put that schema in the schemas directory with this $id",
            null);
      }
      return file;
    }
    Path file = declaring(iri);
    if (file == null) {
      throw new SchemaLoadException(
          "$ref to "
              + iri
              + " was not loaded: no file in the schemas directory declares this $id, and"
              + " hectiqlab never fetches schemas over the network",
          null);
    }
    return file;
  }

  /** The error for a {@code file:} ref outside the root (or without a root). */
  static SchemaLoadException outside(String iri) {
    return new SchemaLoadException(
        "$ref to " + iri + " is outside the schemas directory and was not loaded", null);
  }

  private Path mapRemote(String iri) {
    Path hit = declaring(iri);
    if (hit != null) {
      return hit;
    }
    if (baseUri != null && iri.startsWith(baseUri)) {
      return inside(root.resolve(iri.substring(baseUri.length())));
    }
    for (Map.Entry<String, Path> e : idDirectories.entrySet()) {
      if (iri.startsWith(e.getKey())) {
        Path candidate = inside(e.getValue().resolve(iri.substring(e.getKey().length())));
        if (candidate != null && Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * Returns the file below the root that declares {@code id} (without fragment) as its {@code $id}
   * (or draft-04 {@code id}), or null when none does.
   *
   * @throws SchemaLoadException when several files declare it
   */
  Path declaring(String id) {
    if (!scanned) {
      scan();
    }
    List<Path> files = ids.get(SchemaEngine.stripFragment(id));
    if (files == null) {
      return null;
    }
    if (files.size() > 1) {
      throw new SchemaLoadException(
          "$ref to "
              + id
              + " is ambiguous: "
              + files.stream()
                  .map(f -> root.relativize(f).toString().replace('\\', '/'))
                  .collect(Collectors.joining(" and "))
              + " both declare this $id",
          null);
    }
    return files.get(0);
  }

  private Path inside(Path p) {
    Path n = p.normalize();
    return n.startsWith(root) ? n : null;
  }

  /**
   * True when {@code file} is below the root once every symbolic link is resolved (of the root,
   * too): the one containment rule for files reached through the schemas directory; false when the
   * file cannot be resolved.
   */
  boolean contains(Path file) {
    try {
      Path real = realRoot;
      if (real == null) {
        real = root.toRealPath();
        realRoot = real;
      }
      return file.toAbsolutePath().toRealPath().startsWith(real);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Indexes every schema file below the root by the absolute URI it declares in {@code $id} (or,
   * when a draft-04 file has no {@code $id}, in {@code id}), once: any scheme but {@code file},
   * with or without {@code .json}, on any host. The files and folders it read are stamped, so a
   * changed, added or removed file makes this context stale (see {@link #unchanged}).
   */
  private synchronized void scan() {
    if (scanned) {
      return;
    }
    try (Stream<Path> files = Files.walk(root, 8)) {
      Iterator<Path> it =
          files.sorted().limit(MAX_SCAN_FILES).iterator(); // the same files on every machine
      while (it.hasNext()) {
        Path file = it.next();
        if (Files.isDirectory(file)) {
          stamp(file); // a file added, removed or renamed here changes the folder
          continue;
        }
        if (!Files.isRegularFile(file) || !SchemaEngine.isSchemaFile(file) || !contains(file)) {
          continue;
        }
        try {
          JsonNode node = read(file, file.toString()).root();
          String full = SchemaEngine.declaredId(node);
          if (full == null) {
            continue;
          }
          ids.computeIfAbsent(full, k -> new ArrayList<>()).add(file);
          if (SchemaEngine.isHttp(full)) {
            idDirectories.putIfAbsent(SchemaEngine.idFolder(full), file.getParent());
          }
        } catch (DocumentException e) {
          // Not a readable schema; it fails with its own error if something refers to it.
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // An unreadable directory leaves its ids unmapped; refs to them fail clearly.
    }
    scanned = true;
  }
}
