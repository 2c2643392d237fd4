using System.Diagnostics;
using System.Globalization;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Hardware;
using FlopScope.Onnx.Writing;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>Options of <see cref="Calibrator.Calibrate"/>.</summary>
public sealed record CalibrateOptions
{
    /// <summary>Intra-op threads. Default: null (ONNX Runtime's choice).</summary>
    public int? Threads { get; init; }

    /// <summary>Time spent timing each probe (after 2 warm-up runs; at least 3 runs). Default: 2 s.</summary>
    public TimeSpan DurationPerProbe { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Side of the square fp32 matrices of the matrix-product probe. Default: 1024.</summary>
    public int MatMulSize { get; init; } = 1024;

    /// <summary>MatMuls chained in the matrix-product probe. Default: 4.</summary>
    public int MatMulCount { get; init; } = 4;

    /// <summary>fp32 elements of each operand of the streaming probe. Default: 16 Mi (64 MiB per tensor).</summary>
    public int StreamElements { get; init; } = 16 << 20;

    /// <summary>Tiny ops chained in the overhead probe. Default: 200.</summary>
    public int OverheadOps { get; init; } = 200;

    /// <summary>Id of the written profile. Default: local.</summary>
    public string Id { get; init; } = "local";

    /// <summary>Also measures per-class efficiencies and the per-kernel overhead of ort-cpu with the probes of
    /// <see cref="Calibration.MicroBenchmarks"/> (<see cref="Calibration.ClassCalibration"/>). Default: true.</summary>
    public bool MeasureClasses { get; init; } = true;

    /// <summary>Rounds of the per-class probes (each round times every probe once; the median over rounds is kept).
    /// Default: 1.</summary>
    public int Rounds { get; init; } = 1;
}

/// <summary>What calibration measured, and the device profile made from it.</summary>
/// <param name="MatMulGflops">Achieved fp32 matrix-product GFLOP/s (best run).</param>
/// <param name="BandwidthGBs">Achieved streaming bandwidth, GB/s of bytes read + written (best run).</param>
/// <param name="KernelOverheadUs">Time per tiny kernel, µs (best run / ops).</param>
/// <param name="Device">The device profile.</param>
public sealed record CalibrationResult(double MatMulGflops, double BandwidthGBs, double KernelOverheadUs, DeviceProfile Device)
{
    /// <summary>Measured cache bandwidth, GB/s, when a cache level was detected.</summary>
    public double? CacheBandwidthGBs { get; init; }

    /// <summary>Measured cache capacity (working-set bytes), when a cache level was detected.</summary>
    public long? CacheBytes { get; init; }

    /// <summary>The per-class probes and their fit, when measured.</summary>
    public Calibration.ClassCalibrationResult? Classes { get; init; }
}

/// <summary>
/// Measures this machine with ONNX Runtime on graphs FlopScope builds itself (<see cref="OnnxWriter"/>): a chain of
/// large fp32 MatMuls (achieved matrix-product FLOP/s), a large elementwise Add (streaming bandwidth: bytes read and
/// written per second) and a chain of tiny Relus (per-kernel overhead). Each probe runs with graph optimizations off,
/// takes the best of its timed runs, and the figures become a <see cref="DeviceProfile"/> whose efficiencies are 1.0,
/// because the peaks are already what ONNX Runtime's kernels achieve here.
/// </summary>
public static class Calibrator
{
    /// <summary>Runs the three probes.</summary>
    public static CalibrationResult Calibrate(CalibrateOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MatMulSize < 1 || options.MatMulCount < 1 || options.StreamElements < 1 || options.OverheadOps < 1 || options.Threads is < 0 || options.Rounds < 1)
        {
            throw new FlopScopeException("Calibration sizes and --rounds must be positive and --threads not negative.");
        }

        var n = options.MatMulSize;
        progress?.Report($"matrix product: {options.MatMulCount} x MatMul {n}x{n} fp32");
        var matmulSeconds = Best(MatMulChain(n, options.MatMulCount), [n, n], options, cancellationToken);
        var gflops = 2.0 * n * n * n * options.MatMulCount / matmulSeconds / 1e9;

        progress?.Report($"bandwidth: Add of {options.StreamElements} fp32 elements");
        var addSeconds = Best(StreamAdd(options.StreamElements), [options.StreamElements], options, cancellationToken);
        var bandwidth = 3.0 * 4 * options.StreamElements / addSeconds / 1e9;

        // Cache level: the same Add on working sets from 48 KiB up; the cache bandwidth is the best rate and the cache
        // capacity the largest working set, from the fastest one up, still at least the geometric mean of cache and DRAM rates.
        progress?.Report("cache: Add on working sets from 48 KiB to 48 MiB");
        var short_ = options with { DurationPerProbe = TimeSpan.FromTicks(Math.Max(options.DurationPerProbe.Ticks / 4, TimeSpan.TicksPerMillisecond * 20)) };
        var sweep = new List<(long Bytes, double GBs)>();
        for (var elements = 4096; elements <= Math.Min(options.StreamElements / 4, 4 << 20); elements *= 4)
        {
            var seconds = Best(StreamAdd(elements), [elements], short_, cancellationToken);
            sweep.Add((12L * elements, 12.0 * elements / seconds / 1e9));
        }

