using System.Globalization;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;

namespace FlopScope.Runtime.Remote;

/// <summary>Benchmarks a model on a remote machine over SSH: the remote flopscope measures, this side joins the result
/// with the local static profile exactly as a local bench does (<see cref="OnnxModelBenchmark.Join"/>).</summary>
/// <example>
/// <code>
/// var model = OnnxModel.Load("resnet18.onnx");
/// var report = await RemoteBench.RunAsync(model, new BenchOptions { Runs = 50 }, SshHost.Parse("pi@raspberrypi.local"), new SshOptions());
/// Console.WriteLine($"{report.Host}: median {report.Latency.MedianMs:F2} ms");
/// </code>
/// </example>
public static class RemoteBench
{
    private const string ResultFile = "flopscope-result.json";

    /// <summary>
    /// Copies the model (and its external-data and input files) to a temporary folder on <paramref name="host"/>, runs
    /// <c>flopscope bench --format json</c> there, brings the document back, removes the folder, and joins the result
    /// with <paramref name="profile"/> (computed here when null) and <paramref name="device"/>.
    /// </summary>
    /// <param name="model">The model, loaded from a file.</param>
    /// <param name="options">Bench options; they are passed to the remote flopscope as its flags.</param>
    /// <param name="host">The host.</param>
    /// <param name="ssh">How to reach it.</param>
    /// <param name="device">Device to estimate on, next to the measurement; null for none.</param>
    /// <param name="profile">The static profile of <paramref name="model"/> at <paramref name="options"/>' sizes, when
    /// already computed.</param>
    /// <param name="remoteOrtLibrary">A native ONNX Runtime library on the remote (its --ort-library); null for its own.</param>
    /// <param name="log">Receives the remote's progress lines (its stderr).</param>
    /// <param name="cancellationToken">Stops the remote run too.</param>
    /// <exception cref="RemoteException">Any failure, as one line naming the host.</exception>
    public static async Task<BenchReport> RunAsync(OnnxModel model, BenchOptions options, SshHost host, SshOptions ssh, DeviceProfile? device = null,
        ProfileReport? profile = null, string? remoteOrtLibrary = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ssh);
        options.Validate();
        var path = model.Path ?? throw new FlopScopeException("bench --host needs the model file: this model was loaded from bytes.");
        profile ??= model.Profile(options.Profile);
        var files = FilesOf(model, path, options, out var inputFiles);
        var arguments = new List<string> { "bench", Path.GetFileName(path) };
        arguments.AddRange(Arguments(options with { InputFiles = inputFiles }, remoteOrtLibrary));
        arguments.AddRange(["--format", "json", "--output", ResultFile]);

        var machine = new RemoteMachine(host, ssh, log);
        var json = await RemoteRun.ExecuteAsync(machine, files, arguments, ResultFile, cancellationToken).ConfigureAwait(false);
        BenchReport measured;
        try
        {
            measured = BenchReport.Deserialize(json);
        }
        catch (FlopScopeException e)
        {
            throw new RemoteException(host.Target, $"the remote flopscope's result is not a {BenchReport.SchemaId} document ({e.Message}); use the same flopscope version on both sides");
        }

        if (measured.Layers is { } layers && layers.Layers.Count != profile.Layers.Count)
        {
            throw new RemoteException(host.Target, $"the remote flopscope profiles the model differently ({layers.Layers.Count} layers there, {profile.Layers.Count} here); use the same flopscope version on both sides");
        }

        return OnnxModelBenchmark.Join(measured with { Machine = measured.Machine with { Host = host.Target } }, profile, device);
    }

    /// <summary>The remote flopscope's flags for <paramref name="options"/> (everything but the device, which is
    /// estimated here).</summary>
    public static IReadOnlyList<string> Arguments(BenchOptions options, string? remoteOrtLibrary = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var a = new List<string> { "--warmup", options.Warmup.ToString(c) };
        if (options.Runs is { } runs)
        {
            a.AddRange(["--runs", runs.ToString(c)]);
        }

        if (options.Duration is { } duration)
        {
            a.AddRange(["--duration", duration.TotalSeconds.ToString("R", c)]);
        }

        if (options.Threads is { } threads)
        {
            a.AddRange(["--threads", threads.ToString(c)]);
        }

        a.AddRange(["--graph-optimization", options.Optimization.ToString().ToLowerInvariant(), "--provider", options.Provider, "--layer-runs", options.LayerRuns.ToString(c)]);
        foreach (var (key, value) in options.ProviderOptions)
        {
            a.AddRange(["--provider-option", $"{key}={value}"]);
        }

        if (remoteOrtLibrary is not null)
        {
            a.AddRange(["--ort-library", remoteOrtLibrary]);
        }

        if (options.SkipMemoryCheck)
        {
            // The memory check is the remote's own, against its memory.
            a.Add("--no-memory-check");
        }

        var p = options.Profile;
        if (p.ImageSize is { } size)
        {
            a.AddRange(["--imgsz", $"{size.Height.ToString(c)},{size.Width.ToString(c)}"]);
        }

        if (p.Batch is { } batch)
        {
            a.AddRange(["--batch", batch.ToString(c)]);
        }

        foreach (var (name, value) in p.Dims)
        {
            a.AddRange(["--dim", $"{name}={value.ToString(c)}"]);
        }

        foreach (var (name, shape) in p.InputShapes)
        {
            a.AddRange(["--input", $"{name}={string.Join("x", shape.Select(d => d.ToString(c)))}"]);
        }

        a.AddRange(["--convention", ConventionText.Name(p.Convention), "--depth", p.ModuleDepth.ToString(c)]);
        if (p.Precision is { } precision)
        {
            a.AddRange(["--precision", Memory.ElementSize.Name(precision)]);
        }

        foreach (var (name, file) in options.InputFiles)
        {
            a.AddRange(["--input-file", $"{name}={file}"]);
        }

        return a;
    }

    /// <summary>The model, its external-data files (at their relative places) and the input files (under inputs/).</summary>
    private static List<(string Local, string Relative)> FilesOf(OnnxModel model, string path, BenchOptions options, out Dictionary<string, string> remoteInputs)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var files = new List<(string Local, string Relative)> { (Path.GetFullPath(path), Path.GetFileName(path)) };
        foreach (var location in model.Model.Graph.Initializers.Values.Where(t => t.IsExternal && t.ExternalLocation is not null).Select(t => t.ExternalLocation!).Distinct())
        {
            var relative = location.Replace('\\', '/');
            if (Path.IsPathRooted(relative) || relative.Split('/').Contains(".."))
            {
                throw new FlopScopeException($"bench --host: external data location '{location}' points outside the model's folder; it cannot be copied.");
            }

            var local = Path.Combine(directory, relative);
            if (!File.Exists(local))
            {
                throw new FlopScopeException($"bench needs the weight data; profile does not: external data file '{local}' is missing.");
            }

            files.Add((local, relative));
        }

        remoteInputs = [];
        var index = 0;
        foreach (var (name, file) in options.InputFiles)
        {
            if (!File.Exists(file))
            {
                throw new FlopScopeException($"--input-file {name}: '{file}' does not exist.");
            }

            var relative = $"inputs/{index++.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(file)}";
            files.Add((Path.GetFullPath(file), relative));
            remoteInputs[name] = relative;
        }

        return files;
    }
}
