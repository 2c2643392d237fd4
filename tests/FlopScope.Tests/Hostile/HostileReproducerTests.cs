using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hostile;

/// <summary>
/// Every reproducer of issue 12 (tests/fixtures/hostile, copied from shared/hostile), run as a real process: a crafted
/// file must end with exit 2 and one "error:" line (or a correct, quick exit 0 where it is valid), in under 10 s and
/// 1 GiB. In process the CLI cannot show a stack overflow or an out-of-memory kill; a separate process does.
/// </summary>
public sealed class HostileReproducerTests
{
    // "Under 10 s" is the CPU the process uses (wall time on a quiet machine); the wall-clock deadline that kills a
    // hang is longer because the 2-core test machine runs several test suites at once (load averages of 20-30).
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const long OneGiB = 1L << 30;

    private static string Fixture(string name) => Path.Combine(Fixtures.Root, "hostile", name);

    [Theory]
    [InlineData("function_recursive.onnx", "calls itself")]
    [InlineData("deep_if_10000.onnx.gz", "limit 'nesting'")]
    [InlineData("tag_overflow.onnx", "field number")]
    [InlineData("matmul_flops_overflow.onnx", "MatMul 'm1'")]
    [InlineData("range_huge.onnx", "Range 'Range_0'")]
    [InlineData("constantofshape_huge.onnx", "ConstantOfShape 'ConstantOfShape_0'")]
    [InlineData("gz_isize_lie_2mb.onnx.gz", "gzip")]
    public void CraftedModelIsOneLineExitTwo(string file, string says)
    {
        var result = ProcessRun.Flopscope(Deadline, "profile", Fixture(file));

        AssertOneLineError(result, says);
    }

    [Fact]
    public void DeviceFileWithInfiniteFigureIsRefused()
    {
        var result = ProcessRun.Flopscope(Deadline, "devices", "--devices", Fixture("dev_1e400.json"), "--format", "json");

        AssertOneLineError(result, "not finite");
    }

    [Fact]
    public void ExponentialFunctionChainIsCountedOncePerSignature()
    {
        // E0 = Relu; Ek calls E(k-1) twice; the graph calls E20 on 1x3x8x8 (192 elements): 2^20 Relus of 192 FLOPs.
        var result = ProcessRun.Flopscope(Deadline, "profile", Fixture("function_exponential_20.onnx"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"\"total_flops\": {192L << 20},", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.PeakBytes < OneGiB, $"peak {result.PeakBytes:N0} bytes");
    }

    [Fact]
    public void PlainFileNamedGzIsReadAsPlain()
    {
        // BVLC AlexNet (caffe2 export, weights from ConstantOfShape): conv 34,944 + 307,456 + 885,120 + 663,936 + 442,624,
        // fc 37,752,832 + 16,781,312 + 4,097,000 = 60,965,224 parameters (hand-computed from the layer shapes).
        var result = ProcessRun.Flopscope(Deadline, "profile", Fixture("plain_named_gz.onnx.gz"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("60965224", result.Stdout.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(result.CpuTime < Quick, $"{result.CpuTime} CPU");
    }

    [Fact]
    public void BenchReadsPlainFileNamedGz()
    {
        var result = ProcessRun.Flopscope(TimeSpan.FromSeconds(120), "bench", Fixture("plain_named_gz.onnx.gz"), "--runs", "1", "--warmup", "0",
            "--layer-runs", "0", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"latency\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedNpyHeaderIsOneLine()
    {
        var result = ProcessRun.Flopscope(TimeSpan.FromSeconds(120), "bench", Fixtures.Model("squeezenet1_1"), "--runs", "1", "--warmup", "0",
            "--layer-runs", "0", "--input-file", "input=" + Fixture("bad_hdr.npy"));

        AssertOneLineError(result, "bad_hdr.npy");
    }

    [Fact]
    public void BenchRefusesAModelBiggerThanMemory()
    {
        // resnet18 at batch 1,000,000: about 6 TB of activations, far above any test machine's memory.
        var result = CliRunner.Run("bench", Fixtures.Model("resnet18"), "--batch", "1000000", "--runs", "1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--no-memory-check", line, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchWritesNoTelemetryAndLeavesNoTempFolder()
    {
        using var home = new TempFolder();
        var before = TempFolders();

        var result = ProcessRun.Flopscope(TimeSpan.FromSeconds(180), new Dictionary<string, string> { ["HOME"] = home.Path, ["XDG_CACHE_HOME"] = Path.Combine(home.Path, ".cache") },
            "bench", Fixtures.Model("squeezenet1_1"), "--runs", "2", "--warmup", "0", "--layer-runs", "1", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(home.Path, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime")), "ONNX Runtime telemetry database written");
        Assert.DoesNotContain(TempFolders().Except(before), f => f.Contains($"-{result.Pid}-", StringComparison.Ordinal));
    }

    private static string[] TempFolders() => Directory.GetDirectories(Path.GetTempPath(), "flopscope-bench-*");

    private static void AssertOneLineError(ProcessResult result, string says)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr[..Math.Min(result.Stderr.Length, 2000)]}");
        // bench reports progress ("creating session...") on stderr before the error; the error is one line, the last.
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.StartsWith("error", StringComparison.Ordinal) || l.Contains("internal error", StringComparison.Ordinal));
        Assert.Equal(lines[^1], line);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.True(result.CpuTime < Quick || says.EndsWith(".npy", StringComparison.Ordinal), $"took {result.CpuTime} CPU ({result.Elapsed} wall)");
        Assert.True(result.PeakBytes < OneGiB, $"peak {result.PeakBytes:N0} bytes");
    }
}
