#!/usr/bin/env bash
# How close FlopScope's ort-cpu estimate is to ONNX Runtime on this machine. A benchmark report, not a test.
#
# Passes of benches and calibrations alternate: bench pass 1, calibration 1, bench pass 2, calibration 2, ...,
# bench pass N+1. A bench pass benches every fixture model (median of its timed runs, with per-layer times). Each
# `flopscope calibrate` (micro-benchmarks only: its own probe graphs, no fixture model) writes a device profile with a
# fitted runtimes.ort-cpu section, on which every model is estimated; the figure it is judged against is the geometric
# mean of the model's bench medians in the passes on either side of it. This machine's speed drifts by up to half
# over minutes and flips between levels for a second or two at a time (mobilenet_v2 timed in 0.25 s windows: 3.6 ms,
# then 4.8, then 3.6; docs/estimator.md), so a calibration judged against benches taken only after it carries the drift
# into the ratio; the passes on either side cancel a steady drift. Run it on a quiet machine if you can, e.g. under
# `nice -n -10`; the load average is recorded at every step. After each calibration, `calibrate --from` fits the same
# device to the next pass's benches and prints its leave-one-model-out error. The table gives, per model, the median
# over rounds of the estimate and of the measured figure, their ratio, and each round's ratio.
#
# A step that fails (a bench, an estimate, a calibration) is reported with its exit code and the model's row says
# "missing" for that round; the run goes on. Interrupted (Ctrl-C, kill), it still prints the table of what it has.
#
#   benchmarks/estimate-vs-measured.sh                      # 3 calibrations, 4 bench passes, 3 s of timed runs per model
#   ROUNDS=5 BENCH_SECONDS=5 THREADS=2 benchmarks/estimate-vs-measured.sh
#   CLI_DIR=path/to/published/cli benchmarks/estimate-vs-measured.sh    # skip the Release publish
#   KEEP=dir benchmarks/estimate-vs-measured.sh             # keep the profiles, benches and outputs in dir
set -uo pipefail

# Timed runs per bench: RUNS runs or BENCH_SECONDS seconds, whichever ends first. On a shared machine the speed drops
# to about half for a second or two at a time (a single-threaded matrix product timed every 0.25 s here: 4.2 GFLOP/s,
# then 2.2 for 2 s, then 4.2); thirty runs of a 4 ms model span 0.12 s and can fall wholly inside such a dip, three
# seconds of runs cannot.
RUNS=${RUNS:-1000}
BENCH_SECONDS=${BENCH_SECONDS:-3}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-0}
DURATION=${DURATION:-0.5}     # seconds of timed runs per calibration probe and round
PROBE_ROUNDS=${PROBE_ROUNDS:-3}  # calibrate --rounds: each probe timed in 3 passes far apart, median kept (same reason)
LAYER_RUNS=${LAYER_RUNS:-5}   # profiled runs per bench, for calibrate --from
TOLERANCE=${TOLERANCE:-1.25}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n "${KEEP:-}" ]]; then mkdir -p "$KEEP"; WORK=$(cd "$KEEP" && pwd); else WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-est.XXXXXX"); fi
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }
failures=0
fail() { failures=$((failures + 1)); echo "FAILED: $*" >&2; echo "$*" >> "$WORK/failures"; }
: > "$WORK/rows"; : > "$WORK/failures"; : > "$WORK/loads"

