package org.swarmsense.maps.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Trace vehicle types to classes, and the classes' SUMO default sizes. */
class VehicleClassTest {

  @Test
  void traceTypesMapToClasses() {
    assertEquals(VehicleClass.PASSENGER, VehicleClass.of("DEFAULT_VEHTYPE"));
    assertEquals(VehicleClass.PASSENGER, VehicleClass.of(""));
    assertEquals(VehicleClass.PASSENGER, VehicleClass.of(null));
    assertEquals(VehicleClass.PASSENGER, VehicleClass.of("Taxi"));
    assertEquals(VehicleClass.DELIVERY, VehicleClass.of("delivery"));
    assertEquals(VehicleClass.DELIVERY, VehicleClass.of("Medium Vehicle"));
    assertEquals(VehicleClass.TRUCK, VehicleClass.of("truck"));
    assertEquals(VehicleClass.TRUCK, VehicleClass.of("Heavy Vehicle"));
    assertEquals(VehicleClass.TRUCK, VehicleClass.of("trailer"));
    assertEquals(VehicleClass.BUS, VehicleClass.of("Bus"));
    assertEquals(VehicleClass.BUS, VehicleClass.of("coach"));
    assertEquals(VehicleClass.MOTORCYCLE, VehicleClass.of("motorcycle"));
    assertEquals(VehicleClass.MOTORCYCLE, VehicleClass.of("moped"));
  }

  @Test
  void sumoDefaultDimensions() {
    assertEquals(5.0, VehicleClass.PASSENGER.lengthM());
    assertEquals(1.8, VehicleClass.PASSENGER.widthM());
    assertEquals(6.5, VehicleClass.DELIVERY.lengthM());
    assertEquals(2.16, VehicleClass.DELIVERY.widthM());
    assertEquals(7.1, VehicleClass.TRUCK.lengthM());
    assertEquals(12.0, VehicleClass.BUS.lengthM());
    assertEquals(2.2, VehicleClass.MOTORCYCLE.lengthM());
    assertEquals("motorcycle", VehicleClass.MOTORCYCLE.label());
  }
}
