using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;

namespace FlopScope.Runtime.Calibration;

/// <summary>A bench result and the profile of the model it measured, at the bench's input shapes.</summary>
/// <param name="Bench">The bench report (with per-layer times).</param>
/// <param name="Profile">The model's profile at the bench's inputs.</param>
public sealed record BenchedModel(BenchReport Bench, ProfileReport Profile)
{
    /// <summary>Model name.</summary>
    public string Name => Bench.Model;

    /// <summary>Measured median latency, s.</summary>
    public double MeasuredSeconds => Bench.Latency.MedianMs / 1000;
}

/// <summary>One model's figures in a fit: estimated with all models fitted, and with its own left out.</summary>
/// <param name="Model">Model name.</param>
/// <param name="MeasuredMs">Bench median, ms.</param>
/// <param name="FittedMs">Estimate with parameters fitted to every model, ms.</param>
/// <param name="LeftOutMs">Estimate with parameters fitted to the other models only, ms (null with one model).</param>
/// <param name="Kernels">Detected kernels.</param>
/// <param name="Matched">Groups of detected kernels matched to measured kernels.</param>
public sealed record ModelFit(string Model, double MeasuredMs, double FittedMs, double? LeftOutMs, int Kernels, int Matched)
{
    /// <summary>max(ratio, 1/ratio) of the left-out estimate.</summary>
    public double? LeftOutError => LeftOutMs is { } e ? EfficiencyFit.Error(e, MeasuredMs) : null;
}

/// <summary>The result of fitting a device to bench results.</summary>
/// <param name="Device">The base device with the fitted <c>runtimes.&lt;runtime&gt;</c> section.</param>
/// <param name="Runtime">Runtime id.</param>
/// <param name="Fit">The fit on every model.</param>
/// <param name="Models">Per model: measured, fitted and left-out estimates.</param>
public sealed record BenchCalibrationResult(DeviceProfile Device, string Runtime, FitResult Fit, IReadOnlyList<ModelFit> Models)
{
    /// <summary>Median over models of the leave-one-model-out error (max(ratio, 1/ratio)); null with one model.</summary>
    public double? MedianLeaveOneOutError => Models.Count > 1 ? EfficiencyFit.Median(Models.Select(m => m.LeftOutError!.Value).ToArray()) : null;
}

/// <summary>
/// Fits the per-class efficiencies and per-kernel overhead of a device under one runtime to measured per-layer bench
/// results (<c>flopscope calibrate --from</c>). For each model, the estimator's kernels and ONNX Runtime's measured
/// kernels are matched by the nodes they cover: kernels that share a node join one group, whose measured time is the
/// sum of its measured kernels and whose estimate is the sum of its detected kernels. The profiled kernel times are
/// scaled to add up to the bench's median latency (the profiled session's times differ from the timed runs'), so the
/// groups add up to what the user measured. Each model weighs the same: its groups share a
/// weight of 1, and its whole latency is one more observation of weight 1. Leave-one-model-out refits without each
/// model in turn and estimates it: the error a model FlopScope has never seen can expect. Only per-class and per-kernel
/// parameters are fitted, never anything per model.
/// </summary>
public static class BenchCalibration
{
    /// <summary>
    /// Reads bench results (<c>.json</c>) and model files (anything else) and pairs each bench with the model it
    /// measured: by model name, or, when one bench and one model are left unpaired, with each other. Each model is
    /// profiled at its bench's input shapes. One-line <see cref="FlopScopeException"/>s for a missing file, a bench
    /// without its model, a model without a bench, and a bench of a different model.
    /// </summary>
    public static IReadOnlyList<BenchedModel> Load(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new FlopScopeException($"File '{missing}' not found.");
        }

        var benches = files.Where(IsJson).Select(f => (File: f, Report: BenchReport.Deserialize(File.ReadAllText(f)))).ToList();
        var models = files.Where(f => !IsJson(f)).Select(f => (File: f, Model: Onnx.OnnxModel.Load(f, findTiedTensors: false))).ToList();
        if (benches.Count == 0)
        {
            throw new FlopScopeException("calibrate --from needs bench results (.json from 'flopscope bench --format json') and the model files they measured.");
        }

