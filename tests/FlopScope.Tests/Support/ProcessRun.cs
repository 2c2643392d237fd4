using System.Diagnostics;

namespace FlopScope.Tests.Support;

/// <summary>Runs the real flopscope executable (a separate process, so a stack overflow or an out-of-memory kill shows
/// as what it is) and records exit code, output, wall time and peak resident memory (VmHWM, polled).</summary>
internal static class ProcessRun
{
    public static ProcessResult Flopscope(TimeSpan timeout, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "flopscope.dll");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FLOPSCOPE_DEBUG"] = string.Empty;
        start.Environment["COLUMNS"] = "80";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakBytes(process.Id));
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new ProcessResult(-1, stdout.Result, stderr.Result, clock.Elapsed, peak);
            }
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, peak);
    }

    private static long PeakBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process just ended.
        }

        return 0;
    }
}

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakBytes);
