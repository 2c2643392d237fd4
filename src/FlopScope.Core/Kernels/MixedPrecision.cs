using FlopScope.Hardware;

namespace FlopScope.Kernels;

/// <summary>
/// An INT8 engine is a mixed-precision engine (docs/estimator.md, "INT8 engines"): under a runtime with
/// <see cref="RuntimeProfile.Int8Classes"/>, a model judged at int8 runs only the kernels of those classes in INT8
/// (TensorRT's implicit quantization keeps a layer in INT8 where an INT8 implementation is faster: convolutions and
/// matrix products); every other kernel runs in FP16 (<see cref="Kernel.Precision"/>): its floating-point tensors
/// move two bytes per element and it computes at the FP16 rate. A tensor an FP16 kernel writes and an INT8 kernel
/// reads is converted by one reformat kernel (data movement: reads it at two bytes, writes it at one); an INT8
/// kernel whose output only FP16 kernels read writes it in FP16 itself (INT8 convolutions with a higher-precision
/// output), so no reformat. The graph's own inputs are left as the harness feeds them.
/// </summary>
internal static class MixedPrecision
{
    /// <summary>Applies the rule when <paramref name="precision"/> is int8 and the runtime names INT8 classes;
    /// otherwise returns <paramref name="kernels"/> unchanged.</summary>
    public static List<Kernel> Apply(GraphView view, RuntimeProfile runtime, Precision precision, List<Kernel> kernels)
    {
        if (precision != Precision.Int8 || runtime.Int8Classes.Count == 0)
        {
            return kernels;
        }

        bool IsInt8(Kernel k) => runtime.Int8Classes.Contains(k.Class);
        var kernelOf = new Dictionary<int, int>();
        for (var k = 0; k < kernels.Count; k++)
        {
            foreach (var n in kernels[k].Nodes)
            {
                kernelOf[n] = k;
            }
        }

        // Floating-point tensors judged at int8 take one byte per element (integer tensors keep their wider size).
        long Fp16Extra(string tensor) => view.Tensor(tensor) is { } t && t.Bytes == t.Elements ? t.Elements : 0;
        List<int> ConsumerKernels(string tensor) => view.Consumers(tensor).Where(kernelOf.ContainsKey).Select(c => kernelOf[c]).Distinct().ToList();

        var result = new List<Kernel>();
        var reformatted = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < kernels.Count; k++)
        {
            var kernel = kernels[k];
            if (kernel.Nodes.Count == 0)
            {
                result.Add(kernel);
                continue;
            }

            var members = kernel.Nodes.ToHashSet();
            var produced = kernel.Nodes.SelectMany(view.Outputs).Select(view.Resolve).ToHashSet(StringComparer.Ordinal);
            var inputs = kernel.Nodes.SelectMany(n => view.Layers[n].Node?.Inputs ?? []).Where(x => x.Length > 0).Select(view.Resolve)
                .Where(t => !produced.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            var outputs = kernel.Nodes.SelectMany(view.Outputs).Select(view.Resolve)
                .Where(t => view.IsGraphOutput(t) || view.Consumers(t).Any(c => !members.Contains(c))).Distinct(StringComparer.Ordinal).ToList();
            if (IsInt8(kernel))
            {
                foreach (var t in inputs)
                {
                    var producer = view.Producer(t);
                    if (producer >= 0 && kernelOf.TryGetValue(producer, out var pk) && !IsInt8(kernels[pk]) && reformatted.Add(t))
                    {
                        var extra = Fp16Extra(t);
                        result.Add(KernelDetector.Inserted(runtime, "Reformat", "reformat", kernel.Layer, extra) with { BytesRead = 2 * extra });
                    }
                }

                var fp16Out = outputs.Where(t => !view.IsGraphOutput(t) && ConsumerKernels(t).Where(c => c != k).ToList() is { Count: > 0 } cs && cs.All(c => !IsInt8(kernels[c])))
                    .Sum(Fp16Extra);
                result.Add(kernel with { BytesWritten = kernel.BytesWritten + fp16Out });
            }
            else
            {
                var extraRead = inputs.Sum(Fp16Extra);
                var extraWritten = outputs.Sum(Fp16Extra);
                result.Add(kernel with { Precision = Precision.Fp16, BytesRead = kernel.BytesRead + extraRead, BytesWritten = kernel.BytesWritten + extraWritten });
            }
        }

        return result;
    }
}
