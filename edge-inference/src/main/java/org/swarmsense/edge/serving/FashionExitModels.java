package org.swarmsense.edge.serving;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.swarmsense.edge.runtime.Backend;
import org.swarmsense.edge.runtime.ModelResources;
import org.swarmsense.edge.runtime.Tensor;

/**
 * The multi-exit Fashion-MNIST CNN trained in this project ({@code scripts/train_multi_exit.py}),
 * loaded from the ONNX files and model card ({@code model.json}) under the resource folder {@code
 * org/swarmsense/edge/serving/fashion-exit/}: one three-stage {@link StagedModel} per pruning level,
 * each stage ending in an exit head with the calibrated confidence threshold of the card. Close it
 * to release the sessions; not thread-safe.
 */
public final class FashionExitModels implements AutoCloseable {

  /** Resource folder of the ONNX files, model card and reference outputs. */
  public static final String RESOURCE_DIR = "org/swarmsense/edge/serving/fashion-exit/";

  /**
   * One pruning level as described by the model card.
   *
   * @param width fraction of channels kept (1 = unpruned)
   * @param model its three stages
   * @param testAccuracy accuracy of each exit on the model card's test images (its {@code testImages})
   */
  public record Level(double width, StagedModel model, List<Double> testAccuracy) {
    /** Validates and copies. */
    public Level {
      if (!(width > 0 && width <= 1)) {
        throw new IllegalArgumentException("width must be in (0, 1], got: " + width);
      }
      testAccuracy = List.copyOf(testAccuracy);
      if (testAccuracy.size() != model.depth()) {
        throw new IllegalArgumentException("one accuracy per exit expected, got: " + testAccuracy);
      }
    }

    /** A model that stops after {@code exits} stages and answers from that exit. */
    public StagedModel truncated(int exits) {
      if (exits < 1 || exits > model.depth()) {
        throw new IllegalArgumentException("exits must be in [1, " + model.depth() + "], got: " + exits);
      }
      return exits == model.depth() ? model
          : new StagedModel(model.name() + "-e" + exits, model.stages().subList(0, exits));
    }
  }

  private final List<Level> levels;
  private final Config card;

  private FashionExitModels(List<Level> levels, Config card) {
    this.levels = List.copyOf(levels);
    this.card = card;
  }

  /** Loads every pruning level of the model card with {@code backend}. */
  public static FashionExitModels load(Backend backend) {
    Config card = ConfigFactory.parseString(new String(ModelResources.bytes(RESOURCE_DIR, "model.json"),
        StandardCharsets.UTF_8));
    List<Level> levels = new ArrayList<>();
    for (Config v : card.getConfigList("variants")) {
      double width = v.getDouble("width");
      String name = String.format(Locale.ROOT, "fashion-w%d", Math.round(width * 100));
      List<String> files = v.getStringList("stages");
      List<Double> thresholds = v.getDoubleList("exitThresholds");
      List<Double> acc = v.getDoubleList("testAccuracy");
      List<Stage> stages = new ArrayList<>();
      for (int k = 0; k < files.size(); k++) {
        var session = backend.open(files.get(k), ModelResources.bytes(RESOURCE_DIR, files.get(k)));
        String exit = "probs" + (k + 1);
        double threshold = k < thresholds.size() ? thresholds.get(k) : Double.POSITIVE_INFINITY;
        stages.add(new Stage(name + "/" + (k + 1), session, Optional.of(exit), threshold, acc.get(k)));
      }
      levels.add(new Level(width, new StagedModel(name, stages), acc));
    }
    return new FashionExitModels(levels, card);
  }

  /** The model card as parsed JSON. */
  public Config card() {
    return card;
  }

  /** Pruning levels, unpruned first. */
  public List<Level> levels() {
    return levels;
  }

  /** The unpruned model. */
  public Level full() {
    return levels.get(0);
  }

  /**
   * A registry holding, for every pruning level and every exit count, a variant whose latency table
   * is measured now on {@code executor} (one table per pruning level; truncated variants use its
   * first rows).
   */
  public ModelRegistry registry(StageExecutor executor, Tensor sample, int[] batchSizes, int repeats) {
    // two passes over every level, keeping the lower median per entry: in one quiet run
    // (2026-12-02 06:10 UTC) the first levels measured read 1.5-4x their steady times (the unpruned
    // model 7.8 ms against 3.2-3.4 ms served), which set the bench's load from a wrong capacity
    List<LatencyTable> first = new ArrayList<>();
    for (Level level : levels) {
      first.add(LatencyTable.measure(level.model(), executor, sample, batchSizes, repeats));
    }
    List<Variant> variants = new ArrayList<>();
    for (int li = 0; li < levels.size(); li++) {
      Level level = levels.get(li);
      LatencyTable table = LatencyTable.lower(first.get(li),
          LatencyTable.measure(level.model(), executor, sample, batchSizes, repeats));
      for (int exits = level.model().depth(); exits >= 1; exits--) {
        StagedModel m = level.truncated(exits);
        long[][] rows = java.util.Arrays.copyOf(table.stageNanos(), exits);
        variants.add(new Variant(m, 1.0, 28, exits, 1.0 - level.width(),
            new LatencyTable(m.name(), table.batchSizes(), rows), level.testAccuracy().get(exits - 1)));
      }
    }
    return new ModelRegistry(variants);
  }

  @Override
  public void close() {
    levels.forEach(l -> l.model().close());
  }

}
