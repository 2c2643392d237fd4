using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Profiling;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>Measured speed of an ONNX model in ONNX Runtime, next to its static profile.</summary>
/// <example>
/// <code>
/// var report = OnnxModel.Load("resnet18.onnx").Benchmark(new BenchOptions { Runs = 50, Threads = 4 });
/// Console.WriteLine($"median {report.Latency.MedianMs:F2} ms, {report.AchievedGflops:F1} GFLOP/s");
/// </code>
/// </example>
public static class OnnxModelBenchmark
{
    /// <summary>
    /// Benchmarks <paramref name="model"/>: creates a session, makes the inputs, runs the warm-up and timed runs, then
    /// (unless <see cref="BenchOptions.LayerRuns"/> is 0) times every layer in a second, profiled session whose trace
    /// goes to a temporary folder that is deleted afterwards. Every ONNX Runtime object is disposed. Cancelling stops
    /// the runs and returns what was measured so far (<see cref="BenchReport.Interrupted"/>); cancelling before the
    /// first timed run throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="FlopScopeException">Bad options, missing weight data, unavailable provider, or ONNX Runtime
    /// refusing the model.</exception>
    public static BenchReport Benchmark(this OnnxModel model, BenchOptions options, IProgress<BenchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = model.Path ?? throw new FlopScopeException("bench needs the model file: this model was loaded from bytes; load it with OnnxModel.Load(path).");
        CheckExternalData(model, path);
        var profile = model.Profile(options.Profile);
        if (!options.SkipMemoryCheck)
        {
            BenchMemory.Check(profile, path);
        }

        var source = ModelSource.Of(path);

        using var timing = OrtSessions.Create(options.Optimization, Threads(options), options.Provider, options.ProviderOptions);
        source.Configure(timing);
        progress?.Report(new BenchProgress("session", 0, 1));
        var clock = Stopwatch.StartNew();
        using var session = Create(source, timing);
        var sessionMs = clock.Elapsed.TotalMilliseconds;

        var inputs = InputFactory.Create(model.Model.Graph, profile.Inputs, options);
        try
        {
            var names = inputs.Select(i => i.Info.Name).ToArray();
            var values = inputs.Select(i => i.Value).ToArray();
            var outputs = session.OutputNames.ToArray();
            using var runOptions = new RunOptions();
            for (var i = 0; i < options.Warmup; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(session, runOptions, names, values, outputs);
                progress?.Report(new BenchProgress("warmup", i + 1, options.Warmup));
            }

            var (maxRuns, maxTime) = options.Limits();
            var times = new List<double>();
            var elapsed = Stopwatch.StartNew();
            var interrupted = false;
            while (times.Count < maxRuns && (times.Count == 0 || elapsed.Elapsed < maxTime))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                var start = Stopwatch.GetTimestamp();
                Run(session, runOptions, names, values, outputs);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                var planned = maxRuns != int.MaxValue && (maxTime == TimeSpan.MaxValue || maxRuns * times.Average() < maxTime.TotalMilliseconds)
                    ? maxRuns
                    : (int)Math.Clamp(maxTime.TotalMilliseconds / times.Average(), times.Count, maxRuns);
                progress?.Report(new BenchProgress("timing", times.Count, planned));
            }

            if (times.Count == 0)
            {
                throw new OperationCanceledException("Interrupted before the first timed run.", cancellationToken);
            }

            long peak;
            using (var process = Process.GetCurrentProcess())
            {
                peak = process.PeakWorkingSet64;
            }

            LayerTiming? layers = null;
            if (!interrupted && options.LayerRuns > 0)
            {
                layers = TimeLayers(model, profile, source, options, names, values, outputs, progress, cancellationToken);
                interrupted = layers is null;
            }

            var report = new BenchReport
            {
                Model = profile.Summary.Model,
                Machine = MachineInfo(options),
                Inputs = inputs.Select(i => i.Info).ToArray(),
                Batch = profile.Inputs.Count > 0 && profile.Inputs[0].Shape.Rank > 1 ? profile.Inputs[0].Shape.ToArray()[0] : 1,
                Warmup = options.Warmup,
                Latency = LatencyStats.From(times),
                SessionCreationMs = sessionMs,
                PeakMemoryBytes = peak,
                TotalFlops = profile.Summary.TotalFlops,
                Interrupted = interrupted,
                Layers = layers,
            };
            return Join(report, profile, options.Device);
        }
        finally
        {
            foreach (var (_, value) in inputs)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>
    /// Joins a measurement with the static profile of the same model at the same sizes: the FLOPs per inference are the
    /// profile's, and with a <paramref name="device"/> the estimate on it sits next to the measured time. A local bench
    /// and a remote one (measured elsewhere, joined here with the local profile) both end here.
    /// </summary>
    public static BenchReport Join(BenchReport measured, ProfileReport profile, Hardware.DeviceProfile? device)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(profile);
        var report = measured with { TotalFlops = profile.Summary.TotalFlops };
        return device is null ? report with { Estimate = null } : report with { Estimate = EstimateComparison.Create(report, profile, device) };
    }

