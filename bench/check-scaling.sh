#!/usr/bin/env bash
# Benchmark of `stalecheck check` on the scaling family of issue #4 (see scaling-scenario.sh).
# Prints, per case: distinct states stored, transitions, final outcomes, the verdict, the search time and its rate
# (distinct states per second of search; all read from `check --json --timing`), wall time including JVM start and
# the rate over it, and peak memory (RSS). Usage: bench/check-scaling.sh [N ...]   (WORKERS=n sets --workers)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(8 12 16 20 24 28)
workers=(${WORKERS:+--workers "$WORKERS"})
"$here/stalecheck" presets generic >/dev/null   # build the jar first if needed, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-4s %-6s %9s %11s %9s %-8s %9s %12s %8s %12s %7s\n' N op states transitions outcomes verdict \
  search_ms states/s wall_s wall_states/s rss_MB
for n in "${sizes[@]}"; do
  for op in civac ivac; do
    f="$tmp/scaling-$n-$op.scn"
    "$here/bench/scaling-scenario.sh" "$n" "$op" > "$f"
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$tmp/rss" "$here/stalecheck" check -q --json --timing ${workers[@]+"${workers[@]}"} "$f" \
      > "$tmp/out.json" || true
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    read -r states transitions ms outcomes verdict < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
verdict = d["results"][0]["verdict"] if d["results"] else "-"
print(d["states"], d["search"]["transitions"], d["search"]["elapsed_ms"], d["final_outcomes"], verdict)
' "$tmp/out.json")
    rss=$(( $(tail -1 "$tmp/rss") / 1024 ))
    printf '%-4s %-6s %9s %11s %9s %-8s %9s %12s %8.2f %12s %7s\n' "$n" "$op" "$states" "$transitions" "$outcomes" \
      "$verdict" "$ms" "$(( states * 1000 / (ms > 0 ? ms : 1) ))" "$(echo "$wall / 1000" | bc -l)" \
      "$(( states * 1000 / (wall > 0 ? wall : 1) ))" "$rss"
  done
done
