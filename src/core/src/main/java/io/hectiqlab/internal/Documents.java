package io.hectiqlab.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.io.ContentReference;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON, YAML and TOML documents into Jackson trees, strictly: one document, no duplicate
 * keys, bounded size, depth and number range; YAML follows the 1.2 core schema, with anchors,
 * aliases and merge keys expanded within a node budget and tags outside the core schema refused
 * (see {@link YamlReader}); TOML is read by {@link TomlReader}. Positions of values are found on
 * demand (by a second, tracking pass) so that valid documents pay nothing for them.
 */
public final class Documents {
  /** The largest document accepted, in bytes. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 200;

  /** The problem of a document nested deeper than {@link #MAX_DEPTH}. */
  public static final String TOO_DEEP = "nesting is deeper than " + MAX_DEPTH + " levels";

  /**
   * The one depth rule, for documents read from text, Configs built in memory and schemas walked: a
   * container {@code level} levels deep (the root is level 1) is too deep when {@code level}
   * exceeds {@link #MAX_DEPTH}.
   */
  public static boolean tooDeep(int level) {
    return level > MAX_DEPTH;
  }

  /**
   * {@link #tooDeep} for a path: {@code keys} keys below a container at {@code level} (the root is
   * level 1) reach containers down to level {@code level + keys - 1}. The one rule for paths that
   * {@code Config.set}, override arguments and environment variable names follow.
   */
  public static boolean pathTooDeep(int level, int keys) {
    return tooDeep(level + keys - 1);
  }

  /** The largest decimal exponent magnitude accepted in a number. */
  public static final int MAX_EXPONENT = 1000;

  /** The most characters a number may have. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** The problem of a document larger than {@link #MAX_BYTES}. */
  static final String TOO_LARGE = "document is too large (the limit is " + MAX_BYTES + " bytes)";

  /** The problem of a number longer than {@link #MAX_NUMBER_LENGTH}. */
  static final String TOO_MANY_DIGITS =
      "number has too many digits (the limit is " + MAX_NUMBER_LENGTH + ")";

  /** The limits of every Jackson parser here (JSON, and the TOML parser of {@link TomlReader}). */
  static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxDocumentLength(MAX_BYTES)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .build();

  /**
   * The JSON parser's: its depth limit is one level beyond {@link #tooDeep}, which the reader
   * applies itself so that the error names the line and column of the container too deep.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(CONSTRAINTS.rebuild().maxNestingDepth(MAX_DEPTH + 1).build())
          .build();

  /** One JSON scalar and nothing else (possessive, so that a long string cannot overflow). */
  private static final java.util.regex.Pattern JSON_SCALAR =
      java.util.regex.Pattern.compile(
          "\\s*+(?:\"(?:[^\"\\\\]++|\\\\.)*+\"|-?+(?:0|[1-9][0-9]*+)(?:\\.[0-9]++)?+"
              + "(?:[eE][-+]?+[0-9]++)?+|true|false|null)\\s*+",
          java.util.regex.Pattern.DOTALL);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Documents() {}

  /** The syntax of a document. */
  public enum Format {
    /** TOML 1.0, read by {@link TomlReader}; dates and times become RFC 3339 strings. */
    TOML,
    /** JSON (RFC 8259). */
    JSON,
    /** YAML 1.2 (core schema; anchors, aliases and merge keys expanded; no custom tags). */
    YAML;

    /** The extensions that name a format, as users are told about them. */
    public static final String EXTENSIONS = ".json, .yaml, .yml or .toml";

    /**
     * The one rule that tells a file's format from its name, ignoring case: {@code .json} is JSON,
     * {@code .yaml} and {@code .yml} YAML, {@code .toml} TOML; null for any other name.
     */
    public static Format byName(String fileName) {
      String name = fileName.toLowerCase(Locale.ROOT);
      if (name.endsWith(".json")) {
        return JSON;
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return YAML;
      }
      return name.endsWith(".toml") ? TOML : null;
    }

    /**
     * Returns a file name without the extension {@link #byName} recognizes ({@code train.YAML} is
     * {@code train}); the name unchanged when it has none.
     */
    public static String stem(String fileName) {
      if (byName(fileName) == null) {
        return fileName;
      }
      int dot = fileName.lastIndexOf('.');
      return fileName.substring(0, dot);
    }

