#!/usr/bin/env bash
# Compares `flopscope bench`'s median with a minimal hand-written ONNX Runtime loop (same model, session options and
# input shapes); exits 1 when they differ by more than 5%. Usage:
#   benchmarks/bench-vs-loop.sh [MODEL] [THREADS] [RUNS] [ROUNDS] [OPTIMIZATION]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-tests/fixtures/models/resnet18.onnx.gz}"
dotnet run -c Release --project benchmarks/BenchVsLoop -- "$model" "${2:-2}" "${3:-50}" "${4:-3}" "${5:-all}"
