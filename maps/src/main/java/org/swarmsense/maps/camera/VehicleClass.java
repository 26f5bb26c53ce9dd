package org.swarmsense.maps.camera;

import java.util.Locale;

/**
 * The vehicle classes the camera draws and labels, with SUMO's default dimensions for the vClass
 * (length x width, metres) and a typical height for the shadow. A trace's vehicle type maps to a
 * class by name ({@link #of(String)}); anything unknown is drawn as a passenger car.
 */
public enum VehicleClass {
  /** Passenger car, 5.0 x 1.8 m. */
  PASSENGER(5.0, 1.8, 1.5),
  /** Delivery van, 6.5 x 2.16 m. */
  DELIVERY(6.5, 2.16, 2.5),
  /** Truck, 7.1 x 2.4 m. */
  TRUCK(7.1, 2.4, 3.2),
  /** Bus, 12.0 x 2.5 m. */
  BUS(12.0, 2.5, 3.0),
  /** Motorcycle with rider, 2.2 x 0.9 m. */
  MOTORCYCLE(2.2, 0.9, 1.4);

  private final double lengthM;
  private final double widthM;
  private final double heightM;

  VehicleClass(double lengthM, double widthM, double heightM) {
    this.lengthM = lengthM;
    this.widthM = widthM;
    this.heightM = heightM;
  }

  /** Length, metres. */
  public double lengthM() {
    return lengthM;
  }

  /** Width, metres. */
  public double widthM() {
    return widthM;
  }

  /** Height, metres (casts the shadow). */
  public double heightM() {
    return heightM;
  }

  /** The label name: the lower-case SUMO vClass name ("passenger", "delivery", ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class of a trace's vehicle type: SUMO vType ids or vClass names (passenger, private, taxi,
   * evehicle, delivery, truck, trailer, bus, coach, motorcycle, moped; DEFAULT_VEHTYPE), pNEUMA types
   * (Car, Taxi, Medium Vehicle, Heavy Vehicle, Bus, Motorcycle), matched case-insensitively on the
   * start of the name; unknown or empty types are passenger cars.
   */
  public static VehicleClass of(String vehicleType) {
    String t = vehicleType == null ? "" : vehicleType.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("delivery") || t.startsWith("medium")) {
      return DELIVERY;
    }
    if (t.startsWith("truck") || t.startsWith("trailer") || t.startsWith("heavy")) {
      return TRUCK;
    }
    if (t.startsWith("bus") || t.startsWith("coach")) {
      return BUS;
    }
    if (t.startsWith("motorcycle") || t.startsWith("moped") || t.startsWith("scooter")) {
      return MOTORCYCLE;
    }
    return PASSENGER;
  }
}
