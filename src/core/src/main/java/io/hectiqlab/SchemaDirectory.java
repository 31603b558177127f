package io.hectiqlab;

import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
    return ConfigSchema.CACHE.engine(root, baseUri);
  }

  /**
   * Opens a schemas directory.
   *
   * @param dir the directory
   * @return the directory
   * @throws ConfigException.BadSchema when it is not a directory
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
   * @throws ConfigException.BadSchema when it is not a directory
   */
  public static SchemaDirectory open(Path dir, URI baseUri) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new ConfigException.BadSchema(dir + ": not a directory", null);
    }
    return new SchemaDirectory(root, dir, baseUri);
  }

  /** Returns the directory. */
  public Path root() {
    return root;
  }

  /**
   * Returns the template with a given name: a path relative to the directory ({@code
   * examples/training.schema.json}), a file name without its {@code .schema.json} or {@code .json}
   * ending ({@code training}) when exactly one file has it, or a {@code $id}.
   *
   * @param name the template's name, relative path or {@code $id}
   * @return the compiled template
   * @throws ConfigException.BadSchema when no template has that name, or it is invalid
   */
  public ConfigSchema get(String name) {
    Path file = find(name);
    String origin = given.resolve(root.relativize(file)).toString();
    return ConfigSchema.CACHE.file(
        root,
        baseUri,
        file,
        origin,
        engine -> ConfigSchema.compile(() -> engine.compileFile(file, origin)));
  }

  /**
   * Compiles schema text whose refs resolve in this directory.
   *
   * @param schema the schema text (JSON or YAML)
   * @return the compiled schema
   * @throws ConfigException.BadSchema when the text is not a valid schema
   */
  public ConfigSchema parse(String schema) {
    return ConfigSchema.compile(() -> engine().compileText(schema, "<schema>"));
  }

  /** Returns the relative paths of the schema files in this directory, sorted. */
  public List<String> names() {
    return files().stream()
        .map(f -> root.relativize(f).toString().replace('\\', '/'))
        .sorted()
        .toList();
  }

  private List<Path> files() {
    try (Stream<Path> s = Files.walk(root, 8)) {
      return s.filter(Files::isRegularFile)
          .filter(SchemaEngine::isSchemaFile)
          .filter(engine()::contains)
          .toList();
    } catch (IOException e) {
      throw new ConfigException.BadSchema(
          root + ": cannot list schemas: " + FileErrors.about(root, e), e);
    } catch (UncheckedIOException e) {
      throw new ConfigException.BadSchema(
          root + ": cannot list schemas: " + FileErrors.about(root, e.getCause()), e);
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
    String wanted = name.toLowerCase(Locale.ROOT);
    List<Path> matches = files().stream().filter(f -> stem(f).equals(wanted)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String known = String.join(", ", names());
    if (matches.isEmpty()) {
      throw new ConfigException.BadSchema(
          root + ": no template named '" + name + "' (templates: " + known + ")", null);
    }
    throw new ConfigException.BadSchema(
        root + ": several templates are named '" + name + "'; use a path: " + known, null);
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String suffix :
        new String[] {".schema.json", ".schema.yaml", ".schema.yml", ".json", ".yaml", ".yml"}) {
      if (n.endsWith(suffix)) {
        return n.substring(0, n.length() - suffix.length());
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "SchemaDirectory[" + root + "]";
  }
}
