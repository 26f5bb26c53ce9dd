/**
 * {@code swarmsense bench semcomm}: detection F1 of the effectiveness encoding against JPEG-family
 * baselines at equal bytes, on a clean and a bursty channel, with encode and decode times next to
 * libjpeg-turbo; and the command that learns a band order for the detector. Entry points:
 * {@link org.swarmsense.edge.codecbench.SemcommBench#run},
 * {@link org.swarmsense.edge.codecbench.SemcommBench#timing} (only the 1080p encode/decode timing,
 * {@link org.swarmsense.edge.codecbench.CodecTiming}) and
 * {@link org.swarmsense.edge.codecbench.SemcommBench#learnOrder}.
 */
package org.swarmsense.edge.codecbench;
