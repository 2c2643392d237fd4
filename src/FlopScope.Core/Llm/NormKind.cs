namespace FlopScope.Llm;

/// <summary>How a decoder normalizes: the kind decides the stored parameters per norm.</summary>
public enum NormKind
{
    /// <summary>RMSNorm: one weight vector (Llama, Mistral, Qwen, Gemma, Phi-3).</summary>
    RmsNorm,

    /// <summary>LayerNorm with weight and bias (GPT-2, GPT-NeoX, Falcon).</summary>
    LayerNorm,
}
