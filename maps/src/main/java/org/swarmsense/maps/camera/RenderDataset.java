package org.swarmsense.maps.camera;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * {@code swarmsense render}: writes a training/evaluation data set of camera frames over a map and a
 * trace. Camera positions are drawn from the seed: frame i's time is stratified over the trace
 * (one uniform draw in the i-th of N equal slices), its ground position is a random vehicle present
 * then plus a uniform offset of up to 35% of the ground width in each axis, its heading uniform in
 * [0, 360) degrees; frame i is rendered with seed {@link #frameSeed(long, int)}.
 *
 * <p>Output, in {@code outDir} (which must be absent or empty):
 * <ul>
 *   <li>{@code frames/000000.png} ...: 8-bit RGB PNG, width x height of the settings;
 *   <li>{@code roads/000000.png} ...: the road region of the frame of the same number ({@link
 *       RoadMask}: roads, bridges and paved areas grown by {@value RoadMask#ROAD_MARGIN_M} m), a 1-bit
 *       grayscale PNG of the frame's size, white in the region;
 *   <li>{@code labels.jsonl}: one JSON object per frame and line: frame, map, trace, t_s, x_m, y_m
 *       (camera ground position, local metres of the map's projection), heading_deg, alt_m,
 *       m_per_px, width_px, height_px, seed (the data set's), boxes (x0, y0, x1, y1 pixels, x right,
 *       y down; type; id; visible = share of the footprint inside the frame);
 *   <li>{@code manifest.json}: map, trace, seed, settings, frame count, tool version; written last,
 *       so a data set without it is incomplete.
 * </ul>
 * Not thread-safe (one run at a time per output folder).
 */
public final class RenderDataset {

  /** Most frames one run writes. */
  public static final int MAX_FRAMES = 1_000_000;
  /** Version of the output format above. */
  public static final int FORMAT_VERSION = 1;

  private RenderDataset() {}

  /**
   * What to render. Validated here, with messages naming the command-line option and the value.
   *
   * @param mapFile OSM extract ({@code --map})
   * @param traceFile traffic trace the product reads ({@code --trace})
   * @param frames frames to write, 1..{@value #MAX_FRAMES} ({@code --frames})
   * @param seed seed of positions, times and looks ({@code --seed})
   * @param outDir output folder, absent or empty ({@code --out})
   * @param camera camera settings (defaults from maps {@code reference.conf}, overridden by
   *     {@code --altitude-m}, {@code --fov-deg}, {@code --size-px})
   * @param toolVersion version written to the manifest
   */
  public record Options(Path mapFile, Path traceFile, int frames, long seed, Path outDir, CameraSettings camera, String toolVersion) {

    /** Validates; messages name the option. */
    public Options {
      if (mapFile == null || !Files.isRegularFile(mapFile)) {
        throw new IllegalArgumentException("--map: file not found: " + mapFile);
      }
      if (traceFile == null || !Files.isRegularFile(traceFile)) {
        throw new IllegalArgumentException("--trace: file not found: " + traceFile);
      }
      if (frames < 1 || frames > MAX_FRAMES) {
        throw new IllegalArgumentException("--frames must be in 1.." + MAX_FRAMES + ", got: " + frames);
      }
      if (outDir == null) {
        throw new IllegalArgumentException("--out is required");
      }
      if (Files.exists(outDir) && !emptyDirectory(outDir)) {
        throw new IllegalArgumentException("--out " + outDir + " exists and is not an empty folder");
      }
      if (camera == null) {
        throw new IllegalArgumentException("camera settings must not be null");
      }
      toolVersion = toolVersion == null ? "dev" : toolVersion;
    }

    /**
     * Camera settings from {@code defaults} with the command line's overrides (NaN or 0: keep the
     * default); IAE naming the option for a bad value.
     */
    public static CameraSettings camera(CameraSettings defaults, double altitudeM, double fovDeg, int sizePx) {
      CameraSettings c = defaults;
      if (!Double.isNaN(altitudeM)) {
        if (!(altitudeM > 0) || Double.isInfinite(altitudeM)) {
          throw new IllegalArgumentException("--altitude-m must be a positive number of metres, got: " + altitudeM);
        }
        c = c.withAltitudeM(altitudeM);
      }
      if (!Double.isNaN(fovDeg)) {
        if (!(fovDeg > 0 && fovDeg < 170)) {
          throw new IllegalArgumentException("--fov-deg must be in (0, 170) degrees, got: " + fovDeg);
        }
        c = c.withHorizontalFovDeg(fovDeg);
      }
      if (sizePx != 0) {
        if (sizePx < 16 || sizePx > CameraSettings.MAX_SIZE_PX) {
          throw new IllegalArgumentException("--size-px must be in 16.." + CameraSettings.MAX_SIZE_PX + ", got: " + sizePx);
        }
        c = c.withSizePx(sizePx, sizePx);
      }
      return c;
    }

    private static boolean emptyDirectory(Path dir) {
      if (!Files.isDirectory(dir)) {
        return false;
      }
      try (Stream<Path> s = Files.list(dir)) {
        return s.findAny().isEmpty();
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** What a run wrote and how fast it rendered. */
  public record Summary(int frames, long boxes, double meanRenderMs, double medianRenderMs, double p95RenderMs,
      double meanRenderCpuMs, double meanWriteMs) {}

  /** The render seed of frame {@code index} of a data set seeded {@code seed}. */
  public static long frameSeed(long seed, int index) {
    return Hashing.mix(seed ^ Hashing.mix(index + 0x51L));
  }

  /** Writes the data set, printing progress and timings to {@code out}. */
  public static Summary run(Options o, PrintStream out) {
    long t0 = System.nanoTime();
    MapScene scene = MapScene.load(o.mapFile());
    long t1 = System.nanoTime();
    TrafficTrace trace = TrafficTrace.load(o.traceFile(), scene.projection());
    long t2 = System.nanoTime();
    if (trace.vehicleCount() == 0) {
      throw new IllegalArgumentException("--trace " + o.traceFile() + " has no vehicles");
    }
    if (!trace.boundsM().intersects(scene.boundsM())) {
      throw new IllegalArgumentException("--trace " + o.traceFile() + " lies outside --map " + o.mapFile()
          + " (is it a trace of another city?)");
    }
    CameraSettings cs = o.camera();
    out.printf(Locale.ROOT, "map %s: %d shapes, %.0f x %.0f m, loaded and indexed in %.0f ms%n", scene.name(),
        scene.itemCount(), scene.boundsM().getWidth(), scene.boundsM().getHeight(), (t1 - t0) / 1e6);
    out.printf(Locale.ROOT, "trace %s: %d vehicles, t %.0f..%.0f s, read in %.0f ms%n", o.traceFile().getFileName(),
        trace.vehicleCount(), trace.startS(), trace.endS(), (t2 - t1) / 1e6);
    out.printf(Locale.ROOT, "camera: %.0f m altitude, %.1f deg FOV, %d x %d px, %.3f m/px (%.1f m ground width)%n",
        cs.altitudeM(), cs.horizontalFovDeg(), cs.widthPx(), cs.heightPx(), cs.metresPerPixel(), cs.groundWidthM());

    NadirCamera camera = new NadirCamera(scene, cs);
    ObjectMapper json = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(o.seed());
    double[] renderMs = new double[o.frames()];
    double renderCpuMs = 0;
    double writeMs = 0;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    boolean cpuTime = cpu.isCurrentThreadCpuTimeSupported();
    long boxes = 0;
    try {
      Files.createDirectories(o.outDir().resolve("frames"));
      Files.createDirectories(o.outDir().resolve("roads"));
      try (BufferedWriter labels = Files.newBufferedWriter(o.outDir().resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
        int every = Math.max(1, o.frames() / 10);
        for (int i = 0; i < o.frames(); i++) {
          Shot shot = pickShot(trace, scene, cs, random, i, o.frames());
          long c0 = cpuTime ? cpu.getCurrentThreadCpuTime() : 0;
          long r0 = System.nanoTime();
          CameraFrame frame = camera.render(trace, shot.tS, shot.xM, shot.yM, shot.headingDeg, frameSeed(o.seed(), i));
          long r1 = System.nanoTime();
          renderCpuMs += cpuTime ? (cpu.getCurrentThreadCpuTime() - c0) / 1e6 : Double.NaN;
          String name = String.format(Locale.ROOT, "frames/%06d.png", i);
          writePng(frame.image(), o.outDir().resolve(name));
          writePng(frame.roads().toImage(), o.outDir().resolve(String.format(Locale.ROOT, "roads/%06d.png", i)));
          labels.write(json.writeValueAsString(label(name, scene, o, cs, shot, frame)));
          labels.write('\n');
          long r2 = System.nanoTime();
          renderMs[i] = (r1 - r0) / 1e6;
          writeMs += (r2 - r1) / 1e6;
          boxes += frame.boxes().size();
          if ((i + 1) % every == 0 || i + 1 == o.frames()) {
            out.printf(Locale.ROOT, "frame %d/%d: %d boxes so far, render %.1f ms/frame (mean wall; %.1f ms CPU), PNG+label %.1f ms/frame%n",
                i + 1, o.frames(), boxes, mean(renderMs, i + 1), renderCpuMs / (i + 1), writeMs / (i + 1));
          }
        }
      }
      Summary s = summary(renderMs, boxes, renderCpuMs, writeMs);
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("tool", "swarmsense render");
      manifest.put("version", o.toolVersion());
      manifest.put("format_version", FORMAT_VERSION);
      manifest.put("map", o.mapFile().getFileName().toString());
      manifest.put("trace", o.traceFile().getFileName().toString());
      manifest.put("seed", o.seed());
      manifest.put("frames", o.frames());
      manifest.put("boxes", boxes);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("alt_m", cs.altitudeM());
      settings.put("fov_deg", cs.horizontalFovDeg());
      settings.put("width_px", cs.widthPx());
      settings.put("height_px", cs.heightPx());
      settings.put("m_per_px", round(cs.metresPerPixel(), 5));
      settings.put("exposure_s", cs.exposureS());
      settings.put("max_noise_sigma", cs.maxNoiseSigma());
      manifest.put("settings", settings);
      manifest.put("classes", Arrays.stream(VehicleClass.values()).map(VehicleClass::label).toList());
      manifest.put("frame_seed", "RenderDataset.frameSeed(seed, frame index)");
      manifest.put("render_ms_mean", round(s.meanRenderMs(), 2));
      Files.writeString(o.outDir().resolve("manifest.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "wrote %d frames, %d boxes (%.1f per frame) to %s%n", s.frames(), s.boxes(),
          (double) s.boxes() / s.frames(), o.outDir());
      out.printf(Locale.ROOT, "render ms per %dx%d frame: wall mean %.1f, median %.1f, p95 %.1f; CPU mean %.1f"
          + " (one thread; PNG encode + label %.1f ms/frame extra)%n",
          cs.widthPx(), cs.heightPx(), s.meanRenderMs(), s.medianRenderMs(), s.p95RenderMs(), s.meanRenderCpuMs(), s.meanWriteMs());
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("--out " + o.outDir() + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Where and when one frame is taken. */
  private record Shot(double tS, double xM, double yM, double headingDeg) {}

  private static Shot pickShot(TrafficTrace trace, MapScene scene, CameraSettings cs, SplittableRandom r, int i, int n) {
    double span = trace.endS() - trace.startS();
    double tS = trace.startS() + (i + r.nextDouble()) * span / n;
    List<VehiclePose> poses = trace.posesAt(tS);
    double half = 0.35 * cs.groundWidthM();
    double heading = r.nextDouble(0, 360);
    if (poses.isEmpty()) {
      var b = scene.boundsM();
      return new Shot(tS, r.nextDouble(b.getMinX(), b.getMaxX()), r.nextDouble(b.getMinY(), b.getMaxY()), heading);
    }
    VehiclePose v = poses.get(r.nextInt(poses.size()));
    return new Shot(tS, v.xM() + r.nextDouble(-half, half), v.yM() + r.nextDouble(-half, half), heading);
  }

  private static Map<String, Object> label(String name, MapScene scene, Options o, CameraSettings cs, Shot shot, CameraFrame frame) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("frame", name);
    m.put("map", scene.name());
    m.put("trace", o.traceFile().getFileName().toString());
    m.put("t_s", round(shot.tS, 3));
    m.put("x_m", round(shot.xM, 2));
    m.put("y_m", round(shot.yM, 2));
    m.put("heading_deg", round(shot.headingDeg, 2));
    m.put("alt_m", cs.altitudeM());
    m.put("m_per_px", round(frame.metresPerPixel(), 5));
    m.put("width_px", cs.widthPx());
    m.put("height_px", cs.heightPx());
    m.put("seed", o.seed());
    List<Map<String, Object>> boxes = new ArrayList<>();
    for (VehicleBox b : frame.boxes()) {
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("x0", round(b.x0(), 2));
      bm.put("y0", round(b.y0(), 2));
      bm.put("x1", round(b.x1(), 2));
      bm.put("y1", round(b.y1(), 2));
      bm.put("type", b.vehicleClass().label());
      bm.put("id", b.vehicleId());
      bm.put("visible", round(b.visibleFraction(), 3));
      boxes.add(bm);
    }
    m.put("boxes", boxes);
    return m;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static double mean(double[] a, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s / n;
  }

  private static Summary summary(double[] renderMs, long boxes, double renderCpuMs, double writeMs) {
    double[] sorted = renderMs.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return new Summary(n, boxes, mean(renderMs, n), sorted[n / 2], sorted[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)],
        renderCpuMs / n, writeMs / n);
  }

  /**
   * Writes a PNG (8-bit RGB for a frame, 1-bit for a road mask) with a light deflate setting
   * (compression quality 0.75 in ImageIO's PNG writer: about a third faster than its default for 3%
   * more bytes on noisy frames).
   */
  static void writePng(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.75f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
