namespace FlopScope.Operators.Nn;

/// <summary>The aggregation of a Reduce* op; see <see cref="ReduceHandler"/> for each one's FLOPs.</summary>
public enum ReduceKind
{
    /// <summary>ReduceSum.</summary>
    Sum,

    /// <summary>ReduceMean.</summary>
    Mean,

    /// <summary>ReduceMax.</summary>
    Max,

    /// <summary>ReduceMin.</summary>
    Min,

    /// <summary>ReduceProd.</summary>
    Prod,

    /// <summary>ReduceL1: sum of |x|.</summary>
    L1,

    /// <summary>ReduceL2: sqrt of the sum of x^2.</summary>
    L2,

    /// <summary>ReduceLogSum: log of the sum.</summary>
    LogSum,

    /// <summary>ReduceLogSumExp: log of the sum of exp(x).</summary>
    LogSumExp,

    /// <summary>ReduceSumSquare: sum of x^2.</summary>
    SumSquare,
}
