package org.swarmsense.epos.sensing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live fleet's leg-check figures (issue 19 part 4): checked on construction, in report.json and report.html. */
class LegCheckFiguresTest {

  @Test
  void theLegChecksSectionCarriesChecksHitsLevelsAndLatencies() {
    LegCheckFigures f = new LegCheckFigures(20, 2, 1, 18, 16, 3, Map.of("queue_full", 1L, "expired", 1L),
        Map.of(64, 4L, 16, 10L, 32, 2L), 5, 4, 2, 14_000_000, 420.5, 1_890.0);
    assertEquals(1, f.falseHits());
    ObjectNode n = ReportWriter.legChecksJson(f);
    assertEquals(20, n.path("checksSent").asLong());
    assertEquals(2, n.path("checksWithoutEdge").asLong());
    assertEquals(1, n.path("checksTooLow").asLong());
    assertEquals(18, n.path("results").asLong());
    assertEquals(16, n.path("answered").asLong());
    assertEquals(3, n.path("late").asLong());
    assertEquals("{\"expired\":1,\"queue_full\":1}", n.path("refusalsByReason").toString());
    assertEquals("{\"16\":10,\"32\":2,\"64\":4}", n.path("answersByResolution").toString());
    assertEquals(5, n.path("hits").asLong());
    assertEquals(4, n.path("trueHits").asLong());
    assertEquals(1, n.path("falseHits").asLong());
    assertEquals(2, n.path("missed").asLong());
    assertEquals(14_000_000, n.path("bytesSent").asLong());
    assertEquals(420.5, n.path("latencyP50Ms").asDouble());
    assertEquals(1_890.0, n.path("latencyP99Ms").asDouble());
    String html = ReportHtml.legCheckTable(f);
    assertTrue(html.contains("<td>20</td><td>2</td><td>1</td><td>18</td><td>16</td><td>3</td><td>expired 1, queue_full 1"
        + "</td><td>16^3 10, 32^3 2, 64^3 4</td><td>5</td><td>4</td><td>1</td><td>2</td><td>14000000</td><td>420.5</td>"
        + "<td>1890.0</td>"), html);
  }

  @Test
  void withoutAnswersTheLatenciesAreNull() {
    ObjectNode n = ReportWriter.legChecksJson(new LegCheckFigures(0, 4, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0,
        Double.NaN, Double.NaN));
    assertTrue(n.path("latencyP50Ms").isNull() && n.path("latencyP99Ms").isNull(), n.toString());
    assertEquals(4, n.path("checksWithoutEdge").asLong());
  }

  @Test
  void inconsistentFiguresAreRefusedNamingTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(3, 0, 0, 3, 3, 0, Map.of(),
        Map.of(16, 2L), 0, 0, 0, 0, 1, 2)).getMessage().contains("answers by resolution (2) must equal answered (3)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(3, 0, 0, 3, 2, 0, Map.of(),
        Map.of(16, 2L), 0, 0, 0, 0, 1, 2)).getMessage().contains("plus refusals (0) must equal results (3)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(3, 0, 0, 3, 3, 0, Map.of(),
        Map.of(16, 3L), 1, 2, 0, 0, 1, 2)).getMessage().contains("trueHits (2) <= hits"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(3, 0, 0, 3, 3, 0, Map.of(),
        Map.of(16, 3L), 2, 0, 2, 0, 1, 2)).getMessage().contains("missed (2) <= answered - hits"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(1, 0, 0, 1, 1, 0, Map.of(),
        Map.of(16, 1L), 0, 0, 0, 0, Double.NaN, Double.NaN)).getMessage().contains("NaN exactly when there are no results"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LegCheckFigures(-1, 0, 0, 0, 0, 0, Map.of(),
        Map.of(), 0, 0, 0, 0, Double.NaN, Double.NaN)).getMessage().contains(">= 0"));
  }
}
