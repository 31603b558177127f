package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hectiqlab.server.RunColumn.Source;
import io.hectiqlab.server.RunFilter.And;
import io.hectiqlab.server.RunFilter.Compare;
import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Not;
import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.RunFilter.Or;
import io.hectiqlab.server.RunFilter.SyntaxError;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter language of the runs page and the columns it shares with the table's URL: what each
 * text parses to, and the exact error (column and words) for each kind of malformed text.
 */
class RunFilterTest {
  private static RunColumn config(String... path) {
    return new RunColumn(Source.CONFIG, List.of(path));
  }

  private static RunColumn meta(String... path) {
    return new RunColumn(Source.META, List.of(path));
  }

  private static RunColumn run(String attribute) {
    return new RunColumn(Source.RUN, List.of(attribute));
  }

  private static Literal num(String value) {
    return new Literal.Num(new BigDecimal(value));
  }

  private static Literal str(String value) {
    return new Literal.Str(value);
  }

  /** The message of the SyntaxError the text raises. */
  private static String error(String text) {
    return catchThrowableOfType(SyntaxError.class, () -> RunFilter.parse(text)).getMessage();
  }

  private static String columnError(String text) {
    return catchThrowableOfType(IllegalArgumentException.class, () -> RunColumn.parse(text))
        .getMessage();
  }

  // --- columns ---

  @Test
  void columnsParseToTheirSourceAndPath() {
    assertThat(RunColumn.parse("created")).isEqualTo(RunColumn.CREATED);
    assertThat(RunColumn.parse("last_push")).isEqualTo(run("last_push"));
    assertThat(RunColumn.parse("config.optimizer.lr")).isEqualTo(config("optimizer", "lr"));
    assertThat(RunColumn.parse("meta.accuracy")).isEqualTo(meta("accuracy"));
    assertThat(RunColumn.parse("config.\"a.b\"")).isEqualTo(config("a.b"));
    assertThat(RunColumn.parse("config.layers.0.size")).isEqualTo(config("layers", "0", "size"));
    assertThat(RunColumn.parse("config.\"\"")).isEqualTo(config(""));
    assertThat(RunColumn.parse("config.\"say \\\"hi\\\" \\\\ \\'\""))
        .isEqualTo(config("say \"hi\" \\ '"));
    assertThat(RunColumn.parse("meta.a-b_C9")).isEqualTo(meta("a-b_C9"));
  }

  @Test
  void columnsWriteQuotesOnlyWhereNeeded() {
    assertThat(RunColumn.CREATED).hasToString("created");
    assertThat(config("optimizer", "lr")).hasToString("config.optimizer.lr");
    assertThat(meta("accuracy")).hasToString("meta.accuracy");
    assertThat(config("a.b")).hasToString("config.\"a.b\"");
    assertThat(config("a b", "c")).hasToString("config.\"a b\".c");
    assertThat(config("")).hasToString("config.\"\"");
    assertThat(config("q\"uo\\te")).hasToString("config.\"q\\\"uo\\\\te\"");
    assertThat(config("été")).hasToString("config.\"été\"");
    assertThat(config("0")).hasToString("config.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.b",
        "",
        " ",
        "\"",
        "\\",
        "'",
        "x\"y",
        "été",
        "\ud83e\udde0",
        "\ud800",
        "a\nb",
        "and",
        "<script>",
        "config",
        "0",
        "-",
        "1e5",
        "..",
        "\u0000"
      })
  void everyKeyRoundTripsThroughItsText(String key) {
    for (RunColumn column :
        List.of(config(key), meta(key), config(key, key), meta("x", key, "y"))) {
      assertThat(RunColumn.parse(column.toString())).isEqualTo(column);
      // And the same column inside a filter.
      assertThat(RunFilter.parse(column + " = 1")).isEqualTo(new Compare(column, Op.EQ, num("1")));
    }
  }

  @Test
  void everyAttributeRoundTrips() {
    for (String attribute : RunColumn.ATTRIBUTES) {
      assertThat(RunColumn.parse(attribute)).isEqualTo(run(attribute));
      assertThat(run(attribute)).hasToString(attribute);
    }
  }

