package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Configs pushed with a template version through the real server: validated before anything is
 * stored, recorded with the config version, returned by download and history.
 */
class TemplatePushTest {
  static final String ADMIN_KEY = "hql_push_admin_key_0123456789";

  static final String TRAINING =
      """
      {"type": "object",
       "properties": {
         "lr": {"$ref": "lab:team/common/units@1#/$defs/rate"},
         "epochs": {"type": "integer", "minimum": 1}},
       "required": ["lr"]}
      """;

  static final String UNITS =
      """
      {"$defs": {"rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}}
      """;

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp lab;
  static String alice; // member of ml/vision and team/common
  static String bob; // member of ml/vision only

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    lab = new LabHttp(server.port());
    alice = lab.user(ADMIN_KEY, "alice");
    bob = lab.user(ADMIN_KEY, "bob");
    lab.project(ADMIN_KEY, "ml/vision", "alice", "bob");
    lab.project(ADMIN_KEY, "team/common", "alice");
    assertThat(lab.post("/team/common/templates/units", alice, UNITS).status()).isEqualTo(201);
    assertThat(lab.post("/ml/vision/templates/training", alice, TRAINING).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String run(String name) throws Exception {
    Answer a = lab.post("/ml/vision/runs", bob, "{\"name\": \"" + name + "\"}");
    assertThat(a.status()).isEqualTo(200);
    return "/ml/vision/runs/" + a.json().get("slug").asString();
  }

  private static String push(String config, String template) {
    return "{\"meta\": {\"__config__\": " + config + ", \"__template__\": " + template + "}}";
  }

  @Test
  void aValidConfigIsStoredWithItsTemplateVersion() throws Exception {
    String run = run("valid");
    Answer pushed =
        lab.post(
            run + "/meta",
            alice, // bob may not read team/common, which training refers to
            push("{\"lr\": 0.5, \"epochs\": 3}", "{\"name\": \"training\", \"version\": 1}"));
    assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
    assertThat(pushed.json().get("version").asInt()).isEqualTo(1);
    assertThat(pushed.json().get("template").toString())
        .isEqualTo("{\"project\":\"ml/vision\",\"name\":\"training\",\"version\":1}");

    Answer plain = lab.post(run + "/meta", bob, "{\"meta\": {\"__config__\": {\"lr\": 7}}}");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.json().has("template")).isFalse();

    JsonNode first = lab.get(run + "/configs?version=1", bob).json();
    assertThat(first.get("__template__").toString())
        .isEqualTo("{\"project\":\"ml/vision\",\"name\":\"training\",\"version\":1}");
    assertThat(first.get("__config__").get("lr").asDouble()).isEqualTo(0.5);
    JsonNode latest = lab.get(run + "/configs", bob).json();
    assertThat(latest.get("__version__").asInt()).isEqualTo(2);
    assertThat(latest.has("__template__")).isFalse();

    JsonNode history = lab.get(run + "/configs/history", bob).json().get("versions");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("template").toString())
        .isEqualTo("{\"project\":\"ml/vision\",\"name\":\"training\",\"version\":1}");
    assertThat(history.get(0).get("config").get("epochs").asInt()).isEqualTo(3);
    assertThat(history.get(1).has("template")).isFalse();
  }

  @Test
  void anInvalidConfigIsRefusedWithItsViolationsAndNothingIsStored() throws Exception {
    String run = run("invalid");
    lab.post(run + "/meta", bob, "{\"meta\": {\"__config__\": {\"lr\": 0.1}}}");
    String before = lab.get(run + "/configs/history", bob).text();

    Answer refused =
        lab.post(
            run + "/meta",
            alice,
            "{\"meta\": {\"__config__\": {\"lr\": 2, \"epochs\": 0},"
                + " \"__template__\": {\"name\": \"training\", \"version\": 1},"
                + " \"__meta__\": {\"note\": \"must not be stored\"}}}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.detail())
        .isEqualTo(
            "config does not validate against lab:ml/vision/training@1: /lr: must be at most 1");
    assertThat(refused.json().get("template").asString()).isEqualTo("lab:ml/vision/training@1");
    assertThat(refused.json().get("violations").toString())
        .isEqualTo(
            "[{\"path\":\"/lr\",\"keyword\":\"maximum\",\"message\":\"must be at most 1\"},"
                + "{\"path\":\"/epochs\",\"keyword\":\"minimum\",\"message\":\"must be at least"
                + " 1\"}]");

    assertThat(lab.get(run + "/configs/history", bob).text()).isEqualTo(before);
    JsonNode now = lab.get(run + "/configs", bob).json();
    assertThat(now.get("__version__").asInt()).isEqualTo(1);
    assertThat(now.get("__meta__").has("note")).isFalse();
  }

  @Test
  void aTemplateOfAnotherProjectNeedsAccessToIt() throws Exception {
    String run = run("cross");
    String units = "{\"name\": \"units\", \"version\": 1, \"project\": \"team/common\"}";
    // the template's root allows any object: the config is checked, and passes
    Answer hidden = lab.post(run + "/meta", bob, push("{\"x\": 1}", units));
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.detail()).isEqualTo("no template version lab:team/common/units@1");
    Answer missing =
        lab.post(
            run + "/meta",
            bob,
            push("{\"x\": 1}", "{\"name\": \"units\", \"version\": 1, \"project\": \"no/such\"}"));
    assertThat(missing.detail()).isEqualTo("no template version lab:no/such/units@1");

    // nor a template of his project that refers to it, whatever the config
    for (String config : new String[] {"{\"lr\": 0.5}", "{\"lr\": 2}"}) {
      Answer through =
          lab.post(run + "/meta", bob, push(config, "{\"name\": \"training\", \"version\": 1}"));
      assertThat(through.status()).as(through.text()).isEqualTo(404);
      assertThat(through.detail())
          .isEqualTo(
              "template lab:ml/vision/training@1 refers to a template version this key may not"
                  + " read: it cannot be used");
    }

    Answer allowed = lab.post(run + "/meta", alice, push("{\"x\": 1}", units));
    assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
    assertThat(allowed.json().get("template").toString())
        .isEqualTo("{\"project\":\"team/common\",\"name\":\"units\",\"version\":1}");
    // bob sees the recorded version of his project's run, not the template behind it
    assertThat(lab.get(run + "/configs", bob).json().get("__template__").get("project").asString())
        .isEqualTo("team/common");
    assertThat(lab.get(run + "/configs/history", bob).json().get("versions")).hasSize(1);
  }

  @Test
  void badTemplateFieldsAreRefusedBeforeAnythingIsStored() throws Exception {
    String run = run("bad fields");
    Answer alone =
        lab.post(
            run + "/meta",
            bob,
            "{\"meta\": {\"__template__\": {\"name\": \"training\", \"version\": 1}}}");
    assertThat(alone.status()).isEqualTo(400);
    assertThat(alone.detail()).startsWith("invalid request body: /meta: ").contains("__config__");
    for (String template :
        new String[] {
          "{\"name\": \"training\"}",
          "{\"name\": \"training\", \"version\": 0}",
          "{\"name\": \"training\", \"version\": \"1\"}",
          "{\"name\": \"training\", \"version\": 1.5}",
          "{\"name\": \"training\", \"version\": 1, \"extra\": true}",
          "{\"name\": \"Training!\", \"version\": 1}",
          "{\"name\": \"training\", \"version\": 1, \"project\": \"not a project\"}",
          "\"lab:ml/vision/training@1\""
        }) {
      Answer a = lab.post(run + "/meta", bob, push("{\"lr\": 0.5}", template));
      assertThat(a.status()).as(template + ": " + a.text()).isEqualTo(400);
    }
    Answer noVersion =
        lab.post(
            run + "/meta", bob, push("{\"lr\": 0.5}", "{\"name\": \"training\", \"version\": 9}"));
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.detail()).isEqualTo("no template version lab:ml/vision/training@9");
    Answer noTemplate =
        lab.post(
            run + "/meta", bob, push("{\"lr\": 0.5}", "{\"name\": \"nothing\", \"version\": 1}"));
    assertThat(noTemplate.detail()).isEqualTo("no template version lab:ml/vision/nothing@1");
    assertThat(lab.get(run + "/configs/history", bob).json().get("versions")).isEmpty();
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheFirstVersion() throws Exception {
    String run = run("idempotent");
    String body = push("{\"lr\": 0.3}", "{\"name\": \"training\", \"version\": 1}");
    Answer first = lab.call("POST", run + "/meta", alice, body, "Idempotency-Key", "k1");
    Answer again = lab.call("POST", run + "/meta", alice, body, "Idempotency-Key", "k1");
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    assertThat(again.text()).isEqualTo(first.text());
    assertThat(lab.get(run + "/configs/history", bob).json().get("versions")).hasSize(1);
  }
}
