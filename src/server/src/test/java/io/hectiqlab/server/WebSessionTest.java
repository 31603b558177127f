package io.hectiqlab.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.LabHttp.Answer;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in and out of the web pages over real HTTP (a real server on a loopback port over a real
 * SQLite file): the session cookie and its flags, CSRF and Origin refusals, expired and revoked
 * sessions, the redirect to the sign-in page (and no open redirect), the 401 JSON twin, the key
 * never written anywhere, the Content-Security-Policy of every page, and a project hidden from a
 * non-member exactly like a missing one.
 */
class WebSessionTest {
  static final String ADMIN_KEY = "hql_web_admin_key_0123456789";
  private static final Pattern HIDDEN_CSRF =
      Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\">");

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp http;
  static String aliceKey;
  static String bobKey;

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    http = new LabHttp(server.port());
    aliceKey = http.user(ADMIN_KEY, "alice");
    bobKey = http.user(ADMIN_KEY, "bob");
    http.project(ADMIN_KEY, "lab/demo", "alice");
    http.project(ADMIN_KEY, "other/secret", "alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ------------------------------------------------------------------ helpers

  /** The sign-in form as a browser gets it: its CSRF cookie and the form's hidden token. */
  record Form(String cookie, String csrf, Answer answer) {}

  static Form signInForm() throws Exception {
    Answer a = http.get("/ui/sign-in", null);
    assertThat(a.status()).isEqualTo(200);
    String cookie = cookieValue(a, Web.SIGN_IN_COOKIE);
    return new Form(cookie, hiddenCsrf(a.text()), a);
  }

  static String hiddenCsrf(String html) {
    Matcher m = HIDDEN_CSRF.matcher(html);
    assertThat(m.find()).as("a hidden csrf field in %s", html).isTrue();
    return m.group(1);
  }

  static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        continue;
      }
      b.append(b.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(pairs[i], UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], UTF_8));
    }
    return b.toString();
  }

  static Answer postForm(String path, String cookies, String body, String... headers)
      throws Exception {
    List<String> h = new ArrayList<>(List.of(headers));
    h.add("Content-Type");
    h.add("application/x-www-form-urlencoded");
    if (cookies != null) {
      h.add("Cookie");
      h.add(cookies);
    }
    return http.call("POST", path, null, body, h.toArray(String[]::new));
  }

  static Answer signIn(Form f, String key, String next) throws Exception {
    return postForm(
        "/ui/sign-in",
        Web.SIGN_IN_COOKIE + "=" + f.cookie(),
        form("csrf", f.csrf(), "key", key, "next", next));
  }

  /** Signs in through the form; returns the session token. */
  static String session(String key) throws Exception {
    Answer a = signIn(signInForm(), key, null);
    assertThat(a.status()).as(a.text()).isEqualTo(303);
    return cookieValue(a, Web.SESSION_COOKIE);
  }

  static Answer page(String path, String token, String... headers) throws Exception {
    List<String> h = new ArrayList<>(List.of(headers));
    h.add("Cookie");
    h.add(Web.SESSION_COOKIE + "=" + token);
    return http.call("GET", path, null, null, h.toArray(String[]::new));
  }

  static List<String> setCookies(Answer a) {
    return a.response().headers().allValues("Set-Cookie");
  }

  static String setCookie(Answer a, String name) {
    return setCookies(a).stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
  }

  static String cookieValue(Answer a, String name) {
    String c = setCookie(a, name);
    assertThat(c).as("Set-Cookie %s in %s", name, setCookies(a)).isNotNull();
    return c.substring(name.length() + 1, c.indexOf(';'));
  }

  // ------------------------------------------------------------------ signing in

  @Test
  void theSignInFormHasALabelledPasswordFieldAndADoubleSubmitToken() throws Exception {
    Form f = signInForm();
    String html = f.answer().text();
    assertThat(html)
        .contains("<label for=\"key\">API key</label>")
        .contains("id=\"key\" type=\"password\" name=\"key\"")
        .contains("<button type=\"submit\">Sign in</button>")
        .contains("<input type=\"hidden\" name=\"next\" value=\"/ui/\">");
    assertThat(f.csrf()).isEqualTo(f.cookie()).hasSize(43);
    assertThat(setCookie(f.answer(), Web.SIGN_IN_COOKIE))
        .endsWith("; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=3600");
    // a browser that has the cookie keeps it (two tabs can sign in)
    Answer again =
        http.call("GET", "/ui/sign-in", null, null, "Cookie", "hectiqlab_signin=" + f.cookie());
    assertThat(hiddenCsrf(again.text())).isEqualTo(f.cookie());
  }

  @Test
  void signingInSetsAStrictHttpOnlyExpiringSessionCookieAndGoesToNext() throws Exception {
    Answer a = signIn(signInForm(), aliceKey, "/ui/lab/demo?sort=name");
    assertThat(a.status()).isEqualTo(303);
    assertThat(a.header("Location")).isEqualTo("/ui/lab/demo?sort=name");
    String cookie = setCookie(a, Web.SESSION_COOKIE);
    assertThat(cookie)
        .matches(
            "hectiqlab_session=[A-Za-z0-9_-]{43}; Path=/ui; HttpOnly; SameSite=Strict;"
                + " Max-Age=43200")
        .doesNotContain("Secure");
    assertThat(setCookie(a, Web.SIGN_IN_COOKIE)).contains("Max-Age=0");
    String token = cookieValue(a, Web.SESSION_COOKIE);
    Answer projects = page("/ui/", token);
    assertThat(projects.status()).isEqualTo(200);
    assertThat(projects.text())
        .contains("<a href=\"/ui/lab/demo\">lab/demo</a>")
        .contains("<form class=\"sign-out\" method=\"post\" action=\"/ui/sign-out\">")
        .contains("<span class=\"who\">alice</span>")
        .contains("value=\"" + Sha256.hex("csrf:" + token) + "\"")
        .doesNotContain(token);
    Answer json = page("/ui/", token, "Accept", "application/json");
    assertThat(json.json().get("projects").get(0).get("project").asString()).isEqualTo("lab/demo");
  }

  @Test
  void aWrongKeyAnswers401WithTheFormAgainAndNeverEchoesTheKey() throws Exception {
    String wrong = "hql_<script>alert(1)</script>_not_a_key";
    Answer a = signIn(signInForm(), wrong, "/ui/lab/demo");
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.text())
        .contains("API key: this key is not valid, or it has been revoked")
        .contains("<input type=\"hidden\" name=\"next\" value=\"/ui/lab/demo\">")
        .doesNotContain(wrong)
        .doesNotContain("not_a_key")
        .doesNotContain("<script>alert");
    assertThat(setCookie(a, Web.SESSION_COOKIE)).isNull();
    Answer empty = signIn(signInForm(), "", null);
    assertThat(empty.status()).isEqualTo(401);
    assertThat(empty.text()).contains("API key: enter your API key");
  }

  @Test
  void aSignInWithoutTheRightCsrfTokenIsRefusedAndOpensNoSession() throws Exception {
    Form f = signInForm();
    Map<String, Answer> refused = new LinkedHashMap<>();
    refused.put(
        "no token",
        postForm("/ui/sign-in", "hectiqlab_signin=" + f.cookie(), form("key", aliceKey)));
    refused.put(
        "no cookie", postForm("/ui/sign-in", null, form("csrf", f.csrf(), "key", aliceKey)));
    refused.put(
        "another token",
        postForm(
            "/ui/sign-in",
            "hectiqlab_signin=" + f.cookie(),
            form("csrf", signInForm().csrf(), "key", aliceKey)));
    refused.put(
        "a JSON body",
        http.call(
            "POST",
            "/ui/sign-in",
            null,
            "{\"key\": \"" + aliceKey + "\"}",
            "Content-Type",
            "application/json",
            "Cookie",
            "hectiqlab_signin=" + f.cookie()));
    refused.forEach(
        (why, a) -> {
          assertThat(a.status()).as(why).isEqualTo(403);
          assertThat(a.text()).as(why).contains("CSRF token is missing or wrong");
          assertThat(setCookie(a, Web.SESSION_COOKIE)).as(why).isNull();
          assertThat(a.header("Content-Security-Policy")).as(why).contains("script-src 'self'");
        });
  }

  @Test
  void aFormSentFromAnotherOriginIsRefused() throws Exception {
    Form f = signInForm();
    String body = form("csrf", f.csrf(), "key", aliceKey);
    String cookie = "hectiqlab_signin=" + f.cookie();
    for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:1")) {
      Answer a = postForm("/ui/sign-in", cookie, body, "Origin", origin);
      assertThat(a.status()).as(origin).isEqualTo(403);
      assertThat(a.text()).as(origin).contains("sent from another site");
      assertThat(setCookie(a, Web.SESSION_COOKIE)).as(origin).isNull();
    }
    Answer own =
        postForm("/ui/sign-in", cookie, body, "Origin", "http://127.0.0.1:" + server.port());
    assertThat(own.status()).isEqualTo(303);

    String token = cookieValue(own, Web.SESSION_COOKIE);
    Answer out =
        postForm(
            "/ui/sign-out",
            Web.SESSION_COOKIE + "=" + token,
            form("csrf", Web.signOutToken(token)),
            "Origin",
            "http://evil.example");
    assertThat(out.status()).isEqualTo(403);
    assertThat(page("/ui/", token).status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ signing out, expiry,
  // revocation

  @Test
  void signingOutNeedsTheSessionsTokenThenEndsTheSession() throws Exception {
    String token = session(aliceKey);
    String cookie = Web.SESSION_COOKIE + "=" + token;
    for (String csrf : new String[] {null, "", Web.signOutToken(token + "x"), token}) {
      Answer a = postForm("/ui/sign-out", cookie, form("csrf", csrf));
      assertThat(a.status()).as("csrf %s", csrf).isEqualTo(403);
      assertThat(a.text()).contains("sign-out form&#39;s CSRF token is missing or wrong");
      assertThat(page("/ui/", token).status()).as("still signed in").isEqualTo(200);
    }
    Answer out = postForm("/ui/sign-out", cookie, form("csrf", Web.signOutToken(token)));
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Location")).isEqualTo("/ui/sign-in");
    assertThat(setCookie(out, Web.SESSION_COOKIE))
        .isEqualTo("hectiqlab_session=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0");
    Answer after = page("/ui/", token);
    assertThat(after.status()).isEqualTo(303);
    assertThat(after.header("Location")).isEqualTo("/ui/sign-in");
    assertThat(setCookie(after, Web.SESSION_COOKIE)).contains("Max-Age=0");
  }

  @Test
  void theLabKeepsOnlyHashesOfSessionTokensAndDropsExpiredOnes() throws Exception {
    String token = session(aliceKey);
    String expired;
    try (JdbcStore store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"))) {
      expired = store.createSession(aliceKey, 1);
      Thread.sleep(10);
      store.createSession(aliceKey, 60_000); // opening a session removes the expired ones
    }
    List<String> hashes = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lab.db"));
        var rs = c.createStatement().executeQuery("SELECT token_hash, key_hash FROM sessions")) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
        assertThat(rs.getString(2)).isNotEqualTo(aliceKey).hasSize(64);
      }
    }
    assertThat(hashes).contains(Sha256.hex(token)).doesNotContain(token, Sha256.hex(expired));
  }

  @Test
  void signingInAgainReplacesTheBrowsersSession() throws Exception {
    String first = session(aliceKey);
    Form f = signInForm();
    Answer again =
        postForm(
            "/ui/sign-in",
            Web.SIGN_IN_COOKIE + "=" + f.cookie() + "; " + Web.SESSION_COOKIE + "=" + first,
            form("csrf", f.csrf(), "key", aliceKey));
    assertThat(again.status()).isEqualTo(303);
    String second = cookieValue(again, Web.SESSION_COOKIE);
    assertThat(second).isNotEqualTo(first);
    assertThat(page("/ui/", first).status()).isEqualTo(303);
    assertThat(page("/ui/", second).status()).isEqualTo(200);
  }

  @Test
  void signingOutWithAKeyInsteadOfASessionSaysSo() throws Exception {
    Answer a =
        http.call(
            "POST",
            "/ui/sign-out",
            aliceKey,
            "",
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("this request has no session");
  }

  @Test
  void anExpiredSessionSendsTheBrowserBackToSignIn() throws Exception {
    String token;
    try (JdbcStore store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"))) {
      token = store.createSession(aliceKey, 1);
    }
    Thread.sleep(20);
    Answer a = page("/ui/lab/demo", token);
    assertThat(a.status()).isEqualTo(303);
    assertThat(a.header("Location")).isEqualTo("/ui/sign-in?next=%2Fui%2Flab%2Fdemo");
    assertThat(setCookie(a, Web.SESSION_COOKIE)).contains("Max-Age=0");
    Answer json = page("/ui/lab/demo", token, "Accept", "application/json");
    assertThat(json.status()).isEqualTo(401);
    assertThat(json.detail()).isEqualTo("your session has ended: sign in again");
  }

  @Test
  void revokingAKeyEndsItsSessionsAtOnce() throws Exception {
    String carolKey = http.user(ADMIN_KEY, "carol");
    String token = session(carolKey);
    String other = session(carolKey);
    assertThat(page("/ui/", token).status()).isEqualTo(200);
    assertThat(
            http.post("/admin/keys/revoke", ADMIN_KEY, "{\"key\": \"" + carolKey + "\"}").status())
        .isEqualTo(200);
    for (String t : List.of(token, other)) {
      Answer a = page("/ui/", t);
      assertThat(a.status()).isEqualTo(303);
      assertThat(a.header("Location")).isEqualTo("/ui/sign-in");
    }
    Answer again = signIn(signInForm(), carolKey, null);
    assertThat(again.status()).isEqualTo(401);
    assertThat(setCookie(again, Web.SESSION_COOKIE)).isNull();
  }

  // ------------------------------------------------------------------ without a caller

  @Test
  void aPageWithoutACallerRedirectsToSignInWithNextAndItsJsonTwinAnswers401() throws Exception {
    Answer a = http.get("/ui/lab/demo?sort=name&order=asc", null);
    assertThat(a.status()).isEqualTo(303);
    assertThat(a.header("Location"))
        .isEqualTo("/ui/sign-in?next=%2Fui%2Flab%2Fdemo%3Fsort%3Dname%26order%3Dasc");
    Answer form = http.get(a.header("Location"), null);
    assertThat(form.text())
        .contains(
            "<input type=\"hidden\" name=\"next\" value=\"/ui/lab/demo?sort=name&amp;order=asc\">");
    Answer json = http.call("GET", "/ui/lab/demo", null, null, "Accept", "application/json");
    assertThat(json.status()).isEqualTo(401);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(json.detail()).startsWith("sign in first");
    Answer badKey = http.call("GET", "/ui/", "hql_nope", null, "Accept", "application/json");
    assertThat(badKey.status()).isEqualTo(401);
    assertThat(badKey.detail()).isEqualTo("invalid API key");
    assertThat(http.get("/", null).header("Location")).isEqualTo("/ui/");
    assertThat(http.get("/ui", null).header("Location")).isEqualTo("/ui/");
    assertThat(http.get("/ui/", null).header("Location")).isEqualTo("/ui/sign-in");
  }

  @Test
  void nextNeverLeadsOffTheLabsPages() throws Exception {
    for (String next :
        List.of(
            "//evil.example/",
            "https://evil.example/ui/",
            "/\\evil.example",
            "/ui/..//evil.example",
            "/ui/%2e%2e//evil.example",
            "/ui/%2E%2e/%2e%2e//evil.example",
            "/ui//evil.example",
            "/ui/\r\nSet-Cookie: x=y",
            "javascript:alert(1)",
            "/ui/sign-in",
            "/ui/sign-out?x=1",
            "/uix")) {
      Answer a = signIn(signInForm(), aliceKey, next);
      assertThat(a.status()).as(next).isEqualTo(303);
      assertThat(a.header("Location")).as(next).isEqualTo("/ui/");
      Answer f = http.get("/ui/sign-in?next=" + URLEncoder.encode(next, UTF_8), null);
      assertThat(f.text())
          .as(next)
          .contains("<input type=\"hidden\" name=\"next\" value=\"/ui/\">");
    }
  }

  // ------------------------------------------------------------------ what pages carry

  @Test
  void theKeyIsNeverInAPageOrALocation() throws Exception {
    List<Answer> seen = new ArrayList<>();
    Form f = signInForm();
    seen.add(f.answer());
    Answer in = signIn(f, aliceKey, "/ui/lab/demo");
    seen.add(in);
    String token = cookieValue(in, Web.SESSION_COOKIE);
    for (String path :
        List.of("/ui/", "/ui/lab/demo", "/ui/lab/demo/templates", "/ui/no/such", "/ui/sign-in")) {
      seen.add(page(path, token));
      seen.add(page(path, token, "Accept", "application/json"));
      seen.add(http.get(path, aliceKey));
    }
    seen.add(signIn(signInForm(), aliceKey + "x", null));
    for (Answer a : seen) {
      assertThat(a.text()).doesNotContain(aliceKey).doesNotContain(aliceKey.substring(4, 20));
      a.response()
          .headers()
          .map()
          .forEach(
              (name, values) ->
                  assertThat(values).as(name).noneMatch(v -> v.contains(aliceKey.substring(4))));
    }
  }

  @Test
  void everyPageAndErrorPageSendsAStrictContentSecurityPolicyAndNoInlineCode() throws Exception {
    String token = session(aliceKey);
    List<Answer> answers = new ArrayList<>();
    answers.add(http.get("/ui/sign-in", null));
    answers.add(page("/ui/", token));
    answers.add(page("/ui/no/such", token));
    answers.add(page("/ui/lab/demo/runs/%3Cscript%3Ealert(1)%3C%2Fscript%3E", token));
    answers.add(page("/ui/lab/demo", token, "Accept", "application/json"));
    answers.add(postForm("/ui/sign-out", Web.SESSION_COOKIE + "=" + token, "csrf=wrong"));
    answers.add(http.call("DELETE", "/ui/", aliceKey, null));
    answers.add(signIn(signInForm(), "wrong", null));
    for (Answer a : answers) {
      String what = a.response().request().method() + " " + a.response().uri() + " " + a.status();
      assertThat(a.header("Content-Security-Policy"))
          .as(what)
          .isEqualTo(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                  + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      assertThat(a.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      if (a.header("Content-Type").startsWith("text/html")) {
        assertThat(a.text())
            .as(what)
            .doesNotContain("style=")
            .doesNotContain("<style")
            .doesNotContain("<script>")
            .doesNotContain("<script>alert")
            .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
            .doesNotContainPattern("\\son[a-z]+=");
      }
    }
  }

  @Test
  void aProjectTheCallerMayNotUseIsByteForByteAMissingProject() throws Exception {
    String token = session(bobKey);
    for (String rest :
        List.of(
            "",
            "/runs/r1",
            "/runs/r1/diff?from=1&to=2",
            "/templates",
            "/templates/t",
            "/compare")) {
      for (String accept : List.of("text/html", "application/json")) {
        Answer hidden = page("/ui/other/secret" + rest, token, "Accept", accept);
        Answer missing = page("/ui/ghost/none" + rest, token, "Accept", accept);
        assertThat(hidden.status()).as(rest).isEqualTo(404);
        assertThat(hidden.status()).isEqualTo(missing.status());
        assertThat(hidden.text().replace("other/secret", "ghost/none"))
            .as(rest + " " + accept)
            .isEqualTo(missing.text());
        Map<String, List<String>> h = new LinkedHashMap<>(hidden.response().headers().map());
        Map<String, List<String>> m = new LinkedHashMap<>(missing.response().headers().map());
        h.remove("date");
        m.remove("date");
        h.remove("content-length");
        m.remove("content-length");
        assertThat(h).as(rest).isEqualTo(m);
      }
    }
    // alice, a member, gets past the access check
    assertThat(page("/ui/other/secret", session(aliceKey)).status()).isNotEqualTo(404);
  }

  @Test
  void aHiddenProjectsPageIsTheSameBytesAsOnALabWhereItDoesNotExist(@TempDir Path other)
      throws Exception {
    // a second lab where other/secret was never created, and bob holds the same key
    try (LabServer empty =
        LabServer.start(
            "sqlite:" + other.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out)) {
      try (JdbcStore store = JdbcStore.open("sqlite:" + other.resolve("lab.db"))) {
        store.createUser("bob", false);
        store.addKey("bob", bobKey);
      }
      LabHttp there = new LabHttp(empty.port());
      for (String rest :
          List.of("", "/runs/r1", "/templates/t/versions/1", "/compare?run=a&run=b")) {
        for (String accept : List.of("text/html", "application/json")) {
          Answer hidden =
              http.call("GET", "/ui/other/secret" + rest, bobKey, null, "Accept", accept);
          Answer missing =
              there.call("GET", "/ui/other/secret" + rest, bobKey, null, "Accept", accept);
          assertThat(hidden.status()).as(rest).isEqualTo(404).isEqualTo(missing.status());
          assertThat(hidden.text()).as(rest + " " + accept).isEqualTo(missing.text());
          Map<String, List<String>> h = new LinkedHashMap<>(hidden.response().headers().map());
          Map<String, List<String>> m = new LinkedHashMap<>(missing.response().headers().map());
          h.remove("date");
          m.remove("date");
          assertThat(h).as(rest).isEqualTo(m);
        }
      }
    }
  }

  @Test
  void theStyleSheetAndScriptAreServedWithTheirTypesAndCaching() throws Exception {
    String html = page("/ui/", session(aliceKey)).text();
    Matcher css =
        Pattern.compile("href=\"(/ui/_static/lab\\.css\\?v=[0-9a-f]{16})\"").matcher(html);
    Matcher js = Pattern.compile("src=\"(/ui/_static/lab\\.js\\?v=[0-9a-f]{16})\"").matcher(html);
    assertThat(css.find()).as(html).isTrue();
    assertThat(js.find()).as(html).isTrue();
    Answer c = http.get(css.group(1), null);
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    assertThat(c.header("Cache-Control")).isEqualTo("public, max-age=86400");
    assertThat(c.text())
        .contains(".changed")
        .contains(".missing")
        .contains(".null")
        .contains(".default")
        .contains(".added")
        .contains(".removed")
        .contains(".table-wrap")
        .contains(":focus-visible")
        .contains("@media");
    Answer j = http.get(js.group(1), null);
    assertThat(j.status()).isEqualTo(200);
    assertThat(j.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(j.text()).contains("Fold all").contains("Unfold all");
    Answer cached =
        http.call("GET", "/ui/_static/lab.css", null, null, "If-None-Match", c.header("ETag"));
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.text()).isEmpty();
    Answer none = http.get("/ui/_static/nope.js", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.header("Content-Type")).startsWith("text/html");
  }
}