  @Test
  void malformedColumnsAreNamedWithWhatIsWrong() {
    assertThat(columnError("foo"))
        .isEqualTo(
            "unknown column 'foo' (a column is one of name, created, versions, last_push,"
                + " template, config.KEY, meta.KEY)");
    assertThat(columnError("config")).isEqualTo("the column 'config' needs a key: config.KEY");
    assertThat(columnError("meta")).isEqualTo("the column 'meta' needs a key: meta.KEY");
    assertThat(columnError("name.first")).isEqualTo("the run attribute 'name' has no keys");
    assertThat(columnError("config."))
        .isEqualTo("column 'config.' at character 8: expected a key after 'config.'");
    assertThat(columnError("config..a"))
        .isEqualTo("column 'config..a' at character 8: expected a key after 'config.'");
    assertThat(columnError("config.\"a"))
        .isEqualTo("column 'config.\"a' at character 8: unclosed string: no \" after it");
    assertThat(columnError("config.'a'"))
        .isEqualTo("column 'config.'a'' at character 8: expected a key after 'config.'");
    assertThat(columnError("config.a b"))
        .isEqualTo("column 'config.a b' at character 9: unexpected ' ' after the column");
    assertThat(columnError(" created"))
        .isEqualTo("column ' created' at character 1: expected a column name");
    assertThat(columnError("")).isEqualTo("column '' at character 1: expected a column name");
    assertThat(columnError("config.\"a\\d\""))
        .isEqualTo(
            "column 'config.\"a\\d\"' at character 10: unknown escape '\\d' (a backslash escapes"
                + " only \\, \" and '; write \\\\ for a backslash)");
    assertThat(columnError("Created")).startsWith("unknown column 'Created'");
    assertThat(columnError("x".repeat(4097)))
        .isEqualTo("column '" + "x".repeat(80) + "...': longer than 4096 characters");
  }

  @Test
  void aColumnWithAControlCharacterIsNamedEscaped() {
    assertThat(columnError("config.a\nb"))
        .isEqualTo("column 'config.a\\nb' at character 9: unexpected '\\n' after the column");
  }

  // --- filters: what they parse to ---

