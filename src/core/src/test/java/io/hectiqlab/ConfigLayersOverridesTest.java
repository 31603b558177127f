package io.hectiqlab;

import static io.hectiqlab.LayersFixture.layers;
import static io.hectiqlab.LayersFixture.lines;
import static io.hectiqlab.LayersFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hydra's override forms through ConfigLayers, and the error of each. */
class ConfigLayersOverridesTest {

  private static final String BASE = "name: base\nserver:\n  port: 80\ntags: [a, b]\n";

  private static ComposedConfig compose(String... overrides) {
    return layers().source(yaml("base.yaml", BASE)).overrides(List.of(overrides)).compose();
  }

  private static List<String> errors(String... overrides) {
    ConfigLayers l = layers().source(yaml("base.yaml", BASE)).overrides(List.of(overrides));
    try {
      l.compose();
    } catch (ConfigException.Invalid e) {
      return lines(e);
    }
    throw new AssertionError("composed without violations");
  }

  @Test
  void setChangesAnExistingKeyReadingTheValueAsJson() {
    Config c = compose("server.port=81", "tags=[\"x\"]", "name=other").config();
    assertThat(c.get("server.port")).isEqualTo(81);
    assertThat(c.getList("tags")).containsExactly("x");
    assertThat(c.get("name")).isEqualTo("other");
  }

  @Test
  void setReachesAKeyTheSchemaDeclaresCreatingObjectsOnTheWay() {
    Config c = compose("optimizer.name=adam", "db.user=me").config();
    assertThat(c.get("optimizer.name")).isEqualTo("adam");
    assertThat(c.get("optimizer.lr")).isEqualTo(0.001);
    assertThat(c.get("db.user")).isEqualTo("me");
  }

  @Test
  void setOfAnUnknownKeySuggestsTheClosestPath() {
    assertThat(errors("server.prot=81"))
        .containsExactly(
            "--set server.prot=81: /server/prot: no such key in the layers or the schema; did you"
                + " mean 'server.port'? (override)");
  }

  @Test
  void addCreatesAKeyThatDoesNotExistYet() {
    Config c = compose("+extra.k=1", "+server.debug=false").config();
    assertThat(c.get("extra.k")).isEqualTo(1);
    assertThat(c.get("server.debug")).isEqualTo(false);
  }

  @Test
  void addOfAnExistingKeyNamesWhereItWasSet() {
    assertThat(errors("+server.port=81"))
        .containsExactly(
            "--set +server.port=81: /server/port: already set by base.yaml:3:9 (++KEY=VALUE"
                + " replaces it) (override)");
  }

  @Test
  void forceSetsOrAdds() {
    Config c = compose("++server.port=82", "++extra.k=[1]").config();
    assertThat(c.get("server.port")).isEqualTo(82);
    assertThat(c.getList("extra.k")).containsExactly(1);
  }

  @Test
  void deleteRemovesAKeyAndComplainsAboutAnAbsentOne() {
    assertThat(compose("~name").config().get("name")).isEqualTo(null);
    assertThat(errors("~server.debug"))
        .containsExactly("--set ~server.debug: /server/debug: no such key to delete (override)");
  }

  @Test
  void deleteWithAValueDeletesOnlyThatValue() {
    assertThat(compose("~server.port=80").config().containsKey("server.port")).isFalse();
    assertThat(errors("~server.port=81"))
        .containsExactly(
            "--set ~server.port=81: /server/port: not deleted: the value is 80, not 81 (override)");
  }

  @Test
  void overridesApplyInTheOrderGiven() {
    Config c =
        compose("server.port=1", "server.port=2", "+extra={\"a\": 1}", "~extra", "+extra={}")
            .config();
    assertThat(c.get("server.port")).isEqualTo(2);
    assertThat(c.getConfig("extra").size()).isZero();
    assertThat(compose("+note=a", "~note", "+note=b").config().get("note")).isEqualTo("b");
  }

  @Test
  void aSyntaxErrorNamesTheArgumentWithoutItsValue() {
    assertThat(errors("a..b=1", "server.port"))
        .containsExactly(
            "--set a..b=...: (root): override 'a..b=...': a..b: empty key in path (override)",
            "--set server.port: (root): override 'server.port': missing '=value' (the forms are"
                + " key=value, +key=value, ++key=value, ~key or ~key=value; 'server.port=' sets the"
                + " empty string) (override)");
  }

  @Test
  void aPathThroughAScalarOrBeyondAListIsAViolation() {
    assertThat(errors("++name.first=a", "tags.5=x", "++tags.x=y"))
        .containsExactly(
            "--set ++name.first=a: /name: cannot set /name/first: /name is a string, not an object"
                + " (override)",
            "--set tags.5=x: /tags/5: index 5 is out of range (the list has 2 items) (override)",
            "--set ++tags.x=y: /tags/x: 'x' is not an index of a list (override)");
  }

  @Test
  void aListElementCanBeSetAndAppended() {
    Config c = compose("tags.0=z", "++tags.2=c").config();
    assertThat(c.getList("tags")).containsExactly("z", "b", "c");
  }

  @Test
  void everyBadOverrideIsReportedTogetherWithTheValidation() {
    assertThat(errors("server.port=abc", "servr=1", "~nope"))
        .containsExactly(
            "--set server.port=abc: /server/port: must be integer, found string (type)",
            "--set servr=1: /servr: no such key in the layers or the schema; did you mean"
                + " 'server'? (override)",
            "--set ~nope: /nope: no such key to delete (override)");
  }
}
