using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// AffineGrid(theta [N, r, r+1], size [N, C, D1..Dr]): a sampling grid [N, D1..Dr, r]. Cost: each grid point is theta
/// times the homogeneous base coordinate, a matrix product counted as N·prod(D)·r·(r+1) MACs.
/// </summary>
public sealed class AffineGridHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var theta = context.Shape(0);
        var size = context.Ints(1);
        var r = size.Length - 2;
        if (r is < 2 or > 3 || theta.Rank != 3 || (theta[1].IsKnown && theta[1].Value != r) || (theta[2].IsKnown && theta[2].Value != r + 1))
        {
            throw context.Invalid($"theta {theta} and size [{string.Join(",", size)}] do not fit");
        }

        if (size.Any(d => d < 0))
        {
            throw context.Invalid($"size [{string.Join(",", size)}] has a negative dimension");
        }

        var output = new TensorShape(new long[] { size[0] }.Concat(size.Skip(2)).Append(r).ToArray());
        context.SetOutput(0, context.TypeOf(0), output);
        context.AddMacs(checked(ShapeMath.Elements(output) * (r + 1)));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
