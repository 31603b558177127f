package io.hectiqlab;

import io.hectiqlab.internal.SchemaDiff;
import org.junit.jupiter.api.Test;

class ScratchApiProbesTest {
  static void show(String o, String n) {
    ConfigSchema a = ConfigSchema.fromText(CompatibilityTable.json(o));
    ConfigSchema b = ConfigSchema.fromText(CompatibilityTable.json(n));
    for (SchemaDiff.Change c :
        SchemaDiff.compare(a.compiled(), b.compiled(), Compatibility.ContentModel.OPEN)) {
      System.out.println(
          "CHANGE "
              + c.kind()
              + " "
              + c.instancePath()
              + " bw="
              + c.backward()
              + " "
              + c.backwardProbes()
              + " fw="
              + c.forward()
              + " "
              + c.forwardProbes());
    }
  }

  @Test
  void probes() {
    show(
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}, 'layer': {'type': 'object', 'properties': {'units': {'$ref': '#/$defs/pi', 'maximum': 100}}}}, 'properties': {'layers': {'type': 'array', 'items': {'$ref': '#/$defs/layer'}}}}",
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}, 'layer': {'type': 'object', 'properties': {'units': {'$ref': '#/$defs/pi', 'maximum': 50}}}}, 'properties': {'layers': {'type': 'array', 'items': {'$ref': '#/$defs/layer'}}}}");
    show(
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}}, 'properties': {'units': {'$ref': '#/$defs/pi', 'maximum': 100}, 'b': {'$ref': '#/$defs/pi', 'maximum': 100}}}",
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}}, 'properties': {'units': {'$ref': '#/$defs/pi', 'maximum': 50}, 'b': {'$ref': '#/$defs/pi', 'maximum': 100}}}");
    show(
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}}, 'properties': {'b': {'$ref': '#/$defs/pi', 'maximum': 100}, 'units': {'$ref': '#/$defs/pi', 'maximum': 100}}}",
        "{'$defs': {'pi': {'type': 'integer', 'minimum': 1}}, 'properties': {'b': {'$ref': '#/$defs/pi', 'maximum': 100}, 'units': {'$ref': '#/$defs/pi', 'maximum': 50}}}");
  }
}
