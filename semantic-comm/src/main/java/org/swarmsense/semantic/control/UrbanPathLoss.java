package org.swarmsense.semantic.control;

/**
 * Path loss of 3GPP TR 38.901 (v17.0.0) Table 7.4.1-1, UMi-Street Canyon, without shadow fading:
 * the source of the control model's channel gains (one fixed distance per Markov state, see the
 * module README). Stateless and thread-safe.
 */
public final class UrbanPathLoss {

  private static final double LIGHT_SPEED_MPS = 299_792_458.0;
  private static final double ENVIRONMENT_HEIGHT_M = 1.0;

  private UrbanPathLoss() {}

  /**
   * Path loss in dB.
   *
   * @param distance2dM ground distance between device and base station, 10..5000 m
   * @param carrierHz carrier frequency, 0.5..100 GHz
   * @param baseStationHeightM h_BS (the table's model assumes 10 m)
   * @param deviceHeightM h_UT, 1.5..22.5 m
   * @param lineOfSight LOS formula if true, NLOS (never below LOS) otherwise
   */
  public static double umiStreetCanyonDb(
      double distance2dM, double carrierHz, double baseStationHeightM, double deviceHeightM,
      boolean lineOfSight) {
    if (!(distance2dM >= 10 && distance2dM <= 5000)) {
      throw new IllegalArgumentException("distance2dM must be in [10, 5000], got: " + distance2dM);
    }
    if (!(carrierHz >= 0.5e9 && carrierHz <= 100e9)) {
      throw new IllegalArgumentException("carrierHz must be in [0.5e9, 100e9], got: " + carrierHz);
    }
    if (!(deviceHeightM >= 1.5 && deviceHeightM <= 22.5)) {
      throw new IllegalArgumentException("deviceHeightM must be in [1.5, 22.5], got: " + deviceHeightM);
    }
    if (!(baseStationHeightM > deviceHeightM)) {
      throw new IllegalArgumentException("baseStationHeightM must exceed deviceHeightM, got: " + baseStationHeightM);
    }
    double fcGhz = carrierHz / 1e9;
    double d3d = Math.hypot(distance2dM, baseStationHeightM - deviceHeightM);
    double breakpointM = 4 * (baseStationHeightM - ENVIRONMENT_HEIGHT_M) * (deviceHeightM - ENVIRONMENT_HEIGHT_M)
        * carrierHz / LIGHT_SPEED_MPS;
    double los = distance2dM <= breakpointM
        ? 32.4 + 21 * Math.log10(d3d) + 20 * Math.log10(fcGhz)
        : 32.4 + 40 * Math.log10(d3d) + 20 * Math.log10(fcGhz)
            - 9.5 * Math.log10(breakpointM * breakpointM + Math.pow(baseStationHeightM - deviceHeightM, 2));
    if (lineOfSight) {
      return los;
    }
    double nlos = 35.3 * Math.log10(d3d) + 22.4 + 21.3 * Math.log10(fcGhz) - 0.3 * (deviceHeightM - 1.5);
    return Math.max(los, nlos);
  }
}
