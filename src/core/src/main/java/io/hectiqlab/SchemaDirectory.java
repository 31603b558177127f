package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory of JSON Schema templates that refer to each other: by relative path, or by the {@code
 * $id} (or draft-04 {@code id}) each file declares, whatever its scheme and host and whether or not
 * it ends in {@code .json} (so {@code https://schemas.example.com/common}, {@code
 * urn:example:common} or {@code tag:example.com,2024:common} resolve to the file that declares that
 * id, fragments included). Two files declaring the same id make a ref to it an error naming both.
 * Refs never leave the directory and never reach the network.
 *
 * <p>Thread-safe. A template is compiled once and reused while neither its file nor any file its
 * refs loaded has changed; the cache is the one {@link ConfigSchema#load} uses.
 */
public final class SchemaDirectory {
  private final Path root;
  private final Path given;
  private final URI baseUri;

  private SchemaDirectory(Path root, Path given, URI baseUri) {
    this.root = root;
    this.given = given;
    this.baseUri = baseUri;
  }

  /** The directory's schema context, fresh (see {@link ConfigSchema#CACHE}). */
  private SchemaEngine engine() {
    return ConfigSchema.CACHE.engine(root, baseUri, given);
  }

  /**
   * Opens a schemas directory.
   *
   * @param dir the directory
   * @return the directory
   * @throws ConfigException.Io when it is missing or not a directory
   */
  public static SchemaDirectory open(Path dir) {
    return open(dir, null);
  }

  /**
   * Opens a schemas directory that is also published under a base URI: a ref to {@code baseUri +
   * "a/b.json"} reads the file {@code a/b.json} of the directory.
   *
   * @param dir the directory
   * @param baseUri the URI the directory is published at, ending in {@code /}, or null
   * @return the directory
   * @throws ConfigException.Io when it is missing or not a directory
   */
  public static SchemaDirectory open(Path dir, @Nullable URI baseUri) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      String kind = Files.isRegularFile(root) ? "a file" : FileErrors.kind(root);
      throw new ConfigException.Io(
          dir,
          kind != null
              ? "is " + kind + ", not a directory"
              : Files.isSymbolicLink(root) ? FileErrors.BROKEN_LINK : "no such directory",
          null);
    }
    return new SchemaDirectory(root, dir, baseUri);
  }

  /** Returns the directory. */
  public Path root() {
    return root;
  }

  /**
   * Returns the template with a given name: a path relative to the directory ({@code
   * examples/training.schema.json}), the same without its {@code .schema.json}, {@code .json},
   * {@code .yaml} (...) ending ({@code examples/training}), a file name without its ending ({@code
   * training}) when exactly one file has it, or a {@code $id}. An ambiguous name fails listing the
   * files it could mean.
   *
   * @param name the template's name, relative path or {@code $id}
   * @return the compiled template
   * @throws ConfigException.Io when the template's file cannot be read, or the directory cannot be
   *     listed
   * @throws ConfigException.BadSchema when no template has that name, or it is invalid
   */
  public ConfigSchema get(String name) {
    Path file = find(name);
    String origin = given.resolve(root.relativize(file)).toString();
    return ConfigSchema.CACHE.file(
        root,
        baseUri,
        given,
        file,
        origin,
        engine -> ConfigSchema.compile(() -> engine.compileFile(file, origin)));
  }

  /**
   * Compiles schema text whose refs resolve in this directory; its origin in messages is {@code
   * <schema>}.
   *
   * @param schema the schema text, JSON or YAML (never a name: use {@link #get(String)} for a
   *     template of the directory)
   * @return the compiled schema
   * @throws ConfigException.BadSchema when the text is not a valid schema
   */
  public ConfigSchema fromText(String schema) {
    return ConfigSchema.compile(() -> engine().compileText(schema, "<schema>"));
  }

  /**
   * Returns the relative paths of the schema files in this directory, sorted.
   *
   * @throws ConfigException.Io when the directory cannot be listed
   */
  public List<String> names() {
    return files().stream().map(this::relative).sorted().toList();
  }

  private List<Path> files() {
    try (Stream<Path> s = Files.walk(root, 8)) {
      return s.filter(Files::isRegularFile)
          .filter(SchemaEngine::isSchemaFile)
          .filter(engine()::contains)
          .toList();
    } catch (IOException e) {
      throw new ConfigException.Io(root, "cannot list schemas: " + FileErrors.about(root, e), e);
    } catch (UncheckedIOException e) {
      throw new ConfigException.Io(
          root, "cannot list schemas: " + FileErrors.about(root, e.getCause()), e);
    }
  }

  private Path find(String name) {
    if (SchemaEngine.isAbsoluteUri(name)) {
      Path declaring;
      try {
        declaring = engine().declaring(name);
      } catch (SchemaLoadException e) {
        throw new ConfigException.BadSchema(root + ": " + e.getMessage(), null);
      }
      if (declaring != null) {
        return declaring;
      }
      throw new ConfigException.BadSchema(
          root + ": no schema with $id " + name + " (schemas: " + String.join(", ", names()) + ")",
          null);
    }
    Path direct = root.resolve(name).normalize();
    if (direct.startsWith(root) && Files.isRegularFile(direct)) {
      if (!engine().contains(direct)) {
        throw new ConfigException.BadSchema(
            given.resolve(root.relativize(direct))
                + ": leads outside the schemas directory through a symbolic link and was not"
                + " loaded",
            null);
      }
      return direct;
    }
    // a name without its ending: a file name (training), or a relative path (mine/service)
    String wanted = name.replace('\\', '/').toLowerCase(Locale.ROOT);
    while (wanted.startsWith("./")) {
      wanted = wanted.substring(2);
    }
    boolean byPath = wanted.contains("/");
    List<Path> matches = new ArrayList<>();
    for (Path f : files()) {
      if (stem(byPath ? relative(f) : f.getFileName().toString()).equals(wanted)) {
        matches.add(f);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new ConfigException.BadSchema(
          root
              + ": no template named '"
              + name
              + "' (templates: "
              + String.join(", ", names())
              + ")",
          null);
    }
    List<String> candidates = matches.stream().map(this::relative).sorted().toList();
    throw new ConfigException.BadSchema(
        root
            + ": several templates are named '"
            + name
            + "': "
            + String.join(", ", candidates)
            + "; name one by its path, such as "
            + stem(candidates.get(0)),
        null);
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * A file name or relative path without the extension the format rule knows and without {@code
   * .schema}, in lower case.
   */
  private static String stem(String name) {
    String n = Documents.Format.stem(name).toLowerCase(Locale.ROOT);
    return n.endsWith(".schema") ? n.substring(0, n.length() - ".schema".length()) : n;
  }

  @Override
  public String toString() {
    return "SchemaDirectory[" + root + "]";
  }
}
