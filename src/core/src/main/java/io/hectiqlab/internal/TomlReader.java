package io.hectiqlab.internal;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.dataformat.toml.TomlFactory;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.toml.TomlReadFeature;

/**
 * Reads TOML 1.0 documents into the same trees as {@link Documents} reads JSON and YAML into, as
 * strictly: jackson-dataformat-toml parses (it refuses duplicate keys and redefined tables, and
 * validates dates), then the tree is checked and normalized here: integers must fit 64 bits, {@code
 * inf} and {@code nan} are refused, decimals are kept exactly, and dates and times become RFC 3339
 * strings. That parser reports no positions of values, so a small {@link Scanner} of the TOML
 * structure finds them when they are needed: for violations (a second pass) and for errors the
 * parser places only roughly (duplicates) or not at all.
 */
final class TomlReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TomlReader() {}

  /** The mapper, made on first use so that JSON and YAML users never pay for it. */
  private static final class Holder {
    static final TomlMapper MAPPER =
        TomlMapper.builder(
                TomlFactory.builder()
                    .streamReadConstraints(Documents.CONSTRAINTS)
                    .enable(TomlReadFeature.PARSE_JAVA_TIME)
                    .build())
            .build();
  }

  /**
   * Parses a TOML document (its root is always a table); records value and key positions into the
   * maps when they are not null.
   *
   * @throws DocumentException naming the line and column of the problem
   */
  static JsonNode read(
      String origin, String text, Map<String, int[]> positions, Map<String, int[]> keys) {
    JsonNode parsed;
    try {
      parsed = Holder.MAPPER.readTree(text);
    } catch (StreamConstraintsException e) {
      Scanner s = Scanner.scan(text);
      int[] at = s.tooDeep != null ? s.tooDeep : where(e.getLocation());
      String m = String.valueOf(e.getOriginalMessage());
      throw new DocumentException(
          origin,
          at[0],
          at[1],
          m.contains("nesting depth")
              ? Documents.TOO_DEEP
              : "invalid TOML: " + Documents.withoutSource(Documents.firstLine(m)),
          null);
    } catch (JacksonException e) {
      String m =
          Documents.withoutSource(Documents.firstLine(String.valueOf(e.getOriginalMessage())));
      if (m.startsWith("Duplicate key")
          || m.startsWith("Table redefined")
          || m.startsWith("Path into existing")
          || m.startsWith("Array already")
          || m.startsWith("Dotted key cannot extend")) {
        // The parser points past the key; the scanner finds the key itself.
        Scanner s = Scanner.scan(text);
        if (s.duplicate != null) {
          throw new DocumentException(
              origin, s.duplicateAt[0], s.duplicateAt[1], s.duplicate, null);
        }
      }
      int[] at = where(e.getLocation());
      throw new DocumentException(origin, at[0], at[1], "invalid TOML: " + m, null);
    }
    JsonNode root =
        new Converter(origin, text).convert(parsed == null ? NODES.objectNode() : parsed);
    if (positions != null) {
      Scanner s = Scanner.scan(text);
      positions.putAll(s.values);
      if (keys != null) {
        keys.putAll(s.keys);
      }
    }
    return root;
  }

  private static int[] where(TokenStreamLocation at) {
    return at == null
        ? new int[] {0, 0}
        : new int[] {Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr())};
  }

  /** Turns the parser's tree into the common one, refusing what JSON cannot hold. */
  private static final class Converter {
    private final String origin;
    private final String text;
    private Map<String, int[]> positions;

    Converter(String origin, String text) {
      this.origin = origin;
      this.text = text;
    }

    JsonNode convert(JsonNode root) {
      return convert(root, "", 0);
    }

    private JsonNode convert(JsonNode n, String pointer, int depth) {
      if (Documents.tooDeep(depth)) {
        throw error(pointer, Documents.TOO_DEEP);
      }
      // Containers are changed in place: only the few values that need it are replaced.
      if (n instanceof ObjectNode o) {
        for (Map.Entry<String, JsonNode> e : o.properties()) {
          JsonNode v = e.getValue();
          if (v.isContainer() || needsConversion(v)) {
            String child = pointer + "/" + Documents.escapePointer(e.getKey());
            JsonNode c = convert(v, child, depth + 1);
            if (c != v) {
              e.setValue(c);
            }
          }
        }
        return o;
      }
      if (n instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          JsonNode v = a.get(i);
          if (v.isContainer() || needsConversion(v)) {
            JsonNode c = convert(v, pointer + "/" + i, depth + 1);
            if (c != v) {
              a.set(i, c);
            }
          }
        }
        return a;
      }
      if (n instanceof POJONode p) {
        return NODES.stringNode(dateTime(p.getPojo(), pointer));
      }
      if (n.isBigInteger()) {
        BigInteger b = n.bigIntegerValue();
        String problem = Documents.outsideTomlRange(b);
        if (problem != null) {
          throw error(pointer, problem);
        }
        return NODES.numberNode(b.longValue());
      }
      if (n.isInt() || n.isLong()) {
        return n;
      }
      if (n.isNumber()) {
        if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
          double d = n.doubleValue();
          String raw = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
          throw error(pointer, Documents.notFinite(raw));
        }
        if (n.isBigDecimal() && n.decimalValue().signum() == 0 && writtenNegative(pointer)) {
          return NODES.numberNode(-0.0); // as written: the parser's decimal has no sign
        }
        String raw = n.decimalValue().toString();
        if (Documents.Reader.fitsDouble(raw)) {
          return NODES.numberNode(Double.parseDouble(raw));
        }
        JsonNode d = Documents.Reader.exactNumber(n.decimalValue());
        if (d == null) {
          throw error(pointer, Documents.Reader.outOfRange(raw));
        }
        return d;
      }
      if (n.isString() || n.isBoolean()) {
        return n;
      }
      throw error(pointer, "unsupported TOML value " + n.getNodeType());
    }

    /** False for the values kept as the parser made them: strings, booleans, ints and longs. */
    private static boolean needsConversion(JsonNode v) {
      return !(v.isString() || v.isBoolean() || v.isInt() || v.isLong());
    }

    private String dateTime(Object value, String pointer) {
      if (value instanceof OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
      }
      if (value instanceof LocalDateTime t) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      }
      if (value instanceof LocalDate t) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(t);
      }
      if (value instanceof LocalTime t) {
        return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
      }
      throw error(pointer, "unsupported TOML value " + value.getClass().getSimpleName());
    }

    /** True when the value at a pointer is written with a minus sign (rare: zeros only ask). */
    private boolean writtenNegative(String pointer) {
      if (positions == null) {
        positions = Scanner.scan(text).values;
      }
      int[] at = positions.get(pointer);
      if (at == null) {
        return false;
      }
      int i = 0;
      for (int line = 1; line < at[0] && i >= 0; line++) {
        i = text.indexOf('\n', i);
        i = i < 0 ? -1 : i + 1;
      }
      if (i < 0) {
        return false;
      }
      for (int col = 1; col < at[1] && i < text.length(); col++) {
        i += Character.charCount(text.codePointAt(i));
      }
      return i < text.length() && text.charAt(i) == '-';
    }

    private DocumentException error(String pointer, String problem) {
      if (positions == null) {
        positions = Scanner.scan(text).values;
      }
      String p = pointer;
      int[] at = positions.get(p);
      while (at == null && !p.isEmpty()) {
        p = p.substring(0, p.lastIndexOf('/'));
        at = positions.get(p);
      }
      if (at == null) {
        at = new int[] {0, 0};
      }
      return new DocumentException(origin, at[0], at[1], problem, null);
    }
  }

  /**
   * Walks the structure of TOML text (tables, arrays of tables, keys, arrays, inline tables) to
   * find where each value and key is, and the first key defined twice. It decodes keys but skips
   * over scalars, so it is not a parser: it runs on text the parser has read, or has refused at a
   * point it names only roughly. On any text it ends, in one linear pass, without throwing.
   */
  static final class Scanner {
    private static final int KEY_VALUE = 1; // a = ..., also the last key of a.b = ...
    private static final int DOTTED = 2; // the a of a.b = ...
    private static final int TABLE = 3; // [a]
    private static final int IMPLICIT = 4; // the a of [a.b]

    final Map<String, int[]> values = new HashMap<>();
    final Map<String, int[]> keys = new HashMap<>();
    String duplicate;
    int[] duplicateAt;
    int[] tooDeep;

    private final String s;
    private final int n;
    private final int[] lineStarts;
    private final Map<String, Integer> kinds = new HashMap<>();
    private final Map<String, Integer> arrays = new HashMap<>();
    private int i;
    private int headerDepth;

    /** Thrown to stop at the first problem worth reporting. */
    private static final class Stop extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Stop() {
        super(null, null, false, false);
      }
    }

    private Scanner(String text) {
      s = text;
      n = text.length();
      int[] starts = new int[16];
      int count = 1;
      for (int k = 0; k < n; k++) {
        if (text.charAt(k) == '\n') {
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
          }
          starts[count++] = k + 1;
        }
      }
      lineStarts = Arrays.copyOf(starts, count);
    }

    static Scanner scan(String text) {
      Scanner scanner = new Scanner(text);
      try {
        scanner.document();
      } catch (RuntimeException e) {
        // What was found before the problem stays.
      }
      return scanner;
    }

    /** {line, column}, 1-based, of a char offset. */
    private int[] at(int offset) {
      int k = Arrays.binarySearch(lineStarts, offset);
      int line = k >= 0 ? k : -k - 2;
      return new int[] {line + 1, offset - lineStarts[line] + 1};
    }

    private void document() {
      values.put("", new int[] {1, 1});
      String table = "";
      int tableDepth = 0;
      while (true) {
        skipBlank(true);
        if (i >= n) {
          return;
        }
        int start = i;
        if (s.charAt(i) == '[') {
          table = header();
          tableDepth = headerDepth;
        } else {
          keyValue(table, tableDepth);
        }
        skipBlank(false);
        if (i < n && s.charAt(i) != '\n') {
          skipLine();
        }
        if (i == start) {
          i++;
        }
      }
    }

    private String header() {
      int start = i;
      boolean arrayOfTables = i + 1 < n && s.charAt(i + 1) == '[';
      i += arrayOfTables ? 2 : 1;
      String pointer = "";
      headerDepth = 0;
      while (true) {
        skipBlank(false);
        int keyAt = i;
        String key = key();
        if (key == null) {
          return pointer;
        }
        pointer = pointer + "/" + Documents.escapePointer(key);
        deeper(++headerDepth, keyAt);
        skipBlank(false);
        boolean last = i >= n || s.charAt(i) != '.';
        if (!last) {
          i++;
          values.putIfAbsent(pointer, at(start));
          keys.putIfAbsent(pointer, at(keyAt));
          kinds.putIfAbsent(pointer, IMPLICIT);
          Integer count = arrays.get(pointer);
          if (count != null) {
            pointer = pointer + "/" + (count - 1);
            deeper(++headerDepth, keyAt);
          }
          continue;
        }
        Integer kind = kinds.get(pointer);
        if (arrayOfTables) {
          if (kind != null && kind != TABLE) {
            duplicate(keyAt, "duplicate key '" + key + "'");
          }
          kinds.put(pointer, TABLE);
          values.putIfAbsent(pointer, at(start));
          keys.putIfAbsent(pointer, at(keyAt));
          int count = arrays.merge(pointer, 1, Integer::sum);
          pointer = pointer + "/" + (count - 1);
          deeper(++headerDepth, keyAt);
          values.put(pointer, at(start));
          keys.put(pointer, at(keyAt));
        } else {
          if (kind != null && kind != IMPLICIT || arrays.containsKey(pointer)) {
            duplicate(keyAt, "duplicate table [" + s.substring(start + 1, i).strip() + "]");
          }
          kinds.put(pointer, TABLE);
          values.put(pointer, at(start));
          keys.put(pointer, at(keyAt));
        }
        if (i < n && s.charAt(i) == ']') {
          i += arrayOfTables && i + 1 < n && s.charAt(i + 1) == ']' ? 2 : 1;
        }
        return pointer;
      }
    }

    /** key = value, with the key relative to the table at {@code base}, {@code depth} deep. */
    private void keyValue(String base, int depth) {
      String pointer = base;
      while (true) {
        skipBlank(false);
        int keyAt = i;
        String key = key();
        if (key == null) {
          return;
        }
        pointer = pointer + "/" + Documents.escapePointer(key);
        deeper(++depth, keyAt);
        skipBlank(false);
        if (i < n && s.charAt(i) == '.') {
          i++;
          Integer kind = kinds.get(pointer);
          if (kind != null && kind == KEY_VALUE) {
            duplicate(keyAt, "duplicate key '" + key + "'");
          }
          kinds.putIfAbsent(pointer, DOTTED);
          values.putIfAbsent(pointer, at(keyAt));
          keys.putIfAbsent(pointer, at(keyAt));
          continue;
        }
        if (kinds.containsKey(pointer)) {
          duplicate(keyAt, "duplicate key '" + key + "'");
        }
        kinds.put(pointer, KEY_VALUE);
        keys.put(pointer, at(keyAt));
        if (i < n && s.charAt(i) == '=') {
          i++;
          skipBlank(false);
          value(pointer, depth);
        }
        return;
      }
    }

    /** The value at {@code pointer}, {@code depth} members below the root. */
    private void value(String pointer, int depth) {
      if (i >= n) {
        return;
      }
      values.put(pointer, at(i));
      deeper(depth, i);
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        string();
      } else if (c == '[') {
        i++;
        int index = 0;
        while (true) {
          skipBlank(true);
          if (i >= n) {
            return;
          }
          if (s.charAt(i) == ']') {
            i++;
            return;
          }
          int before = i;
          value(pointer + "/" + index++, depth + 1);
          skipBlank(true);
          if (i < n && s.charAt(i) == ',') {
            i++;
          } else if (i == before) {
            return;
          }
        }
      } else if (c == '{') {
        i++;
        while (true) {
          skipBlank(false);
          if (i >= n) {
            return;
          }
          if (s.charAt(i) == '}') {
            i++;
            return;
          }
          int before = i;
          keyValue(pointer, depth);
          skipBlank(false);
          if (i < n && s.charAt(i) == ',') {
            i++;
          } else if (i == before) {
            return;
          }
        }
      } else {
        while (i < n && ",]}#\r\n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
      }
    }

    /** Stops at the first value or key nested deeper than the limit. */
    private void deeper(int depth, int offset) {
      if (Documents.tooDeep(depth)) {
        tooDeep = at(offset);
        throw new Stop();
      }
    }

    private void duplicate(int offset, String problem) {
      duplicate = problem;
      duplicateAt = at(offset);
      throw new Stop();
    }

    /** A bare or quoted key, decoded; null when there is none here. */
    private String key() {
      if (i >= n) {
        return null;
      }
      char c = s.charAt(i);
      if (c == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
          char d = s.charAt(i++);
          if (d != '\\' || i >= n) {
            b.append(d);
            continue;
          }
          char e = s.charAt(i++);
          switch (e) {
            case 'b' -> b.append('\b');
            case 't' -> b.append('\t');
            case 'n' -> b.append('\n');
            case 'f' -> b.append('\f');
            case 'r' -> b.append('\r');
            case 'e' -> b.append('\u001b');
            case 'u', 'U', 'x' -> {
              int len = e == 'u' ? 4 : e == 'U' ? 8 : 2;
              if (i + len <= n) {
                try {
                  b.appendCodePoint(Integer.parseInt(s.substring(i, i + len), 16));
                } catch (IllegalArgumentException bad) {
                  // not a valid escape: the parser has refused the document already
                }
                i += len;
              }
            }
            default -> b.append(e);
          }
        }
        i++;
        return b.toString();
      }
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        int nl = s.indexOf('\n', i + 1);
        if (end < 0 || (nl >= 0 && nl < end)) {
          end = nl < 0 ? n : nl;
        }
        String key = s.substring(i + 1, end);
        i = Math.min(n, end + 1);
        return key;
      }
      int start = i;
      while (i < n && isBare(s.charAt(i))) {
        i++;
      }
      return i == start ? null : s.substring(start, i);
    }

    private static boolean isBare(char c) {
      return (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-';
    }

    private void string() {
      char q = s.charAt(i);
      if (i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q) {
        i += 3;
        while (i < n) {
          char c = s.charAt(i);
          if (c == '\\' && q == '"') {
            i += 2;
          } else if (c == q && i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q) {
            i += 3;
            // Up to two more quotes belong to the content.
            for (int k = 0; k < 2 && i < n && s.charAt(i) == q; k++) {
              i++;
            }
            return;
          } else {
            i++;
          }
        }
        return;
      }
      i++;
      while (i < n && s.charAt(i) != q && s.charAt(i) != '\n') {
        i += s.charAt(i) == '\\' && q == '"' ? 2 : 1;
      }
      i = Math.min(n, i + 1);
    }

    /** Skips spaces, tabs and comments, and newlines too when {@code newlines}. */
    private void skipBlank(boolean newlines) {
      while (i < n) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
          i++;
        } else if (c == '#') {
          skipLine();
        } else {
          return;
        }
      }
    }

    private void skipLine() {
      while (i < n && s.charAt(i) != '\n') {
        i++;
      }
    }
  }
}
