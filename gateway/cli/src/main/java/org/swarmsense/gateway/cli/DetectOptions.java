package org.swarmsense.gateway.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --quick} and {@code --detector ONNX}, the options that go with {@code --detect} in {@code
 * mission plan} and {@code bench sensing} (a picocli mixin). Each command keeps its own {@code
 * --detect}, whose help says what that command does with the detections.
 */
final class DetectOptions {
  @Option(names = "--quick", description = "with --detect: one frame per minute of hover")
  private boolean quick;

  @Option(names = "--detector", paramLabel = "ONNX", description = "with --detect: a COCO-format"
      + " ONNX detector instead of the project's vehicle detector (tests and benchmarks)")
  private Path detector;

  /**
   * Refuses {@code --quick} or {@code --detector} without {@code --detect}.
   *
   * @throws CommandLine.ParameterException naming both options
   */
  void requireDetect(CommandLine commandLine, boolean detect) {
    if (!detect && (quick || detector != null)) {
      throw new CommandLine.ParameterException(commandLine, "--quick and --detector need --detect");
    }
  }

  /** One frame per minute of hover instead of the configured sampling. */
  boolean quick() {
    return quick;
  }

  /** The COCO-format detector to run instead of the project's vehicle detector, if given. */
  Optional<Path> detector() {
    return Optional.ofNullable(detector);
  }
}
