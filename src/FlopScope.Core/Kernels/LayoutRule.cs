namespace FlopScope.Kernels;

/// <summary>
/// A blocked-layout pass such as ONNX Runtime's NCHWc transformer (CPU, graph optimization level all): convolutions
/// whose channel counts are multiples of <see cref="BlockChannels"/> run in a blocked layout, and a reorder kernel
/// converts each tensor entering the blocked region (ReorderInput) and each tensor leaving it (ReorderOutput).
/// The rules of what joins the region are in docs/estimator.md ("NCHWc layout").
/// </summary>
public sealed record LayoutRule
{
    /// <summary>Channels per block (8 with AVX2, 16 with AVX-512 in ONNX Runtime's MLAS).</summary>
    public int BlockChannels { get; init; } = 8;

    /// <summary>Channel counts a convolution needs to join the blocked layout (padded up to a whole block).</summary>
    public int ChannelAlignment { get; init; } = 4;

    /// <summary>Where the rule comes from.</summary>
    public required string Source { get; init; }
}
