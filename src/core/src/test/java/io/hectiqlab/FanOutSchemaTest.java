package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema whose $refs fan out (10 properties, each a $ref to the next of 12 levels: 10^12 paths)
 * gets bounded help, fields and defaults: the first 10,000 fields with a notice that there are
 * more, and defaults that either fit in 100,000 values or fail with a clear violation.
 */
class FanOutSchemaTest {

  /** {@code width} properties per level, each a $ref to the next of {@code levels} levels. */
  static String fanOut(int width, int levels, String extra) {
    StringBuilder sb = new StringBuilder("{\"$defs\": {");
    for (int l = 0; l < levels; l++) {
      sb.append(l == 0 ? "" : ", ").append("\"l").append(l).append("\": {\"type\": \"object\",");
      sb.append(" \"properties\": {");
      for (int p = 0; p < width; p++) {
        sb.append(p == 0 ? "" : ", ").append("\"p").append(p).append("\": ");
        if (l == levels - 1) {
          sb.append("{\"type\": \"integer\", \"default\": ").append(p).append('}');
        } else {
          sb.append('{').append(extra).append("\"$ref\": \"#/$defs/l").append(l + 1).append("\"}");
        }
      }
      sb.append("}}");
    }
    return sb.append("}, \"$ref\": \"#/$defs/l0\"}").toString();
  }

  @Test
  void fieldsOfAFanOutSchemaStopAtTheCapAndSaySo() {
    ConfigSchema schema = ConfigSchema.fromText(fanOut(10, 12, ""));
    List<TemplateField> fields = schema.fields();
    assertThat(fields).hasSize(ConfigSchema.MAX_HELP_FIELDS).hasSize(10_000);
    assertThat(fields.get(0).path()).isEqualTo("p0");
    assertThat(fields.get(11).path()).isEqualTo("p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0");
    assertThat(fields.get(11).defaultJson()).isEqualTo("0");
    assertThat(schema.isHelpTruncated()).isTrue();
  }

  @Test
  void helpOfAFanOutSchemaCarriesATruncationNotice() {
    ConfigSchema schema = ConfigSchema.fromText(fanOut(10, 12, ""));
    Config help = Config.fromJson(schema.help());
    assertThat(help.getString("__truncated__"))
        .isEqualTo(
            "only the first 10000 fields are listed: the template has more (its $refs fan out)");
    assertThat(help.getString("p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0.p0"))
        .isEqualTo("[integer] No description (default: 0)");
  }

  @Test
  void aSchemaWithinTheCapIsNotTruncated() {
    ConfigSchema schema = ConfigSchema.fromText(fanOut(10, 3, ""));
    assertThat(schema.fields()).hasSize(10 + 100 + 1000);
    assertThat(schema.isHelpTruncated()).isFalse();
    assertThat(Config.fromJson(schema.help()).containsKey("__truncated__")).isFalse();
  }

  @Test
  void defaultsOfAFanOutSchemaWithoutObjectDefaultsAreEmpty() {
    ConfigSchema schema = ConfigSchema.fromText(fanOut(10, 12, ""));
    assertThat(schema.toConfig(new Config())).isEqualTo(new Config());
    // Defaults apply where the document reaches the last level: 11 nested objects.
    String path = "p3.p1.p4.p1.p5.p9.p2.p6.p5.p3.p5";
    Config partial = schema.toConfig(new Config().set(path, new Config()));
    assertThat(partial.getConfig(path).size()).isEqualTo(10);
    assertThat(partial.getInt(path + ".p7")).isEqualTo(7);
  }

  @Test
  void defaultsThatWouldFillInTooManyValuesFailWithALimitViolation() {
    ConfigSchema schema = ConfigSchema.fromText(fanOut(10, 12, "\"default\": {}, "));
    assertThatThrownBy(() -> schema.toConfig(new Config()))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessage(
            "<config>: 1 violation\n<config>: (root): defaults stopped: the schema's defaults"
                + " would fill in more than 100000 values (its $refs fan out) (limit)");
    // Within the limit the same shape fills in every default: 10 + 100 + 1000 objects and
    // 10,000 leaves.
    Config small = ConfigSchema.fromText(fanOut(10, 4, "\"default\": {}, ")).toConfig(new Config());
    assertThat(small.getInt("p9.p9.p9.p9")).isEqualTo(9);
  }
}
