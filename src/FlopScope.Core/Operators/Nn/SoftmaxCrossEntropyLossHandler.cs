using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// SoftmaxCrossEntropyLoss: LogSoftmax over the class axis of scores (N x C x d1 ...) followed by
/// NegativeLogLikelihoodLoss with labels (N x d1 ...) and optional weights (C). Outputs the loss and, optionally,
/// log_prob with the scores' shape. Cost: LogSoftmax's 5 per score element plus one log per label, plus
/// <see cref="NegativeLogLikelihoodLossHandler.LossFlops"/>.
/// </summary>
public sealed class SoftmaxCrossEntropyLossHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var labels = NegativeLogLikelihoodLossHandler.SetLoss(context, 2);
        context.SetOutput(1, input.DataType, context.Shape(0));
        var scores = ShapeMath.Elements(context.Shape(0));
        context.AddFlops(checked(FloatCost.Of(input.DataType, scores, 5) + FloatCost.Of(input.DataType, labels, 1)));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Control : InputRole.Data;
}
