package org.swarmsense.semantic.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandOrderTest {

  @Test
  void writesAndReadsBack(@TempDir Path dir) throws Exception {
    int[] r = new int[64];
    for (int i = 0; i < 64; i++) {
      r[i] = 63 - i;
    }
    BandOrder o = new BandOrder(7, "reversed", r);
    Path f = dir.resolve("o.txt");
    o.write(f, List.of("a comment"));
    assertEquals(o, BandOrder.read(f));
  }

  @Test
  void refusesBadRankingsAndNamesTheFileLine(@TempDir Path dir) throws Exception {
    int[] r = new int[64];
    var e = assertThrows(IllegalArgumentException.class, () -> new BandOrder(1, "x", r));
    assertTrue(e.getMessage().startsWith("ranking must be a permutation of 0..63"), e.getMessage());
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "id=1\nname=x\nranking=0,1,zz\n");
    var e2 = assertThrows(IllegalArgumentException.class, () -> BandOrder.read(f));
    assertEquals(f + ":3: ranking must be integers, got: 0,1,zz", e2.getMessage());
    Files.writeString(f, "id=1\ncolour=x\n");
    var e3 = assertThrows(IllegalArgumentException.class, () -> BandOrder.read(f));
    assertEquals(f + ":2: unknown key colour (known: id, name, ranking)", e3.getMessage());
  }

  @Test
  void learnedOrderPutsDcFirstForAPixelFidelityTask() {
    // Task: PSNR. Dropping DC moves every pixel by the block mean: by far the largest loss.
    PixelImage img = SyntheticImages.gradient(64, 48);
    BandRanking.Result res = BandRanking.learn(List.of(img), 75, PixelImages::psnrDb, 3, "psnr", null);
    assertEquals(0, res.order().bandAt(0));
    assertTrue(res.lossPerBand()[0] > res.lossPerBand()[63], "DC loss " + res.lossPerBand()[0]);
  }
}
