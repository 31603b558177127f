package io.hectiqlab.internal;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Turns networknt errors into readable findings, with "did you mean" hints. */
final class Messages {
  private Messages() {}

  static SchemaEngine.Finding finding(Function<String, SchemaEngine.Source> sources, Error e) {
    String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
    String pointer = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    if (keyword.equals("oneOf") || keyword.equals("anyOf")) {
      return alternatives(sources, e, keyword, pointer);
    }
    if (e.isCustomMessage()) {
      return new SchemaEngine.Finding(pointer, keyword, e.getMessage());
    }
    String message;
    switch (keyword) {
      case "maximum":
        message = "must be at most " + arg(args, 0);
        break;
      case "minimum":
        message = "must be at least " + arg(args, 0);
        break;
      case "exclusiveMaximum":
        message = "must be less than " + arg(args, 0);
        break;
      case "exclusiveMinimum":
        message = "must be greater than " + arg(args, 0);
        break;
      case "type":
        message = "must be " + arg(args, 1) + ", found " + arg(args, 0);
        break;
      case "required":
        message = "missing required property '" + arg(args, 0) + "'";
        break;
      case "enum":
        message = "must be one of " + json(e.getSchemaNode(), arg(args, 0));
        break;
      case "const":
        message = "must be " + json(e.getSchemaNode(), arg(args, 0));
        break;
      case "format":
        message = format(e, arg(args, 0));
        break;
      case "minItems":
        message = "must have at least " + arg(args, 0) + " item(s), found " + arg(args, 1);
        break;
      case "maxItems":
        message = "must have at most " + arg(args, 0) + " item(s), found " + arg(args, 1);
        break;
      case "pattern":
        message = "must match the pattern " + arg(args, 0);
        break;
      case "additionalProperties":
      case "unevaluatedProperties":
        {
          String property = e.getProperty() != null ? e.getProperty() : arg(args, 0);
          pointer = pointer + "/" + Documents.escapePointer(property);
          message = "unknown property '" + property + "'" + suggestion(sources, e, property);
          break;
        }
      default:
        message = e.getMessage();
    }
    return new SchemaEngine.Finding(pointer, keyword, message);
  }

  private static final java.util.regex.Pattern FORMAT_MESSAGE =
      java.util.regex.Pattern.compile("does not match the (\\S+) pattern must be a valid (.+)");

  /** "must be a valid email (RFC 5321 Mailbox)" rather than networknt's run-on sentence. */
  private static String format(Error e, String name) {
    java.util.regex.Matcher m = FORMAT_MESSAGE.matcher(String.valueOf(e.getMessage()));
    return m.matches() ? "must be a valid " + name + " (" + m.group(2) + ")" : e.getMessage();
  }

  /** A const or enum value as JSON: strings quoted, arrays as {@code ["a", "b"]}. */
  private static String json(JsonNode value, String fallback) {
    if (value == null || value.isMissingNode()) {
      return fallback;
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        items.add(item.toString());
      }
      return "[" + String.join(", ", items) + "]";
    }
    return value.toString();
  }

  /**
   * The summary of a failed oneOf/anyOf, with the closest alternative's own findings as details
   * (see {@link Alternatives}).
   */
  private static SchemaEngine.Finding alternatives(
      Function<String, SchemaEngine.Source> sources, Error e, String keyword, String pointer) {
    java.util.Map<String, Object> d = e.getDetails() == null ? java.util.Map.of() : e.getDetails();
    int count = d.get(Alternatives.COUNT) instanceof Integer i ? i : 0;
    int matched = d.get(Alternatives.MATCHED) instanceof Integer i ? i : 0;
    int closest = d.get(Alternatives.CLOSEST) instanceof Integer i ? i : -1;
    String discriminator = String.valueOf(d.getOrDefault(Alternatives.DISCRIMINATOR, ""));
    List<SchemaEngine.Finding> details = new ArrayList<>();
    if (d.get(Alternatives.ERRORS) instanceof List<?> errors) {
      for (Object o : errors) {
        if (o instanceof Error branch) {
          details.add(finding(sources, branch));
        }
      }
    }
    String message;
    if (e.isCustomMessage()) {
      message = e.getMessage();
    } else {
      String alternatives = count + (count == 1 ? " alternative" : " alternatives");
      message =
          keyword.equals("oneOf")
              ? "must match exactly one of " + alternatives
              : "must match at least one of " + alternatives;
      message += matched > 1 ? " but matches " + matched : " but matches none";
      if (closest >= 0) {
        message += "; closest is alternative " + (closest + 1);
        if (!discriminator.isEmpty()) {
          message += ", where " + discriminator;
        } else {
          message +=
              ", with " + details.size() + (details.size() == 1 ? " violation" : " violations");
        }
      }
    }
    return new SchemaEngine.Finding(pointer, keyword, message, details);
  }

  private static String arg(Object[] args, int i) {
    return i < args.length ? String.valueOf(args[i]) : "?";
  }

  /** "; did you mean 'lr'?" when a declared property is within a small edit distance. */
  private static String suggestion(
      Function<String, SchemaEngine.Source> sources, Error e, String property) {
    String best = suggest(property, declaredProperties(sources, e));
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  /**
   * The candidate a "did you mean" proposes for {@code wanted}: the {@link #closest} one within a
   * third of its length in edits (at least 1, at most 3), or null.
   */
  static String suggest(String wanted, Iterable<String> candidates) {
    return closest(wanted, candidates, Math.max(1, Math.min(3, wanted.length() / 3)));
  }

  /**
   * The candidate closest to {@code wanted} (ignoring case) within {@code allowed} edits, the first
   * one on a tie, or null: the one rule for "did you mean" (property names, file names).
   */
  static String closest(String wanted, Iterable<String> candidates, int allowed) {
    String w = wanted.toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = allowed + 1;
    for (String candidate : candidates) {
      String c = candidate.toLowerCase(java.util.Locale.ROOT);
      if (Math.abs(c.length() - w.length()) > allowed) {
        continue; // farther than allowed: an edit changes the length by one at most
      }
      int d = distance(w, c);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static List<String> declaredProperties(
      Function<String, SchemaEngine.Source> sources, Error e) {
    List<String> names = new ArrayList<>();
    if (e.getSchemaLocation() == null) {
      return names;
    }
    String location = e.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    SchemaEngine.Source source = sources.apply(location);
    if (source == null) {
      return names;
    }
    JsonNode doc = source.node();
    String fragment = hash < 0 ? "" : location.substring(hash + 1);
    int last = fragment.lastIndexOf('/');
    JsonNode parent = last <= 0 ? doc : doc.at(fragment.substring(0, last));
    JsonNode properties = parent.get("properties");
    if (properties != null && properties.isObject()) {
      Iterator<String> it = properties.propertyNames().iterator();
      while (it.hasNext()) {
        names.add(it.next());
      }
    }
    return names;
  }

  /**
   * Levenshtein distance, with transpositions counted as one edit; {@link Integer#MAX_VALUE} for
   * names longer than 128 characters, whose distance is not worth its cost.
   */
  static int distance(String a, String b) {
    if (a.length() > 128 || b.length() > 128) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
