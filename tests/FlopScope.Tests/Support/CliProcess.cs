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

    /// <summary>As <see cref="Info"/>, with SIGINT at its default disposition, as a shell starts a foreground command.
    /// A test runner started in the background inherits SIGINT ignored (POSIX: asynchronous commands of a non-interactive
    /// shell), the child would inherit that too, and .NET then leaves Ctrl+C alone: coreutils' <c>env
    /// --default-signal=INT</c> resets it before running the CLI.</summary>
    public static ProcessStartInfo InterruptibleInfo(params string[] args)
    {
        var info = Info(null, args);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "--default-signal=INT");
        info.FileName = "env";
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
