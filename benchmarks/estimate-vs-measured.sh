#!/usr/bin/env bash
# How close FlopScope's ort-cpu estimate is to ONNX Runtime on this machine. A benchmark report, not a test.
#
# Each round: `flopscope calibrate` (micro-benchmarks only: its own probe graphs, no fixture model) writes a device
# profile with a fitted runtimes.ort-cpu section; then every fixture model is benched (median of RUNS timed runs, with
# per-layer times) and estimated on that round's profile. Calibration and benches alternate in every round so both
# see the same load (run it on a quiet machine if you can; the load average is printed per round). After each
# round, `calibrate --from` fits the same device to that round's benches and prints its leave-one-model-out error.
# The table gives, per model, the median over rounds of the estimate and of the measured median, their ratio, and
# each round's ratio.
#
#   benchmarks/estimate-vs-measured.sh                      # 3 rounds, 30 timed runs per model, default threads
#   ROUNDS=5 RUNS=50 THREADS=2 benchmarks/estimate-vs-measured.sh
#   CLI_DIR=path/to/published/cli benchmarks/estimate-vs-measured.sh    # skip the Release publish
set -euo pipefail

RUNS=${RUNS:-30}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-0}
DURATION=${DURATION:-0.5}     # seconds of timed runs per calibration probe
LAYER_RUNS=${LAYER_RUNS:-5}   # profiled runs per bench, for calibrate --from
TOLERANCE=${TOLERANCE:-1.25}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-est.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "publishing the CLI (Release)..." >&2
if [[ -n "${CLI_DIR:-}" ]]; then cp -r "$CLI_DIR" "$WORK/cli"; else dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2; fi
CLI="$WORK/cli/flopscope"
thread_args=()
if [[ "$THREADS" != 0 ]]; then thread_args=(--threads "$THREADS"); fi

models=("$ROOT"/tests/fixtures/models/*.onnx.gz)
names=()
for f in "${models[@]}"; do names+=("$(basename "$f" .onnx.gz)"); done
dims() { if [[ "$1" == bert_base ]]; then echo "--dim sequence=128"; fi; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

: > "$WORK/rows"
for round in $(seq 1 "$ROUNDS"); do
    mkdir -p "$WORK/$round"
    echo "round $round of $ROUNDS: calibrating (load average $(loadavg))..." >&2
    "$CLI" calibrate "${thread_args[@]}" --duration "$DURATION" --output "$WORK/local-$round.json" > "$WORK/calibrate-$round.txt"
    grep -E '^(matrix product|fitted|median probe error)' "$WORK/calibrate-$round.txt" >&2
    if [[ -n "${SHOW:-}" ]]; then cat "$WORK/calibrate-$round.txt" "$WORK/local-$round.json" >&2; fi
    # Rotate the model order every round so no model always runs right after calibration.
    count=${#models[@]}
    for ((k = 0; k < count; k++)); do
        i=$(( (k + round - 1) % count ))
        f=${models[$i]}; name=${names[$i]}
        # shellcheck disable=SC2046
        "$CLI" bench "$f" $(dims "$name") "${thread_args[@]}" --runs "$RUNS" --layer-runs "$LAYER_RUNS" --format json \
            --output "$WORK/$round/$name.bench.json" > /dev/null 2>&1
        meas=$(grep -m1 '"median_ms"' "$WORK/$round/$name.bench.json" | sed 's/[^0-9.]//g')
        # shellcheck disable=SC2046
        est=$("$CLI" estimate "$f" $(dims "$name") --devices "$WORK/local-$round.json" --device local --format json \
            | grep -m1 '"latency_ms"' | sed 's/[^0-9.]//g')
        echo "$name $round $est $meas" >> "$WORK/rows"
        echo "  $name: estimated $est ms, measured $meas ms (load average $(loadavg))" >&2
    done
    "$CLI" calibrate --from "$WORK/$round"/*.bench.json "${models[@]}" --device local --devices "$WORK/local-$round.json" \
        --output "$WORK/fitted-$round.json" > "$WORK/from-$round.txt"
    echo "round $round calibrate --from: $(grep -m1 'leave-one-model-out error' "$WORK/from-$round.txt")" >&2
done

echo
echo "ort-cpu estimate on this round's calibrated profile vs bench median; medians over $ROUNDS round(s); $(nproc 2>/dev/null || echo '?') logical cores"
printf '%-20s %14s %13s %9s  %s\n' model estimated_ms measured_ms est/meas "per-round est/meas"
awk -v tol="$TOLERANCE" '
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { est[$1] = est[$1] " " $3; meas[$1] = meas[$1] " " $4; per[$1] = per[$1] sprintf(" %.2f", $3 / $4); if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    END {
        within = 0
        for (k = 1; k <= n; k++) {
            m = order[k]; e = median(est[m]); r = median(meas[m]); ratio = e / r
            ok = (ratio >= 1 / tol && ratio <= tol); within += ok
            printf "%-20s %14.3f %13.3f %9.2f %s\n", m, e, r, ratio, per[m]
        }
        printf "within %.2fx: %d of %d\n", tol, within, n
    }' "$WORK/rows"
echo
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round: calibrate --from on this round's benches (base device: this round's calibrated profile)"
    cat "$WORK/from-$round.txt"
done
