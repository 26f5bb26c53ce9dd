/**
 * {@code swarmsense bench detector}: the shipped vehicle detectors on rendered frames, clean and
 * through the codec and a bursty channel ({@link org.swarmsense.edge.detectbench.DetectorBench}),
 * the one copy of that degradation ({@link org.swarmsense.edge.detectbench.CodecDegradation}), the
 * reader of rendered data sets ({@link org.swarmsense.edge.detectbench.LabelledFrames}) and the entry
 * that writes codec-degraded training copies ({@link org.swarmsense.edge.detectbench.DegradeDataSet}).
 */
package org.swarmsense.edge.detectbench;
