using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Profiling;

/// <summary>
/// Static exports (Ultralytics' default) fix every input dimension, so the graph's Reshape targets only fit the stored
/// size. This finds the fixed dimensions a request changes, explains a failure in one line, and plans the rescaled
/// profile: profile at the stored shape and scale each node by the batch and spatial-area ratios, as Ultralytics'
/// <c>get_flops</c> scales a stride-sized profile to the requested image size.
/// </summary>
internal static class StaticExport
{
    /// <summary>The inputs as the export stores them: every fixed dimension at its declared value.</summary>
    public static IReadOnlyList<BoundInput> Stored(Graph.Graph graph, IReadOnlyList<BoundInput> bound) => bound.Select(b =>
    {
        var declared = graph.Inputs.First(i => i.Name == b.Name).Shape;
        if (declared is null || declared.Rank != b.Shape.Rank)
        {
            return b;
        }

        var dims = b.Shape.Dims.Select((d, axis) => declared[axis].IsKnown ? declared[axis] : d).ToArray();
        return b with { Shape = new TensorShape(dims) };
    }).ToArray();

    /// <summary>True when the request changes a dimension the export fixes.</summary>
    public static bool Overrides(IReadOnlyList<BoundInput> stored, IReadOnlyList<BoundInput> bound) =>
        stored.Zip(bound).Any(p => !p.First.Shape.Equals(p.Second.Shape));

    /// <summary>The one-line error for a static export that fails at the requested size.</summary>
    public static ShapeException Fixed(IReadOnlyList<BoundInput> stored, IReadOnlyList<BoundInput> bound, FlopScopeException cause)
    {
        // The cause stays in the line: at a fixed-shape export it is usually the first node the new size breaks.
        var where = cause.Message.TrimEnd('.');
        return new ShapeException(
            $"The export's shapes are fixed at {ShapeText(stored)}, so it cannot be profiled at {ShapeText(bound)} ({where}); "
            + $"re-export with dynamic=True, or use --rescale to scale the {ShapeText(stored)} profile.", cause);
    }

    /// <summary>The scale plan from <paramref name="stored"/> to <paramref name="bound"/>: batch and image H/W only.</summary>
    public static ScalePlan Plan(Graph.Graph graph, IReadOnlyList<BoundInput> stored, IReadOnlyList<BoundInput> bound)
    {
        (long Num, long Den)? batch = null, height = null, width = null;
        foreach (var (s, b) in stored.Zip(bound))
        {
            var declared = graph.Inputs.First(i => i.Name == s.Name).Shape!;
            var (h, w) = InputBinder.ImageAxes(declared);
            for (var axis = 0; axis < s.Shape.Rank; axis++)
            {
                var from = s.Shape[axis].Value;
                var to = b.Shape[axis].Value;
                if (from == to)
                {
                    continue;
                }

                ref var slot = ref axis == 0 ? ref batch : ref axis == h ? ref height : ref axis == w ? ref width : ref batch;
                if ((axis != 0 && axis != h && axis != w) || from <= 0 || to <= 0 || (slot is { } f && f != (to, from)))
                {
                    throw new ShapeException(
                        $"--rescale scales the batch and image H/W of a static export only; input '{s.Name}' axis {axis} is fixed at {from} (asked {to}): re-export with dynamic=True.");
                }

                slot = (to, from);
            }
        }

        return new ScalePlan(ShapeText(stored), batch ?? (1, 1), height ?? (1, 1), width ?? (1, 1));
    }

    private static string ShapeText(IReadOnlyList<BoundInput> inputs) => inputs.Count == 1
        ? inputs[0].Shape.ToString()
        : string.Join(", ", inputs.Select(i => $"{i.Name}={i.Shape}"));
}

/// <summary>Ratios (to / from) of batch, height and width, and the stored shape they scale from.</summary>
internal sealed record ScalePlan(string StoredShape, (long Num, long Den) Batch, (long Num, long Den) Height, (long Num, long Den) Width)
{
    private static readonly HashSet<string> WindowOps = ["Conv", "FusedConv", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool", "LpPool"];

    /// <summary>The factor as text: <c>x0.25</c>.</summary>
    public string FactorText => "x" + Factor.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The whole factor as a double.</summary>
    public double Factor => (double)Batch.Num * Height.Num * Width.Num / ((double)Batch.Den * Height.Den * Width.Den);

    /// <summary>Scales a count by batch x area, rounding to the nearest integer (exact where the node is).</summary>
    public long Scale(long value)
    {
        Int128 num = (Int128)Batch.Num * Height.Num * Width.Num;
        Int128 den = (Int128)Batch.Den * Height.Den * Width.Den;
        return (long)(((value * num * 2) + den) / (2 * den));
    }

    /// <summary>True when the node's scaled cost is exact: a 2-D sliding-window op whose output size, recomputed from its
    /// attributes at the scaled input size, is exactly its scaled output size.</summary>
    public bool IsExact(NodeAnalysis node)
    {
        if (node.Node.Domain is not ("" or "com.microsoft") || !WindowOps.Contains(node.Node.OpType)
            || node.Inputs.Count == 0 || node.Inputs[0]?.Shape is not { Rank: 4, IsFullyKnown: true } input
            || node.Outputs.Length == 0 || node.Outputs[0]?.Shape is not { Rank: 4, IsFullyKnown: true } output)
        {
            return false;
        }

        var a = node.Node.Attributes;
        long[] Ints(string name, long fallback, int count) => a.TryGetValue(name, out var v) && v.Ints is { Length: > 0 } x ? x : Enumerable.Repeat(fallback, count).ToArray();
        var kernel = a.TryGetValue("kernel_shape", out var k) && k.Ints is { Length: 2 } ks ? ks
            : node.Inputs.Count > 1 && node.Inputs[1]?.Shape is { Rank: 4, IsFullyKnown: true } weight ? weight.ToArray()[2..] : null;
        if (kernel is null)
        {
            return false;
        }

        var strides = Ints("strides", 1, 2);
        var dilations = Ints("dilations", 1, 2);
        var pads = Ints("pads", 0, 4);
        var autoPad = a.TryGetValue("auto_pad", out var ap) ? ap.String ?? "NOTSET" : "NOTSET";
        var ceil = a.TryGetValue("ceil_mode", out var cm) && cm.Int != 0;
        (long Num, long Den)[] ratios = [Height, Width];
        for (var i = 0; i < 2; i++)
        {
            var (num, den) = ratios[i];
            var from = input[2 + i].Value;
            var to = output[2 + i].Value;
            if (from * num % den != 0 || to * num % den != 0)
            {
                return false;
            }

            var scaledIn = from * num / den;
            var extent = (dilations[i] * (kernel[i] - 1)) + 1;
            var scaledOut = autoPad switch
            {
                "SAME_UPPER" or "SAME_LOWER" => (scaledIn + strides[i] - 1) / strides[i],
                "VALID" => ((scaledIn - extent) / strides[i]) + 1,
                _ => ((scaledIn + pads[i] + pads[i + 2] - extent + (ceil ? strides[i] - 1 : 0)) / strides[i]) + 1,
            };
            if (scaledOut != to * num / den)
            {
                return false;
            }
        }

        return true;
    }
}
