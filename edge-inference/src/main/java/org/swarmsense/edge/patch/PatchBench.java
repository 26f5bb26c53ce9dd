package org.swarmsense.edge.patch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.swarmsense.edge.EdgeInferenceSettings;
import org.swarmsense.edge.codecbench.VideoFrames;
import org.swarmsense.edge.detect.Detection;
import org.swarmsense.edge.detect.DetectionF1;
import org.swarmsense.edge.detect.VehicleDetector;
import org.swarmsense.edge.runtime.OnnxRuntimeBackend;
import org.swarmsense.edge.runtime.ThreadSettings;
import org.swarmsense.semantic.codec.PixelImage;
import org.swarmsense.semantic.codec.PixelImages;

/**
 * {@code swarmsense bench patch}: per detector and frame set, the clean detections (the reference),
 * then per attack (random-search patch beside the targets, the same search clear of every target's
 * box on photos and rendered frames ({@link #CLEAR_ROW}), random-noise control of the same size at
 * the same place as the first, and the gradient patch files for the vehicle detector) the recall of
 * the clean detections (IoU >= 0.5, same class, one-to-one) without defence, with ours and with the ObjectSeeker baseline; the
 * share of clean frames whose detections each defence changes; and milliseconds per frame of each
 * (overhead = defended / undefended time over the same frames). Video frames run through {@link
 * ImportanceDefence.Video} (key frames); photos and rendered frames through a full check each.
 */
public final class PatchBench {

  private PatchBench() {}

  /**
   * The row of the random search whose patch overlaps no target's box ({@link Patches.Placement#CLEAR}):
   * what the patch hides through the detector alone, with no object's pixels covered.
   */
  static final String CLEAR_ROW = "random search, clear";

  /** Recall and time totals of one row. */
  static final class Row {
    final String detector;
    final String frames;
    final String attack;
    int frameCount;
    int targets;
    long queries;
    int matchedNone;
    int matchedOurs;
    int matchedSeeker;
    int masked;
    int ceilingTargets;
    int matchedCeiling;
    long nsPlain;
    long nsOurs;
    long nsSeeker;

    Row(String detector, String frames, String attack) {
      this.detector = detector;
      this.frames = frames;
      this.attack = attack;
    }

    /**
     * Counts one frame: the reference detections {@code ref}, what the plain detector, our defence
     * and ObjectSeeker found, and the three times in nanoseconds.
     */
    void add(List<Detection> ref, List<Detection> none, ImportanceDefence.Result ours, List<Detection> seeker,
        long nsPlain, long nsOurs, long nsSeeker) {
      frameCount++;
      targets += ref.size();
      matchedNone += matched(ref, none);
      matchedOurs += matched(ref, ours.detections());
      matchedSeeker += matched(ref, seeker);
      masked += ours.masked() == null ? 0 : 1;
      this.nsPlain += nsPlain;
      this.nsOurs += nsOurs;
      this.nsSeeker += nsSeeker;
    }

    /**
     * Counts what masking the patch's own square keeps on one attacked frame ({@link #maskingCeiling}):
     * {@code recalled} of the {@code targets} clean detections.
     */
    void addCeiling(int targets, int recalled) {
      ceilingTargets += targets;
      matchedCeiling += recalled;
    }
  }

