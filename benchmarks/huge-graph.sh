#!/usr/bin/env bash
# Wall time and peak RSS of `flopscope profile` on long Relu chains (issue 12: "a 1,000,000-node chain profiles in
# seconds within 2 GiB"), console and JSON output, with the total FLOPs checked against N x 64 (hand-computed: each
# Relu reads a 1x64 float tensor, one FLOP per element).
#
#   benchmarks/huge-graph.sh                      # chains of 100,000 and 1,000,000 nodes, 3 runs each
#   NODES="1000000 2000000" RUNS=1 benchmarks/huge-graph.sh
#   CLI=/path/to/flopscope benchmarks/huge-graph.sh   # time an existing binary (e.g. a Native AOT publish)
#   GEN=/tmp/chains benchmarks/huge-graph.sh          # keep the generated chains there and reuse them
#
# Runs are timed with GNU time (-v: "Elapsed (wall clock)" and "Maximum resident set size"). Run it at high priority
# on a shared machine (nice -n -10 benchmarks/huge-graph.sh); the load average is printed next to every figure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODES=${NODES:-"100000 1000000"}
RUNS=${RUNS:-3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-huge.XXXXXX")
[[ -z "${KEEP:-}" ]] && trap 'rm -rf "$WORK"' EXIT

if [[ ! -x /usr/bin/time ]]; then
    echo "error: GNU time (/usr/bin/time) is required: sudo apt-get install time" >&2
    exit 1
fi

if [[ -z "${CLI:-}" ]]; then
    echo "building the CLI (Release)..." >&2
    dotnet build "$ROOT/src/FlopScope.Cli" -c Release -v q -nologo -o "$WORK/cli" >&2
    CLI_CMD=(dotnet "$WORK/cli/flopscope.dll")
else
    CLI_CMD=("$CLI")
fi

GEN_DIR=${GEN:-$WORK/gen}
MISSING=()
for n in $NODES; do [[ -f "$GEN_DIR/chain$n/chain$n.onnx" ]] || MISSING+=("chain$n"); done
if ((${#MISSING[@]} > 0)); then
    echo "generating ${MISSING[*]}..." >&2
    dotnet build "$ROOT/benchmarks/FlopScope.Benchmarks" -c Release -v q -nologo >&2
    dotnet "$ROOT/benchmarks/FlopScope.Benchmarks/bin/Release/net10.0/FlopScope.Benchmarks.dll" generate "$GEN_DIR" "${MISSING[@]}" >&2
fi

FAILED=0
echo
echo "flopscope profile on Relu chains: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
printf '%-10s %-8s %9s %9s %10s %s\n' nodes format "wall s" "RSS MiB" "file" "load (1/5/15 min) before run"
for n in $NODES; do
    model="$GEN_DIR/chain$n/chain$n.onnx"
    for format in console json; do
        for _ in $(seq "$RUNS"); do
            load=$(cut -d' ' -f1-3 /proc/loadavg)
            if ! /usr/bin/time -v -o "$WORK/time.txt" "${CLI_CMD[@]}" profile "$model" --format "$format" -o "$WORK/out.$format" 2>"$WORK/err.txt"; then
                echo "error: profile chain$n --format $format failed: $(head -c 500 "$WORK/err.txt")" >&2
                FAILED=1
                continue
            fi
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time.txt")
            rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$WORK/time.txt")
            printf '%-10s %-8s %9.2f %9s %10s %s\n' "$n" "$format" "$wall" "$rss" "$(numfmt --to=iec --suffix=B "$(stat -c %s "$model")")" "$load"
        done
        if [[ $format == json ]]; then
            flops=$(sed -n '/"summary": {/,/^  }/p' "$WORK/out.json" | grep -m1 '"total_flops":' | sed -E 's/.*: *([0-9]+),?/\1/')
            if [[ "$flops" == "$((n * 64))" ]]; then
                echo "           total_flops $flops = $n x 64 (hand-computed)"
            else
                echo "           MISMATCH: total_flops $flops, hand-computed $((n * 64))"
                FAILED=1
            fi
        fi
    done
done
exit "$FAILED"
