package io.hectiqlab;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link Compatibility} found between template versions: every change (information-only ones
 * too), which of them fail the mode, and the verdict.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the text the {@code compat} command prints,
 * one compiler-style line per change; {@link #toJson()} the JSON the command and the lab answer.
 */
public final class CompatibilityReport {
  /** Reads witness documents back exactly as printed (decimals kept as written). */
  private static final JsonMapper READER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Compatibility.Mode mode;
  private final Compatibility.ContentModel contentModel;
  private final List<SchemaChange> changes;
  private final List<SchemaChange> breaking;
  private final boolean searchStopped;

  CompatibilityReport(
      Compatibility.Mode mode,
      Compatibility.ContentModel contentModel,
      List<SchemaChange> changes) {
    this(mode, contentModel, changes, false);
  }

  CompatibilityReport(
      Compatibility.Mode mode,
      Compatibility.ContentModel contentModel,
      List<SchemaChange> changes,
      boolean searchStopped) {
    this.searchStopped = searchStopped;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.contentModel = Objects.requireNonNull(contentModel, "contentModel");
    this.changes = List.copyOf(changes);
    this.breaking = this.changes.stream().filter(c -> c.breaks(mode)).toList();
  }

  /** Returns the mode the changes were checked under. */
  public Compatibility.Mode mode() {
    return mode;
  }

  /** Returns how the comparison read content models. */
  public Compatibility.ContentModel contentModel() {
    return contentModel;
  }

  /**
   * True when no change breaks (or leaves undecided) a direction the mode checks; always true under
   * {@link Compatibility.Mode#NONE}.
   */
  public boolean isCompatible() {
    return breaking.isEmpty();
  }

  /**
   * False when the comparison stopped searching for witnesses at its limit ({@link
   * Compatibility#MAX_WITNESS_SEARCHES}, {@link Compatibility#WITNESS_SECONDS}): some breaking or
   * undecided directions were then not searched, and carry no witness.
   */
  public boolean witnessSearchComplete() {
    return !searchStopped;
  }

  /** Returns every change found, information-only ones too, in schema order. */
  public List<SchemaChange> changes() {
    return changes;
  }

  /** Returns the changes that fail the mode, in the order of {@link #changes()}. */
  public List<SchemaChange> breaking() {
    return breaking;
  }

  /**
   * Returns the report as JSON (pretty-printed), with these fields, each always present: {@code
   * mode} ({@link Compatibility.Mode#id()}), {@code contentModel} ({@code "open"} or {@code
   * "closed"}), {@code compatible}, {@code witnessSearchComplete}, and {@code changes}, each with
   * {@code kind} (a {@link SchemaChange.Kind} name), {@code reason}, {@code instancePath}, {@code
   * older} and {@code newer} ({@code {"pointer", "location"}} or null), {@code backward} and {@code
   * forward} (a {@link SchemaChange.Impact} name), {@code witnesses} ({@code [{"direction",
   * "document", "violation"}]}, the document as a JSON value) and {@code against} (an origin, or
   * null).
   */
  public String toJson() {
    ObjectNode root = NODES.objectNode();
    root.put("mode", mode.id());
    root.put("contentModel", contentModel.name().toLowerCase(Locale.ROOT));
    root.put("compatible", isCompatible());
    root.put("witnessSearchComplete", witnessSearchComplete());
    ArrayNode list = root.putArray("changes");
    for (SchemaChange c : changes) {
      ObjectNode o = list.addObject();
      o.put("kind", c.kind().name());
      o.put("reason", c.reason());
      o.put("instancePath", c.instancePath());
      o.set("older", site(c.older()));
      o.set("newer", site(c.newer()));
      o.put("backward", c.backward().name());
      o.put("forward", c.forward().name());
      ArrayNode witnesses = o.putArray("witnesses");
      for (SchemaChange.Witness w : c.witnesses()) {
        ObjectNode wo = witnesses.addObject();
        wo.put("direction", w.direction().name());
        wo.set("document", document(w.document()));
        wo.put("violation", w.violation());
      }
      if (c.against() == null) {
        o.putNull("against");
      } else {
        o.put("against", c.against());
      }
    }
    return Trees.toJson(root);
  }

  private static JsonNode site(SchemaChange.@Nullable Site site) {
    if (site == null) {
      return NODES.nullNode();
    }
    ObjectNode o = NODES.objectNode();
    o.put("pointer", site.pointer());
    o.put("location", site.location().toString());
    return o;
  }

  /** A witness document as the JSON value it prints (its text when it does not read back). */
  private static JsonNode document(String text) {
    try {
      JsonNode node = READER.readTree(text);
      return node == null ? NODES.stringNode(text) : node;
    } catch (RuntimeException e) {
      return NODES.stringNode(text);
    }
  }

  /**
   * Returns the text the {@code compat} command prints: one line per change ({@link
   * SchemaChange#toString()}), then a summary such as {@code 2 changes, 1 breaks backward:
   * incompatible}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (SchemaChange c : changes) {
      sb.append(c).append('\n');
    }
    return sb.append(summary()).toString();
  }

  /** What the summary adds to its verdict under {@link Compatibility.ContentModel#CLOSED}. */
  static final String CLOSED_READING =
      " (closed reading: objects that say nothing of other properties read as closed)";

  /**
   * The summary line: how many changes, how many of them break the mode and how many leave it
   * undecided, and the verdict: {@code 3 changes, 1 breaks backward, 1 not decided: incompatible},
   * {@code no changes: compatible}, {@code 2 changes (mode none): compatible}; {@code , witness
   * search stopped at its limit} comes before the verdict when some directions were not searched.
   * Under {@link Compatibility.ContentModel#CLOSED} the verdict ends with {@value #CLOSED_READING}:
   * the verdict and its witnesses hold under that reading, not under the schemas as written.
   */
  public String summary() {
    String verdict =
        (isCompatible() ? "compatible" : "incompatible")
            + (contentModel == Compatibility.ContentModel.CLOSED ? CLOSED_READING : "");
    if (changes.isEmpty()) {
      return "no changes: " + verdict;
    }
    String count = changes.size() + (changes.size() == 1 ? " change" : " changes");
    if (mode == Compatibility.Mode.NONE) {
      return count + " (mode none): " + verdict;
    }
    long breaks = breaking.stream().filter(this::breaksChecked).count();
    long undecided = breaking.size() - breaks;
    StringBuilder sb = new StringBuilder(count);
    if (breaks > 0 || undecided == 0) {
      sb.append(", ").append(breaks).append(breaks == 1 ? " breaks " : " break ").append(mode.id());
    }
    if (undecided > 0) {
      sb.append(", ").append(undecided).append(" not decided");
    }
    if (searchStopped) {
      sb.append(", witness search stopped at its limit");
    }
    return sb.append(": ").append(verdict).toString();
  }

  /** True when a change proven or judged to break a direction the mode checks (not undecided). */
  private boolean breaksChecked(SchemaChange c) {
    return (mode.checksBackward() && c.backward() == SchemaChange.Impact.BREAKS)
        || (mode.checksForward() && c.forward() == SchemaChange.Impact.BREAKS);
  }
}
