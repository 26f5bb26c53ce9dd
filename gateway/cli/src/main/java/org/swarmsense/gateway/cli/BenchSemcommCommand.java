package org.swarmsense.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.swarmsense.edge.codecbench.SemcommBench;
import org.swarmsense.edge.codecbench.SemcommBenchOptions;
import org.swarmsense.edge.codecbench.SemcommDiagnosis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmsense bench semcomm}: detection F1 of the DCT effectiveness encoding against JPEG,
 * progressive JPEG and JPEG 2000 at equal bytes, clean and under bursty loss, plus encode/decode
 * time next to cjpeg/djpeg (library: {@link SemcommBench}). {@code --learn-order} computes the
 * detector's band order instead.
 */
@Command(name = "semcomm", sortOptions = false,
    description = "F1 vs bits per pixel of the effectiveness encoding and JPEG-family baselines, clean and under 5%%"
        + " bursty loss; 1080p encode/decode time vs cjpeg/djpeg; table and PNG plot.")
final class BenchSemcommCommand implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--images", paramLabel = "DIR", description = "folder of photos (default shared/data/images)")
  private Path images;

  @Option(names = "--video", paramLabel = "FILE", description = "video (default Debian opencv-doc vtest.avi)")
  private Path video;

  @Option(names = "--frames", paramLabel = "N", description = "video frames, from the first (default 100)")
  private Integer frames;

  @Option(names = "--quick", description = "dog.jpg and person.jpg only, no video; timing: 15 warm-ups, 7 runs")
  private boolean quick;

  @Option(names = "--order", paramLabel = "FILE",
      description = "learned band order (default edge-inference/models/mb3_centernet_coco.band-order.txt)")
  private Path order;

  @Option(names = "--out", paramLabel = "DIR", description = "table, plot and frame cache (default target/semcomm)")
  private Path outDir;

  @Option(names = "--learn-order", description = "compute the detector's band order into --order and stop")
  private boolean learnOrder;

  @Option(names = "--timing", description = "only the 1080p encode/decode timing vs cjpeg/djpeg (no detector)")
  private boolean timingOnly;

  @Option(names = "--diagnose", description = "where ours gains or loses F1 between budgets: every rate-control"
      + " choice and candidate quality decoded and scored, clean channel only (diagnosis.txt, .csv, PNGs in --out)")
  private boolean diagnose;

  @Override
  public Integer call() throws Exception {
    SemcommBenchOptions o = SemcommBenchOptions.defaults().withWorkload(images, video, frames);
    if (order != null) {
      o = o.withOrder(order);
    }
    if (outDir != null) {
      o = o.withOutDir(outDir);
    }
    if (quick) {
      o = o.asQuick();
    }
    PrintStream out = CommandOutput.of(spec);
    if (learnOrder) {
      SemcommBench.learnOrder(o, out);
    } else if (diagnose) {
      SemcommDiagnosis.run(o, out);
    } else if (timingOnly) {
      SemcommBench.timing(o, out);
    } else {
      SemcommBench.run(o, out);
    }
    out.flush();
    return 0;
  }
}
