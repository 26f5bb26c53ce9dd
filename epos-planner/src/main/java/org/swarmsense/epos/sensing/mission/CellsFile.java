package org.swarmsense.epos.sensing.mission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A drone-testbed cells file: a header {@code type,id,x,y,z,value}, then SENSE rows (a cell centre
 * in metres with its relative required sensing) and BASE rows (a station; value ignored). Immutable
 * and thread-safe.
 *
 * @param cells SENSE rows in file order
 * @param bases BASE rows in file order
 */
public record CellsFile(List<Row> cells, List<Row> bases) {

  /** One row: centre in local metres, height and value (relative demand for SENSE rows). */
  public record Row(int id, double xM, double yM, double zM, double value) {}

  public CellsFile {
    cells = List.copyOf(cells);
    bases = List.copyOf(bases);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("cells file has no SENSE row");
    }
  }

  /** Reads {@code file}; errors name the file, line and column. */
  public static CellsFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cells file " + file + ": " + e.getMessage(), e);
    }
    List<Row> cells = new ArrayList<>();
    List<Row> bases = new ArrayList<>();
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int lineNo = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        if (!line.replace(" ", "").equalsIgnoreCase("type,id,x,y,z,value")) {
          throw new IllegalArgumentException(
              file + ":" + lineNo + ": header must be 'type,id,x,y,z,value', got '" + line + "'");
        }
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6) {
        throw new IllegalArgumentException(
            file + ":" + lineNo + ": expected 6 fields type,id,x,y,z,value, got " + f.length);
      }
      String type = f[0].strip();
      int id;
      try {
        id = Integer.parseInt(f[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + ":" + lineNo + ": field 'id' is not an integer: '" + f[1].strip() + "'");
      }
      double x = number(file, lineNo, "x", f[2]);
      double y = number(file, lineNo, "y", f[3]);
      double z = number(file, lineNo, "z", f[4]);
      double value = number(file, lineNo, "value", f[5]);
      Row row = new Row(id, x, y, z, value);
      switch (type) {
        case "SENSE" -> {
          if (value < 0) {
            throw new IllegalArgumentException(
                file + ":" + lineNo + ": field 'value' must be >= 0, got " + value);
          }
          cells.add(row);
        }
        case "BASE" -> bases.add(row);
        default -> throw new IllegalArgumentException(
            file + ":" + lineNo + ": field 'type' must be SENSE or BASE, got '" + type + "'");
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(file + ": no SENSE row");
    }
    return new CellsFile(cells, bases);
  }

  private static double number(Path file, int lineNo, String field, String text) {
    try {
      double v = Double.parseDouble(text.strip());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + ":" + lineNo + ": field '" + field + "' is not a finite number: '" + text.strip()
              + "'");
    }
  }
}