        var pairs = new List<(string BenchFile, BenchReport Bench, string ModelFile, Onnx.OnnxModel Model)>();
        foreach (var bench in benches.ToArray())
        {
            var index = models.FindIndex(m => m.Model.Model.Name == bench.Report.Model);
            if (index >= 0)
            {
                pairs.Add((bench.File, bench.Report, models[index].File, models[index].Model));
                models.RemoveAt(index);
                benches.Remove(bench);
            }
        }

        if (benches.Count == 1 && models.Count == 1)
        {
            pairs.Add((benches[0].File, benches[0].Report, models[0].File, models[0].Model));
            benches.Clear();
            models.Clear();
        }

        if (benches.Count > 0)
        {
            throw new FlopScopeException($"{benches[0].File} is a bench of '{benches[0].Report.Model}', and no model file of that name was given: pass the model it measured too.");
        }

        if (models.Count > 0)
        {
            throw new FlopScopeException($"{models[0].File} has no bench result among the files given.");
        }

        // A decoder benched with --prompt adds its decode step (one token after a cache): its own shapes, its own
        // kernels (matrix-vector products, the cache concatenation), fitted like another model.
        return pairs.SelectMany(p => p.Bench.Phases is { } phases
            ? new[] { Paired(p.Bench, p.BenchFile, p.Model, p.ModelFile), Paired(phases.DecodeStep with { Model = $"{p.Bench.Model} (decode step)" }, p.BenchFile, p.Model, p.ModelFile) }
            : [Paired(p.Bench, p.BenchFile, p.Model, p.ModelFile)]).ToArray();
    }

    private static BenchedModel Paired(BenchReport bench, string benchFile, Onnx.OnnxModel model, string modelFile)
    {
        var shapes = bench.Inputs.ToDictionary(i => i.Name, i => i.Shape.ToArray());
        ProfileReport profile;
        try
        {
            profile = model.Profile(new ProfileOptions { InputShapes = shapes });
        }
        catch (FlopScopeException e)
        {
            throw new FlopScopeException($"{benchFile} is a bench of a different model: {modelFile} does not take its inputs ({e.Message})");
        }

        Check(bench, profile, benchFile, modelFile);
        return new BenchedModel(bench, profile);
    }

    /// <summary>The runtime the benches ran under: ONNX Runtime's provider at graph optimization all (the level the
    /// ort-* fusion tables describe); one-line errors when they differ or ran at another level.</summary>
    public static string RuntimeOf(IReadOnlyList<BenchedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.FirstOrDefault(m => m.Bench.Machine.GraphOptimization != "all") is { } other)
        {
            throw new FlopScopeException($"The bench of '{other.Name}' ran at graph optimization {other.Bench.Machine.GraphOptimization}; calibrate --from fits the runtime's kernels at 'all' (bench's default).");
        }

        var providers = models.Select(m => m.Bench.Machine.Provider).Distinct().ToArray();
        if (providers.Length > 1)
        {
            throw new FlopScopeException($"The benches ran on different providers ({string.Join(", ", providers)}): fit one runtime at a time.");
        }

        return providers[0] switch
        {
            "cpu" => "ort-cpu",
            "cuda" => "ort-cuda",
            "tensorrt" => "tensorrt",
            var p => throw new FlopScopeException($"No FlopScope runtime models ONNX Runtime's '{p}' provider; name one with --runtime."),
        };
    }

    private static bool IsJson(string file) => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks that <paramref name="bench"/> measured the model of <paramref name="profile"/> and has per-layer
    /// times; a one-line <see cref="FlopScopeException"/> otherwise.</summary>
    public static void Check(BenchReport bench, ProfileReport profile, string benchName, string modelName)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(profile);
        if (bench.Layers is not { } timing)
        {
            throw new FlopScopeException($"{benchName} has no per-layer times: run bench with --layer-runs 10 (not 0) and --format json.");
        }

        var same = timing.Layers.Count == profile.Layers.Count
            && timing.Layers.Zip(profile.Layers).All(p => p.First.Name == p.Second.Name && p.First.Op == p.Second.Op && p.First.TotalFlops == p.Second.TotalFlops);
        if (!same)
        {
            throw new FlopScopeException($"{benchName} is a bench of a different model: it measured '{bench.Model}' ({timing.Layers.Count} layers, {timing.Layers.Sum(l => l.TotalFlops) / 1e9:F3} GFLOPs), {modelName} has {profile.Layers.Count} layers and {profile.Layers.Sum(l => l.TotalFlops) / 1e9:F3} GFLOPs at the bench's input shapes.");
        }
    }

    /// <summary>Fits <paramref name="device"/> under <paramref name="runtime"/> to <paramref name="models"/>.</summary>
    public static BenchCalibrationResult Fit(IReadOnlyList<BenchedModel> models, DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        if (models.Count == 0)
        {
            throw new FlopScopeException("calibrate --from needs at least one bench result.");
        }

        // Fit from the runtime's defaults on the base device, not from an earlier fit it may carry.
        var baseDevice = device with { Runtimes = device.Runtimes?.Where(kv => !string.Equals(kv.Key, runtime.Id, StringComparison.OrdinalIgnoreCase)).ToDictionary(kv => kv.Key, kv => kv.Value) };
        // The parallel dispatch cost is a measurement (calibrate's probe), not a fit: kept from the device as it is.
        // Overlap and epilogue cost are structural: chosen on all models over StructureSearch's grid, then held for the
        // leave-one-model-out fits (which therefore share that one choice).
        var parallelUs = KernelCosts.ParallelOverheadUs(device, runtime);
        // The kernels' samples depend on the epilogue cost only (the overlap enters through the prior): detect and
        // match each model's kernels once per epilogue value, not once per grid pair.
        var byEpilogue = new Dictionary<double, (IReadOnlyList<FitObservation> Observations, FitObservation Whole, int Matched)[]>();
        var best = StructureSearch.Best(baseDevice, runtime, structured =>
        {
            var p = KernelSamples.Prior(structured, runtime) with { ParallelOverheadUs = parallelUs };
            var epilogue = KernelCosts.EpilogueMacs(structured, runtime);
            if (!byEpilogue.TryGetValue(epilogue, out var observed))
            {
                byEpilogue[epilogue] = observed = models.Select(m => Observations(m, structured, runtime)).ToArray();
            }

            return (Fit: EfficiencyFit.Fit(observed.SelectMany(o => o.Observations).ToArray(), p, constraints: FitConstraints.Streaming), Observed: observed, Prior: p);
        }, r => StructureSearch.GeometricError(r.Fit.Parameters, r.Observed.SelectMany(o => o.Observations).ToArray()));
        var (all, perModel, prior) = (best.Fit, best.Observed, best.Prior);
        var rows = new List<ModelFit>();
        for (var i = 0; i < models.Count; i++)
        {
            double? leftOut = null;
            if (models.Count > 1)
            {
                var others = perModel.Where((_, j) => j != i).SelectMany(o => o.Observations).ToArray();
                leftOut = EfficiencyFit.Fit(others, prior, constraints: FitConstraints.Streaming).Parameters.Seconds(perModel[i].Whole) * 1e3;
            }

            rows.Add(new ModelFit(models[i].Name, models[i].MeasuredSeconds * 1e3, all.Parameters.Seconds(perModel[i].Whole) * 1e3, leftOut,
                perModel[i].Whole.Kernels.Count(k => k.Launched), perModel[i].Matched));
        }

        return new BenchCalibrationResult(KernelSamples.WithRuntime(baseDevice, runtime.Id, all.Parameters), runtime.Id, all, rows);
    }

    /// <summary>
    /// Profiled group times brought to the bench's median latency. ONNX Runtime's profiler adds a roughly constant cost to
    /// every kernel it times (a Gather of a few int64 values that costs about 0.5 us unprofiled shows as 10-16 us in a
    /// trace here), which one factor per model would leave on the small kernels and a fit would read as per-kernel
    /// overhead. So when the profiled sum exceeds the median, the excess is first taken off every profiled kernel alike
    /// (a group keeping at least a twentieth of its time), then one factor brings the sum to the median; what remains of
    /// the difference (another speed level of a shared machine) falls on every kernel in proportion to its length.
    /// </summary>
    /// <param name="groups">Each group's profiled seconds and how many profiled kernels it sums.</param>
    /// <param name="medianSeconds">The bench's median latency.</param>
    internal static double[] ToMedian(IReadOnlyList<(double Seconds, int Kernels)> groups, double medianSeconds)
    {
        var profiled = groups.Sum(g => g.Seconds);
        var kernels = groups.Sum(g => g.Kernels);
        var perKernel = profiled > medianSeconds && kernels > 0 ? (profiled - medianSeconds) / kernels : 0;
        var net = groups.Select(g => Math.Max(g.Seconds - (perKernel * g.Kernels), g.Seconds / 20)).ToArray();
        var scale = medianSeconds / net.Sum();
        return net.Select(t => t * scale).ToArray();
    }

    /// <summary>A model's observations: one per matched group of kernels, plus the whole model.</summary>
    internal static (IReadOnlyList<FitObservation> Observations, FitObservation Whole, int Matched) Observations(BenchedModel model, DeviceProfile device, RuntimeProfile runtime)
    {
        var timing = model.Bench.Layers ?? throw new FlopScopeException($"The bench of '{model.Name}' has no per-layer times.");
        var detected = KernelSamples.Of(model.Profile, device, runtime);
        var whole = new FitObservation(model.Name, detected.Select(d => d.Sample).ToArray(), model.MeasuredSeconds);

        // Union-find over [detected kernels..., measured kernels...], joined through the layers they cover.
        var measured = timing.Kernels.Where(k => k.Covers.Count > 0).ToArray();
        var parent = Enumerable.Range(0, detected.Count + measured.Length).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        var ownerOfLayer = new Dictionary<int, int>();
        void Link(int item, int layer)
        {
            if (ownerOfLayer.TryGetValue(layer, out var other))
            {
                parent[Find(item)] = Find(other);
            }
            else
            {
                ownerOfLayer[layer] = item;
            }
        }

        for (var d = 0; d < detected.Count; d++)
        {
            // A kernel the runtime inserts (a layout reorder) covers no node: bench adds its time to the kernel it feeds.
            var kernel = detected[d].Kernel;
            foreach (var layer in kernel.Nodes.Count > 0 ? kernel.Nodes : [kernel.Layer])
            {
                Link(d, layer);
            }
        }

        for (var m = 0; m < measured.Length; m++)
        {
            foreach (var layer in measured[m].Covers)
            {
                Link(detected.Count + m, layer);
            }
        }

        var groups = Enumerable.Range(0, parent.Length).GroupBy(Find)
            .Select(g => (Detected: g.Where(i => i < detected.Count).ToArray(), Seconds: g.Where(i => i >= detected.Count).Sum(i => measured[i - detected.Count].TimeMs) / 1e3,
                Kernels: g.Count(i => i >= detected.Count)))
            .Where(g => g.Detected.Length > 0 && g.Seconds > 0)
            .ToArray();
        if (groups.Length == 0)
        {
            return ([whole], whole, 0);
        }

        var observations = ToMedian(groups.Select(g => (g.Seconds, g.Kernels)).ToArray(), model.MeasuredSeconds)
            .Select((seconds, k) => new FitObservation(model.Name, groups[k].Detected.Select(i => detected[i].Sample).ToArray(), seconds, 1.0 / groups.Length))
            .ToList();
        observations.Add(whole);
        return (observations, whole, groups.Length);
    }
}
