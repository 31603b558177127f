package io.hectiqlab;

import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.Printable;
import io.hectiqlab.internal.SchemaEngine;
import io.hectiqlab.internal.SchemaPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one merge of layers into a tree, keeping where every value came from. Not thread-safe while
 * layers are applied; read-only (and so safe to share) once {@link ComposedConfig} holds it.
 *
 * <p>Provenance is kept cheaply: a value placed by a layer gets one {@link Slot} naming the layer
 * and the value's pointer within it, and everything below that value is found by walking the
 * layer's own tree (no record per value). Only where a later layer merges into an earlier value are
 * the children given slots of their own. A value of an object that neither a layer nor an override
 * placed was filled in from the schema's defaults.
 */
final class LayerStack {
  /** How the schema's defaults are named as an origin. */
  static final String DEFAULT_ORIGIN = "(default)";

  /** How a secret value is shown. */
  static final String MASK = "***";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a layer is. */
  enum Kind {
    /** The schema's defaults, at the bottom. */
    DEFAULTS,
    /** A file, source, map or Config. */
    DOCUMENT,
    /** One environment variable. */
    ENV,
    /** One override argument. */
    OVERRIDE
  }

  /** One layer: what it holds and how its values' origins print. */
  static final class Layer {
    final int index;
    final Kind kind;

    /** The name {@link ComposedConfig#layers()} lists for it ({@code env APP_} for a variable). */
    final String name;

    /** Its values' origin when no position is known: a file, {@code env X}, {@code --set a=b}. */
    final String origin;

    /** Its tree: a document's root, a variable's or an override's value; null when none. */
    final @Nullable JsonNode root;

    final Documents.@Nullable Parsed parsed;
    final boolean literal;

    Layer(
        int index,
        Kind kind,
        String name,
        String origin,
        @Nullable JsonNode root,
        Documents.@Nullable Parsed parsed,
        boolean literal) {
      this.index = index;
      this.kind = kind;
      this.name = name;
      this.origin = origin;
      this.root = root;
      this.parsed = parsed;
      this.literal = literal;
    }

    /** Where the value at a pointer of this layer's tree was written. */
    Location location(@Nullable String pointer, boolean atKey) {
      if (parsed == null || pointer == null) {
        return new Location(origin, 0, 0);
      }
      int[] pos = atKey ? parsed.keyPosition(pointer) : parsed.position(pointer);
      return new Location(parsed.origin(), pos[0], pos[1]);
    }
  }

  /**
   * Where one composed value came from: a layer and the value's pointer and node within it. A slot
   * without {@link #fields} or {@link #elements} stands for its whole subtree, found in the layer's
   * tree; one with them (an object or list that a later layer merged into, or that an override
   * created) has a slot per child.
   */
  static final class Slot {
    @Nullable Layer layer;
    @Nullable String pointer;
    @Nullable JsonNode node;
    @Nullable Map<String, Slot> fields;
    @Nullable List<Slot> elements;

    /** The slot this one replaced at the same place, for {@link ComposedConfig#history}. */
    @Nullable Slot replaced;

    /** Later layers that merged into this object or list (their own values there). */
    @Nullable List<Slot> merged;

    /** The parent's pointer and this value's key or index, until {@link #pointer()} joins them. */
    private @Nullable String parent;

    private @Nullable String key;
    private int index = -1;

    Slot(@Nullable Layer layer, @Nullable String pointer, @Nullable JsonNode node) {
      this.layer = layer;
      this.pointer = pointer;
      this.node = node;
    }

    /** A slot for a member of an object at {@code parent} in the layer: its pointer made lazily. */
    static Slot member(@Nullable Layer layer, String parent, String key, @Nullable JsonNode node) {
      Slot s = new Slot(layer, null, node);
      s.parent = parent;
      s.key = key;
      return s;
    }

    /** A slot for an element of a list at {@code parent} in the layer. */
    static Slot element(@Nullable Layer layer, String parent, int index, @Nullable JsonNode node) {
      Slot s = new Slot(layer, null, node);
      s.parent = parent;
      s.index = index;
      return s;
    }

    /**
     * The value's pointer within its layer; null for an object an override created. Made on first
     * use: threads that race here make the same (immutable) string.
     */
    @Nullable String pointer() {
      String p = pointer;
      if (p == null && parent != null) {
        p = key != null ? parent + "/" + Documents.escapePointer(key) : parent + "/" + index;
        pointer = p;
      }
      return p;
    }

