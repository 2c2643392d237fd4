namespace FlopScope.Hardware;

/// <summary>Arithmetic precision a model is judged at (weights and activations stored and computed at it).</summary>
public enum Precision
{
    /// <summary>32-bit float.</summary>
    Fp32,

    /// <summary>16-bit float.</summary>
    Fp16,

    /// <summary>bfloat16.</summary>
    Bf16,

    /// <summary>8-bit integer.</summary>
    Int8,
}
