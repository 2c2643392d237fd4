using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Dropout, profiled for inference: the output is the input and the optional mask (bool from opset 10, the input's type
/// before) has its shape. 0 FLOPs; a note is added when training_mode is statically true (opset 12+).
/// </summary>
public sealed class DropoutHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        context.SetOutput(0, input);
        context.SetOutput(1, context.Opset >= 10 ? DataType.Bool : input.DataType, input.Shape);
        if (context.Opset >= 12 && context.TryValue(2) is { Length: 1 } training && training.AsLong(0) != 0)
        {
            context.Note("training_mode is true: dropout's random masking is not counted (inference profile)");
        }
        else if (context.Opset < 7 && context.Int("is_test", 0) == 0)
        {
            context.Note("is_test is 0: dropout's random masking is not counted (inference profile)");
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
