namespace FlopScope.Operators.Tensor;

/// <summary>The random generators and what they produce.</summary>
public enum RandomKind
{
    /// <summary>RandomNormal / RandomUniform: shape from the <c>shape</c> attribute, type from <c>dtype</c> (float).</summary>
    FromAttribute,

    /// <summary>RandomNormalLike / RandomUniformLike: the input's shape, type from <c>dtype</c> or the input.</summary>
    Like,

    /// <summary>Bernoulli: the input's shape (probabilities), type from <c>dtype</c> or the input.</summary>
    Bernoulli,

    /// <summary>Multinomial: [batch, sample_size] samples of [batch, classes] log-probabilities, type <c>dtype</c> (int32).</summary>
    Multinomial,
}
