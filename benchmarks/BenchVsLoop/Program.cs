// Compares `flopscope bench`'s median with a minimal hand-written ONNX Runtime loop on the same model, session
// options and inputs. Rounds alternate (loop, bench, loop, bench...) so drift on a shared machine hits both alike.
// Usage: BenchVsLoop MODEL.onnx[.gz] [threads=2] [runs=50] [rounds=3] [optimization=all]
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using FlopScope.Onnx;
using FlopScope.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var path = args[0];
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
var level = args.Length > 4 ? OrtSessions.ParseLevel(args[4]) : GraphOptimization.All;

var model = OnnxModel.Load(path);
var options = new BenchOptions { Warmup = 5, Runs = runs, Threads = threads, Optimization = level, LayerRuns = 0 };
var bound = model.Profile(options.Profile).Inputs;

double Loop()
{
    byte[] bytes;
    using (var file = File.OpenRead(path))
    using (var memory = new MemoryStream())
    {
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            gzip.CopyTo(memory);
        }
        else
        {
            file.CopyTo(memory);
        }

        bytes = memory.ToArray();
    }

    using var so = new SessionOptions
    {
        IntraOpNumThreads = threads,
        GraphOptimizationLevel = level switch
        {
            GraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
            GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        },
    };
    using var session = new InferenceSession(bytes, so);
    var values = bound.Select(b => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)(int)b.DataType, b.Shape.ToArray())).ToArray();
    var names = bound.Select(b => b.Name).ToArray();
    var outputs = session.OutputNames.ToArray();
    using var ro = new RunOptions();
    for (var i = 0; i < 5; i++)
    {
        using var r = session.Run(ro, names, values, outputs);
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var start = Stopwatch.GetTimestamp();
        using (var r = session.Run(ro, names, values, outputs))
        {
        }

        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    foreach (var v in values)
    {
        v.Dispose();
    }

    return LatencyStats.From(times).MedianMs;
}

var loops = new List<double>();
var benches = new List<double>();
for (var round = 0; round < rounds; round++)
{
    loops.Add(Loop());
    benches.Add(model.Benchmark(options).Latency.MedianMs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: loop median {loops[^1]:F3} ms, flopscope bench median {benches[^1]:F3} ms"));
}

var loop = LatencyStats.From(loops).MedianMs;
var bench = LatencyStats.From(benches).MedianMs;
var diff = (bench - loop) / loop * 100;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Path.GetFileName(path)}: loop {loop:F3} ms, bench {bench:F3} ms, difference {diff:+0.0;-0.0}% ({threads} threads, optimization {level.ToString().ToLowerInvariant()}, {runs} runs x {rounds} rounds)"));
return Math.Abs(diff) <= 5 ? 0 : 1;
