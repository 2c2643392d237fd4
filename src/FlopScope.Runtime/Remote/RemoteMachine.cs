using System.Globalization;
using System.Text;

namespace FlopScope.Runtime.Remote;

/// <summary>
/// One remote machine reached with the system ssh/scp: probes it, makes a temporary folder, copies files there, runs
/// flopscope in it and brings its JSON back, and removes the folder. The remote run watches its ssh connection: when
/// the connection goes (Ctrl+C here, a killed ssh) the remote flopscope gets SIGTERM and the folder is removed by the
/// remote script's exit trap.
/// </summary>
public sealed class RemoteMachine(SshHost host, SshOptions options, Action<string>? log = null)
{
    /// <summary>The oldest remote flopscope whose bench and calibrate write the documents this one reads.</summary>
    public static readonly Version MinimumVersion = new(0, 1, 0);

    private const string ResultMarker = "@@flopscope-result@@";

    /// <summary>The host.</summary>
    public SshHost Host { get; } = host;

    private string Target => Host.Target;

    /// <summary>
    /// One ssh round trip: architecture, OS, the flopscope command and its version, free space, and (when
    /// <paramref name="makeFolder"/>) a fresh temporary folder with <paramref name="subfolders"/> inside it.
    /// </summary>
    /// <exception cref="RemoteException">The connection failed.</exception>
    public async Task<RemoteProbe> ProbeAsync(bool makeFolder, IReadOnlyList<string> subfolders, CancellationToken cancellationToken)
    {
        var temp = options.RemoteTemp is { } t ? ShellQuote.Quote(t) : "\"${TMPDIR:-/tmp}\"";
        var script = new StringBuilder()
            .Append("echo \"arch=$(uname -m)\"; echo \"os=$(uname -s)\"; ")
            .Append(CultureInfo.InvariantCulture, $"c={(options.RemoteCommand is { } rc ? ShellQuote.Quote(rc) : "''")}; ")
            .Append("if [ -z \"$c\" ]; then c=$(command -v flopscope 2>/dev/null || true); fi; ")
            .Append("if [ -z \"$c\" ] && [ -x \"$HOME/.dotnet/tools/flopscope\" ]; then c=\"$HOME/.dotnet/tools/flopscope\"; fi; ")
            .Append("if [ -n \"$c\" ] && ! command -v \"$c\" >/dev/null 2>&1; then c=''; fi; ")
            .Append("echo \"command=$c\"; ")
            .Append("if [ -n \"$c\" ]; then echo \"version=$(\"$c\" --version </dev/null 2>&1 | head -n 1)\"; fi; ")
            .Append(CultureInfo.InvariantCulture, $"t={temp}; echo \"temp=$t\"; ")
            .Append("echo \"free_kb=$(df -Pk \"$t\" 2>/dev/null | awk 'NR==2 {print $4}')\"; ");
        if (makeFolder)
        {
            script.Append("if d=$(mktemp -d \"$t/flopscope.XXXXXXXX\" 2>&1); then echo \"dir=$d\"; else echo \"mktemp=$d\" | tr '\\n' ' '; echo; fi; ");
            foreach (var sub in subfolders)
            {
                script.Append(CultureInfo.InvariantCulture, $"[ -n \"${{d#/}}\" ] && [ -d \"$d\" ] && mkdir -p \"$d\"/{ShellQuote.Quote(sub)}; ");
            }
        }

        script.Append("true");
        var result = await SshProcess.RunAsync(Target, options.Ssh, SshArguments(script.ToString()), null, holdStdin: false, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RemoteException(Target, SshFailure.Describe(Target, result.Stderr));
        }

        return RemoteProbe.Parse(result.Stdout, options.RemoteTemp ?? "/tmp");
    }

    /// <summary>Throws unless the probe found a flopscope new enough to run.</summary>
    /// <exception cref="RemoteException">No flopscope, or one too old.</exception>
    public void RequireFlopScope(RemoteProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (probe.Command is null)
        {
            throw new RemoteException(Target, options.RemoteCommand is { } rc
                ? $"the remote command '{rc}' does not exist or is not executable there"
                : "flopscope is not installed there (not on PATH of a non-interactive ssh login, nor ~/.dotnet/tools/flopscope): install it with 'dotnet tool install -g FlopScope.Cli', or pass --remote-command PATH");
        }

        if (probe.Version is not { } version)
        {
            throw new RemoteException(Target, $"'{probe.Command} --version' did not print a version (it said '{probe.VersionText}'); is it flopscope?");
        }

        if (version < MinimumVersion)
        {
            throw new RemoteException(Target, $"remote flopscope {version} is too old: this needs {MinimumVersion} or newer; update it there with 'dotnet tool update -g FlopScope.Cli'");
        }
    }

