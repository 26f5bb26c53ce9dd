package org.swarmsense.semantic.codec;

/** What {@link SemanticDecoder#accept} did with a packet: accepted, or why it was dropped. */
public enum PacketVerdict {
  /** Decoded and kept. */
  ACCEPTED,
  /** Shorter than header plus CRC (or null). */
  TOO_SHORT,
  /** Longer than {@link PacketHeader#MAX_PACKET}. */
  TOO_LONG,
  /** CRC32 mismatch: corrupted in transit. */
  BAD_CRC,
  /** CRC fine but a header field is out of range (magic, version, sizes, quality, band or block range). */
  MALFORMED_HEADER,
  /** The band order id is not one the receiver knows. */
  UNKNOWN_ORDER,
  /** Belongs to another frame than the one being decoded. */
  OTHER_FRAME,
  /** Same frame id but another size, quality, order or energy than the frame's first packet. */
  INCONSISTENT_FRAME,
  /** Exactly the band and block ranges of a packet already accepted. */
  DUPLICATE,
  /** Covers coefficients an accepted packet already covers, with other ranges. */
  OVERLAP,
  /** Header fine but the entropy-coded data is not a well-formed stream. */
  CORRUPT_PAYLOAD
}