  @Test
  void theIssueExampleParsesToAnAndOfTwoComparisons() {
    assertThat(RunFilter.parse("config.optimizer.lr < 0.01 and meta.accuracy >= 0.9"))
        .isEqualTo(
            new And(
                new Compare(config("optimizer", "lr"), Op.LT, num("0.01")),
                new Compare(meta("accuracy"), Op.GE, num("0.9"))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "config.x = 1|EQ",
        "config.x != 1|NE",
        "config.x < 1|LT",
        "config.x <= 1|LE",
        "config.x > 1|GT",
        "config.x >= 1|GE",
        "config.x=1|EQ",
        "config.x<=1|LE",
        "config.x!=1|NE"
      })
  void everyOperatorIsRead(String text, Op op) {
    assertThat(RunFilter.parse(text)).isEqualTo(new Compare(config("x"), op, num("1")));
  }

  @Test
  void matchesTakesARegularExpression() {
    assertThat(RunFilter.parse("name ~ '^run-[0-9]+$'"))
        .isEqualTo(new Compare(run("name"), Op.MATCHES, str("^run-[0-9]+$")));
    assertThat(RunFilter.parse("config.path~\"a\\\\.b\""))
        .isEqualTo(new Compare(config("path"), Op.MATCHES, str("a\\.b")));
  }

  @Test
  void literalsOfEveryKind() {
    assertThat(RunFilter.parse("config.x = -3"))
        .isEqualTo(new Compare(config("x"), Op.EQ, num("-3")));
    assertThat(RunFilter.parse("config.x = 1e-4"))
        .isEqualTo(new Compare(config("x"), Op.EQ, num("1e-4")));
    assertThat(RunFilter.parse("config.x = 2.50E+3"))
        .isEqualTo(new Compare(config("x"), Op.EQ, num("2.50E+3")));
    assertThat(RunFilter.parse("config.x=-0.5"))
        .isEqualTo(new Compare(config("x"), Op.EQ, num("-0.5")));
    assertThat(RunFilter.parse("config.x = true"))
        .isEqualTo(new Compare(config("x"), Op.EQ, new Literal.Bool(true)));
    assertThat(RunFilter.parse("config.x != false"))
        .isEqualTo(new Compare(config("x"), Op.NE, new Literal.Bool(false)));
    assertThat(RunFilter.parse("config.x = null"))
        .isEqualTo(new Compare(config("x"), Op.EQ, new Literal.Null()));
    assertThat(RunFilter.parse("config.x = \"1\""))
        .isEqualTo(new Compare(config("x"), Op.EQ, str("1")));
    assertThat(RunFilter.parse("config.x < 'b'"))
        .isEqualTo(new Compare(config("x"), Op.LT, str("b")));
  }

  @Test
  void numbersKeepTheirExactValue() {
    Compare compare = (Compare) RunFilter.parse("config.x = 0.1000000000000000000001");
    assertThat(((Literal.Num) compare.value()).value())
        .isEqualByComparingTo("0.1000000000000000000001");
  }

  @Test
  void stringsTakeBothQuotesAndTheirEscapes() {
    assertThat(RunFilter.parse("name = \"it's \\\"x\\\" \\\\\""))
        .isEqualTo(new Compare(run("name"), Op.EQ, str("it's \"x\" \\")));
    assertThat(RunFilter.parse("name = 'say \"hi\" \\'now\\''"))
        .isEqualTo(new Compare(run("name"), Op.EQ, str("say \"hi\" 'now'")));
    assertThat(RunFilter.parse("name = ''")).isEqualTo(new Compare(run("name"), Op.EQ, str("")));
    assertThat(RunFilter.parse("name = 'a and b or not c'"))
        .isEqualTo(new Compare(run("name"), Op.EQ, str("a and b or not c")));
    assertThat(RunFilter.parse("name = '<script>alert(1)</script>'"))
        .isEqualTo(new Compare(run("name"), Op.EQ, str("<script>alert(1)</script>")));
    assertThat(RunFilter.parse("name = '\ud83e\udde0\n'"))
        .isEqualTo(new Compare(run("name"), Op.EQ, str("\ud83e\udde0\n")));
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    Compare a = new Compare(config("a"), Op.EQ, num("1"));
    Compare b = new Compare(config("b"), Op.EQ, num("2"));
    Compare c = new Compare(config("c"), Op.EQ, num("3"));
    assertThat(RunFilter.parse("config.a = 1 or config.b = 2 and config.c = 3"))
        .isEqualTo(new Or(a, new And(b, c)));
    assertThat(RunFilter.parse("config.a = 1 and config.b = 2 or config.c = 3"))
        .isEqualTo(new Or(new And(a, b), c));
    assertThat(RunFilter.parse("not config.a = 1 and config.b = 2"))
        .isEqualTo(new And(new Not(a), b));
    assertThat(RunFilter.parse("not (config.a = 1 and config.b = 2)"))
        .isEqualTo(new Not(new And(a, b)));
    assertThat(RunFilter.parse("(config.a = 1 or config.b = 2) and config.c = 3"))
        .isEqualTo(new And(new Or(a, b), c));
    assertThat(RunFilter.parse("not not config.a = 1")).isEqualTo(new Not(new Not(a)));
  }

  @Test
  void chainsAssociateToTheLeft() {
    Compare a = new Compare(config("a"), Op.EQ, num("1"));
    Compare b = new Compare(config("b"), Op.EQ, num("2"));
    Compare c = new Compare(config("c"), Op.EQ, num("3"));
    assertThat(RunFilter.parse("config.a = 1 and config.b = 2 and config.c = 3"))
        .isEqualTo(new And(new And(a, b), c));
    assertThat(RunFilter.parse("config.a = 1 or config.b = 2 or config.c = 3"))
        .isEqualTo(new Or(new Or(a, b), c));
  }

  @Test
  void whiteSpaceIsFreeBetweenTokens() {
    assertThat(RunFilter.parse("\t( config.a=1 )\n"))
        .isEqualTo(new Compare(config("a"), Op.EQ, num("1")));
    assertThat(RunFilter.parse("(config.a=1)and(config.b=2)"))
        .isEqualTo(
            new And(
                new Compare(config("a"), Op.EQ, num("1")),
                new Compare(config("b"), Op.EQ, num("2"))));
  }

  @Test
  void keywordsMayBeKeysOfAPath() {
    assertThat(RunFilter.parse("config.and = 1 and meta.not.or = null"))
        .isEqualTo(
            new And(
                new Compare(config("and"), Op.EQ, num("1")),
                new Compare(meta("not", "or"), Op.EQ, new Literal.Null())));
  }

  @Test
  void upToTheLimitsIsAFilter() {
    String compare = "config.x = 1";
    String many = String.join(" or ", java.util.Collections.nCopies(32, compare));
    assertThat(RunFilter.parse(many)).isInstanceOf(Or.class);
    String nested = "(".repeat(32) + compare + ")".repeat(32);
    assertThat(RunFilter.parse(nested)).isEqualTo(RunFilter.parse(compare));
    String nots = "not ".repeat(32) + compare;
    assertThat(RunFilter.parse(nots)).isInstanceOf(Not.class);
    String longest = "name = '" + "x".repeat(4096 - 9) + "'";
    assertThat(longest).hasSize(4096);
    assertThat(RunFilter.parse(longest)).isInstanceOf(Compare.class);
  }

  // --- filters: errors ---

  @Test
  void aMissingValueIsReportedWhereItShouldBe() {
    assertThat(error("config.optimizer.lr < "))
        .isEqualTo("filter: column 23: expected a value after '<'");
    assertThat(error("config.optimizer.lr <"))
        .isEqualTo("filter: column 22: expected a value after '<'");
    assertThat(error("config.a < and config.b = 1"))
        .isEqualTo("filter: column 12: expected a value after '<', found 'and'");
    assertThat(error("config.a = )"))
        .isEqualTo("filter: column 12: expected a value after '=', found ')'");
  }

  @Test
  void theErrorCarriesItsColumnAndProblemApart() {
    SyntaxError e = catchThrowableOfType(SyntaxError.class, () -> RunFilter.parse("config.a <"));
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.problem()).isEqualTo("expected a value after '<'");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingComparisonsAreNamedAfterWhatComesBefore() {
    assertThat(error("")).isEqualTo("filter: column 1: expected a comparison");
    assertThat(error("   ")).isEqualTo("filter: column 4: expected a comparison");
    assertThat(error("config.a = 1 and"))
        .isEqualTo("filter: column 17: expected a comparison after 'and'");
    assertThat(error("config.a = 1 or or config.b = 1"))
        .isEqualTo("filter: column 17: expected a comparison after 'or', found 'or'");
    assertThat(error("not")).isEqualTo("filter: column 4: expected a comparison after 'not'");
    assertThat(error("()"))
        .isEqualTo("filter: column 2: expected a comparison after '(', found ')'");
    assertThat(error("= 1")).isEqualTo("filter: column 1: expected a comparison, found '='");
    assertThat(error("1 = config.a"))
        .isEqualTo("filter: column 1: expected a comparison, found '1'");
    assertThat(error("true")).isEqualTo("filter: column 1: expected a comparison, found 'true'");
    assertThat(error("'config.a' = 1"))
        .isEqualTo("filter: column 1: expected a comparison, found ''config.a''");
  }

  @Test
  void unknownColumnsAreNamed() {
    assertThat(error("config.a = 1 and accuracy > 0.9"))
        .isEqualTo(
            "filter: column 18: unknown column 'accuracy' (a column is one of name, created,"
                + " versions, last_push, template, config.KEY, meta.KEY)");
    assertThat(error("config = 1"))
        .isEqualTo("filter: column 1: the column 'config' needs a key: config.KEY");
    assertThat(error("name.x = 1"))
        .isEqualTo("filter: column 1: the run attribute 'name' has no keys");
    assertThat(error("config. = 1")).isEqualTo("filter: column 8: expected a key after 'config.'");
  }

  @Test
  void missingOrUnknownOperatorsAreNamed() {
    assertThat(error("config.a"))
        .isEqualTo(
            "filter: column 9: expected an operator (=, !=, <, <=, >, >=, ~) after 'config.a'");
    assertThat(error("config.a is 1"))
        .isEqualTo(
            "filter: column 10: expected an operator (=, !=, <, <=, >, >=, ~) after 'config.a',"
                + " found 'is'");
    assertThat(error("config.a == 1"))
        .isEqualTo("filter: column 10: unknown operator '==' (one of =, !=, <, <=, >, >=, ~)");
    assertThat(error("config.a !~ 'x'"))
        .isEqualTo("filter: column 10: unknown operator '!~' (one of =, !=, <, <=, >, >=, ~)");
    assertThat(error("config.a => 1"))
        .isEqualTo("filter: column 10: unknown operator '=>' (one of =, !=, <, <=, >, >=, ~)");
  }

  @Test
  void unknownValuesAreNamedWithAHint() {
    assertThat(error("name = run1"))
        .isEqualTo("filter: column 8: unknown value 'run1' (a string is quoted: \"run1\")");
    assertThat(error("config.a = True"))
        .isEqualTo("filter: column 12: unknown value 'True' (a string is quoted: \"True\")");
    assertThat(error("config.a = config.b"))
        .isEqualTo(
            "filter: column 12: expected a value after '=', found the column 'config.b' (a column"
                + " compares with a value)");
  }

  @Test
  void malformedNumbersAreNamed() {
    assertThat(error("config.a = 1.")).isEqualTo("filter: column 12: malformed number '1.'");
    assertThat(error("config.a = 01")).isEqualTo("filter: column 12: malformed number '01'");
    assertThat(error("config.a = 1x")).isEqualTo("filter: column 12: malformed number '1x'");
    assertThat(error("config.a = 1e")).isEqualTo("filter: column 12: malformed number '1e'");
    assertThat(error("config.a = 1.2.3")).isEqualTo("filter: column 12: malformed number '1.2.3'");
    assertThat(error("config.a = -")).isEqualTo("filter: column 12: malformed number '-'");
    assertThat(error("config.a = --1")).isEqualTo("filter: column 12: malformed number '-'");
    assertThat(error("config.a = +1")).isEqualTo("filter: column 12: unexpected character '+'");
    assertThat(error("config.a = 1_000")).isEqualTo("filter: column 12: malformed number '1_000'");
  }

  @Test
  void numbersBeyondADoubleAreOutOfRange() {
    String range = " (beyond a double: at most about 1.8e308, at least about 4.9e-324)";
    assertThat(error("config.a = 1e400"))
        .isEqualTo("filter: column 12: number out of range '1e400'" + range);
    assertThat(error("config.a = -1e400"))
        .isEqualTo("filter: column 12: number out of range '-1e400'" + range);
    assertThat(error("config.a = 1e-400"))
        .isEqualTo("filter: column 12: number out of range '1e-400'" + range);
    assertThat(error("config.a = 1e999999999999"))
        .isEqualTo("filter: column 12: number out of range '1e999999999999'" + range);
    assertThat(RunFilter.parse("config.a = 1e308")).isInstanceOf(Compare.class);
    assertThat(RunFilter.parse("config.a = 0e999")).isInstanceOf(Compare.class);
    assertThat(RunFilter.parse("config.a = 1e000000000000000005")).isInstanceOf(Compare.class);
  }

  @Test
  void unclosedStringsAndBadEscapesArePointedAt() {
    assertThat(error("name = 'abc")).isEqualTo("filter: column 8: unclosed string: no ' after it");
    assertThat(error("name = \"abc\\\""))
        .isEqualTo("filter: column 8: unclosed string: no \" after it");
    assertThat(error("name ~ 'run-\\d+'"))
        .isEqualTo(
            "filter: column 13: unknown escape '\\d' (a backslash escapes only \\, \" and ';"
                + " write \\\\ for a backslash)");
  }

  @Test
  void orderingsTakeNumbersOrStringsOnly() {
    assertThat(error("config.a < true"))
        .isEqualTo("filter: column 12: '<' orders numbers or strings only, found 'true'");
    assertThat(error("config.a >= null"))
        .isEqualTo("filter: column 13: '>=' orders numbers or strings only, found 'null'");
  }

  @Test
  void matchesTakesAStringThatCompiles() {
    assertThat(error("name ~ 1"))
        .isEqualTo(
            "filter: column 8: expected a string (a regular expression) after '~', found '1'");
    assertThat(error("name ~ null"))
        .isEqualTo(
            "filter: column 8: expected a string (a regular expression) after '~', found 'null'");
    assertThat(error("config.a = 1 and name ~ 'run-(a'"))
        .isEqualTo(
            "filter: column 25: malformed regular expression: Unclosed group at index 6 of the"
                + " pattern");
    assertThat(error("name ~ '*x'"))
        .isEqualTo(
            "filter: column 8: malformed regular expression: Dangling meta character '*' at index"
                + " 0 of the pattern");
  }

  @Test
  void whatFollowsAFilterMustJoinIt() {
    assertThat(error("config.a = 1 config.b = 2"))
        .isEqualTo("filter: column 14: expected 'and', 'or' or the end, found 'config.b'");
    assertThat(error("config.a = 1 AND config.b = 2"))
        .isEqualTo("filter: column 14: expected 'and', 'or' or the end, found 'AND'");
    assertThat(error("config.a = 1)")).isEqualTo("filter: column 13: unmatched ')'");
    assertThat(error("(config.a = 1"))
        .isEqualTo("filter: column 14: expected ')' to close the '(' at column 1");
    assertThat(error("((config.a = 1) config.b = 1)"))
        .isEqualTo("filter: column 17: expected 'and', 'or' or ')', found 'config.b'");
    assertThat(error("config.a = 1 & config.b = 2"))
        .isEqualTo("filter: column 14: unexpected character '&'");
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    // The emoji is one character (two UTF-16 units): the missing value is at column 13.
    assertThat(error("name = '\ud83e\udde0' and"))
        .isEqualTo("filter: column 15: expected a comparison after 'and'");
    assertThat(error("name = '\ud83e\udde0' <"))
        .isEqualTo("filter: column 12: expected 'and', 'or' or the end, found '<'");
  }

  @Test
  void limitsAreSyntaxErrors() {
    String compare = "config.x = 1";
    String many = String.join(" or ", java.util.Collections.nCopies(33, compare));
    assertThat(error(many))
        .isEqualTo(
            "filter: column " + (32 * (compare.length() + 4) + 1) + ": more than 32 comparisons");
    assertThat(error("(".repeat(33) + compare + ")".repeat(33)))
        .isEqualTo("filter: column 33: nested deeper than 32 parentheses and nots");
    assertThat(error("not ".repeat(33) + compare))
        .isEqualTo("filter: column 129: nested deeper than 32 parentheses and nots");
    assertThat(error("name = '" + "x".repeat(4096) + "'"))
        .isEqualTo("filter: column 4097: the filter is longer than 4096 characters");
  }

  @Test
  void tenThousandNestedParenthesesAreASyntaxErrorNotAStackOverflow() {
    String deep = "(".repeat(10_000) + "config.x = 1" + ")".repeat(10_000);
    assertThatThrownBy(() -> RunFilter.parse(deep))
        .isExactlyInstanceOf(SyntaxError.class)
        .hasMessage("filter: column 4097: the filter is longer than 4096 characters");
    // Within the length limit, the nesting limit answers first.
    String within = "(".repeat(2_000) + "config.x = 1" + ")".repeat(2_000);
    assertThatThrownBy(() -> RunFilter.parse(within))
        .isExactlyInstanceOf(SyntaxError.class)
        .hasMessage("filter: column 33: nested deeper than 32 parentheses and nots");
    String nots = "not ".repeat(1_000) + "config.x = 1";
    assertThatThrownBy(() -> RunFilter.parse(nots))
        .isExactlyInstanceOf(SyntaxError.class)
        .hasMessage("filter: column 129: nested deeper than 32 parentheses and nots");
  }

  @Test
  void aDeeplyNestedRegularExpressionIsASyntaxErrorOrAFilter() {
    String regex = "(".repeat(2_000) + "a" + ")".repeat(2_000);
    // Whether java.util.regex compiles this depth depends on the thread's stack; it reports its
    // own overflow as a syntax error, and the parser turns a StackOverflowError into one as well.
    try {
      assertThat(RunFilter.parse("name ~ '" + regex + "'")).isInstanceOf(Compare.class);
    } catch (SyntaxError e) {
      assertThat(e.column()).isEqualTo(8);
      assertThat(e.problem())
          .satisfiesAnyOf(
              p -> assertThat(p).startsWith("malformed regular expression: Stack overflow"),
              p -> assertThat(p).isEqualTo("the regular expression is nested too deeply"));
    }
  }
}