summary() {
    echo
    echo "ort-cpu estimate on each round's calibrated profile vs the geometric mean of the bench medians before and after that calibration; medians over the rounds that have both; $(nproc 2>/dev/null || echo '?') logical cores"
    echo "load average (1, 5, 15 min) at each step: $(sort -n "$WORK/loads" | head -1 | cut -d' ' -f1) to $(sort -n "$WORK/loads" | tail -1 | cut -d' ' -f1) (1-minute, min to max)"
    printf '%-20s %14s %13s %9s  %s\n' model estimated_ms measured_ms est/meas "per-round est/meas"
    awk -v tol="$TOLERANCE" -v expected="${#names[@]}" -v all="${names[*]}" '
        function median(list,   n, a, i, j, t) {
            n = split(list, a, " ")
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        {
            if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
            if ($3 == "missing" || $4 == "missing" || $3 + 0 <= 0 || $4 + 0 <= 0) { per[$1] = per[$1] " missing"; next }
            est[$1] = est[$1] " " $3; meas[$1] = meas[$1] " " $4; per[$1] = per[$1] sprintf(" %.2f", $3 / $4); have[$1] = 1
        }
        END {
            within = 0; figures = 0
            for (k = 1; k <= n; k++) {
                m = order[k]
                if (!(m in have)) { printf "%-20s %14s %13s %9s %s\n", m, "missing", "missing", "-", per[m]; continue }
                e = median(est[m]); r = median(meas[m]); ratio = e / r; figures++
                ok = (ratio >= 1 / tol && ratio <= tol); within += ok
                printf "%-20s %14.3f %13.3f %9.2f %s\n", m, e, r, ratio, per[m]
            }
            split(all, every, " ")
            for (k = 1; k in every; k++) if (!(every[k] in seen)) printf "%-20s %14s %13s %9s %s\n", every[k], "not run", "not run", "-", ""
            printf "within %.2fx: %d of %d models (%d with a figure)\n", tol, within, expected, figures
        }' "$WORK/rows"
    if [[ -s "$WORK/failures" ]]; then echo "failed steps ($(wc -l < "$WORK/failures")):"; sed 's/^/  /' "$WORK/failures"; fi
    echo
    for f in "$WORK"/from-*.txt; do
        [[ -s "$f" ]] || continue
        round=${f##*/from-}; round=${round%.txt}
        echo "round $round: calibrate --from on this round's benches (base device: this round's calibrated profile)"
        cat "$f"
    done
}

interrupted() { trap - INT TERM; echo "interrupted: the table covers what finished" | tee -a "$WORK/failures" >&2; summary; cleanup; exit 130; }
cleanup() { if [[ -z "${KEEP:-}" ]]; then rm -rf "$WORK"; fi; }
trap interrupted INT TERM

models=("$ROOT"/tests/fixtures/models/*.onnx.gz)
names=()
for f in "${models[@]}"; do names+=("$(basename "$f" .onnx.gz)"); done
dims() { if [[ "$1" == bert_base ]]; then echo "--dim sequence=128"; fi; }

echo "publishing the CLI (Release)..." >&2
if [[ -n "${CLI_DIR:-}" ]]; then
    cp -r "$CLI_DIR" "$WORK/cli" || { echo "cannot copy $CLI_DIR" >&2; exit 1; }
elif ! dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2; then
    echo "FAILED: dotnet publish (nothing measured)" >&2; cleanup; exit 1
fi
CLI="$WORK/cli/flopscope"
thread_args=()
if [[ "$THREADS" != 0 ]]; then thread_args=(--threads "$THREADS"); fi

# One pass benches every fixture model (median of its timed runs, with per-layer times) into $WORK/bench-$pass.
# Passes and calibrations alternate, B1 C1 B2 C2 ... Cn Bn+1, so each calibration lies between two passes of benches.
bench_pass() {
    local pass=$1 count=${#models[@]} k i f name bench meas
    mkdir -p "$WORK/bench-$pass"
    echo "bench pass $pass of $((ROUNDS + 1)) (load average $(loadavg))..." >&2
    # Rotate the model order every pass so no model always runs right before or after a calibration.
    for ((k = 0; k < count; k++)); do
        i=$(( (k + pass - 1) % count ))
        f=${models[$i]}; name=${names[$i]}
        bench="$WORK/bench-$pass/$name.bench.json"
        # shellcheck disable=SC2046
        if "$CLI" bench "$f" $(dims "$name") "${thread_args[@]}" --runs "$RUNS" --duration "$BENCH_SECONDS" --layer-runs "$LAYER_RUNS" --format json \
            --output "$bench" > "$WORK/bench-$pass/$name.bench.txt" 2>&1; then
            meas=$(grep -m1 '"median_ms"' "$bench" | sed 's/[^0-9.]//g')
            [[ -n "$meas" ]] || { fail "pass $pass: bench $name wrote no median"; rm -f "$bench"; }
        else
            fail "pass $pass: bench $name (exit $?; $(tail -1 "$WORK/bench-$pass/$name.bench.txt"))"
            rm -f "$bench"
        fi
        load=$(loadavg); echo "$load" >> "$WORK/loads"
    done
}

# The measured figure a calibration is judged against: the geometric mean of the model's bench medians in the passes
# just before and just after it (one of them when the other failed), so a drift of the machine's speed that is steady
# over the two passes cancels.
measured() {
    local before="$WORK/bench-$1/$3.bench.json" after="$WORK/bench-$2/$3.bench.json" a b
    a=$( [[ -s "$before" ]] && grep -m1 '"median_ms"' "$before" | sed 's/[^0-9.]//g')
    b=$( [[ -s "$after" ]] && grep -m1 '"median_ms"' "$after" | sed 's/[^0-9.]//g')
    if [[ -n "$a" && -n "$b" ]]; then awk -v a="$a" -v b="$b" 'BEGIN { printf "%.6f", sqrt(a * b) }'
    elif [[ -n "$a$b" ]]; then echo "$a$b"
    else echo missing; fi
}

bench_pass 1
for round in $(seq 1 "$ROUNDS"); do
    mkdir -p "$WORK/$round"
    load=$(loadavg); echo "$load" >> "$WORK/loads"
    echo "round $round of $ROUNDS: calibrating (load average $load)..." >&2
    profile="$WORK/local-$round.json"
    "$CLI" calibrate "${thread_args[@]}" --duration "$DURATION" --rounds "$PROBE_ROUNDS" --output "$profile" > "$WORK/calibrate-$round.txt" 2>&1
    status=$?
    bench_pass $((round + 1))
    if (( status != 0 )); then
        fail "round $round: calibrate (exit $status; $(tail -1 "$WORK/calibrate-$round.txt"))"
        for name in "${names[@]}"; do echo "$name $round missing missing" >> "$WORK/rows"; done
        continue
    fi
    grep -E -A3 '^(matrix product|fitted|median probe error)' "$WORK/calibrate-$round.txt" | grep -v '^--' >&2
    if [[ -n "${SHOW:-}" ]]; then cat "$WORK/calibrate-$round.txt" "$profile" >&2; fi
    for i in "${!models[@]}"; do
        f=${models[$i]}; name=${names[$i]}
        est=missing
        # shellcheck disable=SC2046
        if "$CLI" estimate "$f" $(dims "$name") --devices "$profile" --device local --runtime ort-cpu --format json \
            --output "$WORK/$round/$name.estimate.json" > "$WORK/$round/$name.estimate.txt" 2>&1; then
            est=$(grep -m1 '"latency_ms"' "$WORK/$round/$name.estimate.json" | sed 's/[^0-9.]//g')
            [[ -n "$est" ]] || { est=missing; fail "round $round: estimate $name wrote no latency"; }
        else
            fail "round $round: estimate $name (exit $?; $(tail -1 "$WORK/$round/$name.estimate.txt"))"
        fi
        meas=$(measured "$round" $((round + 1)) "$name")
        echo "$name $round $est $meas" >> "$WORK/rows"
        echo "  $name: estimated $est ms, measured $meas ms (passes $round and $((round + 1)))" >&2
    done
    benches=("$WORK/bench-$((round + 1))"/*.bench.json)
    if (( ${#benches[@]} < 2 )) || [[ ! -e "${benches[0]}" ]]; then
        fail "round $round: calibrate --from skipped (fewer than 2 benches)"
        continue
    fi
    # Only the models benched in the pass after this calibration: calibrate --from refuses a model without its bench.
    benched=()
    for b in "${benches[@]}"; do benched+=("$ROOT/tests/fixtures/models/$(basename "$b" .bench.json).onnx.gz"); done
    if "$CLI" calibrate --from "${benches[@]}" "${benched[@]}" --device local --devices "$profile" \
        --output "$WORK/fitted-$round.json" > "$WORK/from-$round.txt" 2>&1; then
        echo "round $round calibrate --from: $(grep -m1 -A1 'leave-one-model-out error' "$WORK/from-$round.txt" | tr '\n' ' ')" >&2
    else
        fail "round $round: calibrate --from (exit $?; $(tail -1 "$WORK/from-$round.txt"))"
    fi
done

trap - INT TERM
summary
cleanup
