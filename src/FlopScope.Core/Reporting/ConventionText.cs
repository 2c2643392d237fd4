using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>Names and headline units of counting conventions, as reports print them.</summary>
public static class ConventionText
{
    /// <summary>The name used on the command line and in JSON.</summary>
    public static string Name(CountingConvention convention) => convention switch
    {
        CountingConvention.Torchvision => "torchvision",
        CountingConvention.Ultralytics => "ultralytics",
        _ => "default",
    };

    /// <summary>Parses a convention name (case-insensitive).</summary>
    public static bool TryParse(string text, out CountingConvention convention)
    {
        convention = text.ToLowerInvariant() switch
        {
            "default" or "pytorch" or "flopcounter" => CountingConvention.Default,
            "torchvision" => CountingConvention.Torchvision,
            "ultralytics" or "thop" => CountingConvention.Ultralytics,
            _ => (CountingConvention)(-1),
        };
        return Enum.IsDefined(convention);
    }

    /// <summary>One-line description of what the headline figure counts.</summary>
    public static string Describe(CountingConvention convention) => convention switch
    {
        CountingConvention.Torchvision => "GMACs of every conv and matrix product (torchvision's \"GFLOPS\" column)",
        CountingConvention.Ultralytics => "GFLOPs = 2 x MACs of weight-bearing Conv/ConvTranspose/Gemm/MatMul only (thop rules, as Ultralytics model.info())",
        _ => "GFLOPs = 2 x MACs of every conv and matrix product, bias excluded (PyTorch FlopCounterMode)",
    };

    /// <summary>The headline figure with its unit: "3.6 GFLOPs" or "1.814 GMACs".</summary>
    public static string Headline(ProfileSummary summary) => summary.Convention == CountingConvention.Torchvision
        ? $"{Units.Giga(summary.Macs, "0.000")} GMACs"
        : $"{Units.Giga(summary.Flops, "0.0")} GFLOPs";

    /// <summary>Unit and label of the headline figure in every command, format and budget: GMACs under torchvision
    /// (the figure torchvision's tables call "GFLOPS"), GFLOPs (2 x MACs) otherwise.</summary>
    public static string HeadlineUnit(CountingConvention convention) => convention == CountingConvention.Torchvision ? "GMACs" : "GFLOPs";

    /// <summary>Machine name of the headline count: <c>macs</c> under torchvision, <c>flops</c> otherwise.</summary>
    public static string HeadlineKey(CountingConvention convention) => convention == CountingConvention.Torchvision ? "macs" : "flops";

    /// <summary>The exact count behind the headline: MACs under torchvision, FLOPs otherwise.</summary>
    public static long HeadlineCount(ProfileSummary summary) => summary.Convention == CountingConvention.Torchvision ? summary.Macs : summary.Flops;
}
