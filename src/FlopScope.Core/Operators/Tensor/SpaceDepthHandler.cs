using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>DepthToSpace ([N, C, H, W] to [N, C/b², H·b, W·b]) and SpaceToDepth (the reverse) with <c>blocksize</c> b.
/// 0 FLOPs (a rearrangement).</summary>
/// <param name="toSpace">True for DepthToSpace.</param>
public sealed class SpaceDepthHandler(bool toSpace) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank != 4)
        {
            throw context.Invalid($"input {shape} must have rank 4");
        }

        var b = context.Int("blocksize");
        if (b < 1)
        {
            throw context.Invalid($"blocksize {b} must be positive");
        }

        var (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3]);
        var output = toSpace
            ? new TensorShape([n, Divide(context, c, b * b, "channels"), Scale(h, b), Scale(w, b)])
            : new TensorShape([n, Scale(c, b * b), Divide(context, h, b, "height"), Divide(context, w, b, "width")]);
        context.SetOutput(0, context.TypeOf(0), output);
    }

    private static Dim Scale(Dim d, long factor) => d.IsKnown ? checked(d.Value * factor) : Dim.Unknown(d.ToString());

    private static Dim Divide(NodeContext context, Dim d, long divisor, string what)
    {
        if (!d.IsKnown)
        {
            return Dim.Unknown(d.ToString());
        }

        return d.Value % divisor == 0 ? d.Value / divisor : throw context.Invalid($"{what} {d.Value} is not divisible by {divisor}");
    }
}
