#!/usr/bin/env bash
# Calibrates this machine with ONNX Runtime, then compares FlopScope's estimated CPU latency of each fixture model
# (roofline on the calibrated device profile) with the latency `flopscope bench` measures. A benchmark report, not a
# test: run it on a quiet machine.
#
#   benchmarks/estimate-vs-measured.sh           # 30 timed runs per model, default threads
#   RUNS=50 THREADS=2 benchmarks/estimate-vs-measured.sh
set -euo pipefail

RUNS=${RUNS:-30}
THREADS=${THREADS:-0}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-est.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "publishing the CLI (Release)..." >&2
if [[ -n "${CLI_DIR:-}" ]]; then cp -r "$CLI_DIR" "$WORK/cli"; else dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2; fi
CLI="$WORK/cli/flopscope"
thread_args=()
if [[ "$THREADS" != 0 ]]; then thread_args=(--threads "$THREADS"); fi

echo "calibrating..." >&2
"$CLI" calibrate "${thread_args[@]}" --output "$WORK/local.json" >&2
if [[ -n "${SHOW:-}" ]]; then cat "$WORK/local.json" >&2; fi

printf '%-20s %12s %12s %10s\n' model estimated_ms measured_ms est/meas
within=0; total=0
for f in "$ROOT"/tests/fixtures/models/*.onnx.gz; do
    name=$(basename "$f" .onnx.gz)
    dims=()
    if [[ "$name" == bert_base ]]; then dims=(--dim sequence=128); fi
    est=$("$CLI" estimate "$f" "${dims[@]}" --devices "$WORK/local.json" --device local --format json \
        | grep -m1 '"latency_ms"' | sed 's/[^0-9.]//g')
    meas=$("$CLI" bench "$f" "${dims[@]}" "${thread_args[@]}" --runs "$RUNS" --layer-runs 0 --format json 2>/dev/null \
        | grep -m1 '"median_ms"' | sed 's/[^0-9.]//g')
    ratio=$(awk -v e="$est" -v m="$meas" 'BEGIN { printf "%.2f", e / m }')
    ok=$(awk -v r="$ratio" 'BEGIN { print (r >= 1/1.3 && r <= 1.3) ? 1 : 0 }')
    within=$((within + ok)); total=$((total + 1))
    printf '%-20s %12.3f %12.3f %10s\n' "$name" "$est" "$meas" "$ratio"
done
echo "within 1.3x: $within of $total"
