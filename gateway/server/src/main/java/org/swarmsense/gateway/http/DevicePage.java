package org.swarmsense.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.swarmsense.gateway.input.FieldError;

/**
 * One page of {@code GET /api/fleets/{fleet}/devices}: devices sorted by id, those after the id
 * {@code after} (exclusive), at most {@code limit} of them (default and maximum {@link #MAX_LIMIT}).
 * A client pages by passing the last id it got as {@code after}. Stateless.
 */
final class DevicePage {
  /** The default and largest page size. */
  static final int MAX_LIMIT = 1000;

  private DevicePage() {}

  static List<ObjectNode> of(List<ObjectNode> devices, Optional<String> limit, Optional<String> after) {
    int n = MAX_LIMIT;
    if (limit.isPresent()) {
      try {
        n = Integer.parseInt(limit.get());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw new FieldError("limit", limit.get(), "must be an integer 1.." + MAX_LIMIT);
      }
    }
    after.ifPresent(a -> Fleets.requireValidId("after", a));
    return devices.stream()
        .sorted(Comparator.comparing(d -> d.path("id").asText()))
        .filter(d -> after.isEmpty() || d.path("id").asText().compareTo(after.get()) > 0)
        .limit(n)
        .toList();
  }
}
