package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asserted formats (drafts 4 to 7 assert {@code format}) accept every value their RFC allows; each
 * case names the rule it follows.
 */
class FormatChecksTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static boolean valid(String format, String value) {
    ConfigSchema schema =
        ConfigSchema.fromText(
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"format\": \""
                + format
                + "\"}");
    return schema.validateText(JSON.writeValueAsString(value)).isValid();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # RFC 5321 4.1.2 Domain: any sub-domain labels, no top-level-domain list
          email | a@b.example
          email | a@b.c
          email | x@localhost
          email | ops@1.2.3.example
          email | a@xn--bcher-kva.example
          # Dot-string of atext (RFC 5322 3.2.3), with + tags and every special atext character
          email | first.last+tag@sub.example.co
          email | !#$%&*+-/=?^_`~@example.org
          # Quoted-string local part, with a space and a quoted-pair
          email | "quoted local"@example.com
          email | "a\\"b"@example.com
          # address-literal (RFC 5321 4.1.3)
          email | user@[192.0.2.1]
          email | user@[IPv6:2001:db8::1]
          # RFC 6531 3.3: UTF8-non-ascii in local part and domain
          idn-email | 실례@실례.테스트
          idn-email | δοκιμή@example.com
          idn-email | user@bücher.example
          idn-email | a@b.example
          # RFC 1123 2.1: labels may start with a digit; 63-octet labels
          hostname | 1host.example
          hostname | abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk.com
          # RFC 2673 dotted-quad / RFC 4291 2.2 text forms
          ipv4 | 192.168.0.1
          ipv6 | ::ffff:192.0.2.1
          ipv6 | 2001:db8::1
          # RFC 3986: any scheme; IPvFuture literal in either case (RFC 5234 2.3)
          uri | urn:isbn:0451450523
          uri | tag:example.com,2024:x
          uri | http://[v1.fe]/
          iri | http://[V1.fe]
          uri-reference | ../a#frag
          # RFC 3339 5.6: lower-case t and z, leap second, -00:00
          date-time | 2024-01-02t03:04:05z
          date-time | 1990-12-31T23:59:60Z
          date-time | 2024-01-02T03:04:05.123-00:00
          date | 2024-02-29
          time | 23:59:60Z
          # RFC 4122 3: hex digits in either case
          uuid | 2EB8AA08-AA98-11EA-B4AA-73B441D16380
          # ECMA-262 empty classes: [] matches nothing, [^] anything
          regex | a[]b
          regex | ^[^]*$
          # RFC 6901 3
          json-pointer | /a~1b/0
          json-pointer | ''
          """)
  void validValuesAreAccepted(String format, String value) {
    assertThat(valid(format, value)).as("%s %s", format, value).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          email | a@
          email | @b.example
          email | joe bloggs@example.com
          email | te..st@example.com
          email | .test@example.com
          email | test.@example.com
          email | a@-b.example
          email | a@b_c.example
          email | a@b..example
          email | "unterminated@example.com
          email | user@[300.0.0.1]
          email | user@[IPv6:2001:db8::zz]
          email | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com
          email | δοκιμή@example.com
          idn-email | user＠example.com
          hostname | -a.example
          hostname | example.
          ipv4 | 01.2.3.4
          ipv6 | 1:2:3:4:5:6:7:8:9
          uri | //example.com
          # RFC 3986 3.2: port = *DIGIT, one userinfo at most, IPv6 literal must be valid
          uri | http://example.com:abc/path
          uri-reference | //a@b@example.com/
          uri | http://[::ffff:01.2.3.4]
          # RFC 1123 2.1 / RFC 1035: at most 253 characters; RFC 3490 3.1 separators
          idn-hostname | example。
          date-time | 2024-01-02T03:04:05
          date | 2023-02-29
          uuid | 2eb8aa08aa9811eab4aa73b441d16380
          regex | (
          json-pointer | a
          """)
  void invalidValuesAreRejected(String format, String value) {
    assertThat(valid(format, value)).as("%s %s", format, value).isFalse();
  }

  @Test
  void hostnamesLongerThan253CharactersAreRejected() {
    String label = "a".repeat(63);
    String name253 = label + "." + label + "." + label + "." + "a".repeat(61);
    assertThat(valid("hostname", name253)).isTrue();
    assertThat(valid("hostname", name253 + "a")).isFalse();
  }

  @Test
  void everyAtextCharacterIsAcceptedInTheLocalPart() {
    // RFC 5322 3.2.3 atext, including the characters a CSV row cannot hold
    assertThat(valid("email", "o'brien{|}@example.org")).isTrue();
  }

  @Test
  void formatViolationSaysWhichRfcItFollows() {
    ConfigSchema schema =
        ConfigSchema.fromText(
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"properties\": {\"author\": {\"format\": \"email\"}}}");
    assertThat(schema.validateText("{\"author\": \"ada at example.com\"}").toString())
        .isEqualTo("<string>:1:12: /author: must be a valid email (RFC 5321 Mailbox) (format)");
  }

  @Test
  void patternsUseEcmaEmptyClassesToo() {
    ConfigSchema any = ConfigSchema.fromText("{\"pattern\": \"^[^]*$\"}");
    ConfigSchema none = ConfigSchema.fromText("{\"pattern\": \"x[]\"}");
    assertThat(any.validateText("\"two\\nlines\"").isValid()).isTrue();
    assertThat(none.validateText("\"x\"").isValid()).isFalse();
  }

  @Test
  void draft2020FormatStaysAnAnnotation() {
    ConfigSchema schema = ConfigSchema.fromText("{\"format\": \"email\"}");
    assertThat(schema.validateText("\"not an address\"").isValid()).isTrue();
  }
}
