#!/usr/bin/env bash
# Proves a refactoring changed no result: builds two commits in throw-away worktrees, runs `check --json`,
# `check` (text), `run --json` and `explain` on every golden, seed and example scenario with each, `replay` (every
# rule set, text and JSON, the binary converter, input errors) on generated traces and `cost` on several machines,
# and diffs the outputs byte for byte (the text report's elapsed time is masked, and so is the explanation it adds
# after a search that took over ten seconds, which depends on the machine's load).
#   bench/json-identity.sh BEFORE [AFTER]     (AFTER defaults to the working tree)
# Prints one line per file that differs and exits 1 if any does; prints "identical: N outputs" otherwise.
#   KEEP=DIR   copies both sets of outputs to DIR/a and DIR/b, and both jars to DIR/a.jar and DIR/b.jar, before
#              exiting (to look into a difference, or to time the two builds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:?usage: bench/json-identity.sh BEFORE [AFTER]}"
after="${2:-}"
work="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$work/a" >/dev/null 2>&1 || true;
      git -C "$here" worktree remove --force "$work/b" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

build() { # $1 = commit or empty for the working tree, $2 = directory to build in
  if [ -z "$1" ]; then
    mkdir -p "$2" && (cd "$here" && tar --exclude=./target --exclude=./.git -cf - .) | (cd "$2" && tar -xf -)
  else
    git -C "$here" worktree add --detach "$2" "$1" >/dev/null 2>&1
  fi
  (cd "$2" && mvn -B -q -DskipTests package >/dev/null 2>&1) || { echo "build of ${1:-working tree} failed" >&2; exit 2; }
}

traces() { # $1 = directory: deterministic lackey and din traces, compressed copies, a malformed one
  mkdir -p "$1"
  python3 - "$1" <<'PY'
import random, sys
d = sys.argv[1]
r = random.Random(16)
with open(d + "/t.txt", "w") as f:
    f.write("==1== lackey\n")
    pc = 0x400000
    for i in range(60000):
        pc = pc + r.randint(1, 7) if r.random() < 0.9 else 0x400000 + r.randrange(1 << 16)
        f.write("I  %08x,%d\n" % (pc, r.randint(1, 7)))
        if r.random() < 0.4:
            a = (0x1ffefff000 + r.randrange(4096)) if r.random() < 0.5 else 0x5000000 + r.randrange(1 << 20)
            f.write(" %s %08x,%d\n" % (r.choice("LLLSSM"), a, r.choice([1, 2, 4, 8, 8, 16, 32])))
    f.write("==1== end\n")
with open(d + "/t.din", "w") as f:
    for i in range(40000):
        a = 0x8000 + r.randrange(1 << 19)
        f.write("%s %x %x\n" % (r.choice("rrrwwimcv0124"), a, r.choice([1, 4, 8, 64, 100])))
with open(d + "/bad.txt", "w") as f:
    f.write("I  00001000,4\n L zzzz,8\n S 00002008,8\n")
PY
  gzip -9 -c "$1/t.txt" > "$1/t.txt.gz"
  xz -c "$1/t.din" > "$1/t.din.xz"
}

