package io.hectiqlab.server;

import io.hectiqlab.server.RunFilter.Literal;
import io.hectiqlab.server.RunFilter.Op;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.RunQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@link Store#runRows}: a {@link RunFilter} compiled to a condition on {@code runs r}
 * (values only as bound parameters) and the statements of a sorted page, the same portable SQL on
 * SQLite and PostgreSQL but for the regular expression operator ({@code REGEXP}, a Java function
 * the store registers, on SQLite; {@code ~}, PostgreSQL's own regular expressions, there).
 * Immutable; thread-safe.
 *
 * <p>A page sorted by a column some runs have no value in is read in two parts: the runs with a
 * value, in the column's order ({@link #valued}), then the others, newest first ({@link #missing});
 * each walks an index in its exact order, so that a page costs about its own rows (plus its
 * offset). A filter is checked run by run along that walk, except on a page newest first whose
 * filter requires an equality on a value (the walk is then that value's index, where equal values
 * are newest first) or a range on a value that holds few values (the store {@link #probe}s it; the
 * walk is then the range, sorted).
 */
final class RunRowsSql {
  /** SQL text with its bound arguments, in order. */
  record Sql(String text, List<Object> args) {}

  /** The run's columns a row is read from, in this order. */
  static final String COLUMNS =
      "r.slug, r.name, r.p_id, r.created_at, r.versions, r.last_push, r.template_owner,"
          + " r.template_project, r.template_name, r.template_version";

  /** Ties, and runs without a value, go newest first whatever the direction. */
  private static final String NEWEST = "r.created_at DESC, r.p_id DESC";

  private static final String FALSE = "1 = 0";

  private final boolean postgres;

  RunRowsSql(boolean postgres) {
    this.postgres = postgres;
  }

  /** A statement under construction: its text and arguments, appended together. */
  private static final class Builder {
    final StringBuilder text = new StringBuilder();
    final List<Object> args = new ArrayList<>();

    Builder sql(String s) {
      text.append(s);
      return this;
    }

    Builder arg(Object value) {
      text.append('?');
      args.add(value instanceof String s ? RunValues.indexed(s) : value);
      return this;
    }

    Sql build() {
      return new Sql(text.toString(), List.copyOf(args));
    }
  }

  // ---------------------------------------------------------------------------------- pages

  /**
   * The runs that have a value in the sort column (every run, for {@code created}, {@code name} and
   * {@code versions}), filtered, in the column's order, ties newest first; {@code limit} rows from
   * {@code offset}.
   */
  Sql valued(ProjectRef project, RunQuery q, int offset, int limit) {
    return valued(project, q, offset, limit, null);
  }

  /**
   * As {@link #valued(ProjectRef, RunQuery, int, int)}; a page sorted by {@code created} walks the
   * index of {@code walk} (a conjunct of the filter on a value; null: of its first equality on a
   * value, if any) and sorts what it finds.
   */
  Sql valued(ProjectRef project, RunQuery q, int offset, int limit, RunFilter.Compare walk) {
    Builder b = new Builder().sql("SELECT ").sql(COLUMNS);
    RunColumn sort = q.sort();
    String dir = q.descending() ? " DESC" : "";
    if (sort.equals(RunColumn.CREATED)) {
      String order = q.descending() ? "created_at DESC, ?.p_id DESC" : "created_at, ?.p_id DESC";
      List<RunFilter> conjuncts = new ArrayList<>();
      conjuncts(q.filter(), conjuncts);
      RunFilter.Compare driver = walk != null ? walk : equalityOnValue(conjuncts);
      if (driver == null) {
        b.sql(" FROM runs r WHERE r.owner = ").arg(project.owner());
        b.sql(" AND r.project = ").arg(project.name());
        filter(b, q.filter());
        b.sql(" ORDER BY r.").sql(order.replace("?", "r"));
      } else {
        // An equality on a value walks the value's index, where equal values are newest first;
        // a range (chosen by the caller when it holds few runs) is sorted after the walk.
        conjuncts.remove(driver);
        from(b, project, driver.column(), "f");
        b.sql(" AND ");
        valueCondition(b, "f", driver.op(), driver.value());
        for (RunFilter f : conjuncts) {
          filter(b, f);
        }
        b.sql(" ORDER BY ");
        if (driver.op() == Op.EQ && q.descending()) {
          // Constant under the equality, so the order is the same; PostgreSQL needs them named to
          // walk the index backwards (its IS NULL is no equality to it) instead of sorting
          // every equal value.
          b.sql("f.num DESC, f.prefix DESC, ");
        }
        b.sql("f.").sql(order.replace("?", "f"));
      }
    } else if (sort.source() == RunColumn.Source.RUN) {
      b.sql(" FROM runs r WHERE r.owner = ").arg(project.owner());
      b.sql(" AND r.project = ").arg(project.name());
      String present = attributePresent(sort.path().get(0));
      if (present != null) {
        b.sql(" AND ").sql(present);
      }
      filter(b, q.filter());
      b.sql(" ORDER BY ");
      for (String key : attributeOrder(sort.path().get(0))) {
        b.sql(key).sql(dir).sql(", ");
      }
      b.sql(NEWEST);
    } else {
      from(b, project, sort, "v");
      filter(b, q.filter());
      b.sql(" ORDER BY ");
      // strings sort by their indexed prefix; within a kind, num (prefix) is all NULL or none
      for (String key : List.of("v.kind_rank", "v.num", "v.prefix")) {
        b.sql(key).sql(dir).sql(", ");
      }
      b.sql("v.created_at DESC, v.p_id DESC");
    }
    b.sql(" LIMIT ").arg(limit).sql(" OFFSET ").arg(offset);
    return b.build();
  }

  /** {@code FROM} the values at a column's path, joined with their runs. */
  private static void from(Builder b, ProjectRef project, RunColumn column, String alias) {
    String a = alias + ".";
    b.sql(" FROM run_values " + alias + " JOIN runs r ON r.owner = " + a + "owner AND r.project = ")
        .sql(a + "project AND r.slug = " + a + "slug WHERE " + a + "owner = ")
        .arg(project.owner())
        .sql(" AND " + a + "project = ")
        .arg(project.name())
        .sql(" AND " + a + "src = ")
        .arg(src(column))
        .sql(" AND " + a + "value_path = ")
        .arg(RunValues.encodePath(column.path()));
  }

  /**
   * The range a page sorted by {@code created} may walk instead of the runs, when its filter has no
   * equality on a value: its first conjunct ordering a value ({@code <}, {@code <=}, {@code >},
   * {@code >=} with a number or a string); null when none.
   */
  static RunFilter.Compare rangeOnValue(RunQuery q) {
    if (!q.sort().equals(RunColumn.CREATED)) {
      return null;
    }
    List<RunFilter> conjuncts = new ArrayList<>();
    conjuncts(q.filter(), conjuncts);
    if (equalityOnValue(conjuncts) != null) {
      return null;
    }
    for (RunFilter f : conjuncts) {
      if (f instanceof RunFilter.Compare cmp
          && cmp.column().source() != RunColumn.Source.RUN
          && List.of(Op.LT, Op.LE, Op.GT, Op.GE).contains(cmp.op())
          && (cmp.value() instanceof Literal.Num || cmp.value() instanceof Literal.Str)) {
        return cmp;
      }
    }
    return null;
  }

  /** How many values (up to {@code cap}) a comparison on a value holds in a project. */
  Sql probe(ProjectRef project, RunFilter.Compare cmp, int cap) {
    Builder b = new Builder().sql("SELECT COUNT(*) FROM (SELECT 1");
    b.sql(" FROM run_values f WHERE f.owner = ")
        .arg(project.owner())
        .sql(" AND f.project = ")
        .arg(project.name())
        .sql(" AND f.src = ")
        .arg(src(cmp.column()))
        .sql(" AND f.value_path = ")
        .arg(RunValues.encodePath(cmp.column().path()))
        .sql(" AND ");
    valueCondition(b, "f", cmp.op(), cmp.value());
    return b.sql(" LIMIT ").arg(cap).sql(") probed").build();
  }

  /** The filters a filter is the conjunction of (itself when it is no {@code and}). */
  private static void conjuncts(RunFilter f, List<RunFilter> out) {
    if (f instanceof RunFilter.And and) {
      conjuncts(and.left(), out);
      conjuncts(and.right(), out);
    } else if (f != null) {
      out.add(f);
    }
  }

  /** The first conjunct that is an equality on a config or metadata value; null when none. */
  private static RunFilter.Compare equalityOnValue(List<RunFilter> conjuncts) {
    for (RunFilter f : conjuncts) {
      if (f instanceof RunFilter.Compare cmp
          && cmp.op() == Op.EQ
          && cmp.column().source() != RunColumn.Source.RUN) {
        return cmp;
      }
    }
    return null;
  }

  /** How many runs {@link #valued} would list, all pages together. */
  Sql countValued(ProjectRef project, RunQuery q) {
    Sql all = valued(project, q, 0, Integer.MAX_VALUE);
    return new Sql("SELECT COUNT(*) FROM (" + all.text() + ") counted", all.args());
  }

  /**
   * The runs without a value in the sort column, filtered, newest first; null when every run has
   * one.
   */
  Sql missing(ProjectRef project, RunQuery q, int offset, int limit) {
    RunColumn sort = q.sort();
    Builder b = new Builder().sql("SELECT ").sql(COLUMNS);
    b.sql(" FROM runs r WHERE r.owner = ").arg(project.owner());
    b.sql(" AND r.project = ").arg(project.name());
    if (sort.source() == RunColumn.Source.RUN) {
      String present = attributePresent(sort.path().get(0));
      if (present == null) {
        return null;
      }
      b.sql(" AND NOT (").sql(present).sql(")");
    } else {
      b.sql(" AND NOT EXISTS (SELECT 1 FROM run_values v WHERE v.owner = r.owner AND v.project =")
          .sql(" r.project AND v.slug = r.slug AND v.src = ")
          .arg(src(sort))
          .sql(" AND v.value_path = ")
          .arg(RunValues.encodePath(sort.path()))
          .sql(")");
    }
    filter(b, q.filter());
    b.sql(" ORDER BY ").sql(NEWEST).sql(" LIMIT ").arg(limit).sql(" OFFSET ").arg(offset);
    return b.build();
  }

  /** The cells of one config or metadata column for the runs of a page (slug, kind, JSON). */
  Sql cells(ProjectRef project, RunColumn column, List<String> slugs) {
    Builder b =
        new Builder()
            .sql("SELECT slug, kind_rank, json_text FROM run_values WHERE owner = ")
            .arg(project.owner())
            .sql(" AND project = ")
            .arg(project.name())
            .sql(" AND src = ")
            .arg(src(column))
            .sql(" AND value_path = ")
            .arg(RunValues.encodePath(column.path()))
            .sql(" AND slug IN (");
    for (int i = 0; i < slugs.size(); i++) {
      b.sql(i == 0 ? "" : ", ").arg(slugs.get(i));
    }
    return b.sql(")").build();
  }

  private static String src(RunColumn column) {
    return column.source() == RunColumn.Source.CONFIG ? RunValues.CONFIG : RunValues.META;
  }

  /** The condition under which a run has a value of an attribute; null: always. */
  private static String attributePresent(String attribute) {
    return switch (attribute) {
      case "last_push" -> "r.last_push IS NOT NULL";
      case "template" -> "r.template_name IS NOT NULL";
      default -> null;
    };
  }

  /** The columns an attribute sorts by, most significant first. */
  private static List<String> attributeOrder(String attribute) {
    return switch (attribute) {
      case "name" -> List.of("r.name");
      case "versions" -> List.of("r.versions");
      case "last_push" -> List.of("r.last_push");
      case "template" ->
          List.of(
              "r.template_owner", "r.template_project", "r.template_name", "r.template_version");
      default -> List.of("r.created_at");
    };
  }

  // -------------------------------------------------------------------------------- filters

  /** Appends {@code AND (condition)} for a filter; nothing for none. */
  private void filter(Builder b, RunFilter f) {
    if (f != null) {
      b.sql(" AND ");
      condition(b, f);
    }
  }

  /**
   * Appends a filter as a condition that is true or false for every run (never NULL, so that {@code
   * not} turns a comparison on a missing value into true).
   */
  private void condition(Builder b, RunFilter f) {
    if (f instanceof RunFilter.And and) {
      b.sql("(");
      condition(b, and.left());
      b.sql(" AND ");
      condition(b, and.right());
      b.sql(")");
    } else if (f instanceof RunFilter.Or or) {
      b.sql("(");
      condition(b, or.left());
      b.sql(" OR ");
      condition(b, or.right());
      b.sql(")");
    } else if (f instanceof RunFilter.Not not) {
      b.sql("NOT (");
      condition(b, not.inner());
      b.sql(")");
    } else {
      RunFilter.Compare cmp = (RunFilter.Compare) f;
      if (cmp.column().source() == RunColumn.Source.RUN) {
        attribute(b, cmp);
      } else {
        value(b, cmp);
      }
    }
  }

  /** The kind of value of each attribute: a number or a string. */
  private static boolean isNumeric(String attribute) {
    return switch (attribute) {
      case "created", "versions", "last_push" -> true;
      default -> false;
    };
  }

  /** The SQL expression of an attribute's value. */
  private String attributeValue(String attribute) {
    return switch (attribute) {
      case "name" -> "r.name";
      case "created" -> "r.created_at";
      case "versions" -> "r.versions";
      case "last_push" -> "r.last_push";
      default ->
          "('lab:' || r.template_owner || '/' || r.template_project || '/' || r.template_name"
              + " || '@' || CAST(r.template_version AS VARCHAR(12)))"
              + (postgres ? " COLLATE \"C\"" : "");
    };
  }

  /** A comparison of a run attribute: numbers with numbers, strings with strings, else false. */
  private void attribute(Builder b, RunFilter.Compare cmp) {
    String attribute = cmp.column().path().get(0);
    String present = attributePresent(attribute);
    String value = attributeValue(attribute);
    boolean numeric = isNumeric(attribute);
    Literal lit = cmp.value();
    boolean sameKind = numeric ? lit instanceof Literal.Num : lit instanceof Literal.Str;
    if (!sameKind || (cmp.op() == Op.MATCHES && numeric)) {
      // another kind: never equal (so != holds for a present value), never ordered, no match
      b.sql(cmp.op() == Op.NE ? (present == null ? "1 = 1" : present) : FALSE);
      return;
    }
    b.sql("(");
    if (present != null) {
      b.sql(present).sql(" AND ");
    }
    if (cmp.op() == Op.MATCHES) {
      regexp(b, value, ((Literal.Str) lit).value());
    } else {
      b.sql(value).sql(" ").sql(cmp.op().symbol.equals("!=") ? "<>" : cmp.op().symbol).sql(" ");
      if (lit instanceof Literal.Num n) {
        b.arg(integral(n.value()) ? (Object) n.value().longValueExact() : n.value().doubleValue());
      } else {
        b.arg(((Literal.Str) lit).value());
      }
    }
    b.sql(")");
  }

  private static boolean integral(BigDecimal v) {
    try {
      v.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /**
   * A comparison of a config or metadata value: true when the run has a value at the path and the
   * value compares so; {@code !=} is a value that is not {@code =}.
   */
  private void value(Builder b, RunFilter.Compare cmp) {
    b.sql("EXISTS (SELECT 1 FROM run_values v WHERE v.owner = r.owner AND v.project = r.project")
        .sql(" AND v.slug = r.slug AND v.src = ")
        .arg(src(cmp.column()))
        .sql(" AND v.value_path = ")
        .arg(RunValues.encodePath(cmp.column().path()))
        .sql(" AND ");
    if (cmp.op() == Op.NE) {
      b.sql("NOT (");
      valueCondition(b, "v", Op.EQ, cmp.value());
      b.sql(")");
    } else {
      valueCondition(b, "v", cmp.op(), cmp.value());
    }
    b.sql(")");
  }

  /**
   * The condition on a row ({@code alias}) of run_values; it starts with the kind, so that it is
   * false (not NULL) for a value of another kind, whose other columns may be NULL.
   */
  private void valueCondition(Builder b, String alias, Op op, Literal lit) {
    String a = alias + ".";
    if (op == Op.EQ) {
      equality(b, alias, lit);
    } else if (op == Op.NE) {
      throw new IllegalStateException("!= is compiled as not =");
    } else if (lit instanceof Literal.Num n && op != Op.MATCHES) {
      b.sql("(" + a + "kind_rank = " + RunValues.NUMBER + " AND " + a + "num " + op.symbol + " ")
          .arg(n.value().doubleValue())
          .sql(")");
    } else if (lit instanceof Literal.Str s) {
      b.sql("(" + a + "kind_rank = " + RunValues.STRING + " AND ");
      if (op == Op.MATCHES) {
        regexp(b, a + "str", s.value());
      } else {
        // a string below (above) another has a prefix below (above) or equal to its prefix
        b.sql(a + (op == Op.LT || op == Op.LE ? "prefix <= " : "prefix >= "))
            .arg(RunValues.prefix(s.value()))
            .sql(" AND " + a + "str " + op.symbol + " ")
            .arg(s.value());
      }
      b.sql(")");
    } else {
      b.sql(FALSE); // no number matches, booleans and null are never ordered nor matched
    }
  }

  /**
   * A value (row {@code alias} of run_values) equal to a literal: the same kind and value, written
   * with every index column before {@code created_at} bound (NULL where the kind has none), so that
   * an index walks the equal values newest first.
   */
  private static void equality(Builder b, String alias, Literal lit) {
    String a = alias + ".";
    if (lit instanceof Literal.Num n) {
      b.sql("(" + a + "kind_rank = " + RunValues.NUMBER + " AND " + a + "num = ")
          .arg(n.value().doubleValue())
          .sql(" AND " + a + "prefix IS NULL AND " + a + "str = ")
          .arg(RunValues.canonicalNumber(n.value()))
          .sql(")");
    } else if (lit instanceof Literal.Str s) {
      b.sql("(" + a + "kind_rank = " + RunValues.STRING + " AND " + a + "num IS NULL AND ")
          .sql(a + "prefix = ")
          .arg(RunValues.prefix(s.value()))
          .sql(" AND " + a + "str = ")
          .arg(s.value())
          .sql(")");
    } else if (lit instanceof Literal.Bool bool) {
      b.sql("(" + a + "kind_rank = " + RunValues.BOOLEAN + " AND " + a + "num = ")
          .arg(bool.value() ? 1.0 : 0.0)
          .sql(" AND " + a + "prefix IS NULL)");
    } else {
      b.sql("(" + a + "kind_rank = " + RunValues.NULL + " AND " + a + "num IS NULL AND ")
          .sql(a + "prefix IS NULL)");
    }
  }

  /** A regular expression found anywhere in a string expression. */
  private void regexp(Builder b, String expression, String pattern) {
    b.sql(expression).sql(postgres ? " ~ " : " REGEXP ").arg(pattern);
  }
}
