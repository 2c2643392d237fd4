using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// NegativeLogLikelihoodLoss: input (N x C x d1 ...), target (N x d1 ...) of class indices, optional weight (C).
/// Output: target's shape with reduction = none, a scalar with sum or mean (default). Cost per target element:
/// 1 (negate) + 1 with weights, plus for sum 1 (add) and for mean 1 (add) + 1 with weights (weight sum) and one
/// divide.
/// </summary>
public sealed class NegativeLogLikelihoodLossHandler : IOperatorHandler
{
    /// <summary>FLOPs of the loss over <paramref name="targets"/> picked log-probabilities.</summary>
    public static long LossFlops(long targets, bool weighted, string reduction) => reduction switch
    {
        "none" => checked(targets * (weighted ? 2 : 1)),
        "sum" => checked(targets * (weighted ? 3 : 2)),
        _ => checked((targets * (weighted ? 4 : 2)) + 1),
    };

    /// <summary>Checks scores against class-index targets and sets the loss output 0; returns the number of targets.</summary>
    public static long SetLoss(NodeContext context, int weightIndex)
    {
        var input = context.Input(0);
        var scores = context.Shape(0);
        var target = context.Shape(1);
        if (scores.Rank < 2 || target.Rank != scores.Rank - 1)
        {
            throw context.Invalid($"scores {scores} and targets {target} do not fit (N x C x d1 ... and N x d1 ...)");
        }

        for (var i = 0; i < target.Rank; i++)
        {
            var s = scores[i == 0 ? 0 : i + 1];
            if (s.IsKnown && target[i].IsKnown && s.Value != target[i].Value)
            {
                throw context.Invalid($"scores {scores} and targets {target} differ outside the class axis");
            }
        }

        GroupNormalizationHandler.CheckChannelVector(context, weightIndex, scores[1]);
        var reduction = context.String("reduction", "mean");
        if (reduction is not ("none" or "sum" or "mean"))
        {
            throw context.Invalid($"unknown reduction '{reduction}'");
        }

        context.SetOutput(0, input.DataType, reduction == "none" ? target : TensorShape.Scalar);
        var targets = ShapeMath.Elements(target);
        context.AddFlops(FloatCost.Of(input.DataType, LossFlops(targets, context.HasInput(weightIndex), reduction), 1));
        return targets;
    }

    /// <inheritdoc />
    public void Infer(NodeContext context) => SetLoss(context, 2);

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Control : InputRole.Data;
}
