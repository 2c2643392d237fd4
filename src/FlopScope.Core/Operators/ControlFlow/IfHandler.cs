using FlopScope.Errors;
using FlopScope.Inference;

namespace FlopScope.Operators.ControlFlow;

/// <summary>
/// If: when the condition's value is known statically, only that branch is analysed and its outputs and cost are the
/// node's. Otherwise both branches are analysed, the outputs are what both agree on (differing dimensions become
/// unknown), and the cost is the costlier branch's (by total FLOPs), with a note. A branch that is invalid for these
/// inputs is dropped (noted) when the condition is unknown.
/// </summary>
public sealed class IfHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var thenBranch = context.Attribute("then_branch").Graph ?? throw context.Invalid("then_branch is not a graph");
        var elseBranch = context.Attribute("else_branch").Graph ?? throw context.Invalid("else_branch is not a graph");
        if (context.TryValue(0) is { Length: > 0 } cond)
        {
            var taken = cond.AsDouble(0) != 0;
            var result = context.AnalyzeSubgraph(taken ? thenBranch : elseBranch, []);
            SetOutputs(context, result.Outputs);
            context.AddCost(result.Cost);
            context.Note($"condition is {(taken ? "true" : "false")}: {(taken ? "then" : "else")} branch taken");
            return;
        }

        SubgraphResult? thenResult = null, elseResult = null;
        ShapeException? failure = null;
        try
        {
            thenResult = context.AnalyzeSubgraph(thenBranch, []);
        }
        catch (ShapeException e)
        {
            failure = e;
        }

        try
        {
            elseResult = context.AnalyzeSubgraph(elseBranch, []);
        }
        catch (ShapeException e) when (thenResult is not null)
        {
            context.Note($"condition unknown; else branch is invalid for these inputs ({e.Message}): then branch counted");
        }

        if (thenResult is null)
        {
            context.Note($"condition unknown; then branch is invalid for these inputs ({failure!.Message}): else branch counted");
        }

        if (thenResult is null || elseResult is null)
        {
            var only = thenResult ?? elseResult!;
            SetOutputs(context, only.Outputs);
            context.AddCost(only.Cost);
            return;
        }

        var thenCostlier = thenResult.Cost.TotalFlops >= elseResult.Cost.TotalFlops;
        context.AddCost(thenCostlier ? thenResult.Cost : elseResult.Cost);
        context.Note($"condition unknown: the costlier {(thenCostlier ? "then" : "else")} branch is counted");
        var outputs = thenResult.Outputs.Zip(elseResult.Outputs, (a, b) => SubgraphValues.Merge(a, b, "If")).ToArray();
        SetOutputs(context, outputs);
    }

    private static void SetOutputs(NodeContext context, IReadOnlyList<TensorInfo?> outputs)
    {
        if (outputs.Count != context.OutputCount)
        {
            throw context.Invalid($"branch has {outputs.Count} outputs, node has {context.OutputCount}");
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is { } o)
            {
                context.SetOutput(i, o);
            }
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Control;
}
