package org.swarmsense.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapsSettingsTest {

  @Test
  void referenceDefaults() {
    MapsSettings s = MapsSettings.load();
    assertEquals(
        Path.of(System.getProperty("user.home"), ".cache", "swarmsense", "road-graphs"), s.cacheDir());
    assertEquals("car", s.roadProfile());
    assertEquals(500, s.maxSnapDistanceM());
    assertEquals(10, s.noFlyClearanceM());
    assertEquals(40, s.gpsSigmaM());
    assertEquals(new org.swarmsense.maps.camera.CameraSettings(100, 60, 512, 512, 0.02, 6), s.camera());
  }

  @Test
  void cameraOverridesAndUnknownCameraKeys() {
    MapsSettings s = MapsSettings.create(ConfigFactory.parseString("swarmsense.maps.camera.altitude-m = 60")
        .withFallback(ConfigFactory.defaultReference()));
    assertEquals(60, s.camera().altitudeM());
    var e = assertThrows(IllegalArgumentException.class, () -> MapsSettings.create(
        ConfigFactory.parseString("swarmsense.maps.camera.altitude = 60").withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().startsWith("unknown key swarmsense.maps.camera.altitude "), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> MapsSettings.create(
        ConfigFactory.parseString("swarmsense.maps.camera.horizontal-fov-deg = 180").withFallback(ConfigFactory.defaultReference())));
    assertEquals("horizontalFovDeg must be in (0, 170) degrees, got: 180.0", e2.getMessage());
  }

  @Test
  void overridesAndUnknownKeys() {
    MapsSettings s = MapsSettings.create(ConfigFactory.parseString("swarmsense.maps.no-fly-clearance-m = 25")
        .withFallback(ConfigFactory.defaultReference()));
    assertEquals(25, s.noFlyClearanceM());
    var e = assertThrows(IllegalArgumentException.class, () -> MapsSettings.create(
        ConfigFactory.parseString("swarmsense.maps.cache-dri = x").withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().startsWith("unknown key swarmsense.maps.cache-dri"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> MapsSettings.create(
        ConfigFactory.parseString("swarmsense.maps.gps-sigma-m = -1").withFallback(ConfigFactory.defaultReference())));
    assertEquals("gpsSigmaM must be a positive finite number, got: -1.0", e2.getMessage());
  }
}
