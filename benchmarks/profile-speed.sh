#!/usr/bin/env bash
# Whole-process wall time and peak RSS of `flopscope profile` on the fixture models (plain .onnx and .onnx.gz),
# a generated VGG-16 (553 MB, weights embedded; and the same graph with a sparse external data file) and a generated
# LLaMA-2-7B-shaped graph (27 GB sparse external data file). Everything is written under a temporary folder.
#
#   benchmarks/profile-speed.sh            # 5 runs per model
#   RUNS=11 benchmarks/profile-speed.sh    # more runs
#   COMPARE_JIT=1 benchmarks/profile-speed.sh  # also time a framework-dependent JIT publish (start-up comparison)
#   NO_AOT=1 benchmarks/profile-speed.sh       # time the ReadyToRun (framework-dependent) publish instead of Native AOT
#   KEEP=1 benchmarks/profile-speed.sh     # keep the temporary folder
#
# Needs: dotnet, gzip, awk, /usr/bin/time (GNU time; installed with apt-get when missing and running as root).
set -euo pipefail

RUNS=${RUNS:-5}
SEQUENCE=${SEQUENCE:-128}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RID=${RID:-linux-x64}

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f "%e %M" true >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing GNU time..." >&2
        apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null
    else
        echo "error: GNU time (/usr/bin/time) is required: sudo apt-get install time" >&2
        exit 1
    fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-bench.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$WORK"' EXIT
else
    echo "keeping $WORK" >&2
fi

if [[ -z "${NO_AOT:-}" ]]; then
    echo "publishing the CLI (Release, $RID, Native AOT)..." >&2
    dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -r "$RID" -p:PublishAot=true -o "$WORK/cli" -v q -nologo >&2
else
    echo "publishing the CLI (Release, $RID, ReadyToRun)..." >&2
    dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -r "$RID" --self-contained false -o "$WORK/cli" -v q -nologo >&2
fi
CLI="$WORK/cli/flopscope"
if [[ -n "${COMPARE_JIT:-}" ]]; then
    echo "publishing the CLI without a runtime identifier (plain JIT)..." >&2
    dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli-jit" -v q -nologo >&2
fi

echo "generating models..." >&2
dotnet build "$ROOT/benchmarks/FlopScope.Benchmarks" -c Release -v q -nologo >&2
dotnet "$ROOT/benchmarks/FlopScope.Benchmarks/bin/Release/net10.0/FlopScope.Benchmarks.dll" generate "$WORK/gen" \
    vgg16 vgg16-external llama7b --sequence "$SEQUENCE" >&2

