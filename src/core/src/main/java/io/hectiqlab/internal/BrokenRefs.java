package io.hectiqlab.internal;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Explains why a schema failed to load when one of its {@code $ref}s cannot be resolved: finds the
 * first such reference (in the schema or in a document it refers to) by resolving each as
 * validation does, and names the referring file, the reference's line and column, and what is
 * missing: the file (with the closest existing name), or the part of the target the fragment points
 * to.
 */
final class BrokenRefs {
  private static final int MAX_DOCUMENTS = 1_000;
  private static final int MAX_NAMES = 8;

  private final SchemaEngine engine;
  private final String rootOrigin;
  private final String rootIri;
  private final Set<String> visited = new HashSet<>();

  private BrokenRefs(SchemaEngine engine, String rootOrigin, String rootIri) {
    this.engine = engine;
    this.rootOrigin = rootOrigin;
    this.rootIri = rootIri;
  }

  /**
   * The error for the first unresolvable {@code $ref} reachable from a schema, or null when every
   * reference resolves (the load failed for another reason).
   */
  static SchemaLoadException find(SchemaEngine engine, Schema root, String origin) {
    try {
      String iri = root.getSchemaLocation().getAbsoluteIri().toString();
      return new BrokenRefs(engine, origin, iri).document(root);
    } catch (RuntimeException | StackOverflowError e) {
      return null; // the caller reports the original failure
    }
  }

  private SchemaLoadException document(Schema doc) {
    String iri = doc.getSchemaLocation().getAbsoluteIri().toString();
    if (!visited.add(iri) || visited.size() > MAX_DOCUMENTS) {
      return null;
    }
    return walk(doc.getSchemaNode(), new Refs.Site(doc.getSchemaLocation(), doc), "", doc, 0);
  }

