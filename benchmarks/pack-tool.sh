#!/usr/bin/env bash
# Packs the RID-specific tool packages (.NET 10) into nupkg/: the FlopScope.Cli pointer package, then one package per
# platform: Native AOT for the RIDs this machine can compile natively (AOT_RIDS, default: this machine's linux RID,
# needs clang), self-contained ReadyToRun for the others. Then installs the tool from nupkg/ as a user would and times
# its start-up on `profile` of a fixture (median of RUNS whole-process runs, GNU time).
#
#   benchmarks/pack-tool.sh                          # all four RIDs, linux-x64 as Native AOT
#   RIDS=linux-x64 benchmarks/pack-tool.sh           # one RID only
#   AOT_RIDS= benchmarks/pack-tool.sh                # ReadyToRun everywhere
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/nupkg}
RIDS=${RIDS:-linux-x64 linux-arm64 osx-arm64 win-x64}
AOT_RIDS=${AOT_RIDS-linux-x64}
RUNS=${RUNS:-11}
VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/src/FlopScope.Cli/FlopScope.Cli.csproj")
mkdir -p "$OUT"

echo "pointer package..." >&2
dotnet pack "$ROOT/src/FlopScope.Cli" -c Release -p:FlopScopeToolPackages=true -p:PublishAot=true -o "$OUT" -v q -nologo >&2
for rid in $RIDS; do
    if [[ " $AOT_RIDS " == *" $rid "* ]]; then
        echo "$rid: Native AOT..." >&2
        dotnet pack "$ROOT/src/FlopScope.Cli" -c Release -r "$rid" -p:FlopScopeToolPackages=true -p:PublishAot=true -o "$OUT" -v q -nologo >&2
    else
        echo "$rid: self-contained ReadyToRun..." >&2
        dotnet pack "$ROOT/src/FlopScope.Cli" -c Release -r "$rid" -p:FlopScopeToolPackages=true -p:PublishAot=false -p:SelfContained=true -o "$OUT" -v q -nologo >&2
    fi
done

echo "package sizes:"
for f in "$OUT"/FlopScope.Cli*."$VERSION".nupkg; do
    printf '  %-48s %8.1f MB\n' "$(basename "$f")" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1e6 }')"
done

TOOLS=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-tool.XXXXXX")
trap 'rm -rf "$TOOLS"' EXIT
dotnet tool install --tool-path "$TOOLS" --add-source "$OUT" FlopScope.Cli --version "$VERSION" >&2
echo "installed: $(du -sh "$TOOLS" | cut -f1) under the tool path"
times=()
for _ in $(seq 0 "$RUNS"); do
    /usr/bin/time -f %e -o "$TOOLS/time" "$TOOLS/flopscope" profile "$ROOT/samples/resnet18.onnx.gz" >/dev/null 2>&1
    times+=("$(cat "$TOOLS/time")")
done
printf '%s\n' "${times[@]:1}" | sort -n | awk '{ a[NR] = $1 } END { printf "start-up, profile samples/resnet18.onnx.gz: median %.0f ms over %d runs\n", a[int((NR + 1) / 2)] * 1000, NR }'
