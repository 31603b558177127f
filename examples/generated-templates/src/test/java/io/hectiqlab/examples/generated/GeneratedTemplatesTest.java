package io.hectiqlab.examples.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigTemplate;
import io.hectiqlab.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedTemplatesTest {

  @Test
  void seedExampleGivesAValidatedConfigWithTheSchemaDefault() {
    Config config = new Params().withStrides(List.of(2, 4, 8, 16)).toConfig();
    assertThat(config.get("strides")).isEqualTo(List.of(2, 4, 8, 16));
    assertThat(config.getString("path")).isEqualTo("./");
  }

  @Test
  void wrongStrideCountFailsWithTheSchemasOwnMessage() {
    Params three = new Params().withStrides(List.of(2, 4, 8));
    ValidationResult result = three.validate();
    assertThat(result.isValid()).isFalse();
    assertThat(result.toString()).contains("/strides").contains("Please provide 4 strides");
    assertThatThrownBy(three::toConfig)
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageContaining("Please provide 4 strides");
    assertThatThrownBy(() -> new Params().toConfig())
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageContaining("strides");
  }

  @Test
  void helpIsTheSchemasHelp() {
    assertThat(Params.help())
        .isEqualTo(ConfigTemplate.schemaOf(Params.class).help())
        .contains("The dataset directory", "List of model's strides");
    assertThat(ConfigTemplate.help(Training.class)).contains("Learning rate");
  }

  @Test
  void descriptionsAreStoredUnderHelpWhenAsked() {
    Config config =
        ConfigTemplate.schemaOf(Params.class)
            .storeHelp(new Params().withStrides(List.of(1, 1, 1, 1)).toConfig());
    assertThat(config.getConfig("__help__")).isNotNull();
    assertThat(ConfigTemplate.fromConfig(config, Params.class).getStrides())
        .containsExactly(1, 1, 1, 1);
  }

  @Test
  void constraintsJavaTypesCannotExpressAreStillChecked() {
    Training t = minimal().withOptimizer(new Optimizer().withLr(2.0));
    assertThat(t.validate().violations())
        .anySatisfy(v -> assertThat(v.instancePath()).isEqualTo("/optimizer/lr"));
    Training badName = minimal().withName("Not A Slug");
    assertThat(badName.validate().isValid()).isFalse();
    Labels labels = new Labels().withAdditionalProperty("Bad Key", "x");
    assertThat(minimal().withLabels(labels).validate().isValid()).isFalse();
  }

  @Test
  void fromConfigRefusesWhatTheSchemaRefuses() {
    Config unknown = minimal().toConfig().set("dataset.colour", "blue");
    assertThatThrownBy(() -> ConfigTemplate.fromConfig(unknown, Training.class))
        .isInstanceOf(ConfigException.Invalid.class)
        .hasMessageContaining("colour");
    Config tooBig = minimal().toConfig().set("model.layers.0.units", 1L << 40);
    assertThatThrownBy(() -> ConfigTemplate.fromConfig(tooBig, Training.class))
        .isInstanceOf(ConfigException.Invalid.class);
  }

  @Test
  void explicitNullAndAbsentBothReadBackAbsent() {
    Config withNull = minimal().withNotes(null).toConfig();
    assertThat(withNull.containsKey("notes")).isFalse();
    Config fromNull = minimal().toConfig().set("notes", null);
    assertThat(ConfigTemplate.fromConfig(fromNull, Training.class).getNotes()).isNull();
    assertThat(minimal().withNotes("n").toConfig().getString("notes")).isEqualTo("n");
  }

  /** Many random trainings: object -> Config -> JSON -> Config -> object is the identity. */
  @Test
  void randomTrainingsRoundTripThroughConfigAndJson() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      Training original = randomTraining(random);
      Config config = original.toConfig();
      Config reread = Config.fromJson(config.toJson());
      assertThat(reread).isEqualTo(config);

      Training back = ConfigTemplate.fromConfig(reread, Training.class);
      // The Config carries the schema's defaults; the object read back has them as values, so
      // compare against the original completed the same way.
      Training completed = ConfigTemplate.fromConfig(config, Training.class);
      assertThat(back).isEqualTo(completed);
      assertThat(back.hashCode()).isEqualTo(completed.hashCode());
      assertThat(back.toConfig()).isEqualTo(config);
      assertThat(back.toString()).contains(original.getName());
    }
  }

  @Test
  void randomParamsRoundTripThroughConfigAndJson() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      List<Integer> strides = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        strides.add(1 + random.nextInt(64));
      }
      Params original = new Params().withStrides(strides);
      if (random.nextBoolean()) {
        original.withPath("/data/run-" + random.nextInt(1000) + "/\u00e9t\u00e9 \"quoted\"");
      }
      Config config = original.toConfig();
      Params back = ConfigTemplate.fromConfig(Config.fromJson(config.toJson()), Params.class);
      assertThat(back).isEqualTo(original);
      assertThat(back.toConfig()).isEqualTo(config);
    }
  }

  private static Training minimal() {
    return new Training()
        .withName("run")
        .withDataset(new Dataset().withName(Dataset.Name.MNIST))
        .withModel(new Model().withLayers(List.of(new Layer().withUnits(8))));
  }

  private static Training randomTraining(Random r) {
    List<Layer> layers = new ArrayList<>();
    for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
      Layer layer = new Layer().withUnits(1 + r.nextInt(4096));
      if (r.nextBoolean()) {
        layer.withActivation(pick(r, Layer.Activation.values()));
      }
      layers.add(layer);
    }
    Training t =
        new Training()
            .withName("run-" + r.nextInt(100_000))
            .withDataset(
                new Dataset()
                    .withName(pick(r, Dataset.Name.values()))
                    .withBatchSize(r.nextBoolean() ? null : 1 + r.nextInt(4096))
                    .withShuffle(r.nextBoolean())
                    .withSplits(
                        r.nextBoolean()
                            ? null
                            : new Splits().withTrain(0.7).withValidation(0.2).withTest(0.1)))
            .withModel(
                new Model()
                    .withArchitecture(pick(r, Model.Architecture.values()))
                    .withLayers(layers)
                    .withDropout(r.nextBoolean() ? null : r.nextInt(100) / 100.0));
    if (r.nextBoolean()) {
      t.withOptimizer(
          new Optimizer()
              .withName(pick(r, Optimizer.Name.values()))
              .withLr((1 + r.nextInt(1000)) / 1000.0)
              .withBetas(List.of(0.9, r.nextDouble())));
    }
    if (r.nextBoolean()) {
      t.withSchedule(new Schedule().withEpochs(1 + r.nextInt(300)).withEarlyStopping(true));
    }
    if (r.nextBoolean()) {
      Set<String> tags = new LinkedHashSet<>();
      for (int i = 0, n = r.nextInt(4); i < n; i++) {
        tags.add("tag" + r.nextInt(10));
      }
      t.withTags(tags);
    }
    if (r.nextBoolean()) {
      Labels labels = new Labels();
      for (int i = 0, n = r.nextInt(4); i < n; i++) {
        labels.withAdditionalProperty("key" + i, "value " + r.nextInt(1000));
      }
      t.withLabels(labels);
    }
    if (r.nextInt(3) == 0) {
      t.withSeed(r.nextLong() & 0xffffffffL);
    }
    if (r.nextInt(3) == 0) {
      t.withNotes("note " + r.nextInt());
    }
    return t;
  }

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }
}