replay_and_cost() { # $1 = jar, $2 = output directory
  local jar="$1" out="$2" t="$work/traces" i=0 args
  local geometry="--I1 4096,2,32 --D1 8192,4,32 --LL 65536,8,64"
  local cases=(
    "replay -q $t/t.txt"
    "replay -q --json $t/t.txt"
    "replay -q --classify --machine cortex-a9 --machine arm1136 --machine cortex-a15 $t/t.txt.gz"
    "replay -q --json --classify --machine cortex-a9 --machine cortex-a57 $t/t.txt.gz"
    "replay -q --machine arm1136 --json $t/t.din.xz"
    "replay -q --machine cortex-a8 $t/t.din.xz"
    "replay -q --rules cachegrind $geometry $t/t.txt"
    "replay -q --rules cachegrind --json $geometry $t/t.txt.gz"
    "replay -q --rules cachegrind --machine cortex-a9 $t/t.txt $t/t.din.xz"
    "replay -q --rules dinero $geometry $t/t.din.xz"
    "replay -q --rules dinero --json $geometry $t/t.txt"
    "replay -q --rules=dinero --format din $t/t.din.xz"
    "replay -q --rules cachegrind $t/bad.txt"
    "replay -q --rules cachegrind --skip-bad $t/bad.txt"
    "replay -q --skip-bad --json $t/bad.txt"
    "replay -q --rules dinero --skip-bad $t/bad.txt"
    "replay -q --rules cachegrind --I1 1000,3,64 $t/t.txt"
    "replay -q --rules dinero --I1 1000,3,64 --LL 0,0,64 $t/t.txt"
    "replay -q --rules cachegrind --D1 12,x $t/t.txt"
    "replay -q --rules dinero --machine arm1136 $t/t.txt"
    "replay -q --I1 4096,2,32 $t/t.txt"
    "replay -q --rules lru $t/t.txt"
    "replay -q --format elf $t/t.txt"
    "replay -q --format din $t/t.txt"
    "replay -q $t/missing.txt"
    "replay -q --machine cortex-z9 $t/t.txt"
    "cost"
    "cost --size 1M --state 0.25 --machine cortex-a15"
    "cost --size 16K --state dirty --latency l1d=3,l2=30,memory=150,setway=3,whole=2,barrier=20"
    "cost --size 4K --state uncached --machine arm1136"
    "cost --size 256K --state 0.5 --machine cortex-a57"
    "cost --size 300M"
    "cost --state sticky"
    "cost --latency l9=3"
  )
  for args in "${cases[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    (cd "$work" && java -jar "$jar" $args) >"$out/cli-$i.txt" 2>&1 || echo "exit $?" >>"$out/cli-$i.txt"
  done
  (cd "$work" && java -jar "$jar" replay -q --convert "$out/replay.bin" "$t/t.txt.gz" "$t/t.din.xz") \
    >"$out/replay-convert.txt" 2>&1 || true
  # shellcheck disable=SC2086
  (cd "$work" && java -jar "$jar" replay -q --rules cachegrind $geometry "$out/replay.bin") \
    >"$out/replay-from-bin.txt" 2>&1 || true
  (cd "$work" && java -jar "$jar" cost --size 64K --state 0.125 --svg "$out/cost.svg") >"$out/cost-svg.txt" 2>&1 || true
  sed -i "s|$out|OUT|g" "$out/replay-convert.txt" "$out/cost-svg.txt"
}

outputs() { # $1 = built tree, $2 = output directory
  mkdir -p "$2"
  local jar="$1/target/stalecheck.jar" f name
  for f in "$here"/src/test/resources/golden/*.scn "$here"/examples/*.scn "$here"/examples/seed/*.scn; do
    name="$(basename "$(dirname "$f")")-$(basename "$f" .scn)"
    java -jar "$jar" check --json --quiet "$f" >"$2/$name.check.json" 2>&1 || true
    java -jar "$jar" check --quiet "$f" 2>&1 | sed -E 's/ in [0-9.]+ (ms|s);/ in (time);/' \
      | perl -0pe 's/\n\nwhere the states come from \(search took .*/\n/s' >"$2/$name.check.txt" || true
    java -jar "$jar" run --json "$f" >"$2/$name.run.json" 2>&1 || true
    java -jar "$jar" explain "$f" >"$2/$name.explain.txt" 2>&1 || true
  done
  replay_and_cost "$jar" "$2"
}

traces "$work/traces"
build "$before" "$work/a"
build "$after" "$work/b"
outputs "$work/a" "$work/out-a"
outputs "$work/b" "$work/out-b"
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP" && rm -rf "$KEEP/a" "$KEEP/b" && cp -r "$work/out-a" "$KEEP/a" && cp -r "$work/out-b" "$KEEP/b"
  cp "$work/a/target/stalecheck.jar" "$KEEP/a.jar" && cp "$work/b/target/stalecheck.jar" "$KEEP/b.jar"
fi
differ=0
for f in "$work"/out-a/*; do
  if ! cmp -s "$f" "$work/out-b/$(basename "$f")"; then
    echo "differs: $(basename "$f")"; differ=1
  fi
done
if [ "$differ" = 1 ]; then exit 1; fi
echo "identical: $(ls "$work/out-a" | wc -l) outputs"