  private SchemaLoadException walk(
      JsonNode node, Refs.Site site, String pointer, Schema doc, int depth) {
    if (Documents.tooDeep(depth)) {
      return null;
    }
    if (node.isObject()) {
      if (Refs.hasRef(node)) {
        Schema target;
        try {
          target = Refs.targetOrThrow(node, site);
        } catch (RuntimeException | StackOverflowError e) {
          return broken("$ref", node.get("$ref").stringValue(), site, pointer + "/$ref", doc, e);
        }
        if (target != null) {
          SchemaLoadException inTarget = document(documentOf(target));
          if (inTarget != null) {
            return inTarget;
          }
        }
      }
      JsonNode dynamic = node.get("$dynamicRef");
      if (dynamic != null && dynamic.isString()) {
        // its first target is found as a $ref's (a $dynamicAnchor there may then move it)
        ObjectNode asRef = JsonNodeFactory.instance.objectNode().put("$ref", dynamic.stringValue());
        try {
          Refs.targetOrThrow(asRef, site);
        } catch (RuntimeException | StackOverflowError e) {
          return broken(
              "$dynamicRef", dynamic.stringValue(), site, pointer + "/$dynamicRef", doc, e);
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (Refs.DATA_KEYWORDS.contains(e.getKey()) || !(e.getValue().isContainer())) {
          continue;
        }
        SchemaLoadException found =
            walk(
                e.getValue(),
                site.child(e.getKey()),
                pointer + "/" + Documents.escapePointer(e.getKey()),
                doc,
                depth + 1);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        SchemaLoadException found =
            walk(
                node.get(i),
                new Refs.Site(site.location().append(i), site.parent()),
                pointer + "/" + i,
                doc,
                depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Schema documentOf(Schema s) {
    Schema doc = s;
    for (int i = 0; i < 10_000 && doc.getParentSchema() != null; i++) {
      doc = doc.getParentSchema();
    }
    return doc;
  }

  // ------------------------------------------------------------------------------- the message

  private SchemaLoadException broken(
      String keyword, String ref, Refs.Site site, String pointer, Schema doc, Throwable failure) {
    String docIri = doc.getSchemaLocation().getAbsoluteIri().toString();
    SchemaEngine.Source source = engine.source(docIri);
    boolean inRoot = docIri.equals(rootIri);
    String where = inRoot || source == null ? rootOrigin : source.origin();
    if (source != null) {
      where = source.location(where, pointer);
    }
    String problem = problem(ref, site, source, failure);
    if (problem == null) {
      return null;
    }
    return SchemaErrors.referenced(
        inRoot,
        rootOrigin,
        where + ": cannot resolve " + keyword + " '" + ref + "': " + problem,
        failure);
  }

  private String problem(
      String ref, Refs.Site site, SchemaEngine.Source source, Throwable failure) {
    int hash = ref.indexOf('#');
    String path = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : decode(ref.substring(hash + 1));
    SchemaLoadException load = cause(failure, SchemaLoadException.class);
    if (load != null) {
      String missingFile = missingFile(path, source);
      if (missingFile != null) {
        return missingFile;
      }
      String m = load.getMessage();
      return m.startsWith("$ref to ") ? m.substring("$ref to ".length()) : m;
    }
    String target = SchemaLocation.resolve(site.location(), ref);
    SchemaEngine.Source doc = engine.source(SchemaEngine.stripFragment(target));
    String name = path.isEmpty() ? "this schema" : path;
    if (doc == null) {
      // Not a missing file nor a missing part: the engine's wording for load failures.
      String general = SchemaErrors.loadError("", failure).getMessage();
      return general.startsWith(": ") ? general.substring(2) : general;
    }
    if (!fragment.startsWith("/")) {
      return name + " declares no $anchor '" + fragment + "'";
    }
    if (!doc.node().at(fragment).isMissingNode()) {
      return null; // the target exists: it fails for what it holds, which the caller explains
    }
    return name + " has no " + fragment + contents(doc.node(), fragment);
  }

  /** For a relative ref from a file or classpath resource: the file it names, when missing. */
  private String missingFile(String path, SchemaEngine.Source source) {
    if (path.isEmpty() || source == null || hasScheme(path)) {
      return null;
    }
    String decoded = decode(path);
    if (source.file() != null) {
      Path wanted = source.file().getParent().resolve(decoded).normalize();
      if (Files.exists(wanted)) {
        return null;
      }
      String closest = closest(wanted);
      return "file "
          + path
          + " does not exist"
          + (closest == null ? "" : "; did you mean " + replaceLast(path, closest) + "?");
    }
    if (source.resource() != null) {
      String folder = source.resource().substring(0, source.resource().lastIndexOf('/') + 1);
      String wanted =
          URI.create("x:/" + (folder + decoded).replace(" ", "%20"))
              .normalize()
              .getPath()
              .substring(1)
              .replace("%20", " ");
      return engine.hasResource(wanted) ? null : "classpath resource " + wanted + " does not exist";
    }
    return null;
  }

  private static boolean hasScheme(String ref) {
    return ref.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*");
  }

  /** The name of the schema file beside {@code wanted} that is closest to its name, or null. */
  private static String closest(Path wanted) {
    Path dir = wanted.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    String name = wanted.getFileName().toString();
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      Iterator<Path> it = files.limit(10_000).iterator();
      while (it.hasNext()) {
        Path f = it.next();
        if (Files.isRegularFile(f) && SchemaEngine.isSchemaFile(f)) {
          names.add(f.getFileName().toString());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
    return Messages.closest(name, names, Math.max(2, name.length() / 3));
  }

  private static String replaceLast(String path, String name) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + name;
  }

  /** What the deepest existing part of a missing pointer holds, such as " (/$defs has: a, b)". */
  private static String contents(JsonNode doc, String pointer) {
    String[] parts = pointer.substring(1).split("/", -1);
    JsonNode node = doc;
    StringBuilder at = new StringBuilder();
    for (String raw : parts) {
      String part = Documents.unescapePointer(raw);
      JsonNode next = node.isObject() ? node.get(part) : null;
      if (next == null) {
        break;
      }
      node = next;
      at.append('/').append(raw);
    }
    if (!node.isObject() || node.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (String key : node.propertyNames()) {
      if (names.size() == MAX_NAMES) {
        names.add("...");
        break;
      }
      names.add(key);
    }
    return " (" + (at.isEmpty() ? "its top level" : at) + " has: " + String.join(", ", names) + ")";
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable c : SchemaErrors.causes(e)) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
