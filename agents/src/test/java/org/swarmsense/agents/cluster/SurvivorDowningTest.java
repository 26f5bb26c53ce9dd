package org.swarmsense.agents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The downing rule of two and more gateway nodes, and the validation of a node's join settings. */
class SurvivorDowningTest {
  static final String A = "pekko://swarmsense@10.0.0.1:25520";
  static final String B = "pekko://swarmsense@10.0.0.2:25520";
  static final String C = "pekko://swarmsense@10.0.0.3:25520";

  @Test
  void withTwoNodesTheSurvivorDownsTheDeadOneWhicheverDied() {
    // A has the lower address and (in keep-majority) would be the one kept on a tie
    assertEquals(SurvivorDowning.Decision.DOWN_UNREACHABLE, SurvivorDowning.decide(Set.of(A, B), Set.of(B), A));
    assertEquals(SurvivorDowning.Decision.DOWN_UNREACHABLE, SurvivorDowning.decide(Set.of(A, B), Set.of(A), B));
    assertEquals(SurvivorDowning.Decision.WAIT, SurvivorDowning.decide(Set.of(A, B), Set.of(), A));
  }

  @Test
  void withThreeNodesTheMinorityDownsItselfAndOneMajorityNodeActs() {
    assertEquals(SurvivorDowning.Decision.DOWN_SELF, SurvivorDowning.decide(Set.of(A, B, C), Set.of(B, C), A));
    assertEquals(SurvivorDowning.Decision.DOWN_UNREACHABLE, SurvivorDowning.decide(Set.of(A, B, C), Set.of(A), B));
    assertEquals(SurvivorDowning.Decision.WAIT, SurvivorDowning.decide(Set.of(A, B, C), Set.of(A), C));
  }

  @Test
  void joinSettingsAreValidatedNamingTheOption() {
    ClusterJoin ok = new ClusterJoin("10.0.0.2", 0, List.of("10.0.0.1:25520", "node-b.local:25520"));
    assertEquals(List.of("pekko://swarmsense@10.0.0.1:25520", "pekko://swarmsense@node-b.local:25520"),
        ok.seedAddresses("swarmsense"));
    String[][] bad = {
        {"", "0", "a:1", "--cluster-host"}, {"a b", "0", "a:1", "--cluster-host"}, {"h\"x", "0", "a:1", "--cluster-host"},
        {"h", "-1", "a:1", "--cluster-port"}, {"h", "65536", "a:1", "--cluster-port"},
        {"h", "0", "a", "--seed-node"}, {"h", "0", ":25520", "--seed-node"}, {"h", "0", "a:0", "--seed-node"},
        {"h", "0", "a:99999", "--seed-node"}, {"h", "0", "a:12x", "--seed-node"}, {"h", "0", "a/b:1", "--seed-node"}};
    for (String[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new ClusterJoin(b[0], Integer.parseInt(b[1]), List.of(b[2])), String.join(" ", b));
      assertTrue(e.getMessage().startsWith(b[3]), e.getMessage());
    }
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new ClusterJoin("h", 0, List.of()));
    assertTrue(none.getMessage().startsWith("--seed-node"), none.getMessage());
  }
}
