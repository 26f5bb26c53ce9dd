package org.swarmsense.maps.traffic;

import java.util.Arrays;

/** Growable sample buffer for one vehicle while a reader streams a file. Not thread-safe. */
final class TrajectoryBuilder {
  private final String vehicleId;
  private String vehicleType = Trajectory.NO_TYPE;
  private double[] t = new double[16];
  private double[] lon = new double[16];
  private double[] lat = new double[16];
  private int n;

  TrajectoryBuilder(String vehicleId) {
    this.vehicleId = vehicleId;
  }

  String vehicleId() {
    return vehicleId;
  }

  double lastT() {
    return n == 0 ? Double.NEGATIVE_INFINITY : t[n - 1];
  }

  int size() {
    return n;
  }

  /** Keeps the first non-empty type seen (a SUMO vehicle keeps its vType for its whole trip). */
  void type(String type) {
    if (vehicleType.isEmpty() && type != null) {
      vehicleType = type;
    }
  }

  void add(double tS, double lonDeg, double latDeg) {
    if (n == t.length) {
      t = Arrays.copyOf(t, n * 2);
      lon = Arrays.copyOf(lon, n * 2);
      lat = Arrays.copyOf(lat, n * 2);
    }
    t[n] = tS;
    lon[n] = lonDeg;
    lat[n] = latDeg;
    n++;
  }

  Trajectory build() {
    return new Trajectory(vehicleId, Arrays.copyOf(t, n), Arrays.copyOf(lon, n), Arrays.copyOf(lat, n), vehicleType);
  }
}
