using System.Diagnostics;

namespace FlopScope.Tests.Support;

/// <summary>Runs the built CLI as its own process (dotnet flopscope.dll): for what must happen before ONNX Runtime
/// is first loaded in a process (--ort-library), and for signals.</summary>
internal static class CliProcess
{
    public static ProcessStartInfo Info(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(SshServer.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flopscope.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["COLUMNS"] = "2000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static CliResult Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(Info(environment, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("flopscope did not finish within 3 minutes");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
