package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.server.RunColumn.Source;
import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.Store.Cell;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunQuery;
import io.hectiqlab.server.Store.RunRow;
import io.hectiqlab.server.Store.TemplateKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The runs table's queries ({@link Store#runRows}) on every store: the run summary, sorts with
 * missing values last, paging across them, cells (missing vs null), every filter operator with its
 * strict types, and the regular expression guard. Filters are built as trees, not parsed, so that
 * these cases pin the store alone.
 */
abstract class RunRowsContract {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  /** The store under test, shared by the tests of a class; names never collide. */
  abstract Store store();

  ProjectRef project() {
    ProjectRef p = new ProjectRef("rows" + UNIQUE.incrementAndGet(), "demo");
    store().createProject(p);
    return p;
  }

  static RunColumn config(String... path) {
    return new RunColumn(Source.CONFIG, List.of(path));
  }

  static RunColumn meta(String... path) {
    return new RunColumn(Source.META, List.of(path));
  }

  static RunColumn attribute(String name) {
    return new RunColumn(Source.RUN, List.of(name));
  }

  static RunFilter is(RunColumn column, Op op, Object value) {
    Literal lit =
        value == null
            ? new Literal.Null()
            : value instanceof String s
                ? new Literal.Str(s)
                : value instanceof Boolean b
                    ? new Literal.Bool(b)
                    : new Literal.Num(new BigDecimal(value.toString()));
    return new RunFilter.Compare(column, op, lit);
  }

  static RunFilter and(RunFilter a, RunFilter b) {
    return new RunFilter.And(a, b);
  }

  static RunFilter or(RunFilter a, RunFilter b) {
    return new RunFilter.Or(a, b);
  }

  static RunFilter not(RunFilter a) {
    return new RunFilter.Not(a);
  }

  /** Opens runs named after their slugs, in order, each with one config ("": none). */
  void runs(ProjectRef p, Map<String, String> configs) {
    configs.forEach(
        (slug, body) -> {
          store().openRun(p, slug, slug);
          if (!body.isEmpty()) {
            store().addConfig(p, slug, body, null);
          }
        });
  }

  List<String> slugs(ProjectRef p, RunFilter filter) {
    return slugs(p, filter, RunColumn.CREATED, true, 0, 100);
  }

  List<String> slugs(
      ProjectRef p, RunFilter filter, RunColumn sort, boolean descending, int offset, int limit) {
    return store()
        .runRows(p, new RunQuery(filter, sort, descending, List.of(), offset, limit))
        .stream()
        .map(r -> r.run().slug())
        .toList();
  }

