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
