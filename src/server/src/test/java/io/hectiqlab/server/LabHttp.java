package io.hectiqlab.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests to a lab over HTTP (java.net.http), each answer with its status, headers and body. */
final class LabHttp {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;

  LabHttp(int port) {
    this.port = port;
  }

  /** An answer: status, body parsed as JSON (null when empty or not JSON), text, headers. */
  record Answer(int status, JsonNode json, String text, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String detail() {
      return json == null || json.get("detail") == null ? null : json.get("detail").asString();
    }
  }

  Answer call(String method, String path, String key, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (RuntimeException e) {
      json = null;
    }
    return new Answer(r.statusCode(), json, r.body(), r);
  }

  Answer get(String path, String key) throws Exception {
    return call("GET", path, key, null);
  }

  Answer post(String path, String key, String body) throws Exception {
    return call("POST", path, key, body);
  }

  /** Creates a user and returns a new key of theirs. */
  String user(String adminKey, String name) throws Exception {
    post("/admin/users", adminKey, "{\"name\": \"" + name + "\"}");
    return post("/admin/users/" + name + "/keys", adminKey, "").json().get("key").asString();
  }

  /** Creates a project with members. */
  void project(String adminKey, String project, String... members) throws Exception {
    StringBuilder list = new StringBuilder();
    for (String m : members) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(m).append('"');
    }
    Answer a =
        post(
            "/admin/projects",
            adminKey,
            "{\"project\": \"" + project + "\", \"members\": [" + list + "]}");
    if (a.status() != 200) {
      throw new IllegalStateException("creating " + project + ": " + a.text());
    }
  }
}
