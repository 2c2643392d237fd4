using System.Diagnostics;
using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Safety;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hostile;

/// <summary>The limits of docs/limits.md: each is enforced with a one-line error naming it, and real work stays linear.</summary>
public sealed class LimitTests
{
    [Fact]
    public void NestedIfsBeyondTheLimitNameIt()
    {
        var e = Assert.Throws<LimitExceededException>(() => Profiler.Profile(HostileModels.NestedIf(100)));

        Assert.Equal("nesting", e.Limit);
        Assert.Contains("--limit nesting=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedIfsUpToTheRaisedCeilingAreAnalysedLinearly()
    {
        // 2,000 levels with unknown conditions: each level counts its costlier branch (the then branch, down to the
        // innermost Relu of 4 elements): 4 FLOPs in all. Run on the CLI's large-stack thread, as the CLI does.
        ProfileReport? report = null;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            using var scope = Limits.Use(Limits.Default with { Nesting = Limits.MaxNestingCeiling });
            report = Profiler.Profile(HostileModels.NestedIf(2000));
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(report);
        Assert.Equal(4, report!.Summary.TotalFlops);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void DeepNestInTheFileStopsInTheReader()
    {
        var bytes = HostileModels.NestedIfBytes(500);

        var e = Assert.Throws<LimitExceededException>(() => OnnxModel.Load(bytes, "deep"));

        Assert.Equal("nesting", e.Limit);
    }

    [Fact]
    public void MutualRecursionIsAnError()
    {
        var e = Assert.Throws<InvalidModelException>(() => Profiler.Profile(HostileModels.MutualRecursion()));

        Assert.Contains("A -> B -> A", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FortyLevelExponentialChainAnswersInUnderASecond()
    {
        var model = HostileModels.ExponentialFunctions(40);
        var clock = Stopwatch.StartNew();

        var report = Profiler.Profile(model);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        // 2^40 Relus of 4 elements, 1 FLOP each.
        Assert.Equal(4L << 40, report.Summary.TotalFlops);
    }

    [Fact]
    public void SixtyThreeLevelsOverflowIntoAnErrorNotACrash()
    {
        // 2^62 Relus x 4 FLOPs does not fit 64 bits: one error naming the node.
        var e = Assert.ThrowsAny<FlopScopeException>(() => Profiler.Profile(HostileModels.ExponentialFunctions(62)));

        Assert.Contains("overflow", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongChainIsLinear()
    {
        var model = OnnxModel.Load(HostileModels.ReluChain(100_000), "chain");

        var report = model.Profile(new ProfileOptions());

        Assert.Equal(100_000, report.Summary.Nodes);
        Assert.Equal(100_000L * 64, report.Summary.TotalFlops);
    }

    [Fact]
    public void NodeLimitIsEnforced()
    {
        var model = OnnxModel.Load(HostileModels.ReluChain(1_000), "chain");
        using var scope = Limits.Use(Limits.Default with { Nodes = 999 });

        var e = Assert.Throws<LimitExceededException>(() => model.Profile(new ProfileOptions()));

        Assert.Equal("nodes", e.Limit);
    }

    [Fact]
    public void DecompressedSizeLimitStopsInflating()
    {
        using var folder = new TempFolder();
        var path = folder.Write("chain.onnx.gz", Gzip(HostileModels.ReluChain(10_000)));
        using var scope = Limits.Use(Limits.Default with { Decompressed = 4096 });

        var e = Assert.Throws<LimitExceededException>(() => OnnxModel.Load(path));

        Assert.Equal("decompressed", e.Limit);
    }

    [Fact]
    public void TruncatedGzipSaysSo()
    {
        using var folder = new TempFolder();
        var full = Gzip(HostileModels.ReluChain(10_000));
        var path = folder.Write("cut.onnx.gz", full[..(full.Length / 2)]);

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));

        Assert.Contains("gzip", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nesting=200", 200)]
    [InlineData("nesting=1K", 1000)]
    public void LimitFlagParses(string setting, int nesting) =>
        Assert.Equal(nesting, Limits.Default.With([setting]).Nesting);

    [Theory]
    [InlineData("nest=3", "NAME one of")]
    [InlineData("nesting=0", "between 1")]
    [InlineData("nesting=99999", "between 1")]
    [InlineData("json=99999999999999999999", "not a positive whole number")]
    [InlineData("json=9223372036854775807GiB", "overflow")]
    public void BadLimitFlagIsOneLine(string setting, string says)
    {
        var e = Assert.ThrowsAny<FlopScopeException>(() => Limits.Default.With([setting]));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckedMathNamesWhatOverflowed()
    {
        Assert.Equal(6, CheckedMath.Multiply(2, 3, "x"));
        var e = Assert.Throws<FlopScopeException>(() => CheckedMath.Multiply(long.MaxValue, 2, "Tile 't'"));
        Assert.StartsWith("Tile 't'", e.Message, StringComparison.Ordinal);
        Assert.Throws<FlopScopeException>(() => CheckedMath.ToInt64(double.PositiveInfinity, "x"));
        Assert.Throws<FlopScopeException>(() => CheckedMath.Sum([long.MaxValue, 1], "sum"));
    }

    [Fact]
    public void BoundedFileStopsAtTheCap()
    {
        var e = Assert.Throws<LimitExceededException>(() => BoundedFile.ReadAllBytes("/dev/zero", 1 << 20, "device file", "json"));

        Assert.Equal("json", e.Limit);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
