namespace FlopScope.Kernels;

/// <summary>
/// Applies a runtime's <see cref="CallReorderRule"/> (docs/estimator.md, "PyTorch eager on CPUs: per-call
/// reorders"): before each convolution kernel of the rule's classes that takes the oneDNN path, one ReorderSrc kernel
/// (reads and writes its activation input) and one ReorderWeights kernel (reads and writes its weight tensor); after it,
/// one ReorderDst kernel (reads and writes what the convolution writes). A convolution PyTorch runs natively (batch 1,
/// one group, a kernel not larger than 3 in both directions, so 1x7 and 7x1 stay native and 5x5 does not, input of at
/// most <see cref="CallReorderRule.NativeMaxInputElements"/> elements) gets none.
/// </summary>
internal static class CallReorders
{
    /// <summary>The <see cref="Kernel.Rule"/> of a per-call reorder kernel.</summary>
    public const string Rule = "call-reorder";

    /// <summary><paramref name="kernels"/> with the reorders of <paramref name="rule"/> inserted around its convolutions.</summary>
    public static List<Kernel> Apply(GraphView view, RuntimeProfile runtime, CallReorderRule rule, List<Kernel> kernels)
    {
        var result = new List<Kernel>(kernels.Count);
        foreach (var kernel in kernels)
        {
            var conv = kernel.Nodes.FirstOrDefault(n => view.Op(n) is "Conv" or "ConvTranspose", -1);
            if (!rule.Classes.Contains(kernel.Class) || conv < 0 || view.Layers[conv].Node is not { Inputs.Count: >= 2 } node
                || view.Tensor(node.Inputs[0]) is not { } src || view.Tensor(node.Inputs[1]) is not { } weights)
            {
                result.Add(kernel);
                continue;
            }

            var group = node.Attributes.TryGetValue("group", out var g) ? g.Int : 1;
            var spatial = weights.Dims.Skip(2).ToList();
            var largeKernel = spatial.Count >= 2 && spatial.All(k => k > 3);
            var batch = src.Dims.Count > 0 ? src.Dims[0] : 1;
            if (group == 1 && !largeKernel && batch <= 1 && src.Elements <= rule.NativeMaxInputElements)
            {
                result.Add(kernel);
                continue;
            }

            result.Add(KernelDetector.Inserted(runtime, "ReorderSrc", Rule, kernel.Layer, src.Bytes));
            // The weights come from wherever the model's weights live between inferences (Kernel.WeightBytes).
            result.Add(KernelDetector.Inserted(runtime, "ReorderWeights", Rule, kernel.Layer, weights.Bytes) with { WeightBytes = weights.Bytes });
            result.Add(kernel);
            result.Add(KernelDetector.Inserted(runtime, "ReorderDst", Rule, kernel.Layer, kernel.BytesWritten));
        }

        return result;
    }
}
