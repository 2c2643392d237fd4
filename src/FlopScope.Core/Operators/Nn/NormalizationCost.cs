using FlopScope.Graph;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// The FLOP rule of mean/variance normalizations (LayerNormalization, InstanceNormalization, GroupNormalization,
/// MeanVarianceNormalization): per element 5 (mean sum, subtract mean, square, variance sum, multiply by the inverse
/// standard deviation), per normalized group 5 (mean divide, variance divide, epsilon add, sqrt, reciprocal), plus
/// one FLOP per element for each affine term (scale, bias) applied.
/// </summary>
public static class NormalizationCost
{
    /// <summary>FLOPs per element of standardization.</summary>
    public const int PerElement = 5;

    /// <summary>FLOPs per normalized group (statistics finishing).</summary>
    public const int PerGroup = 5;

    /// <summary>FLOPs of standardizing <paramref name="elements"/> elements in <paramref name="groups"/> groups
    /// and applying <paramref name="affineTerms"/> per-element affine operations.</summary>
    public static long Of(DataType type, long elements, long groups, int affineTerms) =>
        checked(FloatCost.Of(type, elements, PerElement + affineTerms) + FloatCost.Of(type, groups, PerGroup));
}
