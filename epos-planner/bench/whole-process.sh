#!/usr/bin/env bash
# Whole-process timing of `swarmsense epos` on 1,000 agents x 16 plans x 100 values, 40 iterations,
# against a baseline jar in the same run (runs alternate, so both see the same machine load).
#   epos-planner/bench/whole-process.sh BASELINE_JAR [RUNS]
# BASELINE_JAR: e.g. a clone of an older commit built with ./mvnw -B -q -pl gateway -am -DskipTests (gateway/target/swarmsense.jar before the split, gateway/cli/target after)
# package (its gateway/cli/target/swarmsense.jar, with lib/ beside it). The dataset is written once to
# ${TMPDIR:-/tmp}/swarmsense-epos-1000 by /usr/bin/python3 (numpy, seed 1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base="${1:?usage: whole-process.sh BASELINE_JAR [RUNS]}"
runs="${2:-5}"
new="$root/gateway/cli/target/swarmsense.jar"
data="${TMPDIR:-/tmp}/swarmsense-epos-1000"
if [[ ! -f "$data/agent_999.plans" ]]; then
  mkdir -p "$data"
  /usr/bin/python3 - "$data" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(1)
for i in range(1000):
    with open(f"{sys.argv[1]}/agent_{i}.plans", "w") as f:
        for k in range(16):
            f.write("0.0:" + ",".join(repr(float(x)) for x in rng.normal(size=100)) + "\n")
PY
fi
out="$(mktemp -d)"
for i in $(seq "$runs"); do
  for v in baseline new; do
    jar=$([[ $v == baseline ]] && echo "$base" || echo "$new")
    /usr/bin/time -f "$v %e s wall %U s user %S s sys" java -Xmx2g -jar "$jar" epos --dataset "$data" \
      --out "$out/$v" > /dev/null 2>> "$out/times.txt"
  done
done
grep -E "^(baseline|new) " "$out/times.txt"
for v in baseline new; do
  grep "^$v " "$out/times.txt" | awk '{print $2}' | sort -n \
    | awk -v v="$v" '{a[NR]=$1} END {print v ": median " a[int((NR+1)/2)] " s, min " a[1] " s wall"}'
done
diff -r "$out/baseline" "$out/new" > /dev/null && echo "output files identical"
