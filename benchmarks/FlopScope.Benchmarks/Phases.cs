using System.Diagnostics;
using System.Globalization;
using FlopScope.Onnx;
using FlopScope.Profiling;

namespace FlopScope.Benchmarks;

/// <summary><c>phases MODEL [--dim NAME=VALUE]</c> (PHASES_LIVE=1: also the live heap after each phase): where one profile's time goes inside the process, cold (first call,
/// JIT included) and warm (second call): runtime start-up until Main, loading (parse) and profiling (analysis).</summary>
internal static class Phases
{
    public static int Run(string[] args)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var dims = new Dictionary<string, long>();
        for (var i = 2; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--dim")
            {
                var parts = args[i + 1].Split('=');
                dims[parts[0]] = long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        var registryWatch = Stopwatch.StartNew();
        var registry = FlopScope.Operators.OperatorRegistry.CreateDefault();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"operator registry (cold): {registryWatch.Elapsed.TotalMilliseconds:F1} ms, {registry.Operators.Count} ops"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process start to Main: {sinceStart.TotalMilliseconds:F0} ms"));
        for (var round = 1; round <= 3; round++)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var model = OnnxModel.Load(args[1]);
            var load = watch.Elapsed.TotalMilliseconds;
            var loadAllocated = GC.GetTotalAllocatedBytes() - allocated;
            var loadCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var modelLive = Environment.GetEnvironmentVariable("PHASES_LIVE") is null ? 0 : GC.GetTotalMemory(true);
            allocated = GC.GetTotalAllocatedBytes();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            var report = model.Profile(new ProfileOptions { Dims = dims, Registry = registry });
            var profile = watch.Elapsed.TotalMilliseconds;
            var profileAllocated = GC.GetTotalAllocatedBytes() - allocated;
            var profileCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var reportLive = Environment.GetEnvironmentVariable("PHASES_LIVE") is null ? 0 : GC.GetTotalMemory(true);
            GC.KeepAlive(model);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: load {load:F1} ms wall, {loadCpu:F0} ms CPU ({loadAllocated / 1048576.0:F0} MiB allocated, {modelLive / 1048576.0:F0} MiB live), profile {profile:F1} ms wall, {profileCpu:F0} ms CPU ({profileAllocated / 1048576.0:F0} MiB allocated, {reportLive / 1048576.0:F0} MiB live with the model; {report.Summary.Nodes} nodes, {report.Summary.Parameters.Total:N0} parameters); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        }

        return 0;
    }
}