  /** Runs the bench and prints its table and goals to {@code out}. */
  public static void run(PatchBenchOptions o, PrintStream out) throws Exception {
    validate(o);
    EdgeInferenceSettings settings = EdgeInferenceSettings.load();
    EdgeInferenceSettings.Patch patch = EdgeInferenceSettings.Patch.load();
    int threads = settings.detectorIntraOpThreads();
    OnnxRuntimeBackend backend = new OnnxRuntimeBackend(new ThreadSettings(threads, 1));
    out.printf("bench patch: seed %d; patch = %.0f%% of the image; %d intra-op threads; load average %.1f on %d processors%n",
        o.seed(), PatchBenchOptions.PATCH_AREA * 100, threads,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    out.printf("defence (ours): %s; ObjectSeeker: %d lines per direction (%d inferences per frame)%n",
        patch.defence(), patch.objectSeeker().lines(), 1 + 4 * patch.objectSeeker().lines());
    List<Row> rows = new ArrayList<>();
    List<String> boundGoals = new ArrayList<>();
    Map<String, double[]> cleanChanged = new LinkedHashMap<>();
    if (o.images() != null || o.video() != null) {
      try (StagedDetector coco = StagedDetector.coco(o.cocoModel(), o.workDir().resolve("coco-stages"), backend)) {
        List<PixelImage> calibration = new ArrayList<>();
        if (o.video() != null) {
          for (Path p : extractFrames(o.video(), o.workDir().resolve("frames"), o.videoCalibrationStart(),
              PatchBenchOptions.VIDEO_CALIBRATION_MAX, PatchBenchOptions.VIDEO_CALIBRATION_STEP, 1)) {
            calibration.add(PixelImages.readOrRefuse(p));
          }
        }
        List<PixelImage> photos = new ArrayList<>();
        List<String> photoNames = new ArrayList<>();
        if (o.images() != null) {
          for (Path p : listImages(o.images())) {
            if (photos.size() >= o.maxImages()) {
              break;
            }
            photos.add(PixelImages.readOrRefuse(p));
            photoNames.add(p.getFileName().toString());
          }
        }
        if (calibration.isEmpty()) {
          calibration.addAll(photos); // no video: the photos themselves (clean, no labels), said in the output
          out.println("COCO calibration: the clean photos themselves (no --video)");
        } else {
          out.printf("COCO calibration: %d clean frames of %s, every %dth from frame %d%n", calibration.size(),
              o.video().getFileName(), PatchBenchOptions.VIDEO_CALIBRATION_STEP, o.videoCalibrationStart());
        }
        ImportanceDefence ours = ImportanceDefence.calibrate(coco, calibration, patch.defence());
        out.printf("COCO defence: feature %s, channels %s, anomaly threshold %.3f, change threshold %d (clean"
            + " calibration frames' new objects: %s)%n", ours.feature(), java.util.Arrays.toString(ours.channels()),
            ours.threshold(), ours.changeThreshold(), java.util.Arrays.toString(ours.cleanChanges()));
        ObjectSeeker seeker = new ObjectSeeker(coco, patch.objectSeeker());
        if (!photos.isEmpty()) {
          measureImages(coco, ours, seeker, photos, "photos", o.imageQueries(), null, null, o.seed(), rows, cleanChanged,
              o.diagnose(), o.workDir().resolve("attacks"), out);
        }
        if (o.video() != null) {
          List<PixelImage> frames = new ArrayList<>();
          for (Path p : extractFrames(o.video(), o.workDir().resolve("frames"), 0, o.videoFrames(), 1, o.videoFrames())) {
            frames.add(PixelImages.readOrRefuse(p));
          }
          measureVideo(coco, ours, seeker, frames, o.video().getFileName().toString(), o.videoQueries(), o.seed(),
              o.videoPatches() == null ? null : FramePatches.read(o.videoPatches()), rows, cleanChanged, o.diagnose(),
              o.workDir().resolve("attacks"), out);
        }
      }
    }
    if (o.vehicleFrames() != null) {
      Path rendered = o.vehicleFrames().resolve("frames"); // a `swarmsense render` output folder, or the PNGs themselves
      List<Path> files = listImages(Files.isDirectory(rendered) ? rendered : o.vehicleFrames());
      if (files.size() < o.vehicleCount() + o.calibrationFrames()) {
        throw new IllegalArgumentException("vehicle frames: " + o.vehicleFrames() + " holds " + files.size()
            + " images, need " + (o.vehicleCount() + o.calibrationFrames()));
      }
      List<PixelImage> frames = new ArrayList<>();
      List<PixelImage> calibration = new ArrayList<>();
      for (int i = 0; i < o.vehicleCount() + o.calibrationFrames(); i++) {
        (i < o.vehicleCount() ? frames : calibration).add(PixelImages.readOrRefuse(files.get(i)));
      }
      PixelImage gradient = o.gradientPatch() == null ? null : Patches.read(o.gradientPatch());
      FramePatches perFrame = o.framePatches() == null ? null : FramePatches.read(o.framePatches());
      VehicleDetector.Variant v = VehicleDetector.Variant.PLAIN;
      try (StagedDetector det = StagedDetector.vehicle(v, o.workDir().resolve("vehicle-stages"), backend,
          v.threshold(settings))) {
        ImportanceDefence ours;
        if (o.vehicleCalibration() == null) {
          ours = ImportanceDefence.calibrate(det, calibration, patch.defence());
          out.printf("vehicle calibration: %d clean rendered frames after the measured ones; feature %s, channels %s,"
              + " anomaly threshold %.3f, change threshold %d (clean calibration frames' new objects: %s)%n",
              calibration.size(), ours.feature(), java.util.Arrays.toString(ours.channels()), ours.threshold(),
              ours.changeThreshold(), java.util.Arrays.toString(ours.cleanChanges()));
        } else {
          ours = ImportanceDefence.of(det, patch.defence(), o.vehicleCalibration().calibration());
          out.printf("vehicle calibration: %s, as an edge node loads it (the %d rendered frames after the measured"
              + " ones unused); feature %s, channels %s, anomaly threshold %.3f, change threshold %d%n",
              o.vehicleCalibration().source(), calibration.size(), ours.feature(),
              java.util.Arrays.toString(ours.channels()), ours.threshold(), ours.changeThreshold());
        }
        measureImages(det, ours, new ObjectSeeker(det, patch.objectSeeker()), frames, "rendered",
            o.vehicleQueries(), gradient, perFrame, o.seed(), rows, cleanChanged, o.diagnose(),
            o.workDir().resolve("attacks"), out);
        boundGoals.add(bound(det, StagedDetector.vehicleModelFile(v, o.workDir().resolve("vehicle-stages")), backend,
            v.threshold(settings), frames, "rendered", o.workDir().resolve("receptive-field"), out));
      }
    }
    print(rows, cleanChanged, out);
    boundGoals.forEach(out::println);
  }

  /**
   * The measured bound ({@link PatchBound}) of the vehicle detector on the attacked frames: per frame
   * and pooled, the most clean detections any 4% patch can influence, and the recall floor that
   * follows. Returns the goal line.
   */
  private static String bound(StagedDetector det, Path onnx, OnnxRuntimeBackend backend, double threshold,
      List<PixelImage> frames, String setName, Path workDir, PrintStream out) {
    org.swarmsense.edge.runtime.Tensor first = VehicleDetector.input(frames.get(0));
    int ph = (int) first.shape()[2];
    int pw = (int) first.shape()[3];
    ReceptiveField rf = ReceptiveField.ofModel(onnx, workDir, ph, pw);
    int[] span = rf.largestSpan("heatmap");
    int detections = 0;
    int threat = 0;
    int anywhere = 0;
    int maxCells = 0;
    try (org.swarmsense.edge.runtime.InferenceSession whole = backend.open(onnx)) {
      for (int i = 0; i < frames.size(); i++) {
        PixelImage img = frames.get(i);
        List<Detection> clean = det.detect(img);
        List<int[]> peaks = VehicleDetector.peaks(whole.run(Map.of(det.inputName(), VehicleDetector.input(img)))
            .get("heatmap"), threshold);
        if (peaks.size() != clean.size()) {
          throw new IllegalStateException(det.name() + " frame " + i + ": the whole model has " + peaks.size()
              + " peaks, the staged one " + clean.size() + " detections");
        }
        int side = Patches.side(img.width(), img.height(), PatchBenchOptions.PATCH_AREA);
        PatchBound.Frame f = PatchBound.of(rf, "heatmap", List.of("heatmap", "size", "offset"), peaks, clean,
            img.width(), img.height(), side);
        out.printf("  bound %s %s frame %d: %d clean detections; one %d px patch influences at most %d covering no"
            + " centre (%d anywhere); at most %d heatmap cells; %d overlapping pairs%n", det.name(), setName, i,
            f.detections(), side, f.threatModel(), f.anywhere(), f.maxCells(), f.overlapping());
        detections += f.detections();
        threat += f.threatModel();
        anywhere += f.anywhere();
        maxCells = Math.max(maxCells, f.maxCells() + f.detections());
      }
    }
    double floor = PatchBound.recallFloor(threat, detections);
    double floorAnywhere = PatchBound.recallFloor(anywhere, detections);
    out.printf("patch bound, %s %s: receptive field of a heatmap cell up to %d x %d px (theory, from the ONNX graph);"
        + " influenceable %d of %d clean detections covering no centre, %d anywhere: no 4%% patch can take recall below"
        + " %.1f%% (%.1f%% if it may cover centres); most cells one patch reaches + clean = %d (%s the 500-detection"
        + " cap)%n", det.name(), setName, span[0], span[1], threat, detections, anywhere, 100 * floor,
        100 * floorAnywhere, maxCells, maxCells < 500 ? "below" : "NOT below");
    return String.format("  %s / %s: attack goal (recall <= 40%%) reachable by any 4%% patch covering no centre: floor"
        + " %.1f%% -> %s%n  %s / %s: ... by any 4%% patch anywhere: floor %.1f%% -> %s", det.name(), setName,
        100 * floor, floor > 0.40 ? "UNREACHABLE (measured bound)" : "not excluded", det.name(), setName,
        100 * floorAnywhere, floorAnywhere > 0.40 ? "UNREACHABLE (measured bound)" : "not excluded");
  }

  private static void measureImages(StagedDetector det, ImportanceDefence ours, ObjectSeeker seeker,
      List<PixelImage> frames, String setName, int queries, PixelImage gradient, FramePatches perFrame, long seed,
      List<Row> rows, Map<String, double[]> cleanChanged, boolean diagnose, Path cache, PrintStream out) {
    Row clean = new Row(det.name(), setName, "clean");
    Row rs = new Row(det.name(), setName, "random search");
    Row clear = new Row(det.name(), setName, CLEAR_ROW);
    int unplaced = 0;
    Row noise = new Row(det.name(), setName, "noise control");
    Row grad = gradient == null ? null : new Row(det.name(), setName, "gradient patch");
    Row white = perFrame == null ? null : new Row(det.name(), setName, "white-box patch");
    int missing = 0;
    warmUp(det, ours, seeker, frames.get(0));
    int changedOurs = 0;
    int changedSeeker = 0;
    for (int i = 0; i < frames.size(); i++) {
      PixelImage img = frames.get(i);
      Pass p = measure(det, ours::detect, seeker, img, null, clean);
      List<Detection> ref = p.plain();
      printCheck(det, setName, i, p.ours(), out);
      changedOurs += same(ref, p.ours().detections()) ? 0 : 1;
      changedSeeker += same(ref, p.seeker()) ? 0 : 1;
      if (ref.isEmpty()) {
        continue;
      }
      long frameSeed = seed * 1_000_003L + i;
      RandomSearchPatch.Outcome found = attack(det, img, ref,
          new RandomSearchPatch.Settings(queries, PatchBenchOptions.PATCH_AREA, frameSeed), cache);
      rs.queries += found.queries();
      measure(det, ours::detect, seeker, found.apply(img), ref, rs);
      int searched = maskingCeiling(det, ours, img, ref, found.x(), found.y(), found.patch().width());
      rs.addCeiling(ref.size(), searched);
      measure(det, ours::detect, seeker,
          Patches.paste(img, Patches.noise(found.patch().width(), frameSeed), found.x(), found.y()), ref, noise);
      noise.addCeiling(ref.size(), searched); // the same square
      int side = found.patch().width();
      if (Patches.nearTargets(side, img.width(), img.height(), ref, 1, Patches.Placement.CLEAR).isEmpty()) {
        unplaced++;
      } else {
        RandomSearchPatch.Outcome off = attack(det, img, ref, new RandomSearchPatch.Settings(queries,
            PatchBenchOptions.PATCH_AREA, frameSeed, Patches.Placement.CLEAR), cache);
        clear.queries += off.queries();
        measure(det, ours::detect, seeker, off.apply(img), ref, clear);
        clear.addCeiling(ref.size(), maskingCeiling(det, ours, img, ref, off.x(), off.y(), side));
        out.printf("  %s %s frame %d: search clear of the targets %d queries, loss %.2f -> %.2f%n", det.name(), setName,
            i, off.queries(), off.startLoss(), off.loss());
        if (diagnose) {
          diagnose(det, ours, img, off.apply(img), ref, off.x(), off.y(), side, out);
        }
      }
      if (grad != null) {
        int[] at = Patches.randomPlace(side, img.width(), img.height(), ref, new SplittableRandom(frameSeed));
        measure(det, ours::detect, seeker, Patches.paste(img, Patches.scaled(gradient, side), at[0], at[1]), ref,
            grad);
        grad.addCeiling(ref.size(), maskingCeiling(det, ours, img, ref, at[0], at[1], side));
      }
      if (perFrame != null) {
        java.util.Optional<FramePatches.Placed> made = perFrame.forFrame(img);
        if (made.isEmpty()) {
          missing++;
        } else {
          FramePatches.Placed pp = made.get();
          if (pp.patch().width() > side || !Patches.allowed(pp.x(), pp.y(), pp.patch().width(), img.width(),
              img.height(), ref)) {
            throw new IllegalArgumentException("per-frame patches: " + perFrame.dir() + ": the patch for " + setName
                + " frame " + i + " (" + pp.patch().width() + " px at " + pp.x() + "," + pp.y() + ") is larger than "
                + side + " px (4 % of the frame), leaves the frame or covers a clean detection's centre");
          }
          PixelImage attacked = Patches.paste(img, pp.patch(), pp.x(), pp.y());
          measure(det, ours::detect, seeker, attacked, ref, white);
          white.addCeiling(ref.size(), maskingCeiling(det, ours, img, ref, pp.x(), pp.y(), pp.patch().width()));
          if (diagnose) {
            out.printf("  %s %s frame %d, white-box patch at %d,%d:%n", det.name(), setName, i, pp.x(), pp.y());
            diagnose(det, ours, img, attacked, ref, pp.x(), pp.y(), pp.patch().width(), out);
          }
        }
      }
      out.printf("  %s %s frame %d: %d clean detections; random search %d queries, loss %.2f -> %.2f%n", det.name(),
          setName, i, ref.size(), found.queries(), found.startLoss(), found.loss());
      if (diagnose) {
        diagnose(det, ours, img, found.apply(img), ref, found.x(), found.y(), found.patch().width(), out);
      }
    }
    rows.add(clean);
    rows.add(rs);
    if (clear.frameCount > 0) {
      rows.add(clear);
    }
    if (unplaced > 0) {
      out.printf("  %s %s: no corner clear of the targets on %d of the attacked frames: the \"%s\" row leaves them"
          + " out%n", det.name(), setName, unplaced, CLEAR_ROW);
    }
    rows.add(noise);
    if (grad != null) {
      rows.add(grad);
    }
    if (white != null && missing == 0) {
      rows.add(white);
    } else if (white != null) {
      out.printf("  %s %s: no per-frame patch in %s for %d of the attacked frames (they were made for other frames:"
          + " run edge-inference/scripts/gradient_patch.py --per-frame on these): row left out%n", det.name(), setName,
          perFrame.dir(), missing);
    }
    cleanChanged.put(det.name() + " " + setName, new double[] {changedOurs, changedSeeker, frames.size()});
  }

  /**
   * The random search's outcome for {@code img}, from {@code cache} when the same search (the
   * detector's {@link StagedDetector#identity identity}: name and weights; image pixels, targets,
   * settings, query score, and the search's own code, {@link RandomSearchPatch#codeSha256}) ran
   * before, else searched and stored. The search is deterministic for these inputs and does not depend
   * on any defence, so a run that only changes a defence rule gets the very same patches without
   * paying the queries again, while a retrained detector or a changed search searches anew.
   */
  static RandomSearchPatch.Outcome attack(StagedDetector det, PixelImage img, List<Detection> ref,
      RandomSearchPatch.Settings settings, Path cache) {
    return attack(det.identity(), q -> det.detect(q, PatchBenchOptions.QUERY_SCORE), img, ref, settings, cache);
  }

  /**
   * As {@link #attack(StagedDetector, PixelImage, List, RandomSearchPatch.Settings, Path)} with a detector
   * known by {@code identity}.
   */
  static RandomSearchPatch.Outcome attack(String identity, Function<PixelImage, List<Detection>> query,
      PixelImage img, List<Detection> ref, RandomSearchPatch.Settings settings, Path cache) {
    String key = attackKey(identity, img, ref, settings, RandomSearchPatch.codeSha256());
    Path file = cache.resolve(key + ".attack");
    if (Files.isRegularFile(file)) {
      try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(file))) {
        int w = in.readInt();
        int h = in.readInt();
        int c = in.readInt();
        byte[] px = in.readNBytes(w * h * c);
        return new RandomSearchPatch.Outcome(new PixelImage(w, h, c, px), in.readInt(), in.readInt(), in.readInt(),
            in.readDouble(), in.readDouble());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the cached attack " + file + ": " + e.getMessage(), e);
      }
    }
    RandomSearchPatch.Outcome found = RandomSearchPatch.attack(img, ref, query, settings);
    try {
      Files.createDirectories(cache);
      Path tmp = cache.resolve(key + ".tmp");
      try (java.io.DataOutputStream o = new java.io.DataOutputStream(Files.newOutputStream(tmp))) {
        PixelImage p = found.patch();
        o.writeInt(p.width());
        o.writeInt(p.height());
        o.writeInt(p.channels());
        o.write(p.pixels());
        o.writeInt(found.x());
        o.writeInt(found.y());
        o.writeInt(found.queries());
        o.writeDouble(found.startLoss());
        o.writeDouble(found.loss());
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot store the attack in " + cache + ": " + e.getMessage(), e);
    }
    return found;
  }

