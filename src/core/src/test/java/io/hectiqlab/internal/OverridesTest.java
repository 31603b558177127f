package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hydra's override grammar: each form, its value read as JSON else as text, and every bad form. */
class OverridesTest {
  static String parsed(String argument) {
    Overrides.Override o = Overrides.parse(argument);
    assertThat(o.argument()).isEqualTo(argument);
    return o.op()
        + " "
        + String.join("|", o.path())
        + (o.value() == null
            ? ""
            : " = "
                + new String(
                    Documents.toBytes(o.value()), java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '!',
      value = {
        "server.port=8081!SET server|port = 8081",
        "+server.debug=true!ADD server|debug = true",
        "++optimizer.name=adam!FORCE optimizer|name = \"adam\"",
        "~server.port!DELETE server|port",
        "~server.port=8081!DELETE server|port = 8081",
        "~tag=!DELETE tag = \"\"",
        "name=!SET name = \"\"",
        "name=null!SET name = null",
        "name=\"8081\"!SET name = \"8081\"",
        "name=08!SET name = \"08\"",
        "name=a=b!SET name = \"a=b\"",
        "name= 1!SET name = 1",
        "name=hello world!SET name = \"hello world\"",
        "tags=[1, \"a\"]!SET tags = [1,\"a\"]",
        "obj={\"k\": {\"x\": false}}!SET obj = {\"k\":{\"x\":false}}",
        "bad=[1,!SET bad = \"[1,\"",
        "layers.0.name=conv!SET layers|0|name = \"conv\"",
        "a\\.b.c=1!SET a.b|c = 1",
        "a\\\\b=1!SET a\\b = 1",
        "lr=1e-3!SET lr = 0.001"
      })
  void eachFormParses(String argument, String expected) {
    assertThat(parsed(argument)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '!',
      value = {
        "port!override 'port': missing '=value' (the forms are key=value, +key=value,"
            + " ++key=value, ~key or ~key=value; 'port=' sets the empty string)",
        "+port!override '+port': missing '=value' (the forms are key=value, +key=value,"
            + " ++key=value, ~key or ~key=value; 'port=' sets the empty string)",
        "++port!override '++port': missing '=value' (the forms are key=value, +key=value,"
            + " ++key=value, ~key or ~key=value; 'port=' sets the empty string)",
        "=1!override '=...': empty key (the forms are key=value, +key=value, ++key=value, ~key"
            + " or ~key=value)",
        "~!override '~': empty key (the forms are key=value, +key=value, ++key=value, ~key or"
            + " ~key=value)",
        "+=1!override '+=...': empty key (the forms are key=value, +key=value, ++key=value,"
            + " ~key or ~key=value)",
        "+~k!override '+~k': a key cannot start with '+' or '~' (the forms are key=value,"
            + " +key=value, ++key=value, ~key or ~key=value)",
        "~+k=1!override '~+k=...': a key cannot start with '+' or '~' (the forms are key=value,"
            + " +key=value, ++key=value, ~key or ~key=value)",
        "+++k=1!override '+++k=...': a key cannot start with '+' or '~' (the forms are"
            + " key=value, +key=value, ++key=value, ~key or ~key=value)",
        "a..b=1!override 'a..b=...': a..b: empty key in path",
        ".a=1!override '.a=...': .a: empty key in path",
        "a.=1!override 'a.=...': a.: empty key in path",
        "a\\b=1!override 'a\\b=...': a\\b: '\\' must be followed by '.' or '\\' (at index 1)"
      })
  void badFormsAreErrorsThatSayWhy(String argument, String message) {
    assertThatThrownBy(() -> Overrides.parse(argument))
        .isInstanceOf(OverrideException.class)
        .hasMessage(message);
  }

  @Test
  void anEmptyArgumentIsAnError() {
    assertThatThrownBy(() -> Overrides.parse(""))
        .isInstanceOf(OverrideException.class)
        .hasMessage(
            "override '': empty key (the forms are key=value, +key=value, ++key=value, ~key or"
                + " ~key=value)");
  }

  @Test
  void aValueOverTheDocumentLimitsIsAnErrorThatDoesNotShowTheValue() {
    assertThatThrownBy(() -> Overrides.parse("k=" + "[".repeat(300) + "]".repeat(300)))
        .isInstanceOf(OverrideException.class)
        .hasMessage("override 'k=...': value: nesting is deeper than 200 levels");
  }

  @Test
  void errorsNeverShowTheValue() {
    assertThatThrownBy(() -> Overrides.parse("+~db.password=hunter2"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Overrides.parse("db..password=hunter2"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void controlCharactersInAnArgumentAreEscapedInTheError() {
    assertThatThrownBy(() -> Overrides.parse("a\nb"))
        .hasMessageStartingWith("override 'a\\nb': missing '=value'");
  }

  @Test
  void anyArgumentEitherParsesOrFailsWithAnOverrideException() {
    java.util.Random random = new java.util.Random(13);
    String alphabet = "ab.\\=+~ 0[]{}\"\n\u00e9";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        Overrides.Override o = Overrides.parse(sb.toString());
        assertThat(o.path()).isNotEmpty().doesNotContain("");
      } catch (OverrideException expected) {
        assertThat(expected.getMessage()).startsWith("override '");
      }
    }
  }
}
