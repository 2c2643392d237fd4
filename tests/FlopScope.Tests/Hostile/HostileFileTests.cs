using System.Diagnostics;
using FlopScope.Graph;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Onnx.Loading;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hostile;

/// <summary>
/// Files around the model, run as real processes: external-data paths that leave the model's folder through a
/// symbolic link or carry a NUL, a model whose weights exceed memory (a sparse file, so nothing big is written), and
/// bench killed while its temporary folder exists.
/// </summary>
public sealed class HostileFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public void SymlinkedFolderLeadingOutsideIsRefused()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        outside.Write("weights.bin", new byte[8 * 3 * 3 * 3 * 4]);
        var path = folder.Write("model.onnx", ExternalDataPathTests.ConvWithExternalWeight("data/weights.bin"));
        Directory.CreateSymbolicLink(folder.File("data"), outside.Path);

        var result = ProcessRun.Flopscope(Deadline, "profile", path);

        AssertOneLine(result, "symbolic link");
    }

    [Fact]
    public void SymlinkedFileLeadingOutsideIsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.Write("model.onnx", ExternalDataPathTests.ConvWithExternalWeight("weights.bin"));
        File.CreateSymbolicLink(folder.File("weights.bin"), "/etc/passwd");

        var result = ProcessRun.Flopscope(Deadline, "profile", path);

        AssertOneLine(result, "symbolic link");
    }

    [Fact]
    public void SymlinkStayingInsideIsFollowed()
    {
        using var folder = new TempFolder();
        folder.Write("real/weights.bin", new byte[8 * 3 * 3 * 3 * 4]);
        var path = folder.Write("model.onnx", ExternalDataPathTests.ConvWithExternalWeight("data/weights.bin"));
        Directory.CreateSymbolicLink(folder.File("data"), folder.File("real"));

        var result = ProcessRun.Flopscope(Deadline, "profile", path, "--format", "json");

        // Conv 8x3x3x3 over 1x3x8x8 (padding 0): 8 x 6 x 6 outputs x 27 MACs = 7,776 MACs; 216 parameters.
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"macs\": 7776,", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NulInExternalDataLocationIsOneLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("model.onnx", ExternalDataPathTests.ConvWithExternalWeight("weights\0.bin"));

        var result = ProcessRun.Flopscope(Deadline, "profile", path);

        AssertOneLine(result, "control characters");
    }

    [Fact]
    public void BenchOnWeightsBiggerThanMemoryIsOneLine()
    {
        // A MatMul with a 2^18 x 2^18 float weight in external data: 256 GiB, a sparse file that takes no disk blocks.
        const long Side = 1 << 18;
        using var folder = new TempFolder();
        var model = new TestGraph().Input("x", 1, Side).Weight("W", Side, Side).Node("MatMul", ["x", "W"], ["y"]).BuildModel("y");
        var g = model.Graph;
        var initializers = g.Initializers.ToDictionary(kv => kv.Key, kv => kv.Value with { IsExternal = true, ExternalLocation = "weights.bin" });
        var path = folder.Write("big.onnx", OnnxWriter.Write(new Model(new Graph.Graph(g.Name, g.Nodes, g.AllDeclaredInputs, g.Outputs, initializers), model.Opsets)));
        using (var data = new FileStream(folder.File("weights.bin"), FileMode.Create, FileAccess.Write))
        {
            data.SetLength(Side * Side * 4);
        }

        var result = ProcessRun.Flopscope(Deadline, "bench", path, "--runs", "1", "--warmup", "0");

        AssertOneLine(result, "--no-memory-check");
        Assert.Contains("weights 256", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchEndedBySigtermRemovesItsTempFolder()
    {
        var (process, folder) = StartBenchUntilTempFolder();

        Signal(process.Id, "TERM");
        Assert.True(process.WaitForExit(60_000), "bench did not end on SIGTERM");

        Assert.False(Directory.Exists(folder), $"{folder} left behind after SIGTERM");
    }

    [Fact]
    public void FolderOfABenchKilledWithSigkillIsRemovedByTheNextBench()
    {
        var (process, folder) = StartBenchUntilTempFolder();

        Signal(process.Id, "KILL");
        Assert.True(process.WaitForExit(60_000));
        // SIGKILL cannot be caught: the folder stays until the next bench sees that its process is gone.
        Assert.True(Directory.Exists(folder), "expected the killed process's folder to remain until the next bench");

        var next = ProcessRun.Flopscope(TimeSpan.FromSeconds(300), "bench", Fixtures.Model("squeezenet1_1"), "--runs", "1", "--warmup", "0", "--layer-runs", "1", "--format", "json");

        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.False(Directory.Exists(folder), $"{folder} of the killed bench not removed by the next one");
    }

    // A bench timing layers for a long time: its temporary folder (flopscope-bench-PID-*) exists while it runs.
    private static (Process Process, string Folder) StartBenchUntilTempFolder()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "flopscope.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "bench", Fixtures.Model("squeezenet1_1"), "--runs", "1", "--warmup", "0", "--layer-runs", "100000", "--format", "json" })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(240))
        {
            var folders = Directory.GetDirectories(Path.GetTempPath(), $"flopscope-bench-{process.Id}-*");
            if (folders.Length > 0)
            {
                return (process, folders[0]);
            }

            if (process.HasExited)
            {
                break;
            }

            Thread.Sleep(50);
        }

        process.Kill(entireProcessTree: true);
        throw new Xunit.Sdk.XunitException($"bench made no temporary folder within {clock.Elapsed} (exited: {process.HasExited})");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static void AssertOneLine(ProcessResult result, string says)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr[..Math.Min(result.Stderr.Length, 2000)]}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.StartsWith("error", StringComparison.Ordinal) || l.Contains("internal error", StringComparison.Ordinal));
        Assert.Equal(lines[^1], line);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.True(result.PeakBytes < 1L << 30, $"peak {result.PeakBytes:N0} bytes");
    }
}
