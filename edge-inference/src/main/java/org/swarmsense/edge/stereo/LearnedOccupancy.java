package org.swarmsense.edge.stereo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.swarmsense.edge.runtime.Backend;
import org.swarmsense.edge.runtime.ModelResources;
import org.swarmsense.edge.runtime.Tensor;
import org.swarmsense.edge.serving.OnnxStageExecutor;
import org.swarmsense.edge.serving.Stage;
import org.swarmsense.edge.serving.StagedModel;
import org.swarmsense.edge.serving.StageExecutor;

/**
 * The learned occupancy path (issue 19 part 3): the network trained by {@code
 * scripts/train_stereo_occupancy.py} on {@link BoxScenes} pairs, loaded from the ONNX stages and
 * model card under {@value #RESOURCE_DIR} as a three-stage {@link StagedModel} of the serving engine
 * whose exits are the levels 8^3, 16^3 and 32^3 (exit outputs {@code logits8}, {@code logits16},
 * {@code logits32}; a voxel is occupied where its logit is above 0). Stages run on a {@link
 * StageExecutor} (ONNX Runtime's {@link OnnxStageExecutor} by default), coarse first; the caller
 * says the finest level it wants. The answer is the classical path's {@link OccupancyLevel} list over
 * {@link VoxelBox#standard()}. The network only knows the rig it was trained for ({@link BoxScenes}:
 * {@value BoxScenes#SIZE_PX} px square, f 110.85 px, baseline 0.5 m). Not thread-safe (the sessions
 * are used by one thread at a time); close it to release them.
 */
public final class LearnedOccupancy implements AutoCloseable {

  /** Resource folder of the ONNX stages, model card and reference outputs. */
  public static final String RESOURCE_DIR = "org/swarmsense/edge/stereo/learned-occupancy/";
  private static final int[] RESOLUTIONS = {8, 16, 32};

  private final StagedModel model;
  private final Config card;
  private final StageExecutor executor;

  private LearnedOccupancy(StagedModel model, Config card, StageExecutor executor) {
    this.model = model;
    this.card = card;
    this.executor = executor;
  }

  /** Loads the model card's stages with {@code backend}, run by an {@link OnnxStageExecutor}. */
  public static LearnedOccupancy load(Backend backend) {
    return load(backend, new OnnxStageExecutor());
  }

  /** Loads the model card's stages with {@code backend}, run by {@code executor}. */
  public static LearnedOccupancy load(Backend backend, StageExecutor executor) {
    if (backend == null || executor == null) {
      throw new IllegalArgumentException("backend and executor must be set, got " + backend + ", " + executor);
    }
    Config card = ConfigFactory.parseString(new String(ModelResources.bytes(RESOURCE_DIR, "model.json"),
        StandardCharsets.UTF_8));
    List<String> files = card.getStringList("stages");
    List<String> exits = card.getStringList("exits");
    List<Double> iou = card.getDoubleList("heldOutIoU");
    if (files.size() != RESOLUTIONS.length || exits.size() != RESOLUTIONS.length || iou.size() != RESOLUTIONS.length) {
      throw new IllegalStateException("model card must list " + RESOLUTIONS.length + " stages, exits and IoUs, got "
          + files + ", " + exits + ", " + iou);
    }
    List<Stage> stages = new ArrayList<>();
    for (int k = 0; k < files.size(); k++) {
      var session = backend.open(files.get(k), ModelResources.bytes(RESOURCE_DIR, files.get(k)));
      // an exit is a level, chosen by the caller's deadline, not by a confidence: never leave early on one
      stages.add(new Stage("stereo-occ/" + RESOLUTIONS[k], session, Optional.of(exits.get(k)), Double.POSITIVE_INFINITY,
          iou.get(k)));
    }
    return new LearnedOccupancy(new StagedModel("stereo-occ", stages), card, executor);
  }

  /** The staged model (stage k's exit = level {@code 8 << k}). */
  public StagedModel model() {
    return model;
  }

  /** The model card. */
  public Config card() {
    return card;
  }

  /** The image tensor the network takes: shape (1, 1, h, w), grey / 255. */
  public static Tensor input(GrayImage image) {
    float[] d = new float[image.pixels().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (image.pixels()[i] & 0xff) / 255f;
    }
    return new Tensor(new long[] {1, 1, image.heightPx(), image.widthPx()}, d);
  }

  /**
   * The exits' raw logits, coarse first, up to level {@code maxResolution} (8, 16 or 32); the pair must
   * be the trained rig's size.
   */
  public List<float[]> logits(GrayImage left, GrayImage right, int maxResolution) {
    List<float[]> out = new ArrayList<>();
    run(left, right, maxResolution, (k, logits) -> out.add(logits));
    return out;
  }

  /** Occupancy levels 8^3 up to {@code maxResolution}^3 (8, 16 or 32), coarse first, each timed from the start. */
  public List<OccupancyLevel> levels(GrayImage left, GrayImage right, int maxResolution) {
    long start = System.nanoTime();
    List<OccupancyLevel> levels = new ArrayList<>();
    run(left, right, maxResolution, (k, logits) -> {
      boolean[] occupied = new boolean[logits.length];
      for (int i = 0; i < logits.length; i++) {
        occupied[i] = logits[i] > 0;
      }
      levels.add(new OccupancyLevel(new OccupancyGrid(RESOLUTIONS[k], VoxelBox.standard(), occupied), logits.length,
          (System.nanoTime() - start) / 1e6));
    });
    return levels;
  }

  private interface ExitSink {
    void accept(int stage, float[] logits);
  }

  private void run(GrayImage left, GrayImage right, int maxResolution, ExitSink sink) {
    int size = BoxScenes.SIZE_PX;
    if (left == null || right == null) {
      throw new IllegalArgumentException("left and right must be set");
    }
    if (left.widthPx() != size || left.heightPx() != size || right.widthPx() != size || right.heightPx() != size) {
      throw new IllegalArgumentException("left and right must be " + size + "x" + size + " px (the trained rig), got left "
          + left.widthPx() + "x" + left.heightPx() + ", right " + right.widthPx() + "x" + right.heightPx());
    }
    int stages = switch (maxResolution) {
      case 8 -> 1;
      case 16 -> 2;
      case 32 -> 3;
      default -> throw new IllegalArgumentException("maxResolution must be 8, 16 or 32, got " + maxResolution);
    };
    Map<String, Tensor> sample = new HashMap<>();
    sample.put("left", input(left));
    sample.put("right", input(right));
    for (int k = 0; k < stages; k++) {
      Stage stage = model.stages().get(k);
      Map<String, Tensor> out = executor.run(stage, List.of(sample)).get(0);
      sample.putAll(out);
      float[] logits = out.get(stage.exitOutput().orElseThrow()).data();
      int n = RESOLUTIONS[k];
      if (logits.length != n * n * n) {
        throw new IllegalStateException("exit " + stage.name() + " gave " + logits.length + " logits, expected " + n * n * n);
      }
      sink.accept(k, logits);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
