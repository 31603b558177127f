package io.hectiqlab.internal;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;
import com.networknt.schema.format.Formats;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Format checks that replace networknt's where it rejects valid values.
 *
 * <p>{@code uri}, {@code uri-reference}, {@code iri} and {@code iri-reference} are networknt's,
 * except that an IPvFuture host ({@code http://[v1.fe]}, RFC 3986 section 3.2.2 {@code
 * IP-literal}), which networknt rejects, is accepted, with its {@code v} in either case (ABNF
 * strings are case-insensitive, RFC 5234 section 2.3).
 *
 * <p>{@code email} is an RFC 5321 section 4.1.2 {@code Mailbox}: a {@code Dot-string} or {@code
 * Quoted-string} local part of at most 64 octets (section 4.5.3.1.1), {@code @}, and a {@code
 * Domain} (dot-separated labels of letters, digits and inner hyphens, at most 63 octets each and
 * 255 in all, RFC 1035 section 2.3.4) or an {@code address-literal} ({@code [192.0.2.1]}, {@code
 * [IPv6:2001:db8::1]}, or a {@code General-address-literal}); the whole is at most 254 octets
 * (section 4.5.3.1.3). No top-level-domain list is consulted: {@code a@b.example} is valid.
 *
 * <p>{@code idn-email} is an RFC 6531 section 3.3 {@code Mailbox}: the same, where the local part
 * and the domain labels may also hold any non-ASCII character ({@code UTF8-non-ascii}); whether a
 * non-ASCII label is a valid IDNA2008 U-label is not checked.
 */
final class FormatChecks {
  private FormatChecks() {}

  private static final Format IPV4 = standard("ipv4");
  private static final Format IPV6 = standard("ipv6");

  /** The formats, to register in a dialect. */
  static final List<Format> ALL =
      List.of(
          new Mailbox("email", false),
          new Mailbox("idn-email", true),
          new Uri(standard("uri")),
          new Uri(standard("uri-reference")),
          new Uri(standard("iri")),
          new Uri(standard("iri-reference")),
          new Hostname(standard("hostname")),
          new Hostname(standard("idn-hostname")));

  private static Format standard(String name) {
    return Formats.DEFAULT.stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("networknt has no " + name + " format"));
  }

  private record Mailbox(String name, boolean idn) implements Format {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getMessageKey() {
      return "format." + name;
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      return isMailbox(value, idn);
    }
  }

  /** IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ), in brackets. */
  private static final java.util.regex.Pattern IPV_FUTURE =
      java.util.regex.Pattern.compile("\\[[vV][0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&'()*+,;=:-]+]");

  /** A networknt URI or IRI format that also accepts an IPvFuture host and checks the authority. */
  private record Uri(Format standard) implements Format {
    @Override
    public String getName() {
      return standard.getName();
    }

    @Override
    public String getMessageKey() {
      return standard.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      if (!isAuthorityValid(value)) {
        return false;
      }
      // The standard check sees an IPv6 literal in place of the IPvFuture one.
      return standard.matches(context, IPV_FUTURE.matcher(value).replaceFirst("[::1]"));
    }
  }

  /**
   * RFC 3986 section 3.2: {@code authority = [ userinfo "@" ] host [ ":" port ]}, where userinfo
   * has no {@code @}, port is {@code *DIGIT} and an IP-literal holds an IPv6 address or IPvFuture.
   * True when the reference has no authority.
   */
  static boolean isAuthorityValid(String ref) {
    int start;
    int scheme = ref.indexOf(':');
    int firstDelimiter = indexOfAny(ref, "/?#", 0);
    if (ref.startsWith("//")) {
      start = 2;
    } else if (scheme > 0
        && (firstDelimiter < 0 || scheme < firstDelimiter)
        && ref.startsWith("//", scheme + 1)) {
      start = scheme + 3;
    } else {
      return true;
    }
    int end = indexOfAny(ref, "/?#", start);
    String authority = ref.substring(start, end < 0 ? ref.length() : end);
    int at = authority.lastIndexOf('@');
    if (at >= 0 && authority.lastIndexOf('@', at - 1) >= 0) {
      return false;
    }
    String hostPort = authority.substring(at + 1);
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return false;
      }
      String literal = hostPort.substring(1, close);
      boolean future = IPV_FUTURE.matcher("[" + literal + "]").matches();
      if (!future && !IPV6.matches(null, literal)) {
        return false;
      }
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return false;
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    return port.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** A networknt host name format with the overall length and trailing-separator rules. */
  private record Hostname(Format standard) implements Format {
    @Override
    public String getName() {
      return standard.getName();
    }

    @Override
    public String getMessageKey() {
      return standard.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      if (value.length() > 253
          || (!value.isEmpty()
              && ".\u3002\uff0e\uff61".indexOf(value.charAt(value.length() - 1)) >= 0)) {
        return false;
      }
      return standard.matches(context, value);
    }
  }

  /** True when {@code s} is an RFC 5321 Mailbox ({@code idn}: an RFC 6531 one). */
  static boolean isMailbox(String s, boolean idn) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1 || octets(s) > 254) {
      return false;
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    return octets(local) <= 64 && isLocalPart(local, idn) && isDomainPart(domain, idn);
  }

  private static int octets(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Dot-string / Quoted-string (RFC 5321 section 4.1.2; RFC 6531 section 3.3). */
  private static boolean isLocalPart(String local, boolean idn) {
    if (local.length() >= 2 && local.charAt(0) == '"' && local.charAt(local.length() - 1) == '"') {
      for (int i = 1; i < local.length() - 1; i++) {
        char c = local.charAt(i);
        if (c == '\\') {
          // quoted-pairSMTP = %d92 %d32-126
          if (i + 1 >= local.length() - 1) {
            return false;
          }
          char next = local.charAt(++i);
          if (next < 32 || next > 126) {
            return false;
          }
        } else if (!(c >= 32 && c <= 126 && c != '"') && !(idn && c >= 0x80)) {
          // qtextSMTP = %d32-33 / %d35-91 / %d93-126
          return false;
        }
      }
      return true;
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c != '.' && !isAtext(c) && !(idn && c >= 0x80)) {
        return false;
      }
    }
    return true;
  }

  /** atext (RFC 5322 section 3.2.3). */
  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
  }

  /** Domain / address-literal (RFC 5321 section 4.1.2 and 4.1.3). */
  private static boolean isDomainPart(String domain, boolean idn) {
    if (domain.startsWith("[") && domain.endsWith("]")) {
      String literal = domain.substring(1, domain.length() - 1);
      if (literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
        return IPV6.matches(null, literal.substring(5));
      }
      int colon = literal.indexOf(':');
      if (colon > 0) {
        // General-address-literal = Standardized-tag ":" 1*dcontent
        String tag = literal.substring(0, colon);
        String content = literal.substring(colon + 1);
        return isLabel(tag, false)
            && !content.isEmpty()
            && content.chars().allMatch(c -> (c >= 33 && c <= 90) || (c >= 94 && c <= 126));
      }
      return IPV4.matches(null, literal);
    }
    if (octets(domain) > 255) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    for (String label : labels) {
      if (!isLabel(label, idn)) {
        return false;
      }
    }
    return true;
  }

  /** sub-domain = Let-dig [Ldh-str], at most 63 octets; with idn also any non-ASCII character. */
  private static boolean isLabel(String label, boolean idn) {
    if (label.isEmpty() || octets(label) > 63) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ldh && !(idn && c >= 0x80)) {
        return false;
      }
    }
    return true;
  }
}
