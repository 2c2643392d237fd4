using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;

namespace FlopScope.Runtime.Remote;

/// <summary>The outcome on one host of a fleet run: a bench report, or the one-line error.</summary>
/// <param name="Host">The host.</param>
/// <param name="Report">The joined bench report; null when the run failed.</param>
/// <param name="Error">Why it failed (one line naming the host); null when it worked.</param>
public sealed record FleetResult(SshHost Host, BenchReport? Report, string? Error);

/// <summary>Benchmarks one model on several hosts at once: the hosts run in parallel, one run per host at a time (a
/// host listed twice runs its entries one after the other), so no run disturbs another on the same machine.</summary>
public static class Fleet
{
    /// <summary>
    /// Runs <see cref="RemoteBench.RunAsync"/> on every host. A host's failure is its <see cref="FleetResult.Error"/>;
    /// the others still run. Results come back in the order of <paramref name="hosts"/>.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Bench options (the same on every host).</param>
    /// <param name="hosts">The hosts, each with its device for the estimate, if any.</param>
    /// <param name="ssh">How to reach them.</param>
    /// <param name="devices">Resolves a host's device id (the local catalogue).</param>
    /// <param name="remoteOrtLibrary">A native ONNX Runtime library path on every remote; null for their own.</param>
    /// <param name="log">Receives (host, line) progress lines.</param>
    /// <param name="cancellationToken">Stops every remote run.</param>
    public static async Task<IReadOnlyList<FleetResult>> RunAsync(OnnxModel model, BenchOptions options, IReadOnlyList<SshHost> hosts, SshOptions ssh,
        Func<string, DeviceProfile> devices, string? remoteOrtLibrary = null, Action<SshHost, string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(devices);
        if (hosts.Count == 0)
        {
            throw new FlopScopeException("--host: no hosts given.");
        }

        options.Validate();
        // Every device id is checked before anything runs, and the profile is computed once for all hosts.
        var resolved = hosts.Select(h => h.Device is { } id ? devices(id) : null).ToArray();
        var profile = model.Profile(options.Profile);
        var results = new FleetResult[hosts.Count];
        var lanes = Enumerable.Range(0, hosts.Count).GroupBy(i => hosts[i].Target, StringComparer.OrdinalIgnoreCase);
        await Task.WhenAll(lanes.Select(lane => Task.Run(async () =>
        {
            foreach (var i in lane)
            {
                var host = hosts[i];
                try
                {
                    var report = await RemoteBench.RunAsync(model, options, host, ssh, resolved[i], profile, remoteOrtLibrary,
                        line => log?.Invoke(host, line), cancellationToken).ConfigureAwait(false);
                    results[i] = new FleetResult(host, report, null);
                }
                catch (FlopScopeException e)
                {
                    results[i] = new FleetResult(host, null, e is RemoteException ? e.Message : $"{host.Target}: {e.Message}");
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
        return results;
    }
}
