using FlopScope.Errors;
using FlopScope.Profiling;

namespace FlopScope.Runtime;

/// <summary>
/// Refuses to benchmark a model that cannot fit: weights, plus the inflated model bytes for a .gz file, plus the
/// profile's peak activations, against the memory available now. Running it anyway ends with the kernel's OOM killer
/// (exit 137 and no message); <see cref="BenchOptions.SkipMemoryCheck"/> (<c>--no-memory-check</c>) overrides.
/// </summary>
internal static class BenchMemory
{
    public static void Check(ProfileReport profile, string path)
    {
        var available = AvailableBytes();
        if (available is not { } free)
        {
            return;
        }

        var compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var weights = profile.Memory.WeightBytes;
        var activations = profile.Memory.PeakActivationBytes;
        // The session holds the weights; a .gz model is also held inflated while the session is built.
        var needed = (double)weights + activations + (compressed ? weights : 0);
        if (needed > free)
        {
            throw new FlopScopeException(
                $"bench: '{profile.Summary.Model}' needs about {Gib(needed)} (weights {Gib(weights)} + peak activations {Gib(activations)}{(compressed ? " + the inflated .gz" : string.Empty)}, estimated) but {Gib(free)} is available; use a smaller input or batch, free memory, or pass --no-memory-check to run anyway.");
        }
    }

    /// <summary>Memory available to a new allocation: MemAvailable of /proc/meminfo, bounded by a cgroup limit and by
    /// what .NET reports; null when unknown.</summary>
    internal static long? AvailableBytes()
    {
        long? best = null;
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                foreach (var line in File.ReadLines("/proc/meminfo"))
                {
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                        && long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], out var kb))
                    {
                        best = kb * 1024;
                        break;
                    }
                }
            }
        }
        catch (IOException)
        {
            // No /proc: fall back on what the runtime knows.
        }

        var gc = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (gc > 0)
        {
            var free = gc - Environment.WorkingSet;
            best = best is { } b ? Math.Min(b, Math.Max(free, 0)) : Math.Max(free, 0);
        }

        return best;
    }

    private static string Gib(double bytes) => $"{bytes / (1L << 30):0.##} GiB";
}
