package io.hectiqlab;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The one rule that turns the validator's findings into {@link Violation}s: each finding keeps its
 * pointer, keyword and message, and when the document came from text it gets the line and column of
 * the value it is about (of the key, for a property that should not be there); violations and their
 * details are in document order. Stateless and thread-safe.
 */
final class Violations {
  private Violations() {}

  private static final Comparator<Violation> DOCUMENT_ORDER =
      Comparator.comparingInt(Violation::line).thenComparingInt(Violation::column);

  /**
   * The result of one validation. A finding about a secret value (see {@link SchemaPaths#masked})
   * never shows the value: its message says {@code ***} instead.
   *
   * @param origin what was validated
   * @param parsed the document as read from text, or null for one built in memory (no positions)
   * @param instance the document validated
   * @param paths the schema's paths, which say what is secret
   */
  static ValidationResult result(
      String origin,
      SchemaEngine.Findings findings,
      Documents.Parsed parsed,
      JsonNode instance,
      SchemaPaths paths) {
    List<SchemaEngine.Finding> shown = new ArrayList<>(findings.list().size());
    for (SchemaEngine.Finding f : findings.list()) {
      shown.add(paths.masked(f, instance));
    }
    return new ValidationResult(origin, of(shown, parsed), findings.truncated());
  }

  /** The result for a document that could not be read or parsed: one {@code syntax} violation. */
  static ValidationResult syntax(DocumentException e) {
    return new ValidationResult(
        e.origin(),
        List.of(new Violation("", "syntax", e.problem(), e.origin(), e.line(), e.column())),
        false);
  }

  private static List<Violation> of(List<SchemaEngine.Finding> findings, Documents.Parsed parsed) {
    List<Violation> out = new ArrayList<>(findings.size());
    for (SchemaEngine.Finding f : findings) {
      out.add(of(f, parsed));
    }
    out.sort(DOCUMENT_ORDER); // stable: in-memory documents (all at 0:0) keep the validator's order
    return out;
  }

  private static Violation of(SchemaEngine.Finding f, Documents.Parsed parsed) {
    List<Violation> details = of(f.details(), parsed);
    if (parsed == null) {
      return new Violation(f.pointer(), f.keyword(), f.message(), null, 0, 0, details);
    }
    boolean atKey =
        f.keyword().equals("additionalProperties")
            || f.keyword().equals("unevaluatedProperties")
            || f.keyword().equals("propertyNames");
    int[] pos = atKey ? parsed.keyPosition(f.pointer()) : parsed.position(f.pointer());
    return new Violation(
        f.pointer(), f.keyword(), f.message(), parsed.origin(), pos[0], pos[1], details);
  }
}
