using System.Diagnostics;
using FlopScope.Errors;
using FlopScope.Profiling;
using FlopScope.Runtime;
using FlopScope.Runtime.Remote;

namespace FlopScope.Tests.Remote;

/// <summary>The pieces of the remote bench that need no server: quoting (checked against the real /bin/sh), host
/// lists, the flags forwarded to the remote, the fleet table's figures, ssh's messages.</summary>
public sealed class RemotePartsTests
{
    [SkippableTheory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's")]
    [InlineData("$(touch /tmp/flopscope-pwned) `id` ; rm -rf / && echo \"x\" \\ *")]
    [InlineData("")]
    [InlineData("new\nline")]
    public void QuotedWordsReachTheShellUnchanged(string word)
    {
        Skip.IfNot(File.Exists("/bin/sh"), "no /bin/sh");
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("printf '%s' " + ShellQuote.Quote(word));
        using var sh = Process.Start(info)!;
        var output = sh.StandardOutput.ReadToEnd();
        sh.WaitForExit();

        Assert.Equal(word, output);
    }

    [Fact]
    public void HostListsCarryTheirDevices()
    {
        var hosts = SshHost.ParseList("pi@pi5=rpi5, orin ,me@t4-box=t4");

        Assert.Equal([new SshHost("pi@pi5", "rpi5"), new SshHost("orin"), new SshHost("me@t4-box", "t4")], hosts);
        Assert.Throws<FlopScopeException>(() => SshHost.Parse("-oProxyCommand=evil"));
        Assert.Throws<FlopScopeException>(() => SshHost.Parse("host;rm"));
    }

    [Fact]
    public void TheRemoteGetsTheSameFlags()
    {
        var options = new BenchOptions
        {
            Profile = new ProfileOptions { ImageSize = (480, 640), Batch = 2, Dims = new Dictionary<string, long> { ["sequence"] = 128 } },
            Warmup = 3, Runs = 7, Threads = 2, LayerRuns = 0, Provider = "cuda",
            ProviderOptions = new Dictionary<string, string> { ["device_id"] = "1" },
        };

        Assert.Equal(["--warmup", "3", "--runs", "7", "--threads", "2", "--graph-optimization", "all", "--provider", "cuda", "--layer-runs", "0",
            "--provider-option", "device_id=1", "--ort-library", "/opt/ort/libonnxruntime.so", "--imgsz", "480,640", "--batch", "2", "--dim", "sequence=128",
            "--convention", "default", "--depth", "1"], RemoteBench.Arguments(options, "/opt/ort/libonnxruntime.so"));
    }

    [Fact]
    public void FleetRowsAreTheHostsFiguresAndErrors()
    {
        var report = new BenchReport
        {
            Model = "m",
            Machine = new MachineInfo { Cpu = "Cortex-A76", Cores = 4, Os = "Linux", Architecture = "arm64", DotNet = ".NET 10", OrtVersion = "1.31.1", Provider = "cpu", Threads = 0, GraphOptimization = "all", Host = "pi" },
            Inputs = [],
            Batch = 4,
            Warmup = 1,
            Latency = LatencyStats.From([20.0, 25.0, 30.0]),
            SessionCreationMs = 1,
            PeakMemoryBytes = 1,
            TotalFlops = 3_000_000_000,
            Estimate = new EstimateComparison { Device = "rpi5", EstimatedMs = 12.5, MeasuredMs = 25.0, ByOp = [] },
        };

        var rows = FleetTable.Rows([new FleetResult(new SshHost("pi", "rpi5"), report, null), new FleetResult(new SshHost("gone"), null, "gone: unreachable")]);

        // median 25 ms: 40 inferences/s, 160 items/s at batch 4, 3 GFLOP / 25 ms = 120 GFLOP/s, estimate 12.5 / 25 = 0.5.
        Assert.Equal(25.0, rows[0].Latency!.MedianMs);
        Assert.Equal(40.0, rows[0].InferencesPerSecond!.Value, 9);
        Assert.Equal(160.0, rows[0].ItemsPerSecond!.Value, 9);
        Assert.Equal(120.0, rows[0].AchievedGflops!.Value, 9);
        Assert.Equal(0.5, rows[0].EstimateRatio!.Value, 9);
        Assert.Equal("rpi5", rows[0].Device);
        Assert.Null(rows[0].Error);
        Assert.Equal("gone: unreachable", rows[1].Error);
        Assert.Null(rows[1].Latency);
    }

    [Theory]
    [InlineData("aarch64", "Linux", "arm64", true)]
    [InlineData("x86_64", "Linux", "x64", true)]
    [InlineData("arm64", "Darwin", "arm64", true)]
    [InlineData("armv7l", "Linux", "arm", false)]
    [InlineData("riscv64", "Linux", "riscv64", false)]
    public void TheProbeSaysWhetherTheBundledRuntimeHasALibraryForTheMachine(string machine, string system, string architecture, bool supported)
    {
        var probe = RemoteProbe.Parse($"arch={machine}\nos={system}\ncommand=/home/pi/.dotnet/tools/flopscope\nversion=0.1.0+4f2a\ntemp=/tmp\nfree_kb=123456\ndir=/tmp/flopscope.ab12\n", "/tmp");

        Assert.Equal(architecture, probe.Architecture);
        Assert.Equal(supported, probe.BundledRuntimeSupported);
        Assert.Equal(new Version(0, 1, 0), probe.Version);
        Assert.Equal(123456, probe.FreeKib);
        Assert.Equal("/tmp/flopscope.ab12", probe.Folder);
    }

    [Theory]
    [InlineData("ssh: Could not resolve hostname nowhere.invalid: Name or service not known", "host not found: cannot resolve the name")]
    [InlineData("ssh: connect to host 127.0.0.1 port 1: Connection refused", "unreachable: connection refused")]
    [InlineData("ssh: connect to host 10.0.0.9 port 22: Connection timed out", "unreachable (ssh: ")]
    [InlineData("pi@pi5: Permission denied (publickey,password).", "authentication refused (ssh: pi@pi5: Permission denied (publickey,password).)")]
    [InlineData("Host key verification failed.", "host key not trusted")]
    [InlineData("scp: write remote \"/tmp/x/m.onnx\": No space left on device", "disk full on the remote")]
    public void SshMessagesBecomeOneLineThatSaysWhatToDo(string stderr, string expected)
    {
        Assert.StartsWith(expected, SshFailure.Describe("pi@pi5", "Warning: Permanently added 'x' to the list of known hosts.\n" + stderr), StringComparison.Ordinal);
    }
}
