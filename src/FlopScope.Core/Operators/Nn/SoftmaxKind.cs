namespace FlopScope.Operators.Nn;

/// <summary>The member of the softmax family a <see cref="SoftmaxHandler"/> serves.</summary>
public enum SoftmaxKind
{
    /// <summary>Softmax: 5 FLOPs per element.</summary>
    Softmax,

    /// <summary>LogSoftmax: 5 FLOPs per element and one log per normalized row.</summary>
    LogSoftmax,

    /// <summary>Hardmax: one comparison per element.</summary>
    Hardmax,
}
