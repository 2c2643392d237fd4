using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// The cost rule shared by attention ops (ONNX Attention and the com.microsoft attention family). With
/// S = batch x query heads x query length x total key length score elements:
/// MACs = S x head_size (Q x K^T) + S x v_head_size (softmax(.) x V);
/// FLOPs = S x (1 scale + 1 per additive mask or bias + 3 for softcap (divide, tanh, multiply) + 5 softmax (max,
/// subtract, exp, sum, divide)). Masked (causal) positions are counted: kernels compute the dense score matrix.
/// </summary>
public static class AttentionCost
{
    /// <summary>FLOPs of a softmax, per element.</summary>
    public const int SoftmaxFlopsPerElement = 5;

    /// <summary>Adds the cost of scaled dot-product attention to <paramref name="context"/>.</summary>
    /// <param name="context">The node.</param>
    /// <param name="type">Element type of the scores (no FLOPs counted for integer types).</param>
    /// <param name="batch">Batch size.</param>
    /// <param name="queryHeads">Number of query heads.</param>
    /// <param name="querySequence">Query length.</param>
    /// <param name="totalSequence">Key length (past + new).</param>
    /// <param name="headSize">Q/K head size.</param>
    /// <param name="valueHeadSize">V head size.</param>
    /// <param name="additiveTerms">Masks and biases added to the scores.</param>
    /// <param name="softcap">True when scores are soft-capped.</param>
    public static void Add(NodeContext context, DataType type, Dim batch, Dim queryHeads, Dim querySequence, Dim totalSequence,
        Dim headSize, Dim valueHeadSize, int additiveTerms, bool softcap)
    {
        var scores = checked(DimArithmetic.Known(batch, "batch size") * DimArithmetic.Known(queryHeads, "number of heads")
            * DimArithmetic.Known(querySequence, "query sequence length") * DimArithmetic.Known(totalSequence, "total sequence length"));
        context.AddMacs(checked(scores * (DimArithmetic.Known(headSize, "head size") + DimArithmetic.Known(valueHeadSize, "value head size"))));
        var perScore = 1 + additiveTerms + (softcap ? 3 : 0) + SoftmaxFlopsPerElement;
        context.AddFlops(Elementwise.FloatCost.Of(type, scores, perScore));
    }
}
