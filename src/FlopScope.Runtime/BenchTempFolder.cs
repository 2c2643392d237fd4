using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FlopScope.Runtime;

/// <summary>
/// bench's temporary folder (ONNX Runtime's profile trace and optimized model). Removed when the run ends, on Ctrl+C,
/// on SIGTERM/SIGHUP and at process exit; a folder left by a killed process (SIGKILL cannot be caught) carries its
/// process id and is removed by the next bench once that process is gone.
/// </summary>
internal static class BenchTempFolder
{
    private const string Prefix = "flopscope-bench-";
    private static readonly HashSet<string> Live = [];
    private static readonly List<PosixSignalRegistration> Signals = [];
    private static bool _hooked;

    public static DirectoryInfo Create()
    {
        RemoveOrphans();
        Hook();
        var folder = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
        lock (Live)
        {
            Live.Add(folder.FullName);
        }

        return folder;
    }

    public static void Delete(DirectoryInfo folder)
    {
        lock (Live)
        {
            Live.Remove(folder.FullName);
        }

        TryDelete(folder.FullName);
    }

    private static void Hook()
    {
        lock (Live)
        {
            if (_hooked)
            {
                return;
            }

            _hooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();
            if (!OperatingSystem.IsWindows())
            {
                foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
                {
                    // Delete, then let the default handling end the process.
                    Signals.Add(PosixSignalRegistration.Create(signal, _ => DeleteAll()));
                }
            }
        }
    }

    private static void DeleteAll()
    {
        string[] folders;
        lock (Live)
        {
            folders = [.. Live];
            Live.Clear();
        }

        foreach (var folder in folders)
        {
            TryDelete(folder);
        }
    }

    /// <summary>Removes folders whose owning process no longer runs.</summary>
    private static void RemoveOrphans()
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                var rest = Path.GetFileName(folder)[Prefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0 && int.TryParse(rest[..dash], out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
                {
                    TryDelete(folder);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else's temp folder: not ours to clean.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is not worth failing the benchmark for.
        }
    }
}