    /// <summary>Copies <paramref name="files"/> (local path, path relative to the folder) into <paramref name="folder"/>
    /// with scp, one call per destination folder.</summary>
    /// <exception cref="RemoteException">The copy failed (disk full, connection lost...).</exception>
    public async Task CopyAsync(string folder, IReadOnlyList<(string Local, string Relative)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var group in files.GroupBy(f => Path.GetDirectoryName(f.Relative)?.Replace('\\', '/') ?? string.Empty))
        {
            var destination = group.Key.Length == 0 ? folder + "/" : $"{folder}/{group.Key}/";
            var arguments = new List<string> { "-q", "-p" };
            arguments.AddRange(options.CommonArguments());
            arguments.AddRange(group.Select(f => f.Local));
            arguments.Add($"{Target}:{destination}");
            var result = await SshProcess.RunAsync(Target, options.Scp, arguments, null, holdStdin: false, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new RemoteException(Target, "copying the model failed: " + SshFailure.Describe(Target, result.Stderr));
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (flopscope's arguments after the command name) in <paramref name="folder"/>,
    /// streaming its stderr to the log, and returns the file <paramref name="resultFile"/> it wrote there. The remote
    /// script removes the folder on every way out (success, failure, SIGTERM/SIGHUP, a dropped connection).
    /// </summary>
    /// <exception cref="RemoteException">The connection failed, or the remote flopscope failed or crashed.</exception>
    public async Task<string> RunAsync(RemoteProbe probe, string folder, IReadOnlyList<string> command, string resultFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var d = ShellQuote.Quote(folder);
        var run = ShellQuote.Quote(probe.Command!) + " " + ShellQuote.Join(command);
        // The background run's stdin is /dev/null; the watcher reads the ssh channel (fd 3) and, when it closes, stops
        // the run with SIGTERM (flopscope treats it as Ctrl+C). PIPE is ignored so that a dead connection still lets the
        // script reach its exit trap. COLUMNS keeps its messages on one line each (stderr is a pipe there).
        var script = $"d={d}; trap 'rm -rf \"$d\"' EXIT; trap 'exit 143' HUP INT TERM; trap '' PIPE; cd \"$d\" || exit 97; exec 3<&0; "
            + $"COLUMNS=4000 {run} </dev/null 3<&- & p=$!; "
            + "( cat <&3 >/dev/null 2>&1; kill -TERM $p 2>/dev/null ) >/dev/null 2>&1 & w=$!; exec 3<&-; "
            + "wait $p; rc=$?; kill $w 2>/dev/null; "
            + $"if [ $rc -eq 0 ] && [ -f \"$d\"/{ShellQuote.Quote(resultFile)} ]; then echo '{ResultMarker}'; cat \"$d\"/{ShellQuote.Quote(resultFile)}; fi; exit $rc";
        var tail = new Queue<string>();
        var result = await SshProcess.RunAsync(Target, options.Ssh, SshArguments(script), line =>
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }

            log?.Invoke(line);
        }, holdStdin: true, cancellationToken).ConfigureAwait(false);

        var at = result.Stdout.IndexOf(ResultMarker, StringComparison.Ordinal);
        if (result.ExitCode == 0 && at >= 0)
        {
            return result.Stdout[(at + ResultMarker.Length)..].Trim();
        }

        string[] lines;
        lock (tail)
        {
            lines = tail.ToArray();
        }

        throw new RemoteException(Target, DescribeFailure(result.ExitCode, lines, result.Stderr));
    }

    /// <summary>Removes <paramref name="folder"/> on the remote; failures are only logged (the run already failed or
    /// succeeded, and the remote script removes it too).</summary>
    public async Task RemoveAsync(string folder)
    {
        try
        {
            var result = await SshProcess.RunAsync(Target, options.Ssh, SshArguments($"rm -rf {ShellQuote.Quote(folder)}"), null, holdStdin: false,
                CancellationToken.None).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                log?.Invoke($"could not remove {folder} there: {SshFailure.Describe(Target, result.Stderr)}");
            }
        }
        catch (RemoteException e)
        {
            log?.Invoke($"could not remove {folder} there: {e.Message}");
        }
    }

    /// <summary>One line for a remote run that ended with <paramref name="exitCode"/>.</summary>
    internal static string DescribeFailure(int exitCode, IReadOnlyList<string> lastLines, string stderr)
    {
        var error = lastLines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("internal error", StringComparison.Ordinal));
        var last = lastLines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
        bool Has(string text) => stderr.Contains(text, StringComparison.OrdinalIgnoreCase);
        return exitCode switch
        {
            SshFailure.SshError when error is null => SshFailure.Describe("the host", stderr),
            _ when Has("No space left on device") || Has("Disk quota exceeded") =>
                $"disk full on the remote: {last} (free space there or pass --remote-temp DIR on a larger disk)",
            97 => "could not enter the temporary folder there",
            2 => $"remote flopscope refused the run: {error ?? last}",
            3 => $"remote flopscope failed: {error ?? last}",
            143 or 130 => "the remote run was stopped (interrupted)",
            > 128 and < 160 => $"remote flopscope crashed: killed by signal {exitCode - 128} ({SignalName(exitCode - 128)}){(last.Length > 0 ? "; last output: " + last : string.Empty)}",
            _ => $"remote flopscope exited with status {exitCode}{(last.Length > 0 ? ": " + last : string.Empty)}",
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL, an instruction this CPU lacks?",
        6 => "SIGABRT",
        7 => "SIGBUS",
        9 => "SIGKILL, out of memory?",
        11 => "SIGSEGV",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };

    private List<string> SshArguments(string remoteScript)
    {
        var arguments = new List<string>();
        arguments.AddRange(options.CommonArguments());
        arguments.Add("-T");
        arguments.Add(Target);
        // ssh joins its arguments into one string for the remote user's login shell; wrapping the script for sh keeps
        // it POSIX whatever that shell is (fish, csh...).
        arguments.Add("sh -c " + ShellQuote.Quote(remoteScript));
        return arguments;
    }
}
