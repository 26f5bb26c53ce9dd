/**
 * Measured vehicle detection of a planned sensing mission, in simulated time and plain Java (no
 * actors): every drone flies its selected plan on the project's one flight model ({@code
 * epos.sensing.flight.FlightTimeline}); while it hovers over a cell it captures a frame every capture
 * interval with maps' nadir camera (the mission's OSM map and trace at that time), the frame is
 * encoded with semantic-comm's codec, sent through its seeded uplink model with the task deadline,
 * decoded and detected by edge-inference's {@code OffloadServer} exactly as an edge node does, and
 * the detections are matched to the frame's ground truth ({@link
 * org.swarmsense.agents.detect.BoxMatching}, IoU &gt;= 0.5). {@link
 * org.swarmsense.agents.detect.MissionDetection} turns the matches into detected vehicle-seconds per
 * strategy ({@code epos.sensing.evaluation.DetectedVehicles}); {@link
 * org.swarmsense.agents.detect.DetectBench} prints the comparison {@code bench sensing --detect}
 * shows. It lives in {@code agents} because it is the one library-level module allowed to see the
 * planner, the camera, the codec and the edge server together.
 */
package org.swarmsense.agents.detect;
