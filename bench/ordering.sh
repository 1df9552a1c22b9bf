#!/usr/bin/env bash
# The cost of operations in flight: every scenario of examples/ordering (or the files given) under
# `explore { ordering sc }` and `explore { ordering armv8 }`, with prefetch on as the files say. One row per file and
# ordering: verdicts, states, transitions, whether the search was complete, and wall seconds including JVM start.
#   bench/ordering.sh [FILE ...]       TIMEOUT=s (default 120) bounds each search
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=("$here"/examples/ordering/*.scn)
timeout="${TIMEOUT:-120}"
"$here/stalecheck" presets generic >/dev/null   # build the jar first if needed, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-26s %-6s %-16s %10s %12s %9s %7s\n' scenario order verdicts states transitions complete wall_s
for f in "${files[@]}"; do
  for order in sc armv8; do
    sed -e "s/explore { ordering armv8 }/explore { ordering $order }/" "$f" > "$tmp/s.scn"
    grep -q "explore { ordering $order }" "$tmp/s.scn" || sed -i "0,/^machine /s//explore { ordering $order }\nmachine /" "$tmp/s.scn"
    start=$(date +%s.%N)
    "$here/stalecheck" check -q --json --full --timeout "$timeout" "$tmp/s.scn" > "$tmp/out.json" || true
    end=$(date +%s.%N)
    python3 - "$tmp/out.json" "$(basename "$f" .scn)" "$order" "$(echo "$end - $start" | bc)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
verdicts = ",".join(r["verdict"] for r in d["results"])
print("%-26s %-6s %-16s %10d %12d %9s %7.1f" % (sys.argv[2], sys.argv[3], verdicts, d["states"],
      d["search"]["transitions"], str(d["complete"]).lower(), float(sys.argv[4])))
PY
  done
done
