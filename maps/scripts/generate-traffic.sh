#!/usr/bin/env bash
# Generates the shipped SUMO traffic traces (300 s, vehicle-type mix) for the four shipped cities.
#
#   maps/scripts/generate-traffic.sh [SHARED_MAPS_DIR] [OUT_DIR]
#
# Defaults: ../shared/data/maps (relative to the repository root) and examples/data.
# CITIES="krems berlin-siegessaeule" limits the run to some of the cities.
# Needs Debian sumo + sumo-tools (netconvert, sumo, /usr/share/sumo/tools/randomTrips.py) and, for
# the .osm.pbf extract (Andorra), osmium-tool (netconvert reads OSM XML only).
# Seeded: randomTrips.py --seed and sumo --seed are fixed, so a rerun with the same SUMO version
# writes the same trips and positions (checked: only the FCD header comment, with its date and
# temporary paths, differs between two runs).
# Vehicle types: maps/scripts/vtypes-mix.add.xml (70% passenger, 12% delivery, 6% truck,
# 4% bus, 8% motorcycle, SUMO default dimensions per vClass).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
maps_dir=${1:-../shared/data/maps}
out_dir=${2:-examples/data}
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
tools=$SUMO_HOME/tools
vtypes=$PWD/maps/scripts/vtypes-mix.add.xml
seed=42
end_s=300
# Vehicles inserted per hour per km of passenger lanes (randomTrips --insertion-density): 80,
# adjusted after a first run at 80 everywhere: Krems 64 (at 80 its trace was 1.54 MB gzipped,
# over the 1.5 MB kept in the repository), Berlin 160 (its extract holds only the Grosser Stern's
# arterials, among the busiest roads of the Tiergarten; at 80 it got 47 vehicles in 300 s, at 240
# the roundabout locked up and SUMO stacked vehicles on its internal lanes).
declare -A density=([monaco]=80 [andorra]=80 [krems]=64 [berlin-siegessaeule]=160)
# Andorra's extract is the whole country; its traffic is simulated on the capital only
# (Andorra la Vella and Escaldes-Engordany), the town a city-traffic drone would watch.
declare -A boundary=([andorra]=1.500,42.490,1.555,42.520)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out_dir"

for city in ${CITIES:-monaco andorra krems berlin-siegessaeule}; do
  if [[ -f $maps_dir/$city.osm.gz ]]; then
    osm=$maps_dir/$city.osm.gz
  elif [[ -f $maps_dir/$city.osm.pbf ]]; then
    osm=$work/$city.osm
    osmium cat --overwrite -o "$osm" "$maps_dir/$city.osm.pbf"
  else
    echo "no map for $city in $maps_dir" >&2
    exit 2
  fi
  net=$work/$city.net.xml
  keep=()
  [[ -n ${boundary[$city]:-} ]] && keep=(--keep-edges.in-geo-boundary "${boundary[$city]}")
  netconvert --osm-files "$osm" -o "$net" --seed $seed "${keep[@]}" \
    --geometry.remove --ramps.guess --junctions.join --tls.guess-signals --tls.discard-simple --tls.join \
    --remove-edges.isolated --no-warnings >/dev/null
  python3 "$tools/randomTrips.py" -n "$net" -o "$work/$city.trips.xml" --seed $seed \
    -r "$work/$city.rou.xml" -b 0 -e $end_s --insertion-density "${density[$city]}" --vclass passenger --validate \
    --trip-attributes 'type="mix"' --additional-file "$vtypes" >/dev/null
  fcd=$work/$city-fcd.xml
  # the validated trips file carries the vTypes, so sumo gets no --additional-files
  sumo -n "$net" -r "$work/$city.trips.xml" --seed $seed --end $end_s \
    --fcd-output "$fcd" --fcd-output.geo true --fcd-output.attributes x,y,angle,type \
    --ignore-route-errors true -X never --no-step-log --no-warnings >/dev/null
  gzip -n -9 -c "$fcd" > "$out_dir/$city-sumo-mix-fcd-300s.xml.gz"
  samples=$(grep -c '<vehicle ' "$fcd")
  vehicles=$(grep -o '<vehicle id="[^"]*"' "$fcd" | sort -u | wc -l)
  echo "$city: $vehicles vehicles, $samples samples, $(stat -c %s "$out_dir/$city-sumo-mix-fcd-300s.xml.gz") bytes gz"
  grep -o 'type="[a-z]*"' "$fcd" | sort | uniq -c | tr '\n' ' '; echo
done
