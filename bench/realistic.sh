#!/usr/bin/env bash
# Benchmark of `stalecheck check` on realistic scenarios (bench/realistic/*.scn: DMA receive, break-before-make, a
# shadow-page-table fault path, a JIT on two cpus, a one-page clean; issue 15, item 5). For each scenario and each
# configuration it runs `./stalecheck check -q --json --timeout $TIMEOUT` once, under /usr/bin/time, and prints one
# row: the verdicts (in file order), distinct states stored, transitions (the JSON's search.transitions, "-" when
# this version does not report it), whether the search was complete, wall seconds including JVM start, and peak
# memory (RSS).
#
# Usage: bench/realistic.sh [FILE ...]        (default: every bench/realistic/*.scn, in name order)
#   TIMEOUT=s     seconds of search per run (default 60)
#   CONFIGS=...   configurations, space-separated (default "default"). A configuration is a word for extra flags:
#                 `default` none; a word starting with `no-` the flag of that name (`no-sleep-sets` is
#                 --no-sleep-sets); any other word W is --no-W (`dead-lines` is --no-dead-lines). A flag this
#                 version does not know gives a row marked "unsupported".
#   WORKERS=n     sets --workers
# Example: CONFIGS="default no-sleep-sets" TIMEOUT=30 bench/realistic.sh bench/realistic/dma-a9-2.scn
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=("$here"/bench/realistic/*.scn)
read -r -a configs <<< "${CONFIGS:-default}"
timeout="${TIMEOUT:-60}"
workers=(${WORKERS:+--workers "$WORKERS"})
"$here/stalecheck" presets generic >/dev/null   # build the jar first if needed, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The flags of one configuration word.
flags_of() {
  case "$1" in
    default) ;;
    no-*) echo "--$1" ;;
    *) echo "--no-$1" ;;
  esac
}

# Prints "verdicts states transitions complete" from a check's JSON (one object), "-" for what is missing.
summary() {
  python3 - "$1" <<'EOF'
import json, sys
try:
    with open(sys.argv[1]) as f:
        d = json.load(f)
except (OSError, ValueError):
    print("- - - -")
    sys.exit(0)
verdicts = ",".join(r.get("verdict", "?") for r in d.get("results", [])) or "-"
search = d.get("search")
transitions = search.get("transitions", "-") if isinstance(search, dict) else "-"
complete = d.get("complete")
print(verdicts, d.get("states", "-"), transitions, "-" if complete is None else ("yes" if complete else "no"))
EOF
}

row='%-24s %-14s %-26s %10s %12s %-8s %8s %7s\n'
printf "$row" scenario config verdicts states transitions complete wall_s rss_MB
for f in "${files[@]}"; do
  name="$(basename "$f" .scn)"
  for c in "${configs[@]}"; do
    read -r -a extra <<< "$(flags_of "$c")"
    rc=0
    start=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%M' -o "$tmp/rss" "$here/stalecheck" check -q --json --timeout "$timeout" \
        ${workers[@]+"${workers[@]}"} ${extra[@]+"${extra[@]}"} "$f" > "$tmp/out.json" 2> "$tmp/err" || rc=$?
    else
      echo "-" > "$tmp/rss"
      "$here/stalecheck" check -q --json --timeout "$timeout" \
        ${workers[@]+"${workers[@]}"} ${extra[@]+"${extra[@]}"} "$f" > "$tmp/out.json" 2> "$tmp/err" || rc=$?
    fi
    end=$(date +%s%N)
    wall=$(echo "($end - $start) / 1000000000" | bc -l)
    if grep -q -E '^(stalecheck: )?Unknown option' "$tmp/err"; then
      printf "$row" "$name" "$c" unsupported - - - - -
      continue
    fi
    read -r verdicts states transitions complete < <(summary "$tmp/out.json")
    if [ "$verdicts" = "-" ] && [ "$rc" -ne 0 ]; then
      verdicts="error(exit $rc)"
      sed 's/^/  /' "$tmp/err" >&2
    fi
    rss=$(tail -1 "$tmp/rss")
    [[ "$rss" =~ ^[0-9]+$ ]] && rss=$(( rss / 1024 ))
    printf "$row" "$name" "$c" "$verdicts" "$states" "$transitions" "$complete" "$(printf '%.2f' "$wall")" "$rss"
  done
done
