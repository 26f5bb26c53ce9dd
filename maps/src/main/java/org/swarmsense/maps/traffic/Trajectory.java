package org.swarmsense.maps.traffic;

import java.util.Arrays;

/**
 * One vehicle's timed positions in WGS84. Arrays are copied in and out, so instances are immutable
 * and thread-safe; use {@link #size()}, {@link #tS(int)}, {@link #lonDeg(int)}, {@link #latDeg(int)}
 * to read without copying.
 *
 * @param vehicleId the vehicle's id in its source
 * @param tS sample times, seconds (source time base), strictly increasing
 * @param lonDeg longitudes, degrees
 * @param latDeg latitudes, degrees
 * @param vehicleType the vehicle's type as its source names it (SUMO vType id, pNEUMA type), or
 *     {@link #NO_TYPE} when the source names none
 */
public record Trajectory(String vehicleId, double[] tS, double[] lonDeg, double[] latDeg, String vehicleType) {

  /** The vehicle type of a trajectory whose source names none (GPX, synthetic traffic). */
  public static final String NO_TYPE = "";

  /** A trajectory whose source names no vehicle type. */
  public Trajectory(String vehicleId, double[] tS, double[] lonDeg, double[] latDeg) {
    this(vehicleId, tS, lonDeg, latDeg, NO_TYPE);
  }

  /** Validates lengths, times and ranges; the message names the vehicle, the field and the index. */
  public Trajectory {
    if (vehicleId == null || vehicleId.isEmpty()) {
      throw new IllegalArgumentException("vehicleId must not be empty");
    }
    if (tS == null || lonDeg == null || latDeg == null) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": tS, lonDeg and latDeg must not be null");
    }
    if (vehicleType == null) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": vehicleType must not be null (NO_TYPE when unknown)");
    }
    if (tS.length != lonDeg.length || tS.length != latDeg.length) {
      throw new IllegalArgumentException("vehicle " + vehicleId + ": tS, lonDeg, latDeg lengths differ: "
          + tS.length + ", " + lonDeg.length + ", " + latDeg.length);
    }
    tS = tS.clone();
    lonDeg = lonDeg.clone();
    latDeg = latDeg.clone();
    for (int i = 0; i < tS.length; i++) {
      if (!Double.isFinite(tS[i]) || (i > 0 && !(tS[i] > tS[i - 1]))) {
        throw new IllegalArgumentException("vehicle " + vehicleId + ": tS[" + i + "] = " + tS[i]
            + " must be finite and after tS[" + (i - 1) + "]" + (i > 0 ? " = " + tS[i - 1] : ""));
      }
      if (!(lonDeg[i] >= -180 && lonDeg[i] <= 180)) {
        throw new IllegalArgumentException("vehicle " + vehicleId + ": lonDeg[" + i + "] = " + lonDeg[i] + " outside [-180, 180]");
      }
      if (!(latDeg[i] >= -90 && latDeg[i] <= 90)) {
        throw new IllegalArgumentException("vehicle " + vehicleId + ": latDeg[" + i + "] = " + latDeg[i] + " outside [-90, 90]");
      }
    }
  }

  /** Number of samples. */
  public int size() {
    return tS.length;
  }

  /** Time of sample i, seconds. */
  public double tS(int i) {
    return tS[i];
  }

  /** Longitude of sample i, degrees. */
  public double lonDeg(int i) {
    return lonDeg[i];
  }

  /** Latitude of sample i, degrees. */
  public double latDeg(int i) {
    return latDeg[i];
  }

  @Override
  public double[] tS() {
    return tS.clone();
  }

  @Override
  public double[] lonDeg() {
    return lonDeg.clone();
  }

  @Override
  public double[] latDeg() {
    return latDeg.clone();
  }

  /**
   * The trajectory at every whole second from ceil(first time) to floor(last time), positions
   * linearly interpolated in longitude and latitude between the surrounding samples (at city scale
   * the error against a geodesic is far below GPS noise). Empty if no whole second is covered.
   */
  public Trajectory at1Hz() {
    if (tS.length == 0) {
      return this;
    }
    long first = (long) Math.ceil(tS[0]);
    long last = (long) Math.floor(tS[tS.length - 1]);
    int n = (int) Math.max(0, last - first + 1);
    double[] t = new double[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    int j = 0;
    for (int k = 0; k < n; k++) {
      double s = first + k;
      while (j + 1 < tS.length && tS[j + 1] < s) {
        j++;
      }
      t[k] = s;
      if (tS[j] == s || j + 1 == tS.length) {
        lon[k] = lonDeg[j];
        lat[k] = latDeg[j];
      } else {
        double f = (s - tS[j]) / (tS[j + 1] - tS[j]);
        lon[k] = lonDeg[j] + f * (lonDeg[j + 1] - lonDeg[j]);
        lat[k] = latDeg[j] + f * (latDeg[j + 1] - latDeg[j]);
      }
    }
    return new Trajectory(vehicleId, t, lon, lat, vehicleType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectory other
        && vehicleId.equals(other.vehicleId)
        && vehicleType.equals(other.vehicleType)
        && Arrays.equals(tS, other.tS)
        && Arrays.equals(lonDeg, other.lonDeg)
        && Arrays.equals(latDeg, other.latDeg);
  }

  @Override
  public int hashCode() {
    return (((vehicleId.hashCode() * 31 + vehicleType.hashCode()) * 31 + Arrays.hashCode(tS)) * 31 + Arrays.hashCode(lonDeg)) * 31
        + Arrays.hashCode(latDeg);
  }

  @Override
  public String toString() {
    return "Trajectory[" + vehicleId + (vehicleType.isEmpty() ? "" : " (" + vehicleType + ")") + ", " + tS.length + " samples"
        + (tS.length > 0 ? ", t " + tS[0] + ".." + tS[tS.length - 1] + " s" : "") + "]";
  }
}
