package io.hectiqlab.internal;

import com.networknt.schema.AbsoluteIri;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The schemas of a class loader below one resource folder: reads them, and holds the one rule for
 * classpath resource names ({@link #name}): no leading {@code /}, {@code .} and {@code ..} segments
 * resolved, and nothing above the top of the classpath. Refs to the http(s) {@code $id} folder of a
 * loaded schema map to that schema's resource folder. Thread-safe.
 */
final class ClasspathSchemas {
  /**
   * The IRI scheme of the resources read here. Our own, not {@code classpath}: networknt answers
   * classpath IRIs itself, from its own class loader, before asking ours; relative refs stay in
   * this scheme and come back to us.
   */
  static final String SCHEME = "hectiqlab-resource";

  private final String folder;
  private final ClassLoader loader;

  /** The folder part of a loaded schema's http(s) $id -> its resource folder. */
  private final Map<String, String> idFolders = new ConcurrentHashMap<>();

  /** Resources of {@code loader} below {@code folder} ({@code ""} for all, or ending in /). */
  ClasspathSchemas(String folder, ClassLoader loader) {
    this.folder = folder;
    this.loader = loader;
  }

  /**
   * The one rule for a classpath resource name: leading {@code /}s and empty and {@code .} segments
   * dropped, {@code ..} segments resolved; null when the name climbs above the top of the
   * classpath. {@code /a/./b/../c.json} is {@code a/c.json}.
   */
  static String name(String resource) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : resource.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          return null;
        }
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return String.join("/", segments);
  }

  /** The folder of a resource name, up to and including its last {@code /}; "" at the top. */
  static String folderOf(String name) {
    return name.substring(0, name.lastIndexOf('/') + 1);
  }

  /** True when a normalized name (see {@link #name}) is below this folder. */
  boolean holds(String name) {
    return name != null && name.startsWith(folder);
  }

  /**
   * True when the validator must not load a {@code classpath:}, {@code resource:} or our own
   * scheme's IRI: it leads outside the folder.
   */
  boolean refuses(AbsoluteIri iri) {
    String scheme = iri.getScheme();
    return !holds(name(iri.toString().substring(scheme.length() + 1)));
  }

  /** The resource an http(s) ref names through the $id folder of a loaded schema, or null. */
  String mapped(String iri) {
    for (Map.Entry<String, String> e : idFolders.entrySet()) {
      if (iri.startsWith(e.getKey())) {
        return e.getValue() + iri.substring(e.getKey().length());
      }
    }
    return null;
  }

  /** True when the class loader has a resource of that name. */
  boolean has(String name) {
    return loader.getResource(name) != null;
  }

  /** Reads and parses a resource (a normalized name), remembering the folder of its http(s) $id. */
  SchemaEngine.Source read(String resource) {
    String origin = "classpath:" + resource;
    byte[] bytes;
    try (var in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SchemaLoadException(origin + ": no such resource on the classpath", null);
      }
      bytes = in.readNBytes(Documents.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new SchemaLoadException(origin + ": cannot read: " + e.getMessage(), e);
    }
    if (bytes.length > Documents.MAX_BYTES) {
      throw new SchemaLoadException(origin + ": schema is too large", null);
    }
    Documents.Format format = Documents.Format.ofSchema(resource, origin);
    Documents.Parsed parsed =
        Documents.parse(Documents.Input.bytes(bytes, origin), format, Documents.Root.ANY);
    JsonNode node = parsed.root();
    String declared = SchemaEngine.declaredId(node);
    if (declared != null && SchemaEngine.isHttp(declared)) {
      idFolders.putIfAbsent(SchemaEngine.idFolder(declared), folderOf(resource));
    }
    return new SchemaEngine.Source(node, origin, parsed.text(), format, null, resource);
  }
}
