package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.lab.TemplateRef;
import io.hectiqlab.server.LabHttp.Answer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a published template may hold, through the real server: no identifier that stands in for a
 * published version, every ref resolvable by its publisher, and a use (push, or a ref to it) that
 * needs reading every version it reaches.
 */
class TemplateIntegrityTest {
  static final String ADMIN_KEY = "hql_integrity_admin_key_0123456789";

  static final String TRAINING =
      "{\"type\": \"object\", \"properties\": {\"lr\": {\"type\": \"number\"}}}";

  static final String BASE =
      "{\"type\": \"object\", \"properties\": {\"team\": {\"enum\": [\"secret-north\","
          + " \"secret-south\"]}}, \"required\": [\"team\"]}";

  @TempDir static Path dir;
  static LabServer server;
  static LabHttp lab;
  static String alice; // member of ta/pa
  static String bob; // member of ta/pa and tb/pb
  static String eve; // member of te/pe and tb/pb, not ta/pa

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    lab = new LabHttp(server.port());
    alice = lab.user(ADMIN_KEY, "alice");
    bob = lab.user(ADMIN_KEY, "bob");
    eve = lab.user(ADMIN_KEY, "eve");
    lab.project(ADMIN_KEY, "ta/pa", "alice", "bob");
    lab.project(ADMIN_KEY, "tb/pb", "bob", "eve");
    lab.project(ADMIN_KEY, "te/pe", "eve");
    assertThat(lab.post("/ta/pa/templates/training", alice, TRAINING).status()).isEqualTo(201);
    assertThat(lab.post("/ta/pa/templates/base", alice, BASE).status()).isEqualTo(201);
    Answer mid = lab.post("/tb/pb/templates/mid", bob, "{\"$ref\": \"lab:ta/pa/base@1\"}");
    assertThat(mid.status()).as(mid.text()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String run(String project, String key) throws Exception {
    Answer a = lab.post("/" + project + "/runs", key, "{\"name\": \"r\"}");
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return "/" + project + "/runs/" + a.json().get("slug").asString();
  }

  private static String push(String config, String template) {
    return "{\"meta\": {\"__config__\": " + config + ", \"__template__\": " + template + "}}";
  }

  @Test
  void anIdNamingALabVersionIsRefusedWithItsPointer() throws Exception {
    Answer root =
        lab.post(
            "/te/pe/templates/id3",
            eve,
            "{\"$id\": \"lab:ta/pa/training@1\", \"type\": \"object\","
                + " \"properties\": {\"lr\": {\"const\": \"spoofed\"}}}");
    assertThat(root.status()).as(root.text()).isEqualTo(422);
    assertThat(root.detail())
        .isEqualTo(
            "invalid template: /$id: declares the id 'lab:ta/pa/training@1', which resolves to a"
                + " lab: IRI; a published template may not declare a lab: id (it would stand in"
                + " for a published version)");
    assertThat(root.json().get("violations").get(0).get("path").asString()).isEqualTo("/$id");

    Answer nested =
        lab.post(
            "/te/pe/templates/id3",
            eve,
            "{\"$ref\": \"lab:ta/pa/training@77\","
                + " \"$defs\": {\"fake\": {\"$id\": \"lab:ta/pa/training@77\", \"type\": \"string\"}}}");
    assertThat(nested.status()).isEqualTo(422);
    assertThat(nested.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/$defs/fake/$id");
    // draft 4's id, and a relative id (it resolves against the version's own lab: IRI)
    Answer draft4 =
        lab.post(
            "/te/pe/templates/id3",
            eve,
            "{\"$schema\": \"http://json-schema.org/draft-04/schema#\","
                + " \"properties\": {\"a\": {\"id\": \"LAB:ta/pa/training@1\"}}}");
    assertThat(draft4.status()).isEqualTo(422);
    assertThat(draft4.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/properties/a/id");
    Answer relative =
        lab.post("/te/pe/templates/id3", eve, "{\"items\": {\"$id\": \"training@1\"}}");
    assertThat(relative.status()).isEqualTo(422);
    assertThat(relative.detail())
        .startsWith("invalid template: /items/$id: declares the id 'training@1', which resolves");
    assertThat(lab.get("/te/pe/templates/id3", eve).status()).isEqualTo(404);
    // ids of another scheme stay allowed, relative ones below them too
    Answer https =
        lab.post(
            "/te/pe/templates/ids",
            eve,
            "{\"$id\": \"https://schemas.example/s.json\","
                + " \"$defs\": {\"a\": {\"$id\": \"a.json\", \"type\": \"string\"}}}");
    assertThat(https.status()).as(https.text()).isEqualTo(201);
  }

  @Test
  void aClientRefusesAFetchedVersionWhoseIdNamesAnotherVersion() {
    // what a hostile or older lab could serve: the client compiles it with the same rule
    Map<String, String> texts =
        Map.of(
            "lab:te/pe/id3@1",
            "{\"$id\": \"lab:ta/pa/training@1\", \"properties\": {\"lr\": {\"const\": \"spoofed\"}}}",
            "lab:ta/pa/training@1",
            TRAINING);
    String combo =
        "{\"allOf\": [{\"$ref\": \"lab:te/pe/id3@1\"}, {\"$ref\": \"lab:ta/pa/training@1\"}]}";
    assertThatThrownBy(
            () ->
                ConfigSchema.fromLab(
                    TemplateRef.parse("lab:tb/pb/combo@1"), combo, r -> texts.get(r.toString())))
        .isInstanceOf(ConfigException.BadSchema.class)
        .hasMessageContaining(
            "cannot resolve $ref 'lab:te/pe/id3@1': lab:te/pe/id3@1: /$id: declares the id"
                + " 'lab:ta/pa/training@1', which resolves to a lab: IRI");
  }

  @Test
  void everyRefIsResolvedAtPublishAlsoThoseNoDocumentReaches() throws Exception {
    Answer missing =
        lab.post(
            "/te/pe/templates/refs",
            eve,
            "{\"$defs\": {\"a\": {\"$ref\": \"lab:ta/pa/nosuch@1\"}}}");
    assertThat(missing.status()).as(missing.text()).isEqualTo(422);
    assertThat(missing.detail())
        .isEqualTo(
            "invalid template: /$defs/a/$ref: cannot resolve $ref 'lab:ta/pa/nosuch@1':"
                + " lab:ta/pa/nosuch@1: no such template version (or this key may not read it)");
    Answer local =
        lab.post("/te/pe/templates/refs", eve, "{\"$defs\": {\"a\": {\"$ref\": \"#/nope\"}}}");
    assertThat(local.status()).as(local.text()).isEqualTo(422);
    assertThat(local.detail())
        .isEqualTo(
            "invalid template: /$defs/a/$ref: cannot resolve $ref '#/nope': this schema has no"
                + " /nope (its top level has: $defs)");
    Answer fragment =
        lab.post(
            "/ta/pa/templates/refs",
            alice,
            "{\"$defs\": {\"a\": {\"$ref\": \"lab:ta/pa/training@1#/$defs/none\"}}}");
    assertThat(fragment.status()).as(fragment.text()).isEqualTo(422);
    assertThat(fragment.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/$defs/a/$ref");
    // eve may read tb/pb/mid but not ta/pa/base, which mid refers to
    Answer indirect =
        lab.post(
            "/te/pe/templates/refs", eve, "{\"$defs\": {\"a\": {\"$ref\": \"lab:tb/pb/mid@1\"}}}");
    assertThat(indirect.status()).as(indirect.text()).isEqualTo(422);
    assertThat(indirect.detail())
        .isEqualTo(
            "invalid template: /$defs/a/$ref: referenced schema lab:tb/pb/mid@1:1:10: cannot"
                + " resolve $ref 'lab:ta/pa/base@1': lab:ta/pa/base@1: no such template version"
                + " (or this key may not read it)");
    assertThat(indirect.json().get("violations").get(0).get("path").asString())
        .isEqualTo("/$defs/a/$ref");
    assertThat(indirect.text()).doesNotContain("secret");
    assertThat(lab.get("/te/pe/templates/refs", eve).status()).isEqualTo(404);
    assertThat(lab.get("/ta/pa/templates/refs", alice).status()).isEqualTo(404);
  }

  @Test
  void aPushNeedsReadingEveryVersionItsTemplateReaches() throws Exception {
    String template = "{\"name\": \"mid\", \"version\": 1, \"project\": \"tb/pb\"}";
    String eves = run("te/pe", eve);
    for (String config : new String[] {"{\"team\": \"x\"}", "{\"team\": \"secret-north\"}"}) {
      Answer refused = lab.post(eves + "/meta", eve, push(config, template));
      assertThat(refused.status()).as(refused.text()).isEqualTo(404);
      assertThat(refused.detail())
          .isEqualTo(
              "template lab:tb/pb/mid@1 refers to a template version this key may not read: it"
                  + " cannot be used");
      assertThat(refused.text()).doesNotContain("secret");
    }
    assertThat(lab.get(eves + "/configs/history", eve).text()).doesNotContain("team");
    // bob reads every version mid reaches
    String bobs = run("tb/pb", bob);
    Answer invalid = lab.post(bobs + "/meta", bob, push("{\"team\": \"x\"}", template));
    assertThat(invalid.status()).as(invalid.text()).isEqualTo(422);
    Answer valid = lab.post(bobs + "/meta", bob, push("{\"team\": \"secret-north\"}", template));
    assertThat(valid.status()).as(valid.text()).isEqualTo(200);
  }

  @Test
  void aTemplateThatStopsOnALimitValidatingAnEmptyObjectIsRefused() throws Exception {
    assertThat(lab.post("/ta/pa/templates/ch0", alice, "{\"type\": \"object\"}").status())
        .isEqualTo(201);
    int n = 1;
    Answer last = null;
    for (; n <= 700; n++) {
      last =
          lab.post(
              "/ta/pa/templates/ch" + n, alice, "{\"$ref\": \"lab:ta/pa/ch" + (n - 1) + "@1\"}");
      if (last.status() != 201) {
        break;
      }
    }
    assertThat(n).as("the chain is refused before 700 links").isLessThanOrEqualTo(700);
    assertThat(last.status()).as(last.text()).isEqualTo(422);
    assertThat(last.detail())
        .isEqualTo(
            "invalid template: validation stopped: schema evaluation nests deeper than 512 levels"
                + " when validating {}: such a template can never validate a config");
    assertThat(lab.get("/ta/pa/templates/ch" + n, alice).status()).isEqualTo(404);
    // the longest chain published still validates
    String r = run("ta/pa", alice);
    Answer pushed =
        lab.post(
            r + "/meta", alice, push("{}", "{\"name\": \"ch" + (n - 1) + "\", \"version\": 1}"));
    assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
  }

  @Test
  void aTemplateVersionBeyondAnIntIsRefusedAs400() throws Exception {
    String r = run("ta/pa", alice);
    for (String version : new String[] {"2147483648", "99999999999"}) {
      Answer a =
          lab.post(
              r + "/meta",
              alice,
              push("{}", "{\"name\": \"training\", \"version\": " + version + "}"));
      assertThat(a.status()).as(a.text()).isEqualTo(400);
      assertThat(a.detail())
          .isEqualTo(
              "invalid request body: /meta/__template__/version: must be at most 2147483647");
    }
    Answer largest =
        lab.post(
            r + "/meta", alice, push("{}", "{\"name\": \"training\", \"version\": 2147483647}"));
    assertThat(largest.status()).isEqualTo(404);
    assertThat(largest.detail()).isEqualTo("no template version lab:ta/pa/training@2147483647");
  }

  @Test
  void aPushToAMissingRunIs404WhateverTheConfig() throws Exception {
    String template = "{\"name\": \"training\", \"version\": 1}";
    for (String config : new String[] {"{\"lr\": \"not a number\"}", "{\"lr\": 0.1}"}) {
      Answer a = lab.post("/ta/pa/runs/nosuch/meta", alice, push(config, template));
      assertThat(a.status()).as(a.text()).isEqualTo(404);
      assertThat(a.detail()).isEqualTo("no run 'nosuch'");
    }
  }
}
