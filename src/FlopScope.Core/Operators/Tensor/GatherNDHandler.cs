using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// GatherND(data, indices) with <c>batch_dims</c> b (opset 12+): the last dimension q of indices addresses the data
/// dimensions after the batch ones; output shape indices.shape[:-1] + data.shape[b+q:]. 0 FLOPs.
/// </summary>
public sealed class GatherNDHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var data = context.Input(0);
        var dataShape = context.Shape(0);
        var indexShape = context.Shape(1);
        var batch = (int)context.Int("batch_dims", 0);
        if (dataShape.Rank < 1 || indexShape.Rank < 1 || batch < 0 || batch >= Math.Min(dataShape.Rank, indexShape.Rank))
        {
            throw context.Invalid($"data {dataShape} and indices {indexShape} do not fit batch_dims {batch}");
        }

        var last = indexShape[indexShape.Rank - 1];
        if (!last.IsKnown)
        {
            throw new UnresolvedException($"last dimension of indices {indexShape} unknown");
        }

        if (last.Value < 1 || batch + last.Value > dataShape.Rank)
        {
            throw context.Invalid($"indices {indexShape} address {last.Value} dimensions of data {dataShape} after {batch} batch dimensions");
        }

        var output = new TensorShape(indexShape.Dims.Take(indexShape.Rank - 1).Concat(dataShape.Dims.Skip(batch + (int)last.Value)));
        context.SetOutput(0, data.DataType, output);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
