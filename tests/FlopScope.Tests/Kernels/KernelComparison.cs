using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Runtime;

namespace FlopScope.Tests.Kernels;

/// <summary>Where detected kernels and ONNX Runtime's session kernels differ, as sorted lines: node groups only one
/// side has (by their op types, with a count), and inserted kernels (covering no detected node) counted per op.</summary>
internal static class KernelComparison
{
    public static IReadOnlyList<string> Differences(ProfileReport profile, IReadOnlyList<Kernel> detected, IReadOnlyList<OrtKernel> ort)
    {
        var covered = detected.SelectMany(k => k.Nodes).ToHashSet();
        string Key(IEnumerable<int> nodes) => string.Join("+", nodes.Order().Select(i => profile.Layers[i].Op)) + "@" + string.Join(",", nodes.Order());
        var ortGroups = ort.Select(k => k.Covers.Where(covered.Contains).ToArray()).Where(g => g.Length > 0).Select(Key).ToList();
        var detectedGroups = detected.Where(k => k.Nodes.Count > 0).Select(k => Key(k.Nodes)).ToList();
        var lines = new List<string>();
        lines.AddRange(ortGroups.Except(detectedGroups).GroupBy(g => g.Split('@')[0]).Select(g => $"only ORT: {g.Count()} x {g.Key}"));
        lines.AddRange(detectedGroups.Except(ortGroups).GroupBy(g => g.Split('@')[0]).Select(g => $"only detected: {g.Count()} x {g.Key}"));
        var ortInserted = ort.Where(k => !k.Covers.Any(covered.Contains)).GroupBy(k => Short(k.Op)).ToDictionary(g => g.Key, g => g.Count());
        // The transposes around an inner-axis Softmax run inside ONNX Runtime's Softmax kernel: its trace shows one kernel.
        detected = detected.Where(k => k.Rule != StridedTransposes.InnerAxisRule).ToArray();
        var detectedInserted = detected.Where(k => k.Nodes.Count == 0).GroupBy(k => k.Op).ToDictionary(g => g.Key, g => g.Count());
        foreach (var op in ortInserted.Keys.Union(detectedInserted.Keys))
        {
            var (a, b) = (ortInserted.GetValueOrDefault(op), detectedInserted.GetValueOrDefault(op));
            if (a != b)
            {
                lines.Add($"inserted {op}: ORT {a}, detected {b}");
            }
        }

        return lines.Order(StringComparer.Ordinal).ToArray();
    }

    private static string Short(string op) => op.StartsWith("com.microsoft.nchwc.", StringComparison.Ordinal) ? op["com.microsoft.nchwc.".Length..] : op;
}
