using System.Diagnostics;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Llm;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Runtime;

/// <summary>Measured prefill and per-token decode of an ONNX decoder in ONNX Runtime.</summary>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="PrefillMs">Median prefill time over the runs.</param>
/// <param name="Decode">Per-token decode times (one per generated token after the first), context growing.</param>
public sealed record DecoderBenchReport(long Prompt, double PrefillMs, LatencyStats Decode);

/// <summary>
/// Runs a decoder the way generation does: prefill of the prompt into an empty cache, then one token at a time with
/// the <c>present.*</c> outputs fed back as the <c>past_key_values.*</c> inputs (ONNX Runtime values passed through,
/// never copied), timing prefill and each decode step separately. Token ids are zeros: timing does not depend on them.
/// </summary>
public static class DecoderBenchmark
{
    /// <summary>Measures <paramref name="path"/>: <paramref name="runs"/> generations of <paramref name="generate"/>
    /// tokens after <paramref name="prompt"/>, after one warm-up generation.</summary>
    public static DecoderBenchReport Run(string path, long prompt, int generate, int runs = 3, int? threads = null, GraphOptimization optimization = GraphOptimization.All)
    {
        if (prompt < 1 || generate < 2 || runs < 1)
        {
            throw new FlopScopeException("A decode benchmark needs a prompt of 1 or more, at least 2 generated tokens and 1 run.");
        }

        var graph = OnnxModel.Load(path, findTiedTensors: false).Model.Graph;
        var decoder = OnnxDecoder.Find(graph) ?? throw new FlopScopeException($"{path}: no 'input_ids' input; not a decoder.");
        var past = decoder.CacheInputs;
        if (past.Count == 0)
        {
            throw new FlopScopeException($"{path}: no past_key_values inputs to feed the cache back into.");
        }

        var present = past.Select(p => PresentName(graph, p.Name)).ToArray();
        using var options = OrtSessions.Create(optimization, threads, "cpu");
        using var session = new InferenceSession(path, options);
        using var runOptions = new RunOptions();
        var inputNames = graph.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var outputs = session.OutputNames.Where(o => o == "logits" || present.Contains(o)).ToArray();

        var prefills = new List<double>();
        var steps = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var (prefillMs, stepMs) = Generate(session, runOptions, decoder, inputNames, past, present, outputs, prompt, generate);
            if (run > 0)
            {
                prefills.Add(prefillMs);
                steps.AddRange(stepMs);
            }
        }

