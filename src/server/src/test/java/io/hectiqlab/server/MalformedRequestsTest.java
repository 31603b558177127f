package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client mistakes, sent as raw bytes to the real server on loopback: each is answered 400 (or
 * Jetty's 414/431) with the lab's {@code {"detail": ...}} JSON, and nothing reaches the log.
 */
class MalformedRequestsTest {
  static final String KEY = "hql_malformed_admin_key_0123456789";
  @TempDir static Path dir;
  static LabServer server;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream stderr;

  @BeforeAll
  static void start() {
    server = LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, KEY, System.out);
    try (Store s = JdbcStore.open("sqlite:" + dir.resolve("lab.db"))) {
      s.createProject(new Store.ProjectRef("lab", "demo"));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void captureLog() {
    stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void nothingWasLogged() {
    System.setErr(stderr);
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static String post(String path, String headers, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
        + KEY
        + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + headers
        + "\r\n"
        + body;
  }

  private static RawHttp.Answer send(String request) throws Exception {
    return RawHttp.send(server.port(), request, false);
  }

  private static void assertJson(RawHttp.Answer a, int status, String detail) {
    assertThat(a.status()).as(a.toString()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.body()).isEqualTo("{\"detail\":\"" + detail + "\"}");
  }

  @Test
  void aJsonBodyStartingWithAByteOrderMarkIsA400InTheLabsWords() throws Exception {
    String body = "\uFEFF{\"name\": \"bom\"}";
    for (String route : BODY_ROUTES) {
      assertJson(
          send(post(route, "Content-Length: " + utf8(body) + "\r\n", body)),
          400,
          "invalid request body: request body:1:1: starts with a byte order mark (U+FEFF), which"
              + " JSON text must not have: remove it");
    }
  }

  /** Routes that parse a JSON body: a new run, a template version. */
  private static final java.util.List<String> BODY_ROUTES =
      java.util.List.of("/lab/demo/runs", "/lab/demo/templates/t");

  private static int utf8(String body) {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void trailingContentAfterTheBodyIsA400InTheLabsWords() throws Exception {
    for (String route : BODY_ROUTES) {
      assertJson(
          send(post(route, "Content-Length: 5\r\n", "{} {}")),
          400,
          "invalid request body: request body:1:4: unexpected content after the end of the"
              + " document");
    }
  }

  @Test
  void aBodyNestedTooDeepIsA400NamingWhereAtAnyDepth() throws Exception {
    for (int depth : new int[] {240, 501, 5_000}) {
      String body = "[".repeat(depth) + "]".repeat(depth);
      for (String route : BODY_ROUTES) {
        assertJson(
            send(post(route, "Content-Length: " + body.length() + "\r\n", body)),
            400,
            "invalid request body: request body:1:201: nesting is deeper than 200 levels");
      }
    }
  }

  @Test
  void aBodyThatIsNotUtf8IsA400NotReplacementCharacters() throws Exception {
    byte[] head = "{\"name\": \"a".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "b\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xff;
    System.arraycopy(tail, 0, body, head.length + 1, tail.length);
    byte[] start =
        post("/lab/demo/runs", "Content-Length: " + body.length + "\r\n", "")
            .getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[start.length + body.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(body, 0, request, start.length, body.length);
    assertJson(
        RawHttp.send(server.port(), request, false),
        400,
        "invalid request body: request body:1:12: invalid UTF-8 (byte 0xff at offset 11)");
  }

  @Test
  void aYamlBodyIsA400() throws Exception {
    String body = "name: yaml run\n";
    RawHttp.Answer a =
        send(post("/lab/demo/runs", "Content-Length: " + body.length() + "\r\n", body));
    assertJson(
        a,
        400,
        "invalid request body: request body:1:1: invalid JSON: Unrecognized token 'name': was"
            + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
            + " 'false')");
  }

  @Test
  void aBodyCutBeforeItsContentLengthIsA400() throws Exception {
    RawHttp.Answer a =
        RawHttp.send(
            server.port(),
            post("/lab/demo/runs", "Content-Length: 100\r\n", "{\"name\": \"cut"),
            true);
    assertJson(
        a, 400, "cannot read the request body: it ended before its Content-Length (100 bytes)");
  }

  @Test
  void anAbsurdChunkSizeIsA400() throws Exception {
    RawHttp.Answer a =
        send(
            post(
                "/lab/demo/runs",
                "Transfer-Encoding: chunked\r\n",
                "FFFFFFFFFFFFFFFFFFFFFFFF\r\n{\"name\": \"x\"}\r\n0\r\n\r\n"));
    assertJson(
        a, 400, "cannot read the request body: its chunked encoding is malformed or cut short");
  }

  private static String get(String target) {
    return "GET "
        + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
        + KEY
        + "\r\nConnection: close\r\n\r\n";
  }

  @Test
  void aNulByteInThePathIsA400InJson() throws Exception {
    assertJson(
        send(get("/lab/demo/runs/a%00b")),
        400,
        "bad request: malformed request line, URI or headers");
  }

  @Test
  void badUtf8InThePathIsA400InJson() throws Exception {
    assertJson(send(get("/lab/demo/runs/%C3%28")), 400, "bad request: Bad UTF-8 encoding");
  }

  @Test
  void aTooLongUriIsA414InJson() throws Exception {
    assertJson(send(get("/lab/demo/runs/" + "a".repeat(100_000))), 414, "request URI too long");
  }

  @Test
  void tooLargeHeadersAreA431InJson() throws Exception {
    String request =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
            + "b".repeat(100_000)
            + "\r\nConnection: close\r\n\r\n";
    assertJson(send(request), 431, "request headers too large");
  }

  @Test
  void otherProtocolMistakesAreAnsweredInJsonToo() throws Exception {
    for (String request :
        java.util.List.of(
            get("/no/such/path/at/all/here"),
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n",
            "G\u0001T /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /health HTTP/7.0\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
            "GET /lab/demo/runs/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            "GET /lab/demo/runs/..%2f..%2fetc HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + KEY
                + "\r\nConnection: close\r\n\r\n")) {
      RawHttp.Answer a = send(request);
      assertThat(a.status()).as(request).isBetween(400, 505);
      assertThat(a.header("Content-Type")).as(request).startsWith("application/json");
      assertThat(a.body()).as(request).startsWith("{\"detail\":");
    }
  }
}
