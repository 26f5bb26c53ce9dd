package org.swarmsense.fieldtests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
   * Classes compiled in gateway sub-module {@code name}: its class folder in a reactor build
   * ({@code gateway/<name>/target/classes}) or its jar ({@code gateway-<name>-<version>.jar}).
   */
  private static DescribedPredicate<JavaClass> inGatewayModule(String name) {
    return DescribedPredicate.describe(
        "in gateway-" + name,
        c ->
            c.getSource()
                .map(s -> s.getUri().toString())
                .map(u -> u.contains("/gateway/" + name + "/target/") || u.contains("/gateway-" + name + "-"))
                .orElse(false));
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
  void noGatewayModuleIsEmpty() {
    // guards the location predicate itself: if class locations stop matching, the rules above would
    // pass on nothing
    for (String module : new String[] {"protocol", "simulator", "server", "cli"}) {
      org.junit.jupiter.api.Assertions.assertFalse(
          classes.that(inGatewayModule(module)).isEmpty(), "no classes found in gateway-" + module);
    }
  }
}
