#!/usr/bin/env bash
# LLM decode on this machine: FlopScope's estimate against a measured decode loop. Generates a small Llama-shaped ONNX
# decoder with a KV cache (benchmarks/FlopScope.Benchmarks `generate <dir> decoder`, ~106M fp32 parameters) and its
# config.json twin, calibrates this machine (`flopscope calibrate`), then
#   - estimates prefill and per-token decode from the ONNX graph and from the config (`flopscope llm`), and
#   - measures them in ONNX Runtime, feeding the present.* outputs back as past_key_values.* (`flopscope llm --measure`).
# A benchmark report, not a test: run it on a quiet machine.
#
#   - benches the decode step (`flopscope bench --prompt`) and prints where its time goes per op type, estimated vs
#     measured.
# Run it ahead of other jobs (nice -n -10 benchmarks/llm-decode.sh): it prints the load average with the figures.
#
#   benchmarks/llm-decode.sh                       # prompt 128, 32 generated tokens, 1 thread
#   PROMPT=256 GENERATE=64 THREADS=2 benchmarks/llm-decode.sh   # THREADS=0: ONNX Runtime's default
#   CLI_DIR=src/FlopScope.Cli/bin/Debug/net10.0 CONFIGURATION=Debug benchmarks/llm-decode.sh   # reuse a build
set -euo pipefail

PROMPT=${PROMPT:-128}
GENERATE=${GENERATE:-32}
THREADS=${THREADS:-1}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flopscope-llm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "publishing the CLI and the generator (Release)..." >&2
if [[ -n "${CLI_DIR:-}" ]]; then cp -r "$CLI_DIR" "$WORK/cli"; else dotnet publish "$ROOT/src/FlopScope.Cli" -c Release -o "$WORK/cli" -v q -nologo >&2; fi
CLI="$WORK/cli/flopscope"
dotnet run --project "$ROOT/benchmarks/FlopScope.Benchmarks" -c "${CONFIGURATION:-Release}" -v q -- generate "$WORK" decoder >&2
thread_args=()
if [[ "$THREADS" != 0 ]]; then thread_args=(--threads "$THREADS"); fi

echo "calibrating..." >&2
"$CLI" calibrate "${thread_args[@]}" --rounds "${ROUNDS:-1}" --output "$WORK/local.json" >&2
# calibrate fits per-class efficiencies (runtimes.ort-cpu); its matrix-vector probe (MatMul 1x2048 by 2048x2048,
# memory-bound) measures the gemm memory efficiency that all of decode runs at. DEVICE_PEAKS_ONLY=1 drops the class
# fit and keeps the device-level measured peaks (streaming-Add bandwidth, large-MatMul FLOP/s, efficiencies 1.0).
if [[ -n "${DEVICE_PEAKS_ONLY:-}" ]]; then
    python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d.pop("runtimes", None); json.dump(d, open(p, "w"), indent=1)' "$WORK/local.json"
fi

"$CLI" llm "$WORK/decoder/decoder.onnx" --devices "$WORK/local.json" --device local --prompt "$PROMPT" --generate "$GENERATE" \
    --measure "${thread_args[@]}" --format json > "$WORK/onnx.json"
"$CLI" llm "$WORK/decoder/config.json" --devices "$WORK/local.json" --device local --prompt "$PROMPT" --generate "$GENERATE" \
    --quant f32 --kv-precision fp32 --format json > "$WORK/config.json"

"$CLI" bench "$WORK/decoder/decoder.onnx" --prompt "$PROMPT" --generate "$GENERATE" --devices "$WORK/local.json" --device local \
    --warmup 2 --runs 20 --layer-runs 5 "${thread_args[@]}" --format json --output "$WORK/bench.json" >&2

python3 - "$WORK/onnx.json" "$WORK/config.json" "$WORK/bench.json" "$WORK/local.json" <<'PY'
import json, os, sys
onnx, config, bench, device = (json.load(open(p)) for p in sys.argv[1:5])
classes = device.get("runtimes", {}).get("ort-cpu", {}).get("classes", {})
gemm = classes.get("gemm")
print(f"device 'local': bandwidth {device['memory_bandwidth_gbs']} GB/s (streaming Add), fp32 peak {device['peak_tflops']['fp32'] * 1000:.1f} GFLOP/s, "
      f"gemm efficiency compute/memory {gemm['compute_efficiency']}/{gemm['memory_efficiency']}" if gemm else "class fit dropped (DEVICE_PEAKS_ONLY)")
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
print(f"decode: measured {m['decode_median_ms']:.3f} ms/token ({1000 / m['decode_median_ms']:.1f} tokens/s), "
      f"estimated {onnx['devices'][0]['decode']['time_ms']:.3f} ms/token ({1000 / onnx['devices'][0]['decode']['time_ms']:.1f} tokens/s) from the graph")
print(f"decode estimate within 1.3x of the measured loop: {'yes' if worst <= 1.3 else 'no'} (worst ratio {worst:.2f})")
step = bench["phases"]["decode_step"]
est = step.get("estimate")
if est:
    print(f"decode step (1 token after {bench['phases']['context']}, cache fed as an input; bench --prompt): measured {step['latency']['median_ms']:.3f} ms, "
          f"estimated {est['estimated_ms']:.3f} ms; by op type (per-layer times scaled to the median):")
    for op in sorted(est["by_op"], key=lambda o: -(o.get("measured_ms") or 0))[:8]:
        print(f"  {op['op']:<14} est {op['estimated_ms']:8.3f} ms   meas {op.get('measured_ms') or 0:8.3f} ms")
print("load average: " + " ".join(open("/proc/loadavg").read().split()[:3]))
PY
