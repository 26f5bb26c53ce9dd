/**
 * Stereo occupancy detection, classical path: a rectified grey pair becomes a disparity map by
 * semi-global matching ({@link org.swarmsense.edge.stereo.SemiGlobalMatcher}), the disparity map
 * becomes points in camera coordinates ({@link org.swarmsense.edge.stereo.StereoCalibration}), and the
 * points become occupancy grids at 8^3, 16^3, 32^3 and 64^3 over a fixed box, coarse to fine with
 * octree pruning ({@link org.swarmsense.edge.stereo.OccupancyPyramid}). {@link
 * org.swarmsense.edge.stereo.StereoBenchmark} scores both steps against ground truth and against
 * OpenCV SGBM. Settings come from edge-inference's {@code reference.conf} through {@link
 * org.swarmsense.edge.EdgeInferenceSettings.Stereo}. Plain Java, primitive arrays; no class here
 * keeps global state (one write-only static field keeps the backward sweep's look-ahead reads from
 * being optimised away).
 *
 * <p>Learned path (issue 19 part 3): {@link org.swarmsense.edge.stereo.BoxScenes} renders seeded pairs
 * inside the box with exact truth; {@link org.swarmsense.edge.stereo.LearnedOccupancy} serves the
 * network trained on them ({@code scripts/train_stereo_occupancy.py}) as a staged model whose exits
 * are the levels; {@link org.swarmsense.edge.stereo.LearnedStereoBenchmark} measures it against the
 * classical path in the same run.
 */
package org.swarmsense.edge.stereo;
