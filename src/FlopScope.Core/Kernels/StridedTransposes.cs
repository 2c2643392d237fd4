namespace FlopScope.Kernels;

/// <summary>
/// ONNX Runtime CPU's transposes as kernel detection models them (docs/estimator.md, "Strided transposes"). Its
/// Transpose copies whole blocks when, after dropping size-1 axes and merging axes that stay adjacent, the permutation
/// moves a single axis or keeps the innermost axis in place; any other permutation runs its element-by-element path,
/// a <see cref="KernelClass.StridedCopy"/>. From opset 13 its Softmax, LogSoftmax and Hardmax normalise along
/// <c>axis</c>; on any axis but the last they transpose that axis to the end, compute, and transpose back: two more
/// kernels around the op (softmax.cc, transpose.cc of onnxruntime/core/providers/cpu).
/// </summary>
public static class StridedTransposes
{
    /// <summary>Rule id of the two transposes an inner-axis Softmax runs inside its own kernel: ONNX Runtime's trace
    /// shows one Softmax kernel, the estimate times the three steps separately.</summary>
    public const string InnerAxisRule = "inner-axis-softmax";

    private static readonly HashSet<string> InnerAxisOps = ["Softmax", "LogSoftmax", "Hardmax"];

    internal static List<Kernel> Apply(GraphView view, RuntimeProfile runtime, long opset, List<Kernel> kernels)
    {
        var result = new List<Kernel>(kernels.Count);
        foreach (var kernel in kernels)
        {
            if (kernel.Nodes.Count != 1 || view.Layers[kernel.Nodes[0]] is not { Node: { } node, InputTensors: [{ Dims.Count: > 0 } input, ..] } layer)
            {
                result.Add(kernel);
                continue;
            }

            var dims = input.Dims;
            if (node.OpType == "Transpose" && node.Domain.Length == 0)
            {
                var perm = node.Attributes.TryGetValue("perm", out var p) && p.Ints is { } given && given.Length == dims.Count
                    ? given : Enumerable.Range(0, dims.Count).Reverse().Select(i => (long)i).ToArray();
                result.Add(IsElementwise(dims, perm) ? kernel with { Class = KernelClass.StridedCopy } : kernel);
                continue;
            }

            if (opset >= 13 && node.Domain.Length == 0 && InnerAxisOps.Contains(node.OpType)
                && InnerAxis(node.Attributes.TryGetValue("axis", out var a) ? a.Int : -1, dims) is { } axis)
            {
                // The op runs on a copy with the axis swapped to the end, then copies its result back.
                var swap = Enumerable.Range(0, dims.Count).Select(i => (long)i).ToArray();
                (swap[axis], swap[^1]) = (swap[^1], swap[axis]);
                var copyClass = IsElementwise(dims, swap) ? KernelClass.StridedCopy : KernelClass.DataMovement;
                result.Add(KernelDetector.Inserted(runtime, "Transpose", InnerAxisRule, kernel.Layer, input.Bytes) with { Class = copyClass });
                result.Add(kernel);
                result.Add(KernelDetector.Inserted(runtime, "Transpose", InnerAxisRule, kernel.Layer, layer.OutputTensors.Count > 0 ? layer.OutputTensors[0].Bytes : input.Bytes) with { Class = copyClass });
                continue;
            }

            result.Add(kernel);
        }

        return result;
    }

    /// <summary>The normalised axis when it is not the last and something follows it (a trailing extent above 1).</summary>
    private static int? InnerAxis(long axis, IReadOnlyList<long> dims)
    {
        var rank = dims.Count;
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank - 1)
        {
            return null;
        }

        var trailing = 1L;
        for (var i = (int)a + 1; i < rank; i++)
        {
            trailing *= Math.Max(1, dims[i]);
        }

        return trailing > 1 ? (int)a : null;
    }

    /// <summary>
    /// Whether ONNX Runtime transposes <paramref name="dims"/> by <paramref name="perm"/> element by element: size-1
    /// axes dropped and runs of axes that stay adjacent and in order merged, the permutation neither moves a single
    /// axis (its fast inwards/outwards paths) nor keeps the innermost axis last (its block copy).
    /// </summary>
    public static bool IsElementwise(IReadOnlyList<long> dims, IReadOnlyList<long> perm)
    {
        if (perm.Count != dims.Count || perm.Any(p => p < 0 || p >= dims.Count))
        {
            return false;
        }

        // Output order of the input axes that are not size 1, then merged where consecutive.
        var kept = perm.Where(p => dims[(int)p] != 1).Select(p => (int)p).ToList();
        var groups = new List<int>();
        for (var i = 0; i < kept.Count; i++)
        {
            if (i == 0 || kept[i] != kept[i - 1] + 1)
            {
                groups.Add(kept[i]);
            }
        }

        // Renumber the groups by their input position: a permutation of 0..n-1.
        var order = groups.OrderBy(g => g).ToList();
        var p = groups.Select(g => order.IndexOf(g)).ToArray();
        var n = p.Length;
        if (n <= 1 || p[n - 1] == n - 1)
        {
            return false;
        }

        return !MovesSingleAxis(p);
    }

    /// <summary>Whether <paramref name="p"/> is the identity with one element moved elsewhere.</summary>
    private static bool MovesSingleAxis(int[] p)
    {
        for (var moved = 0; moved < p.Length; moved++)
        {
            var rest = p.Where(x => x != moved).ToArray();
            if (rest.Zip(rest.Skip(1)).All(t => t.First < t.Second))
            {
                return true;
            }
        }

        return false;
    }
}
