#!/usr/bin/env bash
# Models per second of `flopscope profile FOLDER`: a zoo of every fixture model (tests/fixtures/models/*.onnx.gz)
# copied COPIES times (default 100) into numbered sub-folders, profiled pinned to 1 core and to 2 cores (taskset -c 0,
# then taskset -c 0,1; one model at a time per core, the CLI's default). Prints the median whole-process wall time of
# RUNS runs per core set (start-up included) and the models/s it implies, next to the CLI's own figure (profiling
# only, printed on stderr).
#
#   benchmarks/many-models.sh                 # 100 copies, 3 runs, cores 0 and 0,1
#   COPIES=10 RUNS=5 CPUS="0 0,1 0-3" benchmarks/many-models.sh
#   CLI_DIR=/path/to/build benchmarks/many-models.sh   # time an existing build (flopscope.dll) instead of building
#   KEEP=1 benchmarks/many-models.sh          # keep the temporary folder
#
# bert_base needs its sequence length: --dim sequence=128 binds it there and is ignored by the image models (a
# --dim binds the models of a folder that declare it). Needs: dotnet, GNU time (/usr/bin/time), taskset, awk.
set -euo pipefail

COPIES=${COPIES:-100}
RUNS=${RUNS:-3}
CPUS=${CPUS:-"0 0,1"}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! /usr/bin/time -f "%e" true >/dev/null 2>&1; then
    echo "error: GNU time (/usr/bin/time) is required: sudo apt-get install time" >&2
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-zoo.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$WORK"' EXIT
else
    echo "keeping $WORK" >&2
fi

if [[ -z "${CLI_DIR:-}" ]]; then
    echo "building the CLI (Release)..." >&2
    dotnet build "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2
    CLI_DIR=$WORK/cli
fi
CLI=(dotnet "$CLI_DIR/flopscope.dll")

for i in $(seq -w 1 "$COPIES"); do
    mkdir -p "$WORK/zoo/$i"
    cp "$ROOT"/tests/fixtures/models/*.onnx.gz "$WORK/zoo/$i/"
done
MODELS=$(find "$WORK/zoo" -name '*.onnx.gz' | wc -l)
echo
echo "zoo: $MODELS models ($(ls "$ROOT"/tests/fixtures/models/*.onnx.gz | wc -l) fixtures x $COPIES), $(du -sh "$WORK/zoo" | cut -f1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%6s %6s %12s %12s %18s\n' cpus jobs "wall s" "models/s" "models/s (CLI)"

for cpus in $CPUS; do
    jobs=$(taskset -c "$cpus" nproc)
    walls=() own=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e" -o "$WORK/time.txt" taskset -c "$cpus" "${CLI[@]}" profile "$WORK/zoo" --dim sequence=128 --jobs "$jobs" --format csv -o "$WORK/summary.csv" 2> "$WORK/stderr.txt" || {
            echo "error: profile of the zoo failed:" >&2
            cat "$WORK/stderr.txt" >&2
            exit 1
        }
        walls+=("$(tail -1 "$WORK/time.txt")")
        own+=("$(grep -o '([0-9.]* models/s' "$WORK/stderr.txt" | tr -d '(' | cut -d' ' -f1)")
    done
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    cli=$(printf '%s\n' "${own[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    printf '%6s %6s %12s %12.1f %18s   load %s\n' "$cpus" "$jobs" "$wall" "$(awk -v m="$MODELS" -v w="$wall" 'BEGIN{print m/w}')" "$cli" "$(cut -d' ' -f1-3 /proc/loadavg)"
done

rows=$(($(wc -l < "$WORK/summary.csv") - 1))
[[ $rows -eq $MODELS ]] || { echo "error: the summary has $rows rows for $MODELS models" >&2; exit 1; }
echo "summary rows: $rows (one per model; last run's CSV)"
