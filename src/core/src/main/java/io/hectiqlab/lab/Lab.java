package io.hectiqlab.lab;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.PercentEncoding;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A client of a hectiqlab lab server: opens runs, pushes configs and metadata, downloads them.
 * Immutable and thread-safe; create one per lab and share it.
 *
 * <pre>{@code
 * Lab lab = Lab.connect(URI.create("http://127.0.0.1:8080"), apiKey);
 * Run run = lab.run("Demo Run #1", "lab/demo");        // the run "demo-run-1"
 * run.addConfig(config);
 * run.addMeta("accuracy", 0.93);
 * DownloadedConfig d = lab.download("demo-run-1", "lab/demo");
 * }</pre>
 *
 * <p>Every call has a connect, read and overall timeout. Calls are retried, with exponential
 * backoff and jitter, on connection failures, timeouts, 429 and 5xx answers (honouring {@code
 * Retry-After}), since every call is safe to repeat: opening a run attaches to it when it exists,
 * metadata overwrites, and config pushes carry an idempotency key. 4xx answers are never retried.
 */
public final class Lab {
  /** The environment variable naming the lab's URL. */
  public static final String URL_VARIABLE = "HECTIQLAB_API_URL";

  /** The environment variable holding the API key. */
  public static final String KEY_VARIABLE = "HECTIQLAB_API_KEY";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final long MAX_ANSWER = 64L * 1024 * 1024;

  private final HttpUrl base;
  private final String basePath;
  private final String apiKey;
  private final OkHttpClient http;
  private final int maxRetries;
  private final Duration maxBackoff;
  private final TemplateCache templateCache;

