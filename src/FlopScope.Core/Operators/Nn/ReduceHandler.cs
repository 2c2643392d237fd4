using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// The Reduce* ops. Axes come from the <c>axes</c> attribute before opset 13 (ReduceSum) or 18 (the others), from the
/// optional second input after; keepdims (default 1) keeps reduced axes as size 1; empty axes reduce everything unless
/// noop_with_empty_axes = 1, which makes the op an identity (0 FLOPs). Values are propagated for small known inputs
/// (ReduceProd of a shape, ReduceSum of sizes). Cost, with in = input and out = output elements, counting one
/// operation per input element entering the reduction: Sum, Max, Min, Prod in; Mean in + out (a divide per output);
/// SumSquare and L1 2 in (square or |x|, add); L2 2 in + out (sqrt); LogSum in + out (log); LogSumExp 2 in + out
/// (exp, add, log). Integer inputs count zero.
/// </summary>
/// <param name="kind">The aggregation.</param>
public sealed class ReduceHandler(ReduceKind kind) : IOperatorHandler
{
    private int AxesInputSince => kind == ReduceKind.Sum ? 13 : 18;

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        long[] axes;
        if (context.Opset >= AxesInputSince)
        {
            axes = context.HasInput(1) ? context.Ints(1) : [];
        }
        else
        {
            axes = context.IntList("axes") ?? [];
        }

        if (axes.Length == 0 && context.Opset >= AxesInputSince && context.Int("noop_with_empty_axes", 0) != 0)
        {
            context.SetOutput(0, input);
            return;
        }

        var normalized = axes.Length == 0
            ? Enumerable.Range(0, shape.Rank).ToArray()
            : ReductionLayout.NormalizeAxes(context, axes, shape.Rank);
        var layout = new ReductionLayout(shape, normalized, context.Int("keepdims", 1) != 0);
        context.SetOutput(0, input.DataType, layout.Output, Evaluate(layout, input));

        var inElements = ShapeMath.Elements(shape);
        var outElements = ShapeMath.Elements(layout.Output);
        var (perInput, perOutput) = kind switch
        {
            ReduceKind.Mean or ReduceKind.LogSum => (1, 1),
            ReduceKind.SumSquare or ReduceKind.L1 => (2, 0),
            ReduceKind.L2 or ReduceKind.LogSumExp => (2, 1),
            _ => (1, 0),
        };
        context.AddFlops(checked(FloatCost.Of(input.DataType, inElements, perInput) + FloatCost.Of(input.DataType, outElements, perOutput)));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Control : InputRole.Data;

    private TensorValue? Evaluate(ReductionLayout layout, TensorInfo input)
    {
        if (input.Value is not { } value || !layout.Input.IsFullyKnown || layout.Output.ElementCount is not { } count
            || count > GraphAnalyzer.MaxPropagatedElements || value.Length != layout.Input.ElementCount)
        {
            return null;
        }

        var target = layout.OutputIndexOfEachInput();
        var counts = new long[count];
        foreach (var t in target)
        {
            counts[t]++;
        }

        if (input.DataType.IsIntegral() && value.Ints is { } ints && kind is not (ReduceKind.L2 or ReduceKind.LogSum or ReduceKind.LogSumExp))
        {
            var acc = Enumerable.Repeat(IntegerStart(), (int)count).ToArray();
            for (var i = 0; i < ints.Length; i++)
            {
                acc[target[i]] = IntegerStep(acc[target[i]], ints[i]);
            }

            if (kind == ReduceKind.Mean)
            {
                for (var o = 0; o < acc.Length; o++)
                {
                    acc[o] = counts[o] == 0 ? 0 : acc[o] / counts[o];
                }
            }

            return TensorValue.FromInts(acc);
        }

        var doubles = value.ToDoubles();
        var sums = Enumerable.Repeat(FloatStart(), (int)count).ToArray();
        for (var i = 0; i < doubles.Length; i++)
        {
            sums[target[i]] = FloatStep(sums[target[i]], doubles[i]);
        }

        for (var o = 0; o < sums.Length; o++)
        {
            sums[o] = kind switch
            {
                ReduceKind.Mean => sums[o] / counts[o],
                ReduceKind.L2 => Math.Sqrt(sums[o]),
                ReduceKind.LogSum or ReduceKind.LogSumExp => Math.Log(sums[o]),
                _ => sums[o],
            };
        }

        return input.DataType.IsIntegral()
            ? TensorValue.FromInts(TensorValue.FromFloats(sums).ToLongs())
            : TensorValue.FromFloats(sums);
    }

    private long IntegerStart() => kind switch
    {
        ReduceKind.Prod => 1,
        ReduceKind.Max => long.MinValue,
        ReduceKind.Min => long.MaxValue,
        _ => 0,
    };

    private long IntegerStep(long acc, long x) => kind switch
    {
        ReduceKind.Prod => unchecked(acc * x),
        ReduceKind.Max => Math.Max(acc, x),
        ReduceKind.Min => Math.Min(acc, x),
        ReduceKind.L1 => unchecked(acc + Math.Abs(x)),
        ReduceKind.SumSquare => unchecked(acc + (x * x)),
        _ => unchecked(acc + x),
    };

    private double FloatStart() => kind switch
    {
        ReduceKind.Prod => 1,
        ReduceKind.Max => double.NegativeInfinity,
        ReduceKind.Min => double.PositiveInfinity,
        _ => 0,
    };

    private double FloatStep(double acc, double x) => kind switch
    {
        ReduceKind.Prod => acc * x,
        ReduceKind.Max => Math.Max(acc, x),
        ReduceKind.Min => Math.Min(acc, x),
        ReduceKind.L1 => acc + Math.Abs(x),
        ReduceKind.L2 or ReduceKind.SumSquare => acc + (x * x),
        ReduceKind.LogSumExp => acc + Math.Exp(x),
        _ => acc + x,
    };
}
