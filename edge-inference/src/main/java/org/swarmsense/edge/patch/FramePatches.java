package org.swarmsense.edge.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * White-box patches made for particular frames by {@code edge-inference/scripts/gradient_patch.py
 * --per-frame} (issue 20, attack 1b per frame): a folder holding, per attacked frame, {@code
 * SHA.png} (the square patch) and {@code SHA.txt} (its top-left corner, "x y"), where SHA is the
 * SHA-256 of the frame's RGB pixels ({@link #pixelsSha256}), so a patch is only ever pasted on the
 * very frame it was optimised for, whatever the frame's file is called. Read whole and validated
 * when loaded; immutable.
 */
public final class FramePatches {
  /** Most entries a folder may hold (a bench attacks at most 10,000 frames). */
  public static final int MAX_ENTRIES = 10_000;

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

  /** A patch and where its top-left corner goes. */
  public record Placed(PixelImage patch, int x, int y) {
    /** Validates. */
    public Placed {
      if (patch == null || x < 0 || y < 0) {
        throw new IllegalArgumentException("a placed patch needs a patch and a corner >= 0, got " + x + "," + y);
      }
    }
  }

  private final Path dir;
  private final Map<String, Placed> bySha;

  private FramePatches(Path dir, Map<String, Placed> bySha) {
    this.dir = dir;
    this.bySha = Map.copyOf(bySha);
  }

  /**
   * Reads every {@code SHA.txt} of {@code dir} with its {@code SHA.png}.
   *
   * @throws IllegalArgumentException naming the file when the folder is missing or empty, holds more
   *     than {@value #MAX_ENTRIES} entries, a corner file is not two integers, or a patch is missing
   *     or not a square image
   */
  public static FramePatches read(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("per-frame patches: not a folder: " + dir);
    }
    Map<String, Placed> bySha = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> corners = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
      if (corners.size() > MAX_ENTRIES) {
        throw new IllegalArgumentException("per-frame patches: " + dir + " holds " + corners.size()
            + " entries, at most " + MAX_ENTRIES);
      }
      for (Path txt : corners) {
        String name = txt.getFileName().toString();
        String sha = name.substring(0, name.length() - ".txt".length());
        if (!SHA.matcher(sha).matches()) {
          throw new IllegalArgumentException("per-frame patches: " + txt
              + ": the name must be the frame's pixel SHA-256 (64 lower-case hex digits) + .txt");
        }
        if (Files.size(txt) > 256) {
          throw new IllegalArgumentException("per-frame patches: " + txt + " is not a corner (\"x y\"): "
              + Files.size(txt) + " bytes");
        }
        String[] xy = Files.readString(txt, StandardCharsets.UTF_8).trim().split("\\s+");
        int x;
        int y;
        try {
          if (xy.length != 2) {
            throw new NumberFormatException();
          }
          x = Integer.parseInt(xy[0]);
          y = Integer.parseInt(xy[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("per-frame patches: " + txt + " must hold the corner as \"x y\" (two"
              + " integers >= 0), got: " + String.join(" ", xy));
        }
        if (x < 0 || y < 0) {
          throw new IllegalArgumentException("per-frame patches: " + txt + ": corner must be >= 0, got " + x + " " + y);
        }
        bySha.put(sha, new Placed(Patches.read(dir.resolve(sha + ".png")), x, y));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("per-frame patches: cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (bySha.isEmpty()) {
      throw new IllegalArgumentException("per-frame patches: " + dir + " holds no SHA.txt corner files");
    }
    return new FramePatches(dir, bySha);
  }

  /** The patch made for {@code frame} (matched by its pixels), if the folder has one. */
  public Optional<Placed> forFrame(PixelImage frame) {
    return Optional.ofNullable(bySha.get(pixelsSha256(frame)));
  }

  /** Entries in the folder. */
  public int size() {
    return bySha.size();
  }

  /** The folder read. */
  public Path dir() {
    return dir;
  }

  /** SHA-256 (lower-case hex) of the frame's pixels as RGB bytes, row by row: the folder's key. */
  public static String pixelsSha256(PixelImage frame) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frame.toRgb().pixels()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
