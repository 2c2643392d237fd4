namespace FlopScope.Kernels;

/// <summary>
/// How much of a device a kernel can use (docs/estimator.md, "Utilisation"). Compute: <c>W</c> work items run in
/// waves of <c>P</c> parallel units, so the busy fraction is <c>W / (ceil(W / P) x P)</c> (wave quantisation:
/// 1 item on 132 SMs uses 1/132 of the chip; 133 items need two waves and use 133/264). Memory: bandwidth saturates
/// once a fraction <c>s</c> of the units stream, so the fraction is <c>min(1, W / (s x P))</c>.
/// </summary>
public static class Utilisation
{
    /// <summary>Work items of <paramref name="outputElements"/> outputs at <paramref name="tileElements"/> per item (at least 1).</summary>
    public static long Work(long outputElements, long tileElements) =>
        Math.Max(1, tileElements <= 0 ? 1 : (outputElements + tileElements - 1) / tileElements);

    /// <summary>Compute utilisation of <paramref name="work"/> items on <paramref name="units"/> units (1 when units is unknown).</summary>
    public static double Compute(long work, int? units)
    {
        if (units is not { } p || p <= 1)
        {
            return 1;
        }

        var w = Math.Max(1, work);
        var waves = (w + p - 1) / p;
        return (double)w / (waves * p);
    }

    /// <summary>Memory utilisation of <paramref name="work"/> items on <paramref name="units"/> units, saturating at
    /// <paramref name="saturation"/> x units (1 when units is unknown).</summary>
    public static double Memory(long work, int? units, double saturation)
    {
        if (units is not { } p || p <= 1)
        {
            return 1;
        }

        return Math.Min(1, Math.Max(1, work) / (Math.Clamp(saturation, 1e-3, 1) * p));
    }

    /// <summary>
    /// Work items that share a kernel's memory traffic. A matrix product (conv, depthwise conv, GEMM) with few output
    /// tiles still streams its inputs and weights over many units: GEMV and split-K kernels (cuBLAS, CUTLASS, MLAS)
    /// split the reduction across thread blocks, so its memory work is at least its bytes read in chunks of the
    /// runtime's streaming tile (the elementwise tile, 4-byte elements), as for a streaming kernel. Other classes keep
    /// their output tiles. Compute utilisation still uses <see cref="Kernel.ParallelWork"/>.
    /// </summary>
    public static long MemoryWork(Kernel kernel, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(runtime);
        if (kernel.Class is not (KernelClass.Conv or KernelClass.DepthwiseConv or KernelClass.Gemm))
        {
            return kernel.ParallelWork;
        }

        var tile = runtime.TileElements.GetValueOrDefault(KernelClass.Elementwise, 4096);
        return Math.Max(kernel.ParallelWork, Work(kernel.BytesRead / 4, tile));
    }

    /// <summary>
    /// Fraction of a matrix product's compute rate left after its per-output work: a product of reduction depth
    /// <paramref name="depth"/> (multiply-accumulates per output) spends, per output, <paramref name="depth"/> MACs in
    /// its inner loop plus <paramref name="epilogueMacs"/> MAC-equivalents loading and storing the accumulator tile
    /// and applying bias and activation, so it runs at depth / (depth + epilogue). 1 when either is unknown (0).
    /// </summary>
    public static double Reduction(long depth, double epilogueMacs) =>
        depth <= 0 || epilogueMacs <= 0 ? 1 : depth / (depth + epilogueMacs);
}
