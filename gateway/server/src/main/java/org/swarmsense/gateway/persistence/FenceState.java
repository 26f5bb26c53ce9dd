package org.swarmsense.gateway.persistence;

import java.util.EnumMap;
import java.util.Map;
import org.swarmsense.agents.airspace.FenceKind;

/**
 * A fleet's fences as operators last set them: per kind, the GeoJSON FeatureCollection the HTTP API
 * accepted (already validated by {@code http/FleetFences}; re-validated when restored).
 *
 * @param featureCollections the stored document of each kind that was ever set
 */
public record FenceState(Map<FenceKind, String> featureCollections)
    implements EntityState<FenceState, FenceState.Set> {
  /** No fences set. */
  public static final FenceState EMPTY = new FenceState(Map.of());

  /** Validates and copies. */
  public FenceState {
    if (featureCollections == null) {
      throw new IllegalArgumentException("fence state: featureCollections must not be null");
    }
    featureCollections = Map.copyOf(featureCollections);
  }

  @Override
  public FenceState apply(Set event) {
    Map<FenceKind, String> next = new EnumMap<>(FenceKind.class);
    next.putAll(featureCollections);
    next.put(event.kind(), event.featureCollection());
    return new FenceState(next);
  }

  /**
   * The fences of one kind were replaced.
   *
   * @param kind no-fly zones or geofences
   * @param featureCollection the accepted GeoJSON FeatureCollection
   * @param atMs when (epoch ms)
   */
  public record Set(FenceKind kind, String featureCollection, long atMs)
      implements org.swarmsense.agents.cluster.CborSerializable {
    /** Validates the values. */
    public Set {
      if (kind == null) {
        throw new IllegalArgumentException("fences set: kind must not be null");
      }
      if (featureCollection == null || featureCollection.isBlank()) {
        throw new IllegalArgumentException("fences set: featureCollection must not be blank");
      }
    }
  }
}
