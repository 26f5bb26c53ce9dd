package org.swarmsense.gateway.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.swarmsense.gateway.input.FieldError;

/**
 * The data a mission submitted over HTTP may name: the regular files directly inside one configured
 * folder, by file name ({@code monaco-cells.csv}), never a server path. {@link #resolve} rewrites the
 * mission's file fields ({@code cells}, {@code demand.path}) to those files and refuses anything else
 * with the field named; the refusal is the same whether or not such a path exists anywhere on the
 * server, and no message ever holds a byte of a file. Without a folder, missions may name no file
 * (inline areas and the deployment's own traffic still work). Immutable and thread-safe.
 */
public final class DatasetCatalogue {
  /** A dataset name: a plain file name, no separators, no leading dot, at most 128 characters. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final Optional<Path> dir;

  /** @param dir the dataset folder, or empty for none */
  public DatasetCatalogue(Optional<Path> dir) {
    this.dir = dir.map(d -> d.toAbsolutePath().normalize());
  }

  /** The names of the datasets offered, sorted. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir.get())) {
      files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /**
   * Replaces the dataset names in a submitted mission by the files they stand for.
   *
   * @throws FieldError naming {@code cells} or {@code demand.path} when the value is not a dataset
   */
  public void resolve(ObjectNode mission) {
    if (mission.has("cells")) {
      mission.put("cells", file("cells", mission.get("cells")).toString());
    }
    JsonNode demand = mission.get("demand");
    if (demand instanceof ObjectNode d && d.has("path")) {
      d.put("path", file("demand.path", d.get("path")).toString());
    }
  }

  private Path file(String field, JsonNode value) {
    String name = value.isTextual() ? value.asText() : value.toString();
    String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    if (dir.isEmpty()) {
      throw new FieldError(field, shown, "must name a dataset of this server, but it offers none"
          + " (upload-free missions: give 'area' inline and omit 'demand', or give only its 'view', to use the deployment's traffic)");
    }
    if (NAME.matcher(name).matches()) {
      Path p = dir.get().resolve(name);
      // no symbolic links: a link in the folder must not lead out of it
      if (p.getParent().equals(dir.get()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          && Files.isReadable(p)) {
        return p;
      }
    }
    throw new FieldError(field, shown, "is not a dataset of this server (a file name from GET /api/fleets/{fleet}/datasets)");
  }
}