    boolean derived() {
      return fields == null && elements == null;
    }
  }

  /** The layer and pointer within it of a composed value. */
  record Origin(@Nullable Layer layer, @Nullable String pointer) {
    Location location(boolean atKey) {
      return layer == null ? new Location(DEFAULT_ORIGIN, 0, 0) : layer.location(pointer, atKey);
    }
  }

  /**
   * A {@code ~key} override: the path it deleted and what was there (null for a value only the
   * defaults hold, which are filled in later).
   */
  record Deletion(Layer layer, List<String> path, @Nullable Slot removed) {}

  /** A problem found while composing, with the layer it belongs to (for the order of reports). */
  record Problem(int layer, Violation violation) {}

  final ObjectNode root = NODES.objectNode();
  final Slot rootSlot;
  final @Nullable SchemaPaths paths;
  final @Nullable Layer defaults;
  final List<Deletion> deletions = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  /** Pointers a problem was reported for already: validation does not report them again. */
  final Set<String> flagged = new HashSet<>();

  /**
   * Starts an empty stack over the defaults layer. The defaults are the bottom layer, but they
   * enter the tree only where a layer merges into a default object or list (so that an appended
   * list extends the default one); the others are filled in at the end, in the schema's order among
   * the layers' keys, as {@link ConfigSchema#toConfig} places them.
   *
   * @param paths what the schema says at each path, or null without a schema
   * @param defaults the defaults layer, or null without a schema
   */
  LayerStack(@Nullable SchemaPaths paths, @Nullable Layer defaults) {
    this.paths = paths;
    this.defaults = defaults;
    rootSlot = new Slot(null, null, null);
    rootSlot.fields = new HashMap<>();
  }