mkdir -p "$WORK/fixtures"
for gz in "$ROOT"/tests/fixtures/models/*.onnx.gz; do
    gzip -dc "$gz" > "$WORK/fixtures/$(basename "$gz" .gz)"
    cp "$gz" "$WORK/fixtures/"
done

now_ns() { date +%s%N; }

# summary_field JSON KEY: the value of KEY inside the "summary" object of a JSON report.
summary_field() {
    sed -n '/"summary": {/,/^  }/p' "$1" | grep -m1 "\"$2\":" | sed -E 's/.*: *([0-9.]+),?/\1/'
}

FAILED=0
declare -A MEDIAN RSS

# measure LABEL CLI MODEL ARGS...: RUNS timed runs of the console profile, one JSON run for the figures.
measure() {
    local label=$1 cli=$2 model=$3
    shift 3
    local times=() peak=0
    "$cli" profile "$model" "$@" --format json -o "$WORK/report.json" >/dev/null 2>&1 || {
        echo "error: flopscope profile $model $* failed" >&2
        "$cli" profile "$model" "$@" >&2 || true
        FAILED=1
        return
    }
    for _ in $(seq "$RUNS"); do
        local start end rss
        start=$(now_ns)
        /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$cli" profile "$model" "$@" >/dev/null 2>&1
        end=$(now_ns)
        times+=($(((end - start) / 1000000)))
        rss=$(awk '{print $2}' "$WORK/time.txt")
        ((rss > peak)) && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    local size params gflops macs
    size=$(stat -c %s "$model")
    params=$(summary_field "$WORK/report.json" parameters)
    gflops=$(summary_field "$WORK/report.json" gflops)
    macs=$(summary_field "$WORK/report.json" macs)
    MEDIAN[$label]=$median
    RSS[$label]=$peak
    LAST_PARAMS=$params
    LAST_MACS=$macs
    printf '%-34s %10s %9d %9.1f %15s %10s\n' "$label" "$(numfmt --to=iec --suffix=B "$size")" "$median" \
        "$(awk -v k="$peak" 'BEGIN{print k/1024}')" "$(printf "%'d" "$params")" "$gflops"
}

# check LABEL DIR: compares the last measurement with the generator's hand-computed figures.
check() {
    local expected_params expected_macs
    read -r expected_params expected_macs _ < "$2/expected.txt"
    if [[ "$LAST_PARAMS" == "$expected_params" && "$LAST_MACS" == "$expected_macs" ]]; then
        CHECKS+=("$1: parameters $(printf "%'d" "$LAST_PARAMS") and MACs $(printf "%'d" "$LAST_MACS") match the hand-computed figures")
    else
        CHECKS+=("$1: MISMATCH: profile says $LAST_PARAMS parameters / $LAST_MACS MACs, hand-computed $expected_params / $expected_macs")
        FAILED=1
    fi
}

CHECKS=()
echo
echo "flopscope profile: median of $RUNS runs (whole process), peak RSS over the runs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %9s %9s %15s %10s\n' model "file" "wall ms" "RSS MiB" parameters GFLOPs
printf '%-34s %10s %9s %9s %15s %10s\n' ---------------------------------- ---------- --------- --------- --------------- ----------
for onnx in "$WORK"/fixtures/*.onnx; do
    name=$(basename "$onnx" .onnx)
    args=()
    [[ $name == bert_base ]] && args=(--dim "sequence=128")  # as in tests/fixtures/models/reference.json
    measure "$name.onnx" "$CLI" "$onnx" "${args[@]}"
    measure "$name.onnx.gz" "$CLI" "$onnx.gz" "${args[@]}"
done
measure "vgg16 (embedded weights)" "$CLI" "$WORK/gen/vgg16/vgg16.onnx"
check "vgg16 (embedded weights)" "$WORK/gen/vgg16"
measure "vgg16 (sparse external data)" "$CLI" "$WORK/gen/vgg16-external/vgg16-external.onnx"
check "vgg16 (sparse external data)" "$WORK/gen/vgg16-external"
measure "llama-2-7b shape (seq $SEQUENCE, external)" "$CLI" "$WORK/gen/llama7b/llama7b.onnx" --dim "sequence=$SEQUENCE"
check "llama-2-7b shape" "$WORK/gen/llama7b"
if [[ -n "${COMPARE_JIT:-}" ]]; then
    measure "vgg16 (embedded), JIT" "$WORK/cli-jit/flopscope" "$WORK/gen/vgg16/vgg16.onnx"
    measure "llama-2-7b, JIT" "$WORK/cli-jit/flopscope" "$WORK/gen/llama7b/llama7b.onnx" --dim "sequence=$SEQUENCE"
fi

echo
echo "file sizes on disk: vgg16 $(du -h "$WORK/gen/vgg16/vgg16.onnx" | cut -f1), vgg16-external .onnx $(du -h "$WORK/gen/vgg16-external/vgg16-external.onnx" | cut -f1) + data $(numfmt --to=iec "$(stat -c %s "$WORK/gen/vgg16-external/model.onnx.data")") apparent / $(du -h "$WORK/gen/vgg16-external/model.onnx.data" | cut -f1) allocated, llama7b data $(numfmt --to=iec "$(stat -c %s "$WORK/gen/llama7b/model.onnx.data")") apparent / $(du -h "$WORK/gen/llama7b/model.onnx.data" | cut -f1) allocated"
printf '%s\n' "${CHECKS[@]}"

target() {
    local what=$1 value=$2 limit=$3 unit=$4
    if awk -v v="$value" -v l="$limit" 'BEGIN{exit !(v < l)}'; then
        echo "target met:    $what $value $unit < $limit $unit"
    else
        echo "target missed: $what $value $unit >= $limit $unit"
    fi
}
vgg="vgg16 (embedded weights)"
llama="llama-2-7b shape (seq $SEQUENCE, external)"
target "vgg16 wall" "${MEDIAN[$vgg]:-999999}" 150 ms
target "vgg16 peak RSS" "$(awk -v k="${RSS[$vgg]:-999999999}" 'BEGIN{printf "%.1f", k/1024}')" 100 MiB
target "llama-2-7b wall" "${MEDIAN[$llama]:-999999}" 300 ms
exit "$FAILED"
