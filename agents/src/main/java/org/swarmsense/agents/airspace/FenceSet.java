package org.swarmsense.agents.airspace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.swarmsense.maps.geo.LocalProjection;

/**
 * The fences of one fleet, ready to judge positions quickly: every polygon is taken into one
 * {@link LocalProjection} (metres, centred on the fences' bounding box) and prepared (JTS {@link
 * PreparedGeometry}) three times: as given, grown by the hysteresis margin and shrunk by it. No-fly
 * zones sit in an STR-tree on their grown envelopes, so a drone far from every zone costs one tree
 * lookup whatever their number; geofences (a fleet has few) are all checked.
 *
 * <p>The rule, per fence, given whether the drone breached it at its previous position:
 *
 * <ul>
 *   <li>no-fly zone: a breach starts when the drone is inside the zone or on its edge, and lasts
 *       until the drone is more than the margin outside it;
 *   <li>geofence: a breach starts when the drone is outside the fence (its edge counts as inside),
 *       and lasts until the drone is back inside by more than the margin (for a fence narrower than
 *       twice the margin: back inside).
 * </ul>
 *
 * So a drone flying along an edge raises one alarm, not one per report. Altitude is not judged
 * (fences are closed from the ground up). Immutable and thread-safe.
 */
public final class FenceSet {
  private static final GeometryFactory GF = new GeometryFactory();
  private static final FenceSet EMPTY = new FenceSet(List.of(), 0);

  /** One fence with its three prepared local polygons. */
  private record Prepared(Fence fence, String key, PreparedGeometry area, PreparedGeometry grown, PreparedGeometry shrunk) {}

  private final List<Fence> fences;
  /** Each fence's key and its index in {@link #fences}. */
  private final Map<String, Integer> order = new java.util.HashMap<>();
  private final double marginM;
  private final LocalProjection frame;
  private final STRtree noFlyIndex = new STRtree();
  private final List<Prepared> geofences = new ArrayList<>();

  private FenceSet(List<Fence> fences, double marginM) {
    this.fences = List.copyOf(fences);
    this.marginM = marginM;
    Envelope all = new Envelope();
    fences.forEach(f -> all.expandToInclude(f.areaWgs84().getEnvelopeInternal()));
    this.frame = all.isNull() ? null : LocalProjection.centredOn(all.centre().x, all.centre().y);
    for (Fence f : fences) {
      order.put(key(f), order.size());
      Geometry local = frame.toLocal(f.areaWgs84());
      Geometry grown = local.buffer(marginM);
      Geometry shrunk = local.buffer(-marginM);
      PreparedGeometry shrunkOrArea = PreparedGeometryFactory.prepare(shrunk.isEmpty() ? local : shrunk);
      Prepared p = new Prepared(f, key(f), PreparedGeometryFactory.prepare(local),
          PreparedGeometryFactory.prepare(grown), shrunkOrArea);
      if (f.kind() == FenceKind.NO_FLY_ZONE) {
        noFlyIndex.insert(grown.getEnvelopeInternal(), p);
      } else {
        geofences.add(p);
      }
    }
    noFlyIndex.build();
  }

  /** No fences: nothing is ever breached. */
  public static FenceSet empty() {
    return EMPTY;
  }

  /**
   * The given fences.
   *
   * @param marginM hysteresis margin, metres, finite and >= 0
   * @param maxFences most fences allowed, >= 1
   * @throws IllegalArgumentException on more than {@code maxFences} fences, two fences of one kind
   *     with one name, or a bad margin
   */
  public static FenceSet of(List<Fence> fences, double marginM, int maxFences) {
    if (fences == null) {
      throw new IllegalArgumentException("fences must not be null");
    }
    if (!(marginM >= 0) || Double.isInfinite(marginM)) {
      throw new IllegalArgumentException("hysteresis margin must be a finite number >= 0 m, was " + marginM);
    }
    if (fences.size() > maxFences) {
      throw new IllegalArgumentException(
          "features must hold at most " + maxFences + " fences per fleet, had " + fences.size());
    }
    Set<String> keys = new HashSet<>();
    for (Fence f : fences) {
      if (!keys.add(key(f))) {
        throw new IllegalArgumentException("name must be unique among a fleet's " + f.kind().code()
            + " fences, '" + f.name() + "' is used twice");
      }
    }
    return new FenceSet(fences, marginM);
  }

  /** A fence's key within its fleet: kind and name. */
  static String key(Fence f) {
    return f.kind().code() + "/" + f.name();
  }

  /** The fences, in the order given. */
  public List<Fence> fences() {
    return fences;
  }

  /** The index of the fence with this key in {@link #fences()}, or -1 when there is none. */
  int indexOf(String key) {
    return order.getOrDefault(key, -1);
  }

  /** The hysteresis margin, metres. */
  public double marginM() {
    return marginM;
  }

  /**
   * The fences a drone at ({@code lonDeg}, {@code latDeg}) breaches now, by key, given those it
   * breached at its previous position (keys of {@link #key}; see the class comment for the rule).
   *
   * @param before the keys breached before, with their fences (fences no longer in this set are ignored)
   */
  public Map<String, Fence> breached(double lonDeg, double latDeg, Map<String, Fence> before) {
    if (frame == null) {
      return Map.of();
    }
    Point p = GF.createPoint(frame.toLocal(lonDeg, latDeg));
    Map<String, Fence> now = new java.util.HashMap<>(4);
    @SuppressWarnings("unchecked")
    List<Prepared> near = noFlyIndex.query(new Envelope(p.getCoordinate()));
    for (Prepared z : near) {
      boolean was = before.containsKey(z.key());
      if (was ? z.grown().intersects(p) : z.area().intersects(p)) {
        now.put(z.key(), z.fence());
      }
    }
    for (Prepared g : geofences) {
      boolean was = before.containsKey(g.key());
      if (was ? !g.shrunk().intersects(p) : !g.area().intersects(p)) {
        now.put(g.key(), g.fence());
      }
    }
    return now;
  }
}
