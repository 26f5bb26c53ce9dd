package org.swarmsense.epos.sensing;

import java.util.function.Consumer;
import org.swarmsense.epos.sensing.mission.Mission;

/** Demand of area missions (a polygon, a grid and a traffic trace) via the maps module. */
final class AreaDemand {

  private AreaDemand() {}

  static MissionDemand.Frame frame(Mission mission, Consumer<String> progress) {
    throw new IllegalArgumentException("area missions need the maps traffic readers (pending)");
  }
}
