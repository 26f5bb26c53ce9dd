package org.swarmsense.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.swarmsense.edge.patch.CalibrateDefence;
import org.swarmsense.edge.patch.ImportanceDefence;
import org.swarmsense.gateway.files.AtomicWrite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calibrate-defence}: a thin shell over {@link CalibrateDefence} (edge-inference). */
@Command(name = "calibrate-defence", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Calibrate the edge nodes' adversarial-patch defence (shipped plain vehicle detector) on clean"
        + " frames of your own area, e.g. rendered with swarmsense render from its map and traffic; then run the"
        + " nodes with swarmsense.agents.edge-node.patch-calibration = FILE (edge --patch-calibration FILE,"
        + " serve/demo --edge-patch-calibration FILE). No labels needed.")
final class CalibrateDefenceCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--frames", required = true, paramLabel = "DIR",
      description = "folder of clean PNG frames (or a swarmsense render output); repeat for more folders;"
          + " at least " + CalibrateDefence.MIN_FRAMES + " frames in all")
  private List<Path> frames;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the calibration file to write")
  private Path out;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default 2)")
  private int threads = 2;

  @Override
  public Integer call() throws IOException {
    if (Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + ": a folder; give the calibration file's name");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new IllegalArgumentException("--out " + out + ": its folder " + parent + " does not exist");
    }
    PrintStream o = CommandOutput.of(spec);
    CalibrateDefence.Calibrated c = CalibrateDefence.calibrate(frames, threads, o::println);
    AtomicWrite.replace(out, c.toText().getBytes(StandardCharsets.UTF_8)); // an interrupted run leaves the old file
    o.println(CalibrateDefence.describe(c, out));
    return 0;
  }

  /**
   * {@code file} after checking it reads as a calibration (not yet whether it fits the detector: the
   * node tries that when it opens it).
   *
   * @throws IllegalArgumentException naming {@code option} and the file
   */
  static Path checked(String option, Path file) {
    read(option, file);
    return file;
  }

  /**
   * The calibration in {@code file}.
   *
   * @throws IllegalArgumentException naming {@code option} and the file
   */
  static ImportanceDefence.Calibration read(String option, Path file) {
    try {
      return ImportanceDefence.Calibration.read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
