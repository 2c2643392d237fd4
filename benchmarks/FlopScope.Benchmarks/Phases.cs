using System.Diagnostics;
using System.Globalization;
using FlopScope.Onnx;
using FlopScope.Profiling;

namespace FlopScope.Benchmarks;

/// <summary><c>phases MODEL [--dim NAME=VALUE]</c>: where one profile's time goes inside the process, cold (first call,
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
            var watch = Stopwatch.StartNew();
            var model = OnnxModel.Load(args[1]);
            var load = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var report = model.Profile(new ProfileOptions { Dims = dims, Registry = registry });
            var profile = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: load {load:F1} ms, profile {profile:F1} ms ({report.Summary.Nodes} nodes, {report.Summary.Parameters.Total:N0} parameters)"));
        }

        return 0;
    }
}
