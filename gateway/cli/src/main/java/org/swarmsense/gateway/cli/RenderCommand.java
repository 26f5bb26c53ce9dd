package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.swarmsense.maps.MapsSettings;
import org.swarmsense.maps.camera.RenderDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code render}: a thin shell over {@link RenderDataset} (maps). */
@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Render nadir camera frames of a map and a traffic trace with ground-truth vehicle boxes:"
        + " DIR/frames/*.png, DIR/roads/*.png (road masks), DIR/labels.jsonl, DIR/manifest.json"
        + " (see maps/README.md).")
final class RenderCommand implements Callable<Integer> {

  @Option(names = "--map", required = true, paramLabel = "OSM", description = "OSM extract (.osm, .osm.gz, .osm.pbf)")
  private Path map;

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "traffic trace: SUMO FCD (.xml[.gz]), pNEUMA (.csv), GPX (.gpx)")
  private Path trace;

  @Option(names = "--frames", required = true, paramLabel = "N", description = "frames to render")
  private int frames;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "seed of positions, times and looks")
  private long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (absent or empty)")
  private Path out;

  @Option(names = "--altitude-m", paramLabel = "M", description = "camera altitude, metres (default from settings: 100)")
  private double altitudeM = Double.NaN;

  @Option(names = "--fov-deg", paramLabel = "DEG", description = "horizontal field of view, degrees (default from settings: 60)")
  private double fovDeg = Double.NaN;

  @Option(names = "--size-px", paramLabel = "PX", description = "square frame size, pixels, 16..4096 (default from settings: 512)")
  private int sizePx;

  @Override
  public Integer call() {
    var camera = RenderDataset.Options.camera(MapsSettings.load().camera(), altitudeM, fovDeg, sizePx);
    RenderDataset.run(new RenderDataset.Options(map, trace, frames, seed, out, camera, SwarmsenseCli.version()), System.out);
    return 0;
  }
}
