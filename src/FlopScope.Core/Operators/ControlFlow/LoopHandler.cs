using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.ControlFlow;

/// <summary>
/// Loop: the body is analysed once with the loop-carried values' types and shapes (their contents change per
/// iteration). Trip count = M when its value is known (0 when the initial condition is known false):
/// cost = body cost x trip count, scan outputs get the trip count as leading dimension. With M absent, unknown, or a
/// while-loop sentinel (2^31 - 1 or more with a condition), the body is counted once, scan outputs get an unknown
/// leading dimension, and the node is noted "trip count unknown". A loop whose body computes its condition may stop
/// before M iterations: M is then an upper bound (noted).
/// </summary>
public sealed class LoopHandler : IOperatorHandler
{
    private const long WhileLoopSentinel = int.MaxValue;

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var body = context.Attribute("body").Graph ?? throw context.Invalid("body is not a graph");
        var carried = context.InputCount - 2;
        if (carried < 0 || body.Inputs.Count != carried + 2 || body.Outputs.Count < carried + 1)
        {
            throw context.Invalid($"body with {body.Inputs.Count} inputs and {body.Outputs.Count} outputs does not fit {Math.Max(carried, 0)} loop-carried values");
        }

        var scanOutputs = body.Outputs.Count - 1 - carried;
        if (context.OutputCount > carried + scanOutputs)
        {
            throw context.Invalid($"node has {context.OutputCount} outputs, body gives {carried} loop-carried values and {scanOutputs} scan outputs");
        }

        var hasCondition = context.HasInput(1);
        long? trips = context.TryValue(0) is { Length: > 0 } m ? m.AsLong(0) : null;
        if (trips is < 0)
        {
            trips = 0;
        }

        if (trips >= WhileLoopSentinel && hasCondition)
        {
            trips = null;
        }

        if (hasCondition && context.TryValue(1) is { Length: > 0 } c && c.AsDouble(0) == 0)
        {
            trips = 0;
        }

        var initial = Enumerable.Range(0, carried).Select(i => context.HasInput(i + 2) ? context.Input(i + 2) : null).ToArray();
        var inputs = new List<TensorInfo?>
        {
            new(DataType.Int64, TensorShape.Scalar),
            new(DataType.Bool, TensorShape.Scalar),
        };
        inputs.AddRange(initial.Select(SubgraphValues.WithoutValue));
        var result = context.AnalyzeSubgraph(body, inputs);

        for (var i = 0; i < carried; i++)
        {
            var final = trips == 0 ? initial[i] : SubgraphValues.Carried(context, initial[i], result.Outputs[i + 1], body.Outputs[i + 1].Name);
            if (final is not null)
            {
                context.SetOutput(i, final);
            }
        }

        Dim count = trips is { } t ? t : Dim.Unknown("Loop trip count");
        for (var k = 0; k < scanOutputs; k++)
        {
            if (SubgraphValues.Stacked(result.Outputs[1 + carried + k], count, 0) is { } stacked)
            {
                context.SetOutput(carried + k, stacked);
            }
        }

        if (trips is { } n)
        {
            context.AddCost(result.Cost * n);
            var staysTrue = result.Outputs[0]?.Value is { Length: > 0 } v && v.AsDouble(0) != 0;
            if (hasCondition && n > 0 && !staysTrue)
            {
                context.Note($"the loop may stop early on its condition: {n} iterations counted as an upper bound");
            }
        }
        else
        {
            context.AddCost(result.Cost);
            context.Note("trip count unknown: body counted once");
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index < 2 ? InputRole.Control : InputRole.Data;
}
