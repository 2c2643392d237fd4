using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FlopScope.Runtime.Remote;

/// <summary>What an ssh or scp process did.</summary>
/// <param name="ExitCode">Its exit status (ssh: the remote command's, or 255 for ssh's own failures).</param>
/// <param name="Stdout">Everything it wrote to stdout.</param>
/// <param name="Stderr">Everything it wrote to stderr.</param>
internal sealed record SshResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the system ssh/scp as real processes, arguments passed as a list (no local shell), stderr streamed
/// line by line as it comes.</summary>
internal static class SshProcess
{
    /// <summary>How long a cancelled run gets to stop the remote side and clean up once its stdin is closed.</summary>
    private static readonly TimeSpan GraceOnCancel = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/>. Stdin stays an open pipe for the run when
    /// <paramref name="holdStdin"/> (the remote side watches it: closing it stops the remote run), else it is closed at
    /// once. On cancellation stdin is closed, the process gets <see cref="GraceOnCancel"/> to finish, then is killed;
    /// then <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public static async Task<SshResult> RunAsync(string host, string file, IEnumerable<string> arguments, Action<string>? onStderrLine,
        bool holdStdin, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new RemoteException(host, $"cannot start '{file}' ({e.Message}); install the OpenSSH client (ssh, scp).");
        }

        if (!holdStdin)
        {
            process.StandardInput.Close();
        }

        var stderr = new StringBuilder();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }

                onStderrLine?.Invoke(line);
            }
        }, CancellationToken.None);

        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            CloseQuietly(process);
            using var grace = new CancellationTokenSource(GraceOnCancel);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (holdStdin && !cancelled)
        {
            CloseQuietly(process);
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        await stderrTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new SshResult(process.ExitCode, stdout, stderr.ToString());
    }

    private static void CloseQuietly(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process already closed its end.
        }
        catch (InvalidOperationException)
        {
            // Already closed.
        }
    }
}
