namespace FlopScope.Llm;

/// <summary>
/// One weight tensor of a decoder, named as llama.cpp names it in GGUF (<c>blk.3.attn_q.weight</c>).
/// </summary>
/// <param name="Name">GGUF-style name.</param>
/// <param name="Role">What it does.</param>
/// <param name="Layer">Decoder layer, or -1 for embeddings, the output projection and the final norm.</param>
/// <param name="Rows">Output features of a projection (1 for a vector).</param>
/// <param name="Columns">Input features of a projection (the length of a vector).</param>
/// <param name="Experts">Stacked experts (1 unless routed experts).</param>
/// <param name="Stored">False for an output projection tied to the token embedding: used, not stored again.</param>
public sealed record LlmTensor(string Name, TensorRole Role, int Layer, long Rows, long Columns, int Experts = 1, bool Stored = true)
{
    /// <summary>Elements stored (0 when not stored).</summary>
    public long Elements => Stored ? ElementsUsed : 0;

    /// <summary>Elements of the tensor whether stored here or shared with another.</summary>
    public long ElementsUsed => checked(Experts * Rows * Columns);

    /// <summary>True for a projection applied as a matrix product to every token that passes it.</summary>
    public bool IsMatMul => Role is not (TensorRole.TokenEmbedding or TensorRole.PositionEmbedding or TensorRole.Norm or TensorRole.Bias);

    /// <summary>True for routed-expert tensors: each token multiplies only k of the <see cref="Experts"/>.</summary>
    public bool IsRoutedExpert => Role is TensorRole.ExpertGate or TensorRole.ExpertUp or TensorRole.ExpertDown;

    /// <summary>True for lookup tables: a forward pass reads only the rows of its tokens.</summary>
    public bool IsLookup => Role is TensorRole.TokenEmbedding or TensorRole.PositionEmbedding;

    /// <summary>MACs per token through this tensor with <paramref name="expertsPerToken"/> routed experts (0 for
    /// lookups, norms and biases: their adds are not matrix products).</summary>
    public long MacsPerToken(int expertsPerToken) =>
        !IsMatMul ? 0 : IsRoutedExpert ? checked(expertsPerToken * Rows * Columns) : checked(Rows * Columns);
}
