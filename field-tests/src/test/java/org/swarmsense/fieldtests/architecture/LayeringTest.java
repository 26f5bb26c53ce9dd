package org.swarmsense.fieldtests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN.md, checked on the compiled classes of every module (the build's
 * enforcer rule checks the same on declared dependencies): maps and semantic-comm depend on no other
 * module, epos-planner only on maps, edge-inference only on semantic-comm, agents not on the
 * gateway; the four libraries never touch Pekko, MQTT or HTTP classes. Inside the gateway the
 * sub-modules depend one way, protocol <- simulator <- server <- cli (gateway/README.md); those rules
 * go by the module a class was compiled in (its class folder or jar), since packages such as
 * {@code org.swarmsense.gateway.mqtt} keep their names when a class moves up (the benches live in
 * cli). A module with no classes yet passes trivially (allowEmptyShould); the rules bite as soon as
 * it has code.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.swarmsense");
  }

  private static final String[] FRAMEWORKS = {
    "org.apache.pekko..", "com.typesafe.akka..", "akka..", "org.eclipse.paho..", "com.hivemq..",
    "io.netty..", "org.eclipse.jetty..", "javax.servlet..", "jakarta.servlet.."
  };

  @Test
  void librariesAreFreeOfActorMqttAndHttpFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.swarmsense.maps..",
            "org.swarmsense.epos..",
            "org.swarmsense.semantic..",
            "org.swarmsense.edge..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void mapsDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("org.swarmsense.maps..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.swarmsense.epos..",
            "org.swarmsense.semantic..",
            "org.swarmsense.edge..",
            "org.swarmsense.agents..",
            "org.swarmsense.gateway..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void semanticCommDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("org.swarmsense.semantic..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.swarmsense.maps..",
            "org.swarmsense.epos..",
            "org.swarmsense.edge..",
            "org.swarmsense.agents..",
            "org.swarmsense.gateway..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void eposPlannerSeesOnlyMaps() {
    noClasses()
        .that()
        .resideInAPackage("org.swarmsense.epos..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.swarmsense.semantic..",
            "org.swarmsense.edge..",
            "org.swarmsense.agents..",
            "org.swarmsense.gateway..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void edgeInferenceSeesOnlySemanticComm() {
    noClasses()
        .that()
        .resideInAPackage("org.swarmsense.edge..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.swarmsense.maps..",
            "org.swarmsense.epos..",
            "org.swarmsense.agents..",
            "org.swarmsense.gateway..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void agentsDoNotSeeTheGateway() {
    noClasses()
        .that()
        .resideInAPackage("org.swarmsense.agents..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.swarmsense.gateway..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * Classes compiled in gateway sub-module {@code name}, by the container the class was read from:
   * its class folder in a reactor build ({@code gateway/<name>/target/classes/}) or its own jar
   * ({@code gateway-<name>-<version>.jar}; the cli's is {@code swarmsense.jar}). Only the container
   * counts: the cli jar's {@code target/lib/} folder holds every other module's jar too.
   */
  private static DescribedPredicate<JavaClass> inGatewayModule(String name) {
    return DescribedPredicate.describe(
        "in gateway-" + name,
        c -> c.getSource().map(s -> isInGatewayModule(s.getUri().toString(), name)).orElse(false));
  }

  static boolean isInGatewayModule(String uri, String name) {
    int bang = uri.indexOf("!/");
    if (uri.startsWith("jar:") && bang > 0) {
      String jar = uri.substring(uri.lastIndexOf('/', bang) + 1, bang);
      // a module's test-jar (gateway-server's shares LocalPostgres with the field tests) holds its tests,
      // which may use anything: the rules are about main code
      return (jar.startsWith("gateway-" + name + "-") && !jar.endsWith("-tests.jar"))
          || (name.equals("cli") && jar.equals("swarmsense.jar"));
    }
    return uri.contains("/gateway/" + name + "/target/classes/");
  }

  @Test
  void gatewayProtocolSeesNoOtherGatewayModuleAndNoLibrary() {
    noClasses()
        .that(inGatewayModule("protocol"))
        .should()
        .dependOnClassesThat(
            inGatewayModule("simulator").or(inGatewayModule("server")).or(inGatewayModule("cli")))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.swarmsense.maps..",
            "org.swarmsense.epos..",
            "org.swarmsense.semantic..",
            "org.swarmsense.edge..",
            "org.swarmsense.agents..",
            "org.apache.pekko..",
            "picocli..")
        .check(classes);
  }

  @Test
  void gatewaySimulatorSeesOnlyProtocolAndLibraries() {
    noClasses()
        .that(inGatewayModule("simulator"))
        .should()
        .dependOnClassesThat(inGatewayModule("server").or(inGatewayModule("cli")))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko..", "picocli..")
        .check(classes);
  }

  @Test
  void gatewayServerTimesSortiesWithoutTheSimulator() {
    // the flight timeline lives in epos-planner (sensing.flight): the server's main code needs no simulator
    noClasses()
        .that(inGatewayModule("server"))
        .should()
        .dependOnClassesThat(inGatewayModule("simulator"))
        .check(classes);
  }

  @Test
  void gatewayServerDoesNotSeeTheCommandLine() {
    noClasses()
        .that(inGatewayModule("server"))
        .should()
        .dependOnClassesThat(inGatewayModule("cli"))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(classes);
  }

  @Test
  void theModuleOfAClassIsItsOwnContainer() {
    assertTrue(isInGatewayModule("file:/r/gateway/server/target/classes/org/swarmsense/gateway/http/HttpApi.class", "server"));
    assertTrue(isInGatewayModule("jar:file:/m2/gateway-protocol-0.1.0-SNAPSHOT.jar!/org/x/A.class", "protocol"));
    assertTrue(isInGatewayModule("jar:file:/r/gateway/cli/target/swarmsense.jar!/org/x/A.class", "cli"));
    // a library or another module's jar copied next to the cli jar is not the cli
    assertFalse(isInGatewayModule("jar:file:/r/gateway/cli/target/lib/epos-planner-0.1.0-SNAPSHOT.jar!/A.class", "cli"));
    assertFalse(isInGatewayModule("jar:file:/r/gateway/cli/target/lib/gateway-protocol-0.1.0-SNAPSHOT.jar!/A.class", "cli"));
    assertTrue(isInGatewayModule("jar:file:/r/gateway/cli/target/lib/gateway-protocol-0.1.0-SNAPSHOT.jar!/A.class", "protocol"));
    assertFalse(isInGatewayModule("file:/r/epos-planner/target/classes/org/x/A.class", "simulator"));
    // a test-jar holds the module's tests, not its main code
    assertFalse(isInGatewayModule("jar:file:/r/gateway/server/target/gateway-server-0.1.0-SNAPSHOT-tests.jar!/A.class",
        "server"));
  }

  @Test
  void noGatewayModuleIsEmpty() {
    // guards the location predicate itself: if class locations stop matching, the rules above would
    // pass on nothing
    for (String module : new String[] {"protocol", "simulator", "server", "cli"}) {
      assertFalse(
          classes.that(inGatewayModule(module)).isEmpty(), "no classes found in gateway-" + module);
    }
  }
}