    /** {@link #byName} of a path's last element; null when the path has none. */
    public static Format byName(Path file) {
      return file.getFileName() == null ? null : byName(file.getFileName().toString());
    }

    /**
     * Returns the format {@link #byName} tells for a config file.
     *
     * @throws DocumentException naming the file and the supported extensions when the name tells
     *     none; {@link DocumentException#isIo} is true: the file cannot be read, as for every other
     *     entry point that reads it
     */
    public static Format of(Path file) {
      Format f = byName(file);
      if (f == null) {
        throw DocumentException.io(file.toString(), unknownProblem(), null);
      }
      return f;
    }

    /** The problem reported for a config file whose name tells no format. */
    public static String unknownProblem() {
      return "cannot tell the format from the file name (use " + EXTENSIONS + ")";
    }

    /** The extensions of schema files, as users are told about them. */
    public static final String SCHEMA_EXTENSIONS = ".json, .yaml, .yml";

    /**
     * The format of a schema file or resource by the same rule, where schemas are JSON or YAML: a
     * YAML name is YAML, any other JSON, as {@code $ref} targets often have no extension.
     *
     * @param name the file or resource name
     * @param origin how the file is named in messages
     * @throws DocumentException naming {@code origin} for a {@code .toml} name: schemas are not
     *     written in TOML
     */
    public static Format ofSchema(String name, String origin) {
      Format f = byName(name);
      if (f == TOML) {
        throw new DocumentException(
            origin, 0, 0, "schema files are JSON or YAML (" + SCHEMA_EXTENSIONS + ")", null);
      }
      return f == YAML ? YAML : JSON;
    }

    /**
     * Guesses from content: JSON when the first character other than white space opens an object or
     * an array, when the whole text is one JSON scalar (a string, a number, true, false or null) or
     * when there is nothing but white space; YAML otherwise, so text such as {@code - a} or {@code
     * "lr": 0.1} is YAML.
     */
    public static Format guess(String text) {
      int start = 0;
      while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      if (start == text.length()) {
        return JSON;
      }
      char c = text.charAt(start);
      return c == '{' || c == '[' || JSON_SCALAR.matcher(text).matches() ? JSON : YAML;
    }
  }

  /** A parsed document: its tree, where it came from, and on-demand value positions. */
  public static final class Parsed {
    private final JsonNode root;
    private final String origin;
    private final Format format;
    private final String text;
    private final boolean requireObject;
    private Map<String, int[]> positions;
    private Map<String, int[]> keys;

    Parsed(JsonNode root, String origin, Format format, String text, boolean requireObject) {
      this.root = root;
      this.requireObject = requireObject;
      this.origin = origin;
      this.format = format;
      this.text = text;
    }

    /** The root object. */
    public JsonNode root() {
      return root;
    }

    /** The file or pseudo-origin. */
    public String origin() {
      return origin;
    }

    /** The text the document was parsed from. */
    public String text() {
      return text;
    }

    /** The syntax it was read in. */
    public Format format() {
      return format;
    }

    /**
     * Returns {line, column} (1-based) of the value at a JSON Pointer, or of its nearest ancestor
     * that has a position; {0, 0} when none is known. A value that came through a YAML alias (or a
     * merge key's alias) is at the alias.
     */
    public int[] position(String pointer) {
      return find(pointer, false);
    }

    /**
     * Like {@link #position} but, for a member of an object, the position of its key (where an
     * unknown property is best pointed at).
     */
    public int[] keyPosition(String pointer) {
      return find(pointer, true);
    }

    private synchronized int[] find(String pointer, boolean key) {
      if (positions == null) {
        positions = new HashMap<>();
        keys = new HashMap<>();
        try {
          tree(origin, format, text, requireObject, positions, keys);
        } catch (RuntimeException e) {
          // The text parsed once already; a second pass cannot fail differently.
        }
      }
      if (key && keys.containsKey(pointer)) {
        return keys.get(pointer);
      }
      String p = pointer;
      while (true) {
        int[] pos = positions.get(p);
        if (pos != null) {
          return pos;
        }
        if (p.isEmpty()) {
          return new int[] {0, 0};
        }
        p = p.substring(0, p.lastIndexOf('/'));
      }
    }
  }

