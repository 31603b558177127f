package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Compatibility;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.lab.ConfigVersion;
import io.hectiqlab.lab.FetchedTemplate;
import io.hectiqlab.lab.Lab;
import io.hectiqlab.lab.LabException;
import io.hectiqlab.lab.LabTemplates;
import io.hectiqlab.lab.Run;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.lab.TemplateSummary;
import io.hectiqlab.lab.TemplateVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core client's template registry (publish, list, versions, mode, fetch, schema, push with a
 * template, the disk cache) against the real server on a loopback port and a real SQLite file.
 */
class TemplateClientEndToEndTest {
  static final String ADMIN_KEY = "hql_e2e_templates_admin_0123456789";

  static final String V1 =
      """
      {"type": "object", "properties": {"lr": {"type": "number", "maximum": 1}}, "required": ["lr"]}
      """;

  /** Backward compatible with V1: a larger maximum. */
  static final String V2 =
      """
      {"type": "object", "properties": {"lr": {"type": "number", "maximum": 10}}, "required": ["lr"]}
      """;

  /** Breaks V2 backward: a smaller maximum. */
  static final String V3 =
      """
      {"type": "object", "properties": {"lr": {"type": "number", "maximum": 0.5}}, "required": ["lr"]}
      """;

  static final String UNITS =
      """
      {"$defs": {"rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}
      """;
  static final String TRAINING =
      """
      {"type": "object",
       "properties": {"lr": {"$ref": "lab:team/common/units@1#/$defs/rate"}},
       "required": ["lr"]}
      """;

  @TempDir static Path dir;
  static LabServer server;
  static URI url;
  static String bobKey;
  static String carolKey;

