package io.hectiqlab;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchTest {
  void show(ConfigLayers l) {
    try {
      ComposedConfig c = l.compose();
      System.out.println("OK " + c.config().toJson().replace("\n", " "));
      System.out.println("  layers " + c.layers());
      for (String p : List.of("", "name", "server", "server.port", "server.host", "tags", "plugins", "plugins.0", "plugins.1", "layers.0.units", "layers.0.activation", "layers.1", "optimizer.lr", "db.password")) {
        System.out.println("  " + p + " <- " + c.origin(p) + "  " + c.history(p));
      }
    } catch (ConfigException e) {
      System.out.println("ERR " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  @Test
  void scratch() {
    show(LayersFixture.layers()
        .source(LayersFixture.yaml("base.yaml", "name: base\nserver:\n  port: 80\ntags: [a, b]\nplugins: [x]\nlayers:\n  - name: conv\n    units: 3\n  - name: fc\n    units: 4\n"))
        .source(LayersFixture.yaml("exp.yaml", "server:\n  host: h\ntags: [c]\nplugins: [y]\nlayers:\n  - name: fc\n    units: 9\n  - name: out\n    units: 1\ndb:\n  password: hunter2hunter2\n"))
        .environment("APP_", Map.of("APP_SERVER__PORT", "8081", "APP_OPTIMIZER__NAME", "adam"))
        .overrides(List.of("server.debug=true", "+extra.k=1", "~tags", "db.password=secretsecret")));
    show(LayersFixture.layers()
        .source(LayersFixture.yaml("prod.yaml", "name: Bad Name\nserver:\n  port: 70000\nlayers:\n  - units: 3\n  - name: a\n  - name: a\n"))
        .source(LayersFixture.yaml("exp.yaml", "layers:\n  - name: a\n    units: 0\n"))
        .environment("APP_", Map.of("APP_SERVER__PORT", "08", "APP_SERVR__PORT", "1"))
        .overrides(List.of("server.port=abc", "servr.port=1", "+name=x", "~nope", "db.password=short", "a..b=1")));
  }
}
