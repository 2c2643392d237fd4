using System.Globalization;

namespace FlopScope.Runtime.Remote;

/// <summary>The whole round of one remote command: probe, temporary folder, copy, run, bring the result back, remove
/// the folder (on every way out).</summary>
public static class RemoteRun
{
    /// <summary>Room kept free beyond the copied files (the result document, ONNX Runtime's profile trace), bytes.</summary>
    private const long Headroom = 4L << 20;

    /// <summary>
    /// Runs <c>flopscope ARGUMENTS</c> on <paramref name="machine"/> in a fresh temporary folder holding
    /// <paramref name="files"/> (local path, path relative to the folder), and returns the text of
    /// <paramref name="resultFile"/> it wrote there.
    /// </summary>
    /// <exception cref="RemoteException">Any failure, as one line naming the host.</exception>
    public static async Task<string> ExecuteAsync(RemoteMachine machine, IReadOnlyList<(string Local, string Relative)> files,
        IReadOnlyList<string> arguments, string resultFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(files);
        var target = machine.Host.Target;
        var subfolders = files.Select(f => Path.GetDirectoryName(f.Relative)?.Replace('\\', '/')).OfType<string>().Where(s => s.Length > 0).Distinct().ToArray();
        var probe = await machine.ProbeAsync(makeFolder: true, subfolders, cancellationToken).ConfigureAwait(false);
        var folder = probe.Folder;
        var finished = false;
        try
        {
            machine.RequireFlopScope(probe);
            if (folder is null)
            {
                var said = probe.FolderError ?? "mktemp printed nothing";
                throw new RemoteException(target, said.Contains("No space left", StringComparison.OrdinalIgnoreCase)
                    ? $"disk full on the remote: cannot make a temporary folder in {probe.TempRoot} ({said.Trim()}); free space there or pass --remote-temp DIR"
                    : $"cannot make a temporary folder in {probe.TempRoot} ({said.Trim()}); pass --remote-temp DIR");
            }

            var needed = files.Sum(f => new FileInfo(f.Local).Length) + Headroom;
            if (probe.FreeKib is { } free && free * 1024 < needed)
            {
                throw new RemoteException(target, string.Create(CultureInfo.InvariantCulture,
                    $"disk full on the remote: {probe.TempRoot} has {free / 1024.0:F1} MiB free, the run needs {needed / 1048576.0:F1} MiB (the model and its data, plus 4 MiB); free space there or pass --remote-temp DIR"));
            }

            await machine.CopyAsync(folder, files, cancellationToken).ConfigureAwait(false);
            var text = await machine.RunAsync(probe, folder, arguments, resultFile, cancellationToken).ConfigureAwait(false);
            finished = true;
            return text;
        }
        finally
        {
            // The run's own script removes the folder on its way out; every other way out (a failed copy, a refused
            // check, Ctrl+C during the copy) removes it here.
            if (folder is not null && !finished)
            {
                await machine.RemoveAsync(folder).ConfigureAwait(false);
            }
        }
    }
}