    /// <summary>This machine and the runtime settings of <paramref name="options"/>.</summary>
    public static MachineInfo MachineInfo(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MachineInfo
        {
            Cpu = CpuModel(),
            Cores = Environment.ProcessorCount,
            Os = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            DotNet = RuntimeInformation.FrameworkDescription,
            OrtVersion = OrtSessions.Version,
            Provider = options.Provider.ToLowerInvariant(),
            ProviderOptions = options.ProviderOptions.Count > 0 ? new SortedDictionary<string, string>(options.ProviderOptions.ToDictionary()) : null,
            OrtLibrary = OrtLibrary.Location,
            Threads = Threads(options),
            GraphOptimization = options.Optimization.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Intra-op threads a run uses: those asked for, else one per physical core (ONNX Runtime's own default,
    /// set explicitly so that the report records the count used rather than 0).</summary>
    public static int Threads(BenchOptions options) => options.Threads is { } t and > 0 ? t : CpuTopology.PhysicalCores();

    /// <summary>The CPU model: "model name" (or "Hardware"/"Model") of /proc/cpuinfo on Linux, else the architecture.</summary>
    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var key in new[] { "model name", "Hardware", "Model", "cpu model" })
                {
                    var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
                    if (line is not null)
                    {
                        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture.
        }

        return $"{RuntimeInformation.ProcessArchitecture} ({Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "unknown model"})";
    }

    internal static void Run(InferenceSession session, RunOptions runOptions, string[] names, OrtValue[] values, string[] outputs)
    {
        using var results = session.Run(runOptions, names, values, outputs);
    }

    internal static InferenceSession Create(ModelSource source, SessionOptions options)
    {
        try
        {
            return source.Bytes is { } bytes ? new InferenceSession(bytes, options) : new InferenceSession(source.Path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FlopScopeException($"ONNX Runtime cannot run '{Path.GetFileName(source.Path)}': {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static void CheckExternalData(OnnxModel model, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var missing = model.Model.Graph.Initializers.Values
            .Where(t => t.IsExternal && t.ExternalLocation is not null && !File.Exists(Path.Combine(directory, t.ExternalLocation)))
            .GroupBy(t => t.ExternalLocation!)
            .Select(g => $"'{Path.Combine(directory, g.Key)}' ({g.Count()} tensor(s), e.g. '{g.First().Name}')")
            .ToArray();
        if (missing.Length > 0)
        {
            throw new FlopScopeException($"bench needs the weight data; profile does not: external data file {string.Join(", ", missing)} is missing. Put it next to the model, or run 'flopscope profile' for the static figures.");
        }
    }

    private static LayerTiming? TimeLayers(OnnxModel model, ProfileReport profile, ModelSource source, BenchOptions options, string[] names,
        OrtValue[] values, string[] outputs, IProgress<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        var folder = BenchTempFolder.Create();
        try
        {
            string trace;
            var optimizedPath = Path.Combine(folder.FullName, "optimized.onnx");
            using (var profiled = OrtSessions.Create(options.Optimization, Threads(options), options.Provider, options.ProviderOptions))
            {
                source.Configure(profiled);
                // The prefix must be set before profiling is enabled, or ONNX Runtime writes beside the working folder.
                profiled.ProfileOutputPathPrefix = Path.Combine(folder.FullName, "ort-profile");
                profiled.EnableProfiling = true;
                if (options.Optimization != GraphOptimization.None)
                {
                    profiled.OptimizedModelFilePath = optimizedPath;
                    profiled.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", "optimized.onnx.data");
                    profiled.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
                }

                using var session = Create(source, profiled);
                using var runOptions = new RunOptions();
                Run(session, runOptions, names, values, outputs);
                for (var i = 0; i < options.LayerRuns; i++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        session.EndProfiling();
                        return null;
                    }

                    Run(session, runOptions, names, values, outputs);
                    progress?.Report(new BenchProgress("layers", i + 1, options.LayerRuns));
                }

                trace = session.EndProfiling();
            }

            var parsed = OrtTrace.Parse(File.ReadAllText(Path.IsPathRooted(trace) ? trace : Path.Combine(folder.FullName, Path.GetFileName(trace))), skipRuns: 1);
            var optimized = options.Optimization == GraphOptimization.None ? null : OnnxModel.Load(optimizedPath, findTiedTensors: false).Model.Graph;
            return KernelAttribution.Attribute(model.Model.Graph, profile, optimized, parsed, parsed.RunsUs.Count, options.Optimization);
        }
        finally
        {
            BenchTempFolder.Delete(folder);
        }
    }

    /// <summary>Where ONNX Runtime reads the model from: the file itself, or inflated bytes for <c>.onnx.gz</c>.</summary>
    internal sealed record ModelSource(string Path, byte[]? Bytes)
    {
        // Gzip is recognised by its magic bytes as the loader does (a plain file named .gz is plain), and inflated
        // under the same decompressed-size limit.
        public static ModelSource Of(string path) => new(path, OnnxModel.InflateIfCompressed(path));

        public void Configure(SessionOptions options)
        {
            if (Bytes is not null)
            {
                options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path",
                    System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".");
            }
        }
    }
}
