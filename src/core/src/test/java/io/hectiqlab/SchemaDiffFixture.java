package io.hectiqlab;

import io.hectiqlab.internal.Probe;
import io.hectiqlab.internal.SchemaDiff;
import java.util.List;
import java.util.stream.Collectors;

/** Runs {@link SchemaDiff#compare} on templates, for the differ's tests. */
final class SchemaDiffFixture {
  private SchemaDiffFixture() {}

  static List<SchemaDiff.Change> diff(String older, String newer) {
    return diff(older, newer, Compatibility.ContentModel.OPEN);
  }

  static List<SchemaDiff.Change> diff(
      String older, String newer, Compatibility.ContentModel model) {
    return diff(ConfigSchema.fromText(older), ConfigSchema.fromText(newer), model);
  }

  static List<SchemaDiff.Change> diff(
      ConfigSchema older, ConfigSchema newer, Compatibility.ContentModel model) {
    return SchemaDiff.compare(older.compiled(), newer.compiled(), model);
  }

  /** One line per change: kind, reason, instance path, impacts. */
  static String summary(List<SchemaDiff.Change> changes) {
    return changes.stream().map(SchemaDiffFixture::line).collect(Collectors.joining("\n"));
  }

  static String line(SchemaDiff.Change c) {
    return c.kind()
        + " | "
        + c.reason()
        + " | /"
        + String.join("/", c.instancePath())
        + " | "
        + c.backward()
        + "/"
        + c.forward();
  }

  /**
   * The probes of a direction as text: {@code SET /lr 0.75}, {@code DELETE /a}, {@code SAMPLE /a}.
   */
  static List<String> probes(List<Probe> probes) {
    return probes.stream()
        .map(
            p ->
                p.op()
                    + " /"
                    + String.join("/", p.path())
                    + (p.value() == null ? "" : " " + p.value()))
        .toList();
  }
}
