package org.swarmsense.semantic.codec;

/**
 * What the receiver hands the task model at the deadline. Immutable.
 *
 * @param image the reconstructed image (missing coefficients zero)
 * @param energyShare share of the frame's coefficient energy that arrived, 0..1
 * @param acceptedPackets packets decoded
 */
public record DecodedFrame(PixelImage image, double energyShare, int acceptedPackets) {}
