using FlopScope.Graph;

namespace FlopScope.Operators.Linear;

/// <summary>Convolution and matrix-product ops of the default domain: the MAC-bearing family.</summary>
internal static class LinearOperators
{
    public static void Register(OperatorRegistry registry)
    {
        registry.Register("Conv", new ConvHandler());
        registry.Register("ConvInteger", new ConvHandler(0, 1, -1, DataType.Int32));
        registry.Register("QLinearConv", new ConvHandler(0, 3, 8, outputTypeInput: 7));
        registry.Register("ConvTranspose", new ConvTransposeHandler());
        registry.Register("DeformConv", new DeformConvHandler());
        registry.Register("Gemm", new GemmHandler());
        registry.Register("MatMul", new MatMulHandler());
        registry.Register("MatMulInteger", new MatMulHandler(0, 1, DataType.Int32));
        registry.Register("QLinearMatMul", new MatMulHandler(0, 3, outputTypeInput: 7));

        // Recurrent, attention and Einsum.
        registry.Register("RNN", new RecurrentHandler("RNN"));
        registry.Register("GRU", new RecurrentHandler("GRU"));
        registry.Register("LSTM", new RecurrentHandler("LSTM"));
        registry.Register("Einsum", new EinsumHandler());
        registry.Register("Attention", new AttentionHandler());
        registry.Register("RotaryEmbedding", new RotaryEmbeddingHandler());
    }
}
