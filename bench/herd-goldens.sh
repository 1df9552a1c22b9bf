#!/usr/bin/env bash
# Records the herd7 judge's facts (docs/ordering-judge.md): regenerates the scenarios (HerdShapes, seeded) into
# src/test/resources/herd/scn, converts each to a litmus test (LitmusWriter) in src/test/resources/herd/litmus, runs
# herd7 on every one and writes the outcomes it allows to src/test/resources/herd/allowed.tsv.
# herd7: -Dherd7=PATH in HERD_OPTS, else /work/herd/herd7, else herd7 on the PATH; it must be 7.58 (rev 1ca343e16a).
# To check the recorded facts against herd7 without writing: mvn -B -Pherd verify (or -Dtest=HerdRerunTest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -Pherd -Dherd.write=true -Dtest=HerdRerunTest -Dsurefire.failIfNoSpecifiedTests=false ${HERD_OPTS:-} test
echo "recorded $(grep -vc '^#' src/test/resources/herd/allowed.tsv) scenarios in src/test/resources/herd/allowed.tsv"
