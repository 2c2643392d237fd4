using System.Globalization;

namespace FlopScope.Runtime;

/// <summary>
/// Physical cores this process may run on: ONNX Runtime's default intra-op thread count (one per physical core). The
/// benchmark sets that count itself rather than leaving 0 to the runtime, so the thread count it records is the one
/// used. On Linux: the distinct (package, core) pairs of the CPUs in the process's affinity list; elsewhere, or when
/// those files are missing, the logical processor count.
/// </summary>
public static class CpuTopology
{
    /// <summary>Physical cores available to this process (at least 1).</summary>
    public static int PhysicalCores()
    {
        try
        {
            var allowed = AllowedCpus();
            if (allowed.Count > 0)
            {
                var cores = new HashSet<(string, string)>();
                foreach (var cpu in allowed)
                {
                    var topology = $"/sys/devices/system/cpu/cpu{cpu}/topology/";
                    if (!File.Exists(topology + "core_id"))
                    {
                        return Math.Max(1, Environment.ProcessorCount);
                    }

                    var package = File.Exists(topology + "physical_package_id") ? File.ReadAllText(topology + "physical_package_id").Trim() : "0";
                    cores.Add((package, File.ReadAllText(topology + "core_id").Trim()));
                }

                return Math.Max(1, cores.Count);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>CPU numbers from <c>Cpus_allowed_list</c> of /proc/self/status (<c>0-3,8</c>); empty where unavailable.</summary>
    private static List<int> AllowedCpus()
    {
        const string status = "/proc/self/status";
        var cpus = new List<int>();
        if (!File.Exists(status))
        {
            return cpus;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        foreach (var part in (line?["Cpus_allowed_list:".Length..] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                cpus.AddRange(Enumerable.Range(first, Math.Max(0, last - first + 1)));
            }
        }

        return cpus;
    }
}
