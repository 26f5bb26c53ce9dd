package org.swarmsense.gateway.wire;

/**
 * An edge node's answer to an {@link OccupancyTask}: the finest occupancy level the deadline allowed
 * ({@code ok: true}) or an error with a reason ({@code ok: false}). JSON fields {@code v, t_ms,
 * task_id, ok}, then for an answer {@code resolution, full_pass, occupied_count, occupied_b64,
 * latency_ms, late}, for an error {@code reason, detail}.
 *
 * <p>The grid: {@code resolution}^3 voxels of the request's box, voxel (x, y, z) at bit index
 * {@code (z n + y) n + x}, bit i in byte i / 8 at bit i % 8 (least significant first), base64; so
 * 64 B at 8^3 up to 32 KiB at 64^3. Only the finest level travels: with the one-point rule every
 * coarser level is the OR of its 8 children. {@code occupied_count} must equal the set bits, which
 * catches a truncated or shifted grid. Immutable; the array is owned by the record's creator.
 *
 * @param v payload version, 1
 * @param tMs when the node answered, milliseconds since the Unix epoch (node clock)
 * @param taskId the request's id
 * @param ok an answer (true) or an error (false)
 * @param resolution voxels per axis of the level sent: 8, 16, 32 or 64 (ok only, else 0)
 * @param fullPass whether the full-size pass ran (levels 32 and 64 need it; ok only)
 * @param occupiedCount number of occupied voxels, 0..resolution^3 (ok only)
 * @param occupied the grid's bits, resolution^3 / 8 bytes (ok only, else empty)
 * @param latencyMs receiving the request to the answer, milliseconds, 0..3600000 (ok only)
 * @param late whether the answer came after the deadline (ok only)
 * @param reason the error code, a lower-case word (error only, else null)
 * @param detail the error in a sentence naming field and value, 1..1000 characters (error only)
 */
public record OccupancyResult(int v, long tMs, String taskId, boolean ok, int resolution, boolean fullPass,
    int occupiedCount, byte[] occupied, double latencyMs, boolean late, String reason, String detail) {

  /** Largest result message, bytes: the 32 KiB grid of 64^3 is 43,692 characters of base64. */
  public static final int MAX_MESSAGE_BYTES = Payloads.MAX_BYTES;

  /** Validates every field; errors name the JSON field and the value. */
  public OccupancyResult {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireName("task_id", taskId);
    occupied = occupied == null ? new byte[0] : occupied;
    if (ok) {
      if (resolution != 8 && resolution != 16 && resolution != 32 && resolution != 64) {
        throw new PayloadException(Rejection.BAD_VALUE, "resolution must be 8, 16, 32 or 64, was " + resolution);
      }
      if (resolution > 16 && !fullPass) {
        throw new PayloadException(Rejection.BAD_VALUE, "resolution " + resolution + " needs full_pass true");
      }
      int bytes = resolution * resolution * resolution / 8;
      if (occupied.length != bytes) {
        throw new PayloadException(Rejection.BAD_VALUE, "occupied_b64 must decode to " + bytes + " bytes at resolution "
            + resolution + ", was " + occupied.length);
      }
      int set = 0;
      for (byte b : occupied) {
        set += Integer.bitCount(b & 0xff);
      }
      if (occupiedCount != set) {
        throw new PayloadException(Rejection.BAD_VALUE, "occupied_count must equal the bits set in occupied_b64 (" + set
            + "), was " + occupiedCount);
      }
      Payloads.requireRange("latency_ms", latencyMs, 0, 3_600_000);
      Payloads.requireNoRefusal(reason, detail);
    } else {
      Payloads.requireRefusal(reason, detail);
      if (resolution != 0 || fullPass || occupiedCount != 0 || occupied.length != 0 || late) {
        throw new PayloadException(Rejection.BAD_VALUE, "resolution, full_pass, occupied_count, occupied_b64 and late are"
            + " for ok=true only");
      }
    }
  }

  /** An answer at {@code resolution} with the grid's bits. */
  public static OccupancyResult answer(long tMs, String taskId, int resolution, boolean fullPass, byte[] occupied,
      double latencyMs, boolean late) {
    int set = 0;
    for (byte b : occupied) {
      set += Integer.bitCount(b & 0xff);
    }
    return new OccupancyResult(Payloads.VERSION, tMs, taskId, true, resolution, fullPass, set, occupied, latencyMs, late,
        null, null);
  }

  /** A refused or failed request; a detail longer than 1000 characters is cut. */
  public static OccupancyResult error(long tMs, String taskId, String reason, String detail) {
    String d = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    return new OccupancyResult(Payloads.VERSION, tMs, taskId, false, 0, false, 0, new byte[0], 0, false, reason, d);
  }

  /**
   * The wire form of a grid's flags: flag i (index {@code (z n + y) n + x}) at bit i % 8 of byte i / 8,
   * least significant bit first; the one packing of {@code occupied_b64}.
   */
  public static byte[] bits(boolean[] occupied) {
    byte[] out = new byte[(occupied.length + 7) / 8];
    for (int i = 0; i < occupied.length; i++) {
      if (occupied[i]) {
        out[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
    return out;
  }

  /** Whether voxel (x, y, z) is occupied (ok only). */
  public boolean occupiedAt(int x, int y, int z) {
    int n = resolution;
    if (x < 0 || y < 0 || z < 0 || x >= n || y >= n || z >= n) {
      throw new IllegalArgumentException("voxel (" + x + ", " + y + ", " + z + ") is outside 0.." + (n - 1));
    }
    int i = (z * n + y) * n + x;
    return (occupied[i >> 3] >> (i & 7) & 1) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OccupancyResult r && v == r.v && tMs == r.tMs && taskId.equals(r.taskId) && ok == r.ok
        && resolution == r.resolution && fullPass == r.fullPass && occupiedCount == r.occupiedCount
        && java.util.Arrays.equals(occupied, r.occupied) && latencyMs == r.latencyMs && late == r.late
        && java.util.Objects.equals(reason, r.reason) && java.util.Objects.equals(detail, r.detail);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(taskId, tMs, ok, resolution, java.util.Arrays.hashCode(occupied));
  }

  @Override
  public String toString() {
    return "OccupancyResult[" + taskId + ", " + (ok ? resolution + "^3, " + occupiedCount + " occupied" : reason) + "]";
  }
}
