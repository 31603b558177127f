package io.hectiqlab.internal;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * java.util.regex with a work budget: every match may read at most {@link #BUDGET} characters
 * (backtracking reads the same characters again), and a regex engine stack overflow becomes a
 * {@link LimitException} instead of a {@link StackOverflowError}.
 */
final class SafeRegex implements RegularExpressionFactory {
  /** Characters one match may read, counting re-reads caused by backtracking. */
  static final long BUDGET = 1_000_000;

  static final SafeRegex INSTANCE = new SafeRegex();

  private SafeRegex() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern;
    try {
      pattern =
          Pattern.compile(
              RegularExpressions.replaceLongformCharacterProperties(
                  RegularExpressions.replaceDollarAnchors(emptyClasses(regex))));
    } catch (StackOverflowError e) {
      throw new PatternSyntaxException("the pattern is nested too deeply", regex, -1);
    }
    return value -> {
      try {
        return pattern.matcher(new Budgeted(value, new long[] {BUDGET})).find();
      } catch (StackOverflowError e) {
        throw new LimitException(
            "pattern "
                + quote(regex)
                + " needs too deep a recursion on a string of "
                + value.length()
                + " characters");
      } catch (BudgetExceeded e) {
        throw new LimitException(
            "pattern "
                + quote(regex)
                + " takes too long on a string of "
                + value.length()
                + " characters (catastrophic backtracking)");
      }
    };
  }

  /**
   * ECMA-262's empty classes, which java.util.regex lacks: {@code []} matches nothing and becomes
   * {@code (?!)}, {@code [^]} matches any character and becomes {@code [\s\S]}. (In Java, a {@code
   * ]} right after {@code [} or {@code [^} would be a literal member of the class.)
   */
  static String emptyClasses(String regex) {
    if (!regex.contains("[]") && !regex.contains("[^]")) {
      return regex;
    }
    StringBuilder out = new StringBuilder(regex.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(++i));
      } else if (!inClass && regex.startsWith("[]", i)) {
        out.append("(?!)");
        i += 1;
      } else if (!inClass && regex.startsWith("[^]", i)) {
        out.append("[\\s\\S]");
        i += 2;
      } else {
        if (c == '[') {
          inClass = true;
        } else if (c == ']') {
          inClass = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String quote(String regex) {
    return Printable.quote(regex, 60);
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  /** A string view that charges one unit of the budget for every character read. */
  private static final class Budgeted implements CharSequence {
    private final String s;
    private final long[] left;

    Budgeted(String s, long[] left) {
      this.s = s;
      this.left = left;
    }

    @Override
    public char charAt(int i) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return s.charAt(i);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(s.substring(start, end), left);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
