package org.swarmsense.gateway.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the deployment adds to a mission submitted over HTTP: data in, data out. */
class DeploymentDefaultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final DeploymentDefaults DEFAULTS = new DeploymentDefaults(Path.of("/srv/city/fcd.xml.gz"));

  static ObjectNode completed(String mission) throws Exception {
    return DEFAULTS.apply((ObjectNode) JSON.readTree(mission));
  }

  @Test
  void noDemandGetsTheDeploymentsTraceAndABaseAtTheAreasCentre() throws Exception {
    ObjectNode m = completed("{\"area\":{\"bbox\":[7.0,43.0,8.0,44.0]}}");
    assertEquals("{\"source\":\"sumo\",\"path\":\"/srv/city/fcd.xml.gz\"}", m.get("demand").toString());
    assertEquals("[[7.5,43.5]]", m.get("bases").toString());
  }

  @Test
  void aDemandGivingOnlyItsViewIsCountedOverTheDeploymentsTrace() throws Exception {
    ObjectNode m = completed("{\"area\":{\"bbox\":[7.0,43.0,8.0,44.0]},\"demand\":{\"view\":\"camera\"}}");
    assertEquals("{\"view\":\"camera\",\"source\":\"sumo\",\"path\":\"/srv/city/fcd.xml.gz\"}", m.get("demand").toString());
  }

  @Test
  void aDemandGivingMoreIsLeftAsGivenForTheReaderToJudge() throws Exception {
    String given = "{\"source\":\"sumo\",\"path\":\"/etc/passwd\",\"view\":\"camera\"}";
    assertEquals(given, completed("{\"demand\":" + given + "}").get("demand").toString());
    assertEquals("\"camera\"", completed("{\"demand\":\"camera\"}").get("demand").toString());
  }

  @Test
  void withoutATraceNothingIsAdded() throws Exception {
    ObjectNode m = new DeploymentDefaults(null).apply((ObjectNode) JSON.readTree("{\"demand\":{\"view\":\"camera\"}}"));
    assertEquals("{\"view\":\"camera\"}", m.get("demand").toString());
  }
}
