package org.swarmsense.edge.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmsense.maps.SharedData;
import org.swarmsense.semantic.codec.PixelImages;

class CocoDetectorTest {

  private static CocoDetector detector;
  private static List<String> names;

  @BeforeAll
  static void open() throws Exception {
    detector = new CocoDetector(SharedData.file("models/mb3_centernet_coco.onnx"), 2);
    names = Files.readAllLines(SharedData.file("images/coco.names"));
  }

  @AfterAll
  static void close() throws Exception {
    detector.close();
  }

  /** Classes found with a score of at least {@code minScore}. */
  private static Set<String> classes(String image, double minScore) throws Exception {
    Set<String> s = new TreeSet<>();
    for (Detection d : detector.detect(PixelImages.read(SharedData.file("images/" + image)), minScore)) {
      s.add(names.get(d.classId()));
    }
    return s;
  }

  @Test
  void findsTheClassesListedInTheDataReadme() throws Exception {
    // ../shared/data/README.md: dog.jpg -> car, bicycle, dog, truck; person.jpg -> person, dog, horse.
    // With the TensorFlow bilinear resize, truck scores 0.313 and the horse 0.312, so both are in at
    // 0.3; half-pixel or corner-aligned resizes drop the horse below 0.3 (0.286, 0.272). dog.jpg
    // also has a "parking meter" at 0.304, a hair above the threshold, that the README does not
    // list: at 0.31 the lists are exactly the README's.
    assertEquals(new TreeSet<>(List.of("bicycle", "car", "dog", "truck")), classes("dog.jpg", 0.31));
    assertEquals(new TreeSet<>(List.of("dog", "horse", "person")), classes("person.jpg", 0.31));
    assertEquals(new TreeSet<>(List.of("dog", "horse", "person")), classes("person.jpg", DetectionF1.MIN_SCORE));
    assertEquals(new TreeSet<>(List.of("bicycle", "car", "dog", "parking meter", "truck")),
        classes("dog.jpg", DetectionF1.MIN_SCORE));
  }

  @Test
  void f1MatchesSameClassAtIouHalfAndScoreThreshold() {
    Detection a = new Detection(1, 0.9, 0, 0, 10, 10);
    Detection shifted = new Detection(1, 0.8, 2, 0, 12, 10);   // IoU 80/120 = 0.67: match
    Detection far = new Detection(1, 0.8, 6, 0, 16, 10);       // IoU 40/160 = 0.25: no match
    Detection otherClass = new Detection(2, 0.8, 0, 0, 10, 10);
    Detection weak = new Detection(1, 0.2, 0, 0, 10, 10);      // below 0.3: ignored
    assertEquals(1.0, DetectionF1.f1(List.of(a), List.of(shifted)), 1e-12);
    assertEquals(0.0, DetectionF1.f1(List.of(a), List.of(far)), 1e-12);
    assertEquals(0.0, DetectionF1.f1(List.of(a), List.of(otherClass)), 1e-12);
    assertEquals(0.0, DetectionF1.f1(List.of(a), List.of(weak)), 1e-12);
    // 1 TP of 1 reference and 2 results: 2 * 1 / 3.
    assertEquals(2.0 / 3, DetectionF1.f1(List.of(a), List.of(shifted, far)), 1e-12);
    assertEquals(1.0, DetectionF1.f1(List.of(), List.of(weak)), 1e-12);
  }
}
