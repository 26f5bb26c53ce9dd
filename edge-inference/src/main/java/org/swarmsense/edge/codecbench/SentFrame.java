package org.swarmsense.edge.codecbench;

import java.util.List;
import org.swarmsense.semantic.codec.PixelImage;

/**
 * What one scheme sends for one frame under one byte budget: packets of at most 1,200 bytes whose
 * total fits the budget, and the receiver that decodes whatever subset of them arrived.
 */
interface SentFrame {

  /** The packets, in sending order. */
  List<byte[]> packets();

  /** Decodes the packets at {@code arrived} (ascending indices). */
  Decoding decode(List<Integer> arrived) throws Exception;

  /**
   * A receiver's result.
   *
   * @param image the decoded image, or null when nothing decodable arrived
   * @param cutInHuffmanTable the stream was cut inside a DHT segment (progressive JPEG only)
   */
  record Decoding(PixelImage image, boolean cutInHuffmanTable) {}

  /** Splits a byte stream into 1,200-byte packets (the last one shorter). */
  static List<byte[]> split(byte[] stream) {
    List<byte[]> out = new java.util.ArrayList<>();
    for (int o = 0; o < stream.length; o += 1200) {
      out.add(java.util.Arrays.copyOfRange(stream, o, Math.min(stream.length, o + 1200)));
    }
    return out;
  }

  /** The bytes of the packets before the first missing one (a JPEG-family stream decodes only that). */
  static byte[] prefixBeforeFirstLoss(List<byte[]> packets, List<Integer> arrived) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < arrived.size() && arrived.get(i) == i; i++) {
      out.writeBytes(packets.get(i));
    }
    return out.toByteArray();
  }
}
