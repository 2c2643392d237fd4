using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// Gemm: Y = alpha x op(A) x op(B) + beta x C. MACs = M x N x K; adding C costs one FLOP per output, and alpha or beta
/// other than 1 one more each.
/// </summary>
public sealed class GemmHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var a = context.Dims(0);
        var b = context.Dims(1);
        if (a.Length != 2 || b.Length != 2)
        {
            throw context.Invalid($"Gemm needs 2-D operands, got {a.Length}-D and {b.Length}-D");
        }

        var transA = context.Int("transA", 0) != 0;
        var transB = context.Int("transB", 0) != 0;
        var (m, k) = transA ? (a[1], a[0]) : (a[0], a[1]);
        var (kb, n) = transB ? (b[1], b[0]) : (b[0], b[1]);
        if (k != kb)
        {
            throw context.Invalid($"inner dimensions differ: {k} and {kb}");
        }

        context.SetOutput(0, context.TypeOf(0), new TensorShape(m, n));
        var outputs = checked(m * n);
        context.AddMacs(checked(outputs * k));
        if (context.Float("alpha", 1f) != 1f)
        {
            context.AddFlops(outputs);
        }

        if (context.HasInput(2))
        {
            context.AddFlops(outputs);
            if (context.Float("beta", 1f) != 1f)
            {
                context.AddFlops(outputs);
            }
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        0 or 1 => InputRole.Weight,
        _ => InputRole.Bias,
    };
}
