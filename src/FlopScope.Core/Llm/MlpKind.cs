namespace FlopScope.Llm;

/// <summary>Shape of a feed-forward block.</summary>
public enum MlpKind
{
    /// <summary>Gated: gate and up projections hidden -> intermediate, down intermediate -> hidden (SwiGLU, GeGLU).</summary>
    Gated,

    /// <summary>Plain: up hidden -> intermediate, down intermediate -> hidden (GPT-2, GPT-NeoX, Falcon).</summary>
    Plain,
}
