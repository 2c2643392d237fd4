#!/usr/bin/env bash
# Packs the .NET 10 RID-specific tool packages into artifacts/ and measures the installed tool.
#
#  1. `dotnet pack` (the project declares ToolPackageRuntimeIdentifiers): the FlopScope.Cli pointer package plus one
#     self-contained ReadyToRun FlopScope.Cli.<rid> package each for linux-x64, linux-arm64, osx-arm64 and win-x64.
#  2. For each RID in AOT_RIDS (default: linux-x64, the RID this machine compiles natively; needs clang):
#     `dotnet pack -r RID -p:PublishAot=true` replaces that RID's package with a Native AOT one.
#  3. Installs FlopScope.Cli from artifacts/ into a fresh tool path as a user would (`dotnet tool install
#     --tool-path DIR FlopScope.Cli --add-source artifacts`), which fetches only this platform's package, and times
#     `flopscope profile samples/resnet18.onnx.gz` as whole processes (GNU time; median, min and max of RUNS runs
#     after one warm-up).
#
# Native AOT stays out of `dotnet build`, `dotnet test` and CI: only this script compiles it.
#
#   benchmarks/pack-tool.sh                          # all four RIDs, linux-x64 as Native AOT
#   RIDS=linux-x64 benchmarks/pack-tool.sh           # one RID only (the pointer then names only it)
#   AOT_RIDS= benchmarks/pack-tool.sh                # ReadyToRun everywhere
#   SKIP_PACK=1 benchmarks/pack-tool.sh              # measure what artifacts/ holds
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/artifacts}
ALL_RIDS="linux-x64 linux-arm64 osx-arm64 win-x64"
RIDS=${RIDS:-$ALL_RIDS}
# The project's list unless RIDS names others (quoted: MSBuild splits an unquoted ; into two properties).
RID_LIST=()
[[ "$RIDS" == "$ALL_RIDS" ]] || RID_LIST=("-p:ToolPackageRuntimeIdentifiers=\"${RIDS// /;}\"")
AOT_RIDS=${AOT_RIDS-linux-x64}
RUNS=${RUNS:-11}
VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/src/FlopScope.Cli/FlopScope.Cli.csproj")
mkdir -p "$OUT"

if [[ -z "${SKIP_PACK:-}" ]]; then
    rm -f "$OUT"/FlopScope.Cli*."$VERSION".nupkg
    echo "pointer package + self-contained ReadyToRun packages for: $RIDS..." >&2
    dotnet pack "$ROOT/src/FlopScope.Cli" -c Release "${RID_LIST[@]}" -o "$OUT" -v q -nologo >&2
    for rid in $AOT_RIDS; do
        echo "$rid: Native AOT..." >&2
        dotnet pack "$ROOT/src/FlopScope.Cli" -c Release -r "$rid" "${RID_LIST[@]}" -p:PublishAot=true -o "$OUT" -v q -nologo >&2
    done
fi

echo "package sizes:"
for f in "$OUT"/FlopScope.Cli*."$VERSION".nupkg; do
    printf '  %-48s %8.1f MB\n' "$(basename "$f")" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1e6 }')"
done

TOOLS=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-tool.XXXXXX")
trap 'rm -rf "$TOOLS"' EXIT
dotnet tool install --tool-path "$TOOLS" --add-source "$OUT" FlopScope.Cli --version "$VERSION" >&2
echo "installed: $(du -sh "$TOOLS" | cut -f1) under the tool path ($(file -b "$(readlink -f "$TOOLS/flopscope")" | cut -d, -f1-2))"
"$TOOLS/flopscope" profile "$ROOT/samples/resnet18.onnx.gz" | head -1
times=()
for _ in $(seq 0 "$RUNS"); do
    /usr/bin/time -f %e -o "$TOOLS/time" "$TOOLS/flopscope" profile "$ROOT/samples/resnet18.onnx.gz" >/dev/null 2>&1
    times+=("$(cat "$TOOLS/time")")
done
printf '%s\n' "${times[@]:1}" | sort -n | awk -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '{ a[NR] = $1 }
    END { printf "start-up, profile samples/resnet18.onnx.gz: median %.0f ms (min %.0f, max %.0f) over %d runs; load %s\n", a[int((NR + 1) / 2)] * 1000, a[1] * 1000, a[NR] * 1000, NR, load }'
