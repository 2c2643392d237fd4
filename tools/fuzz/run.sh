#!/usr/bin/env bash
# Long-run fuzzing of loader, profiler and report writers (docs/limits.md, "Fuzzing").
# Usage: tools/fuzz/run.sh [SECONDS] [PARALLEL]   e.g. tools/fuzz/run.sh 3600 8
# Each worker alternates structure-aware and byte-mutation rounds; failures land in fuzz-failures/ as .bin files
# (copy them to tests/fixtures/fuzz/ once fixed). Exit status: 0 when every worker found nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
parallel="${2:-1}"
dotnet build tools/fuzz/FlopScope.Fuzz.csproj -c Release -v q -nologo
status=0
for i in $(seq 1 "$parallel"); do
  dotnet tools/fuzz/bin/Release/net10.0/FlopScope.Fuzz.dll "$seconds" tests/fixtures fuzz-failures > "fuzz-worker-$i.log" 2>&1 &
done
for job in $(jobs -p); do wait "$job" || status=1; done
cat fuzz-worker-*.log
exit "$status"