  @BeforeAll
  static void start() {
    String db = "sqlite:" + dir.resolve("lab.db");
    server = LabServer.start(db, "127.0.0.1", 0, ADMIN_KEY, System.out);
    url = URI.create("http://127.0.0.1:" + server.port());
    try (Store store = JdbcStore.open(db)) {
      store.createUser("bob", false);
      store.createUser("carol", false);
      for (String p : List.of("ml/vision", "team/common")) {
        String[] on = p.split("/");
        store.createProject(new Store.ProjectRef(on[0], on[1]));
        store.addMember(new Store.ProjectRef(on[0], on[1]), "bob");
      }
      store.addMember(new Store.ProjectRef("ml", "vision"), "carol");
      bobKey = store.createKey("bob");
      carolKey = store.createKey("carol");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Lab lab(URI at, String key, Path cache) {
    return Lab.builder()
        .baseUrl(at)
        .apiKey(key)
        .templateCache(cache)
        .maxRetries(0)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The folder of a lab's entries under {@code refs}: the cache's documented rule. */
  static String labId(URI at) throws Exception {
    return sha256(at.toString()).substring(0, 16);
  }

  /** A second lab on its own SQLite file, with user {@code dana} a member of {@code ml/vision}. */
  static String labWithDana(Path own, LabServer[] started) {
    String db = "sqlite:" + own.resolve("lab.db");
    started[0] = LabServer.start(db, "127.0.0.1", 0, ADMIN_KEY, System.out);
    try (Store store = JdbcStore.open(db)) {
      store.createUser("dana", false);
      store.createProject(new Store.ProjectRef("ml", "vision"));
      store.addMember(new Store.ProjectRef("ml", "vision"), "dana");
      return store.createKey("dana");
    }
  }

  @Test
  void twoLabsSharingOneCacheEachAnswerTheirOwnVersionOnlineAndOffline() throws Exception {
    Path cache = dir.resolve("cache-two-labs");
    LabServer[] a = new LabServer[1];
    LabServer[] b = new LabServer[1];
    String keyA = labWithDana(Files.createDirectories(dir.resolve("lab-a")), a);
    String keyB = labWithDana(Files.createDirectories(dir.resolve("lab-b")), b);
    URI atA = URI.create("http://127.0.0.1:" + a[0].port());
    URI atB = URI.create("http://127.0.0.1:" + b[0].port());
    TemplateRef training = TemplateRef.parse("lab:ml/vision/training@1");
    try {
      lab(atA, keyA, cache).templates().publish("ml/vision", "training", V1);
      lab(atB, keyB, cache).templates().publish("ml/vision", "training", V2);

      assertThat(lab(atA, keyA, cache).templates().fetch(training).text()).isEqualTo(V1);
      assertThat(lab(atB, keyB, cache).templates().fetch(training).text()).isEqualTo(V2);
      assertThat(Files.readString(cache.resolve("refs/" + labId(atA) + "/ml/vision/training/1")))
          .isEqualTo(sha256(V1));
      assertThat(Files.readString(cache.resolve("refs/" + labId(atB) + "/ml/vision/training/1")))
          .isEqualTo(sha256(V2));
    } finally {
      a[0].close();
      b[0].close();
    }
    assertThat(lab(atA, keyA, cache).templates().fetch(training).text()).isEqualTo(V1);
    assertThat(lab(atB, keyB, cache).templates().fetch(training).text()).isEqualTo(V2);
    // a third lab, never asked, finds nothing of theirs
    URI elsewhere = URI.create("http://127.0.0.1:1");
    assertThatThrownBy(() -> lab(elsewhere, keyA, cache).templates().fetch(training))
        .isInstanceOf(LabException.Unreachable.class)
        .hasMessageEndingWith(
            "; lab:ml/vision/training@1 is not in the template cache (" + cache + ")");
  }

  @Test
  void publishRepublishListVersionsFetchAndSchemaRoundTrip() throws Exception {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-round-trip")).templates();

    LabTemplates.Published v1 = t.publish("ml/vision", "round", V1);
    assertThat(v1.created()).isTrue();
    assertThat(v1.version().ref()).isEqualTo(TemplateRef.parse("lab:ml/vision/round@1"));
    assertThat(v1.version().sha256()).isEqualTo(sha256(V1));
    assertThat(v1.version().publishedBy()).isEqualTo("bob");

    LabTemplates.Published again = t.publish("ml/vision", "round", V1);
    assertThat(again.created()).isFalse();
    assertThat(again.version()).isEqualTo(v1.version());

    LabTemplates.Published v2 = t.publish("ml/vision", "round", V2);
    assertThat(v2.created()).isTrue();
    assertThat(v2.version().ref().version()).isEqualTo(2);

    assertThat(t.list("ml/vision"))
        .filteredOn(s -> s.latest().name().equals("round"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.latest()).isEqualTo(TemplateRef.parse("lab:ml/vision/round@2"));
              assertThat(s.mode()).isEqualTo(Compatibility.Mode.BACKWARD);
              assertThat(s.updatedAt()).isEqualTo(v2.version().publishedAt());
            });
    assertThat(t.versions("ml/vision", "round"))
        .extracting(TemplateVersion::ref, TemplateVersion::sha256)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(v1.version().ref(), sha256(V1)),
            org.assertj.core.groups.Tuple.tuple(v2.version().ref(), sha256(V2)));

    FetchedTemplate first = t.fetch(TemplateRef.parse("lab:ml/vision/round@1"));
    assertThat(first.text()).isEqualTo(V1);
    assertThat(first.sha256()).isEqualTo(sha256(V1));
    FetchedTemplate latest = t.fetch(TemplateRef.parse("lab:ml/vision/round@latest"));
    assertThat(latest.ref()).isEqualTo(TemplateRef.parse("lab:ml/vision/round@2"));
    assertThat(latest.text()).isEqualTo(V2);

    ConfigSchema schema = t.schema(TemplateRef.parse("lab:ml/vision/round@1"));
    assertThat(schema.validate(Map.of("lr", 0.5)).isValid()).isTrue();
    assertThat(schema.validate(Map.of("lr", 5)).isValid()).isFalse();
  }

  @Test
  void aBreakingVersionIsRefusedWithTheReportUntilTheModeIsNone() {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-modes")).templates();
    t.publish("ml/vision", "modes", V1);
    t.publish("ml/vision", "modes", V2);

    String expected =
        Compatibility.of(Compatibility.Mode.BACKWARD)
            .compare(
                ConfigSchema.fromLab(TemplateRef.parse("lab:ml/vision/modes@2"), V2, r -> null),
                ConfigSchema.fromLab(TemplateRef.parse("lab:ml/vision/modes@3"), V3, r -> null))
            .toString();
    assertThatThrownBy(() -> t.publish("ml/vision", "modes", V3))
        .isInstanceOfSatisfying(
            LabException.Incompatible.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage())
                  .startsWith(
                      "POST /ml/vision/templates/modes: 409 lab:ml/vision/modes@3 would break"
                          + " backward compatibility with version 2: ");
              assertThat(e.report()).isEqualTo(expected);
            });
    assertThat(t.versions("ml/vision", "modes")).hasSize(2);