        var cacheBandwidth = sweep.Count > 0 ? sweep.Max(p => p.GBs) : bandwidth;
        var knee = Math.Sqrt(cacheBandwidth * bandwidth);
        // Small sets are limited by the per-run overhead, not the cache: start from the fastest set.
        var fastest = sweep.FindIndex(p => p.GBs == cacheBandwidth);
        var cacheBytes = sweep.Skip(Math.Max(fastest, 0)).TakeWhile(p => p.GBs >= knee).Select(p => p.Bytes).DefaultIfEmpty(0).Max();
        var hasCache = cacheBytes > 0 && cacheBandwidth > bandwidth * 1.2;

        progress?.Report($"overhead: chain of {options.OverheadOps} tiny Relu kernels");
        var chainSeconds = Best(ReluChain(options.OverheadOps), [1, 16], options, cancellationToken);
        var overhead = chainSeconds / options.OverheadOps * 1e6;

        var cpu = OnnxModelBenchmark.CpuModel();
        var threads = options.Threads is { } t and > 0 ? $"{t} threads" : "default threads";
        var when = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var method = $"flopscope calibrate, ONNX Runtime {OrtSessions.Version} cpu, {threads}, graph optimizations off, best of timed runs";
        var device = new DeviceProfile
        {
            Id = options.Id,
            Name = $"{cpu} ({Environment.ProcessorCount} logical cores, calibrated)",
            Kind = "cpu",
            PeakTflops = new Dictionary<string, double> { ["fp32"] = Math.Round(gflops / 1000, 6) },
            MemoryBandwidthGBs = Math.Round(bandwidth, 3),
            CacheBandwidthGBs = hasCache ? Math.Round(cacheBandwidth, 3) : null,
            CacheBytes = hasCache ? cacheBytes : null,
            MemoryGB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
            ComputeEfficiency = 1.0,
            MemoryEfficiency = 1.0,
            KernelOverheadUs = Math.Round(overhead, 3),
            Sources = new Dictionary<string, string>
            {
                ["peak_tflops"] = string.Create(CultureInfo.InvariantCulture, $"[M] {method}: {options.MatMulCount} chained {n}x{n} fp32 MatMuls, {gflops:F1} GFLOP/s achieved"),
                ["memory_bandwidth_gbs"] = string.Create(CultureInfo.InvariantCulture, $"[M] {method}: Add of two {options.StreamElements}-element fp32 tensors, bytes read and written per second"),
                ["kernel_overhead_us"] = string.Create(CultureInfo.InvariantCulture, $"[M] {method}: run time of {options.OverheadOps} chained Relus on 16 elements / {options.OverheadOps}"),
                ["compute_efficiency, memory_efficiency"] = "1.0: the peaks above are already achieved figures of the kernels of ONNX Runtime on this machine",
                ["memory_gb"] = "memory available to the .NET process",
                ["parallel_units"] = options.Threads is > 0 ? "--threads" : "logical processors (ONNX Runtime's default threads)",
                ["nchwc_block"] = "this CPU's instruction set: MLAS uses NCHWc blocks of 16 channels with AVX-512F, 8 with AVX2 and FMA, none otherwise",
                ["cache_bandwidth_gbs, cache_bytes"] = string.Create(CultureInfo.InvariantCulture, $"[M] {method}: Add on working sets of {string.Join(", ", sweep.Select(p => $"{p.Bytes / 1024} KiB: {p.GBs:F1} GB/s"))}; capacity = largest set at >= {knee:F1} GB/s"),
            },
            Note = $"Calibrated on {Environment.MachineName} at {when} by {method}. Achieved, not datasheet, figures: efficiencies are 1.0. Convolutions and small matrices usually reach less than the large-MatMul figure.",
            Runtime = "ort-cpu",
            ParallelUnits = options.Threads is { } units and > 0 ? units : Environment.ProcessorCount,
            NchwcBlock = OrtKernels.HostNchwcBlock,
        };
        Calibration.ClassCalibrationResult? classes = null;
        if (options.MeasureClasses)
        {
            var runtime = Kernels.RuntimeCatalog.BuiltIn.For(device, "ort-cpu");
            classes = Calibration.ClassCalibration.Run(device, runtime, options, progress, cancellationToken);
            var sources = new Dictionary<string, string>(device.Sources)
            {
                ["runtimes.ort-cpu"] = string.Create(CultureInfo.InvariantCulture,
                    $"[M] flopscope calibrate: {classes.Probes.Count} per-class probes timed as `flopscope bench` times a model (ONNX Runtime {OrtSessions.Version} cpu, {threads}, graph optimization all, median of {options.Rounds} round(s)), fitted to the estimator's kernels (least squares on log time, efficiencies bounded 0.01-1, conv and depthwise_conv memory efficiency tied to elementwise, efficiencies above 1 folded into the peaks); parallel dispatch {classes.ParallelOverheadSeconds * 1e6:F2} us per kernel split across threads, measured by {Calibration.MicroBenchmarks.ParallelCostId}; median probe error {classes.Fit.MedianError:F2}x; identified: {string.Join(", ", classes.Fit.Identified)}"),
            };
            // A class that beat the reference probes raises the peaks (efficiencies stay at most 1, times unchanged).
            var (rescaled, parameters, computeScale, memoryScale) = Calibration.ClassCalibration.Normalised(device, classes.Fit.Parameters);
            if (computeScale > 1)
            {
                sources["peak_tflops"] = sources["peak_tflops"] + string.Create(CultureInfo.InvariantCulture,
                    $"; raised x{computeScale:F3} to the fastest class the per-class probes measured (its compute efficiency 1)");
            }

            if (memoryScale > 1)
            {
                sources["memory_bandwidth_gbs"] = sources["memory_bandwidth_gbs"] + string.Create(CultureInfo.InvariantCulture,
                    $"; raised x{memoryScale:F3} (cache bandwidth too) to the fastest class the per-class probes measured (its memory efficiency 1)");
            }

            device = Calibration.KernelSamples.WithRuntime(rescaled, runtime.Id, parameters) with
            {
                Sources = sources,
                Note = device.Note + " runtimes.ort-cpu holds the per-class efficiencies and per-kernel overhead the class probes measured, relative to these peaks.",
            };
        }

