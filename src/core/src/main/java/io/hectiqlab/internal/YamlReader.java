package io.hectiqlab.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one YAML 1.2 document into a Jackson tree, from snakeyaml-engine's event stream (not
 * through Jackson's YAML parser, which neither expands aliases nor resolves tags): scalars follow
 * the core schema; anchors, aliases and merge keys ({@code <<}) are expanded, with at most {@link
 * #MAX_ALIAS_NODES} nodes built by aliases; tags outside the core schema, duplicate keys and
 * several documents are refused. Positions are recorded only when maps are given (the second pass
 * of {@link Documents.Parsed}); a value that came through an alias is placed at the alias. Not
 * thread-safe: one instance reads one text once.
 */
final class YamlReader {
  /**
   * The most nodes (values, lists and mappings) that aliases may build in one document, counting
   * each copy: a "billion laughs" document stops here, early and fast.
   */
  static final int MAX_ALIAS_NODES = 1_000_000;

  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setCodePointLimit(Documents.MAX_BYTES).build();
  private static final CoreScalarResolver CORE = new CoreScalarResolver(false);
  private static final String CORE_TAG = "tag:yaml.org,2002:";
  private static final String STR = CORE_TAG + "str";
  private static final String INT = CORE_TAG + "int";
  private static final String FLOAT = CORE_TAG + "float";
  private static final String BOOL = CORE_TAG + "bool";
  private static final String NULL = CORE_TAG + "null";
  private static final String MAP = CORE_TAG + "map";
  private static final String SEQ = CORE_TAG + "seq";
  private static final String CORE_TAGS =
      "the core schema's tags are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq";
  private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");
  private static final Pattern MARK = Pattern.compile("in reader, line (\\d+), column (\\d+)");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** An anchored node, its size in nodes and its height in nesting levels. */
  private record Anchored(JsonNode node, long size, int height) {}

  private final String origin;
  private final String text;
  private final boolean requireObject;
  private Map<String, int[]> positions;
  private Map<String, int[]> keys;
  private Iterator<Event> events;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private long built;
  private long copied;
  private int deepest;

  YamlReader(
      String origin,
      String text,
      Map<String, int[]> positions,
      Map<String, int[]> keys,
      boolean requireObject) {
    this.origin = origin;
    this.text = text;
    this.positions = positions;
    this.keys = keys;
    this.requireObject = requireObject;
  }

  JsonNode read() {
    try {
      events = new Parse(SETTINGS).parseReader(new PairKeepingReader(text)).iterator();
      next(); // stream start
      Event e = next();
      if (e instanceof StreamEndEvent) {
        return empty();
      }
      Event first = next(); // after the document start
      if (first instanceof ScalarEvent s
          && s.isPlain()
          && s.getValue().isEmpty()
          && s.getTag().isEmpty()
          && s.getAnchor().isEmpty()) {
        next(); // document end
        checkSingleDocument();
        return empty();
      }
      JsonNode root = node(first, "", 0);
      if (requireObject && !root.isObject()) {
        throw error(
            first, "the root must be an object (key: value pairs), found " + describe(root));
      }
      next(); // document end
      checkSingleDocument();
      return root;
    } catch (DocumentException e) {
      throw e;
    } catch (ReaderException e) {
      int[] at = lineAndColumn(e.getPosition());
      throw new DocumentException(
          origin,
          at[0],
          at[1],
          "invalid YAML: " + Documents.firstLine(String.valueOf(e.getMessage())),
          null);
    } catch (YamlEngineException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      // SnakeYAML's scanner parses the hex digits of the x, u and U escapes without checking that
      // there are enough of them, which fails only when the text ends inside the escape.
      int[] end = lineAndColumn(text.codePointCount(0, text.length()));
      throw new DocumentException(
          origin,
          end[0],
          end[1],
          "invalid YAML: the document ends inside an escape sequence of a double-quoted string",
          null);
    }
  }

  private JsonNode empty() {
    if (requireObject) {
      throw new DocumentException(origin, 0, 0, "empty document: expected an object", null);
    }
    return NODES.nullNode();
  }

  private void checkSingleDocument() {
    Event e = next();
    if (e instanceof DocumentStartEvent) {
      throw error(next(), "several YAML documents in one file; only one is supported");
    }
  }

  /** The next event; every scalar, key or value, passes here and is checked for lone surrogates. */
  private Event next() {
    Event e = events.next();
    if (e instanceof ScalarEvent s) {
      int lone = Documents.loneSurrogate(s.getValue());
      if (lone >= 0) {
        throw error(s, Documents.loneSurrogateProblem(s.getValue(), lone));
      }
    }
    return e;
  }

  // ------------------------------------------------------------------------------------- nodes

  /** Builds the node that starts with event e, at a pointer (null: record no position). */
  private JsonNode node(Event e, String pointer, int enclosing) {
    if (positions != null && pointer != null) {
      positions.put(pointer, at(e));
    }
    if (e instanceof AliasEvent a) {
      return alias(a, enclosing);
    }
    String anchor = ((NodeEvent) e).getAnchor().map(Anchor::getValue).orElse(null);
    if (anchor != null) {
      open.add(anchor);
    }
    long before = built;
    int outer = deepest;
    deepest = enclosing;
    JsonNode node;
    if (e instanceof ScalarEvent s) {
      node = scalar(s);
    } else if (e instanceof MappingStartEvent m) {
      checkCollectionTag(m, MAP, "a mapping");
      node = mapping(m, pointer, enclosing + 1);
    } else if (e instanceof SequenceStartEvent s) {
      checkCollectionTag(s, SEQ, "a list");
      node = sequence(s, pointer, enclosing + 1);
    } else {
      throw error(e, "invalid YAML: unexpected " + e);
    }
    built++;
    int height = deepest - enclosing;
    deepest = Math.max(outer, deepest);
    if (anchor != null) {
      open.remove(anchor);
      anchors.put(anchor, new Anchored(node, built - before, height));
    }
    return node;
  }

  private void nest(Event start, int level) {
    if (Documents.tooDeep(level)) {
      throw error(start, Documents.TOO_DEEP);
    }
    deepest = Math.max(deepest, level);
  }

  private JsonNode alias(AliasEvent a, int enclosing) {
    String name = a.getAlias().getValue();
    Anchored target = anchors.get(name);
    if (target == null) {
      String alias = "YAML alias '*" + name + "'";
      throw error(
          a,
          open.contains(name)
              ? alias + " is inside its own anchor; recursive values are not supported"
              : alias + " has no anchor '&" + name + "' before it");
    }
    nest(a, enclosing + target.height);
    copied += target.size;
    if (copied > MAX_ALIAS_NODES) {
      throw error(
          a,
          "YAML aliases expand to more than "
              + MAX_ALIAS_NODES
              + " nodes (the limit for one document)");
    }
    built += target.size;
    return target.node.deepCopy();
  }

  private ObjectNode mapping(Event start, String pointer, int level) {
    ObjectNode node = NODES.objectNode();
    nest(start, level);
    Set<String> explicit = new HashSet<>();
    boolean mergeSeen = false;
    Event k;
    while (!((k = next()) instanceof MappingEndEvent)) {
      if (isMergeKey(k)) {
        if (mergeSeen) {
          throw error(k, "duplicate key '<<'");
        }
        mergeSeen = true;
        merge(node, pointer, level);
        continue;
      }
      String name = key(k, level);
      if (explicit.contains(name)) {
        throw error(k, "duplicate key '" + name + "'");
      }
      explicit.add(name);
      String child = pointer == null ? null : pointer + "/" + Documents.escapePointer(name);
      if (keys != null && child != null) {
        keys.put(child, at(k));
      }
      node.set(name, node(next(), child, level));
    }
    return node;
  }

  private ArrayNode sequence(Event start, String pointer, int level) {
    ArrayNode node = NODES.arrayNode();
    nest(start, level);
    Event e;
    int i = 0;
    while (!((e = next()) instanceof SequenceEndEvent)) {
      node.add(node(e, pointer == null ? null : pointer + "/" + i, level));
      i++;
    }
    return node;
  }

  /**
   * The text of a mapping key: a scalar's own text (not resolved: a key is a string), or the JSON
   * text of an aliased scalar.
   */
  private String key(Event k, int level) {
    if (k instanceof ScalarEvent s && s.getAnchor().isEmpty()) {
      String tag = s.getTag().orElse(STR);
      if (!tag.equals("!") && !isCoreScalarTag(tag)) {
        throw tag.equals(MAP) || tag.equals(SEQ)
            ? error(s, "YAML tag '" + shortTag(tag) + "' cannot be applied to a plain value")
            : unsupported(s, tag);
      }
      return s.getValue();
    }
    JsonNode key = node(k, null, level);
    if (key.isContainer()) {
      throw error(k, "a mapping key must be a plain value, found " + describe(key));
    }
    if (k instanceof ScalarEvent s) {
      return s.getValue();
    }
    return key.isString() ? key.stringValue() : key.toString();
  }

  private static boolean isMergeKey(Event k) {
    return k instanceof ScalarEvent s
        && s.isPlain()
        && s.getTag().isEmpty()
        && s.getAnchor().isEmpty()
        && s.getValue().equals("<<");
  }

  // ------------------------------------------------------------------------------------- merge

  /**
   * Merges the mappings of a {@code <<} value into node, YAML 1.1 style: keys the mapping already
   * has win, then earlier mappings of a list win over later ones; keys written after the {@code <<}
   * replace merged ones. A merged value is placed where its mapping was written (the alias, or the
   * value inside an inline mapping).
   */
  private void merge(ObjectNode node, String pointer, int level) {
    Map<String, int[]> outerPositions = positions;
    Map<String, int[]> outerKeys = keys;
    Map<String, int[]> scratch =
        positions == null || keys == null || pointer == null ? null : new HashMap<>();
    positions = scratch;
    keys = scratch == null ? null : new HashMap<>();
    Map<String, int[]> scratchKeys = keys;
    List<ObjectNode> sources = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    try {
      Event v = next();
      if (v instanceof SequenceStartEvent s && s.getAnchor().isEmpty()) {
        checkCollectionTag(s, SEQ, "a list");
        nest(v, level + 1);
        Event item;
        int i = 0;
        while (!((item = next()) instanceof SequenceEndEvent)) {
          JsonNode n = node(item, "/" + i, level + 1);
          if (!n.isObject()) {
            throw error(item, mergeProblem(n));
          }
          sources.add((ObjectNode) n);
          prefixes.add("/" + i);
          i++;
        }
      } else {
        JsonNode n = node(v, "", level);
        if (n.isObject()) {
          sources.add((ObjectNode) n);
          prefixes.add("");
        } else if (n.isArray() && allObjects(n)) {
          for (int i = 0; i < n.size(); i++) {
            sources.add((ObjectNode) n.get(i));
            prefixes.add("/" + i);
          }
        } else {
          throw error(v, mergeProblem(n));
        }
      }
    } finally {
      positions = outerPositions;
      keys = outerKeys;
    }
    Map<String, Integer> winners = new LinkedHashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      for (Map.Entry<String, JsonNode> entry : sources.get(i).properties()) {
        String name = entry.getKey();
        if (!node.has(name)) {
          // Not shared: a merged mapping is a fresh copy or an inline value left out of the tree.
          node.set(name, entry.getValue());
          winners.put(Documents.escapePointer(name), i);
        }
      }
    }
    if (scratch != null) {
      place(pointer, scratch, scratchKeys, prefixes, winners);
    }
  }

  /**
   * Records the positions of merged values under the mapping at pointer: each merged key where its
   * mapping was written (scratch at the mapping's prefix, "" or "/i" for the i-th of a list), then
   * the positions read inside an inline mapping, moved under pointer.
   */
  private void place(
      String pointer,
      Map<String, int[]> scratch,
      Map<String, int[]> scratchKeys,
      List<String> prefixes,
      Map<String, Integer> winners) {
    for (Map.Entry<String, Integer> w : winners.entrySet()) {
      String prefix = prefixes.get(w.getValue());
      int[] base = scratch.containsKey(prefix) ? scratch.get(prefix) : scratch.get("");
      positions.put(pointer + "/" + w.getKey(), base);
      keys.put(pointer + "/" + w.getKey(), base);
    }
    boolean list = !prefixes.isEmpty() && !prefixes.get(0).isEmpty();
    copyPlaced(pointer, scratch, positions, list, winners);
    copyPlaced(pointer, scratchKeys, keys, list, winners);
  }

  private static void copyPlaced(
      String pointer,
      Map<String, int[]> from,
      Map<String, int[]> to,
      boolean list,
      Map<String, Integer> winners) {
    for (Map.Entry<String, int[]> e : from.entrySet()) {
      String rest = e.getKey();
      int source = 0;
      if (list) {
        int end = rest.indexOf('/', 1);
        if (end < 0) {
          continue;
        }
        source = Integer.parseInt(rest.substring(1, end));
        rest = rest.substring(end);
      }
      if (rest.isEmpty()) {
        continue;
      }
      int end = rest.indexOf('/', 1);
      Integer winner = winners.get(end < 0 ? rest.substring(1) : rest.substring(1, end));
      if (winner != null && winner == source) {
        to.put(pointer + rest, e.getValue());
      }
    }
  }

  private static boolean allObjects(JsonNode list) {
    for (JsonNode item : list) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static String mergeProblem(JsonNode found) {
    return "YAML merge key '<<' needs a mapping or a list of mappings, found " + describe(found);
  }

  // ----------------------------------------------------------------------------------- scalars

  private JsonNode scalar(ScalarEvent s) {
    String value = s.getValue();
    Optional<String> explicit = s.getTag();
    String tag;
    if (explicit.isEmpty()) {
      tag = s.isPlain() ? CORE.resolve(value, true).getValue() : STR;
      if (!isCoreScalarTag(tag)) {
        // The resolver also tags ${NAME} plain scalars as environment variables, which YAML 1.2's
        // core schema does not know: such a scalar is a string.
        tag = STR;
      }
    } else if (explicit.get().equals("!")) {
      tag = STR;
    } else {
      tag = explicit.get();
      if (tag.equals(MAP) || tag.equals(SEQ)) {
        throw error(s, "YAML tag '" + shortTag(tag) + "' cannot be applied to a plain value");
      }
      if (!isCoreScalarTag(tag)) {
        throw unsupported(s, tag);
      }
      if (!tag.equals(STR) && !fits(tag, value)) {
        throw error(s, "'" + Documents.clip(value) + "' is not a valid " + shortTag(tag));
      }
    }
    switch (tag.substring(CORE_TAG.length())) {
      case "null":
        return NODES.nullNode();
      case "bool":
        return NODES.booleanNode(value.charAt(0) == 't' || value.charAt(0) == 'T');
      case "int":
        return integer(s, value);
      case "float":
        return decimal(s, value);
      default:
        return NODES.stringNode(value);
    }
  }

  private static boolean isCoreScalarTag(String tag) {
    return tag.equals(STR)
        || tag.equals(INT)
        || tag.equals(FLOAT)
        || tag.equals(BOOL)
        || tag.equals(NULL);
  }

  /** Whether a value has the form an explicit core tag requires. */
  private static boolean fits(String tag, String value) {
    Pattern p;
    if (tag.equals(INT)) {
      p = CoreScalarResolver.INT;
    } else if (tag.equals(FLOAT)) {
      p = CoreScalarResolver.FLOAT;
    } else if (tag.equals(BOOL)) {
      p = CoreScalarResolver.BOOL;
    } else {
      return value.isEmpty() || CoreScalarResolver.NULL.matcher(value).matches();
    }
    return p.matcher(value).matches();
  }

  private JsonNode integer(ScalarEvent s, String value) {
    checkLength(s, value);
    BigInteger v;
    if (value.startsWith("0o")) {
      v = new BigInteger(value.substring(2), 8);
    } else if (value.startsWith("0x")) {
      v = new BigInteger(value.substring(2), 16);
    } else {
      v = new BigInteger(value);
    }
    if (v.bitLength() < 32) {
      return NODES.numberNode(v.intValue());
    }
    if (v.bitLength() < 64) {
      return NODES.numberNode(v.longValue());
    }
    return NODES.numberNode(v);
  }

  private JsonNode decimal(ScalarEvent s, String value) {
    if (NON_FINITE.matcher(value).matches()) {
      throw error(s, Documents.notFinite(value));
    }
    checkLength(s, value);
    if (Documents.Reader.fitsDouble(value)) {
      return NODES.numberNode(Double.parseDouble(value));
    }
    JsonNode node = Documents.Reader.exactNumber(new BigDecimal(value));
    if (node == null) {
      throw error(s, Documents.Reader.outOfRange(value));
    }
    return node;
  }

  private void checkLength(ScalarEvent s, String value) {
    if (value.length() > Documents.MAX_NUMBER_LENGTH) {
      throw error(s, Documents.TOO_MANY_DIGITS);
    }
  }

  // -------------------------------------------------------------------------------------- tags

  private void checkCollectionTag(CollectionStartEvent e, String allowed, String what) {
    Optional<String> tag = e.getTag();
    if (tag.isEmpty() || tag.get().equals("!") || tag.get().equals(allowed)) {
      return;
    }
    String t = tag.get();
    if (isCoreScalarTag(t) || t.equals(MAP) || t.equals(SEQ)) {
      throw error(e, "YAML tag '" + shortTag(t) + "' cannot be applied to " + what);
    }
    throw unsupported(e, t);
  }

  private DocumentException unsupported(Event e, String tag) {
    return error(e, "YAML tag '" + shortTag(tag) + "' is not supported (" + CORE_TAGS + ")");
  }

  /** A tag as it is usually written: {@code !!binary}, {@code !local}, {@code !<uri>}. */
  private static String shortTag(String tag) {
    if (tag.startsWith(CORE_TAG)) {
      return "!!" + tag.substring(CORE_TAG.length());
    }
    return tag.startsWith("!") ? tag : "!<" + tag + ">";
  }

  // ------------------------------------------------------------------------------------ errors

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return n.isNull() ? "null" : "a string";
  }

  /**
   * Reads a string without ever ending a read between the two halves of a surrogate pair.
   * SnakeYAML's stream reader fails with IndexOutOfBoundsException when its 1,024-char buffer ends
   * on a high surrogate (an emoji at char 1,024 of a valid document).
   */
  private static final class PairKeepingReader extends java.io.Reader {
    private final String text;
    private int next;

    PairKeepingReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (next >= text.length()) {
        return -1;
      }
      int end = Math.min(text.length(), next + length);
      if (end - next > 1
          && end < text.length()
          && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text.getChars(next, end, buffer, offset);
      int n = end - next;
      next = end;
      return n;
    }

    @Override
    public void close() {}
  }

  private static int[] at(Event e) {
    Mark m = e.getStartMark().orElse(null);
    return m == null ? new int[] {0, 0} : new int[] {m.getLine() + 1, m.getColumn() + 1};
  }

  private DocumentException error(Event e, String problem) {
    int[] p = at(e);
    return new DocumentException(origin, p[0], p[1], problem, null);
  }

  /** Line and column (1-based) of a code point index in the text. */
  private int[] lineAndColumn(int codePointIndex) {
    int line = 1;
    int col = 1;
    int i = 0;
    for (int n = 0; n < codePointIndex && i < text.length(); n++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  /**
   * SnakeYAML messages read "while parsing X / in reader, line a, column b: / snippet / problem /
   * in reader, line c, column d: / snippet": report the problem at its own position.
   */
  private DocumentException syntaxError(YamlEngineException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("exceeds the limit")) {
      return new DocumentException(origin, 0, 0, Documents.TOO_LARGE, null);
    }
    List<String> parts = new ArrayList<>();
    int[] mark = null;
    int[] contextMark = null;
    for (String line : message.split("\n")) {
      Matcher m = MARK.matcher(line);
      if (m.find()) {
        int[] at = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        if (parts.size() == 1 && mark == null && contextMark == null) {
          contextMark = at;
        }
        mark = at;
      } else if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        parts.add(line.trim());
      }
    }
    String problem;
    if (parts.isEmpty()) {
      problem = "malformed document";
    } else if (parts.size() == 1) {
      problem = parts.get(0);
    } else {
      problem = parts.get(parts.size() - 1) + " (" + parts.get(0);
      problem +=
          contextMark == null
              ? ")"
              : " at line " + contextMark[0] + ", column " + contextMark[1] + ")";
    }
    int line = mark == null ? 0 : mark[0];
    int col = mark == null ? 0 : mark[1];
    return new DocumentException(origin, line, col, "invalid YAML: " + problem, null);
  }
}
