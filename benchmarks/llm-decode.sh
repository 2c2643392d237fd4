#!/usr/bin/env bash
# LLM decode on this machine: FlopScope's estimate against a measured decode loop. Generates a small Llama-shaped ONNX
# decoder with a KV cache (benchmarks/FlopScope.Benchmarks `generate <dir> decoder`, ~106M fp32 parameters) and its
# config.json twin, calibrates this machine (`flopscope calibrate`), then
#   - estimates prefill and per-token decode from the ONNX graph and from the config (`flopscope llm`), and
#   - measures them in ONNX Runtime, feeding the present.* outputs back as past_key_values.* (`flopscope llm --measure`).
# A benchmark report, not a test: run it on a quiet machine.
#
#   benchmarks/llm-decode.sh                       # prompt 128, 32 generated tokens
#   PROMPT=256 GENERATE=64 THREADS=2 benchmarks/llm-decode.sh
set -euo pipefail

PROMPT=${PROMPT:-128}
GENERATE=${GENERATE:-32}
THREADS=${THREADS:-0}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-llm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "publishing the CLI and the generator (Release)..." >&2
if [[ -n "${CLI_DIR:-}" ]]; then cp -r "$CLI_DIR" "$WORK/cli"; else dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2; fi
CLI="$WORK/cli/flopscope"
dotnet run --project "$ROOT/benchmarks/FlopScope.Benchmarks" -c Release -v q -- generate "$WORK" decoder >&2
thread_args=()
if [[ "$THREADS" != 0 ]]; then thread_args=(--threads "$THREADS"); fi

echo "calibrating..." >&2
"$CLI" calibrate "${thread_args[@]}" --output "$WORK/local.json" >&2

"$CLI" llm "$WORK/decoder/decoder.onnx" --devices "$WORK/local.json" --device local --prompt "$PROMPT" --generate "$GENERATE" \
    --measure "${thread_args[@]}" --format json > "$WORK/onnx.json"
"$CLI" llm "$WORK/decoder/config.json" --devices "$WORK/local.json" --device local --prompt "$PROMPT" --generate "$GENERATE" \
    --quant f32 --kv-precision fp32 --format json > "$WORK/config.json"

python3 - "$WORK/onnx.json" "$WORK/config.json" <<'PY'
import json, sys
onnx, config = (json.load(open(p)) for p in sys.argv[1:3])
m = onnx["measured"]
print(f"decoder: {onnx['parameters']['stored']:,} parameters, {onnx['weights']['bytes']:,} bytes fp32; prompt {m['prompt']}, "
      f"{m['decode_steps']} decode steps timed ({m['runtime']})")
print(f"{'':28} {'prefill ms':>12} {'decode ms/token':>16} {'decode bound':>13}")
print(f"{'measured (ONNX Runtime)':28} {m['prefill_ms']:12.2f} {m['decode_median_ms']:16.3f} {'':>13}")
worst = 1.0
for name, doc in (("estimate from ONNX graph", onnx), ("estimate from config.json", config)):
    d = doc["devices"][0]
    prefill, decode = d["prefill"]["time_ms"], d["decode"]["time_ms"]
    print(f"{name:28} {prefill:12.2f} {decode:16.3f} {d['decode']['bound']:>13}")
    ratio = decode / m["decode_median_ms"]
    worst = max(worst, ratio, 1 / ratio)
    print(f"{'':28} {'':12} {'est/meas ' + format(ratio, '.2f'):>16}")
print(f"decode estimate within 1.3x of the measured loop: {'yes' if worst <= 1.3 else 'no'} (worst ratio {worst:.2f})")
PY
