#!/usr/bin/env bash
# Proves a refactoring changed no result: builds two commits in throw-away worktrees, runs `check --json`,
# `check` (text), `run --json` and `explain` on every golden, seed and example scenario with each, and diffs the
# outputs byte for byte (the text report's elapsed time is masked).
#   bench/json-identity.sh BEFORE [AFTER]     (AFTER defaults to the working tree)
# Prints one line per file that differs and exits 1 if any does; prints "identical: N outputs" otherwise.
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

outputs() { # $1 = built tree, $2 = output directory
  mkdir -p "$2"
  local jar="$1/target/stalecheck.jar" f name
  for f in "$here"/src/test/resources/golden/*.scn "$here"/examples/*.scn "$here"/examples/seed/*.scn; do
    name="$(basename "$(dirname "$f")")-$(basename "$f" .scn)"
    java -jar "$jar" check --json --quiet "$f" >"$2/$name.check.json" 2>&1 || true
    java -jar "$jar" check --quiet "$f" 2>&1 | sed -E 's/ in [0-9.]+ (ms|s);/ in (time);/' >"$2/$name.check.txt" || true
    java -jar "$jar" run --json "$f" >"$2/$name.run.json" 2>&1 || true
    java -jar "$jar" explain "$f" >"$2/$name.explain.txt" 2>&1 || true
  done
}

build "$before" "$work/a"
build "$after" "$work/b"
outputs "$work/a" "$work/out-a"
outputs "$work/b" "$work/out-b"
differ=0
for f in "$work"/out-a/*; do
  if ! cmp -s "$f" "$work/out-b/$(basename "$f")"; then
    echo "differs: $(basename "$f")"; differ=1
  fi
done
if [ "$differ" = 1 ]; then exit 1; fi
echo "identical: $(ls "$work/out-a" | wc -l) outputs"