  private Lab(Builder b) {
    HttpUrl url = HttpUrl.parse(b.baseUrl.toString());
    if (url == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + b.baseUrl);
    }
    this.base = url;
    this.basePath = url.encodedPath().replaceAll("/+$", "");
    this.apiKey = b.apiKey;
    this.maxRetries = b.maxRetries;
    this.maxBackoff = b.maxBackoff;
    this.templateCache =
        new TemplateCache(
            b.templateCache != null
                ? b.templateCache
                : TemplateCache.defaultFolder(
                    System.getenv(), Path.of(System.getProperty("user.home"))),
            url.toString());
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .callTimeout(b.callTimeout)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
  }

  /**
   * Connects to a lab with the default timeouts and retries.
   *
   * @param baseUrl the lab's URL, such as {@code http://127.0.0.1:8080}
   * @param apiKey the API key
   * @return the client
   */
  public static Lab connect(URI baseUrl, String apiKey) {
    return builder().baseUrl(baseUrl).apiKey(apiKey).build();
  }

  /** Returns a builder; see its setters for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to the lab that {@code HECTIQLAB_API_URL} and {@code HECTIQLAB_API_KEY} name, each
   * falling back to {@code api_url} / {@code api_key} in {@code ~/.hectiqlab/credentials}.
   *
   * <p>The credentials file is UTF-8 text with one {@code name = value} per line; blank lines and
   * lines starting with {@code #} are ignored; the names are {@code api_url} and {@code api_key},
   * each at most once:
   *
   * <pre>
   * # ~/.hectiqlab/credentials
   * api_url = http://127.0.0.1:8080
   * api_key = hql_...
   * </pre>
   *
   * @return the client
   * @throws LabException.NotConfigured when no URL or no key is found (the message says which), or
   *     the credentials file cannot be read or has a line that is not a setting (the message names
   *     the file and line), or the URL found is not an http(s) URL (the message says where it was
   *     found)
   */
  public static Lab fromEnvironment() {
    return fromEnvironment((URI) null, null);
  }

  /**
   * Connects like {@link #fromEnvironment()}, with a URL or key given here taking precedence.
   *
   * @param baseUrl the lab's URL, or null to take it from the environment
   * @param apiKey the API key, or null to take it from the environment
   * @return the client
   * @throws IllegalArgumentException when {@code baseUrl} is given and is not an http(s) URL
   * @throws LabException.NotConfigured as {@link #fromEnvironment()} does for what is not given
   */
  public static Lab fromEnvironment(@Nullable URI baseUrl, @Nullable String apiKey) {
    return fromEnvironment(
        System.getenv(), Path.of(System.getProperty("user.home")), baseUrl, apiKey);
  }

  static Lab fromEnvironment(Map<String, String> env, Path home) {
    return fromEnvironment(env, home, null, null);
  }

  static Lab fromEnvironment(Map<String, String> env, Path home, URI baseUrl, String apiKey) {
    Path file = home.resolve(".hectiqlab").resolve("credentials");
    Map<String, Credentials.Setting> saved =
        baseUrl != null && apiKey != null ? Map.of() : Credentials.read(file);
    Credentials.Setting url =
        baseUrl != null
            ? new Credentials.Setting(baseUrl.toString(), null)
            : setting(env, URL_VARIABLE, saved.get(Credentials.URL));
    Credentials.Setting key =
        apiKey != null
            ? new Credentials.Setting(apiKey, null)
            : setting(env, KEY_VARIABLE, saved.get(Credentials.KEY));
    if (url == null || key == null) {
      String missing =
          url == null && key == null
              ? "no URL and no API key"
              : url == null ? "no URL (the API key is set)" : "no API key (the URL is set)";
      String set =
          url == null && key == null
              ? URL_VARIABLE + " and " + KEY_VARIABLE
              : url == null ? URL_VARIABLE : KEY_VARIABLE;
      String names =
          url == null && key == null
              ? Credentials.URL + " and " + Credentials.KEY
              : url == null ? Credentials.URL : Credentials.KEY;
      throw new LabException.NotConfigured(
          "no lab configured: " + missing + "; set " + set + ", or " + names + " in " + file);
    }
    URI uri;
    try {
      uri = new URI(url.value());
      if (HttpUrl.parse(uri.toString()) == null) {
        throw new URISyntaxException(url.value(), "not an http(s) URL");
      }
    } catch (URISyntaxException e) {
      if (url.origin() == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + url.value(), e);
      }
      // The value is not shown: a key put where the URL belongs must not be printed.
      throw new LabException.NotConfigured(
          url.origin() + ": not an http(s) URL (it must start with http:// or https://)");
    }
    if (key.origin() != null) {
      try {
        checkKey(key.value(), "the API key");
      } catch (IllegalArgumentException e) {
        throw new LabException.NotConfigured(key.origin() + ": " + e.getMessage());
      }
    }
    return connect(uri, key.value());
  }

  /**
   * Checks that a key can go into an HTTP header: 1 to 4096 printable ASCII characters. The message
   * says where the key came from and never shows it.
   *
   * @throws IllegalArgumentException when it cannot
   */
  static String checkKey(String key, String what) {
    if (key.isEmpty() || key.length() > 4096) {
      throw new IllegalArgumentException(what + " must be 1 to 4096 characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            what
                + " has a character that is not printable ASCII at position "
                + (i + 1)
                + " (a pasted space or line break?)");
      }
    }
    return key;
  }

  /** The environment variable when set and not blank, else the credentials file's setting. */
  private static Credentials.Setting setting(
      Map<String, String> env, String variable, Credentials.Setting saved) {
    String value = env.get(variable);
    return value != null && !value.isBlank()
        ? new Credentials.Setting(value.strip(), variable)
        : saved;
  }

  /**
   * Returns the slug of a run name, as the lab computes it (one rule on both sides): the name in
   * NFKC, case-folded, each run of characters other than letters, digits and marks turned into
   * {@code -}, no {@code -} at either end. "Demo Run #1" is "demo-run-1", "Run One" and "run one"
   * are the same run, "Ωmega" is "ωmega", "日本語" is "日本語".
   *
   * @param name a run name
   * @return its slug
   * @throws IllegalArgumentException when the name has no letters or digits, is longer than 512
   *     characters, contains control characters, or would make a slug longer than 128 characters
   *     (slugs are never cut, so two long names never share one)
   */
  public static String slug(String name) {
    return LabNames.slugOf(name);
  }

  /**
   * Opens a run, creating it when absent.
   *
   * @param name the run name (its slug identifies the run)
   * @param project {@code owner/name}
   * @return the run
   * @throws LabException when the lab refuses or cannot be reached
   */
  public Run run(String name, String project) {
    slug(name);
    checkProject(project);
    Config answer = post("/" + project + "/runs", Config.of("name", name).toJson(), null);
    String slug = answer.getString("slug");
    Boolean isNew = answer.getBoolean("is_new");
    if (slug == null || isNew == null) {
      throw new LabException.MalformedResponse(
          "POST /" + project + "/runs: the answer lacks slug or is_new", 200, null);
    }
    return new Run(this, project, slug, name, isNew);
  }

  /**
   * Downloads a run's latest config and its metadata.
   *
   * @param run the run's name or slug
   * @param project {@code owner/name}
   * @return the config and metadata
   */
  public DownloadedConfig download(String run, String project) {
    return download(run, project, 0);
  }

  /**
   * Downloads one version of a run's config (versions count from 1; 0 is the latest) and its
   * metadata.
   *
   * @param run the run's name or slug
   * @param project {@code owner/name}
   * @param version the version, or 0 for the latest
   * @return the config and metadata
   * @throws LabException.NotFound when the project, run or version does not exist
   */
  public DownloadedConfig download(String run, String project, int version) {
    checkProject(project);
    String path =
        "/"
            + project
            + "/runs/"
            + segment(slug(run))
            + "/configs"
            + (version > 0 ? "?version=" + version : "");
    Config answer = call("GET", path, null, null);
    Config config = answer.getConfig("__config__");
    Config meta = answer.getConfig("__meta__");
    if (config == null || meta == null) {
      throw new LabException.MalformedResponse(
          "GET " + path + ": the answer lacks __config__ or __meta__", 200, null);
    }
    Integer v = answer.getInt("__version__");
    TemplateRef template;
    try {
      template = template(answer.get("__template__"), project);
    } catch (IllegalArgumentException e) {
      throw new LabException.MalformedResponse(
          "GET " + path + ": __template__: " + e.getMessage(), 200, e);
    }
    return new DownloadedConfig(config.copy(), meta.toMap(), v == null ? 0 : v, template);
  }

  /**
   * The template version a config was validated against, as the lab names it ({@code {"project":
   * "o/p", "name": "training", "version": 3}}, the project defaulting to the run's), or null when
   * absent.
   *
   * @throws IllegalArgumentException when it is present but not such an object
   */
  static @Nullable TemplateRef template(@Nullable Object value, String runProject) {
    if (value == null) {
      return null;
    }
    if (value instanceof Config c
        && c.getString("name") != null
        && c.getInt("version") != null
        && (c.get("project") == null || c.get("project") instanceof String)) {
      String project = c.getString("project");
      return TemplateRef.of(
          project == null ? runProject : project, c.getString("name"), c.getInt("version"));
    }
    throw new IllegalArgumentException(
        "not a template version (an object with name, version and an optional project)");
  }

  /**
   * Every version of a run's config, oldest first, read page by page as the stream is consumed: the
   * lab answers at most {@code pageSize} versions (and a bounded number of bytes) per request, and
   * this client follows each page's {@code next} link to the end. Only one page is held at a time.
   *
   * @param run the run's name or slug
   * @param project {@code owner/name}
   * @param pageSize versions asked for per request, 1 to 100
   * @return the versions, lazily fetched; a failure while fetching a later page is thrown by the
   *     stream's terminal operation as a {@link LabException}
   * @throws LabException.NotFound when the project or run does not exist
   */
  public java.util.stream.Stream<ConfigVersion> history(String run, String project, int pageSize) {
    checkProject(project);
    if (pageSize < 1 || pageSize > 100) {
      throw new IllegalArgumentException("pageSize must be 1 to 100: " + pageSize);
    }
    String first =
        "/" + project + "/runs/" + segment(slug(run)) + "/configs/history?limit=" + pageSize;
    java.util.Iterator<ConfigVersion> pages = new HistoryPages(first, project);
    pages.hasNext(); // the first page now, so that a missing run fails here
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(
            pages, java.util.Spliterator.ORDERED | java.util.Spliterator.NONNULL),
        false);
  }

  /**
   * Every version of a run's config, oldest first, 20 per request; see {@link #history(String,
   * String, int)}.
   *
   * @param run the run's name or slug
   * @param project {@code owner/name}
   * @return the versions, lazily fetched
   */
  public java.util.stream.Stream<ConfigVersion> history(String run, String project) {
    return history(run, project, 20);
  }

  /** The versions of one page after another, following {@code next}. */
  private final class HistoryPages implements java.util.Iterator<ConfigVersion> {
    private String next;
    private final String project;
    private java.util.Iterator<?> page = java.util.Collections.emptyIterator();

    HistoryPages(String first, String project) {
      this.next = first;
      this.project = project;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && next != null) {
        String path = next;
        Config answer = call("GET", path, null, null);
        Object versions = answer.get("versions");
        Object more = answer.get("next");
        if (!(versions instanceof List<?> list)
            || (more != null && !(more instanceof String s && s.startsWith("/")))) {
          throw new LabException.MalformedResponse(
              "GET " + path + ": the answer lacks a versions list or a valid next", 200, null);
        }
        next = (String) more;
        page = list.iterator();
      }
      return page.hasNext();
    }

    @Override
    public ConfigVersion next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Object item = page.next();
      if (item instanceof Config c
          && c.getInt("version") != null
          && c.getLong("created_at") != null
          && c.get("config") instanceof Config config) {
        TemplateRef template;
        try {
          template = template(c.get("template"), project);
        } catch (IllegalArgumentException e) {
          throw new LabException.MalformedResponse(
              "config history: version " + c.getInt("version") + ": template: " + e.getMessage(),
              200,
              e);
        }
        return new ConfigVersion(
            c.getInt("version"),
            config.copy(),
            java.time.Instant.ofEpochMilli(c.getLong("created_at")),
            template);
      }
      throw new LabException.MalformedResponse(
          "config history: a version lacks version, created_at or config", 200, null);
    }
  }

  static void checkProject(String project) {
    LabNames.checkProject(project);
  }

  /** A path segment, percent-encoded (slugs may hold any Unicode letter). */
  static String segment(String s) {
    return PercentEncoding.encode(s);
  }

  /**
   * Lists the projects this key's user may use (every project, for an admin).
   *
   * @return the projects as {@code owner/name}, sorted
   * @throws LabException when the lab refuses or cannot be reached
   */
  public List<String> projects() {
    Object list = call("GET", "/projects", null, null).get("projects");
    if (!(list instanceof List<?> projects)) {
      throw new LabException.MalformedResponse(
          "GET /projects: the answer has no projects list", 200, null);
    }
    List<String> out = new ArrayList<>();
    for (Object p : projects) {
      out.add(String.valueOf(p));
    }
    return out;
  }

  /**
   * Returns the lab's administration (users, keys, projects, members); its calls need an admin key.
   *
   * @return the administration client, sharing this client's connections and timeouts
   */
  public LabAdmin admin() {
    return new LabAdmin(this);
  }

  /**
   * The lab's template registry: publish, list, fetch (through the on-disk cache), set modes.
   *
   * @return the registry client, sharing this client's connections, timeouts and cache
   */
  public LabTemplates templates() {
    return new LabTemplates(this);
  }

  Config post(String path, String json, String idempotencyKey) {
    return call("POST", path, json, idempotencyKey);
  }

  Config call(String method, String path, String json, String idempotencyKey) {
    return call(method, path, json, idempotencyKey, maxRetries);
  }

  /** One call, retried up to {@code maxRetries} times (0 for calls that must not repeat). */
  Config call(String method, String path, String json, String idempotencyKey, int maxRetries) {
    return call(method, path, json, idempotencyKey, maxRetries, Refusals.PLAIN);
  }

  /** One call whose refusals are read by the rules of {@code refusals}. */
  Config call(
      String method,
      String path,
      String json,
      String idempotencyKey,
      int maxRetries,
      Refusals refusals) {
    Map<String, String> headers =
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    Answer answer =
        exchange(
            method,
            path,
            json == null ? null : json.getBytes(StandardCharsets.UTF_8),
            headers,
            maxRetries,
            refusals);
    return parse(answer.text(), method + " " + path, answer.code());
  }

  /** A 2xx or 304 answer: its status, body bytes and headers. */
  record Answer(int code, byte[] body, okhttp3.Headers headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The rules by which a route's refusals become exceptions (see {@link #error}). */
  enum Refusals {
    /** Every route: the status decides. */
    PLAIN,
    /** The template routes: 422 is {@link LabException.InvalidSchema}, 409 {@code Incompatible}. */
    TEMPLATES,
    /** A config push with a template: 422 with violations is {@link LabException.InvalidConfig}. */
    PUSH
  }

  /**
   * One request (a JSON body when {@code json} is not null), retried up to {@code maxRetries}
   * times; answers 2xx and 304 are returned, the others thrown as {@link LabException}s.
   */
  Answer exchange(
      String method,
      String path,
      byte @Nullable [] json,
      Map<String, String> headers,
      int maxRetries,
      Refusals refusals) {
    HttpUrl url = url(path);
    Request.Builder rb = new Request.Builder().url(url).header("X-API-Key", apiKey);
    if (json != null) {
      rb.method(method, RequestBody.create(json, JSON));
    } else {
      rb.method(method, method.equals("PUT") ? RequestBody.create(new byte[0]) : null);
    }
    headers.forEach(rb::header);
    Request request = rb.build();
    String what = method + " " + path;
    for (int attempt = 0; ; attempt++) {
      long waitMillis;
      LabException failure;
      try (Response response = http.newCall(request).execute()) {
        byte[] body = readBody(response, what);
        int code = response.code();
        if ((code >= 200 && code < 300) || code == 304) {
          return new Answer(code, body, response.headers());
        }
        failure = error(what, code, new String(body, StandardCharsets.UTF_8), refusals);
        boolean retryable = code == 429 || code >= 500;
        if (!retryable || attempt >= maxRetries) {
          throw failure;
        }
        waitMillis = retryAfter(response.header("Retry-After"), attempt);
      } catch (InterruptedIOException e) {
        failure = new LabException.Timeout(what + ": the lab did not answer in time", e);
        if (attempt >= maxRetries) {
          throw failure;
        }
        waitMillis = backoff(attempt);
      } catch (IOException e) {
        failure = unreachable(what, e);
        if (attempt >= maxRetries) {
          throw failure;
        }
        waitMillis = backoff(attempt);
      }
      try {
        Thread.sleep(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /** The retries of every call that may repeat. */
  int maxRetries() {
    return maxRetries;
  }

  /** The template cache of this client. */
  TemplateCache templateCache() {
    return templateCache;
  }

  /**
   * The base URL with a path (and query) appended. Built from the parsed base, so the host is not
   * parsed and canonicalised again on every call.
   */
  private HttpUrl url(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    return base.newBuilder()
        .encodedPath(basePath + path)
        .encodedQuery(q < 0 ? null : pathAndQuery.substring(q + 1))
        .build();
  }

  private static byte[] readBody(Response response, String what) throws IOException {
    long length = response.body().contentLength();
    if (length > MAX_ANSWER) {
      throw new LabException.MalformedResponse(
          what + ": answer too large (" + length + " bytes)", response.code(), null);
    }
    return response.body().bytes();
  }

  private LabException unreachable(String what, IOException e) {
    String why =
        e instanceof ConnectException
            ? "connection refused"
            : e instanceof UnknownHostException ? "unknown host" : "connection failed";
    return new LabException.Unreachable(
        what + ": cannot reach the lab at " + base.host() + ":" + base.port() + " (" + why + ")",
        e);
  }

  private static Config parse(String body, String what, int code) {
    try {
      return Config.fromJson(body);
    } catch (ConfigException.Parse e) {
      throw new LabException.MalformedResponse(
          what + ": the lab answered " + code + " with something that is not a JSON object",
          code,
          e);
    }
  }

  /** The most violations a refusal's message lists. */
  private static final int MAX_LISTED = 20;

  private static LabException error(String what, int code, String body, Refusals refusals) {
    Config answer;
    try {
      answer = Config.fromJson(body);
    } catch (ConfigException e) {
      answer = null;
    }
    Object d = answer == null ? null : answer.get("detail");
    String detail =
        answer == null ? "(no JSON detail)" : d == null ? "(no detail)" : String.valueOf(d);
    String message = what + ": " + code + " " + detail;
    if (code == 401) {
      return new LabException.Unauthorized(message);
    }
    if (code == 403) {
      return new LabException.Forbidden(message);
    }
    if (code == 404) {
      return new LabException.NotFound(message);
    }
    if (code >= 500) {
      return new LabException.ServerError(message, code);
    }
    if (answer != null && code == 422 && refusals == Refusals.TEMPLATES) {
      return new LabException.InvalidSchema(message + violations(answer, detail));
    }
    if (answer != null
        && code == 422
        && refusals == Refusals.PUSH
        && answer.get("violations") instanceof List<?>) {
      return new LabException.InvalidConfig(message + violations(answer, detail));
    }
    if (answer != null
        && code == 409
        && refusals == Refusals.TEMPLATES
        && answer.get("text") instanceof String text) {
      return new LabException.Incompatible(message, text);
    }
    return new LabException.InvalidRequest(message, code);
  }

  /**
   * The violations of a 422 answer, one per line ({@code "\n /lr: message (maximum)"}), the first
   * {@link #MAX_LISTED}; none when the detail already says all there is (one violation).
   */
  private static String violations(Config answer, String detail) {
    if (!(answer.get("violations") instanceof List<?> list) || list.size() < 2) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Object item : list) {
      if (n++ == MAX_LISTED) {
        out.append("\n  ... and ").append(list.size() - MAX_LISTED).append(" more");
        break;
      }
      if (item instanceof Config v) {
        String path = v.getString("path");
        String keyword = v.getString("keyword");
        out.append("\n  ")
            .append(path == null || path.isEmpty() ? "(root)" : path)
            .append(": ")
            .append(String.valueOf(v.get("message")))
            .append(keyword == null ? "" : " (" + keyword + ")");
      }
    }
    return out.toString();
  }

  private long retryAfter(String header, int attempt) {
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.trim());
        if (seconds >= 0) {
          return Math.min(seconds * 1000, 30_000);
        }
      } catch (NumberFormatException e) {
        // an HTTP date or garbage: fall back to the backoff
      }
    }
    return backoff(attempt);
  }

  /** Full-jitter exponential backoff: a random wait up to 200 ms * 2^attempt, capped. */
  private long backoff(int attempt) {
    long cap = Math.min(maxBackoff.toMillis(), 200L << Math.min(attempt, 10));
    return ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
  }

  @Override
  public String toString() {
    return "Lab[" + base + "]";
  }

  /** Settings of a {@link Lab}; unset values take the defaults named on each setter. */
  public static final class Builder {
    private URI baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxRetries = 3;
    private Duration maxBackoff = Duration.ofSeconds(5);
    private @Nullable Path templateCache;

    private Builder() {}

    /**
     * The folder fetched template versions are kept in, by content hash (created when first
     * needed); default {@code $HECTIQLAB_TEMPLATE_CACHE}, else {@code
     * $XDG_CACHE_HOME/hectiqlab/templates}, else {@code ~/.cache/hectiqlab/templates}.
     */
    public Builder templateCache(Path folder) {
      this.templateCache = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** The lab's URL (required). */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The API key (required); sent as {@code X-API-Key}, never logged. */
    public Builder apiKey(String apiKey) {
      this.apiKey = checkKey(Objects.requireNonNull(apiKey, "apiKey"), "the API key");
      return this;
    }

    /** Time to connect; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** Longest silence while reading an answer; default 30 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout);
      return this;
    }

    /** Longest time for one attempt of a call, end to end; default 60 s. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout);
      return this;
    }

    /** Retries after the first attempt; default 3, 0 disables them. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0");
      }
      this.maxRetries = retries;
      return this;
    }

    /** Longest wait between attempts (Retry-After may ask for up to 30 s); default 5 s. */
    public Builder maxBackoff(Duration max) {
      this.maxBackoff = positive(max);
      return this;
    }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a timeout must be positive: " + d);
      }
      return d;
    }

    /** Builds the client. */
    public Lab build() {
      if (baseUrl == null || apiKey == null) {
        throw new IllegalStateException("a Lab needs a baseUrl and an apiKey");
      }
      return new Lab(this);
    }
  }
}
