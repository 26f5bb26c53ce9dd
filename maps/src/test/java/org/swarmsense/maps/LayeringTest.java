package org.swarmsense.maps;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** GraphHopper stays in the adapter packages (roads, matching, osm); every package documents itself. */
class LayeringTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.swarmsense.maps");

  @Test
  void graphHopperOnlyInAdapterPackages() {
    noClasses()
        .that().resideOutsideOfPackages("org.swarmsense.maps.roads..", "org.swarmsense.maps.matching..", "org.swarmsense.maps.osm..")
        .should().dependOnClassesThat().resideInAPackage("com.graphhopper..")
        .check(MAIN);
  }

  @Test
  void everyPackageHasPackageInfoWithJavadoc() throws IOException {
    Path root = Path.of("src/main/java/org/swarmsense/maps");
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        boolean hasJava;
        try (Stream<Path> files = Files.list(dir)) {
          hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
        }
        if (!hasJava) {
          continue;
        }
        Path info = dir.resolve("package-info.java");
        Assertions.assertTrue(Files.isRegularFile(info), "missing " + info);
        List<String> lines = Files.readAllLines(info);
        Assertions.assertTrue(lines.stream().anyMatch(l -> l.startsWith("/**")), "no Javadoc in " + info);
      }
    }
  }
}
