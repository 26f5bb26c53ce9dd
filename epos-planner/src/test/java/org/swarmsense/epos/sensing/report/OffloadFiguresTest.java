package org.swarmsense.epos.sensing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live fleet's offload figures: checked on construction, in report.json's offload section and report.html's table. */
class OffloadFiguresTest {

  @Test
  void theOffloadSectionCarriesTasksDetectionsBytesAndDelays() {
    OffloadFigures f = new OffloadFigures(12, 3, 10, 7, Map.of("expired", 2L, "queue_full", 1L), 19, 6, 2, 180_000,
        41.5, 230.0);
    ObjectNode n = ReportWriter.offloadJson(f);
    assertEquals(12, n.path("tasksSent").asLong());
    assertEquals(3, n.path("capturesWithoutEdge").asLong());
    assertEquals(10, n.path("results").asLong());
    assertEquals(7, n.path("served").asLong());
    assertEquals(2, n.path("refusalsByReason").path("expired").asLong());
    assertEquals(1, n.path("refusalsByReason").path("queue_full").asLong());
    assertEquals(19, n.path("detections").asLong());
    assertEquals(6, n.path("defended").asLong());
    assertEquals(2, n.path("masked").asLong());
    assertEquals(180_000, n.path("bytesSent").asLong());
    assertEquals(41.5, n.path("delayP50Ms").asDouble());
    assertEquals(230.0, n.path("delayP99Ms").asDouble());
    String html = ReportHtml.offloadTable(f);
    assertTrue(html.contains("<td>12</td><td>3</td><td>10</td><td>7</td><td>expired 2, queue_full 1</td><td>19</td>"
        + "<td>6</td><td>2</td><td>180000</td><td>41.5</td><td>230.0</td>"), html);
  }

  @Test
  void withoutAnswersTheDelaysAreNull() {
    ObjectNode n = ReportWriter.offloadJson(new OffloadFigures(0, 5, 0, 0, Map.of(), 0, 0, 0, 0, Double.NaN, Double.NaN));
    assertTrue(n.path("delayP50Ms").isNull() && n.path("delayP99Ms").isNull(), n.toString());
    assertEquals(5, n.path("capturesWithoutEdge").asLong());
  }

  @Test
  void inconsistentFiguresAreRefusedNamingTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(5, 0, 4, 5, Map.of(), 0, 0, 0, 0, 1, 2))
        .getMessage().contains("served (5) must be <= results (4)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(5, 0, 4, 2, Map.of("expired", 1L),
        0, 0, 0, 0, 1, 2)).getMessage().contains("must equal results (4)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(-1, 0, 0, 0, Map.of(), 0, 0, 0, 0,
        Double.NaN, Double.NaN)).getMessage().contains(">= 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(1, 0, 1, 1, Map.of(), 0, 0, 0, 0,
        Double.NaN, Double.NaN)).getMessage().contains("NaN exactly when there are no results"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(3, 0, 3, 3, Map.of(), 0, 1, 2, 0,
        1, 2)).getMessage().contains("masked (2) <= defended (1)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OffloadFigures(3, 0, 3, 2, Map.of("expired", 1L),
        0, 3, 0, 0, 1, 2)).getMessage().contains("defended (3) <= served (2)"));
  }
}