        return new DecoderBenchReport(prompt, LatencyStats.From(prefills).MedianMs, LatencyStats.From(steps));
    }

    private static (double Prefill, List<double> Steps) Generate(InferenceSession session, RunOptions runOptions, OnnxDecoder decoder, HashSet<string> inputNames,
        IReadOnlyList<ValueInfo> past, string[] present, string[] outputs, long prompt, int generate)
    {
        var shapes = decoder.Bind(prompt, 0, 1);
        var cache = past.Select(p => OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), shapes[p.Name])).ToArray();
        IDisposableReadOnlyCollection<OrtValue>? previous = null;
        var steps = new List<double>();
        double prefill = 0;
        try
        {
            for (var step = 0; step < generate; step++)
            {
                var newTokens = step == 0 ? prompt : 1;
                var context = step == 0 ? 0 : prompt + step - 1;
                var names = new List<string>();
                var values = new List<OrtValue>();
                var owned = new List<OrtValue>();
                void Add(string name, OrtValue value, bool own)
                {
                    names.Add(name);
                    values.Add(value);
                    if (own)
                    {
                        owned.Add(value);
                    }
                }

                Add("input_ids", OrtValue.CreateTensorValueFromMemory(new long[newTokens], [1, newTokens]), own: true);
                if (inputNames.Contains("attention_mask"))
                {
                    Add("attention_mask", OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, (int)(context + newTokens)).ToArray(), [1, context + newTokens]), own: true);
                }

                if (inputNames.Contains("position_ids"))
                {
                    Add("position_ids", OrtValue.CreateTensorValueFromMemory(Enumerable.Range((int)context, (int)newTokens).Select(i => (long)i).ToArray(), [1, newTokens]), own: true);
                }

                for (var i = 0; i < past.Count; i++)
                {
                    Add(past[i].Name, previous is null ? cache[i] : previous[Array.IndexOf(outputs, present[i])], own: false);
                }

                var start = Stopwatch.GetTimestamp();
                var results = session.Run(runOptions, names, values, outputs);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (step == 0)
                {
                    prefill = ms;
                }
                else
                {
                    steps.Add(ms);
                }

                previous?.Dispose();
                previous = results;
                owned.ForEach(v => v.Dispose());
            }
        }
        finally
        {
            previous?.Dispose();
            foreach (var c in cache)
            {
                c.Dispose();
            }
        }

        return (prefill, steps);
    }

    /// <summary>
    /// <c>flopscope bench --prompt P</c> on a decoder: a bench of the prefill (P tokens, empty cache) as the document,
    /// with <see cref="BenchReport.Phases"/> holding a bench of one decode step after <paramref name="context"/> cached
    /// tokens (default P) and a generation loop of <paramref name="generate"/> tokens with the cache fed back. Both
    /// benches use <paramref name="options"/> (warm-up, runs, threads, layer runs); the loop times three generations.
    /// </summary>
    /// <exception cref="FlopScopeException">Not a decoder with past_key_values inputs, or bad phase sizes.</exception>
    public static BenchReport BenchPhases(OnnxModel model, BenchOptions options, long prompt, long? context, int generate,
        IProgress<BenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var path = model.Path ?? throw new FlopScopeException("bench needs the model file: this model was loaded from bytes.");
        var decoder = OnnxDecoder.Find(model.Model.Graph) ?? throw new FlopScopeException($"{model.Model.Name}: --prompt needs a decoder (an 'input_ids' input).");
        if (decoder.CacheInputs.Count == 0)
        {
            throw new FlopScopeException($"{model.Model.Name}: --prompt measures prefill and decode separately, which needs past_key_values inputs; this decoder has none.");
        }

        if (options.Provider != "cpu")
        {
            throw new FlopScopeException($"--prompt runs the generation loop on the cpu provider only (got '{options.Provider}').");
        }

        var cached = context ?? prompt;
        BenchOptions At(long newTokens, long past)
        {
            var shapes = new Dictionary<string, long[]>(options.Profile.InputShapes, StringComparer.Ordinal);
            foreach (var (name, shape) in decoder.Bind(newTokens, past, 1))
            {
                shapes[name] = shape;
            }

            return options with { Profile = options.Profile with { InputShapes = shapes } };
        }

        var prefill = model.Benchmark(At(prompt, 0), progress, cancellationToken);
        var step = model.Benchmark(At(1, cached), progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        const int Generations = 3;
        progress?.Report(new BenchProgress("generation loop", 0, Generations + 1));
        var loop = Run(path, prompt, generate, Generations, options.Threads, options.Optimization);
        return prefill with
        {
            Phases = new DecoderPhases
            {
                Prompt = prompt,
                Context = cached,
                Generate = generate,
                DecodeStep = step,
                Loop = new DecodeLoop { Generations = Generations, PrefillMs = loop.PrefillMs, Decode = loop.Decode },
            },
        };
    }

    /// <summary>The output that carries <paramref name="pastName"/>'s updated cache: <c>present.N.key</c> for
    /// <c>past_key_values.N.key</c>, <c>present_key_N</c> for <c>past_key_N</c>.</summary>
    private static string PresentName(Graph.Graph graph, string pastName)
    {
        string[] candidates = [pastName.Replace("past_key_values", "present", StringComparison.Ordinal), pastName.Replace("past", "present", StringComparison.Ordinal)];
        return candidates.FirstOrDefault(c => graph.Outputs.Any(o => o.Name == c))
            ?? throw new FlopScopeException($"No present output for cache input '{pastName}' (looked for {string.Join(", ", candidates)}).");
    }
}
