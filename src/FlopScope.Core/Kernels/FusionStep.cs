namespace FlopScope.Kernels;

/// <summary>What the other operand of a binary epilogue op must be for the step to fuse.</summary>
public enum StepOperand
{
    /// <summary>Anything (unary ops, or either kind of operand).</summary>
    Any,

    /// <summary>A stored tensor or constant: a bias or a scale folded into the kernel's epilogue.</summary>
    Constant,

    /// <summary>A computed activation: a residual (skip) connection the kernel reads as an extra input.</summary>
    Activation,
}

/// <summary>
/// One optional step of a fusion rule's epilogue: the sole consumer of the kernel's current output fuses when its op
/// is in <see cref="Ops"/> (an op name, or <c>@pattern</c> for a multi-node pattern of the same runtime, such as
/// <c>@silu</c> = Sigmoid + Mul) and its other operand is of kind <see cref="Operand"/>.
/// </summary>
/// <param name="Ops">Op names (domain-prefixed outside the default domain) or <c>@pattern</c> ids.</param>
/// <param name="Operand">Kind of the other operand of a binary op.</param>
/// <param name="Repeat">True when the step may fuse several times in a row (chains of elementwise ops).</param>
public sealed record FusionStep(IReadOnlyList<string> Ops, StepOperand Operand = StepOperand.Any, bool Repeat = false);
