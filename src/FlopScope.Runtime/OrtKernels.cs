using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Profiling;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>
/// The kernels ONNX Runtime actually builds for a model: the session graph after optimization, each node mapped back to
/// the original nodes it covers, checked against a profiled run. By default symbolic input dimensions are fixed to the
/// profile's bound sizes first (free dimension overrides), so shape arithmetic folds as it does for a static model;
/// with <c>pinSymbols: false</c> they stay symbolic, as in the session <c>bench</c> runs.
/// </summary>
public static class OrtKernels
{
    /// <summary>ONNX Runtime's NCHWc block on this machine (MLAS: 16 channels with AVX-512, 8 with AVX2), null
    /// elsewhere: what <c>calibrate</c> writes as the profile's <c>nchwc_block</c>.</summary>
    public static int? HostNchwcBlock =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? 16 : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? 8 : null;

    /// <summary>The session kernels of <paramref name="model"/> at <paramref name="level"/> on the CPU provider.</summary>
    /// <param name="model">The model, loaded from its file.</param>
    /// <param name="profile">Its profile: the input sizes to run at and the layers to map kernels onto.</param>
    /// <param name="level">Graph optimization level.</param>
    /// <param name="threads">Intra-op threads.</param>
    /// <param name="pinSymbols">True (the default) fixes symbolic input dimensions to the profile's sizes before the
    /// session is built; false leaves them symbolic, as <c>bench</c> runs the model, so shape arithmetic on them stays in
    /// the session graph.</param>
    /// <exception cref="FlopScopeException">ONNX Runtime refuses the model, or the model has no file.</exception>
    public static IReadOnlyList<OrtKernel> Of(OnnxModel model, ProfileReport profile, GraphOptimization level = GraphOptimization.All, int threads = 1, bool pinSymbols = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        var path = model.Path ?? throw new FlopScopeException("ONNX Runtime needs the model file: load the model with OnnxModel.Load(path).");
        var folder = Directory.CreateTempSubdirectory("flopscope-kernels-");
        try
        {
            var optimizedPath = Path.Combine(folder.FullName, "optimized.onnx");
            var options = new BenchOptions { Optimization = level, Threads = threads, Profile = new ProfileOptions() };
            string traceFile;
            using (var session = OrtSessions.Create(level, threads, "cpu"))
            {
                foreach (var (symbol, value) in pinSymbols ? BoundSymbols(model, profile) : [])
                {
                    session.AddFreeDimensionOverrideByName(symbol, value);
                }

                session.ProfileOutputPathPrefix = Path.Combine(folder.FullName, "ort-profile");
                session.EnableProfiling = true;
                session.OptimizedModelFilePath = optimizedPath;
                session.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", "optimized.onnx.data");
                session.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
                var source = OnnxModelBenchmark.ModelSource.Of(path);
                source.Configure(session);
                using var inference = OnnxModelBenchmark.Create(source, session);
                var inputs = InputFactory.Create(model.Model.Graph, profile.Inputs, options);
                try
                {
                    using var runOptions = new RunOptions();
                    OnnxModelBenchmark.Run(inference, runOptions, inputs.Select(i => i.Info.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), inference.OutputNames.ToArray());
                }
                finally
                {
                    foreach (var (_, value) in inputs)
                    {
                        value.Dispose();
                    }
                }

                traceFile = inference.EndProfiling();
            }

            var trace = OrtTrace.Parse(File.ReadAllText(Path.IsPathRooted(traceFile) ? traceFile : Path.Combine(folder.FullName, Path.GetFileName(traceFile))), skipRuns: 0);
            var optimized = level == GraphOptimization.None ? model.Model.Graph : OnnxModel.Load(optimizedPath, findTiedTensors: false).Model.Graph;
            var original = model.Model.Graph;
            var owner = OriginalNodeMap.Owners(original, optimized, level != GraphOptimization.None);
            var layerByName = profile.Layers.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => new Queue<int>(g.Select(l => l.Index)));
            var layerOf = Enumerable.Range(0, original.Nodes.Count)
                .Select(i => layerByName.TryGetValue(original.DisplayName(i), out var q) && q.Count > 0 ? q.Dequeue() : -1).ToArray();
            // Unnamed session nodes appear in the trace under ONNX Runtime's own node index: match them by op type.
            var unnamedRan = trace.Kernels.Values.Where(t => t.Name.Length == 0).Select(t => t.Op).ToHashSet(StringComparer.Ordinal);
            return optimized.Nodes.Select((node, k) => new OrtKernel(
                node.Name,
                node.Domain.Length == 0 ? node.OpType : $"{node.Domain}.{node.OpType}",
                Enumerable.Range(0, owner.Length).Where(i => owner[i] == k && layerOf[i] >= 0).Select(i => layerOf[i]).Order().ToArray(),
                node.Name.Length > 0 ? trace.Kernels.ContainsKey(node.Name) : unnamedRan.Contains(node.OpType))).ToArray();
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing for.
            }
        }
    }

    /// <summary>Symbolic dimensions of the model's inputs and the sizes the profile bound them to.</summary>
    private static Dictionary<string, long> BoundSymbols(OnnxModel model, ProfileReport profile)
    {
        var bound = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var input in model.Model.Graph.Inputs)
        {
            var shape = profile.Inputs.FirstOrDefault(i => i.Name == input.Name)?.Shape;
            if (input.Shape is null || shape is null || shape.Rank != input.Shape.Rank)
            {
                continue;
            }

            for (var d = 0; d < shape.Rank; d++)
            {
                if (input.Shape[d].IsSymbolic && input.Shape[d].Symbol is { } symbol && shape[d].IsKnown)
                {
                    bound.TryAdd(symbol, shape[d].Value);
                }
            }
        }

        return bound;
    }
}
