#!/usr/bin/env bash
# Estimates every published measurement in tests/fixtures/published/measurements.json with the DEFAULT device
# catalogue (no fitting) and prints measured, estimated and estimated/measured per row, then the accuracy per device
# class and runtime. A report, not a timed test: nothing is run on this machine but the estimator.
#
#   benchmarks/published-vs-estimated.sh                 # print the table
#   WRITE=1 benchmarks/published-vs-estimated.sh         # also rewrite the embedded accuracy notes
#                                                        # (src/FlopScope.Core/Validation/published-accuracy.json)
#                                                        # and print the Markdown table for docs/estimator.md
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-published.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

dotnet build "$ROOT/benchmarks/FlopScope.Benchmarks" -c Release -o "$WORK/bin" -v q -nologo >&2
args=(published "$ROOT/tests/fixtures/published/measurements.json")
if [[ -n "${WRITE:-}" ]]; then
    args+=(--accuracy "$ROOT/src/FlopScope.Core/Validation/published-accuracy.json" --markdown "$WORK/table.md")
fi
dotnet "$WORK/bin/FlopScope.Benchmarks.dll" "${args[@]}"
if [[ -n "${WRITE:-}" ]]; then
    echo
    cat "$WORK/table.md"
fi
