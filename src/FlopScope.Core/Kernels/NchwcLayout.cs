namespace FlopScope.Kernels;

/// <summary>
/// ONNX Runtime's NCHWc layout pass as kernel detection models it (docs/estimator.md, "NCHWc layout"): 2-D
/// convolutions whose input channels are below one block or a multiple of <see cref="LayoutRule.ChannelAlignment"/>
/// (depthwise: channels a multiple of it) run blocked; BatchNormalization, unary elementwise ops, same-shape Add/Mul,
/// Resize and channel Concat of blocked tensors stay blocked, and so do pools whose channels fill whole blocks. A blocked
/// tensor read by anything else, or returned to the caller, gets one ReorderOutput kernel; an unblocked tensor of a
/// block or more of channels read by a blocked convolution gets one ReorderInput kernel. A grouped convolution left out
/// of the blocked layout runs MLAS's generic path (im2col + GEMM per group): a <see cref="KernelClass.GroupedIm2Col"/>.
/// </summary>
internal static class NchwcLayout
{
    private static readonly HashSet<string> Pools = ["MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"];

    public static List<Kernel> Apply(GraphView view, RuntimeProfile runtime, LayoutRule layout, List<Kernel> kernels)
    {
        var block = layout.BlockChannels;
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var reorderedIn = new HashSet<string>(StringComparer.Ordinal);
        var reorderedOut = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Kernel>();
        Kernel Reorder(string op, string tensor, int layer)
        {
            var bytes = view.Tensor(tensor)?.Bytes ?? 0;
            return KernelDetector.Inserted(runtime, op, "layout", layer, bytes);
        }

        foreach (var kernel in kernels)
        {
            if (kernel.Nodes.Count == 0)
            {
                result.Add(kernel);
                continue;
            }

            var members = kernel.Nodes.ToHashSet();
            var produced = kernel.Nodes.SelectMany(view.Outputs).Select(view.Resolve).ToHashSet(StringComparer.Ordinal);
            var inputs = kernel.Nodes.SelectMany(view.ComputedInputs).Where(t => !produced.Contains(t)).Distinct().ToList();
            var outputs = kernel.Nodes.SelectMany(view.Outputs).Select(view.Resolve)
                .Where(t => view.IsGraphOutput(t) || view.Consumers(t).Any(c => !members.Contains(c))).Distinct().ToList();
            var first = kernel.Nodes[0];
            var op = view.Op(first);
            var data = inputs.FirstOrDefault();
            long Channels(string? t) => t is not null && view.Tensor(t) is { Dims.Count: 4 } info ? info.Dims[1] : -1;
            bool Blocked(string? t) => t is not null && blocked.Contains(t);
            var reorderInputs = new List<string>();
            bool runsBlocked;
            if (op == "Conv" && Channels(data) > 0)
            {
                var cin = Channels(data);
                var group = view.Layers[first].Node is { } node && node.Attributes.TryGetValue("group", out var g) ? g.Int : 1;
                runsBlocked = group == 1 ? cin < block || cin % layout.ChannelAlignment == 0
                    : group == cin && cin % layout.ChannelAlignment == 0;
                if (runsBlocked)
                {
                    reorderInputs.AddRange(inputs.Where(t => !Blocked(t) && (t != data || cin >= block)));
                    if (cin < block && Blocked(data) && reorderedOut.Add(data!))
                    {
                        // Fewer channels than a block: the convolution reads the plain NCHW tensor.
                        result.Add(Reorder("ReorderOutput", data!, kernel.Layer));
                    }
                }
            }
            else
            {
                runsBlocked = inputs.Count > 0 && inputs.All(Blocked) && op switch
                {
                    "BatchNormalization" or "Resize" or "Upsample" => true,
                    _ when Pools.Contains(op) => Channels(data) % block == 0,
                    "Concat" => view.Layers[first].Node?.Attributes.TryGetValue("axis", out var axis) == true && axis.Int == 1 && inputs.All(t => Channels(t) % block == 0),
                    "Add" or "Mul" or "Sum" => inputs.Select(t => string.Join("x", view.Tensor(t)?.Dims ?? [])).Distinct().Count() == 1,
                    _ => kernel.Class == KernelClass.Elementwise && inputs.Count == 1,
                };
            }

            var ran = kernel;
            if (runsBlocked)
            {
                result.AddRange(reorderInputs.Where(reorderedIn.Add).Select(t => Reorder("ReorderInput", t, kernel.Layer)));
                blocked.UnionWith(outputs);
                ran = Padded(kernel, op == "Conv" ? Channels(data) : -1, Channels(outputs.FirstOrDefault() ?? data), block);
            }
            else
            {
                result.AddRange(inputs.Where(t => Blocked(t) && reorderedOut.Add(t)).Select(t => Reorder("ReorderOutput", t, kernel.Layer)));
            }

            // A grouped convolution left out of the blocked layout runs MLAS's generic path: im2col + GEMM per group.
            result.Add(op == "Conv" && !runsBlocked && kernel.Class == KernelClass.DepthwiseConv ? kernel with { Class = KernelClass.GroupedIm2Col } : ran);
            result.AddRange(outputs.Where(t => runsBlocked && view.IsGraphOutput(t) && reorderedOut.Add(t)).Select(t => Reorder("ReorderOutput", t, kernel.Layer)));
        }

        return result;
    }

    /// <summary>
    /// A blocked kernel as it runs: MLAS keeps a blocked tensor's channels padded up to a whole block and its kernels
    /// work on whole blocks (nchwc_transformer.cc rounds a convolution's output channels up to the block and reorders the
    /// filter to match), so a kernel on 24 channels with blocks of 16 computes and moves 32. A convolution reading fewer
    /// channels than a block reads the plain tensor (no input padding); a depthwise one pads its channels once.
    /// </summary>
    /// <param name="kernel">The kernel as detected (the model's own channels).</param>
    /// <param name="inputChannels">A convolution's input channels, or -1 for any other kernel.</param>
    /// <param name="outputChannels">Channels of the kernel's output (or input), -1 when unknown.</param>
    /// <param name="block">Channels per block.</param>
    internal static Kernel Padded(Kernel kernel, long inputChannels, long outputChannels, int block)
    {
        static double Factor(long channels, int block) => channels > 0 ? (double)((channels + block - 1) / block * block) / channels : 1;
        var output = Factor(outputChannels, block);
        var depthwise = kernel.Class == KernelClass.DepthwiseConv;
        var input = inputChannels < 0 ? output : depthwise || inputChannels < block ? 1 : Factor(inputChannels, block);
        var compute = inputChannels < 0 ? output : output * input;
        if (compute == 1 && input == 1)
        {
            return kernel;
        }

        // A hostile model's figures can sit near the 64-bit limit: padding them must fail in one line, not wrap.
        long Scale(long value, double factor) => Safety.CheckedMath.ToInt64(Math.Round(value * factor), $"kernel '{kernel.Op}' on padded channels");
        return kernel with
        {
            Flops = Scale(kernel.Flops, compute),
            BytesRead = Scale(kernel.BytesRead, input),
            WeightBytes = Scale(kernel.WeightBytes, input),
            BytesWritten = Scale(kernel.BytesWritten, output),
            PassBytes = Scale(kernel.PassBytes, output),
            OutputElements = Scale(kernel.OutputElements, output),
            ReductionDepth = Scale(kernel.ReductionDepth, input),
        };
    }
}
