using System.Diagnostics;
using FlopScope.Onnx.Writing;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime.Calibration;

/// <summary>
/// Times a probe as bench times a model (ONNX Runtime CPU, graph optimization all, the given threads, median), with
/// one difference: a sample is as many back-to-back runs as fill <see cref="SampleSeconds"/>, and the time per run is
/// the sample's time divided by its runs. A probe run of 50 us would otherwise fit between two time slices of the
/// scheduler and see none of what slows a model's 20 ms run on a shared or throttling machine; a sample as long as a
/// model's run sees the same.
/// </summary>
internal static class ProbeTimer
{
    /// <summary>Length of one timed sample, s.</summary>
    public const double SampleSeconds = 0.02;

    /// <summary>Median seconds per run of <paramref name="probe"/> over samples filling <paramref name="duration"/>
    /// (at least 3 samples, after 2 warm-up runs).</summary>
    public static double MedianSeconds(MicroBenchmark probe, int? threads, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var sessionOptions = OrtSessions.Create(GraphOptimization.All, threads, "cpu");
        using var session = new InferenceSession(OnnxWriter.Write(probe.Model), sessionOptions);
        var elements = (int)probe.InputShape.Aggregate(1L, (a, d) => a * d);
        var data = new float[elements];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (i % 7) * 0.125f;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(data, probe.InputShape);
        using var runOptions = new RunOptions();
        string[] names = ["x"];
        OrtValue[] values = [input];
        var outputs = session.OutputNames.ToArray();
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 2; i++)
        {
            OnnxModelBenchmark.Run(session, runOptions, names, values, outputs);
        }

        var perRun = Math.Max(warm.Elapsed.TotalSeconds / 2, 1e-7);
        var runs = (int)Math.Clamp(Math.Ceiling(SampleSeconds / perRun), 1, 100_000);
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        while (samples.Count < 3 || clock.Elapsed < duration)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < runs; r++)
            {
                OnnxModelBenchmark.Run(session, runOptions, names, values, outputs);
            }

            samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / runs);
        }

        return EfficiencyFit.Median(samples);
    }
}
