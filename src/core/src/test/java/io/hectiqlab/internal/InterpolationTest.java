package io.hectiqlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.Interpolation.Problem;
import io.hectiqlab.internal.Interpolation.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

class InterpolationTest {

  /** Types "/…/port" as an integer (the way the schema's convert would), everything else text. */
  private static final BiFunction<String, String, JsonNode> CONVERT =
      (pointer, text) -> {
        if (!pointer.endsWith("/port")) {
          return StringNode.valueOf(text);
        }
        if (!text.matches("0|[1-9][0-9]{0,8}")) {
          throw new IllegalArgumentException("must be integer, found \"" + text + "\"");
        }
        return IntNode.valueOf(Integer.parseInt(text));
      };

  private final Map<String, String> env = new HashMap<>();
  private final List<String> converted = new ArrayList<>();
  private Predicate<String> literal = pointer -> false;
  private BiFunction<String, String, JsonNode> convert = CONVERT;
  private ObjectNode tree;

  /** JSON with ' for " (no apostrophes in these tests). */
  private static ObjectNode json(String text) {
    return (ObjectNode)
        Documents.parse(
                Documents.Input.text(text.replace('\'', '"'), "<test>"),
                Documents.Format.JSON,
                Documents.Root.OBJECT)
            .root();
  }

  private Result resolve(String text) {
    return resolve(json(text));
  }

  private Result resolve(ObjectNode root) {
    tree = root;
    return Interpolation.resolve(
        root,
        literal,
        env::get,
        (pointer, value) -> {
          converted.add(pointer + "=" + value);
          return convert.apply(pointer, value);
        },
        pointer -> false);
  }

