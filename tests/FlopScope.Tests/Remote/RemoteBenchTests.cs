using System.Diagnostics;
using System.Text.Json;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Remote;

/// <summary>bench --host against real OpenSSH servers on localhost (see <see cref="SshServer"/>).</summary>
public sealed class RemoteBenchTests(SshFixture fixture) : IClassFixture<SshFixture>
{
    private static readonly string[] Quick = ["--runs", "3", "--warmup", "1", "--layer-runs", "1", "--threads", "1", "--graph-optimization", "none"];

    private string[] Remote(string hosts, string temp, params string[] extra) =>
        ["--host", hosts, "--ssh-config", fixture.Server.Config, "--remote-command", fixture.Server.FlopScope, "--remote-temp", temp, .. extra];

    [SkippableFact]
    public void RemoteBenchHasTheSchemaAndStatisticsOfALocalRun()
    {
        var temp = fixture.Server.NewRemoteTemp();
        var model = Fixtures.Model("squeezenet1_1");

        var remote = CliRunner.Run(["bench", model, .. Quick, "--format", "json", .. Remote("fs-a", temp)]);
        var local = CliRunner.Run(["bench", model, .. Quick, "--format", "json"]);

        Assert.True(remote.ExitCode == 0, remote.Stderr);
        Assert.Equal(0, local.ExitCode);
        using var r = JsonDocument.Parse(remote.Stdout);
        using var l = JsonDocument.Parse(local.Stdout);
        // Same document shape: every property path of the local run is in the remote one; the remote adds machine.host.
        Assert.Equal(Paths(l.RootElement, "").Append("/machine/host").Order(), Paths(r.RootElement, "").Order());
        Assert.Equal("fs-a", r.RootElement.GetProperty("machine").GetProperty("host").GetString());
        var report = BenchReport.Deserialize(remote.Stdout);
        var localReport = BenchReport.Deserialize(local.Stdout);
        Assert.Equal(3, report.Latency.Runs);
        Assert.Equal(localReport.TotalFlops, report.TotalFlops);
        Assert.Equal(localReport.Layers!.Layers.Count, report.Layers!.Layers.Count);
        Assert.Equal(localReport.Layers.Attribution, report.Layers.Attribution);
        Assert.Equal(localReport.Inputs, report.Inputs, (a, b) => a.Name == b.Name && a.Shape.SequenceEqual(b.Shape) && a.Source == b.Source);
        var s = report.Latency;
        Assert.True(s.MinMs > 0 && s.MinMs <= s.MedianMs && s.MedianMs <= s.P90Ms && s.P90Ms <= s.P99Ms && s.P99Ms <= s.MaxMs, $"{s}");
        Assert.Equal(report.TotalFlops / (s.MedianMs * 1e6), report.AchievedGflops, 9);
        // The remote's progress lines are streamed, prefixed with the host.
        Assert.Contains("[fs-a] timing...", remote.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void AFleetOfTwoHostsIsOneTableAndPortableBenchDocuments()
    {
        var temp = fixture.Server.NewRemoteTemp();
        using var output = new TempFolder();
        var model = Fixtures.Model("squeezenet1_1");

        var result = CliRunner.Run(["bench", model, .. Quick, .. Remote("fs-a=i9-13900k,fs-b", temp, "--output-dir", output.Path)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("measured on each host", result.Stdout);
        var rows = result.Stdout.Split('\n');
        Assert.Contains(rows, r => r.Contains("fs-a", StringComparison.Ordinal) && r.Contains("i9-13900k", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("fs-b", StringComparison.Ordinal));
        var files = Directory.GetFiles(output.Path).Order().ToArray();
        Assert.Equal(["squeezenet1_1@fs-a.bench.json", "squeezenet1_1@fs-b.bench.json"], files.Select(Path.GetFileName));
        var a = BenchReport.Deserialize(File.ReadAllText(files[0]));
        Assert.Equal("i9-13900k", a.Estimate!.Device);
        Assert.Equal(a.Latency.MedianMs, a.Estimate.MeasuredMs);
        Assert.Null(BenchReport.Deserialize(File.ReadAllText(files[1])).Estimate);
        // compare reads the saved result like any bench result, naming the host.
        var compare = CliRunner.Run("compare", files[0]);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Contains("fs-a: ", compare.Stdout);
        // ... and so does the HTML report's measured view.
        var html = CliRunner.Run("profile", model, "--device", "i9-13900k", "--measured", files[0], "-o", output.File("report.html"));
        Assert.True(html.ExitCode == 0, html.Stderr);
        Assert.Contains("data-chart=\"measured\"", File.ReadAllText(output.File("report.html")));
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void EachFailingHostIsOneLineAndTheOthersAreStillPrinted()
    {
        var temp = fixture.Server.NewRemoteTemp();

        var result = CliRunner.Run(["bench", Fixtures.Model("squeezenet1_1"), .. Quick, "--format", "json", .. Remote("fs-a,fs-nowhere,fs-refused,fs-closed", temp)]);

        Assert.Equal(2, result.ExitCode);
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("error: fs-nowhere: host not found: cannot resolve the name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("error: fs-refused: authentication refused (ssh: ", StringComparison.Ordinal) && e.Contains("Permission denied", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("error: fs-closed: unreachable: connection refused", StringComparison.Ordinal));
        // The good host's figures are still there, in the fleet document.
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("flopscope.fleet/1", json.RootElement.GetProperty("schema").GetString());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["fs-a", "fs-nowhere", "fs-refused", "fs-closed"], rows.Select(r => r.GetProperty("host").GetString()));
        Assert.Equal("ok", rows[0].GetProperty("status").GetString());
        Assert.Equal(3, rows[0].GetProperty("runs").GetInt32());
        Assert.True(rows[0].GetProperty("median_ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("error").ValueKind);
        Assert.All(rows.Skip(1), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("median_ms").ValueKind));
        Assert.StartsWith("fs-refused: authentication refused", rows[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void ATooOldRemoteFlopScopeIsRefusedNamingTheHost()
    {
        var temp = fixture.Server.NewRemoteTemp();
        var old = fixture.Server.Script("flopscope-old", "echo 0.0.9");

        var result = CliRunner.Run(["bench", Fixtures.Model("squeezenet1_1"), .. Quick, "--host", "fs-a", "--ssh-config", fixture.Server.Config,
            "--remote-command", old, "--remote-temp", temp]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: fs-a: remote flopscope 0.0.9 is too old: this needs 0.1.0 or newer; update it there with 'dotnet tool update -g FlopScope.Cli'",
            Assert.Single(result.Stderr.Trim().Split('\n')));
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void ARemoteCrashIsOneLineWithTheSignal()
    {
        var temp = fixture.Server.NewRemoteTemp();
        // Answers --version like the real one, then dies of SIGSEGV when asked to bench.
        var crash = fixture.Server.Script("flopscope-crash", $"""[ "$1" = --version ] && {SshServer.ExecCli}; echo "loading model..." >&2; kill -SEGV $$""");

        var result = CliRunner.Run(["bench", Fixtures.Model("squeezenet1_1"), .. Quick, "--host", "fs-a", "--ssh-config", fixture.Server.Config,
            "--remote-command", crash, "--remote-temp", temp]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("[fs-a] loading model...", result.Stderr);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: fs-a: remote flopscope crashed: killed by signal 11 (SIGSEGV); last output: ", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void NoFlopScopeThereSaysHowToInstallIt()
    {
        var temp = fixture.Server.NewRemoteTemp();

        var result = CliRunner.Run(["bench", Fixtures.Model("squeezenet1_1"), "--host", "fs-a", "--ssh-config", fixture.Server.Config,
            "--remote-command", "/nonexistent/flopscope", "--remote-temp", temp]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: fs-a: the remote command '/nonexistent/flopscope' does not exist or is not executable there", result.Stderr.Trim());
    }

    [SkippableFact]
    public void AFullRemoteDiskIsOneLine()
    {
        var server = fixture.Server;
        Skip.IfNot(Environment.UserName == "root" || Chromium.IsCi, "a small filesystem for the full-disk case needs root to mount a tmpfs");
        var small = Path.Combine(server.Root, "small-disk");
        Directory.CreateDirectory(small);
        Run("mount", "-t", "tmpfs", "-o", "size=256k", "flopscope-test", small);
        try
        {
            var result = CliRunner.Run(["bench", Fixtures.Model("squeezenet1_1"), .. Quick, .. Remote("fs-a", small)]);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.StartsWith($"error: fs-a: disk full on the remote: {small} has 0.2 MiB free, the run needs ", line, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(small));
        }
        finally
        {
            Run("umount", small);
        }
    }

    [SkippableFact]
    public void InterruptingStopsTheRemoteRunAndLeavesNothingThere()
    {
        var temp = fixture.Server.NewRemoteTemp();
        var pidFile = Path.Combine(temp, "..", "remote-" + Guid.NewGuid().ToString("N")[..6] + ".pid");
        // The remote flopscope writes its pid, so the test can see it go.
        var wrapper = fixture.Server.Script("flopscope-pid-" + Path.GetFileName(pidFile), $"""[ "$1" = bench ] && echo $$ > {pidFile}; {SshServer.ExecCli}""");
        var info = CliProcess.InterruptibleInfo(["bench", Fixtures.Model("squeezenet1_1"), "--runs", "100000", "--duration", "120", "--warmup", "0", "--layer-runs", "0",
            "--threads", "1", "--host", "fs-a", "--ssh-config", fixture.Server.Config, "--remote-command", wrapper, "--remote-temp", temp]);
        using var process = Process.Start(info)!;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!Stderr().Contains("[fs-a] timing...", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !process.HasExited)
        {
            Thread.Sleep(100);
        }

        Assert.True(Stderr().Contains("[fs-a] timing...", StringComparison.Ordinal), Stderr());
        var remotePid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Alive(remotePid));

        Run("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            // Say where it hung before failing: the local output so far and whether the remote run still lives.
            var remoteAlive = Alive(remotePid);
            process.Kill(entireProcessTree: true);
            Assert.Fail($"flopscope did not stop within 60 s of SIGINT (remote run {(remoteAlive ? "still running" : "gone")}); its stderr:\n{Stderr()}");
        }


        Assert.Equal(130, process.ExitCode);
        var gone = DateTime.UtcNow.AddSeconds(20);
        while (Alive(remotePid) && DateTime.UtcNow < gone)
        {
            Thread.Sleep(100);
        }

        Assert.False(Alive(remotePid), "the remote flopscope still runs after Ctrl+C");
        Assert.Empty(Directory.GetFileSystemEntries(temp));
        File.Delete(pidFile);

        string Stderr()
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    [SkippableFact]
    public void RemoteCheckSaysWhatIsThereAndWhatIsMissing()
    {
        var temp = fixture.Server.NewRemoteTemp();
        var ok = CliRunner.Run("remote", "check", "fs-a", "--ssh-config", fixture.Server.Config, "--remote-command", fixture.Server.FlopScope, "--remote-temp", temp);
        var old = CliRunner.Run("remote", "check", "fs-a", "--ssh-config", fixture.Server.Config, "--remote-command", fixture.Server.Script("flopscope-old2", "echo 0.0.3"),
            "--remote-temp", temp);
        var none = CliRunner.Run("remote", "check", "fs-nowhere", "--ssh-config", fixture.Server.Config);

        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("CPUExecutionProvider", ok.Stdout);
        Assert.Contains($"{OrtSessions.Version}", ok.Stdout);
        Assert.Contains("x64", ok.Stdout);
        Assert.Equal(1, old.ExitCode);
        Assert.Contains("fs-a: flopscope: remote flopscope 0.0.3 is too old", old.Stderr);
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("error: fs-nowhere: host not found", none.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    [SkippableFact]
    public void CalibrateOnAHostWritesItsProfileHere()
    {
        var temp = fixture.Server.NewRemoteTemp();
        using var output = new TempFolder();
        var path = output.File("pi.json");

        var result = CliRunner.Run("calibrate", "--host", "fs-b", "--ssh-config", fixture.Server.Config, "--remote-command", fixture.Server.FlopScope,
            "--remote-temp", temp, "--duration", "0.05", "--threads", "1", "--id", "fs-b-box", "--output", path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("fs-b-box", json.RootElement.GetProperty("id").GetString());
        Assert.True(json.RootElement.GetProperty("peak_tflops").GetProperty("fp32").GetDouble() > 0);
        Assert.Contains("measured on fs-b", result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(temp));
    }

    private static IEnumerable<string> Paths(JsonElement e, string prefix) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Paths(p.Value, $"{prefix}/{p.Name}").Prepend($"{prefix}/{p.Name}")),
        JsonValueKind.Array => e.EnumerateArray().Take(1).SelectMany(x => Paths(x, prefix + "[]")),
        _ => [],
    };

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }
}
