using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Profiling;

namespace FlopScope.Sweeps;

/// <summary>
/// Profiles a model at each size of one dimension and fits the exact polynomial of FLOPs, total FLOPs, parameters and
/// peak activation memory in that dimension (verified at a size not used for the fit). A sweep whose profiles have
/// uncounted ops is not fitted: the missing costs would make any formula wrong.
/// </summary>
public static class Sweeper
{
    /// <summary>Metrics fitted, in report order.</summary>
    public static readonly IReadOnlyList<(string Name, Func<ProfileReport, long> Value)> Metrics =
    [
        ("FLOPs", r => r.Summary.Flops),
        ("total FLOPs", r => r.Summary.TotalFlops),
        ("parameters", r => r.Summary.Parameters.Total),
        ("peak activation bytes", r => r.Memory.PeakActivationBytes),
    ];

    /// <summary>Parses <c>imgsz=320,480,640</c> into a dimension and sizes.</summary>
    public static (string Dimension, long[] Sizes) Parse(string text)
    {
        var at = text.IndexOf('=');
        var sizes = at > 0 ? text[(at + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var values = sizes.Select(s => long.TryParse(s, out var v) && v > 0 ? v : -1).ToArray();
        if (at <= 0 || values.Length < 2 || values.Any(v => v < 0) || values.Distinct().Count() != values.Length)
        {
            throw new FlopScopeException($"--sweep takes NAME=SIZE,SIZE,... with at least two distinct positive sizes (e.g. imgsz=320,480,640,960), got '{text}'.");
        }

        return (text[..at].Trim(), values);
    }

    /// <summary>Profiles <paramref name="model"/> at every size and fits the metrics.</summary>
    public static SweepResult Run(Model model, ProfileOptions options, string dimension, IReadOnlyList<long> sizes)
    {
        var points = sizes.Select(size => (size, Profiler.Profile(model, With(options, dimension, size)))).ToList();
        var incomplete = points.FirstOrDefault(p => !p.Item2.Summary.IsComplete);
        if (incomplete.Item2 is not null)
        {
            return new SweepResult(dimension, points, Metrics.ToDictionary(m => m.Name, _ => (Polynomial?)null),
                $"not fitted: at {dimension}={incomplete.size} some ops are unsupported or unresolved (data-dependent or unknown), so costs are incomplete");
        }

        var fits = Metrics.ToDictionary(m => m.Name, m => PolynomialFit.Fit(points.Select(p => (p.size, m.Value(p.Item2))).ToArray()));
        var unfitted = fits.Where(f => f.Value is null).Select(f => f.Key).ToArray();
        var reason = unfitted.Length > 0
            ? $"{string.Join(", ", unfitted)}: not a polynomial of degree <= {sizes.Count - 2} in {dimension} over these sizes (a peak switching between layers is piecewise; strides that do not divide a size round)"
            : null;
        return new SweepResult(dimension, points, fits, reason);
    }

    /// <summary>The options of one sweep point: <paramref name="options"/> with the swept dimension set to <paramref name="size"/>.</summary>
    public static ProfileOptions With(ProfileOptions options, string dimension, long size) => dimension switch
    {
        "imgsz" => options with { ImageSize = (size, size) },
        "batch" => options with { Batch = size },
        _ => options with { Dims = new Dictionary<string, long>(options.Dims) { [dimension] = size } },
    };
}
