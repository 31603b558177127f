package io.hectiqlab.internal;

import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Error translation for schema loading: turns whatever the validator, the parser or a schema source
 * throws while a schema is read and compiled into one {@link SchemaLoadException} whose message
 * names the file (and position) and the problem in words, without Java class names; and states what
 * a meta-schema finds wrong. Stateless and thread-safe.
 */
final class SchemaErrors {
  private SchemaErrors() {}

  private static final Pattern DIALECT =
      Pattern.compile("(?:Failed to load|Unknown) dialect '?([^' ]*)'?");

  /**
   * Explains why the validator could not build a schema: a keyword value of the wrong shape (named
   * with its file, position and pointer), else an unresolvable {@code $ref}, else what the
   * dialect's meta-schema finds wrong in the root document, else the validator's own message.
   */
  static SchemaLoadException failure(
      SchemaEngine engine, String iri, JsonNode node, String origin, Schema schema, Throwable e) {
    SchemaLoadException invalid = InvalidKeywords.find(engine, iri, origin, e);
    if (invalid != null) {
      return invalid;
    }
    SchemaLoadException broken = schema == null ? null : BrokenRefs.find(engine, schema, origin);
    if (broken != null) {
      return broken;
    }
    if (!(e instanceof StackOverflowError)) {
      String dialect = engine.dialectOf(node, null);
      List<SchemaEngine.Source> referenced = engine.otherSources(node);
      SchemaLoadException meta = engine.metaSchemaProblem(node, dialect, origin);
      for (int i = 0; meta == null && i < referenced.size() && i < 100; i++) {
        SchemaEngine.Source d = referenced.get(i);
        meta =
            engine.metaSchemaProblem(
                d.node(),
                engine.dialectOf(d.node(), dialect),
                origin + ": referenced schema " + d.origin());
      }
      if (meta != null) {
        return meta;
      }
    }
    return loadError(origin, e);
  }

  /**
   * The load error {@code message} about a document: as it is for the root schema, else prefixed
   * {@code rootOrigin: referenced schema}.
   */
  static SchemaLoadException referenced(
      boolean inRoot, String rootOrigin, String message, Throwable failure) {
    return new SchemaLoadException(
        inRoot ? message : rootOrigin + ": referenced schema " + message, failure);
  }

  /** A failure and its causes, the failure first, at most ten (a cause chain may loop). */
  static List<Throwable> causes(Throwable failure) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = failure; c != null && out.size() < 10; ) {
      out.add(c);
      c = c.getCause() == c ? null : c.getCause();
    }
    return out;
  }

  /**
   * The error for a document its dialect's meta-schema rejects: at most five distinct findings,
   * each {@code pointer: message (keyword)}, then how many more there are.
   */
  static SchemaLoadException notValidFor(
      String origin, String metaIri, List<SchemaEngine.Finding> findings) {
    List<String> distinct =
        findings.stream().map(SchemaEngine.Finding::describe).distinct().toList();
    List<String> problems = new ArrayList<>(distinct.subList(0, Math.min(5, distinct.size())));
    if (distinct.size() > 5) {
      problems.add("... " + (distinct.size() - 5) + " more");
    }
    return new SchemaLoadException(
        origin + ": not a valid schema for " + metaIri + ": " + String.join("; ", problems), null);
  }

  /** Turns any failure while loading into a SchemaLoadException naming the origin. */
  static SchemaLoadException loadError(String origin, Throwable e) {
    if (e instanceof SchemaLoadException s) {
      return s;
    }
    if (e instanceof DocumentException d) {
      return new SchemaLoadException(d.location() + ": " + d.problem(), d);
    }
    if (e instanceof StackOverflowError) {
      return new SchemaLoadException(origin + ": the schema's references nest too deeply", null);
    }
    Matcher dialect = DIALECT.matcher(String.valueOf(e.getMessage()));
    if (dialect.find()) {
      return new SchemaLoadException(
          origin
              + ": unknown $schema '"
              + dialect.group(1)
              + "' (supported: draft 2020-12, 2019-09, 7, 6 and 4, or a meta-schema file in the"
              + " schemas directory)",
          e);
    }
    for (Throwable cause : causes(e)) {
      if (cause instanceof SchemaLoadException s) {
        return new SchemaLoadException(origin + ": " + s.getMessage(), s);
      }
      if (cause instanceof DocumentException d) {
        return new SchemaLoadException(
            origin + ": referenced schema " + d.location() + ": " + d.problem(), d);
      }
      if (cause instanceof PatternSyntaxException p) {
        return new SchemaLoadException(
            origin + ": invalid regular expression '" + p.getPattern() + "': " + p.getDescription(),
            p);
      }
      if (cause instanceof java.io.FileNotFoundException f) {
        return new SchemaLoadException(
            origin + ": cannot resolve $ref: " + f.getMessage() + " does not exist", f);
      }
    }
    String message = shown(readable(e));
    Matcher refused = REFUSED_LOAD.matcher(message);
    if (refused.find()) {
      message = "$ref refused: " + refused.group(1) + " is outside the schemas root";
    } else if (message.contains("dialect")) {
      message = "unknown $schema: " + message + " (supported: draft 2020-12, 2019-09, 7, 6 and 4)";
    } else if (message.contains("cannot be resolved")) {
      message = "cannot resolve $ref: " + message;
    } else if (e instanceof JacksonException) {
      message = "invalid JSON: " + Documents.withoutSource(message.lines().findFirst().orElse(""));
    }
    return new SchemaLoadException(origin + ": " + message, e);
  }

  private static final Pattern REFUSED_LOAD =
      Pattern.compile("Schema from '([^']*)' is not allowed to be loaded");

  /** A Java class name that the validator puts before a message ({@code java.lang.X: }). */
  private static final Pattern CLASS_NAME =
      Pattern.compile("(?:\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  /** The first message among a failure and its causes, without Java class names. */
  private static String readable(Throwable e) {
    for (Throwable cause : causes(e)) {
      String m = cause.getMessage();
      if (m != null) {
        m = CLASS_NAME.matcher(m).replaceAll("").strip();
        if (!m.isEmpty()) {
          return m;
        }
      }
    }
    return "the validator cannot compile this schema";
  }

  /** An IRI or message as users see it: classpath resources as {@code classpath:name}. */
  static String shown(String text) {
    return text.replaceAll(ClasspathSchemas.SCHEME + ":/*", "classpath:");
  }
}
