namespace FlopScope.Runtime;

/// <summary>ONNX Runtime graph optimization level.</summary>
public enum GraphOptimization
{
    /// <summary>No graph rewrite: kernels are the model's own nodes (per-layer times are exact).</summary>
    None,

    /// <summary>Constant folding and redundant-node removal.</summary>
    Basic,

    /// <summary>Basic plus fusions (Conv+activation, GELU, attention...).</summary>
    Extended,

    /// <summary>Extended plus layout optimizations (NCHWc on CPU). ONNX Runtime's default.</summary>
    All,
}