  /** What a document's root may be. */
  public enum Root {
    /** An object (a config). */
    OBJECT,
    /** Any JSON value (a document to validate, a schema, a request body). */
    ANY
  }

  /**
   * Where a document's text comes from: text, a file, a stream, or bytes, each named by an origin
   * in errors. Read by {@link #read} and {@link #parse}, with the same limits (at most {@link
   * #MAX_BYTES}, enforced while reading; strict UTF-8) and the same errors whatever the input.
   */
  public static final class Input {
    private final String origin;
    private final String text;
    private final Path file;
    private final InputStream stream;
    private final byte[] bytes;

    private Input(String origin, String text, Path file, InputStream stream, byte[] bytes) {
      this.origin = origin;
      this.text = text;
      this.file = file;
      this.stream = stream;
      this.bytes = bytes;
    }

    /** Text in memory. */
    public static Input text(String text, String origin) {
      return new Input(origin, text, null, null, null);
    }

    /**
     * A file: a FIFO or a device is read too, with the same limit; a directory or a socket is
     * refused.
     */
    public static Input file(Path file, String origin) {
      return new Input(origin, null, file, null, null);
    }

    /** A stream (standard input, a pipe), read to its end and not closed. */
    public static Input stream(InputStream in, String origin) {
      return new Input(origin, null, null, in, null);
    }

    /** Bytes in memory, decoded as strict UTF-8. */
    public static Input bytes(byte[] bytes, String origin) {
      return new Input(origin, null, null, null, bytes);
    }

    /** How errors name the input. */
    public String origin() {
      return origin;
    }
  }

  /**
   * Reads the text of an input: strict UTF-8 (invalid bytes are an error naming line, column, byte
   * and offset, never replaced by U+FFFD), at most {@link #MAX_BYTES}.
   *
   * @throws DocumentException naming the origin when it cannot be read
   */
  public static String read(Input input) {
    if (input.text != null) {
      return input.text;
    }
    if (input.file != null) {
      return readText(input.file, input.origin);
    }
    if (input.stream != null) {
      return readText(input.stream, input.origin);
    }
    if (input.bytes.length > MAX_BYTES) {
      throw new DocumentException(input.origin, 0, 0, TOO_LARGE, null);
    }
    return decodeUtf8(input.bytes, input.origin);
  }

  /**
   * The one way to parse a document: reads the input (see {@link #read}) and parses it in a format,
   * strictly and within the limits, keeping value positions on demand.
   *
   * @throws DocumentException naming the origin, line and column when it cannot be read or parsed,
   *     or when {@code root} is {@link Root#OBJECT} and the root is not an object
   */
  public static Parsed parse(Input input, Format format, Root root) {
    String text = read(input);
    boolean requireObject = root == Root.OBJECT;
    JsonNode tree = tree(input.origin, format, text, requireObject, null, null);
    return new Parsed(tree, input.origin, format, text, requireObject);
  }

