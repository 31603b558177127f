package io.hectiqlab.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsonschema2pojo.ContentResolver;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.RuleLogger;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.SchemaStore;
import org.jsonschema2pojo.SourceType;

/**
 * The schema store of {@link TemplateRuleFactory}: an http(s) {@code $ref} resolves to the schema
 * file of the source directories that declares that {@code $id} (or lies under the folder of a
 * declared {@code $id}), as validation resolves it; any other remote reference is refused, so
 * generating classes never touches the network. Not thread-safe (jsonschema2pojo uses one store per
 * run).
 */
final class LocalSchemaStore extends SchemaStore {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_FILES = 10_000;

  private final GenerationConfig config;
  private Map<String, URI> ids;
  private Map<String, URI> folders;

  LocalSchemaStore(GenerationConfig config, RuleLogger logger) {
    super(
        config.getSourceType() == SourceType.YAMLSCHEMA || config.getSourceType() == SourceType.YAML
            ? new ContentResolver(new YAMLFactory())
            : new ContentResolver(),
        logger);
    this.config = config;
  }

  @Override
  public synchronized Schema create(URI id, String refFragmentPathDelimiters) {
    return super.create(local(id), refFragmentPathDelimiters);
  }

  /** The local file an http(s) id stands for (its fragment kept); other ids as they are. */
  private URI local(URI id) {
    String scheme = id.getScheme() == null ? "" : id.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return id;
    }
    String s = id.toString();
    int hash = s.indexOf('#');
    String base = hash < 0 ? s : s.substring(0, hash);
    String fragment = hash < 0 ? "" : s.substring(hash);
    if (ids == null) {
      scan();
    }
    URI file = ids.get(base);
    if (file == null) {
      for (Map.Entry<String, URI> e : folders.entrySet()) {
        if (base.startsWith(e.getKey())) {
          URI candidate = e.getValue().resolve(base.substring(e.getKey().length())).normalize();
          if (candidate.toString().startsWith(e.getValue().toString())
              && new File(candidate).isFile()) {
            file = candidate;
            break;
          }
        }
      }
    }
    if (file == null) {
      throw new IllegalArgumentException(
          "$ref to "
              + base
              + " is remote and was not loaded: hectiqlab never fetches schemas over the network;"
              + " put that schema in the source directory with this $id");
    }
    return URI.create(file + fragment);
  }

  /** Reads the http(s) {@code $id} (or draft-04 {@code id}) of every schema file of the sources. */
  private void scan() {
    ids = new HashMap<>();
    folders = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (Iterator<URL> sources = config.getSource(); sources.hasNext(); ) {
      Path dir;
      try {
        Path source = Path.of(sources.next().toURI());
        dir = Files.isDirectory(source) ? source : source.getParent();
      } catch (URISyntaxException | IllegalArgumentException e) {
        continue; // not a file source: nothing to index
      }
      if (dir == null) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
        Iterator<Path> it = files.limit(MAX_FILES).iterator();
        while (it.hasNext()) {
          index(it.next(), json, yaml);
        }
      } catch (IOException | UncheckedIOException e) {
        // an unreadable directory leaves its ids unmapped; refs to them fail clearly
      }
    }
  }

  private void index(Path file, ObjectMapper json, ObjectMapper yaml) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean isYaml = name.endsWith(".yaml") || name.endsWith(".yml");
    if (!Files.isRegularFile(file) || !(isYaml || name.endsWith(".json"))) {
      return;
    }
    JsonNode node;
    try {
      node = (isYaml ? yaml : json).readTree(file.toFile());
    } catch (IOException | RuntimeException e) {
      return; // not a readable schema; it fails with its own error if something refers to it
    }
    JsonNode id =
        node == null || !node.isObject()
            ? null
            : node.has("$id") ? node.get("$id") : node.get("id");
    if (id == null || !id.isTextual() || !id.asText().matches("(?i)https?://.*")) {
      return;
    }
    String full = id.asText();
    int hash = full.indexOf('#');
    full = hash < 0 ? full : full.substring(0, hash);
    URI uri = file.toAbsolutePath().normalize().toUri();
    ids.putIfAbsent(full, uri);
    folders.putIfAbsent(
        full.substring(0, full.lastIndexOf('/') + 1),
        file.toAbsolutePath().normalize().getParent().toUri());
  }
}
