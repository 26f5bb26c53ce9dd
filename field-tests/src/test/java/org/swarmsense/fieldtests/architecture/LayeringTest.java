package org.swarmsense.fieldtests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN.md, checked on the compiled classes of every module (the build's
 * enforcer rule checks the same on declared dependencies): maps and semantic-comm depend on no other
 * module, epos-planner only on maps, edge-inference only on semantic-comm, agents not on the
 * gateway; the four libraries never touch Pekko, MQTT or HTTP classes. A module with no classes yet
 * passes trivially (allowEmptyShould); the rules bite as soon as it has code.
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
}
