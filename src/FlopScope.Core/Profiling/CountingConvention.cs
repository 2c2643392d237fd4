namespace FlopScope.Profiling;

/// <summary>
/// Which operations the headline MAC/FLOP figures count, so numbers match the tool a user compares against.
/// In every convention FLOPs = 2 x MACs; <c>total_flops</c> (all arithmetic) does not depend on the convention.
/// </summary>
public enum CountingConvention
{
    /// <summary>MACs of every convolution and matrix product, activation x activation products included (attention),
    /// bias excluded: equals PyTorch FlopCounterMode's total / 2. Headline unit: GFLOPs.</summary>
    Default,

    /// <summary>The same MACs as <see cref="Default"/>, shown as GMACs: torchvision's "GFLOPS" column (meta["_ops"]).</summary>
    Torchvision,

    /// <summary>thop's module rules as Ultralytics uses them: only weight-bearing Conv, ConvTranspose, Gemm and MatMul
    /// (a stored weight operand); activation x activation products count zero. Headline: GFLOPs = 2 x those MACs, as
    /// <c>model.info()</c> prints.</summary>
    Ultralytics,
}