  /**
   * Reads one document with the reader of its format; records value and key positions into the maps
   * when they are not null.
   */
  private static JsonNode tree(
      String origin,
      Format format,
      String text,
      boolean requireObject,
      Map<String, int[]> positions,
      Map<String, int[]> keys) {
    int lone = loneSurrogate(text);
    if (lone >= 0) {
      int line = 1;
      int col = 1;
      for (int i = 0; i < lone; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          col = 1;
        } else if (!Character.isLowSurrogate(text.charAt(i))) {
          col++;
        }
      }
      throw new DocumentException(origin, line, col, loneSurrogateProblem(text, lone), null);
    }
    if (format == Format.JSON && text.startsWith("\uFEFF")) {
      throw new DocumentException(origin, 1, 1, BYTE_ORDER_MARK, null);
    }
    if (format == Format.TOML) {
      return TomlReader.read(origin, text, positions, keys);
    }
    Reader reader = new Reader(origin, format, text, positions);
    reader.keys = keys;
    reader.requireObject = requireObject;
    return reader.read();
  }

  /** The problem of JSON text that starts with U+FEFF (JSON text never does: RFC 8259, 8.1). */
  public static final String BYTE_ORDER_MARK =
      "starts with a byte order mark (U+FEFF), which JSON text must not have: remove it";

  /**
   * Reads a file as strict UTF-8 text, with a size limit and clear errors. A FIFO or a device named
   * here is read too, with the same limit, which holds while reading (a device has no true size); a
   * directory or a socket is refused.
   */
  private static String readText(Path file, String origin) {
    byte[] bytes;
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.isDirectory()) {
        throw DocumentException.io(origin, "is a directory, not a file", null);
      }
      if (a.isRegularFile() && a.size() > MAX_BYTES) {
        throw DocumentException.io(
            origin,
            "file is too large (" + a.size() + " bytes; the limit is " + MAX_BYTES + ")",
            null);
      }
      String kind = a.isRegularFile() ? null : FileErrors.kind(file);
      if ("a socket".equals(kind)) {
        throw DocumentException.io(origin, "is a socket, not a file", null);
      }
      try (InputStream in = Files.newInputStream(file)) {
        // A pipe, a device or a growing file reports no true size: the limit holds while reading.
        bytes = readBounded(in, origin);
      } catch (DocumentException e) {
        throw DocumentException.io(origin, e.problem(), null); // a device or pipe without end
      }
    } catch (NoSuchFileException e) {
      String problem = Files.isSymbolicLink(file) ? FileErrors.BROKEN_LINK : "no such file";
      throw DocumentException.io(origin, problem, e);
    } catch (IOException e) {
      throw DocumentException.io(origin, "cannot read file: " + FileErrors.about(file, e), e);
    }
    return decodeUtf8(bytes, origin);
  }

  /**
   * Reads a stream to its end (standard input, a pipe) as strict UTF-8 text, refusing more than
   * {@link #MAX_BYTES} while reading; the stream is not closed.
   */
  private static String readText(InputStream in, String origin) {
    try {
      return decodeUtf8(readBounded(in, origin), origin);
    } catch (IOException e) {
      throw new DocumentException(origin, 0, 0, "cannot read: " + FileErrors.reason(e), e);
    }
  }

  /**
   * Reads at most {@link #MAX_BYTES} in chunks, refusing a stream that has more before anything is
   * assembled: an endless stream ({@code /dev/zero}) costs the limit in memory once, not twice.
   */
  private static byte[] readBounded(InputStream in, String origin) throws IOException {
    java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    long total = 0;
    while (true) {
      int want = (int) Math.min(READ_CHUNK, MAX_BYTES + 1L - total); // never past the limit + 1
      byte[] chunk = in.readNBytes(want);
      total += chunk.length;
      if (total > MAX_BYTES) {
        chunks.clear();
        throw new DocumentException(
            origin, 0, 0, "input is too large (the limit is " + MAX_BYTES + " bytes)", null);
      }
      if (chunk.length > 0) {
        chunks.add(chunk);
      }
      if (chunk.length < want) {
        break;
      }
    }
    byte[] bytes = new byte[(int) total];
    int at = 0;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, bytes, at, chunk.length);
      at += chunk.length;
    }
    return bytes;
  }

  /** The size of the chunks {@link #readBounded} reads a stream in. */
  private static final int READ_CHUNK = 1 << 20;

  /**
   * Decodes strict UTF-8: invalid bytes are a {@link DocumentException} naming the line, column,
   * byte and offset, never replaced by U+FFFD.
   */
  private static String decodeUtf8(byte[] bytes, String origin) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8(bytes);
      int line = 1;
      int col = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      throw new DocumentException(
          origin,
          line,
          col,
          "invalid UTF-8 (byte 0x"
              + String.format("%02x", bytes[offset] & 0xff)
              + " at offset "
              + offset
              + ")",
          e);
    }
  }

  private static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n;
      if (c < 0x80) {
        n = 0;
      } else if (c >= 0xC2 && c < 0xE0) {
        n = 1;
      } else if (c >= 0xE0 && c < 0xF0) {
        n = 2;
      } else if (c >= 0xF0 && c < 0xF5) {
        n = 3;
      } else {
        return i;
      }
      if (i + n >= b.length) {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += n + 1;
    }
    return Math.max(0, b.length - 1);
  }

  /** One pass over a document, building the tree and, when asked, recording positions. */
  static final class Reader {
    private final String origin;
    private final Format format;
    private final String text;
    private final Map<String, int[]> positions;
    Map<String, int[]> keys;
    boolean requireObject = true;
    private JsonParser parser;

    /** Containers open at the current token (the root is level 1). */
    private int level;

    Reader(String origin, Format format, String text, Map<String, int[]> positions) {
      this.origin = origin;
      this.format = format;
      this.text = text;
      this.positions = positions;
    }

    JsonNode read() {
      if (format == Format.YAML) {
        return new YamlReader(origin, text, positions, keys, requireObject).read();
      }
      TokenStreamFactory factory = JSON;
      try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
        parser = p;
        JsonToken t = p.nextToken();
        if (t == null) {
          throw error(
              null, "empty document: expected " + (requireObject ? "an object" : "a value"));
        }
        if (requireObject && t != JsonToken.START_OBJECT) {
          throw error(
              p.currentTokenLocation(),
              "the root must be an object (key: value pairs), found " + describe(t));
        }
        JsonNode root = value(t, "");
        JsonToken extra = p.nextToken();
        if (extra != null) {
          throw error(p.currentTokenLocation(), "unexpected content after the end of the document");
        }
        return root;
      } catch (DocumentException e) {
        throw e;
      } catch (StreamConstraintsException e) {
        throw error(e.getLocation(), limitMessage(e));
      } catch (JacksonException e) {
        throw error(e.getLocation(), syntaxMessage(e));
      }
    }

    private JsonNode value(JsonToken t, String pointer) {
      if (positions != null) {
        TokenStreamLocation at = parser.currentTokenLocation();
        positions.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
      }
      switch (t) {
        case START_OBJECT:
        case START_ARRAY:
          if (tooDeep(++level)) {
            throw error(parser.currentTokenLocation(), TOO_DEEP);
          }
          JsonNode container = t == JsonToken.START_OBJECT ? object(pointer) : array(pointer);
          level--;
          return container;
        case VALUE_STRING:
          return NODES.stringNode(checkedString(parser.getString()));
        case VALUE_NUMBER_INT:
          return integer();
        case VALUE_NUMBER_FLOAT:
          return decimal();
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw error(parser.currentTokenLocation(), "unsupported value " + describe(t));
      }
    }

    /** A string value as decoded: its escapes may spell a lone surrogate ({@code "\\ud800"}). */
    private String checkedString(String value) {
      int lone = loneSurrogate(value);
      if (lone >= 0) {
        throw error(parser.currentTokenLocation(), loneSurrogateProblem(value, lone));
      }
      return value;
    }

    private ObjectNode object(String pointer) {
      ObjectNode node = NODES.objectNode();
      JsonToken t;
      while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        if (node.has(name)) {
          throw error(parser.currentTokenLocation(), "duplicate key '" + name + "'");
        }
        String child = positions == null ? null : pointer + "/" + escapePointer(name);
        if (keys != null) {
          TokenStreamLocation keyAt = parser.currentTokenLocation();
          keys.put(child, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
        }
        node.set(name, value(parser.nextToken(), child));
      }
      if (t != JsonToken.END_OBJECT) {
        throw error(parser.currentTokenLocation(), "expected a key, found " + describe(t));
      }
      return node;
    }

    private ArrayNode array(String pointer) {
      ArrayNode node = NODES.arrayNode();
      JsonToken t;
      int i = 0;
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw error(parser.currentTokenLocation(), "unexpected end of document");
        }
        node.add(value(t, positions == null ? null : pointer + "/" + i));
        i++;
      }
      return node;
    }

    private JsonNode integer() {
      switch (parser.getNumberType()) {
        case INT:
          return NODES.numberNode(parser.getIntValue());
        case LONG:
          return NODES.numberNode(parser.getLongValue());
        default:
          return NODES.numberNode(parser.getBigIntegerValue());
      }
    }

    private JsonNode decimal() {
      String raw = parser.getString();
      if (fitsDouble(raw)) {
        return NODES.numberNode(Double.parseDouble(raw));
      }
      BigDecimal d;
      try {
        d = parser.getDecimalValue();
      } catch (NumberFormatException | JacksonException e) {
        throw error(parser.currentTokenLocation(), "invalid number '" + raw + "'");
      }
      JsonNode node = exactNumber(d);
      if (node == null) {
        throw error(parser.currentTokenLocation(), outOfRange(raw));
      }
      return node;
    }

    /**
     * True when a decimal is exactly the value of the double nearest to it in shortest form: a zero
     * (so that {@code -0.0} stays a negative zero, as written), or at most 15 significant digits
     * (trailing zeros aside) (a double tells all 15-digit decimals apart) well inside the normal
     * range. Such numbers skip the BigDecimal check in {@link #number}, which would reach the same
     * answer.
     */
    static boolean fitsDouble(String raw) {
      int i = 0;
      int n = raw.length();
      if (i < n && (raw.charAt(i) == '-' || raw.charAt(i) == '+')) {
        i++;
      }
      int significant = 0; // digits from the first nonzero one on
      int needed = 0; // ... up to the last nonzero one
      int exponent = 0; // decimal exponent of the first significant digit, before any e part
      boolean point = false;
      boolean seen = false;
      boolean digits = false; // any digit at all: a zero ("-0.0" too) is exactly a double
      for (; i < n; i++) {
        char c = raw.charAt(i);
        if (c == '.') {
          if (point) {
            return false;
          }
          point = true;
        } else if (c >= '0' && c <= '9') {
          digits = true;
          if (c != '0' || seen) {
            if (!seen) {
              seen = true;
              exponent = point ? exponent - 1 : 0;
            } else if (!point) {
              exponent++;
            }
            significant++;
            if (c != '0') {
              needed = significant;
            }
          } else if (point) {
            exponent--;
          }
        } else {
          break;
        }
      }
      if (!digits || needed > 15) {
        return false;
      }
      if (i < n) {
        char c = raw.charAt(i++);
        if (c != 'e' && c != 'E') {
          return false;
        }
        boolean negative = false;
        if (i < n && (raw.charAt(i) == '-' || raw.charAt(i) == '+')) {
          negative = raw.charAt(i++) == '-';
        }
        if (i == n) {
          return false;
        }
        while (i < n - 1 && raw.charAt(i) == '0') {
          i++; // 1e0005 is 1e5: the same number takes the same path however it is written
        }
        if (n - i > 4) {
          return false;
        }
        int e = 0;
        for (; i < n; i++) {
          char d = raw.charAt(i);
          if (d < '0' || d > '9') {
            return false;
          }
          e = e * 10 + (d - '0');
        }
        exponent += negative ? -e : e;
      }
      return !seen || (exponent >= -300 && exponent <= 300);
    }

    /**
     * The node of an exact decimal: a double when the double is exactly its value, else the decimal
     * itself; null when its exponent is beyond {@link #MAX_EXPONENT}.
     */
    static JsonNode exactNumber(BigDecimal d) {
      int exponent = d.precision() - d.scale() - 1;
      if (d.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT) {
        return null;
      }
      double v = d.doubleValue();
      if (Double.isFinite(v) && BigDecimal.valueOf(v).compareTo(d) == 0) {
        return NODES.numberNode(v);
      }
      return NODES.numberNode(d);
    }

    /** The problem of a number {@link #exactNumber} refused. */
    static String outOfRange(String raw) {
      return "number '"
          + clip(raw)
          + "' is out of range (the exponent must be within +/-"
          + MAX_EXPONENT
          + ")";
    }

    private DocumentException error(TokenStreamLocation at, String problem) {
      int line = at == null ? 0 : Math.max(0, at.getLineNr());
      int col = at == null ? 0 : Math.max(0, at.getColumnNr());
      return new DocumentException(origin, line, col, problem, null);
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "the end of the document";
      }
      switch (t) {
        case START_ARRAY:
          return "a list";
        case START_OBJECT:
          return "an object";
        case VALUE_STRING:
          return "a string";
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return "a number";
        case VALUE_TRUE:
        case VALUE_FALSE:
          return "a boolean";
        case VALUE_NULL:
          return "null";
        default:
          return t.toString();
      }
    }

    private String limitMessage(StreamConstraintsException e) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("nesting depth")) {
        return TOO_DEEP;
      }
      if (m.contains("document length")) {
        return TOO_LARGE;
      }
      if (m.contains("Number value length")) {
        return TOO_MANY_DIGITS;
      }
      return withoutSource(firstLine(m));
    }

    private String syntaxMessage(JacksonException e) {
      String m = firstLine(String.valueOf(e.getOriginalMessage()));
      int hint = m.indexOf(": enable `");
      if (hint > 0) {
        m = m.substring(0, hint);
      }
      int marker = m.indexOf(" (start marker at ");
      if (marker > 0) {
        m = m.substring(0, marker) + opened();
      }
      return "invalid JSON: " + withoutSource(m);
    }

    /**
     * Where the object or array left open at the end of the input started: {@code (opened at 1:1)},
     * or nothing when the parser does not know.
     */
    private String opened() {
      TokenStreamContext open = parser == null ? null : parser.streamReadContext();
      if (open == null || !(open.inObject() || open.inArray())) {
        return "";
      }
      TokenStreamLocation at = open.startLocation(ContentReference.unknown());
      if (at == null || at.getLineNr() <= 0) {
        return "";
      }
      return " (opened at " + at.getLineNr() + ":" + at.getColumnNr() + ")";
    }
  }

  /** The first line of a parser's message, trimmed. */
  static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /**
   * A parser's message without the parser's own description of its input ({@code [Source: REDACTED
   * (...); line: 1, column: 2]}): the file and position come first in our messages.
   */
  static String withoutSource(String m) {
    return m.replaceAll("\\s*(at )?\\[Source: [^\\]]*\\]", "").trim();
  }

  /** Raw text as quoted in a problem: at most 40 characters, then {@code ...}. */
  static String clip(String raw) {
    return raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
  }

  /** The problem of a NaN or an infinity, written {@code raw} in the document. */
  static String notFinite(String raw) {
    return "'" + raw + "' is not a finite number; JSON has no NaN or Infinity";
  }

  /**
   * The problem of an integer that TOML cannot hold (its integers are 64-bit), or null when it
   * fits: for reading TOML and for writing it.
   */
  public static String outsideTomlRange(BigInteger b) {
    return b.bitLength() > 63
        ? "integer " + b + " does not fit in 64 bits, as TOML requires"
        : null;
  }

  /** A mapper made on first use: building one costs tens of milliseconds at start-up. */
  private static final class CompactMapper {
    static final tools.jackson.databind.ObjectMapper MAPPER =
        tools.jackson.databind.json.JsonMapper.builder().build();
  }

  /** Compact JSON bytes of a tree. */
  public static byte[] toBytes(JsonNode node) {
    return CompactMapper.MAPPER.writeValueAsBytes(node);
  }

  /**
   * Returns the index of the first lone surrogate in a string (half of a UTF-16 pair without its
   * other half: not Unicode text, and written as {@code ?} by UTF-8 encoders), or -1 when there is
   * none. Documents, Configs and the lab refuse such strings rather than store them altered.
   */
  public static int loneSurrogate(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The problem of a string whose char at index is a lone surrogate (see {@link #loneSurrogate}).
   */
  public static String loneSurrogateProblem(CharSequence s, int index) {
    return "invalid text: lone surrogate \\u"
        + String.format("%04x", (int) s.charAt(index))
        + " (half of a UTF-16 pair without its other half is not Unicode text)";
  }

  /**
   * Escapes a key for use as one segment of a JSON Pointer (RFC 6901): {@code ~} as {@code ~0},
   * then {@code /} as {@code ~1}. With {@link #unescapePointer}, the one pointer escaping rule.
   */
  public static String escapePointer(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * The key one JSON Pointer segment names: {@code ~1} as {@code /}, then {@code ~0} as {@code ~}
   * (in that order, so {@code ~01} is the key {@code ~1}).
   */
  public static String unescapePointer(String segment) {
    if (segment.indexOf('~') < 0) {
      return segment;
    }
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
