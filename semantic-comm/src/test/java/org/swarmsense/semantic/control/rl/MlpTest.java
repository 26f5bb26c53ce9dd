package org.swarmsense.semantic.control.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

  @Test
  void backpropMatchesFiniteDifferences() {
    for (boolean tanh : new boolean[] {true, false}) {
      Mlp net = new Mlp(new int[] {5, 7, 4, 3}, tanh, 1e-3, new SplittableRandom(3));
      double[] x = {0.3, -0.2, 0.9, 0.1, -0.7};
      double[] w = {1.0, -2.0, 0.5};
      // loss = w . y(x); d loss / d x by backprop vs central differences
      net.forwardKeep(x);
      double[] dx = net.backward(w, false).clone();
      for (int i = 0; i < x.length; i++) {
        double h = 1e-6;
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[i] += h;
        xm[i] -= h;
        double numeric = (dot(w, net.forward(xp)) - dot(w, net.forward(xm))) / (2 * h);
        assertEquals(numeric, dx[i], 1e-7, "input " + i + " tanh " + tanh);
      }
    }
  }

  @Test
  void adamFitsASmoothFunction() {
    long seed = 11;
    System.out.println("MlpTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    Mlp net = new Mlp(new int[] {1, 32, 32, 1}, false, 3e-3, r.split());
    double before = mse(net);
    for (int step = 0; step < 3000; step++) {
      for (int b = 0; b < 16; b++) {
        double x = r.nextDouble(-1, 1);
        double y = net.forwardKeep(new double[] {x})[0];
        net.backward(new double[] {2 * (y - Math.sin(3 * x))}, true);
      }
      net.adamStep(1.0 / 16);
    }
    double after = mse(net);
    assertTrue(after < 0.01 && after < before / 10, "mse before " + before + " after " + after);
  }

  @Test
  void writeAndReadGiveTheSameNetwork() throws Exception {
    Mlp net = new Mlp(new int[] {4, 6, 2}, true, 1e-4, new SplittableRandom(5));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    net.write(new DataOutputStream(bytes));
    Mlp back = Mlp.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(net.parameters(), back.parameters(), 0);
  }

  private static double mse(Mlp net) {
    double s = 0;
    for (int i = 0; i <= 100; i++) {
      double x = -1 + i / 50.0;
      double e = net.forward(new double[] {x})[0] - Math.sin(3 * x);
      s += e * e;
    }
    return s / 101;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