  /** The defaults layer's value at a path, or null. */
  @Nullable JsonNode defaultAt(List<String> path) {
    if (defaults == null || defaults.root == null) {
      return null;
    }
    JsonNode node = defaults.root;
    for (String key : path) {
      node = child(node, key);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The value at a path in the tree so far, or the default there when the tree has none. */
  @Nullable JsonNode present(List<String> path) {
    JsonNode v = get(path);
    return v != null ? v : defaultAt(path);
  }

  /** Where the value {@link #present} finds was set. */
  Location setAt(List<String> path) {
    return get(path) != null ? origin(path).location(false) : new Location(DEFAULT_ORIGIN, 0, 0);
  }

  // ------------------------------------------------------------------------------- documents

  /** Merges a document layer (its root is an object) over what is there. */
  void merge(Layer layer) {
    mergeObject(
        root,
        rootSlot,
        (ObjectNode) layer.root,
        layer,
        "",
        new ArrayList<>(),
        defaults == null ? null : defaults.root);
  }

  private void mergeObject(
      ObjectNode target,
      Slot slot,
      ObjectNode source,
      Layer layer,
      String pointer,
      List<String> path,
      @Nullable JsonNode below) {
    materialize(slot, target);
    addMerge(slot, layer, pointer, source);
    Map<String, Slot> fields = slot.fields;
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      JsonNode existing = target.get(key);
      JsonNode underneath = below instanceof ObjectNode b ? b.get(key) : null;
      if (existing == null
          && underneath != null
          && (underneath instanceof ObjectNode && value instanceof ObjectNode
              || underneath instanceof ArrayNode && value instanceof ArrayNode)) {
        existing = underneath.deepCopy(); // the default object or list this layer merges into
        target.set(key, existing);
        fields.put(key, Slot.member(defaults, pointer, key, underneath));
      }
      if (existing instanceof ObjectNode into && value instanceof ObjectNode from) {
        path.add(key);
        String child = pointer + "/" + Documents.escapePointer(key);
        mergeObject(into, fields.get(key), from, layer, child, path, underneath);
        path.remove(path.size() - 1);
        continue;
      }
      if (existing instanceof ArrayNode into && value instanceof ArrayNode from && paths != null) {
        path.add(key);
        SchemaPaths.MergeRule rule = paths.mergeRule(List.copyOf(path));
        String child = pointer + "/" + Documents.escapePointer(key);
        if (rule.kind() == SchemaPaths.Merge.CONFLICTING) {
          note(
              new Origin(layer, child),
              pointerOf(path),
              "merge",
              "cannot merge this list: the schema gives it more than one merge rule ("
                  + rule.key()
                  + "), so it replaces the list below");
        }
        boolean merged =
            rule.kind() == SchemaPaths.Merge.APPEND || rule.kind() == SchemaPaths.Merge.MERGE_BY;
        if (merged) {
          mergeArray(into, fields.get(key), from, layer, child, path, rule);
        }
        path.remove(path.size() - 1);
        if (merged) {
          continue;
        }
      }
      target.set(key, value.deepCopy());
      Slot placed = Slot.member(layer, pointer, key, value);
      placed.replaced = fields.get(key);
      fields.put(key, placed);
      if (!flagged.isEmpty()) {
        path.add(key);
        unflag(pointerOf(path)); // the problems there were about the value this one replaced
        path.remove(path.size() - 1);
      }
      if (paths != null && value.isContainer()) {
        path.add(key);
        checkPlaced(layer, pointer + "/" + Documents.escapePointer(key), path, value);
        path.remove(path.size() - 1);
      }
    }
  }

  private void mergeArray(
      ArrayNode target,
      Slot slot,
      ArrayNode source,
      Layer layer,
      String pointer,
      List<String> path,
      SchemaPaths.MergeRule rule) {
    materialize(slot, target);
    addMerge(slot, layer, pointer, source);
    List<Slot> elements = slot.elements;
    if (rule.kind() == SchemaPaths.Merge.APPEND) {
      for (int i = 0; i < source.size(); i++) {
        appendPlaced(target, elements, source.get(i), layer, pointer, i, path);
      }
      return;
    }
    String key = rule.key();
    String at = pointerOf(path);
    Map<JsonNode, Integer> byKey = new HashMap<>();
    for (int j = 0; j < target.size(); j++) {
      JsonNode element = target.get(j);
      String problem = keyProblem(element, key, byKey, path, "");
      if (problem != null) {
        if (!flagged.contains(at + "/" + j)) { // reported where it was placed already
          report(origin(elements.get(j)), at + "/" + j, "merge", problem);
        }
      } else {
        byKey.put(element.get(key), j);
      }
    }
    Map<JsonNode, Integer> seen = new HashMap<>();
    for (int i = 0; i < source.size(); i++) {
      JsonNode element = source.get(i);
      String elementPointer = pointer + "/" + i;
      String problem = keyProblem(element, key, seen, path, "");
      if (problem != null) {
        // Left out of the composed list: reported at the list, so that it hides no finding of an
        // element that is kept (its location is the element in its layer).
        String left = "element " + i + " of " + layer.name + "'s list is left out: ";
        note(
            new Origin(layer, elementPointer),
            at,
            "merge",
            keyProblem(element, key, seen, path, left));
        continue;
      }
      JsonNode value = element.get(key);
      seen.put(value, i);
      Integer j = byKey.get(value);
      if (j == null) {
        byKey.put(value, target.size());
        appendPlaced(target, elements, element, layer, pointer, i, path);
      } else {
        path.add(Integer.toString(j));
        mergeObject(
            (ObjectNode) target.get(j),
            elements.get(j),
            (ObjectNode) element,
            layer,
            elementPointer,
            path,
            null);
        path.remove(path.size() - 1);
      }
    }
  }

  /**
   * Appends element {@code i} of a layer's list (at {@code pointer} in the layer) to the composed
   * list at {@code path}.
   */
  private void appendPlaced(
      ArrayNode target,
      List<Slot> elements,
      JsonNode element,
      Layer layer,
      String pointer,
      int i,
      List<String> path) {
    int index = target.size();
    target.add(element.deepCopy());
    Slot placed = Slot.element(layer, pointer, i, element);
    elements.add(placed);
    if (element.isContainer()) {
      path.add(Integer.toString(index));
      checkPlaced(layer, placed.pointer(), path, element);
      path.remove(path.size() - 1);
    }
  }

  /**
   * Checks the merge-by-key lists that a layer's value placed whole brings, itself or nested at any
   * depth: each element must be an object with the key, its value unique in the list. A problem
   * element stays in the list (as the layer wrote it) and is reported at its composed pointer,
   * which is also its index in the layer.
   *
   * @param pointer the value's pointer in the layer
   * @param path the value's composed path (restored on return)
   */
  private void checkPlaced(Layer layer, String pointer, List<String> path, JsonNode value) {
    if (Documents.tooDeep(path.size())) {
      return;
    }
    if (value instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getValue().isContainer()) {
          path.add(e.getKey());
          String child = pointer + "/" + Documents.escapePointer(e.getKey());
          checkPlaced(layer, child, path, e.getValue());
          path.remove(path.size() - 1);
        }
      }
      return;
    }
    if (!(value instanceof ArrayNode a)) {
      return;
    }
    SchemaPaths.MergeRule rule = paths.mergeRule(List.copyOf(path));
    String at = pointerOf(path);
    Map<JsonNode, Integer> seen = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode element = a.get(i);
      if (rule.kind() == SchemaPaths.Merge.MERGE_BY) {
        String problem = keyProblem(element, rule.key(), seen, path, "");
        if (problem != null) {
          report(new Origin(layer, pointer + "/" + i), at + "/" + i, "merge", problem);
        } else {
          seen.put(element.get(rule.key()), i);
        }
      }
      if (element.isContainer()) {
        path.add(Integer.toString(i));
        checkPlaced(layer, pointer + "/" + i, path, element);
        path.remove(path.size() - 1);
      }
    }
  }

  /**
   * Why an element cannot be merged by {@code key}: not an object, no such key, or a key value
   * already in {@code seen} (which maps key values to element indices of the same list); null when
   * it can. {@code left} follows the rule in the message: what becomes of the element, or empty.
   */
  private @Nullable String keyProblem(
      JsonNode element, String key, Map<JsonNode, Integer> seen, List<String> path, String left) {
    String by = "cannot merge by '" + key + "': " + left;
    if (!(element instanceof ObjectNode)) {
      return by + "the element is " + kind(element) + ", not an object";
    }
    JsonNode value = element.get(key);
    if (value == null) {
      return by + "the element has no '" + key + "'";
    }
    Integer other = seen.get(value);
    if (other != null) {
      List<String> keyPath = new ArrayList<>(path);
      keyPath.add(Integer.toString(other));
      keyPath.add(key);
      String shown = secret(keyPath) ? MASK : show(value);
      return by + shown + " is also the '" + key + "' of element " + other;
    }
    return null;
  }

  /**
   * Records that a later layer merged into an object or list; an object placed by the defaults
   * takes the origin of the first layer that merges into it.
   */
  private static void addMerge(Slot slot, Layer layer, String pointer, JsonNode node) {
    if (slot.layer == null || slot.layer.kind == Kind.DEFAULTS) {
      if (slot.layer != null) {
        slot.merged = slot.merged == null ? new ArrayList<>(2) : slot.merged;
        slot.merged.add(new Slot(slot.layer, slot.pointer(), slot.node));
      }
      slot.layer = layer;
      slot.pointer = pointer;
      slot.node = node;
      return;
    }
    if (slot.merged == null) {
      slot.merged = new ArrayList<>(2);
    }
    slot.merged.add(new Slot(layer, pointer, node));
  }

  /** Gives each child of the composed container {@code node} its own slot. */
  private static void materialize(Slot slot, JsonNode node) {
    if (!slot.derived()) {
      return;
    }
    JsonNode own = slot.node;
    if (node instanceof ObjectNode object) {
      Map<String, Slot> fields = new HashMap<>(Math.max(4, object.size() * 2));
      for (String key : object.propertyNames()) {
        fields.put(
            key, Slot.member(slot.layer, slot.pointer(), key, own == null ? null : own.get(key)));
      }
      slot.fields = fields;
    } else if (node instanceof ArrayNode array) {
      List<Slot> elements = new ArrayList<>(array.size() + 4);
      for (int i = 0; i < array.size(); i++) {
        elements.add(Slot.element(slot.layer, slot.pointer(), i, own == null ? null : own.get(i)));
      }
      slot.elements = elements;
    }
  }

  // ------------------------------------------------------------------------ values at paths

  /** The composed value at a path, or null when there is none. */
  @Nullable JsonNode get(List<String> path) {
    JsonNode node = root;
    for (String key : path) {
      node = child(node, key);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static @Nullable JsonNode child(JsonNode node, String key) {
    if (node instanceof ObjectNode o) {
      return o.get(key);
    }
    if (node instanceof ArrayNode a) {
      int i = Paths.index(key);
      return i < 0 || i >= a.size() ? null : a.get(i);
    }
    return null;
  }

  /**
   * Sets the value at a path (env variables, {@code k=v}, {@code +k=v} and {@code ++k=v} once
   * checked), creating missing objects on the way (and over nulls); a scalar on the way, or a list
   * index beyond the end, is a problem of the layer.
   */
  void set(Layer layer, List<String> path, JsonNode value) {
    JsonNode parent = root;
    Slot slot = rootSlot;
    JsonNode below = defaults == null ? null : defaults.root;
    int last = path.size() - 1;
    for (int i = 0; i < last; i++) {
      String key = path.get(i);
      materialize(slot, parent);
      JsonNode next = child(parent, key);
      below = below == null ? null : child(below, key);
      if (next == null
          && parent instanceof ObjectNode
          && (below instanceof ObjectNode || below instanceof ArrayNode)) {
        next = below.deepCopy(); // the default object or list this value goes into
        put(
            parent,
            slot,
            key,
            next,
            Slot.member(defaults, pointerOf(path.subList(0, i)), key, below));
      }
      if (next instanceof ObjectNode || next instanceof ArrayNode) {
        slot = childSlot(slot, key);
        parent = next;
        continue;
      }
      String at = pointerOf(path.subList(0, i + 1));
      if (next == null && parent instanceof ArrayNode list) {
        report(new Origin(layer, ""), at, "override", outOfRange(key, list));
        return;
      }
      if (next != null && !next.isNull()) {
        report(
            new Origin(layer, ""),
            at,
            "override",
            "cannot set "
                + pointerOf(path)
                + ": "
                + Location.path(at)
                + " is "
                + kind(next)
                + ", not an object");
        return;
      }
      ObjectNode created = NODES.objectNode();
      Slot made = new Slot(layer, null, null);
      made.fields = new HashMap<>();
      put(parent, slot, key, created, made);
      parent = created;
      slot = made;
    }
    materialize(slot, parent);
    String key = path.get(last);
    if (parent instanceof ArrayNode list) {
      int i = Paths.index(key);
      if (i < 0 || i > list.size()) {
        report(new Origin(layer, ""), pointerOf(path), "override", outOfRange(key, list));
        return;
      }
    }
    put(parent, slot, key, value.deepCopy(), new Slot(layer, "", value));
    if (!flagged.isEmpty()) {
      unflag(pointerOf(path));
    }
    if (paths != null && value.isContainer()) {
      checkPlaced(layer, "", new ArrayList<>(path), value);
    }
  }

  /**
   * Forgets the problems reported at or below a pointer that a later layer has now set: the value
   * validation sees there is that layer's, and its violations are reported.
   */
  private void unflag(String pointer) {
    if (!flagged.isEmpty()) {
      flagged.removeIf(p -> p.equals(pointer) || p.startsWith(pointer + "/"));
    }
  }

  /**
   * Takes out again what the defaults filled in at deleted paths: a {@code ~key} deletion wins over
   * the key's default.
   */
  void keepDeleted() {
    for (Deletion d : deletions) {
      if (defaults != null && get(d.path) != null && origin(d.path).layer == defaults) {
        JsonNode parent = get(d.path.subList(0, d.path.size() - 1));
        if (parent instanceof ObjectNode o) {
          o.remove(d.path.get(d.path.size() - 1));
        }
      }
    }
  }

  private static String outOfRange(String key, ArrayNode list) {
    return Paths.index(key) < 0
        ? Printable.quote(key) + " is not an index of a list"
        : "index " + key + " is out of range (the list has " + list.size() + " items)";
  }

  /** Puts a value into a composed container (an array index may be its size: appended). */
  private static void put(JsonNode parent, Slot slot, String key, JsonNode value, Slot placed) {
    if (parent instanceof ObjectNode o) {
      placed.replaced = slot.fields.get(key);
      o.set(key, value);
      slot.fields.put(key, placed);
    } else {
      ArrayNode a = (ArrayNode) parent;
      int i = Paths.index(key);
      if (i == a.size()) {
        a.add(value);
        slot.elements.add(placed);
      } else {
        placed.replaced = slot.elements.get(i);
        a.set(i, value);
        slot.elements.set(i, placed);
      }
    }
  }

  private static Slot childSlot(Slot slot, String key) {
    return slot.fields != null ? slot.fields.get(key) : slot.elements.get(Paths.index(key));
  }

  /**
   * Deletes the value at a path, which exists in the tree or in the defaults (a default is then
   * kept from being filled in, see {@link #keepDeleted}).
   */
  void delete(Layer layer, List<String> path) {
    if (get(path) == null) {
      deletions.add(new Deletion(layer, List.copyOf(path), null));
      return;
    }
    JsonNode parent = root;
    Slot slot = rootSlot;
    for (int i = 0; i < path.size() - 1; i++) {
      materialize(slot, parent);
      slot = childSlot(slot, path.get(i));
      parent = child(parent, path.get(i));
    }
    materialize(slot, parent);
    String key = path.get(path.size() - 1);
    Slot removed;
    if (parent instanceof ObjectNode o) {
      o.remove(key);
      removed = slot.fields.remove(key);
    } else {
      int i = Paths.index(key);
      ((ArrayNode) parent).remove(i);
      removed = slot.elements.remove(i);
    }
    deletions.add(new Deletion(layer, List.copyOf(path), removed));
    if (!flagged.isEmpty()) {
      unflag(pointerOf(path));
    }
  }

  // -------------------------------------------------------------------------------- origins

  /** The origin of the composed value at a path (which exists). */
  Origin origin(List<String> path) {
    Slot s = rootSlot;
    int i = 0;
    while (i < path.size()) {
      String key = path.get(i);
      if (s.fields != null || s.elements != null) {
        Slot c;
        if (s.fields != null) {
          c = s.fields.get(key);
        } else {
          int index = Paths.index(key);
          c = index < 0 || index >= s.elements.size() ? null : s.elements.get(index);
        }
        if (c == null) {
          // A key no layer set in an object that layers merged into: a default filled in.
          return s.fields != null && defaults != null ? new Origin(defaults, null) : origin(s);
        }
        s = c;
        i++;
        continue;
      }
      JsonNode n = s.node;
      if (n == null) {
        return origin(s);
      }
      StringBuilder pointer = new StringBuilder(s.pointer() == null ? "" : s.pointer());
      for (; i < path.size(); i++) {
        JsonNode c = child(n, path.get(i));
        if (c == null) {
          return n instanceof ObjectNode && defaults != null
              ? new Origin(defaults, null)
              : new Origin(s.layer, pointer.toString());
        }
        pointer.append('/').append(Documents.escapePointer(path.get(i)));
        n = c;
      }
      return new Origin(s.layer, pointer.toString());
    }
    return origin(s);
  }

  private Origin origin(Slot s) {
    if (s.layer == null && defaults != null) {
      return new Origin(defaults, null); // the root, when no layer wrote anything
    }
    return new Origin(s.layer, s.pointer());
  }

  // ------------------------------------------------------------------------------- history

  /** One layer's value at a path. */
  record Event(Layer layer, @Nullable String pointer, @Nullable JsonNode value, boolean deleted) {}

  /** Every layer's value at a path (and deletions of it or above it), in layer order. */
  List<Event> history(List<String> path) {
    List<Event> events = new ArrayList<>();
    collect(rootSlot, path, 0, events);
    for (Deletion d : deletions) {
      if (d.path.size() <= path.size() && path.subList(0, d.path.size()).equals(d.path)) {
        if (d.removed != null) {
          collect(d.removed, path, d.path.size(), events);
        }
        events.add(new Event(d.layer, null, null, true));
      }
    }
    if (defaults != null && events.stream().noneMatch(e -> e.layer == defaults)) {
      JsonNode bottom = defaultAt(path);
      JsonNode now = get(path);
      if (bottom != null) {
        events.add(new Event(defaults, null, bottom, false)); // the bottom layer held it
      } else if (now != null && origin(path).layer == defaults) {
        events.add(new Event(defaults, null, now, false)); // filled in after merging
      }
    }
    events.sort(Comparator.comparingInt(e -> e.layer.index)); // stable
    return events;
  }

  private static void collect(Slot s, List<String> path, int i, List<Event> events) {
    if (s.replaced != null) {
      collect(s.replaced, path, i, events);
    }
    if (i == path.size()) {
      if (s.layer != null && s.node != null) {
        events.add(new Event(s.layer, s.pointer(), s.node, false));
      }
      if (s.merged != null) {
        for (Slot m : s.merged) {
          events.add(new Event(m.layer, m.pointer(), m.node, false));
        }
      }
      return;
    }
    if (s.fields != null || s.elements != null) {
      Slot c = null;
      if (s.fields != null) {
        c = s.fields.get(path.get(i));
      } else {
        int index = Paths.index(path.get(i));
        c = index < 0 || index >= s.elements.size() ? null : s.elements.get(index);
      }
      if (c != null) {
        collect(c, path, i + 1, events);
      }
      return;
    }
    JsonNode n = s.node;
    if (n == null || s.layer == null) {
      return;
    }
    StringBuilder pointer = new StringBuilder(s.pointer() == null ? "" : s.pointer());
    for (; i < path.size(); i++) {
      n = child(n, path.get(i));
      if (n == null) {
        return;
      }
      pointer.append('/').append(Documents.escapePointer(path.get(i)));
    }
    events.add(new Event(s.layer, pointer.toString(), n, false));
  }

  // ------------------------------------------------------------------------------- problems

  /** Reports a problem about the composed value at {@code pointer}, placed at {@code origin}. */
  void report(Origin origin, String pointer, String keyword, String message) {
    flagged.add(pointer);
    note(origin, pointer, keyword, message);
  }

  /**
   * Reports a problem at {@code pointer} without keeping validation from reporting what it finds
   * there (the problem is not about the composed value at that pointer).
   */
  private void note(Origin origin, String pointer, String keyword, String message) {
    Location at = origin.location(false);
    problems.add(
        new Problem(
            origin.layer == null ? 0 : origin.layer.index,
            new Violation(pointer, keyword, message, at.origin(), at.line(), at.column())));
  }

  /** Reports a problem of a layer as a whole (an override that does not parse, say). */
  void report(Layer layer, String pointer, String keyword, String message) {
    report(new Origin(layer, null), pointer, keyword, message);
  }

  /** Adds the validator's findings, each placed at the origin of its value. */
  void validated(SchemaEngine.Findings findings) {
    for (SchemaEngine.Finding found : findings.list()) {
      if (flagged.contains(found.pointer())) {
        continue;
      }
      SchemaEngine.Finding f = paths == null ? found : untainted(paths.masked(found, root));
      Origin o = origin(SchemaPaths.pointerKeys(f.pointer()));
      problems.add(
          new Problem(
              o.layer == null ? 0 : o.layer.index,
              Violations.located(
                  f, (p, atKey) -> origin(SchemaPaths.pointerKeys(p)).location(atKey))));
    }
  }

  /** A finding (and its details) with the secret texts of tainted values masked. */
  private SchemaEngine.Finding untainted(SchemaEngine.Finding f) {
    if (tainted.isEmpty()) {
      return f;
    }
    List<SchemaEngine.Finding> details = new ArrayList<>(f.details().size());
    for (SchemaEngine.Finding d : f.details()) {
      details.add(untainted(d));
    }
    return new SchemaEngine.Finding(
        f.pointer(), f.keyword(), untainted(f.pointer(), f.message()), details);
  }

  /** The problems in layer order, and within a layer in document order. */
  List<Violation> violations() {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(Problem::layer)
            .thenComparingInt(p -> p.violation().line())
            .thenComparingInt(p -> p.violation().column()));
    List<Violation> out = new ArrayList<>(sorted.size());
    for (Problem p : sorted) {
      out.add(p.violation());
    }
    return out;
  }

  // -------------------------------------------------------------------------------- secrets

  /** Pointers of interpolated values that hold the text of a secret value (see {@link #taint}). */
  private final Set<String> tainted = new HashSet<>();

  /** The texts of the secret values, when an interpolated value holds one. */
  private List<String> secretTexts = List.of();

  /**
   * Marks as secret the interpolated values (at the given pointers) that hold the text of a value
   * the schema marks secret: {@code name: ${db.password}}, {@code url: x${db.password}y} or {@code
   * copy: ${db}} show the secret as surely as the secret path does.
   */
  void taint(java.util.Collection<String> interpolated) {
    if (paths == null || interpolated.isEmpty()) {
      return;
    }
    List<String> texts = new ArrayList<>();
    secrets(root, new ArrayList<>(), texts, 0);
    if (texts.isEmpty()) {
      return;
    }
    for (String pointer : interpolated) {
      List<String> path = SchemaPaths.pointerKeys(pointer);
      JsonNode value = get(path);
      if (value != null && !paths.isSecret(path) && holdsText(value, texts, 0)) {
        tainted.add(pointer);
      }
    }
    if (!tainted.isEmpty()) {
      secretTexts = texts;
    }
  }

  /** Collects the texts of the scalars at and below secret paths. */
  private void secrets(JsonNode node, List<String> path, List<String> texts, int depth) {
    if (paths.isSecret(path)) {
      scalars(node, texts, depth);
      return;
    }
    if (Documents.tooDeep(depth)) {
      return;
    }
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        path.add(e.getKey());
        secrets(e.getValue(), path, texts, depth + 1);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        path.add(Integer.toString(i));
        secrets(a.get(i), path, texts, depth + 1);
        path.remove(path.size() - 1);
      }
    }
  }

  private static void scalars(JsonNode node, List<String> texts, int depth) {
    if (node.isString() || node.isNumber()) {
      String text = node.isString() ? node.stringValue() : node.toString();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    } else if (!Documents.tooDeep(depth)) {
      for (JsonNode child : node) {
        scalars(child, texts, depth + 1);
      }
    }
  }

  private static boolean holdsText(JsonNode node, List<String> texts, int depth) {
    if (node.isString() || node.isNumber()) {
      String text = node.isString() ? node.stringValue() : node.toString();
      for (String t : texts) {
        if (text.contains(t)) {
          return true;
        }
      }
      return false;
    }
    if (Documents.tooDeep(depth)) {
      return false;
    }
    for (JsonNode child : node) {
      if (holdsText(child, texts, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** True when the value at a path is at or below a tainted pointer. */
  private boolean tainted(List<String> path) {
    if (tainted.isEmpty()) {
      return false;
    }
    StringBuilder pointer = new StringBuilder();
    if (tainted.contains("")) {
      return true;
    }
    for (String key : path) {
      pointer.append('/').append(Documents.escapePointer(key));
      if (tainted.contains(pointer.toString())) {
        return true;
      }
    }
    return false;
  }

  /** A message with every secret text that a tainted value holds shown as {@code ***}. */
  private String untainted(String pointer, String message) {
    if (!tainted(SchemaPaths.pointerKeys(pointer))) {
      return message;
    }
    List<String> texts = new ArrayList<>(secretTexts);
    texts.sort((a, b) -> b.length() - a.length()); // the longest first: a value inside another
    for (String t : texts) {
      message = message.replace(t, MASK);
    }
    return message;
  }

  /**
   * True when the value at a path is secret: the schema marks it so, or interpolation copied a
   * secret's text into it.
   */
  boolean secret(List<String> path) {
    return paths != null && (paths.isSecret(path) || tainted(path));
  }

  /**
   * True when a value written at a path may hold a secret: the schema declares one at or below it
   * ({@link SchemaPaths#holdsSecret}), whatever the value's own structure.
   */
  boolean holdsSecret(List<String> path) {
    return paths != null && paths.holdsSecret(path);
  }

  /**
   * A copy of a value at a path with every secret inside it (or itself) shown as {@code ***}, and a
   * string or number where the schema declares a secret at or below shown as {@code ***} too.
   */
  JsonNode redact(List<String> path, JsonNode value) {
    if (paths == null) {
      return value;
    }
    return redact(new ArrayList<>(path), value, 0);
  }

  private JsonNode redact(List<String> path, JsonNode value, int depth) {
    if (secret(path) || (!value.isContainer() && paths.holdsSecret(path))) {
      // a scalar where the schema declares a secret below, such as a secret object's JSON text
      return NODES.stringNode(MASK);
    }
    if (Documents.tooDeep(depth)) {
      return value;
    }
    if (value instanceof ObjectNode o) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        path.add(e.getKey());
        copy.set(e.getKey(), redact(path, e.getValue(), depth + 1));
        path.remove(path.size() - 1);
      }
      return copy;
    }
    if (value instanceof ArrayNode a) {
      ArrayNode copy = NODES.arrayNode(a.size());
      for (int i = 0; i < a.size(); i++) {
        path.add(Integer.toString(i));
        copy.add(redact(path, a.get(i), depth + 1));
        path.remove(path.size() - 1);
      }
      return copy;
    }
    return value;
  }

  // --------------------------------------------------------------------------------- paths

  /** The JSON Pointer of keys. */
  static String pointerOf(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String key : path) {
      sb.append('/').append(Documents.escapePointer(key));
    }
    return sb.toString();
  }

  /** A value as a message shows it: a string in double quotes, anything else as JSON; cut short. */
  static String show(JsonNode value) {
    if (value.isString()) {
      return Printable.quoteValue(value.stringValue());
    }
    String json = value.toString();
    return Printable.escape(
        json.length() > Printable.QUOTED_LENGTH
            ? json.substring(0, Printable.QUOTED_LENGTH) + "..."
            : json);
  }

  /** A JSON value's kind as messages name it: {@code a string}, {@code a list}, {@code null}. */
  static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
