package io.hectiqlab.cli;

import io.hectiqlab.Compatibility;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.internal.AtomicFiles;
import io.hectiqlab.internal.FileErrors;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.FetchedTemplate;
import io.hectiqlab.lab.LabException;
import io.hectiqlab.lab.LabTemplates;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.lab.TemplateSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code lab:} template refs on the command line: parsed, fetched and compiled through the
 * configured lab and its on-disk cache. One place for the commands' rules: a ref that does not
 * parse, or names a template or version the lab does not have, is a usage error (exit code 2, as a
 * missing template file); a lab that cannot be reached or refuses otherwise fails (exit code 1).
 */
final class LabRefs {
  private LabRefs() {}

  /** Parses {@code lab:OWNER/PROJECT/NAME@N} or {@code @latest}; a bad ref is a usage error. */
  static TemplateRef parse(String text) {
    try {
      return TemplateRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw Main.CliException.usage(e.getMessage());
    }
  }

  /**
   * Parses a template named without a version, {@code lab:OWNER/PROJECT/NAME} (returned as its
   * {@code @latest} ref), or with one ({@code @N}, {@code @latest}) when {@code versions} allows
   * it.
   */
  static TemplateRef parseTemplate(String text, Versions versions) {
    if (text != null && TemplateRef.isRef(text) && text.indexOf('@') < 0) {
      try {
        return TemplateRef.parse(text + "@latest");
      } catch (IllegalArgumentException e) {
        // worded for what was typed, not for the @latest added to it
        throw Main.CliException.usage(e.getMessage().replace(text + "@latest", text));
      }
    }
    if (versions == Versions.REFUSED) {
      TemplateRef ref = parse(text);
      throw Main.CliException.usage(
          Printable.quote(text) + ": name the template without a version: " + template(ref));
    }
    return parse(text);
  }

  /** Whether a template argument may carry {@code @VERSION}. */
  enum Versions {
    ALLOWED,
    REFUSED
  }

  /** A version's text, checked against its hash (a pinned one from the cache when it can be). */
  static FetchedTemplate fetch(LabOptions lab, TemplateRef ref) {
    LabTemplates templates = lab.connect().templates();
    try {
      return templates.fetch(ref);
    } catch (LabException e) {
      throw failure(ref, e);
    }
  }

  /** A version compiled as a schema, its {@code lab:} refs fetched the same way. */
  static ConfigSchema schema(LabOptions lab, TemplateRef ref) {
    LabTemplates templates = lab.connect().templates();
    try {
      return templates.schema(ref);
    } catch (LabException e) {
      throw failure(ref, e);
    }
  }

  /** The mode of the template a {@code lab:} ref names, from the lab. */
  static Compatibility.Mode mode(LabOptions lab, String ref) {
    TemplateRef r = parse(ref);
    Compatibility.Mode mode = modeOf(lab.connect().templates(), r);
    if (mode == null) {
      throw Main.CliException.usage(
          "template " + template(r) + ": no such template in the lab (give --mode MODE)");
    }
    return mode;
  }

  /** The template's mode, from its project's list; null if the list does not have it. */
  static Compatibility.Mode modeOf(LabTemplates templates, TemplateRef ref) {
    try {
      return templates.list(ref.project()).stream()
          .filter(t -> t.latest().name().equals(ref.name()))
          .map(TemplateSummary::mode)
          .findFirst()
          .orElse(null);
    } catch (LabException e) {
      throw failure(template(ref), e);
    }
  }

  /**
   * The error for a lab failure while reading a template: {@code template lab:o/p/t@3: ...}; a
   * version that is not there is the caller's to fix (usage), the rest fails.
   */
  static Main.CliException failure(TemplateRef ref, LabException e) {
    return failure(ref.toString(), e);
  }

  /** As {@link #failure(TemplateRef, LabException)}, for a template named without a version. */
  static Main.CliException failure(String template, LabException e) {
    int code = e instanceof LabException.NotFound ? Main.Exit.USAGE : Main.Exit.FAILURE;
    return new Main.CliException(code, "template " + template + ": " + e.getMessage(), e);
  }

  /** {@code lab:OWNER/PROJECT/NAME}: a template, without a version. */
  static String template(TemplateRef ref) {
    return TemplateRef.PREFIX + ref.project() + "/" + ref.name();
  }

