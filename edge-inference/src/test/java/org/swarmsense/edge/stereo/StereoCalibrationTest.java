package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StereoCalibrationTest {

  @Test
  void depthFollowsMiddleburyFormula() {
    StereoCalibration c = StereoCalibration.middleburyMotorcycle();
    // Z = f B / (d + doffs) = 994.978 * 0.193001 / (7.19 + 31.086) = 192.0297 / 38.276 = 5.0170 m
    assertEquals(5.0170, c.depthM(7.19), 1e-3);
    // dZ/dd at 5 m = 25 / 192.0297 = 0.1302 m: the "one pixel is about 13 cm at 5 m"
    assertEquals(0.1302, c.depthStepM(5), 1e-4);
  }

  @Test
  void halfSizeKeepsDepthsAndMovesPixelCentres() {
    StereoCalibration full = StereoCalibration.middleburyMotorcycle();
    StereoCalibration half = full.halfSize();
    // a point seen at disparity 40 px in the full pair is at 20 px in the halved pair, same depth
    assertEquals(full.depthM(40), half.depthM(20), 1e-12);
    // pixel x = 311 (centre 311.5) becomes half-pixel 155.25 whose centre is 155.5: cx 311.193 -> 155.3465
    assertEquals(155.3465, half.principalXPx(), 1e-9);
    assertEquals(994.978 / 2, half.focalPx(), 1e-12);
  }

  @Test
  void parsesFiveNumbersWithBaselineInMillimetres() {
    StereoCalibration c = StereoCalibration.parse("994.978, 311.193,254.877,31.086,193.001");
    assertEquals(StereoCalibration.middleburyMotorcycle(), c);
  }

  @Test
  void badCalibrationNamesTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StereoCalibration.parse("1,2,3"));
    assertTrue(e.getMessage().contains("1,2,3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StereoCalibration.parse("1,2,x,4,5"));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StereoCalibration.parse("-5,2,3,4,5"));
    assertTrue(e.getMessage().contains("focalPx") && e.getMessage().contains("-5"), e.getMessage());
  }
}
