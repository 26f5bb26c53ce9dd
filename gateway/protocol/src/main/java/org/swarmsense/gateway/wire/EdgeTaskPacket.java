package org.swarmsense.gateway.wire;

import java.util.Arrays;

/**
 * One codec packet of an inference task on {@code swarmsense/{fleet}/edge/{id}/task}: one MQTT
 * message per packet, each repeating the task's fields, so that packets travel (and get lost or
 * late) on their own like the codec's packets on a radio link, and any one packet lets the edge node
 * open the task. JSON fields {@code v, t_ms, task_id, frame_id, order_id, width_px, height_px,
 * packet_count, deadline_ms, packet_b64} and, optionally, {@code defend}. Immutable.
 *
 * @param v payload version, 1
 * @param tMs when the drone sent the packet, milliseconds since the Unix epoch (sender clock; for
 *     logs, not for the deadline)
 * @param taskId the task, 1..64 of {@code [A-Za-z0-9_-]}; its result comes back on {@code
 *     .../result/{task_id}}
 * @param frameId the frame id in the codec's packet headers, 0..4294967295
 * @param orderId the codec's band order id, 0..65535
 * @param widthPx frame width, pixels, 1..65535
 * @param heightPx frame height, pixels, 1..65535
 * @param packetCount packets the frame was encoded into, 1..{@link #MAX_PACKETS}
 * @param deadlineMs relative deadline: the edge node answers with what arrived at most this many
 *     milliseconds after it received the task's first packet, 1..60000 (relative, so drone and edge
 *     clocks need not agree)
 * @param packet the codec packet (binary, header + entropy-coded data + CRC32), 1..{@link
 *     #MAX_PACKET_BYTES} bytes, base64 in JSON
 * @param defend ask for the node's adversarial-patch defence on this frame (JSON {@code defend}, a
 *     boolean, optional, false when absent; the node's policy decides, and its result says whether the
 *     defence ran)
 */
public record EdgeTaskPacket(int v, long tMs, String taskId, long frameId, int orderId, int widthPx, int heightPx,
    int packetCount, int deadlineMs, byte[] packet, boolean defend) {

  /** A packet of a task that does not ask for the patch defence. */
  public EdgeTaskPacket(int v, long tMs, String taskId, long frameId, int orderId, int widthPx, int heightPx,
      int packetCount, int deadlineMs, byte[] packet) {
    this(v, tMs, taskId, frameId, orderId, widthPx, heightPx, packetCount, deadlineMs, packet, false);
  }

  /** The codec's largest packet, bytes (semantic-comm {@code PacketHeader.MAX_PACKET}). */
  public static final int MAX_PACKET_BYTES = 1200;
  /** Most packets one task may declare (1,024 x 1,200 B = 1.2 MB; edge nodes may accept less). */
  public static final int MAX_PACKETS = 1024;
  /** Largest task message, bytes: base64 of the largest packet plus the task fields. */
  public static final int MAX_MESSAGE_BYTES = 2048;

  /** Validates every field; errors name the JSON field and the value. */
  public EdgeTaskPacket {
    Payloads.requireVersion(v);
    Payloads.requireTime("t_ms", tMs);
    Payloads.requireName("task_id", taskId);
    Payloads.requireInteger("frame_id", frameId, 0, 0xFFFF_FFFFL);
    Payloads.requireInteger("order_id", orderId, 0, 65535);
    Payloads.requireInteger("width_px", widthPx, 1, 65535);
    Payloads.requireInteger("height_px", heightPx, 1, 65535);
    Payloads.requireInteger("packet_count", packetCount, 1, MAX_PACKETS);
    Payloads.requireInteger("deadline_ms", deadlineMs, 1, 60_000);
    if (packet == null || packet.length == 0 || packet.length > MAX_PACKET_BYTES) {
      throw new PayloadException(Rejection.BAD_VALUE, "packet_b64 must decode to 1.." + MAX_PACKET_BYTES
          + " bytes, was " + (packet == null ? "null" : packet.length + " bytes"));
    }
    packet = packet.clone();
  }

  /** The packet bytes (a copy). */
  @Override
  public byte[] packet() {
    return packet.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeTaskPacket p && p.v == v && p.tMs == tMs && p.taskId.equals(taskId) && p.frameId == frameId
        && p.orderId == orderId && p.widthPx == widthPx && p.heightPx == heightPx && p.packetCount == packetCount
        && p.deadlineMs == deadlineMs && p.defend == defend && Arrays.equals(p.packet, packet);
  }

  @Override
  public int hashCode() {
    return 31 * taskId.hashCode() + Arrays.hashCode(packet);
  }

  @Override
  public String toString() {
    return "EdgeTaskPacket[task_id=" + taskId + ", frame_id=" + frameId + ", order_id=" + orderId + ", " + widthPx + "x"
        + heightPx + ", packet_count=" + packetCount + ", deadline_ms=" + deadlineMs + (defend ? ", defend" : "") + ", " + packet.length + " B]";
  }
}
