package io.hectiqlab.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SQLite's {@code REGEXP} operator ({@code text REGEXP pattern} calls {@code regexp(pattern,
 * text)}) as a Java function: true when {@link java.util.regex.Pattern} finds the pattern anywhere
 * in the text (a NULL text: false). Guarded: matching stops at the deadline of the calling thread's
 * query ({@link #withDeadline}; {@link #BUDGET_MILLIS} from the call without one), and a pattern
 * that overflows the stack counts as one that takes too long; either fails the statement with
 * {@link #TOO_LONG} in its message. The function keeps no state between calls but the last pattern
 * compiled by each thread; an instance may serve every connection.
 */
final class SqliteRegexp extends org.sqlite.Function {
  /** How long the regular expressions of one query may take, in milliseconds. */
  static final long BUDGET_MILLIS = 2_000;

  /** The mark of a statement that failed because a regular expression took too long. */
  static final String TOO_LONG = "hectiqlab: regular expression over its time budget";

  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
  private static final ThreadLocal<Pattern> LAST = new ThreadLocal<>();

  /** Registers the function on a (raw SQLite) connection. */
  static void register(Connection sqlite) throws SQLException {
    org.sqlite.Function.create(sqlite, "REGEXP", new SqliteRegexp(), 2, 0);
  }

  /** Work run with a deadline for the regular expressions this thread matches meanwhile. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs work with the regular expressions it matches limited to {@code millis} in total. */
  static <T> T withDeadline(long millis, Work<T> work) throws SQLException {
    Long before = DEADLINE.get();
    DEADLINE.set(System.nanoTime() + millis * 1_000_000);
    try {
      return work.run();
    } finally {
      if (before == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(before);
      }
    }
  }

  @Override
  protected void xFunc() throws SQLException {
    String source = value_text(0);
    String text = value_text(1);
    if (source == null || text == null) {
      result(0);
      return;
    }
    Pattern pattern = LAST.get();
    if (pattern == null || !pattern.pattern().equals(source)) {
      try {
        pattern = Pattern.compile(source);
      } catch (PatternSyntaxException e) {
        error("not a regular expression: " + e.getDescription());
        return;
      }
      LAST.set(pattern);
    }
    Long deadline = DEADLINE.get();
    long until = deadline != null ? deadline : System.nanoTime() + BUDGET_MILLIS * 1_000_000;
    boolean found;
    try {
      found = pattern.matcher(new Timed(text, until)).find();
    } catch (Timed.Expired | StackOverflowError e) {
      error(TOO_LONG);
      return;
    }
    result(found ? 1 : 0);
  }

  /** A text whose reading fails once a deadline has passed (checked every 1,024 characters). */
  private static final class Timed implements CharSequence {
    /** Thrown by {@link #charAt} past the deadline; without a stack trace. */
    static final class Expired extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Expired() {
        super("deadline", null, false, false);
      }
    }

    private static final Expired EXPIRED = new Expired();

    private final CharSequence text;
    private final long deadline;
    private int reads;

    Timed(CharSequence text, long deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 1023) == 0 && System.nanoTime() - deadline > 0) {
        throw EXPIRED;
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Timed(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
