package io.hectiqlab.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Strings that a regular expression of the common forms matches, for witness documents: literals,
 * escapes, classes and ranges ({@code [a-z]}, {@code \d}, {@code \w}, {@code \p{L}}), {@code .},
 * groups, alternation, the quantifiers {@code ?}, {@code *}, {@code +} and {@code {n,m}} (lazy and
 * possessive too) and anchors. Lookarounds and back-references are not handled: {@link #strings}
 * then returns nothing and the caller falls back to checking candidates. The strings are only
 * proposals: each one is checked by the validator before use. Bounded: at most {@value #MAX_NODES}
 * parsed nodes, strings of at most {@value #MAX_LENGTH} characters, {@value #MAX_CANDIDATES}
 * candidates. Stateless and thread-safe.
 */
final class WitnessRegex {
  /** Nodes a pattern may parse into; a larger one is not handled. */
  static final int MAX_NODES = 2_000;

  /** The longest string proposed. */
  static final int MAX_LENGTH = 512;

  /** Candidates proposed for one pattern at most. */
  static final int MAX_CANDIDATES = 40;

  /** Characters tried, in order, as members of a class. */
  private static final String PREFERRED = "axbA0X1_-.z9 @:/+=#ZB";

  private WitnessRegex() {}

  /** A part of a pattern. */
  private sealed interface Node permits Seq, Alt, Repeat, Chars, Empty {}

  private record Seq(List<Node> parts) implements Node {}

  private record Alt(List<Node> options) implements Node {}

  /** {@code max} is -1 when unbounded. */
  private record Repeat(Node body, int min, int max) implements Node {}

  /** One character: {@code sample} is a member. */
  private record Chars(String sample) implements Node {}

  /** Anchors and boundaries: match the empty string here (the validator judges the whole). */
  private record Empty() implements Node {}

  /** Thrown for what this class does not handle. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  /**
   * Strings the pattern is meant to match, shortest-plan first, then variants (other alternatives,
   * longer repetitions) and variants at least {@code minLength} long; empty when the pattern has a
   * form this class does not handle.
   */
  static List<String> strings(String regex, int minLength) {
    Node root;
    try {
      root = new Parser(regex).parse();
    } catch (Unsupported | PatternSyntaxException | StackOverflowError e) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    Plan base = new Plan();
    add(out, root, base);
    List<Alt> alts = new ArrayList<>();
    List<Repeat> repeats = new ArrayList<>();
    collect(root, alts, repeats, 0);
    for (Alt a : alts) {
      for (int i = 1; i < a.options().size() && i < 4 && out.size() < MAX_CANDIDATES; i++) {
        Plan p = new Plan();
        p.alt.put(a, i);
        add(out, root, p);
      }
    }
    for (Repeat r : repeats) {
      if (out.size() >= MAX_CANDIDATES) {
        break;
      }
      if (r.max() < 0 || r.max() > r.min()) {
        Plan p = new Plan();
        p.count.put(r, r.min() + 1);
        add(out, root, p);
      }
    }
    String shortest = render(root, base);
    if (shortest != null && shortest.length() < minLength) {
      int missing = minLength - shortest.length();
      for (Repeat r : repeats) {
        if (out.size() >= MAX_CANDIDATES) {
          break;
        }
        Plan one = new Plan();
        one.count.put(r, r.min() + 1);
        String longer = render(root, one);
        int step = longer == null ? 0 : longer.length() - shortest.length();
        if (step <= 0) {
          continue;
        }
        int times = (missing + step - 1) / step;
        if (r.max() >= 0 && r.min() + times > r.max()) {
          times = r.max() - r.min();
        }
        Plan p = new Plan();
        p.count.put(r, r.min() + times);
        add(out, root, p);
      }
    }
    return List.copyOf(out);
  }

  private static void add(Set<String> out, Node root, Plan plan) {
    String s = render(root, plan);
    if (s != null && out.size() < MAX_CANDIDATES) {
      out.add(s);
    }
  }

  private static void collect(Node n, List<Alt> alts, List<Repeat> repeats, int depth) {
    if (depth > 100 || alts.size() + repeats.size() > 64) {
      return;
    }
    if (n instanceof Seq s) {
      s.parts().forEach(p -> collect(p, alts, repeats, depth + 1));
    } else if (n instanceof Alt a) {
      alts.add(a);
      a.options().forEach(o -> collect(o, alts, repeats, depth + 1));
    } else if (n instanceof Repeat r) {
      repeats.add(r);
      collect(r.body(), alts, repeats, depth + 1);
    }
  }

  /** Which alternative each alternation takes and how often each repetition repeats. */
  private static final class Plan {
    final Map<Alt, Integer> alt = new IdentityHashMap<>();
    final Map<Repeat, Integer> count = new IdentityHashMap<>();
  }

  /** The string a plan makes, or null when it would be longer than {@link #MAX_LENGTH}. */
  private static @Nullable String render(Node root, Plan plan) {
    StringBuilder out = new StringBuilder();
    return render(root, plan, out, 0) ? out.toString() : null;
  }

  private static boolean render(Node n, Plan plan, StringBuilder out, int depth) {
    if (out.length() > MAX_LENGTH || depth > 200) {
      return false;
    }
    if (n instanceof Seq s) {
      for (Node p : s.parts()) {
        if (!render(p, plan, out, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (n instanceof Alt a) {
      int i = plan.alt.getOrDefault(a, 0);
      return render(a.options().get(i), plan, out, depth + 1);
    }
    if (n instanceof Repeat r) {
      int times = plan.count.getOrDefault(r, r.min());
      for (int i = 0; i < times; i++) {
        if (!render(r.body(), plan, out, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (n instanceof Chars c) {
      out.append(c.sample());
      return out.length() <= MAX_LENGTH;
    }
    return true;
  }

  /** A recursive-descent reader of the pattern forms named in the class comment. */
  private static final class Parser {
    private final String re;
    private int pos;
    private int nodes;

    Parser(String re) {
      this.re = re;
    }

    Node parse() {
      Node n = alternation(0);
      if (pos != re.length()) {
        throw new Unsupported(); // an unbalanced ')'
      }
      return n;
    }

    private Node count(Node n) {
      if (++nodes > MAX_NODES) {
        throw new Unsupported();
      }
      return n;
    }

    private Node alternation(int depth) {
      if (depth > 50) {
        throw new Unsupported();
      }
      List<Node> options = new ArrayList<>();
      options.add(sequence(depth));
      while (pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        options.add(sequence(depth));
      }
      return options.size() == 1 ? options.get(0) : count(new Alt(options));
    }

    private Node sequence(int depth) {
      List<Node> parts = new ArrayList<>();
      while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        Node atom = atom(depth);
        parts.add(quantified(atom));
      }
      return parts.size() == 1 ? parts.get(0) : count(new Seq(parts));
    }

    private Node quantified(Node atom) {
      if (pos >= re.length()) {
        return atom;
      }
      char c = re.charAt(pos);
      int min;
      int max;
      if (c == '*') {
        min = 0;
        max = -1;
        pos++;
      } else if (c == '+') {
        min = 1;
        max = -1;
        pos++;
      } else if (c == '?') {
        min = 0;
        max = 1;
        pos++;
      } else if (c == '{' && braces()) {
        int close = re.indexOf('}', pos);
        String inside = re.substring(pos + 1, close);
        pos = close + 1;
        int comma = inside.indexOf(',');
        if (comma < 0) {
          min = bounded(inside);
          max = min;
        } else {
          min = bounded(inside.substring(0, comma));
          String upper = inside.substring(comma + 1);
          max = upper.isEmpty() ? -1 : bounded(upper);
        }
      } else {
        return atom;
      }
      if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
        pos++; // lazy or possessive: the same strings match
      }
      if (atom instanceof Empty) {
        return atom;
      }
      return quantified(count(new Repeat(atom, min, max)));
    }

    /** True when a quantifier {@code {n}}, {@code {n,}} or {@code {n,m}} starts at pos. */
    private boolean braces() {
      int close = re.indexOf('}', pos);
      return close > pos && re.substring(pos + 1, close).matches("[0-9]{1,6}(,[0-9]{0,6})?");
    }

    private static int bounded(String digits) {
      int n = Integer.parseInt(digits);
      if (n > MAX_LENGTH) {
        throw new Unsupported();
      }
      return n;
    }

    private Node atom(int depth) {
      char c = re.charAt(pos);
      switch (c) {
        case '(':
          return group(depth);
        case '[':
          return charClass();
        case '.':
          pos++;
          return count(new Chars("a"));
        case '^':
        case '$':
          pos++;
          return count(new Empty());
        case '\\':
          return escape();
        case '*':
        case '+':
        case '?':
          throw new Unsupported(); // a quantifier with nothing before it
        default:
          int cp = re.codePointAt(pos);
          pos += Character.charCount(cp);
          return count(new Chars(new String(Character.toChars(cp))));
      }
    }

    private Node group(int depth) {
      pos++;
      if (re.startsWith("?:", pos)) {
        pos += 2;
      } else if (re.startsWith("?<", pos)
          && pos + 2 < re.length()
          && re.charAt(pos + 2) != '='
          && re.charAt(pos + 2) != '!') {
        int close = re.indexOf('>', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        pos = close + 1;
      } else if (pos < re.length() && re.charAt(pos) == '?') {
        throw new Unsupported(); // lookarounds, flags
      }
      Node inner = alternation(depth + 1);
      if (pos >= re.length() || re.charAt(pos) != ')') {
        throw new Unsupported();
      }
      pos++;
      return inner;
    }

    private Node escape() {
      if (pos + 1 >= re.length()) {
        throw new Unsupported();
      }
      char e = re.charAt(pos + 1);
      switch (e) {
        case 'd', 'D', 'w', 'W', 's', 'S' -> {
          pos += 2;
          return count(new Chars(member("\\" + e, "")));
        }
        case 'b', 'B' -> {
          pos += 2;
          return count(new Empty());
        }
        case 'p', 'P' -> {
          int close = re.indexOf('}', pos);
          if (pos + 2 >= re.length() || re.charAt(pos + 2) != '{' || close < 0) {
            throw new Unsupported();
          }
          String source = re.substring(pos, close + 1);
          pos = close + 1;
          return count(new Chars(member(source, "")));
        }
        case 'n' -> {
          pos += 2;
          return count(new Chars("\n"));
        }
        case 't' -> {
          pos += 2;
          return count(new Chars("\t"));
        }
        case 'r' -> {
          pos += 2;
          return count(new Chars("\r"));
        }
        case 'f' -> {
          pos += 2;
          return count(new Chars("\f"));
        }
        case 'v' -> {
          pos += 2;
          return count(new Chars("\u000B"));
        }
        case 'x' -> {
          String hex = re.length() >= pos + 4 ? re.substring(pos + 2, pos + 4) : "";
          if (!hex.matches("[0-9A-Fa-f]{2}")) {
            throw new Unsupported();
          }
          pos += 4;
          return count(new Chars(String.valueOf((char) Integer.parseInt(hex, 16))));
        }
        case 'u' -> {
          String hex = re.length() >= pos + 6 ? re.substring(pos + 2, pos + 6) : "";
          if (!hex.matches("[0-9A-Fa-f]{4}")) {
            throw new Unsupported();
          }
          pos += 6;
          return count(new Chars(String.valueOf((char) Integer.parseInt(hex, 16))));
        }
        default -> {
          if (Character.isLetterOrDigit(e)) {
            throw new Unsupported(); // back-references and escapes this class does not know
          }
          pos += 2;
          return count(new Chars(String.valueOf(e)));
        }
      }
    }

    /** A class {@code [...]}: its first literal member, or another member a test finds. */
    private Node charClass() {
      int start = pos;
      int i = pos + 1;
      if (i < re.length() && re.charAt(i) == '^') {
        i++;
      }
      if (i < re.length() && re.charAt(i) == ']') {
        i++; // a literal ']' first (in Java; ECMA's [] and [^] are rewritten by SafeRegex)
      }
      String first = "";
      boolean negated = re.charAt(pos + 1) == '^';
      for (; i < re.length() && re.charAt(i) != ']'; i++) {
        char c = re.charAt(i);
        if (c == '[') {
          throw new Unsupported(); // nested classes, Java-only
        }
        if (c == '\\') {
          i++;
          continue;
        }
        if (first.isEmpty() && !negated) {
          first = String.valueOf(c);
        }
      }
      if (i >= re.length()) {
        throw new Unsupported();
      }
      pos = i + 1;
      return count(new Chars(member(re.substring(start, pos), first)));
    }

    /** A member of the class written {@code source}: {@code preferred} when it is one. */
    private static String member(String source, String preferred) {
      Pattern p;
      try {
        p = Pattern.compile(SafeRegex.emptyClasses(source));
      } catch (PatternSyntaxException e) {
        throw new Unsupported();
      }
      if (!preferred.isEmpty() && p.matcher(preferred).matches()) {
        return preferred;
      }
      for (int i = 0; i < PREFERRED.length(); i++) {
        String c = String.valueOf(PREFERRED.charAt(i));
        if (p.matcher(c).matches()) {
          return c;
        }
      }
      for (char c = '!'; c < '~'; c++) {
        if (p.matcher(String.valueOf(c)).matches()) {
          return String.valueOf(c);
        }
      }
      throw new Unsupported();
    }
  }
}