        return new CalibrationResult(gflops, bandwidth, overhead, device) { CacheBandwidthGBs = device.CacheBandwidthGBs, CacheBytes = device.CacheBytes, Classes = classes };
    }

    /// <summary>Channels per NCHWc block of ONNX Runtime's MLAS on this CPU: 16 with AVX-512F, 8 with AVX2 + FMA,
    /// null (no blocked layout, e.g. ARM) otherwise.</summary>
    internal static int? NchwcBlock() =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? 16
        : System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported ? 8
        : null;

    internal static Model MatMulChain(int n, int count)
    {
        var weights = Enumerable.Range(0, count).ToDictionary(i => $"w{i}", i => new TensorDescriptor { Name = $"w{i}", DataType = DataType.Float, Dims = [n, n] });
        var nodes = Enumerable.Range(0, count)
            .Select(i => Node($"matmul_{i}", "MatMul", [i == 0 ? "x" : $"t{i}", $"w{i}"], [i == count - 1 ? "y" : $"t{i + 1}"]))
            .ToArray();
        return Build("calibrate_matmul", nodes, [n, n], [n, n], weights);
    }

    internal static Model StreamAdd(int elements)
    {
        var b = new TensorDescriptor { Name = "b", DataType = DataType.Float, Dims = [elements] };
        return Build("calibrate_stream", [Node("add", "Add", ["x", "b"], ["y"])], [elements], [elements], new() { ["b"] = b });
    }

    internal static Model ReluChain(int count)
    {
        var nodes = Enumerable.Range(0, count)
            .Select(i => Node($"relu_{i}", "Relu", [i == 0 ? "x" : $"t{i}"], [i == count - 1 ? "y" : $"t{i + 1}"]))
            .ToArray();
        return Build("calibrate_overhead", nodes, [1, 16], [1, 16], []);
    }

    private static Node Node(string name, string op, string[] inputs, string[] outputs) =>
        new(name, op, string.Empty, inputs, outputs, new Dictionary<string, AttributeValue>());

    private static Model Build(string name, Node[] nodes, long[] input, long[] output, Dictionary<string, TensorDescriptor> initializers) =>
        new(new Graph.Graph(name, nodes, [new ValueInfo("x", DataType.Float, new TensorShape(input))],
            [new ValueInfo("y", DataType.Float, new TensorShape(output))], initializers), new Dictionary<string, long> { [string.Empty] = 17 }, name: name);

    private static double Best(Model model, long[] inputShape, CalibrateOptions options, CancellationToken cancellationToken)
    {
        using var sessionOptions = OrtSessions.Create(GraphOptimization.None, options.Threads, "cpu");
        using var session = new InferenceSession(OnnxWriter.Write(model), sessionOptions);
        var elements = (int)inputShape.Aggregate(1L, (a, d) => a * d);
        var data = new float[elements];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (i % 7) * 0.125f;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(data, inputShape);
        using var runOptions = new RunOptions();
        string[] names = ["x"];
        OrtValue[] values = [input];
        string[] outputs = ["y"];
        for (var i = 0; i < 2; i++)
        {
            OnnxModelBenchmark.Run(session, runOptions, names, values, outputs);
        }

        var best = double.MaxValue;
        var clock = Stopwatch.StartNew();
        for (var runs = 0; runs < 3 || clock.Elapsed < options.DurationPerProbe; runs++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            OnnxModelBenchmark.Run(session, runOptions, names, values, outputs);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }
}
