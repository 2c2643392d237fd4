using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// MatMul with numpy semantics (1-D operands promoted, batch dimensions broadcast), and its integer, quantized and
/// fused variants. MACs = prod(batch) x M x N x K, whether the operands are weights or activations (attention's
/// Q x K^T and A x V count too).
/// </summary>
/// <param name="aIndex">Position of A.</param>
/// <param name="bIndex">Position of B.</param>
/// <param name="outputType">Output type, or null for A's type.</param>
/// <param name="honourTransposeAttributes">True for com.microsoft FusedMatMul (transA, transB, transBatchA/B ignored).</param>
/// <param name="biasIndex">Position of a bias added to the product, or -1.</param>
/// <param name="outputTypeInput">Input whose element type the output takes (QLinearMatMul's y_zero_point), or -1.</param>
public sealed class MatMulHandler(int aIndex = 0, int bIndex = 1, DataType? outputType = null, bool honourTransposeAttributes = false, int biasIndex = -1, int outputTypeInput = -1) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var a = context.Shape(aIndex);
        var b = context.Shape(bIndex);
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw context.Invalid("MatMul operands must have rank 1 or more");
        }

        var aDims = a.Dims.ToList();
        var bDims = b.Dims.ToList();
        if (honourTransposeAttributes)
        {
            if (context.Int("transA", 0) != 0 && aDims.Count >= 2)
            {
                (aDims[^1], aDims[^2]) = (aDims[^2], aDims[^1]);
            }

            if (context.Int("transB", 0) != 0 && bDims.Count >= 2)
            {
                (bDims[^1], bDims[^2]) = (bDims[^2], bDims[^1]);
            }
        }

        var promotedA = aDims.Count == 1;
        var promotedB = bDims.Count == 1;
        if (promotedA)
        {
            aDims.Insert(0, 1);
        }

        if (promotedB)
        {
            bDims.Add(1);
        }

        var k = aDims[^1];
        if (k.IsKnown && bDims[^2].IsKnown && k.Value != bDims[^2].Value)
        {
            throw context.Invalid($"inner dimensions differ: {a} x {b}");
        }

        var batch = ShapeMath.Broadcast(context, new TensorShape(aDims.Take(aDims.Count - 2)), new TensorShape(bDims.Take(bDims.Count - 2)));
        var output = batch.Dims.ToList();
        if (!promotedA)
        {
            output.Add(aDims[^2]);
        }

        if (!promotedB)
        {
            output.Add(bDims[^1]);
        }

        var outShape = new TensorShape(output);
        context.SetOutput(0, outputTypeInput >= 0 ? context.TypeOf(outputTypeInput) : outputType ?? context.TypeOf(aIndex), outShape);

        var outputElements = ShapeMath.Elements(outShape);
        var inner = k.IsKnown ? k.Value : bDims[^2].IsKnown ? bDims[^2].Value : throw new UnresolvedException("inner dimension unknown");
        context.AddMacs(checked(outputElements * inner));
        if (honourTransposeAttributes && context.Float("alpha", 1f) != 1f)
        {
            context.AddFlops(outputElements);
        }

        if (biasIndex >= 0 && context.HasInput(biasIndex))
        {
            context.AddFlops(outputElements);
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) =>
        index == aIndex || index == bIndex ? InputRole.Weight : index == biasIndex ? InputRole.Bias : InputRole.Data;
}
