package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.ConfigSchema;
import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The template registry through the real server over HTTP, on a real SQLite file: publishing,
 * compatibility modes, refs between projects and who may use them, reading versions back.
 */
class TemplateRegistryTest {
  static final String ADMIN_KEY = "hql_templates_admin_key_0123456789";

  /** v1: a required rate up to 1. */
  static final String V1 =
      """
      {"type": "object",
       "properties": {"lr": {"type": "number", "maximum": 1}},
       "required": ["lr"]}
      """;

  /** v2: the rate may go up to 10 (every v1 config stays valid). */
  static final String V2 =
      """
      {"type": "object",
       "properties": {"lr": {"type": "number", "maximum": 10}},
       "required": ["lr"]}
      """;

  /** v3: the rate may go only up to 0.5 (breaks backward: 0.75 was valid). */
  static final String V3 =
      """
      {"type": "object",
       "properties": {"lr": {"type": "number", "maximum": 0.5}},
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
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBreakingVersionIsRefusedWithAWitnessUntilTheModeIsNone() throws Exception {
    Answer v1 = lab.post("/ml/vision/templates/training", alice, V1);
    assertThat(v1.status()).isEqualTo(201);
    assertThat(v1.json().get("project").asString()).isEqualTo("ml/vision");
    assertThat(v1.json().get("name").asString()).isEqualTo("training");
    assertThat(v1.json().get("version").asInt()).isEqualTo(1);
    assertThat(v1.json().get("ref").asString()).isEqualTo("lab:ml/vision/training@1");
    assertThat(v1.json().get("sha256").asString()).isEqualTo(JdbcStore.hash(V1));
    assertThat(v1.json().get("published_by").asString()).isEqualTo("alice");
    assertThat(v1.json().get("published_at").asLong()).isPositive();
    assertThat(v1.json().get("created").asBoolean()).isTrue();

    Answer v2 = lab.post("/ml/vision/templates/training", bob, V2);
    assertThat(v2.status()).as(v2.text()).isEqualTo(201);
    assertThat(v2.json().get("version").asInt()).isEqualTo(2);
    assertThat(v2.json().get("published_by").asString()).isEqualTo("bob");

    Answer refused = lab.post("/ml/vision/templates/training", alice, V3);
    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
    assertThat(refused.detail())
        .isEqualTo(
            "lab:ml/vision/training@3 would break backward compatibility with version 2:"
                + " 1 breaking change");
    assertThat(refused.json().get("mode").asString()).isEqualTo("backward");
    JsonNode report = refused.json().get("report");
    assertThat(report.get("compatible").asBoolean()).isFalse();
    assertThat(refused.json().get("text").asString())
        .contains("/properties/lr/maximum")
        .endsWith("1 change, 1 breaks backward: incompatible");
    // the witness validates as the report claims: valid under v2, invalid under v3
    List<JsonNode> witnesses = new ArrayList<>();
    report.get("changes").forEach(c -> c.get("witnesses").forEach(witnesses::add));
    assertThat(witnesses).isNotEmpty();
    for (JsonNode w : witnesses) {
      assertThat(w.get("direction").asString()).isEqualTo("BACKWARD");
      String document = w.get("document").toString();
      assertThat(ConfigSchema.fromText(V2).validateText(document).isValid()).isTrue();
      assertThat(ConfigSchema.fromText(V3).validateText(document).violations())
          .extracting(v -> v.instancePath() + " " + v.keyword())
          .containsExactly("/lr maximum");
    }
    // nothing was stored
    assertThat(lab.get("/ml/vision/templates/training", alice).json().get("latest").asInt())
        .isEqualTo(2);
    assertThat(lab.get("/ml/vision/templates/training/versions/3", alice).status()).isEqualTo(404);

    Answer none =
        lab.call("PUT", "/ml/vision/templates/training/mode", bob, "{\"mode\": \"none\"}");
    assertThat(none.status()).as(none.text()).isEqualTo(200);
    assertThat(none.text())
        .isEqualTo("{\"project\":\"ml/vision\",\"name\":\"training\",\"mode\":\"none\"}");
    Answer v3 = lab.post("/ml/vision/templates/training", alice, V3);
    assertThat(v3.status()).as(v3.text()).isEqualTo(201);
    assertThat(v3.json().get("version").asInt()).isEqualTo(3);

    // the compat route reports the same change between the stored versions
    Answer compat =
        lab.get("/ml/vision/templates/training/compat?from=2&to=3&mode=backward", alice);
    assertThat(compat.status()).as(compat.text()).isEqualTo(200);
    assertThat(compat.json().get("from").asInt()).isEqualTo(2);
    assertThat(compat.json().get("to").asInt()).isEqualTo(3);
    assertThat(compat.json().get("mode").asString()).isEqualTo("backward");
    assertThat(compat.json().get("compatible").asBoolean()).isFalse();
    assertThat(compat.json().get("text").asString())
        .isEqualTo(refused.json().get("text").asString());
    Answer byMode = lab.get("/ml/vision/templates/training/compat?from=2&to=3", alice);
    assertThat(byMode.json().get("mode").asString()).isEqualTo("none");
    assertThat(byMode.json().get("compatible").asBoolean()).isTrue();
    Answer forward = lab.get("/ml/vision/templates/training/compat?from=1&to=2&mode=full", alice);
    assertThat(forward.json().get("compatible").asBoolean()).isFalse();
    assertThat(lab.get("/ml/vision/templates/training/compat?from=1&to=2", alice).status())
        .isEqualTo(200);
  }

  @Test
  void aTransitiveModeChecksEveryEarlierVersion() throws Exception {
    String base = "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\",";
    assertThat(lab.post("/ml/vision/templates/steps", alice, base + " \"maximum\": 5}}}").status())
        .isEqualTo(201);
    lab.call("PUT", "/ml/vision/templates/steps/mode", alice, "{\"mode\": \"none\"}");
    assertThat(lab.post("/ml/vision/templates/steps", alice, base + " \"maximum\": 9}}}").status())
        .isEqualTo(201);
    assertThat(
            lab.call(
                    "PUT",
                    "/ml/vision/templates/steps/mode",
                    alice,
                    "{\"mode\": \"FORWARD_transitive\"}")
                .text())
        .contains("\"mode\":\"forward-transitive\"");
    // 7 was invalid under v1 (maximum 5), valid under v2 and the candidate: only v1 is broken
    Answer refused = lab.post("/ml/vision/templates/steps", alice, base + " \"maximum\": 8}}}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
    assertThat(refused.detail())
        .isEqualTo(
            "lab:ml/vision/steps@3 would break forward-transitive compatibility with version 1:"
                + " 1 breaking change");
    assertThat(refused.json().get("report").get("changes").get(0).get("against").asString())
        .isEqualTo("lab:ml/vision/steps@1");
  }

  @Test
  void republishingAVersionsContentInAnyLayoutReturnsThatVersionAsPublished() throws Exception {
    String text = "{\"type\": \"object\", \"title\": \"same\"}";
    Answer first = lab.post("/ml/vision/templates/same", alice, text);
    assertThat(first.status()).isEqualTo(201);
    lab.call("PUT", "/ml/vision/templates/same/mode", alice, "{\"mode\": \"none\"}");
    assertThat(lab.post("/ml/vision/templates/same", alice, "{\"type\": \"string\"}").status())
        .isEqualTo(201);

    for (String sameContent :
        new String[] {
          text, text + "\n", "{\n  \"type\":\"object\",\r\n\t\"title\" : \"same\"\n}\n"
        }) {
      Answer again = lab.post("/ml/vision/templates/same", bob, sameContent);
      assertThat(again.status()).as(again.text()).isEqualTo(200);
      assertThat(again.json().get("created").asBoolean()).isFalse();
      assertThat(again.json().get("version").asInt()).isEqualTo(1);
      assertThat(again.json().get("sha256").asString()).isEqualTo(JdbcStore.hash(text));
      assertThat(again.json().get("published_by").asString()).isEqualTo("alice");
      assertThat(again.json().get("published_at").asLong())
          .isEqualTo(first.json().get("published_at").asLong());
    }
    Answer stored = lab.get("/ml/vision/templates/same/versions/1", bob);
    assertThat(stored.text()).isEqualTo(text);
    assertThat(stored.header("ETag")).isEqualTo("\"" + JdbcStore.hash(text) + "\"");
    assertThat(lab.get("/ml/vision/templates/same", bob).json().get("latest").asInt()).isEqualTo(2);
    // other content is another version: keys in another order, a string that differs by a space
    Answer reordered =
        lab.post("/ml/vision/templates/same", alice, "{\"title\": \"same\", \"type\": \"object\"}");
    assertThat(reordered.status()).isEqualTo(201);
    assertThat(reordered.json().get("version").asInt()).isEqualTo(3);
    assertThat(
            lab.post(
                    "/ml/vision/templates/same",
                    alice,
                    "{\"type\": \"object\", \"title\": \"same \"}")
                .json()
                .get("version")
                .asInt())
        .isEqualTo(4);
  }

  @Test
  void aVersionReadsBackExactlyWithItsHashAsETag() throws Exception {
    String text = "{ \"type\" : \"object\" ,\n  \"title\": \"Caf\u00e9\" }\n";
    lab.post("/ml/vision/templates/exact", alice, text);
    Answer v1 = lab.get("/ml/vision/templates/exact/versions/1", bob);
    assertThat(v1.status()).isEqualTo(200);
    assertThat(v1.text()).isEqualTo(text);
    assertThat(v1.header("Content-Type")).startsWith("application/schema+json");
    String etag = "\"" + JdbcStore.hash(text) + "\"";
    assertThat(v1.header("ETag")).isEqualTo(etag);
    assertThat(v1.header("X-Template-Version")).isEqualTo("1");

    Answer latest = lab.get("/ml/vision/templates/exact/versions/latest", bob);
    assertThat(latest.text()).isEqualTo(text);
    assertThat(latest.header("X-Template-Version")).isEqualTo("1");

    Answer cached =
        lab.call("GET", "/ml/vision/templates/exact/versions/1", bob, null, "If-None-Match", etag);
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.text()).isEmpty();
    Answer listed =
        lab.call(
            "GET",
            "/ml/vision/templates/exact/versions/latest",
            bob,
            null,
            "If-None-Match",
            "\"0000\", W/" + etag);
    assertThat(listed.status()).isEqualTo(304);
    Answer stale =
        lab.call(
            "GET", "/ml/vision/templates/exact/versions/1", bob, null, "If-None-Match", "\"00\"");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.text()).isEqualTo(text);
  }

  @Test
  void whatDoesNotExistOrMayNotBeSeenIs404() throws Exception {
    lab.post("/ml/vision/templates/seen", alice, "{}");
    assertThat(lab.get("/ml/vision/templates/seen/versions/2", alice).detail())
        .isEqualTo("no template version lab:ml/vision/seen@2");
    assertThat(lab.get("/ml/vision/templates/seen/versions/two", alice).status()).isEqualTo(404);
    assertThat(lab.get("/ml/vision/templates/seen/versions/0", alice).status()).isEqualTo(404);
    assertThat(lab.get("/ml/vision/templates/nothing/versions/1", alice).detail())
        .isEqualTo("no template 'lab:ml/vision/nothing'");
    assertThat(lab.get("/ml/vision/templates/nothing/versions/latest", alice).status())
        .isEqualTo(404);
    assertThat(lab.get("/ml/vision/templates/nothing", alice).detail())
        .isEqualTo("no template 'lab:ml/vision/nothing'");
    assertThat(lab.get("/ml/vision/templates/Not%20A%20Name", alice).status()).isEqualTo(404);
    assertThat(
            lab.call("PUT", "/ml/vision/templates/nothing/mode", alice, "{\"mode\": \"full\"}")
                .detail())
        .isEqualTo("no template 'lab:ml/vision/nothing'");
    assertThat(lab.get("/ml/vision/templates/nothing/compat?from=1&to=2", alice).status())
        .isEqualTo(404);
    assertThat(lab.get("/ml/vision/templates/seen/compat?from=1&to=2", alice).detail())
        .isEqualTo("no template version lab:ml/vision/seen@2");

    // bob is no member of team/common: its templates are hidden exactly like a missing project
    Answer hidden = lab.get("/team/common/templates/units/versions/1", bob);
    Answer missing = lab.get("/no/such/templates/units/versions/1", bob);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.detail()).isEqualTo("no project 'team/common'");
    assertThat(missing.detail()).isEqualTo("no project 'no/such'");
    assertThat(lab.get("/team/common/templates", bob).status()).isEqualTo(404);
    assertThat(lab.get("/team/common/templates/units", bob).status()).isEqualTo(404);
    assertThat(lab.post("/team/common/templates/units", bob, "{}").status()).isEqualTo(404);
    assertThat(
            lab.call("PUT", "/team/common/templates/units/mode", bob, "{\"mode\": \"none\"}")
                .status())
        .isEqualTo(404);
    assertThat(lab.get("/team/common/templates/units", ADMIN_KEY).status()).isEqualTo(200);
    assertThat(lab.get("/team/common/templates", null).status()).isEqualTo(401);
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() throws Exception {
    Answer notJson = lab.post("/ml/vision/templates/broken", alice, "{\"type\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.detail()).startsWith("invalid request body: ");
    Answer duplicate = lab.post("/ml/vision/templates/broken", alice, "{\"a\": 1, \"a\": 2}");
    assertThat(duplicate.status()).isEqualTo(400);
    Answer badName = lab.post("/ml/vision/templates/Bad%20Name", alice, "{}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.detail()).contains("template name");

    lab.post("/ml/vision/templates/moded", alice, "{}");
    Answer badMode =
        lab.call("PUT", "/ml/vision/templates/moded/mode", alice, "{\"mode\": \"sideways\"}");
    assertThat(badMode.status()).isEqualTo(400);
    assertThat(badMode.detail())
        .isEqualTo(
            "unknown compatibility mode \"sideways\": use backward, forward, full or none, or one"
                + " of them with -transitive");
    assertThat(lab.call("PUT", "/ml/vision/templates/moded/mode", alice, "{\"mode\": 3}").status())
        .isEqualTo(400);
    assertThat(lab.call("PUT", "/ml/vision/templates/moded/mode", alice, "{}").status())
        .isEqualTo(400);
    assertThat(lab.get("/ml/vision/templates/moded/compat?to=1", alice).detail())
        .isEqualTo("from is required: compat?from=N&to=M[&mode=ID]");
    assertThat(lab.get("/ml/vision/templates/moded/compat?from=1&to=x", alice).detail())
        .isEqualTo("to must be an integer from 1 to 2147483647");
    assertThat(lab.get("/ml/vision/templates/moded/compat?from=1&to=1&mode=up", alice).status())
        .isEqualTo(400);
    assertThat(lab.get("/ml/vision/templates?size=0", alice).status()).isEqualTo(400);
  }

  @Test
  void aTemplateThatFailsItsMetaSchemaIsRefusedWithEveryProblem() throws Exception {
    Answer a =
        lab.post(
            "/ml/vision/templates/invalid",
            alice,
            "{\"type\": \"objec\", \"properties\": {\"a\": {\"minLength\": -1}}}");
    assertThat(a.status()).as(a.text()).isEqualTo(422);
    assertThat(a.detail())
        .isEqualTo("invalid template: /properties/a/minLength: must be at least 0 (minimum)");
    assertThat(a.json().get("violations").toString())
        .isEqualTo(
            "[{\"path\":\"/properties/a/minLength\",\"message\":\"must be at least 0"
                + " (minimum)\"},{\"path\":\"/type\",\"message\":\"must be one of [\\\"array\\\","
                + " \\\"boolean\\\", \\\"integer\\\", \\\"null\\\", \\\"number\\\","
                + " \\\"object\\\", \\\"string\\\"] (enum)\"}]");
    Answer array = lab.post("/ml/vision/templates/invalid", alice, "[1]");
    assertThat(array.status()).isEqualTo(422);
    assertThat(array.detail())
        .isEqualTo("invalid template: a schema must be an object or a boolean, found ARRAY");
    // a ref that fails only when a document is validated is found before anything is stored
    Answer dynamic =
        lab.post("/ml/vision/templates/invalid", alice, "{\"$dynamicRef\": \"#meta\"}");
    assertThat(dynamic.status()).as(dynamic.text()).isEqualTo(422);
    assertThat(dynamic.detail())
        .isEqualTo(
            "invalid template: /$dynamicRef: cannot resolve $dynamicRef '#meta': this schema"
                + " declares no $anchor 'meta'");
    assertThat(dynamic.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/$dynamicRef");
    Answer anchored =
        lab.post(
            "/ml/vision/templates/anchored",
            alice,
            "{\"$defs\": {\"m\": {\"$dynamicAnchor\": \"meta\", \"type\": \"object\"}},"
                + " \"$dynamicRef\": \"#meta\"}");
    assertThat(anchored.status()).as(anchored.text()).isEqualTo(201);
    assertThat(lab.get("/ml/vision/templates/invalid", alice).status()).isEqualTo(404);
  }

  @Test
  void aLongRefThatCannotBeResolvedIsAnswered422NeverA500() throws Exception {
    // found by TemplateBodyFuzzTest: reading such a message with a regex overflowed the stack
    String ref = "lab:team/common/units@1#/" + "9".repeat(3000) + "/nowhere'" + "a".repeat(3000);
    Answer a =
        lab.post("/ml/vision/templates/long", alice, "{\"items\": {\"$ref\": \"" + ref + "\"}}");
    assertThat(a.status()).isEqualTo(422);
    // the engine names this ref percent-encoded and without the document: no pointer is found
    assertThat(a.detail())
        .startsWith(
            "invalid template: cannot resolve $ref 'lab:team/common/units@1#/%39"
                + "9".repeat(2999));
    assertThat(a.detail()).endsWith("/nowhere'" + "a".repeat(3000) + " (its top level has: $defs)");
    assertThat(a.json().get("violations")).hasSize(1);
  }

  @Test
  void aTemplateOverTheBodyLimitIsRefusedAndAnyContentTypeIsRead() throws Exception {
    // only the headers are sent: the server refuses by Content-Length before reading a body (a
    // client still sending 4 MiB when the refusal closes the connection could see a broken pipe)
    RawHttp.Answer tooLarge =
        RawHttp.send(
            server.port(),
            "POST /ml/vision/templates/big HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + alice
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (LabServer.MAX_BODY + 1)
                + "\r\nConnection: close\r\n\r\n",
            false);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body())
        .isEqualTo("{\"detail\":\"request body larger than 4194304 bytes\"}");
    assertThat(lab.get("/ml/vision/templates/big", alice).status()).isEqualTo(404);
    Answer form =
        lab.call(
            "POST",
            "/ml/vision/templates/typed",
            alice,
            "{\"type\": \"object\"}",
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(form.status()).as(form.text()).isEqualTo(201);
    assertThat(lab.get("/ml/vision/templates/typed/versions/1", alice).text())
        .isEqualTo("{\"type\": \"object\"}");
  }

  @Test
  void refsReachPinnedVersionsOfProjectsThePublisherMayRead() throws Exception {
    String training =
        """
        {"type": "object",
         "properties": {"lr": {"$ref": "lab:team/common/units@1#/$defs/rate"}}}
        """;
    // bob may not read team/common: refused exactly as a version that does not exist
    Answer refused = lab.post("/ml/vision/templates/shared", bob, training);
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.detail())
        .isEqualTo(
            "invalid template: /properties/lr/$ref: cannot resolve $ref"
                + " 'lab:team/common/units@1#/$defs/rate': lab:team/common/units@1: no such"
                + " template version (or this key may not read it)");
    assertThat(refused.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/properties/lr/$ref");
    Answer missing =
        lab.post("/ml/vision/templates/shared", alice, training.replace("units@1", "units@7"));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.detail()).isEqualTo(refused.detail().replace("units@1", "units@7"));

    Answer published = lab.post("/ml/vision/templates/shared", alice, training);
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    // once published, the version reads back for bob, who may use ml/vision
    assertThat(lab.get("/ml/vision/templates/shared/versions/1", bob).text()).isEqualTo(training);
  }

  @Test
  void refsToAnythingButAPinnedLabVersionAreRefused() throws Exception {
    for (String ref :
        List.of(
            "lab:team/common/units@latest",
            "common.schema.json",
            "https://schemas.example/s.json",
            "file:///etc/passwd",
            "urn:example:units",
            "lab:team/common/units",
            "units@1",
            "../../team/common/units@1")) {
      String text = "{\"properties\": {\"a\": {\"$ref\": \"" + ref + "\"}}}";
      Answer a = lab.post("/ml/vision/templates/refs", alice, text);
      assertThat(a.status()).as(ref + ": " + a.text()).isEqualTo(422);
      assertThat(a.detail())
          .as(ref)
          .startsWith("invalid template: /properties/a/$ref: cannot resolve $ref '" + ref + "': ");
    }
    assertThat(
            lab.post(
                    "/ml/vision/templates/refs",
                    alice,
                    "{\"properties\": {\"a\": {\"$ref\": \"lab:team/common/units@latest\"}}}")
                .detail())
        .endsWith("never to @latest");
    assertThat(
            lab.post(
                    "/ml/vision/templates/refs",
                    alice,
                    "{\"properties\": {\"a\": {\"$ref\": \"https://schemas.example/s.json\"}}}")
                .detail())
        .isEqualTo(
            "invalid template: /properties/a/$ref: cannot resolve $ref"
                + " 'https://schemas.example/s.json': https://schemas.example/s.json was not loaded:"
                + " a published template refers only to its own fragments (#...) and to pinned"
                + " versions (lab:OWNER/PROJECT/NAME@N); nothing is fetched from anywhere else");
    // the pointer to a ref escapes property names as JSON Pointer does
    assertThat(
            lab.post(
                    "/ml/vision/templates/refs",
                    alice,
                    "{\"properties\": {\"a/b~c\": {\"$ref\": \"common.json\"}}}")
                .detail())
        .startsWith(
            "invalid template: /properties/a~1b~0c/$ref: cannot resolve $ref 'common.json'");
    // a relative ref is refused even where it would resolve to a published version
    assertThat(
            lab.post(
                    "/ml/vision/templates/refs",
                    alice,
                    "{\"properties\": {\"a\": {\"$ref\": \"../../team/common/units@1\"}}}")
                .detail())
        .isEqualTo(
            "invalid template: /properties/a/$ref: cannot resolve $ref"
                + " '../../team/common/units@1': a relative ref; a published template refers only"
                + " to its own fragments (#...) and to pinned versions (lab:OWNER/PROJECT/NAME@N)");
    assertThat(lab.get("/ml/vision/templates/refs", alice).status()).isEqualTo(404);
  }

  @Test
  void listsArePagedByName() throws Exception {
    lab.project(ADMIN_KEY, "paged/list", "alice");
    for (String name : List.of("gamma", "alpha", "beta")) {
      assertThat(lab.post("/paged/list/templates/" + name, alice, "{}").status()).isEqualTo(201);
    }
    lab.call("PUT", "/paged/list/templates/beta/mode", alice, "{\"mode\": \"full\"}");
    lab.post("/paged/list/templates/beta", alice, "{\"title\": \"b2\"}");

    Answer all = lab.get("/paged/list/templates", alice);
    assertThat(all.json().get("page").asInt()).isEqualTo(1);
    assertThat(all.json().get("size").asInt()).isEqualTo(50);
    List<String> names = new ArrayList<>();
    all.json().get("templates").forEach(t -> names.add(t.get("name").asString()));
    assertThat(names).containsExactly("alpha", "beta", "gamma");
    JsonNode beta = all.json().get("templates").get(1);
    assertThat(beta.get("latest").asInt()).isEqualTo(2);
    assertThat(beta.get("ref").asString()).isEqualTo("lab:paged/list/beta@2");
    assertThat(beta.get("mode").asString()).isEqualTo("full");
    assertThat(beta.get("updated_at").asLong()).isPositive();
    JsonNode second = lab.get("/paged/list/templates?page=2&size=2", alice).json();
    assertThat(second.get("templates")).hasSize(1);
    assertThat(second.get("templates").get(0).get("name").asString()).isEqualTo("gamma");

    JsonNode versions = lab.get("/paged/list/templates/beta?size=1&page=2", alice).json();
    assertThat(versions.get("project").asString()).isEqualTo("paged/list");
    assertThat(versions.get("name").asString()).isEqualTo("beta");
    assertThat(versions.get("mode").asString()).isEqualTo("full");
    assertThat(versions.get("latest").asInt()).isEqualTo(2);
    assertThat(versions.get("versions")).hasSize(1);
    JsonNode v2 = versions.get("versions").get(0);
    assertThat(v2.get("version").asInt()).isEqualTo(2);
    assertThat(v2.get("ref").asString()).isEqualTo("lab:paged/list/beta@2");
    assertThat(v2.get("sha256").asString()).isEqualTo(JdbcStore.hash("{\"title\": \"b2\"}"));
    assertThat(v2.get("published_by").asString()).isEqualTo("alice");
    assertThat(v2.get("bytes").asLong()).isEqualTo(15);
    JsonNode both = lab.get("/paged/list/templates/beta", alice).json();
    assertThat(both.get("versions"))
        .extracting(v -> v.get("version").asInt())
        .containsExactly(1, 2);
  }
}
