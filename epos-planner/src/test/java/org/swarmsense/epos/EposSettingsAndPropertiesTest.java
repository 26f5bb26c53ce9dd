package org.swarmsense.epos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmsense.epos.core.LocalCost;

class EposSettingsAndPropertiesTest {
  @TempDir Path dir;

  @Test
  void referenceConfHoldsTheReferenceDefaults() {
    EposSettings s = EposSettings.load();
    assertEquals(40, s.iterations());
    assertEquals(2, s.children());
    assertEquals("VAR", s.globalCost());
    assertEquals(LocalCost.INDEX, s.localCost());
    assertEquals(0, s.toConfig(null).alpha());
  }

  @Test
  void loadReadsOnlyThisModulesReferenceConfButHonoursOverrides() {
    assertEquals(EposSettings.create(ConfigFactory.load()), EposSettings.load(),
        "the same settings as from the whole classpath's configuration");
    assertTrue(EposSettings.ownReferenceConf().toString().endsWith("reference.conf"));
    System.setProperty("swarmsense.epos.iterations", "7");
    try {
      ConfigFactory.invalidateCaches();
      assertEquals(7, EposSettings.load().iterations(), "a -D system property overrides");
    } finally {
      System.clearProperty("swarmsense.epos.iterations");
      ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void unknownAndBadSettingsAreRefused() {
    var bad = ConfigFactory.parseString("swarmsense.epos.iteratons = 3").withFallback(ConfigFactory.load());
    String e = assertThrows(IllegalArgumentException.class, () -> EposSettings.create(bad)).getMessage();
    assertTrue(e.contains("iteratons"), e);
    var neg = ConfigFactory.parseString("swarmsense.epos.children = 0").withFallback(ConfigFactory.load());
    e = assertThrows(IllegalArgumentException.class, () -> EposSettings.create(neg)).getMessage();
    assertTrue(e.contains("children") && e.contains("0"), e);
  }

  private Path props(String text) throws IOException {
    Path f = dir.resolve("epos.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void referenceKeysAreHonoured() throws IOException {
    Path f = props("# reference run\nnumSimulations = 5\ndataset=gaussian\nnumAgents=11\nnumPlans=10\n"
        + "planDim=100\nnumIterations=40\nnumChildren=2\nalpha=0.0\nbeta = 0.25\nglobalCostFunction=VAR\n"
        + "localCostFunction=DISC\nreorganizationStrategy=NEVER\nreorganizationPeriod=3\n"
        + "permutationSeed=0\nreorganizationSeed=0\npermutationFile=null\npermutationID=0\n");
    EposProperties p = EposProperties.read(f, EposSettings.load());
    assertEquals(5, p.settings().repetitions());
    assertEquals(10, p.settings().maxPlans());
    assertEquals(0.25, p.settings().beta());
    assertEquals(LocalCost.DISC, p.settings().localCost());
    assertEquals(dir.resolve("gaussian").toAbsolutePath(), p.dataset().orElseThrow().toAbsolutePath());
    assertEquals(11, p.numAgents().getAsInt());
    assertEquals(100, p.planDim().getAsInt());
  }

  @Test
  void unknownUnsupportedAndMalformedKeysAreRefusedWithFileAndLine() throws IOException {
    String e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("numIterations=4\nmemorizationOffset=5\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains("epos.properties:2") && e.contains("memorizationOffset"), e);
    e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("numIterations=four\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains(":1") && e.contains("numIterations") && e.contains("four"), e);
    e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("reorganizationSeed=7\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains("reorganizationSeed") && e.contains("default 0"), e);
    e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("globalCostFunction=MSE\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains("MSE"), e);
    e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("alpha=0.7\nbeta=0.7\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains("alpha + beta"), e);
    e = assertThrows(IllegalArgumentException.class,
        () -> EposProperties.read(props("numChildren\n"), EposSettings.load())).getMessage();
    assertTrue(e.contains(":1") && e.contains("key = value"), e);
  }
}