  /**
   * What masking the patch's own square can keep at most: the clean detections {@code ref} that the
   * clean frame {@code img} still gives with the patch's square ({@code side} px at {@code px, py})
   * filled as ours fills a region. A defence that finds the patch exactly and fills it cannot do better
   * than this (the patch's pixels are gone; what is lost is lost to covering the cars' edges), so it
   * bounds ours, and any defence that masks the patch, from above (up to the fill).
   */
  static int maskingCeiling(StagedDetector det, ImportanceDefence ours, PixelImage img, List<Detection> ref, int px,
      int py, int side) {
    Region square = new Region((double) px / img.width(), (double) py / img.height(),
        Math.min(1, (double) (px + side) / img.width()), Math.min(1, (double) (py + side) / img.height()));
    return matched(ref, ours.occluded(det.shallow(det.input(img)), det.inInput(square, img), img));
  }

  /** The cache's file name for a search: the SHA-256 of everything the search's outcome depends on. */
  static String attackKey(String identity, PixelImage img, List<Detection> ref, RandomSearchPatch.Settings settings,
      String codeSha256) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update((identity + "|" + codeSha256 + "|" + ref + "|" + settings + "|" + PatchBenchOptions.QUERY_SCORE + "|"
          + img.width() + "x" + img.height() + "x" + img.channels()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update(img.pixels());
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many ranked windows {@link #diagnose} prints. */
  private static final int DIAGNOSE_TOP = 10;

  /**
   * The diagnosis ({@code --diagnose}) of one attacked image: the defence's stage-1 windows by
   * anomaly, with the anomaly threshold; for the first {@value #DIAGNOSE_TOP} and for the best-ranked
   * window that covers at least half of the patch: the share of the patch its grown region covers,
   * the new detections occluding it alone adds, and the clean detections recalled by the occluded
   * answer and by the union of the plain answer and the occluded answer's new boxes; and what the
   * occlusion alone costs: {@link #maskingCeiling} on the {@code clean} frame, and how many of the
   * clean boxes the patch overlaps.
   */
  private static void diagnose(StagedDetector det, ImportanceDefence ours, PixelImage clean, PixelImage attacked,
      List<Detection> ref, int px, int py, int side, PrintStream out) {
    Map<String, org.swarmsense.edge.runtime.Tensor> feats = det.shallow(det.input(attacked));
    List<Detection> base = det.later(feats, attacked.width(), attacked.height());
    List<ImportanceDefence.Window> ranked = ours.rankedWindows(feats);
    int above = 0;
    int patchRank = -1;
    for (int r = 0; r < ranked.size(); r++) {
      above += ranked.get(r).anomaly() >= ours.threshold() ? 1 : 0;
      if (patchRank < 0 && covered(det, ours.region(ranked.get(r), feats), attacked, px, py, side) >= 0.5) {
        patchRank = r;
      }
    }
    out.printf("  diagnose: %d windows, %d at or above the anomaly threshold %.3f; the best-ranked window covering"
        + " >= half the patch is rank %d; plain answer recalls %d of %d%n", ranked.size(), above, ours.threshold(),
        patchRank + 1, matched(ref, base), ref.size());
    int overlapped = 0;
    for (Detection d : ref) {
      overlapped += d.x1() > px && d.x0() < px + side && d.y1() > py && d.y0() < py + side ? 1 : 0;
    }
    out.printf("  occlusion alone: the clean frame with the patch's square filled recalls %d of %d; the patch overlaps"
        + " %d of the clean boxes%n", maskingCeiling(det, ours, clean, ref, px, py, side), ref.size(), overlapped);
    for (int r = 0; r < ranked.size(); r++) {
      if (r >= DIAGNOSE_TOP && r != patchRank) {
        continue;
      }
      ImportanceDefence.Window w = ranked.get(r);
      Region region = ours.region(w, feats);
      List<Detection> occluded = ours.occluded(feats, region, attacked);
      List<Detection> union = new ArrayList<>(base);
      for (Detection d : occluded) {
        if (ImportanceDefence.newDetections(base, List.of(d)) == 1) {
          union.add(d);
        }
      }
      out.printf("    rank %2d: anomaly %.3f, covers %3.0f%% of the patch, filling adds %d new detections, %d new"
          + " objects; recall filled %d, union %d%n", r + 1, w.anomaly(), 100 * covered(det, region, attacked, px, py, side),
          ImportanceDefence.newDetections(base, occluded), ImportanceDefence.newObjects(base, occluded),
          matched(ref, occluded), matched(ref, union));
    }
  }

  /** The share of the patch ({@code side} px at {@code px, py}) that {@code region} (of the model input) covers. */
  private static double covered(StagedDetector det, Region region, PixelImage frame, int px, int py, int side) {
    Region r = det.inFrame(region, frame);
    double ix = Math.min(r.x1() * frame.width(), px + side) - Math.max(r.x0() * frame.width(), px);
    double iy = Math.min(r.y1() * frame.height(), py + side) - Math.max(r.y0() * frame.height(), py);
    return Math.max(0, ix) * Math.max(0, iy) / ((double) side * side);
  }

  /** Says what our check did on a clean frame (the false-alarm diagnosis): nothing when no candidate was checked. */
  private static void printCheck(StagedDetector det, String set, int frame, ImportanceDefence.Result r, PrintStream out) {
    if (r.checks() > 0 || r.masked() != null) {
      out.printf("  %s %s clean frame %d: %s%n", det.name(), set, frame, r.checks() > 0
          ? "candidate checked, filling it added " + r.newDetections() + " new objects -> "
              + (r.masked() == null ? "not a patch" : "masked")
          : "region carried from the key frame, masked");
    }
  }

  /** What the three paths found on one frame. */
  private record Pass(List<Detection> plain, ImportanceDefence.Result ours, List<Detection> seeker) {}

  /**
   * Runs the plain detector, ours ({@code ours}: a single image's check or the next frame of a video
   * stream) and ObjectSeeker on {@code img}, each timed, and counts the frame in {@code row} against
   * {@code ref} (null on clean frames: the plain detections are the reference).
   */
  private static Pass measure(StagedDetector det, Function<PixelImage, ImportanceDefence.Result> ours,
      ObjectSeeker seeker, PixelImage img, List<Detection> ref, Row row) {
    long t0 = System.nanoTime();
    List<Detection> plain = det.detect(img);
    long t1 = System.nanoTime();
    ImportanceDefence.Result r = ours.apply(img);
    long t2 = System.nanoTime();
    List<Detection> s = seeker.detect(img);
    long t3 = System.nanoTime();
    row.add(ref == null ? plain : ref, plain, r, s, t1 - t0, t2 - t1, t3 - t2);
    return new Pass(plain, r, s);
  }

  private static void measureVideo(StagedDetector det, ImportanceDefence ours, ObjectSeeker seeker,
      List<PixelImage> frames, String name, int queries, long seed, FramePatches white, List<Row> rows,
      Map<String, double[]> cleanChanged, boolean diagnose, Path cache, PrintStream out) {
    String set = name + " (video)";
    List<List<Detection>> refs = new ArrayList<>();
    Row clean = new Row(det.name(), set, "clean");
    warmUp(det, ours, seeker, frames.get(0));
    ImportanceDefence.Video stream = ours.video();
    int changedOurs = 0;
    int changedSeeker = 0;
    for (int i = 0; i < frames.size(); i++) {
      Pass p = measure(det, stream::next, seeker, frames.get(i), null, clean);
      List<Detection> ref = p.plain();
      printCheck(det, set, i, p.ours(), out);
      refs.add(ref);
      changedOurs += same(ref, p.ours().detections()) ? 0 : 1;
      changedSeeker += same(ref, p.seeker()) ? 0 : 1;
    }
    rows.add(clean);
    cleanChanged.put(det.name() + " " + set, new double[] {changedOurs, changedSeeker, frames.size()});
    int first = 0;
    while (first < frames.size() && refs.get(first).isEmpty()) {
      first++;
    }
    if (first == frames.size()) {
      out.println("  " + name + ": no clean detections, no attack");
      return;
    }
    // a physical patch stays put: found on the first frame with detections, pasted at the same place on every frame
    RandomSearchPatch.Outcome found = attack(det, frames.get(first), refs.get(first),
        new RandomSearchPatch.Settings(queries, PatchBenchOptions.PATCH_AREA, seed), cache);
    out.printf("  %s %s: patch found on frame %d, %d queries, loss %.2f -> %.2f%n", det.name(), name, first,
        found.queries(), found.startLoss(), found.loss());
    if (diagnose) { // the key frame's full check is where a video's patch is found
      diagnose(det, ours, frames.get(first), found.apply(frames.get(first)), refs.get(first), found.x(), found.y(),
          found.patch().width(), out);
    }
    PixelImage noise = Patches.noise(found.patch().width(), seed);
    int[] kept = new int[frames.size()]; // what masking the search's square keeps on each clean frame
    for (int i = 0; i < frames.size(); i++) {
      kept[i] = maskingCeiling(det, ours, frames.get(i), refs.get(i), found.x(), found.y(), found.patch().width());
    }
    for (String attack : new String[] {"random search", "noise control"}) {
      Row row = new Row(det.name(), set, attack);
      row.queries = attack.equals("random search") ? found.queries() : 0;
      ImportanceDefence.Video s = ours.video();
      for (int i = 0; i < frames.size(); i++) {
        PixelImage img = attack.equals("random search") ? found.apply(frames.get(i))
            : Patches.paste(frames.get(i), noise, found.x(), found.y());
        measure(det, s::next, seeker, img, refs.get(i), row);
        row.addCeiling(refs.get(i).size(), kept[i]);
      }
      rows.add(row);
    }
    if (white != null) {
      measureVideoPatch(det, ours, seeker, frames, set, refs.get(first), white, refs, rows, diagnose, out);
    }
  }

  /**
   * The white-box row of a video: the patch {@code white} holds for its frames (the same square at the same
   * place on every frame, {@code gradient_patch.py --video}), checked against the bench's video rule (4 % of
   * the frame, covering no clean centre of the first frame with detections, {@code firstRef}).
   */
  static void measureVideoPatch(StagedDetector det, ImportanceDefence ours, ObjectSeeker seeker,
      List<PixelImage> frames, String set, List<Detection> firstRef, FramePatches white, List<List<Detection>> refs,
      List<Row> rows, boolean diagnose, PrintStream out) {
    List<FramePatches.Placed> placed = new ArrayList<>();
    for (PixelImage img : frames) {
      white.forFrame(img).ifPresent(placed::add);
    }
    if (placed.size() < frames.size()) {
      out.printf("  %s %s: no white-box patch in %s for %d of the %d frames (made for other frames: run"
          + " edge-inference/scripts/gradient_patch.py --video on these): row left out%n", det.name(), set, white.dir(),
          frames.size() - placed.size(), frames.size());
      return;
    }
    FramePatches.Placed p = placed.get(0);
    PixelImage first = frames.get(0);
    int side = Patches.side(first.width(), first.height(), PatchBenchOptions.PATCH_AREA);
    for (FramePatches.Placed q : placed) {
      if (q.x() != p.x() || q.y() != p.y() || !java.util.Arrays.equals(q.patch().pixels(), p.patch().pixels())) {
        throw new IllegalArgumentException("video patches: " + white.dir() + ": the frames hold different patches or"
            + " places; a physical patch is one square at one place");
      }
    }
    if (p.patch().width() > side || !Patches.allowed(p.x(), p.y(), p.patch().width(), first.width(), first.height(),
        firstRef)) {
      throw new IllegalArgumentException("video patches: " + white.dir() + ": the patch (" + p.patch().width()
          + " px at " + p.x() + "," + p.y() + ") is larger than " + side + " px (4 % of the frame), leaves the frame"
          + " or covers a clean detection's centre on the first frame");
    }
    out.printf("  %s %s: white-box patch at %d,%d (%d px)%n", det.name(), set, p.x(), p.y(), p.patch().width());
    if (diagnose) { // frame 0 is the first key frame
      diagnose(det, ours, first, Patches.paste(first, p.patch(), p.x(), p.y()), refs.get(0), p.x(), p.y(),
          p.patch().width(), out);
    }
    Row row = new Row(det.name(), set, "white-box patch");
    ImportanceDefence.Video s = ours.video();
    for (int i = 0; i < frames.size(); i++) {
      measure(det, s::next, seeker, Patches.paste(frames.get(i), p.patch(), p.x(), p.y()), refs.get(i), row);
      row.addCeiling(refs.get(i).size(), maskingCeiling(det, ours, frames.get(i), refs.get(i), p.x(), p.y(),
          p.patch().width()));
    }
    rows.add(row);
  }

  /** Every input path checked before any work, each failure naming the option and the value. */
  static void validate(PatchBenchOptions o) throws IOException {
    if (o.images() == null && o.video() == null && o.vehicleFrames() == null) {
      throw new IllegalArgumentException("nothing to measure: give --images, --video or vehicle frames");
    }
    if (o.images() != null) {
      List<Path> photos = listImages(o.images());
      for (Path p : photos.subList(0, Math.min(photos.size(), o.maxImages()))) {
        PixelImages.readOrRefuse(p);
      }
    }
    if (o.videoPatches() != null) {
      FramePatches.read(o.videoPatches());
    }
    if (o.video() != null && !Files.isRegularFile(o.video())) {
      throw new IllegalArgumentException("--video: file not found: " + o.video());
    }
    if ((o.images() != null || o.video() != null) && !Files.isRegularFile(o.cocoModel())) {
      throw new IllegalArgumentException("--coco-model: file not found: " + o.cocoModel());
    }
    if (o.framePatches() != null) {
      FramePatches.read(o.framePatches());
    }
    if (o.gradientPatch() != null) {
      Patches.read(o.gradientPatch());
    }
    if (o.vehicleFrames() != null) {
      Path rendered = o.vehicleFrames().resolve("frames");
      int n = listImages(Files.isDirectory(rendered) ? rendered : o.vehicleFrames()).size();
      if (n < o.vehicleCount() + o.calibrationFrames()) {
        throw new IllegalArgumentException("--vehicle-frames: " + o.vehicleFrames() + " holds " + n + " images, need "
            + (o.vehicleCount() + o.calibrationFrames()) + " (" + o.vehicleCount() + " measured + "
            + o.calibrationFrames() + " to calibrate)");
      }
    }
  }

  /** One untimed pass of each path, so that the timed ones do not pay for first-run allocations. */
  private static void warmUp(StagedDetector det, ImportanceDefence ours, ObjectSeeker seeker, PixelImage img) {
    det.detect(img);
    ours.detect(img);
    seeker.detect(img);
  }

  /** Reference detections matched one-to-one (IoU >= 0.5, same class) by {@code found}. */
  static int matched(List<Detection> ref, List<Detection> found) {
    return (int) DetectionF1.count(ref, found).truePositives();
  }

  /** Same detections: every one matched both ways. */
  static boolean same(List<Detection> ref, List<Detection> found) {
    return ref.size() == found.size() && matched(ref, found) == ref.size();
  }

  private static void print(List<Row> rows, Map<String, double[]> cleanChanged, PrintStream out) {
    out.printf("%-20s %-22s %-20s %6s %7s %8s %7s %7s %7s %6s %8s %8s %8s %6s %6s%n", "detector", "frames", "attack",
        "frames", "targets", "queries", "R none", "R ours", "R OS", "masked", "ms plain", "ms ours", "ms OS", "ours x",
        "OS x");
    for (Row r : rows) {
      double n = Math.max(1, r.frameCount);
      out.printf("%-20s %-22s %-20s %6d %7d %8s %7.3f %7.3f %7.3f %6d %8.1f %8.1f %8.1f %6.2f %6.2f%n", r.detector,
          r.frames, r.attack, r.frameCount, r.targets,
          r.attack.startsWith("random search") ? String.format("%.0f", r.queries / (r.frames.endsWith("(video)") ? 1.0 : n)) : "-",
          recall(r.matchedNone, r.targets), recall(r.matchedOurs, r.targets), recall(r.matchedSeeker, r.targets), r.masked,
          r.nsPlain / n / 1e6, r.nsOurs / n / 1e6, r.nsSeeker / n / 1e6, r.nsOurs / (double) r.nsPlain,
          r.nsSeeker / (double) r.nsPlain);
    }
    out.println("queries: mean per attacked frame (photos, rendered) or for the whole video (one patch); R = recall of the"
        + " clean detections; x = time / undefended time over the same frames");
    for (Map.Entry<String, double[]> e : cleanChanged.entrySet()) {
      double[] c = e.getValue();
      out.printf("clean frames changed, %s: ours %.0f / %.0f = %.1f%%, ObjectSeeker %.0f / %.0f = %.1f%%%n", e.getKey(),
          c[0], c[2], 100 * c[0] / c[2], c[1], c[2], 100 * c[1] / c[2]);
    }
    goals(rows, cleanChanged, out);
  }

  /** The masking ceiling of a row, as a clause of its goal line; empty where it was not measured. */
  private static String ceiling(Row r) {
    if (r.ceilingTargets == 0) {
      return "";
    }
    double c = recall(r.matchedCeiling, r.ceilingTargets);
    return String.format("; masking the patch's own square in the clean frames keeps %.1f%% (%d of %d)%s", 100 * c,
        r.matchedCeiling, r.ceilingTargets, c < 0.85 ? ": out of reach of a defence that masks the patch" : "");
  }

  private static void goals(List<Row> rows, Map<String, double[]> cleanChanged, PrintStream out) {
    out.println("goals (issue 20):");
    for (Row r : rows) {
      if (r.attack.equals("clean") || r.attack.equals("noise control")) {
        continue;
      }
      double none = recall(r.matchedNone, r.targets);
      double ours = recall(r.matchedOurs, r.targets);
      double os = recall(r.matchedSeeker, r.targets);
      String key = r.detector + " / " + r.frames + " / " + r.attack;
      out.printf("  %s: attack cuts recall to <= 40%%: %.1f%% %s%n", key, 100 * none, met(none <= 0.40));
      out.printf("  %s: ours recall >= 85%%: %.1f%% %s%s%n", key, 100 * ours, met(ours >= 0.85), ceiling(r));
      out.printf("  %s: ours within 5 points of ObjectSeeker (%.1f%%): %s%n", key, 100 * os, met(ours >= os - 0.05));
    }
    for (Row r : rows) {
      if (!r.attack.equals("clean")) {
        continue;
      }
      double oursOver = r.nsOurs / (double) r.nsPlain - 1;
      double osOver = r.nsSeeker / (double) r.nsPlain - 1;
      boolean video = r.frames.endsWith("(video)");
      String key = r.detector + " / " + r.frames;
      out.printf("  %s: ours overhead <= a quarter of ObjectSeeker's (%.0f%% vs %.0f%%): %s%n", key, 100 * oursOver,
          100 * osOver, met(oursOver <= osOver / 4));
      if (video) {
        out.printf("  %s: overhead per video frame <= 25%%: %.0f%% %s%n", key, 100 * oursOver, met(oursOver <= 0.25));
      } else {
        out.printf("  %s: time per single image <= 2x: %.2fx %s%n", key, 1 + oursOver, met(1 + oursOver <= 2));
      }
    }
    for (Map.Entry<String, double[]> e : cleanChanged.entrySet()) {
      double share = e.getValue()[0] / e.getValue()[2];
      out.printf("  %s: <= 2%% of clean frames changed: %.1f%% %s%n", e.getKey(), 100 * share, met(share <= 0.02));
    }
  }

  private static String met(boolean ok) {
    return ok ? "met" : "NOT met";
  }

  private static double recall(int matched, int targets) {
    return targets == 0 ? 1 : matched / (double) targets;
  }

  /** Images (png, jpg, jpeg) of a folder, sorted by name. */
  static List<Path> listImages(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a folder of images: " + dir);
    }
    if (countEntries(dir) > 100_000) {
      throw new IllegalArgumentException("too many files (> 100000) in " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
      }).sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no .png/.jpg images in " + dir);
      }
      return files;
    }
  }

  private static long countEntries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.limit(100_001).count();
    }
  }

  /** Frames of a video, cached under {@code cacheRoot}: {@link VideoFrames#extract}. */
  static List<Path> extractFrames(Path video, Path cacheRoot, int start, int count, int step, int atLeast)
      throws IOException, InterruptedException {
    return VideoFrames.extract(video, cacheRoot, start, count, step, atLeast);
  }
}
