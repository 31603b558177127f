package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * A string (an environment variable's value) becomes the value the schema's type at its path
 * denotes, in strict JSON syntax; anything else is an error that quotes the text, except a
 * secret's.
 */
class ConversionTest {
  static final SchemaPaths S =
      SchemaPathsTest.paths(
          """
          {"properties": {
            "i": {"type": "integer"},
            "n": {"type": "number"},
            "b": {"type": "boolean"},
            "z": {"type": "null"},
            "s": {"type": "string"},
            "e": {"enum": ["adam", "sgd", 1, null, [1, 2]]},
            "c": {"const": 3},
            "a": {"type": "array"},
            "o": {"type": "object"},
            "in": {"type": ["integer", "null"]},
            "ns": {"type": ["number", "string"]},
            "u": {},
            "r": {"$ref": "#/$defs/port"},
            "any": {"anyOf": [{"type": "boolean"}, {"type": "integer"}]},
            "pin": {"type": "integer", "writeOnly": true},
            "key": {"enum": ["k1", "k2"], "x-secret": true},
            "vault": {"x-secret": true, "properties": {"token": {"type": "array"}}}},
           "$defs": {"port": {"type": "integer", "maximum": 65535}}}
          """);

  static JsonNode convert(String path, String text) {
    return S.convert(List.of(DottedPaths.split(path)), text);
  }

  static String error(String path, String text) {
    try {
      convert(path, text);
    } catch (ConversionException e) {
      return e.getMessage();
    }
    throw new AssertionError("converted " + path + "=" + text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "i|8081|8081",
        "i|0|0",
        "i|-12|-12",
        "i|123456789012345678901234567890|123456789012345678901234567890",
        "n|0.5|0.5",
        "n|-1e3|-1000.0",
        "n|7|7",
        "b|true|true",
        "b|false|false",
        "z|null|null",
        "s|08|\"08\"",
        "s|true|\"true\"",
        "e|sgd|\"sgd\"",
        "e|1|1",
        "e|1.0|1",
        "e|null|null",
        "e|[1,2]|[1,2]",
        "c|3|3",
        "c|3.0|3",
        "a|[1, \"x\"]|[1,\"x\"]",
        "o|{\"k\": [true]}|{\"k\":[true]}",
        "in|5|5",
        "in|null|null",
        "ns|1.5|1.5",
        "ns|abc|\"abc\"",
        "u|12|12",
        "u|{\"a\":1}|{\"a\":1}",
        "u|hello|\"hello\"",
        "u|08|\"08\"",
        "r|8080|8080",
        "any|true|true",
        "any|4|4",
        "undeclared.path|[true]|[true]",
        "undeclared.path|x y|\"x y\""
      })
  void textBecomesTheValueOfTheTypeAtThePath(String path, String text, String json) {
    JsonNode v = convert(path, text);
    assertThat(new String(Documents.toBytes(v), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(json);
  }

  @Test
  void integersKeepTheirKindAndStringsStayStrings() {
    assertThat(convert("i", "8081").isIntegralNumber()).isTrue();
    assertThat(convert("s", "8081").isString()).isTrue();
    assertThat(convert("s", "").stringValue()).isEmpty();
    assertThat(convert("s", " padded ").stringValue()).isEqualTo(" padded ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "i|08|must be integer, found \"08\"",
        "i|1e3|must be integer, found \"1e3\"",
        "i|1.0|must be integer, found \"1.0\"",
        "i|' 1'|must be integer, found \" 1\"",
        "i|'1 '|must be integer, found \"1 \"",
        "i|+1|must be integer, found \"+1\"",
        "i|0x10|must be integer, found \"0x10\"",
        "i|''|must be integer, found \"\"",
        "i|abc|must be integer, found \"abc\"",
        "n|.5|must be number, found \".5\"",
        "n|1.|must be number, found \"1.\"",
        "n|NaN|must be number, found \"NaN\"",
        "n|Infinity|must be number, found \"Infinity\"",
        "n|1e5000|must be number, found \"1e5000\" (the exponent must be within +/-1000)",
        "b|yes|must be boolean, found \"yes\"",
        "b|True|must be boolean, found \"True\"",
        "b|1|must be boolean, found \"1\"",
        "z|''|must be null, found \"\"",
        "z|nil|must be null, found \"nil\"",
        "e|Adam|must be one of [\"adam\", \"sgd\", 1, null, [1,2]], found \"Adam\"",
        "c|4|must be 3, found \"4\"",
        "a|a,b|must be array (written as JSON), found \"a,b\"",
        "a|{}|must be array (written as JSON), found \"{}\"",
        "o|[1]|must be object (written as JSON), found \"[1]\"",
        "o|{\"a\":|must be object (written as JSON), found \"{\"a\":\"",
        "in|x|must be integer or null, found \"x\"",
        "r|08|must be integer, found \"08\"",
        "any|yes|must be boolean or integer, found \"yes\""
      })
  void textOfAnotherTypeIsAnError(String path, String text, String message) {
    assertThat(error(path, text)).isEqualTo(message);
  }

  @Test
  void aNumberTooLongOrTooDeepJsonSaysWhichLimit() {
    assertThat(error("i", "1".repeat(1001)))
        .isEqualTo(
            "must be integer, found \"" + "1".repeat(80) + "...\" (more than 1000 characters)");
    assertThat(error("a", "[".repeat(300) + "]".repeat(300)))
        .isEqualTo(
            "must be array (written as JSON), found \""
                + "[".repeat(80)
                + "...\" (nesting is deeper than 200 levels)");
  }

  @Test
  void quotedTextEscapesControlCharacters() {
    assertThat(error("i", "1\n\u001b[31m")).isEqualTo("must be integer, found \"1\\n\\u001b[31m\"");
  }

  @Test
  void aSecretsTextIsNeverInTheMessage() {
    assertThat(error("pin", "12a34")).isEqualTo("must be integer, found ***");
    assertThat(error("key", "k3-secret")).isEqualTo("must be one of [\"k1\", \"k2\"], found ***");
    assertThat(error("vault.token", "tok-secret"))
        .isEqualTo("must be array (written as JSON), found ***");
    assertThat(error("pin", "9".repeat(1001))).isEqualTo("must be integer, found ***");
    assertThat(convert("pin", "1234").intValue()).isEqualTo(1234);
  }

  @Test
  void conversionDoesNotDependOnAPathsCase() {
    assertThat(S.convert(List.of("I"), "x").stringValue()).isEqualTo("x");
  }
}
