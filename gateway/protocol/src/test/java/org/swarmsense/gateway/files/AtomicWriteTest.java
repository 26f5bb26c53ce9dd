package org.swarmsense.gateway.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void createsThenReplacesTheFileAndLeavesNothingElse(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("fleets.txt");
    AtomicWrite.replace(f, "first\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("first\n", Files.readString(f));
    AtomicWrite.replace(f, tmp -> Files.writeString(tmp, "second\n"));
    assertEquals("second\n", Files.readString(f));
    assertEquals(List.of(f), files(dir));
  }

  @Test
  void aFailedWriteLeavesTheOldFileWholeAndNoPartFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("calibration.txt");
    Files.writeString(f, "old content\n");
    IOException e = assertThrows(IOException.class, () -> AtomicWrite.replace(f, tmp -> {
      Files.writeString(tmp, "half of the new");
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old content\n", Files.readString(f));
    assertEquals(List.of(f), files(dir));
    IllegalStateException b = assertThrows(IllegalStateException.class, () -> AtomicWrite.replace(f, tmp -> {
      throw new IllegalStateException("the compiler failed");
    }));
    assertTrue(b.getMessage().contains("compiler"));
    assertEquals(List.of(f), files(dir));
  }

  @Test
  void aMissingFolderIsAnError(@TempDir Path dir) {
    Path f = dir.resolve("no-such-folder").resolve("x.txt");
    assertThrows(IOException.class, () -> AtomicWrite.replace(f, new byte[] {1}));
    assertTrue(Files.notExists(f));
  }
}
