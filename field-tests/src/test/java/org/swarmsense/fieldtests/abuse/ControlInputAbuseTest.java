package org.swarmsense.fieldtests.abuse;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.swarmsense.agents.detect.MissionDetectSettings;
import org.swarmsense.gateway.cli.SwarmsenseCli;
import org.swarmsense.semantic.SemanticCommSettings;
import picocli.CommandLine;

/**
 * Issue 15's new inputs: {@code bench control --seeds} (a count that multiplies a long run), the
 * control's settings in semantic-comm ({@code control.*}) and in agents ({@code
 * mission-detect.control.*}, with the controller's {@code price-steps}). Absurd values are refused
 * before any work starts, naming the field.
 */
class ControlInputAbuseTest {

  private static String run(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cli = SwarmsenseCli.commandLine();
    cli.setOut(new PrintWriter(text, true));
    cli.setErr(new PrintWriter(text, true));
    int code = cli.execute(args);
    assertNotEquals(0, code, "must fail: " + String.join(" ", args) + "\n" + text);
    return text.toString();
  }

  @Test
  void absurdSeedCountsAreRefusedBeforeTraining() {
    for (String seeds : new String[] {"0", "-3", "1000000"}) {
      String out = run("bench", "control", "--quick", "--seeds", seeds);
      assertTrue(out.contains("seeds") && out.contains(seeds), out);
    }
    String out = run("bench", "control", "--seeds", "many");
    assertTrue(out.contains("--seeds") && out.contains("many"), out);
  }

  @Test
  void junkControlSettingsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.model.services = []")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("services"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.model.channel.transitions = [[\"x\"]]")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("transitions"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SemanticCommSettings.create(
        ConfigFactory.parseString("swarmsense.semantic-comm.control.ddpg.batch-size = 0")
            .withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.levels = 100000")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("control.levels") && e.getMessage().contains("100000"), e.getMessage());
    // the controller's price rule (V = price-steps A_th / mu0): a step count that is not a positive number
    e = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.price-steps = -5")
            .withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("control.price-steps") && e.getMessage().contains("-5"), e.getMessage());
    IllegalArgumentException junk = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
        ConfigFactory.parseString("swarmsense.agents.mission-detect.control.price-steps = many")
            .withFallback(ConfigFactory.load())));
    assertTrue(junk.getMessage().contains("price-steps") && junk.getMessage().contains("many"), junk.getMessage());
    // the live fleet's g(k): one value per level, each in (0, 1], numbers only
    for (String[] row : new String[][] {{"[0.5, 1.0]", "one value per level"}, {"[0.4, 0.6, 0.8, 1.5]", "1.5"},
        {"[0.4, 0.6, 0.8, 0]", "got: 0.0"}, {"[\"x\", 0.6, 0.8, 1.0]", "list of numbers"}, {"0.8", "0.8"}}) {
      IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> MissionDetectSettings.create(
          ConfigFactory.parseString("swarmsense.agents.mission-detect.control.live-sampling-accuracy = " + row[0])
              .withFallback(ConfigFactory.load())), row[0]);
      assertTrue(g.getMessage().contains("live-sampling-accuracy") && g.getMessage().contains(row[1]),
          row[0] + ": " + g.getMessage());
    }
  }
}
