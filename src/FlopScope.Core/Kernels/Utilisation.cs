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
}