  private static List<String> messages(Result r) {
    List<String> out = new ArrayList<>();
    for (Problem p : r.problems()) {
      out.add(p.pointer() + ": " + p.message());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Path references

  @Test
  void wholeStringReferencesKeepTheReferencedType() {
    Result r =
        resolve(
            "{'v': {'i': 8080, 'd': 0.5, 'b': true, 'n': null, 's': 'text', 'o': {'k': [1, 2]},"
                + " 'a': [{'x': 1}]},"
                + " 'i': '${v.i}', 'd': '${v.d}', 'b': '${v.b}', 'n': '${v.n}', 's': '${v.s}',"
                + " 'o': '${v.o}', 'a': '${v.a}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("i").isInt()).isTrue();
    assertThat(tree.get("i").intValue()).isEqualTo(8080);
    assertThat(tree.get("d").isNumber()).isTrue();
    assertThat(tree.get("d").doubleValue()).isEqualTo(0.5);
    assertThat(tree.get("b").isBoolean()).isTrue();
    assertThat(tree.get("n").isNull()).isTrue();
    assertThat(tree.get("s").stringValue()).isEqualTo("text");
    assertThat(tree.get("o").toString()).isEqualTo("{\"k\":[1,2]}");
    assertThat(tree.get("a").toString()).isEqualTo("[{\"x\":1}]");
  }

  @Test
  void copiedObjectsAreIndependentOfTheOriginal() {
    resolve("{'v': {'k': [1]}, 'c': '${v}'}");

    ((ObjectNode) tree.get("c")).put("extra", 1);

    assertThat(tree.get("v").toString()).isEqualTo("{\"k\":[1]}");
    assertThat(tree.get("c")).isNotSameAs(tree.get("v"));
  }

  @Test
  void embeddedReferencesInsertScalarsAsText() {
    Result r =
        resolve(
            "{'v': {'i': 8080, 'd': 0.5, 'b': false, 'n': null, 's': 'host'},"
                + " 'url': 'http://${v.s}:${v.i}/', 'mix': '${v.d} ${v.b} ${v.n}${v.s}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("url").stringValue()).isEqualTo("http://host:8080/");
    assertThat(tree.get("mix").stringValue()).isEqualTo("0.5 false nullhost");
  }

  @Test
  void anObjectOrArrayEmbeddedInTextIsAProblem() {
    Result r = resolve("{'v': {'o': {}, 'a': []}, 'x': 'is ${v.o}', 'y': '${v.a}!'}");

    assertThat(messages(r))
        .containsExactly(
            "/x: ${v.o}: v.o is an object, which cannot be embedded in text;"
                + " make the reference the whole string",
            "/y: ${v.a}: v.a is an array, which cannot be embedded in text;"
                + " make the reference the whole string");
    assertThat(tree.get("x").stringValue()).isEqualTo("is ${v.o}");
  }

  @Test
  void arrayItemsAreNamedByIndex() {
    Result r =
        resolve(
            "{'list': [{'name': 'a'}, {'name': 'b'}], 'first': '${list.0.name}',"
                + " 'second': '${list.1}', 'far': '${list.2}', 'word': '${list.x}',"
                + " 'zero': '${list.01}'}");

    assertThat(tree.get("first").stringValue()).isEqualTo("a");
    assertThat(tree.get("second").toString()).isEqualTo("{\"name\":\"b\"}");
    assertThat(messages(r))
        .containsExactly(
            "/far: ${list.2}: list has no item 2 (it has 2 items)",
            "/word: ${list.x}: list is an array; 'x' is not an index",
            "/zero: ${list.01}: list is an array; '01' is not an index");
  }

  @Test
  void escapedDotsReachKeysThatContainDots() {
    Result r =
        resolve(
            "{'opt': {'lr.max': 3, 'a\\\\b': 4}, 'x': '${opt.lr\\\\.max}', 'y': '${opt.a\\\\\\\\b}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("x").intValue()).isEqualTo(3);
    assertThat(tree.get("y").intValue()).isEqualTo(4);
  }

  @Test
  void aPathThroughAScalarSaysWhatItFound() {
    Result r =
        resolve(
            "{'a': {'b': 1, 's': 'x', 'n': null}, 'x': '${a.b.c}', 'y': '${a.s.0}', 'z': '${a.n.k}'}");

    assertThat(messages(r))
        .containsExactly(
            "/x: ${a.b.c}: a.b is a number, not an object or array",
            "/y: ${a.s.0}: a.s is a string, not an object or array",
            "/z: ${a.n.k}: a.n is null, not an object or array");
  }

  @Test
  void aMissingPathSuggestsTheClosestKey() {
    Result r =
        resolve(
            "{'server': {'port': 80, 'host': 'h'}, 'a': '${server.prot}',"
                + " 'b': '${sever.port}', 'c': '${sever.nope}', 'd': '${server.timeout}',"
                + " 'e': '${nothing}', 'f': '${Server.Host}'}");

    assertThat(messages(r))
        .containsExactly(
            "/a: ${server.prot}: server has no key 'prot'; did you mean 'server.port'?",
            "/b: ${sever.port}: no top-level key 'sever'; did you mean 'server.port'?",
            "/c: ${sever.nope}: no top-level key 'sever'; did you mean 'server'?",
            "/d: ${server.timeout}: server has no key 'timeout'",
            "/e: ${nothing}: no top-level key 'nothing'",
            "/f: ${Server.Host}: no top-level key 'Server'; did you mean 'server.host'?");
  }

  @Test
  void referencedStringsAreResolvedFirstAndPathsGoThroughThem() {
    Result r =
        resolve(
            "{'first': '${second}/x', 'second': '${third}', 'third': 'end',"
                + " 'alias': '${obj}', 'deep': '${alias.k}', 'obj': {'k': '${third}!'}}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("first").stringValue()).isEqualTo("end/x");
    assertThat(tree.get("second").stringValue()).isEqualTo("end");
    assertThat(tree.get("alias").toString()).isEqualTo("{\"k\":\"end!\"}");
    assertThat(tree.get("deep").stringValue()).isEqualTo("end!");
  }

  @Test
  void keysAreNeverInterpolated() {
    Result r = resolve("{'a': 1, '${a}': '${a}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.toString()).isEqualTo("{\"a\":1,\"${a}\":1}");
  }

  @Test
  void resolvedMapsEachInterpolatedStringToItsTextAsWritten() {
    Result r = resolve("{'a': 1, 'b': '${a}', 'c': {'d': 'x$${y}', 'e': 'plain'}, 'f': '${nope}'}");

    assertThat(r.resolved()).containsExactly(Map.entry("/b", "${a}"), Map.entry("/c/d", "x$${y}"));
  }

  // ---------------------------------------------------------------------------------------------
  // Environment

  @Test
  void aWholeStringEnvReferenceIsConvertedAtItsPointer() {
    env.put("PORT", "8081");
    env.put("HOST", "example.org");
    Result r = resolve("{'server': {'port': '${env:PORT}', 'host': '${env:HOST}'}}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("server").get("port").isInt()).isTrue();
    assertThat(tree.get("server").get("port").intValue()).isEqualTo(8081);
    assertThat(tree.get("server").get("host").stringValue()).isEqualTo("example.org");
    assertThat(converted).containsExactly("/server/port=8081", "/server/host=example.org");
  }

  @Test
  void anEmbeddedEnvReferenceStaysText() {
    env.put("PORT", "8081");
    Result r = resolve("{'server': {'port': ':${env:PORT}'}}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("server").get("port").stringValue()).isEqualTo(":8081");
    assertThat(converted).isEmpty();
  }

  @Test
  void theDefaultIsUsedWhenTheVariableIsNotSetAndIsConvertedToo() {
    env.put("SET", "yes");
    Result r =
        resolve(
            "{'server': {'port': '${env:PORT:-9000}'}, 'name': '${env:NAME:-}',"
                + " 'set': '${env:SET:-no}', 'url': 'http://${env:HOST:-localhost}/',"
                + " 'odd': '${env:ODD:-a:-b}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("server").get("port").intValue()).isEqualTo(9000);
    assertThat(tree.get("name").stringValue()).isEmpty();
    assertThat(tree.get("set").stringValue()).isEqualTo("yes");
    assertThat(tree.get("url").stringValue()).isEqualTo("http://localhost/");
    assertThat(tree.get("odd").stringValue()).isEqualTo("a:-b");
  }

  @Test
  void anEmptyVariableTakesTheDefaultAsInTheShellAndIsEmptyWithout() {
    env.put("EMPTY", "");
    Result r =
        resolve("{'a': '${env:EMPTY:-fallback}', 'b': '${env:EMPTY}', 'c': '<${env:EMPTY}>'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("a").stringValue()).isEqualTo("fallback");
    assertThat(tree.get("b").stringValue()).isEmpty();
    assertThat(tree.get("c").stringValue()).isEqualTo("<>");
  }

  @Test
  void aDefaultMayContainReferences() {
    env.put("B", "from-b");
    Result r =
        resolve(
            "{'server': {'host': 'h', 'port': 81}, 'x': '${env:HOST:-${server.host}}',"
                + " 'y': '${env:A:-${env:B:-none}}', 'z': '${env:A:-${env:C:-cost $$5 $${}}',"
                + " 'p': {'port': '${env:P:-${server.port}}'}}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("x").stringValue()).isEqualTo("h");
    assertThat(tree.get("y").stringValue()).isEqualTo("from-b");
    assertThat(tree.get("z").stringValue()).isEqualTo("cost $$5 ${");
    assertThat(tree.get("p").get("port").intValue()).isEqualTo(81);
  }

  @Test
  void theFirstClosingBraceEndsADefault() {
    Result r = resolve("{'a': '${env:C:-x}y}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("a").stringValue()).isEqualTo("xy}");
  }

  @Test
  void aMissingVariableWithoutDefaultIsAProblem() {
    Result r =
        resolve("{'a': '${env:VAR}', 'b': 'x ${env:VAR} ${env:OTHER}', 'c': '${env:D:-${env:E}}'}");

    assertThat(messages(r))
        .containsExactly(
            "/a: ${env:VAR}: environment variable VAR is not set",
            "/b: ${env:VAR}: environment variable VAR is not set",
            "/b: ${env:OTHER}: environment variable OTHER is not set",
            "/c: ${env:E}: environment variable E is not set");
    assertThat(tree.get("a").stringValue()).isEqualTo("${env:VAR}");
  }

  @Test
  void aConversionFailureIsAProblemWithItsMessage() {
    env.put("PORT", "08");
    Result r = resolve("{'server': {'port': '${env:PORT}'}}");

    assertThat(messages(r))
        .containsExactly("/server/port: ${env:PORT}: must be integer, found \"08\"");
    assertThat(tree.get("server").get("port").stringValue()).isEqualTo("${env:PORT}");
  }

  @Test
  void aVariableConvertedToAnObjectIsPlacedAsAnObject() {
    env.put("OBJ", "{'a': [1, 2]}");
    convert = (pointer, text) -> json(text);
    Result r = resolve("{'x': {'obj': '${env:OBJ}'}}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("x").get("obj").toString()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void aVariableConvertedToATooDeepObjectIsAProblem() {
    env.put("OBJ", "[".repeat(150) + "]".repeat(150));
    convert = (pointer, text) -> json("{'v': " + text + "}").get("v");
    Result r = resolve("{'x': " + "{'x': ".repeat(60) + "'${env:OBJ}'" + "}".repeat(61));

    assertThat(r.problems())
        .extracting(Problem::message)
        .containsExactly("${env:OBJ}: nesting is deeper than 200 levels");
  }

  @Test
  void aConverterThatFailsWithoutAMessageIsNamed() {
    env.put("X", "1");
    convert =
        (pointer, text) -> {
          throw new IllegalStateException();
        };
    Result r = resolve("{'x': '${env:X}'}");

    assertThat(messages(r)).containsExactly("/x: ${env:X}: IllegalStateException");
  }

  // ---------------------------------------------------------------------------------------------
  // Cycles and failures that spread

  @Test
  void aSelfReferenceIsACycle() {
    Result r = resolve("{'a': '${a}'}");

    assertThat(messages(r)).containsExactly("/a: cycle: a -> a");
  }

  @Test
  void aTwoCycleIsReportedOnceAtItsFirstString() {
    Result r = resolve("{'a': '${b}', 'b': 'x${a}'}");

    assertThat(messages(r)).containsExactly("/a: cycle: a -> b -> a");
    assertThat(tree.get("a").stringValue()).isEqualTo("${b}");
    assertThat(tree.get("b").stringValue()).isEqualTo("x${a}");
  }

  @Test
  void aThreeCycleNamesEveryLink() {
    Result r = resolve("{'x': {'a': '${y.b}'}, 'y': {'b': '${z.0}'}, 'z': ['${x.a}']}");

    assertThat(messages(r)).containsExactly("/x/a: cycle: x.a -> y.b -> z.0 -> x.a");
  }

  @Test
  void anObjectThatRefersBackToItselfIsACycle() {
    Result r = resolve("{'a': {'x': 1, 'y': '${a}'}}");

    assertThat(messages(r)).containsExactly("/a/y: cycle: a.y -> a -> a.y");
  }

  @Test
  void aCycleThroughAnObjectReachedFromOutsideNamesTheObject() {
    Result r = resolve("{'d': '${a}', 'a': {'x': '${c}'}, 'c': '${a}'}");

    assertThat(messages(r)).containsExactly("/a/x: cycle: a -> a.x -> c -> a");
  }

  @Test
  void stringsThatDependOnAFailureFailWithoutAProblemOfTheirOwn() {
    Result r = resolve("{'b': '${a}', 'a': '${env:MISSING}', 'c': '${b}-${cyc}', 'cyc': '${cyc}'}");

    assertThat(messages(r))
        .containsExactly(
            "/a: ${env:MISSING}: environment variable MISSING is not set",
            "/cyc: cycle: cyc -> cyc");
    assertThat(tree.get("b").stringValue()).isEqualTo("${a}");
    assertThat(tree.get("c").stringValue()).isEqualTo("${b}-${cyc}");
  }

  @Test
  void problemsComeInDocumentOrderWhateverTheOrderOfResolution() {
    Result r = resolve("{'z': '${m.y}', 'm': {'y': '${n}'}, 'n': '${env:N}', 'o': '${nope}'}");

    assertThat(messages(r))
        .containsExactly(
            "/n: ${env:N}: environment variable N is not set",
            "/o: ${nope}: no top-level key 'nope'");
    assertThat(
            messages(
                resolve("{'z': '${m.y}', 'm': {'y': '${n}'}, 'n': '${env:N}', 'o': '${nope}'}")))
        .isEqualTo(messages(r));
  }

  // ---------------------------------------------------------------------------------------------
  // Escapes, literal strings and syntax

  @Test
  void doubledDollarBeforeABraceIsALiteralReferenceSign() {
    Result r =
        resolve(
            "{'a': 1, 'b': '$${a}', 'c': 'cost $$5 and $5', 'd': '$$${a}', 'e': '$${a} ${a}',"
                + " 'f': '$${'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("b").stringValue()).isEqualTo("${a}");
    assertThat(tree.get("c").stringValue()).isEqualTo("cost $$5 and $5");
    assertThat(tree.get("d").stringValue()).isEqualTo("$${a}");
    assertThat(tree.get("e").stringValue()).isEqualTo("${a} 1");
    assertThat(tree.get("f").stringValue()).isEqualTo("${");
  }

  @Test
  void literalStringsAreKeptExactlyAsWrittenAndReferencedAsWritten() {
    literal = pointer -> pointer.startsWith("/raw");
    Result r =
        resolve(
            "{'a': 1, 'raw': {'x': '${a}', 'y': '$${a}', 'z': '${broken'},"
                + " 'copy': '${raw.x}', 'obj': '${raw}'}");

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("raw").toString())
        .isEqualTo("{\"x\":\"${a}\",\"y\":\"$${a}\",\"z\":\"${broken\"}");
    assertThat(tree.get("copy").stringValue()).isEqualTo("${a}");
    assertThat(tree.get("obj").toString()).isEqualTo(tree.get("raw").toString());
    assertThat(r.resolved()).containsOnlyKeys("/copy", "/obj");
  }

  @Test
  void aPathThroughALiteralStringFindsAString() {
    literal = pointer -> pointer.equals("/lit");
    Result r = resolve("{'obj': {'k': 1}, 'lit': '${obj}', 'x': '${lit.k}'}");

    assertThat(messages(r))
        .containsExactly("/x: ${lit.k}: lit is a string, not an object or array");
  }

  @Test
  void theSameStringNodeAtTwoPlacesIsResolvedAtBoth() {
    ObjectNode root = json("{'a': 5, 'b': {}, 'c': []}");
    StringNode shared = StringNode.valueOf("${a}");
    ((ObjectNode) root.get("b")).set("x", shared);
    ((tools.jackson.databind.node.ArrayNode) root.get("c")).add(shared);

    Result r = resolve(root);

    assertThat(r.problems()).isEmpty();
    assertThat(tree.toString()).isEqualTo("{\"a\":5,\"b\":{\"x\":5},\"c\":[5]}");
    assertThat(r.resolved()).containsOnlyKeys("/b/x", "/c/0");
  }

  @Test
  void pointersEscapeSlashAndTilde() {
    Result r = resolve("{'a/b': {'c~d': '${nope}'}}");

    assertThat(r.problems()).extracting(Problem::pointer).containsExactly("/a~1b/c~0d");
  }

  @Test
  void malformedReferencesAreProblemsWithClearMessages() {
    Result r =
        resolve(
            "{'a': 'x ${a.b', 'b': '${}', 'c': '${foo:x}', 'd': '${a.${b}}', 'e': '${env:}',"
                + " 'f': '${env:A:b}', 'g': '${a..b}', 'h': '${a\\\\x}', 'i': '${env:A${b}}',"
                + " 'j': '${.a}'}");

    assertThat(messages(r))
        .containsExactly(
            "/a: unterminated reference '${a.b' (no closing '}')",
            "/b: ${}: empty reference",
            "/c: ${foo:x}: unknown resolver 'foo' (the only one is env)",
            "/d: ${a.${b}}: a path cannot contain a reference (only an env default can)",
            "/e: ${env:}: empty variable name",
            "/f: ${env:A:b}: ':' in a variable name (a default is written ${env:A:-b})",
            "/g: ${a..b}: empty key in path",
            "/h: ${a\\x}: '\\' must be followed by '.' or '\\' (at index 1)",
            "/i: ${env:A${b}}: a variable name cannot contain a reference",
            "/j: ${.a}: empty key in path");
  }

  @Test
  void longReferencesAreQuotedShortInMessages() {
    String key = "k".repeat(300);
    Result r = resolve("{'a': '${" + key + "}'}");

    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).message())
        .startsWith("${kkk")
        .contains("...: no top-level key '")
        .hasSizeLessThan(500);
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile input: every case ends quickly with a problem

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void exponentiallyGrowingTextStopsAtTheStringLimit() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      doc.append("'a")
          .append(i)
          .append("': '${a")
          .append(i + 1)
          .append("}${a")
          .append(i + 1)
          .append("}', ");
    }
    doc.append("'a40': 'x'}");

    Result r = resolve(doc.toString());

    // a40 has 1 character, a(40-k) 2^k: a19 has 2^21 > 2^20
    assertThat(messages(r)).containsExactly("/a19: result is longer than 1048576 characters");
    assertThat(tree.get("a20").stringValue()).hasSize(1 << 20);
    assertThat(tree.get("a0").stringValue()).isEqualTo("${a1}${a1}");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void exponentiallyGrowingCopiesStopAtTheCopyLimit() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      doc.append("'b")
          .append(i)
          .append("': ['${b")
          .append(i + 1)
          .append("}', '${b")
          .append(i + 1)
          .append("}'], ");
    }
    doc.append("'b40': [1]}");

    Result r = resolve(doc.toString());

    assertThat(messages(r))
        .containsExactly("/b0/0: interpolation copied more than 1000000 values; stopped");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aWholeObjectCopiedOverAndOverStopsAtTheCopyLimit() {
    StringBuilder doc = new StringBuilder("{'big': [");
    for (int i = 0; i < 1000; i++) {
      doc.append(i == 0 ? "" : ",").append(i);
    }
    doc.append("], 'refs': [");
    for (int i = 0; i < 2000; i++) {
      doc.append(i == 0 ? "" : ",").append("'${big}'");
    }
    doc.append("]}");

    Result r = resolve(doc.toString());

    // each copy is 1001 values: the 1000th passes 1,000,000; the rest stays as written
    assertThat(messages(r))
        .containsExactly("/refs/999: interpolation copied more than 1000000 values; stopped");
    assertThat(tree.get("refs").get(998).size()).isEqualTo(1000);
    assertThat(tree.get("refs").get(1999).stringValue()).isEqualTo("${big}");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void textBuiltOverAndOverStopsAtTheTotalLimit() {
    StringBuilder doc = new StringBuilder("{'s': '" + "x".repeat(1_000_000) + "', 'refs': [");
    for (int i = 0; i < 40; i++) {
      doc.append(i == 0 ? "" : ",").append("'${s}!'");
    }
    doc.append("]}");

    Result r = resolve(doc.toString());

    assertThat(messages(r))
        .containsExactly("/refs/16: interpolation inserted more than 16777216 characters; stopped");
    assertThat(tree.get("refs").get(15).stringValue()).hasSize(1_000_001);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aLongChainOfReferencesStopsAtTheChainLimit() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 150; i++) {
      doc.append("'a").append(i).append("': '${a").append(i + 1).append("}', ");
    }
    doc.append("'a150': 'end'}");

    Result r = resolve(doc.toString());

    assertThat(messages(r))
        .containsExactly("/a0: reference chain is longer than 100 links: a0 -> a1 -> a2 -> ...");
    // the strings past the broken part of the chain resolve on their own
    assertThat(tree.get("a100").stringValue()).isEqualTo("end");
    assertThat(tree.get("a99").stringValue()).isEqualTo("${a100}");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aChainAsLongAsTheLimitResolves() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      doc.append("'a").append(i).append("': '${a").append(i + 1).append("}', ");
    }
    doc.append("'a100': 'end'}");

    Result r = resolve(doc.toString());

    assertThat(r.problems()).isEmpty();
    assertThat(tree.get("a0").stringValue()).isEqualTo("end");
  }

  @Test
  void referencesNestDeepAsTheLimitAndNoDeeper() {
    Result ok = resolve("{'a': '" + "${env:V:-".repeat(16) + "deep" + "}".repeat(16) + "'}");
    assertThat(ok.problems()).isEmpty();
    assertThat(tree.get("a").stringValue()).isEqualTo("deep");

    Result r = resolve("{'a': '" + "${env:V:-".repeat(17) + "deep" + "}".repeat(17) + "'}");
    assertThat(messages(r)).containsExactly("/a: references are nested deeper than 16 levels");

    Result open = resolve("{'a': '" + "${".repeat(100_000) + "'}");
    assertThat(messages(open)).containsExactly("/a: references are nested deeper than 16 levels");
  }

  @Test
  void aCopyThatWouldNestTooDeepIsAProblem() {
    String deep = "{'k': ".repeat(150) + "1" + "}".repeat(150);
    String holder = "{'h': ".repeat(60) + "'${deep}'" + "}".repeat(60);
    Result r = resolve("{'deep': " + deep + ", 'holder': " + holder + "}");

    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).message())
        .isEqualTo("${deep}: nesting is deeper than 200 levels");
    assertThat(r.problems().get(0).pointer()).startsWith("/holder/h/h/").endsWith("/h");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aTreeNestedFarBeyondTheDocumentLimitIsWalkedWithoutRecursion() {
    ObjectNode root = json("{'top': 1}");
    ObjectNode deepest = root;
    for (int i = 0; i < 10_000; i++) {
      deepest = deepest.putObject("d");
    }
    deepest.put("leaf", "${top}");
    root.put("copy", "${d}");

    Result r = resolve(root);

    assertThat(deepest.get("leaf").intValue()).isEqualTo(1);
    assertThat(messages(r)).containsExactly("/copy: ${d}: nesting is deeper than 200 levels");
  }

  @Test
  void controlCharactersInReferencesAreEscapedInMessages() {
    Result r = resolve("{'a': '${x\\nb\\u001b[31m}'}");

    assertThat(messages(r))
        .containsExactly("/a: ${x\\nb\\u001b[31m}: no top-level key 'x\\nb\\u001b[31m'");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aReferenceWithAHugeNumberOfKeysFinishesWithAShortMessage() {
    Result r = resolve("{'a': {'a': 1}, 'x': '${" + "a.".repeat(200_000) + "a}'}");

    assertThat(messages(r))
        .containsExactly(
            "/x: ${" + "a.".repeat(39) + "...: a.a is a number, not an object or array");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomStringsEitherResolveOrStayAsWrittenWithoutThrowing() {
    String[] tokens = {"${", "$${", "}", "a", "b", "c.0", ".", "env:", "X", "Y", ":-", "$", "{"};
    java.util.Random random = new java.util.Random(13);
    env.put("X", "1");
    for (int round = 0; round < 3000; round++) {
      ObjectNode root = json("{'c': [0]}");
      Map<String, String> written = new HashMap<>();
      for (String key : List.of("a", "b", "d")) {
        StringBuilder text = new StringBuilder();
        for (int t = random.nextInt(8); t >= 0; t--) {
          text.append(tokens[random.nextInt(tokens.length)]);
        }
        root.put(key, text.toString());
        written.put("/" + key, text.toString());
      }

      Result r = resolve(root);

      for (Map.Entry<String, String> e : written.entrySet()) {
        JsonNode now = tree.at(e.getKey());
        if (r.resolved().containsKey(e.getKey())) {
          assertThat(r.resolved().get(e.getKey())).isEqualTo(e.getValue());
        } else {
          assertThat(now.isString() ? now.stringValue() : now.toString())
              .as("round %d, %s", round, written)
              .isEqualTo(e.getValue());
        }
      }
      for (Problem p : r.problems()) {
        assertThat(r.resolved()).doesNotContainKey(p.pointer());
        assertThat(written.get(p.pointer())).contains("${");
      }
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void manyMissingReferencesInAWideObjectFinishQuickly() {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 20_000; i++) {
      doc.append("'key").append(i).append("': '${kex").append(i).append("}', ");
    }
    doc.append("'end': 0}");

    Result r = resolve(doc.toString());

    // did-you-mean compares a bounded number of keys in all: the first ones get a suggestion
    assertThat(r.problems()).hasSize(20_000);
    assertThat(r.problems().get(0).message())
        .isEqualTo("${kex0}: no top-level key 'kex0'; did you mean 'key0'?");
    assertThat(r.problems().get(19_999).message())
        .isEqualTo("${kex19999}: no top-level key 'kex19999'");
  }
}
