namespace FlopScope.Operators.Nn;

/// <summary>The aggregation of a pooling op, which decides its FLOPs per window element.</summary>
public enum PoolKind
{
    /// <summary>Maximum: one comparison per window element.</summary>
    Max,

    /// <summary>Average: one add per window element and one divide per output.</summary>
    Average,

    /// <summary>Lp norm: |x|, x^p and an add per window element (3) and one p-th root per output.</summary>
    Lp,
}