    t.setMode("ml/vision", "modes", Compatibility.Mode.NONE);
    assertThat(t.list("ml/vision"))
        .filteredOn(s -> s.latest().name().equals("modes"))
        .extracting(TemplateSummary::mode)
        .containsExactly(Compatibility.Mode.NONE);
    assertThat(t.publish("ml/vision", "modes", V3).version().ref().version()).isEqualTo(3);
  }

  @Test
  void anInvalidSchemaIsRefusedAsInvalidSchema() {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-invalid")).templates();
    assertThatThrownBy(() -> t.publish("ml/vision", "broken", "{\"type\": 5}"))
        .isInstanceOfSatisfying(
            LabException.InvalidSchema.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage())
                  .startsWith("POST /ml/vision/templates/broken: 422 invalid template: ");
            });
    String missingRef = "{\"properties\": {\"a\": {\"$ref\": \"lab:team/common/nothing@4\"}}}";
    assertThatThrownBy(() -> t.publish("ml/vision", "broken", missingRef))
        .isInstanceOf(LabException.InvalidSchema.class)
        .hasMessageContaining("lab:team/common/nothing@4");
    assertThatThrownBy(() -> t.versions("ml/vision", "broken"))
        .isInstanceOf(LabException.NotFound.class);
  }

  @Test
  void aBodyThatIsNotJsonIsAnInvalidRequestAndRemoteRefsAreInvalidSchemas() {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-bodies")).templates();
    assertThatThrownBy(() -> t.publish("ml/vision", "bodies", "not json"))
        .isExactlyInstanceOf(LabException.InvalidRequest.class)
        .satisfies(e -> assertThat(((LabException) e).status()).isEqualTo(400));
    String remote = "{\"properties\": {\"a\": {\"$ref\": \"https://x.example/s.json\"}}}";
    assertThatThrownBy(() -> t.publish("ml/vision", "bodies", remote))
        .isInstanceOf(LabException.InvalidSchema.class)
        .hasMessageContaining("https://x.example/s.json");
  }

  @Test
  void listsAndVersionsFollowEveryPage() {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-pages")).templates();
    t.publish("team/common", "many", "{\"title\": \"v1\"}");
    t.setMode("team/common", "many", Compatibility.Mode.NONE);
    for (int i = 2; i <= 53; i++) {
      t.publish("team/common", "many", "{\"title\": \"v" + i + "\"}");
    }
    assertThat(t.versions("team/common", "many"))
        .extracting(v -> v.ref().version())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 53).boxed().toList());

    for (int i = 0; i < 52; i++) {
      t.publish("ml/vision", String.format("page-%02d", i), V1);
    }
    List<String> names =
        t.list("ml/vision").stream()
            .map(s -> s.latest().name())
            .filter(n -> n.startsWith("page-"))
            .toList();
    assertThat(names).hasSize(52).isSorted();
  }

  @Test
  void theModeOfAMissingTemplateIsNotFoundAndBadNamesFailBeforeAnyRequest() {
    LabTemplates t = lab(url, bobKey, dir.resolve("cache-missing")).templates();
    assertThatThrownBy(() -> t.setMode("ml/vision", "absent", Compatibility.Mode.FULL))
        .isInstanceOf(LabException.NotFound.class)
        .hasMessageStartingWith("PUT /ml/vision/templates/absent/mode: 404 ");
    assertThatThrownBy(() -> t.fetch(TemplateRef.parse("lab:ml/vision/absent@1")))
        .isInstanceOf(LabException.NotFound.class);
    assertThatThrownBy(() -> t.publish("ml/vision", "Bad Name", V1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template name");
  }

  @Test
  void aPushAgainstAVersionIsRecordedAndAnInvalidOneStoresNothing() {
    Lab lab = lab(url, bobKey, dir.resolve("cache-push"));
    lab.templates().publish("ml/vision", "push", V1);
    lab.templates().publish("ml/vision", "push", V2);
    Run run = lab.run("pushed with a template", "ml/vision");

    TemplateRef v1 = TemplateRef.parse("lab:ml/vision/push@1");
    assertThat(run.addConfig(Config.of("lr", 0.5), v1)).isEqualTo(1);
    assertThat(run.download().template()).isEqualTo(v1);
    assertThat(run.download().config()).isEqualTo(Config.of("lr", 0.5));

    assertThatThrownBy(() -> run.addConfig(Config.of("lr", 2), v1))
        .isInstanceOfSatisfying(
            LabException.InvalidConfig.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage())
                  .startsWith(
                      "POST /ml/vision/runs/pushed-with-a-template/meta: 422 config does not"
                          + " validate against lab:ml/vision/push@1: /lr: ");
            });
    assertThat(run.history()).hasSize(1);

    // @latest is resolved first, and the version validated against is the one recorded.
    assertThat(run.addConfig(Config.of("lr", 2), TemplateRef.parse("lab:ml/vision/push@latest")))
        .isEqualTo(2);
    run.addConfig(Config.of("lr", 3)); // without a template, as pyhectiqlab 2.x
    assertThat(run.history())
        .extracting(ConfigVersion::version, ConfigVersion::template)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, v1),
            org.assertj.core.groups.Tuple.tuple(2, TemplateRef.parse("lab:ml/vision/push@2")),
            org.assertj.core.groups.Tuple.tuple(3, null));
    assertThat(lab.download(run.slug(), "ml/vision", 2).template())
        .isEqualTo(TemplateRef.parse("lab:ml/vision/push@2"));
    assertThat(run.download().template()).isNull();

    assertThatThrownBy(
            () -> run.addConfig(Config.of("lr", 0.1), TemplateRef.parse("lab:ml/vision/push@9")))
        .isInstanceOf(LabException.NotFound.class);
    assertThat(run.history()).hasSize(3);
  }

  @Test
  void aPushMayNameAnotherProjectsTemplateWhenTheKeyMayReadIt() {
    Lab bob = lab(url, bobKey, dir.resolve("cache-cross-bob"));
    TemplateRef rate =
        bob.templates()
            .publish("team/common", "rate", V1)
            .version()
            .ref(); // lab:team/common/rate@1
    Run run = bob.run("cross project", "ml/vision");
    run.addConfig(Config.of("lr", 0.5), rate);
    assertThat(run.download().template()).isEqualTo(rate);
    assertThat(run.history()).extracting(ConfigVersion::template).containsExactly(rate);

    Run carols = lab(url, carolKey, dir.resolve("cache-cross-carol")).run("cross", "ml/vision");
    assertThatThrownBy(() -> carols.addConfig(Config.of("lr", 0.5), rate))
        .isInstanceOf(LabException.NotFound.class);
    assertThatThrownBy(
            () ->
                carols.addConfig(
                    Config.of("lr", 0.5), TemplateRef.parse("lab:team/common/rate@latest")))
        .isInstanceOf(LabException.NotFound.class)
        .hasMessageStartingWith("GET /team/common/templates/rate/versions/latest: 404 ");
    assertThat(carols.history()).isEmpty();
  }

  @Test
  void refsAcrossProjectsAreFetchedCachedAndNeedAccessToTheOtherProject() throws Exception {
    Path cache = dir.resolve("cache-refs");
    LabTemplates bob = lab(url, bobKey, cache).templates();
    bob.publish("team/common", "units", UNITS);
    bob.publish("ml/vision", "refs", TRAINING);

    ConfigSchema schema = bob.schema(TemplateRef.parse("lab:ml/vision/refs@1"));
    assertThat(schema.validate(Map.of("lr", 0.5)).isValid()).isTrue();
    assertThat(schema.validate(Map.of("lr", 2)).violations())
        .extracting(io.hectiqlab.Violation::instancePath)
        .containsExactly("/lr");
    assertThat(Files.readString(cache.resolve("refs/" + labId(url) + "/team/common/units/1")))
        .isEqualTo(sha256(UNITS));
    assertThat(Files.readString(cache.resolve("sha256/" + sha256(UNITS) + ".json")))
        .isEqualTo(UNITS);

    // carol is a member of ml/vision only: the ref reads as missing, naming it.
    LabTemplates carol = lab(url, carolKey, dir.resolve("cache-carol")).templates();
    assertThatThrownBy(() -> carol.schema(TemplateRef.parse("lab:ml/vision/refs@1")))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining("lab:team/common/units@1")
        .hasMessageContaining("no such template version");
    assertThatThrownBy(() -> carol.publish("ml/vision", "carols", TRAINING))
        .isInstanceOf(LabException.InvalidSchema.class)
        .hasMessageContaining("lab:team/common/units@1");
    assertThatThrownBy(() -> carol.fetch(TemplateRef.parse("lab:team/common/units@1")))
        .isInstanceOf(LabException.NotFound.class);
  }

  @Test
  void theCacheAnswersOfflineRefetchesATamperedFileAndRefusesItOffline() throws Exception {
    Path own = dir.resolve("offline");
    Files.createDirectories(own);
    String db = "sqlite:" + own.resolve("lab.db");
    LabServer second = LabServer.start(db, "127.0.0.1", 0, ADMIN_KEY, System.out);
    URI at = URI.create("http://127.0.0.1:" + second.port());
    String key;
    try (Store store = JdbcStore.open(db)) {
      store.createUser("dana", false);
      for (String p : List.of("ml/vision", "team/common")) {
        String[] on = p.split("/");
        store.createProject(new Store.ProjectRef(on[0], on[1]));
        store.addMember(new Store.ProjectRef(on[0], on[1]), "dana");
      }
      key = store.createKey("dana");
    }
    Path cache = own.resolve("cache");
    TemplateRef training = TemplateRef.parse("lab:ml/vision/training@1");
    Path trainingFile = cache.resolve("sha256/" + sha256(TRAINING) + ".json");
    try {
      LabTemplates online = lab(at, key, cache).templates();
      online.publish("team/common", "units", UNITS);
      online.publish("ml/vision", "training", TRAINING);
      online.schema(training);

      Files.writeString(trainingFile, "{\"type\": \"object\"}"); // tampered
      FetchedTemplate again = online.fetch(training);
      assertThat(again.text()).isEqualTo(TRAINING);
      assertThat(Files.readString(trainingFile)).isEqualTo(TRAINING); // repaired
    } finally {
      second.close();
    }

    LabTemplates offline = lab(at, key, cache).templates();
    ConfigSchema schema = offline.schema(training);
    assertThat(schema.validate(Map.of("lr", 0.5)).isValid()).isTrue();
    assertThat(schema.validate(Map.of("lr", 0)).isValid()).isFalse();

    assertThatThrownBy(() -> offline.fetch(TemplateRef.parse("lab:ml/vision/training@latest")))
        .isInstanceOf(LabException.Unreachable.class)
        .hasMessageEndingWith(
            "; lab:ml/vision/training@latest: the lab is needed to say which version is the"
                + " latest; pin a version (lab:ml/vision/training@N) to use the template cache"
                + " offline");
    assertThatThrownBy(() -> offline.fetch(TemplateRef.parse("lab:ml/vision/training@2")))
        .isInstanceOf(LabException.Unreachable.class)
        .hasMessageEndingWith(
            "; lab:ml/vision/training@2 is not in the template cache (" + cache + ")");

    Files.writeString(trainingFile, "{\"type\": \"object\"}");
    assertThatThrownBy(() -> offline.schema(training))
        .isInstanceOf(LabException.Unreachable.class)
        .hasMessageStartingWith(
            "GET /ml/vision/templates/training/versions/1: cannot reach the lab at")
        .hasMessageEndingWith(
            "; lab:ml/vision/training@1: the cached copy "
                + trainingFile
                + " does not match its hash, so it is not used, and the lab cannot be reached to"
                + " fetch it again");
  }
}
