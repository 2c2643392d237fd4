using System.Globalization;
using System.Text.Json;
using FlopScope.Errors;

namespace FlopScope.Runtime;

/// <summary>One kernel's total time in an ONNX Runtime profile.</summary>
/// <param name="Name">Node name of the kernel (as ONNX Runtime's session graph names it; may be empty).</param>
/// <param name="Op">Op type.</param>
/// <param name="NodeIndex">ONNX Runtime's node index (-1 when absent).</param>
/// <param name="TotalUs">Total duration over the runs kept, µs.</param>
/// <param name="Calls">Executions counted.</param>
internal sealed record TraceKernel(string Name, string Op, int NodeIndex, double TotalUs, int Calls);

/// <summary>Kernel times and run times read from ONNX Runtime's Chrome-trace profile.</summary>
/// <param name="Kernels">Per kernel, keyed by node name (or <c>#index</c> for unnamed nodes).</param>
/// <param name="RunsUs">Durations of the runs kept, µs.</param>
internal sealed record OrtTrace(IReadOnlyDictionary<string, TraceKernel> Kernels, IReadOnlyList<double> RunsUs)
{
    private const string KernelSuffix = "_kernel_time";

    /// <summary>Parses a trace, skipping the first <paramref name="skipRuns"/> model runs (warm-up).</summary>
    public static OrtTrace Parse(string json, int skipRuns)
    {
        using var document = JsonDocument.Parse(json);
        var events = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.TryGetProperty("traceEvents", out var e) ? e : throw new FlopScopeException("ONNX Runtime wrote an unexpected profile format.");

        var runs = new List<(double Start, double End)>();
        var nodes = new List<(string Name, string Op, int Index, double Ts, double Dur)>();
        foreach (var ev in events.EnumerateArray())
        {
            if (!ev.TryGetProperty("name", out var nameElement) || !ev.TryGetProperty("dur", out var durElement))
            {
                continue;
            }

            var name = nameElement.GetString() ?? string.Empty;
            var cat = ev.TryGetProperty("cat", out var c) ? c.GetString() : null;
            var ts = ev.GetProperty("ts").GetDouble();
            var dur = durElement.GetDouble();
            if (cat == "Session" && name == "model_run")
            {
                runs.Add((ts, ts + dur));
            }
            else if (cat == "Node" && name.EndsWith(KernelSuffix, StringComparison.Ordinal))
            {
                var args = ev.TryGetProperty("args", out var a) ? a : default;
                var op = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "?" : "?";
                var index = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("node_index", out var ni) && int.TryParse(ni.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : -1;
                nodes.Add((name[..^KernelSuffix.Length], op, index, ts, dur));
            }
        }

        runs.Sort();
        var kept = runs.Skip(skipRuns).ToList();
        var kernels = new Dictionary<string, TraceKernel>(StringComparer.Ordinal);
        foreach (var (name, op, index, ts, dur) in nodes)
        {
            if (!kept.Any(r => ts >= r.Start && ts <= r.End))
            {
                continue;
            }

            var key = name.Length > 0 ? name : "#" + index.ToString(CultureInfo.InvariantCulture);
            kernels[key] = kernels.TryGetValue(key, out var k)
                ? k with { TotalUs = k.TotalUs + dur, Calls = k.Calls + 1 }
                : new TraceKernel(name, op, index, dur, 1);
        }

        return new OrtTrace(kernels, kept.Select(r => r.End - r.Start).ToArray());
    }
}