  /** Runs whose configs hold one value each at {@code x}, in this order of creation. */
  ProjectRef typed() {
    ProjectRef p = project();
    runs(
        p,
        java.util.stream.Stream.of(
                Map.entry("int1", "{\"x\": 1}"),
                Map.entry("dec1", "{\"x\": 1.0}"),
                Map.entry("str1", "{\"x\": \"1\"}"),
                Map.entry("two", "{\"x\": 2.5e0}"),
                Map.entry("big", "{\"x\": 1e3}"),
                Map.entry("abc", "{\"x\": \"abc\"}"),
                Map.entry("yes", "{\"x\": true}"),
                Map.entry("no", "{\"x\": false}"),
                Map.entry("nul", "{\"x\": null}"),
                Map.entry("obj", "{\"x\": {\"y\": 1}}"),
                Map.entry("arr", "{\"x\": [1, \"a\"]}"),
                Map.entry("none", "{\"other\": 1}"),
                Map.entry("empty", "")) // no config at all
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    Map.Entry::getValue,
                    (x, y) -> x,
                    java.util.LinkedHashMap::new)));
    return p;
  }

  // ------------------------------------------------------------------------- summary, sort

  @Test
  void aStringOrKeyHoldingANulIsPushedIndexedAndFoundByAFilter() {
    ProjectRef p = project();
    runs(
        p,
        new java.util.LinkedHashMap<>(
            Map.of(
                "nul", "{\"s\":\"a\\u0000b\",\"k\\u0000\":{\"x\":1}}", "plain", "{\"s\":\"ab\"}")));
    assertThat(slugs(p, is(config("s"), Op.EQ, "a\u0000b"))).containsExactly("nul");
    assertThat(slugs(p, is(config("s"), Op.EQ, "ab"))).containsExactly("plain");
    assertThat(slugs(p, is(config("k\u0000", "x"), Op.EQ, 1))).containsExactly("nul");
    assertThat(slugs(p, is(config("s"), Op.MATCHES, "^a.b$"))).containsExactly("nul");
    RunRow row =
        store().runRows(p, new RunQuery(null, null, true, List.of(config("s")), 0, 10)).stream()
            .filter(r -> r.run().slug().equals("nul"))
            .findFirst()
            .orElseThrow();
    assertThat(row.cells().get(config("s")).json()).isEqualTo("\"a\\u0000b\"");
    assertThat(store().snapshot(p, "nul", null).orElseThrow().config().orElseThrow().body())
        .contains("a\\u0000b");
  }

  @Test
  void columnsAreTheRunsConfigScalarsAndMetadataKeysSortedOnce() {
    ProjectRef p = project();
    runs(
        p,
        new java.util.LinkedHashMap<>(
            Map.of(
                "a", "{\"opt\":{\"lr\":0.1,\"name\":\"adam\"},\"layers\":[64,{\"u\":1}],\"e\":{}}",
                "b", "{\"opt\":{\"lr\":0.2},\"x.y\":null,\"__help__\":{\"opt\":\"x\"}}",
                "c", "")));
    store().putMeta(p, "a", Map.of("acc", "0.9", "deep", "{\"k\": [1]}"));
    store().putMeta(p, "c", Map.of("acc", "0.8", "z", "true"));
    ProjectRef other = project();
    runs(other, Map.of("elsewhere", "{\"secret\":1}"));

    assertThat(store().columns(p, List.of("a", "b", "c", "elsewhere", "none"), 100))
        .containsExactlyInAnyOrder(
            config("opt", "lr"),
            config("opt", "name"),
            config("layers", "0"),
            config("layers", "1", "u"),
            config("x.y"),
            meta("acc"),
            meta("deep"),
            meta("z"));
    List<RunColumn> all = store().columns(p, List.of("a", "b", "c"), 100);
    assertThat(all.subList(0, 5)).allMatch(c -> c.source() == Source.CONFIG);
    assertThat(all.subList(5, 8)).containsExactly(meta("acc"), meta("deep"), meta("z"));
    // at most the limit of each: a run with many config paths does not hide the metadata
    assertThat(store().columns(p, List.of("a", "b", "c"), 2))
        .containsExactly(all.get(0), all.get(1), meta("acc"), meta("deep"));
    assertThat(store().columns(p, List.of("c"), 100)).containsExactly(meta("acc"), meta("z"));
    assertThat(store().columns(p, List.of(), 100)).isEmpty();
    assertThat(store().columns(other, List.of("a"), 100)).isEmpty();
  }

  @Test
  void theDefaultPageIsNewestFirstWithEachRunsSummary() {
    ProjectRef p = project();
    store().openRun(p, "a", "A");
    store().openRun(p, "b", "B");
    store().addConfig(p, "a", "{\"v\": 1}", null);
    store().addConfig(p, "a", "{\"v\": 2}", "k");
    store().addConfig(p, "a", "{\"v\": 2}", "k"); // a replay: no new version
    List<RunRow> rows = store().runRows(p, new RunQuery(null, null, true, List.of(), 0, 50));
    assertThat(rows).extracting(r -> r.run().slug()).containsExactly("b", "a");
    RunRow a = rows.get(1);
    assertThat(a.versions()).isEqualTo(2);
    assertThat(a.lastPush()).isEqualTo(store().config(p, "a", 2).orElseThrow().createdAt());
    assertThat(a.template()).isNull();
    assertThat(a.run()).isEqualTo(store().run(p, "a").orElseThrow());
    RunRow b = rows.get(0);
    assertThat(b.versions()).isZero();
    assertThat(b.lastPush()).isZero();
    assertThat(b.cells()).isEmpty();
  }

  @Test
  void theSummaryNamesTheTemplateOfTheLatestVersion() {
    ProjectRef p = project();
    String user = "rows-user" + UNIQUE.incrementAndGet();
    store().createUser(user, false);
    String schema = "{\"type\": \"object\"}";
    store().publishTemplate(p, "t", schema, JdbcStore.hash(schema), user, 0);
    TemplateKey t1 = new TemplateKey(p, "t", 1);
    store().openRun(p, "with", "with");
    store().openRun(p, "without", "without");
    store().addConfig(p, "with", "{}", null, t1);
    store().addConfig(p, "without", "{}", null, t1);
    store().addConfig(p, "without", "{}", null, null);
    List<RunRow> rows = store().runRows(p, new RunQuery(null, null, true, List.of(), 0, 50));
    assertThat(rows).extracting(RunRow::template).containsExactly(null, t1);
    assertThat(slugs(p, is(attribute("template"), Op.EQ, "lab:" + p + "/t@1")))
        .containsExactly("with");
    assertThat(slugs(p, not(is(attribute("template"), Op.EQ, "lab:" + p + "/t@1"))))
        .containsExactly("without");
    assertThat(slugs(p, is(attribute("template"), Op.MATCHES, "/t@\\d$"))).containsExactly("with");
    assertThat(slugs(p, null, attribute("template"), false, 0, 10))
        .containsExactly("with", "without");
  }

  @Test
  void aNumberSortPutsRunsWithoutTheValueLastInBothDirections() {
    ProjectRef p = project();
    for (String[] run :
        List.of(
            new String[] {"m1", "{\"lr\": 0.3}"},
            new String[] {"m2", "{}"},
            new String[] {"m3", "{\"lr\": 0.1}"},
            new String[] {"m4", "{\"lr\": 0.3}"},
            new String[] {"m5", "{\"lr\": 0.2}"})) {
      store().openRun(p, run[0], run[0]);
      store().addConfig(p, run[0], run[1], null);
    }
    // ties (m1, m4 at 0.3) go newest first in both directions; m2 (no lr) last in both
    assertThat(slugs(p, null, config("lr"), false, 0, 10))
        .containsExactly("m3", "m5", "m4", "m1", "m2");
    assertThat(slugs(p, null, config("lr"), true, 0, 10))
        .containsExactly("m4", "m1", "m5", "m3", "m2");
  }

  @Test
  void aSortOverMixedKindsGroupsThemNumbersFirst() {
    ProjectRef p = typed();
    List<String> asc = slugs(p, null, config("x"), false, 0, 100);
    // numbers (1 and 1.0 tie: newest first), strings, booleans, null, arrays, objects, missing
    assertThat(asc.subList(0, 4)).containsExactly("dec1", "int1", "two", "big");
    assertThat(asc.subList(4, asc.size()))
        .containsExactly("str1", "abc", "no", "yes", "nul", "arr", "obj", "empty", "none");
  }

  @Test
  void pagesFollowOneAnotherAcrossRunsWithAndWithoutTheValue() {
    ProjectRef p = project();
    for (int i = 0; i < 7; i++) {
      store().openRun(p, "r" + i, "r" + i);
      store().addConfig(p, "r" + i, i % 2 == 0 ? "{\"n\": " + i + "}" : "{}", null);
    }
    List<String> all = slugs(p, null, config("n"), false, 0, 100);
    assertThat(all).containsExactly("r0", "r2", "r4", "r6", "r5", "r3", "r1");
    for (int size = 1; size <= 4; size++) {
      List<String> paged = new java.util.ArrayList<>();
      for (int offset = 0; offset < 8; offset += size) {
        paged.addAll(slugs(p, null, config("n"), false, offset, size));
      }
      assertThat(paged).as("pages of %d", size).isEqualTo(all);
    }
    assertThat(slugs(p, null, config("n"), false, 7, 3)).isEmpty();
    assertThat(slugs(p, null, RunColumn.CREATED, true, 5, 5)).containsExactly("r1", "r0");
  }

  @Test
  void namesSortByteByByteOnEveryStore() {
    ProjectRef p = project();
    for (String name : List.of("ab", "a-c", "B", "\u00e9")) {
      store().openRun(p, "s" + UNIQUE.incrementAndGet(), name);
    }
    List<String> names =
        store().runRows(p, new RunQuery(null, attribute("name"), false, List.of(), 0, 10)).stream()
            .map(r -> r.run().name())
            .toList();
    assertThat(names).containsExactly("B", "a-c", "ab", "\u00e9");
    assertThat(slugs(p, is(attribute("name"), Op.LT, "a"))).hasSize(1);
  }

  @Test
  void cellsTellMissingFromNullAndKeepNumbersAsPushed() {
    ProjectRef p = project();
    store().openRun(p, "r", "r");
    store()
        .addConfig(p, "r", "{\"a.b\": {\"c\": 1.50}, \"n\": null, \"l\": [true, \"<x>\"]}", null);
    store().putMeta(p, "r", Map.of("acc", "0.90", "a.b", "{\"deep\": \"v\"}"));
    List<RunColumn> columns =
        List.of(
            config("a.b", "c"),
            config("a.b"),
            config("a", "b", "c"),
            config("n"),
            config("missing"),
            config("l", "1"),
            config("l"),
            meta("acc"),
            meta("a.b", "deep"));
    RunRow row = store().runRows(p, new RunQuery(null, null, true, columns, 0, 10)).get(0);
    assertThat(row.cells())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                config("a.b", "c"), new Cell("number", "1.50"),
                config("a.b"), new Cell("object", null),
                config("n"), new Cell("null", "null"),
                config("l", "1"), new Cell("string", "\"<x>\""),
                config("l"), new Cell("array", null),
                meta("acc"), new Cell("number", "0.90"),
                meta("a.b", "deep"), new Cell("string", "\"v\"")));
  }

  @Test
  void theIndexFollowsTheLatestVersionAndOverwrittenMetadata() {
    ProjectRef p = project();
    store().openRun(p, "r", "r");
    store().addConfig(p, "r", "{\"x\": 1, \"gone\": 1}", "k1");
    store().putMeta(p, "r", Map.of("m", "{\"a\": 1}", "keep", "1"));
    store().addConfig(p, "r", "{\"x\": 2}", "k2");
    store().addConfig(p, "r", "{\"x\": 1, \"gone\": 1}", "k1"); // a replay of version 1
    store().putMeta(p, "r", Map.of("m", "2"));
    assertThat(slugs(p, is(config("x"), Op.EQ, 2))).containsExactly("r");
    assertThat(slugs(p, is(config("x"), Op.EQ, 1))).isEmpty();
    assertThat(slugs(p, is(config("gone"), Op.EQ, 1))).isEmpty();
    assertThat(slugs(p, is(meta("m"), Op.EQ, 2))).containsExactly("r");
    assertThat(slugs(p, is(meta("m", "a"), Op.EQ, 1))).isEmpty();
    assertThat(slugs(p, is(meta("keep"), Op.EQ, 1))).containsExactly("r");
  }

  @Test
  void aNodeThatChangesInPlaceShowsItsNewTextKindAndOrder() {
    ProjectRef p = project();
    store().openRun(p, "r", "r");
    store().openRun(p, "other", "other");
    store().addConfig(p, "other", "{\"x\": 1.5}", null);
    List<RunColumn> columns = List.of(config("x"), config("x", "0"), config("s"));
    String[][] pushes = {
      {"{\"x\": 1, \"s\": \"a\"}", "number", "1"},
      {"{\"x\": 1.0, \"s\": \"a\"}", "number", "1.0"}, // the same number, other text
      {"{\"x\": 2, \"s\": \"a\"}", "number", "2"},
      {"{\"x\": \"2\", \"s\": \"a\"}", "string", "\"2\""},
      {"{\"x\": [7], \"s\": \"a\"}", "array", null},
      {"{\"x\": {\"0\": 7}, \"s\": \"a\"}", "object", null},
      {"{\"x\": null}", "null", "null"},
    };
    for (int i = 0; i < pushes.length; i++) {
      assertThat(store().addConfig(p, "r", pushes[i][0], "key" + i)).isEqualTo(i + 1);
      RunRow row =
          store()
              .runRows(
                  p, new RunQuery(is(attribute("name"), Op.EQ, "r"), null, true, columns, 0, 1))
              .get(0);
      assertThat(row.versions()).isEqualTo(i + 1);
      assertThat(row.cells().get(config("x"))).isEqualTo(new Cell(pushes[i][1], pushes[i][2]));
      assertThat(row.cells().containsKey(config("x", "0"))).isEqualTo(i == 4 || i == 5);
      assertThat(row.cells().containsKey(config("s"))).isEqualTo(i < 6);
    }
    // a replay of an older version leaves the summary and the index at the latest one
    assertThat(store().addConfig(p, "r", pushes[2][0], "key2")).isEqualTo(3);
    RunRow row =
        store()
            .runRows(p, new RunQuery(is(attribute("name"), Op.EQ, "r"), null, true, columns, 0, 1))
            .get(0);
    assertThat(row.versions()).isEqualTo(pushes.length);
    assertThat(row.cells().get(config("x"))).isEqualTo(new Cell("null", "null"));
    assertThat(store().addConfig(p, "r", "{\"x\": 3}", "key" + pushes.length))
        .isEqualTo(pushes.length + 1);
    assertThat(slugs(p, null, config("x"), false, 0, 10)).containsExactly("other", "r");
    assertThat(slugs(p, is(config("x"), Op.GT, 2), config("x"), true, 0, 10)).containsExactly("r");
  }

  @Test
  void atMostMaxIndexedValuesOfAConfigAreIndexed() {
    ProjectRef p = project();
    store().openRun(p, "r", "r");
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i <= Store.MAX_INDEXED_VALUES; i++) {
      body.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": ").append(i);
    }
    store().addConfig(p, "r", body.append('}').toString(), null);
    int last = Store.MAX_INDEXED_VALUES - 1;
    assertThat(slugs(p, is(config("k" + last), Op.EQ, last))).containsExactly("r");
    assertThat(slugs(p, is(config("k" + (last + 1)), Op.GE, 0))).isEmpty();
  }

  // ------------------------------------------------------------------------------- filters

  @Test
  void equalityIsStrictAboutTypes() {
    ProjectRef p = typed();
    assertThat(slugs(p, is(config("x"), Op.EQ, 1))).containsExactlyInAnyOrder("int1", "dec1");
    assertThat(slugs(p, is(config("x"), Op.EQ, "1.0"))).isEmpty();
    assertThat(slugs(p, is(config("x"), Op.EQ, "1"))).containsExactly("str1");
    assertThat(slugs(p, is(config("x"), Op.EQ, 1000))).containsExactly("big");
    assertThat(slugs(p, is(config("x"), Op.EQ, 2.5))).containsExactly("two");
    assertThat(slugs(p, is(config("x"), Op.EQ, true))).containsExactly("yes");
    assertThat(slugs(p, is(config("x"), Op.EQ, false))).containsExactly("no");
    assertThat(slugs(p, is(config("x"), Op.EQ, null))).containsExactly("nul");
    assertThat(slugs(p, is(config("x"), Op.NE, 1)))
        .containsExactlyInAnyOrder("str1", "two", "big", "abc", "yes", "no", "nul", "obj", "arr");
    assertThat(slugs(p, is(config("x"), Op.NE, null)))
        .containsExactlyInAnyOrder(
            "int1", "dec1", "str1", "two", "big", "abc", "yes", "no", "obj", "arr");
    assertThat(slugs(p, is(config("x", "y"), Op.EQ, 1))).containsExactly("obj");
    assertThat(slugs(p, is(config("x", "1"), Op.EQ, "a"))).containsExactly("arr");
  }

  /**
   * The runs a filter keeps, newest first (a range on a value holding few values walks them);
   * checked against the same filter tested run by run (under another sort).
   */
  List<String> walked(ProjectRef p, RunFilter filter) {
    List<String> walked = slugs(p, filter);
    assertThat(slugs(p, filter, attribute("name"), false, 0, 100))
        .containsExactlyInAnyOrderElementsOf(walked);
    return walked;
  }

  @Test
  void orderingsHoldBetweenTwoNumbersOrTwoStringsOnly() {
    ProjectRef p = typed();
    assertThat(walked(p, is(config("x"), Op.LT, 2))).containsExactlyInAnyOrder("int1", "dec1");
    assertThat(walked(p, is(config("x"), Op.LE, 2.5)))
        .containsExactlyInAnyOrder("int1", "dec1", "two");
    assertThat(walked(p, is(config("x"), Op.GT, 2.5))).containsExactly("big");
    assertThat(walked(p, is(config("x"), Op.GE, 2.5))).containsExactlyInAnyOrder("two", "big");
    assertThat(walked(p, is(config("x"), Op.LT, "b"))).containsExactlyInAnyOrder("str1", "abc");
    assertThat(walked(p, is(config("x"), Op.GE, "abc"))).containsExactly("abc");
    assertThat(walked(p, is(config("x"), Op.GT, "1"))).containsExactly("abc");
    assertThat(walked(p, is(config("x"), Op.LT, true))).isEmpty();
    assertThat(walked(p, is(config("x"), Op.GE, null))).isEmpty();
  }

  @Test
  void numbersBeyondTheDoublesSortAtTheEndsAndCompareExactly() {
    ProjectRef p = project();
    runs(
        p,
        new java.util.LinkedHashMap<>(
            Map.of("huge", "{\"x\": 1e400}", "tiny", "{\"x\": -1e400}", "one", "{\"x\": 1}")));
    assertThat(slugs(p, null, config("x"), false, 0, 10)).containsExactly("tiny", "one", "huge");
    assertThat(slugs(p, is(config("x"), Op.EQ, "1E+400"))).isEmpty();
    assertThat(slugs(p, is(config("x"), Op.EQ, new BigDecimal("1e400")))).containsExactly("huge");
    assertThat(slugs(p, is(config("x"), Op.EQ, new BigDecimal("10e399")))).containsExactly("huge");
    assertThat(slugs(p, is(config("x"), Op.GT, 1))).containsExactly("huge");
    List<RunRow> rows =
        store().runRows(p, new RunQuery(null, null, true, List.of(config("x")), 0, 10));
    assertThat(rows)
        .extracting(r -> r.cells().get(config("x")).json())
        .containsExactlyInAnyOrder("1e400", "-1e400", "1");
  }

  @Test
  void aNegativeOffsetOrLimitIsRefused() {
    ProjectRef p = project();
    assertThatThrownBy(() -> slugs(p, null, RunColumn.CREATED, true, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThat(slugs(p, null, RunColumn.CREATED, true, 0, 0)).isEmpty();
  }

  @Test
  void aComparisonOnAMissingValueIsFalseAndItsNegationTrue() {
    ProjectRef p = typed();
    List<String> all = slugs(p, null);
    assertThat(slugs(p, is(config("x"), Op.NE, 12345))).doesNotContain("none", "empty");
    assertThat(slugs(p, not(is(config("x"), Op.EQ, 1))))
        .containsExactlyInAnyOrderElementsOf(
            all.stream().filter(s -> !s.equals("int1") && !s.equals("dec1")).toList());
    assertThat(slugs(p, not(is(config("x"), Op.EQ, null)))).contains("none", "empty");
    assertThat(slugs(p, is(meta("x"), Op.EQ, 1))).isEmpty();
    assertThat(slugs(p, not(is(meta("x"), Op.LT, 0)))).hasSameSizeAs(all);
  }

  @Test
  void andOrAndNotCombine() {
    ProjectRef p = project();
    for (int i = 0; i < 6; i++) {
      store().openRun(p, "r" + i, "r" + i);
      store().addConfig(p, "r" + i, "{\"i\": " + i + ", \"even\": " + (i % 2 == 0) + "}", null);
    }
    RunFilter small = is(config("i"), Op.LT, 3);
    RunFilter even = is(config("even"), Op.EQ, true);
    assertThat(slugs(p, and(small, even))).containsExactly("r2", "r0");
    assertThat(slugs(p, or(small, even))).containsExactly("r4", "r2", "r1", "r0");
    assertThat(slugs(p, not(or(small, even)))).containsExactly("r5", "r3");
    assertThat(slugs(p, and(not(small), not(even)))).containsExactly("r5", "r3");
    assertThat(slugs(p, or(and(small, even), is(config("i"), Op.EQ, 5))))
        .containsExactly("r5", "r2", "r0");
    // a filter and a sort on another column, paged
    assertThat(slugs(p, even, config("i"), true, 1, 5)).containsExactly("r2", "r0");
  }

  @Test
  void runAttributesCompareAsNumbersAndStrings() {
    ProjectRef p = project();
    store().openRun(p, "a", "alpha <b>");
    store().openRun(p, "b", "beta");
    store().addConfig(p, "b", "{}", null);
    store().addConfig(p, "b", "{}", null);
    assertThat(slugs(p, is(attribute("versions"), Op.EQ, 2))).containsExactly("b");
    assertThat(slugs(p, is(attribute("versions"), Op.LT, 0.5))).containsExactly("a");
    assertThat(slugs(p, is(attribute("versions"), Op.EQ, "2"))).isEmpty();
    assertThat(slugs(p, is(attribute("versions"), Op.NE, "2"))).containsExactly("b", "a");
    assertThat(slugs(p, is(attribute("name"), Op.EQ, "alpha <b>"))).containsExactly("a");
    assertThat(slugs(p, is(attribute("name"), Op.MATCHES, "^be"))).containsExactly("b");
    assertThat(slugs(p, is(attribute("name"), Op.GT, 1))).isEmpty();
    assertThat(slugs(p, is(attribute("created"), Op.GT, 0))).containsExactly("b", "a");
    // a run never pushed has no last push: missing, not 0
    assertThat(slugs(p, is(attribute("last_push"), Op.GT, 0))).containsExactly("b");
    assertThat(slugs(p, is(attribute("last_push"), Op.LT, 1))).isEmpty();
    assertThat(slugs(p, not(is(attribute("last_push"), Op.GT, 0)))).containsExactly("a");
    assertThat(slugs(p, null, attribute("last_push"), false, 0, 10)).containsExactly("b", "a");
    assertThat(slugs(p, null, attribute("versions"), false, 0, 10)).containsExactly("a", "b");
  }

  @Test
  void aRegularExpressionMatchesStringsAnywhereUnlessAnchored() {
    ProjectRef p = typed();
    assertThat(slugs(p, is(config("x"), Op.MATCHES, "b"))).containsExactly("abc");
    assertThat(slugs(p, is(config("x"), Op.MATCHES, "^b"))).isEmpty();
    assertThat(slugs(p, is(config("x"), Op.MATCHES, "^[0-9]+$"))).containsExactly("str1");
    assertThat(slugs(p, is(config("x"), Op.MATCHES, "1"))).containsExactly("str1");
    assertThat(slugs(p, not(is(config("x"), Op.MATCHES, "b")))).doesNotContain("abc");
  }

  @Test
  void aRegularExpressionThatTakesTooLongIsRefusedClearly() {
    ProjectRef p = project();
    store().openRun(p, "r", "r");
    store().addConfig(p, "r", "{\"s\": \"" + "a".repeat(3000) + "!\"}", null);
    String pattern = slowPattern();
    long start = System.nanoTime();
    assertThatThrownBy(() -> slugs(p, is(config("s"), Op.MATCHES, pattern)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "filter: ~ "
                + LabServer.JSON.writeValueAsString(pattern)
                + ": the regular expression takes too long");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    // the store goes on serving
    assertThat(slugs(p, is(config("s"), Op.MATCHES, "a!$"))).containsExactly("r");
  }

  /** A pattern this store's regular expressions take (far) too long to refuse on the test text. */
  abstract String slowPattern();

  @Test
  void valuesAreBoundNeverWrittenIntoTheStatement() {
    ProjectRef p = project();
    String nasty = "x' OR 1 = 1 --";
    store().openRun(p, "r", "r");
    store().addConfig(p, "r", "{\"s\": \"plain\"}", null);
    assertThat(slugs(p, is(config("s"), Op.EQ, nasty))).isEmpty();
    assertThat(slugs(p, is(config(nasty), Op.EQ, "plain"))).isEmpty();
    assertThat(slugs(p, is(meta("s"), Op.MATCHES, nasty))).isEmpty();
  }
}
