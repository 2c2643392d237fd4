namespace FlopScope.Inference;

/// <summary>What an operator does with one of its inputs; decides which stored tensors are parameters.</summary>
public enum InputRole
{
    /// <summary>Activations or other data the op computes with (a stored tensor here is a parameter, not learnable).</summary>
    Data,

    /// <summary>A weight (Conv W, Gemm B, MatMul with a stored operand): a learnable parameter.</summary>
    Weight,

    /// <summary>A bias: a learnable parameter.</summary>
    Bias,

    /// <summary>A normalization scale (or BatchNorm running statistic): learnable parameter for scale/bias.</summary>
    Scale,

    /// <summary>An embedding table (Gather's data input when stored): learnable parameter.</summary>
    Embedding,

    /// <summary>Running statistics (BatchNorm mean/var): parameters, not learnable.</summary>
    Statistic,

    /// <summary>A shape, axes, index, size or count operand: not a parameter.</summary>
    Control,
}
