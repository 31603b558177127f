package io.hectiqlab.examples.generated;

import io.hectiqlab.Config;
import io.hectiqlab.ConfigException;
import io.hectiqlab.ConfigTemplate;
import java.util.List;
import java.util.Set;

/**
 * Typed templates generated from {@code schemas/examples} at build time (see this module's pom),
 * used as a user would: help, a validated Config, a schema message, and the way back.
 */
public final class GeneratedTemplates {
  private GeneratedTemplates() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println(Params.help());
    Params params = new Params().withStrides(List.of(2, 4, 8, 16));
    Config config = params.toConfig();
    System.out.println(config);

    try {
      new Params().withStrides(List.of(2, 4, 8)).toConfig();
    } catch (ConfigException.Invalid e) {
      System.out.println(e.getMessage());
    }

    Training training =
        new Training()
            .withName("cifar10-baseline")
            .withDataset(new Dataset().withName(Dataset.Name.CIFAR_10).withBatchSize(128))
            .withModel(
                new Model()
                    .withArchitecture(Model.Architecture.MLP)
                    .withLayers(List.of(new Layer().withUnits(512), new Layer().withUnits(10))))
            .withTags(Set.of("baseline"));
    Config run = training.toConfig().lock();
    System.out.println("optimizer.lr = " + run.get("optimizer.lr") + " (the schema's default)");
    Training back = ConfigTemplate.fromConfig(run, Training.class);
    System.out.println("back to a Training: " + back.getDataset().getBatchSize() + " per batch");
  }
}
