package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.Run;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run names in any script, through the client and the real server: one slug rule on both. */
class UnicodeRunSlugsTest {
  static final String KEY = "hql_slugs_admin_key_0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dir;
  static LabServer server;
  static Lab lab;

  @BeforeAll
  static void start() {
    server = LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, KEY, System.out);
    lab = Lab.connect(URI.create("http://127.0.0.1:" + server.port()), KEY);
    lab.admin().createProject("lab/demo", List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> call(String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("X-API-Key", KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serverAndClientGiveEveryScriptTheSameSlug() throws Exception {
    for (String name : List.of("Ωmega", "日本語", "Ünïcödé", "Ｒｕｎ　１", "Demo Run #1")) {
      Run run = lab.run(name, "lab/demo");
      assertThat(run.slug()).as(name).isEqualTo(Lab.slug(name));
      run.addConfig(Config.of("name", name));
      assertThat(lab.download(name, "lab/demo").config().getString("name")).isEqualTo(name);
      assertThat(lab.download(run.slug(), "lab/demo").config().getString("name")).isEqualTo(name);
      assertThat(run.history().count()).isEqualTo(1);
    }
    assertThat(lab.run("日本語", "lab/demo").slug()).isEqualTo("日本語");
    assertThat(lab.run("Ωmega", "lab/demo").slug()).isEqualTo("ωmega");
    assertThat(lab.run("Ünïcödé", "lab/demo").slug()).isEqualTo("ünïcödé");
    assertThat(lab.run("Demo Run #1", "lab/demo").slug()).isEqualTo("demo-run-1");
  }

  @Test
  void namesDifferingOnlyInCaseOrWidthAreOneRun() {
    Run first = lab.run("Run One", "lab/demo");
    Run again = lab.run("run one", "lab/demo");
    Run wide = lab.run("ＲＵＮ　ＯＮＥ", "lab/demo");
    assertThat(first.isNew()).isTrue();
    assertThat(again.isNew()).isFalse();
    assertThat(wide.isNew()).isFalse();
    assertThat(wide.slug()).isEqualTo("run-one");
  }

  @Test
  void percentEncodedUnicodeSlugsReachTheirRun() throws Exception {
    lab.run("Ελληνικά", "lab/demo").addConfig(Config.of("x", 1));
    String encoded = URLEncoder.encode("ελληνικά", StandardCharsets.UTF_8);
    HttpResponse<String> r = call("GET", "/lab/demo/runs/" + encoded + "/configs", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"x\":1");
    HttpResponse<String> notASlug = call("GET", "/lab/demo/runs/%CE%95%CE%BB/configs", null);
    assertThat(notASlug.statusCode()).isEqualTo(404);
    assertThat(notASlug.body()).isEqualTo("{\"detail\":\"no run 'Ελ'\"}");
  }

  @Test
  void aNameTooLongForADistinctSlugIsRefusedByClientAndServer() throws Exception {
    String a = "a".repeat(300) + "1";
    assertThatThrownBy(() -> lab.run(a, "lab/demo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "...' is too long: its slug would have 301 characters, at most 128 are kept distinct");
    HttpResponse<String> r = call("POST", "/lab/demo/runs", "{\"name\": \"" + a + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"detail\":\"run name '"
                + "a".repeat(80)
                + "...' is too long: its slug would have 301 characters, at most 128 are kept"
                + " distinct\"}");
    assertThat(call("GET", "/lab/demo/runs?size=500", null).body()).doesNotContain("aaaaaaaaaa");
  }
}
