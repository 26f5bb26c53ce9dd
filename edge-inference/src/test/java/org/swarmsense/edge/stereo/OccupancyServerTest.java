package org.swarmsense.edge.stereo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * An edge node's occupancy desk (issue 19 part 4): admission up to its capacity, a job that waited
 * past its deadline, images that are not PNGs of the declared size (a header declaring 60,000 px a
 * side costs nothing), and a served job whose grid is the service's own on the decoded pair.
 */
class OccupancyServerTest {

  static final GrayImage[] PAIR = OccupancyServiceTest.PAIR;
  static final int W = OccupancyServiceTest.W;
  static final int H = OccupancyServiceTest.H;

  static byte[] png(GrayImage g) throws Exception {
    BufferedImage b = new BufferedImage(g.widthPx(), g.heightPx(), BufferedImage.TYPE_BYTE_GRAY);
    b.getRaster().setDataElements(0, 0, g.widthPx(), g.heightPx(), g.pixels());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(b, "png", out));
    return out.toByteArray();
  }

  /** The PNG signature and an IHDR chunk declaring {@code w} x {@code h} grey pixels, nothing else. */
  static byte[] headerOnly(int w, int h) {
    ByteBuffer chunk = ByteBuffer.allocate(4 + 13);
    chunk.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(chunk.array());
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(chunk.array())
        .putInt((int) crc.getValue());
    return b.array();
  }

  static OccupancyServer.Job job(String id, byte[] left, byte[] right, long deadlineMs) {
    return new OccupancyServer.Job(id, left, right, W, H, OccupancyServiceTest.CALIB, VoxelBox.standard(),
        Duration.ofMillis(deadlineMs));
  }

  static OccupancyService service() {
    return new OccupancyService(SgmSettings.defaults().withThreads(1), OccupancyRule.anyPoint(), PixelFootprint.TO_NEIGHBOURS);
  }

  @Test
  void aServedJobIsTheServicesAnswerOnTheDecodedPair() throws Exception {
    AtomicInteger built = new AtomicInteger();
    try (OccupancyServer server = new OccupancyServer(() -> {
          built.incrementAndGet();
          return service();
        }, 2);
        OccupancyService direct = service()) {
      assertTrue(server.admit());
      assertEquals(1, server.openJobs());
      OccupancyServer.Outcome o = server.serve(job("t1", png(PAIR[0]), png(PAIR[1]), 60_000), 2_000_000);
      OccupancyServer.Answered a = assertInstanceOf(OccupancyServer.Answered.class, o, o.toString());
      OccupancyAnswer expected = direct.answer(new OccupancyRequest(PAIR[0], PAIR[1], OccupancyServiceTest.CALIB,
          VoxelBox.standard(), Duration.ofSeconds(60)));
      assertEquals(64, expected.finestResolution(), "60 s is enough for every level");
      assertEquals(expected.finestResolution(), a.finest().resolution());
      assertArrayEquals(expected.finest().grid().occupied(), a.finest().occupied());
      assertTrue(a.finest().occupiedCount() > 0, "the plane at 3.75 m is in the box");
      assertTrue(a.fullPass());
      assertFalse(a.late());
      assertTrue(a.latencyMs() >= 2.0, "the 2 ms it waited count: " + a.latencyMs());
      assertEquals(1, server.answered());
      assertEquals(0, server.openJobs());
      assertEquals(1, built.get());
    }
  }

  @Test
  void refusalsNameTheFieldAndAreCountedWithoutStartingTheMatcher() throws Exception {
    AtomicInteger built = new AtomicInteger();
    try (OccupancyServer server = new OccupancyServer(() -> {
          built.incrementAndGet();
          return service();
        }, 1)) {
      byte[] left = png(PAIR[0]);
      byte[] right = png(PAIR[1]);
      // capacity 1: the second admission is refused until the first is served
      assertTrue(server.admit());
      assertFalse(server.admit());
      OccupancyServer.Refused full = server.queueFull("t0");
      assertEquals(OccupancyServer.QUEUE_FULL, full.reason());
      // waited 300 ms for a 200 ms deadline
      OccupancyServer.Outcome expired = server.serve(job("t1", left, right, 200), 300_000_000L);
      assertEquals(OccupancyServer.EXPIRED, ((OccupancyServer.Refused) expired).reason());
      assertTrue(((OccupancyServer.Refused) expired).detail().contains("deadline_ms 200"), expired.toString());

      byte[] truncated = java.util.Arrays.copyOf(right, right.length / 2);
      byte[] garbage = headerOnly(W, H);
      garbage = java.util.Arrays.copyOf(garbage, garbage.length + 40);
      Object[][] bad = {
          {job("t2", left, truncated, 5000), "right_png_b64 is not a readable PNG"},
          {job("t3", garbage, right, 5000), "left_png_b64 is not a readable PNG"},
          {job("t4", png(PAIR[0].halfSize()), right, 5000), "left_png_b64 is 64x48 px, the request says 128x96"},
          {job("t5", headerOnly(60_000, 60_000), right, 5000), "left_png_b64 is 60000x60000 px, the request says 128x96"},
      };
      for (Object[] b : bad) {
        assertTrue(server.admit());
        OccupancyServer.Outcome o = server.serve((OccupancyServer.Job) b[0], 0);
        OccupancyServer.Refused r = assertInstanceOf(OccupancyServer.Refused.class, o, o.toString());
        assertEquals(OccupancyServer.BAD_IMAGE, r.reason(), r.toString());
        assertTrue(r.detail().startsWith((String) b[1]), "'" + r.detail() + "' should start with '" + b[1] + "'");
      }
      assertEquals(java.util.Map.of("bad_image", 4L, "expired", 1L, "occupancy_failed", 0L, "queue_full", 1L),
          server.refused());
      assertEquals(0, server.answered());
      assertEquals(0, built.get(), "no job reached the matcher");
      assertEquals(0, server.openJobs());
    }
  }
}
