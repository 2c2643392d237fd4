namespace FlopScope.Training;

/// <summary>Optimizer whose state training memory includes.</summary>
public enum Optimizer
{
    /// <summary>SGD with momentum: one fp32 buffer per trainable parameter.</summary>
    Sgd,

    /// <summary>Adam: first and second moments, two fp32 buffers per trainable parameter.</summary>
    Adam,

    /// <summary>AdamW: same state as Adam.</summary>
    AdamW,
}
