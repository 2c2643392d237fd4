using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Hardware;
using FlopScope.Llm;
using FlopScope.Llm.KvCache;
using FlopScope.Llm.Phases;
using FlopScope.Memory;
using FlopScope.Profiling;

namespace FlopScope.Onnx.Llm;

/// <summary>
/// The <see cref="LlmReport"/> of an ONNX decoder, from its own graph: the prefill graph (prompt P, empty cache) and
/// decode graphs (1 token after a cache of C) are profiled and timed node by node with the roofline estimator, so
/// FLOPs, weight traffic and the KV cache read come from the graph itself. Decode time over a generation is the decode
/// step at the middle context times N - 1 (step time is linear in the context).
/// </summary>
public static class OnnxDecoderReport
{
    /// <summary>Builds the report of <paramref name="model"/>.</summary>
    public static LlmReport Of(OnnxModel model, string name, IReadOnlyList<DeviceProfile> devices, LlmRunOptions options, long prompt, long generate, IReadOnlyList<long> sweep, Precision? precision)
    {
        var decoder = OnnxDecoder.Find(model.Model.Graph)
            ?? throw new FlopScopeException($"{name}: no 'input_ids' input; 'flopscope llm' needs a decoder (profile other models with 'flopscope profile').");
        var notes = new List<string>();
        var baseOptions = new ProfileOptions { Precision = precision };
        ProfileReport Profile(long newTokens, long past)
        {
            var report = model.Profile(baseOptions with { InputShapes = decoder.Bind(newTokens, past, options.Batch) });
            if (!report.Summary.IsComplete)
            {
                var missing = report.Summary.Unsupported.Concat(report.Summary.Unresolved).Select(i => i.Op).Distinct();
                var line = $"ops not counted at {newTokens} new token(s) after {past}: {string.Join(", ", missing)}";
                if (!notes.Contains(line))
                {
                    notes.Add(line);
                }
            }

            return report;
        }

        var cached = decoder.CacheInputs.Count > 0;
        if (!cached)
        {
            notes.Add("no past_key_values inputs: every decode step re-runs the whole sequence");
        }

        PhaseEstimate Decode(DeviceProfile device, long context) => cached
            ? Phase("decode", Profile(1, context), device, options.Runtime, decoder, 1, context, options.Batch)
            : Phase("decode", Profile(context + 1, 0), device, options.Runtime, decoder, context + 1, 0, options.Batch);

        var prefillReport = Profile(prompt, 0);
        var kvPerToken = cached ? CacheBytes(Profile(1, 1), decoder) - CacheBytes(Profile(1, 0), decoder) : 0;
        var rows = new List<GenerationEstimate>();
        foreach (var device in devices)
        {
            var prefill = Phase("prefill", prefillReport, device, options.Runtime, decoder, prompt, 0, options.Batch);
            var first = Decode(device, prompt);
            var middle = generate > 2 ? Decode(device, prompt + ((generate - 1) / 2)) : first;
            rows.Add(new GenerationEstimate
            {
                Device = device,
                Prompt = prompt,
                Generate = generate,
                Prefill = prefill,
                Decode = first,
                DecodeSeconds = middle.Seconds * (generate - 1),
                Memory = Fit(prefillReport, device, kvPerToken, prompt + generate, options.Batch),
            });
        }

        var sweepRows = sweep.SelectMany(context => devices.Select(d => new LlmSweepRow(context, d.Id, Fit(prefillReport, d, kvPerToken, context, options.Batch), Decode(d, context)))).ToList();
        var p = prefillReport.Summary.Parameters;
        return new LlmReport
        {
            Model = name,
            SourceKind = "onnx",
            StoredParameters = p.Total,
            WeightBytes = prefillReport.Memory.WeightBytes,
            WeightSource = "ONNX initializers" + (precision is { } pr ? $" at {pr.ToString().ToLowerInvariant()}" : string.Empty),
            WeightBytesByFormat = p.BytesByType,
            KvFormat = "graph",
            KvBytesPerToken = kvPerToken / (double)options.Batch,
            Prompt = prompt,
            Generate = generate,
            Batch = options.Batch,
            Devices = rows,
            Sweep = sweepRows,
            Notes = notes,
        };
    }

    private static long CacheBytes(ProfileReport report, OnnxDecoder decoder) =>
        report.Inputs.Where(i => decoder.CacheInputs.Any(c => c.Name == i.Name))
            .Sum(i => ElementSize.Bytes(i.DataType, i.Shape.Dims.Aggregate(1L, (n, d) => checked(n * d.Value)), null));

    private static MemoryFit Fit(ProfileReport prefill, DeviceProfile device, long kvPerToken, long context, long batch)
    {
        var deviceBytes = device.MemoryGB * 1e9;
        long? max = null;
        if (deviceBytes is { } limit)
        {
            var free = limit - prefill.Memory.WeightBytes - prefill.Memory.PeakActivationBytes;
            max = free < 0 ? 0 : kvPerToken > 0 ? (long)Math.Min(MemoryFit.SearchLimit, Math.Floor(free / kvPerToken)) : MemoryFit.SearchLimit;
        }

        return new MemoryFit(prefill.Memory.WeightBytes, (double)kvPerToken * context, prefill.Memory.PeakActivationBytes, context, deviceBytes, max);
    }

    private static PhaseEstimate Phase(string phase, ProfileReport report, DeviceProfile device, string? runtime, OnnxDecoder decoder, long newTokens, long past, long batch)
    {
        // A decode step streams every weight from memory: when the model's weights exceed the cache, no layer finds its
        // weights resident from the previous step, so the cache level (meant for hot working sets) does not apply.
        var streamed = report.Memory.WeightBytes > (device.CacheBytes ?? 0) ? device with { CacheBandwidthGBs = null, CacheBytes = null } : device;
        var e = RooflineEstimator.Estimate(report, streamed, runtime);
        var compute = e.Layers.Sum(l => l.ComputeSeconds);
        var memory = e.Layers.Sum(l => l.MemorySeconds);
        var overhead = e.Layers.Sum(l => l.OverheadSeconds);
        var kv = CacheBytes(report, decoder);
        var traffic = report.Memory.BytesRead + report.Memory.BytesWritten;
        // Weights the step reads (a gathered embedding only its rows), not the weights stored.
        var weightsRead = report.Layers.Sum(l => l.Traffic.WeightBytesRead);
        return new PhaseEstimate
        {
            Phase = phase,
            Runtime = e.Runtime,
            NewTokens = newTokens,
            Past = past,
            Batch = batch,
            Flops = report.Summary.Flops,
            WeightBytes = weightsRead,
            KvReadBytes = kv,
            KvWriteBytes = 0,
            ActivationBytes = Math.Max(0, traffic - weightsRead - kv),
            ExpertsTouched = 0,
            ComputePrecision = e.Precision,
            ComputeSeconds = compute,
            MemorySeconds = memory,
            OverheadSeconds = overhead,
            Seconds = e.LatencySeconds,
            Bound = overhead > Math.Max(compute, memory) ? Bound.Overhead : compute >= memory ? Bound.Compute : Bound.Memory,
        };
    }
}
