package io.hectiqlab;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.YamlScalars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/** Converts between Configs and Jackson trees, and writes JSON. */
final class Trees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter PRETTY =
      JsonMapper.builder()
          .build()
          .writer()
          .with(
              new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectNameValueSpacing(Separators.Spacing.AFTER)));

  private static final ObjectWriter YAML =
      YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Quoting()).build())
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .build()
          .writer();

  /**
   * Quotes only the strings that need it (see {@link YamlScalars}): {@code yes}, {@code null},
   * {@code 1e3}, {@code ' a'} and the like, and a key named {@code <<}, which would read back as a
   * merge key.
   */
  private static final class Quoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteName(String name) {
      return YamlScalars.quoteKey(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return YamlScalars.quoteValue(value);
    }
  }

  private Trees() {}

  /**
   * Builds a Config from a parsed object node; refuses reserved keys. Containers are attached to
   * their parent before they are filled, so that an error can name its full path without the
   * conversion building a path string for every value.
   */
  static Config toConfig(JsonNode object) {
    Config config = Containers.buildConfig(null, object.size());
    fill(config, object);
    return config;
  }

  private static void fill(Config config, JsonNode object) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String key = e.getKey();
      if (key.startsWith("_") && (key.equals("_lock") || key.equals("_state"))) {
        Values.checkKey(key, Config.pathOf(config, key));
      }
      JsonNode value = e.getValue();
      if (value.isObject()) {
        Config c = Containers.buildConfig(config, value.size());
        Containers.buildAppend(config, key, c);
        fill(c, value);
      } else if (value.isArray()) {
        ConfigList list = Containers.buildList(config, value.size());
        Containers.buildAppend(config, key, list);
        fill(list, value);
      } else {
        Containers.buildAppend(config, key, scalar(value));
      }
    }
  }

  private static void fill(ConfigList list, JsonNode array) {
    for (JsonNode item : array) {
      if (item.isObject()) {
        Config c = Containers.buildConfig(list, item.size());
        Containers.buildAdd(list, c);
        fill(c, item);
      } else if (item.isArray()) {
        ConfigList inner = Containers.buildList(list, item.size());
        Containers.buildAdd(list, inner);
        fill(inner, item);
      } else {
        Containers.buildAdd(list, scalar(item));
      }
    }
  }

  private static Object scalar(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return node.stringValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        return node.numberValue();
      default:
        return null;
    }
  }

  /** Builds a Jackson tree from a Config; fails on anything JSON cannot encode. */
  static ObjectNode toNode(Config config) {
    return (ObjectNode) toNode(config, "");
  }

  private static JsonNode toNode(Object v, String path) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String s) {
      return NODES.stringNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer n) {
      return NODES.numberNode(n.intValue());
    }
    if (v instanceof Long n) {
      return NODES.numberNode(n.longValue());
    }
    if (v instanceof Double n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (v instanceof BigDecimal n) {
      return NODES.numberNode(n);
    }
    if (v instanceof BigInteger n) {
      return NODES.numberNode(n);
    }
    if (v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).intValue());
    }
    if (v instanceof Float n) {
      return NODES.numberNode(n.floatValue());
    }
    if (v instanceof Config c) {
      ObjectNode node = NODES.objectNode();
      for (int i = 0; i < c.entries.size(); i++) {
        String key = c.entries.key(i);
        node.set(key, toNode(c.entries.value(i), Paths.child(path, key)));
      }
      return node;
    }
    if (v instanceof ConfigList l) {
      ArrayNode node = NODES.arrayNode(l.items.size());
      for (int i = 0; i < l.items.size(); i++) {
        node.add(toNode(l.items.get(i), Paths.child(path, i)));
      }
      return node;
    }
    throw new ConfigException.BadValue(
        Values.display(path)
            + ": value of type "
            + v.getClass().getName()
            + " is not JSON-encodable (use strings, numbers, booleans, null, lists or Configs)");
  }

  /** The public form of a document error. */
  /**
   * The public form of a document failure: {@link ConfigException.Io} when a file could not be
   * read, else {@link ConfigException.Parse}.
   */
  static ConfigException parseError(DocumentException e) {
    if (e.isIo()) {
      return new ConfigException.Io(java.nio.file.Path.of(e.origin()), e.problem(), e.getCause());
    }
    return new ConfigException.Parse(e.origin(), e.line(), e.column(), e.problem(), e.getCause());
  }

  /** Pretty-printed JSON of a Config. */
  static String toJson(Config config) {
    return PRETTY.writeValueAsString(toNode(config));
  }

  /** Block-style YAML, quoting only the strings that would not read back as the same strings. */
  static String toYaml(Config config) {
    return YAML.writeValueAsString(toNode(config));
  }

  /** A TOML writer, made on first use. */
  private static final class TomlWriter {
    static final ObjectWriter WRITER =
        tools.jackson.dataformat.toml.TomlMapper.builder().build().writer();
  }

  /**
   * TOML of a Config: tables as dotted keys, lists (of any mix of types, as TOML 1.0 allows)
   * inline. TOML has no null and no integers beyond 64 bits: those are refused naming the path.
   */
  static String toToml(Config config) {
    checkToml(config, ""); // before building anything: nothing is written on a refusal
    return TomlWriter.WRITER.writeValueAsString(toNode(config));
  }

  private static void checkToml(Object v, String path) {
    if (v == null) {
      throw new ConfigException.BadValue(
          Values.display(path)
              + ": null cannot be written as TOML, which has no null (remove the key, or save as"
              + " JSON or YAML)");
    }
    if (v instanceof BigInteger b && Documents.outsideTomlRange(b) != null) {
      throw new ConfigException.BadValue(
          Values.display(path) + ": " + Documents.outsideTomlRange(b));
    }
    if (v instanceof Config c) {
      for (int i = 0; i < c.entries.size(); i++) {
        checkToml(c.entries.value(i), Paths.child(path, c.entries.key(i)));
      }
    } else if (v instanceof ConfigList l) {
      for (int i = 0; i < l.items.size(); i++) {
        checkToml(l.items.get(i), Paths.child(path, i));
      }
    }
  }

  /** Pretty-printed JSON of any tree. */
  static String toJson(JsonNode node) {
    return PRETTY.writeValueAsString(node);
  }
}
