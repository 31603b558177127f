package io.hectiqlab;

import java.util.List;

/** The template and helpers the layered-config tests share. */
final class LayersFixture {
  private LayersFixture() {}

  /** A server, lists with each merge rule, a secret and nested defaults. */
  static final String SCHEMA =
      """
      {
        "type": "object",
        "properties": {
          "name": {"type": "string", "default": "run"},
          "server": {
            "type": "object",
            "properties": {
              "host": {"type": "string", "default": "localhost"},
              "port": {"type": "integer", "minimum": 1, "maximum": 65535, "default": 8080},
              "debug": {"type": "boolean"}
            },
            "additionalProperties": false
          },
          "tags": {"type": "array", "items": {"type": "string"}, "default": ["base"]},
          "plugins": {
            "type": "array",
            "items": {"type": "string"},
            "x-hectiqlab-merge": "append",
            "default": ["core"]
          },
          "layers": {
            "type": "array",
            "x-hectiqlab-merge": {"mergeBy": "name"},
            "items": {
              "type": "object",
              "properties": {
                "name": {"type": "string"},
                "units": {"type": "integer", "minimum": 1},
                "activation": {"type": "string", "default": "relu"}
              },
              "required": ["name"]
            }
          },
          "db": {
            "type": "object",
            "properties": {
              "user": {"type": "string"},
              "password": {"type": "string", "writeOnly": true, "minLength": 8}
            }
          },
          "optimizer": {
            "type": "object",
            "properties": {
              "name": {"type": "string", "enum": ["sgd", "adam"]},
              "lr": {"type": "number", "maximum": 1, "default": 0.001}
            },
            "required": ["name"]
          },
          "note": {"type": ["string", "null"]},
          "extra": {"type": "object"}
        },
        "additionalProperties": false
      }
      """;

  static ConfigSchema schema() {
    return ConfigSchema.fromText(SCHEMA);
  }

  static ConfigLayers layers() {
    return ConfigLayers.of(schema());
  }

  static ConfigSource yaml(String name, String text) {
    return ConfigSource.text(text, name, ConfigFormat.YAML);
  }

  static ConfigSource json(String name, String text) {
    return ConfigSource.text(text, name, ConfigFormat.JSON);
  }

  static ConfigSource toml(String name, String text) {
    return ConfigSource.text(text, name, ConfigFormat.TOML);
  }

  /** The lines of a failed composition's violations, as the command line prints them. */
  static List<String> lines(ConfigException.Invalid e) {
    return List.of(e.result().toString().split("\n"));
  }
}