  /**
   * Writes a version and every version its {@code lab:} refs reach into {@code dir}, as files whose
   * refs are relative paths to each other (what tools that read files, such as jsonschema2pojo,
   * resolve): {@code OWNER/PROJECT/NAME.schema.json}, or {@code OWNER/PROJECT/vN/NAME.schema.json}
   * for a second version of the same template.
   *
   * @return the file of {@code ref}'s version
   */
  static Path pullTree(LabOptions lab, TemplateRef ref, Path dir) {
    FetchedTemplate root = fetch(lab, ref);
    Map<TemplateRef, Path> files = new LinkedHashMap<>();
    Map<TemplateRef, JsonNode> trees = new LinkedHashMap<>();
    Set<Path> taken = new HashSet<>();
    Deque<FetchedTemplate> todo = new ArrayDeque<>();
    todo.add(root);
    files.put(root.ref(), place(root.ref(), taken));
    while (!todo.isEmpty()) {
      FetchedTemplate t = todo.removeFirst();
      JsonNode tree;
      try {
        tree = JsonMapper.shared().readTree(t.text());
      } catch (JacksonException e) {
        throw Main.CliException.usage(
            t.ref() + ": not JSON: " + e.getOriginalMessage()); // the lab checked it: unlikely
      }
      trees.put(t.ref(), tree);
      for (String target : labRefs(tree, new HashSet<>())) {
        TemplateRef r = parse(documentOf(target));
        if (!r.isPinned()) {
          throw Main.CliException.usage(
              t.ref() + ": refers to " + target + ": published templates refer to pinned versions");
        }
        if (!files.containsKey(r)) {
          files.put(r, place(r, taken));
          todo.add(fetch(lab, r));
        }
      }
    }
    for (Map.Entry<TemplateRef, JsonNode> e : trees.entrySet()) {
      Path file = dir.resolve(files.get(e.getKey()));
      JsonNode rewritten = rewrite(e.getValue(), files, file.getParent(), dir);
      try {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(
            file,
            (JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(rewritten)
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
      } catch (IOException ex) {
        throw Main.CliException.failure(
            file + ": cannot write the pulled template: " + FileErrors.about(file, ex));
      }
    }
    return dir.resolve(files.get(root.ref()));
  }

  /** Where a version goes below the folder: the first version of a template by its name. */
  private static Path place(TemplateRef ref, Set<Path> taken) {
    String[] project = ref.project().split("/", 2);
    Path plain = Path.of(project[0], project[1], ref.name() + ".schema.json");
    if (taken.add(plain)) {
      return plain;
    }
    Path versioned =
        Path.of(project[0], project[1], "v" + ref.version(), ref.name() + ".schema.json");
    taken.add(versioned);
    return versioned;
  }

  private static String documentOf(String ref) {
    int hash = ref.indexOf('#');
    return hash < 0 ? ref : ref.substring(0, hash);
  }

  /** Keywords whose values are data, not schemas: a "$ref" inside them is no ref. */
  private static final Set<String> DATA =
      Set.of("const", "default", "enum", "examples", "x-examples");

  /** The {@code lab:} refs of a schema tree. */
  private static Set<String> labRefs(JsonNode node, Set<String> found) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          if (TemplateRef.isRef(e.getValue().stringValue())) {
            found.add(e.getValue().stringValue());
          }
        } else if (!DATA.contains(e.getKey())) {
          labRefs(e.getValue(), found);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode item : a) {
        labRefs(item, found);
      }
    }
    return found;
  }

  /** A copy of a tree with each {@code lab:} ref replaced by the relative path to its file. */
  private static JsonNode rewrite(
      JsonNode node, Map<TemplateRef, Path> files, Path from, Path dir) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = o.objectNode();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        JsonNode v = e.getValue();
        if (e.getKey().equals("$ref") && v.isString() && TemplateRef.isRef(v.stringValue())) {
          String target = v.stringValue();
          int hash = target.indexOf('#');
          Path file = dir.resolve(files.get(TemplateRef.parse(documentOf(target))));
          String relative = from.relativize(file).toString().replace('\\', '/');
          copy.put("$ref", relative + (hash < 0 ? "" : target.substring(hash)));
        } else if (DATA.contains(e.getKey())) {
          copy.set(e.getKey(), v);
        } else {
          copy.set(e.getKey(), rewrite(v, files, from, dir));
        }
      }
      return copy;
    } else if (node instanceof ArrayNode a) {
      ArrayNode copy = a.arrayNode();
      for (JsonNode item : a) {
        copy.add(rewrite(item, files, from, dir));
      }
      return copy;
    }
    return node;
  }
}
