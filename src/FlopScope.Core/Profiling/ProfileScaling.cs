using System.Globalization;

namespace FlopScope.Profiling;

/// <summary>
/// How a report of a static export was scaled to the requested input size instead of being computed at it
/// (<see cref="ProfileOptions.Rescale"/>): the stored shape it was profiled at, the factor every activation cost was
/// multiplied by, and which nodes the scaling is exact for.
/// </summary>
public sealed record ProfileScaling
{
    /// <summary>The input shape the export fixes, at which the graph was profiled (<c>1x3x640x640</c>).</summary>
    public required string StoredShape { get; init; }

    /// <summary>Batch ratio x spatial-area ratio, applied to every node's MACs, FLOPs and activation traffic.</summary>
    public required double Factor { get; init; }

    /// <summary>Nodes whose scaled cost is checked exact: sliding-window ops (Conv, pooling) whose output size, recomputed
    /// from their attributes at the scaled input, is exactly the scaled output. Nodes without a cost need no check.</summary>
    public required int ExactNodes { get; init; }

    /// <summary>Nodes with a cost whose scaling follows the area rule unchecked (their real cost at the requested size
    /// may differ: a classifier's Gemm after global pooling does not grow with the image).</summary>
    public required IReadOnlyList<string> ApproximateNodes { get; init; }

    /// <summary>Scaled MACs (under the report's convention) of the approximate nodes.</summary>
    public required long ApproximateMacs { get; init; }

    /// <summary>Scaled total FLOPs of the approximate nodes.</summary>
    public required long ApproximateTotalFlops { get; init; }

    /// <summary>The factor as text: <c>x0.25</c>.</summary>
    public string FactorText => "x" + Factor.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>One line for every output: what was scaled, by what rule, and how exact it is.</summary>
    public string Describe(ProfileSummary summary)
    {
        var line = $"scaled {FactorText} from the stored {StoredShape} profile by batch and spatial area (Ultralytics' rule for other image sizes); "
            + $"exact for {ExactNodes} convolution/pooling node(s)";
        if (ApproximateNodes.Count == 0)
        {
            return line + "; no approximate nodes";
        }

        var share = summary.TotalFlops == 0 ? 0 : 100.0 * ApproximateTotalFlops / summary.TotalFlops;
        var macs = summary.Macs == 0 ? 0 : 100.0 * ApproximateMacs / summary.Macs;
        return line + $"; approximate (area rule, unchecked) for {ApproximateNodes.Count} other node(s) with a cost "
            + $"({macs.ToString("0.#", CultureInfo.InvariantCulture)}% of MACs, {share.ToString("0.#", CultureInfo.InvariantCulture)}% of total FLOPs)";
    }
}
