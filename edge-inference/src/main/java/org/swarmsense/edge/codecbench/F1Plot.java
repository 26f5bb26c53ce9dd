package org.swarmsense.edge.codecbench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG plot of F1 against bits per pixel (log scale), one line per scheme, clean and lossy panels. */
final class F1Plot {

  private static final Color[] COLORS = {
    new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22)
  };

  private F1Plot() {}

  /**
   * @param f1 [scheme][budget][0 clean, 1 lossy]
   */
  static void write(Path file, List<String> schemes, List<Double> bpp, double[][][] f1, String title)
      throws IOException {
    int panelW = 520;
    int h = 460;
    BufferedImage img = new BufferedImage(2 * panelW, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2 * panelW, h);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int panel = 0; panel < 2; panel++) {
      int x0 = panel * panelW + 55;
      int x1 = panel * panelW + panelW - 20;
      int y0 = h - 50;
      int y1 = 40;
      g.setColor(Color.BLACK);
      g.drawString((panel == 0 ? "clean channel" : "bursty channel, 5% mean loss") + " - " + title, x0, 20);
      g.drawLine(x0, y0, x1, y0);
      g.drawLine(x0, y0, x0, y1);
      double lmin = Math.log(bpp.get(0));
      double lmax = Math.log(bpp.get(bpp.size() - 1));
      for (int b = 0; b < bpp.size(); b++) {
        int x = (int) (x0 + (Math.log(bpp.get(b)) - lmin) / (lmax - lmin) * (x1 - x0));
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(x, y0, x, y1);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.2f", bpp.get(b)), x - 12, y0 + 15);
      }
      for (int t = 0; t <= 10; t += 2) {
        int y = (int) (y0 - t / 10.0 * (y0 - y1));
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(x0, y, x1, y);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.1f", t / 10.0), x0 - 28, y + 4);
      }
      g.drawString("bits per pixel", (x0 + x1) / 2 - 35, h - 15);
      g.drawString("F1", panel * panelW + 8, (y0 + y1) / 2);
      for (int s = 0; s < schemes.size(); s++) {
        g.setColor(COLORS[s % COLORS.length]);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (int b = 0; b < bpp.size(); b++) {
          int x = (int) (x0 + (Math.log(bpp.get(b)) - lmin) / (lmax - lmin) * (x1 - x0));
          int y = (int) (y0 - f1[s][b][panel] * (y0 - y1));
          g.fillOval(x - 3, y - 3, 7, 7);
          if (px >= 0) {
            g.drawLine(px, py, x, y);
          }
          px = x;
          py = y;
        }
        g.drawString(schemes.get(s), x1 - 130, y0 - 15 - 15 * (schemes.size() - s));
      }
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
