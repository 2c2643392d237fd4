using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Microsoft;

/// <summary>ONNX Runtime contrib ops of the com.microsoft domain.</summary>
internal static class MicrosoftOperators
{
    public static void Register(OperatorRegistry registry)
    {
        const string Ms = OperatorKey.MicrosoftDomain;

        // Fused convolution and matrix products.
        registry.Register(Ms, "FusedConv", new FusedConvHandler());
        registry.Register(Ms, "FusedMatMul", new MatMulHandler(honourTransposeAttributes: true));
        registry.Register(Ms, "MatMulNBits", new MatMulNBitsHandler());

        // Attention.
        registry.Register(Ms, "Attention", new PackedAttentionHandler());
        registry.Register(Ms, "MultiHeadAttention", new MultiHeadAttentionHandler());
        registry.Register(Ms, "GroupQueryAttention", new GroupQueryAttentionHandler());
        registry.Register(Ms, "RotaryEmbedding", new RotaryEmbeddingHandler(cosIndex: 2, positionIndex: 1));

        // Normalization (ONNX Runtime registers SimplifiedLayerNormalization in the default domain too).
        registry.Register(Ms, "SkipLayerNormalization", new NormalizationHandler(simplified: false, skip: true));
        registry.Register(Ms, "SkipSimplifiedLayerNormalization", new NormalizationHandler(simplified: true, skip: true));
        registry.Register(Ms, "SimplifiedLayerNormalization", new NormalizationHandler(simplified: true, skip: false));
        registry.Register("SimplifiedLayerNormalization", new NormalizationHandler(simplified: true, skip: false));
        registry.Register(Ms, "EmbedLayerNormalization", new EmbedLayerNormalizationHandler());

        // Elementwise fusions: activation FLOPs per element plus one add per bias/skip operand.
        registry.Register(Ms, "Gelu", new BiasActivationHandler(5));
        registry.Register(Ms, "BiasGelu", new BiasActivationHandler(5));
        registry.Register(Ms, "FastGelu", new BiasActivationHandler(9));
        registry.Register(Ms, "QuickGelu", new BiasActivationHandler(5));
        registry.Register(Ms, "BiasAdd", new BiasActivationHandler(0));
    }
}
