using System.Diagnostics;

namespace FlopScope.Tests.Support;

/// <summary>Runs the real flopscope executable (a separate process, so a stack overflow or an out-of-memory kill shows
/// as what it is) and records exit code, output, wall time and peak resident memory (VmHWM, polled).</summary>
internal static class ProcessRun
{
    public static ProcessResult Flopscope(TimeSpan timeout, params string[] args) => Flopscope(timeout, null, args);

    /// <summary>Runs with extra environment variables (e.g. a HOME to watch for writes).</summary>
    public static ProcessResult Flopscope(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
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
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakBytes(process.Id));
            cpu = Max(cpu, CpuTime(process.Id));
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new ProcessResult(-1, stdout.Result, stderr.Result, clock.Elapsed, peak, process.Id) { CpuTime = cpu };
            }
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, peak, process.Id) { CpuTime = cpu };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s), sampled while the process runs:
    // the CPU the process itself used, which a loaded machine does not inflate the way it inflates wall time.
    private static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The process just ended.
            return TimeSpan.Zero;
        }
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

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakBytes, int Pid)
{
    /// <summary>CPU time (user + system) the process used, as last sampled before it ended.</summary>
    public TimeSpan CpuTime { get; init; }
}
