using System.Diagnostics;

namespace FlopScope.Tests.Support;

/// <summary>Debian's headless Chromium, for tests that render the HTML report. Absent outside CI: those tests skip
/// with the reason; in CI (CI=true) its absence is a failure.</summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser: FLOPSCOPE_CHROMIUM when set (a missing path there means "no browser"), else the usual places.</summary>
    public static string? Path => Environment.GetEnvironmentVariable("FLOPSCOPE_CHROMIUM") is { Length: > 0 } chosen
        ? File.Exists(chosen) ? chosen : null
        : Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator)
            .Select(dir => System.IO.Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The browser's path; skips the test outside CI when it is missing, fails in CI.</summary>
    public static string Require()
    {
        var path = Path;
        if (path is null && IsCi)
        {
            Assert.Fail("chromium is not installed, and CI=true: install it (apt-get install -y chromium; .ci/run does) so the HTML report is rendered.");
        }

        Skip.If(path is null, "chromium is not installed (apt-get install -y chromium); the headless-browser test of the HTML report did not run.");
        return path!;
    }

    /// <summary>Runs chromium headless on <paramref name="url"/> with a fresh profile; returns stdout.</summary>
    public static string Run(string chromium, string url, string userDataDir, params string[] extra)
    {
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={userDataDir}", .. extra, url])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start chromium");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 120 s");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
