namespace FlopScope.Runtime.Remote;

/// <summary>One finding of <see cref="RemoteCheck"/>.</summary>
/// <param name="Item">What was checked (connection, architecture, flopscope, version, onnx runtime, temp space).</param>
/// <param name="Ok">Whether it is fine.</param>
/// <param name="Detail">What was found, and what to do when not fine.</param>
public sealed record RemoteFinding(string Item, bool Ok, string Detail);

/// <summary>Says what a remote machine lacks to run flopscope bench: flopscope itself, a supported architecture, a
/// recent enough version, a working ONNX Runtime, space for the model.</summary>
public static class RemoteCheck
{
    /// <summary>Probes <paramref name="host"/>; the connection failing is a <see cref="RemoteException"/>, anything
    /// else is a finding.</summary>
    /// <param name="host">The host.</param>
    /// <param name="ssh">How to reach it.</param>
    /// <param name="remoteOrtLibrary">A native ONNX Runtime library on the remote to check instead of the bundled one.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    public static async Task<IReadOnlyList<RemoteFinding>> RunAsync(SshHost host, SshOptions ssh, string? remoteOrtLibrary = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ssh);
        var machine = new RemoteMachine(host, ssh);
        var probe = await machine.ProbeAsync(makeFolder: false, [], cancellationToken).ConfigureAwait(false);
        var findings = new List<RemoteFinding>
        {
            new("connection", true, $"ssh {host.Target}: {probe.System} {probe.Machine}"),
            new("architecture", probe.BundledRuntimeSupported || remoteOrtLibrary is not null,
                probe.BundledRuntimeSupported ? $"{probe.System} {probe.Architecture}: ONNX Runtime's package has a native library for it"
                : $"{probe.System} {probe.Machine}: the ONNX Runtime package bundled with flopscope has no native library for it (64-bit Linux or macOS, x64 or arm64, are supported; on a 32-bit Raspberry Pi OS install the 64-bit OS, or build ONNX Runtime and pass --ort-library)"),
        };
        try
        {
            machine.RequireFlopScope(probe);
            findings.Add(new("flopscope", true, $"{probe.Command} {probe.Version}"));
        }
        catch (RemoteException e)
        {
            findings.Add(new("flopscope", false, e.Message[(host.Target.Length + 2)..]));
            return findings;
        }

        findings.Add(new("temp folder", probe.FreeKib is null or > 4096,
            probe.FreeKib is { } kib ? $"{probe.TempRoot}: {kib / 1024} MiB free" : $"{probe.TempRoot}: free space unknown (df said nothing)"));

        // A real call into ONNX Runtime there, in a temporary folder made and removed as for a bench: lists the
        // providers of the library it would bench with.
        List<string> arguments = ["bench", "--list-providers", "--output", "providers.txt"];
        if (remoteOrtLibrary is not null)
        {
            arguments.AddRange(["--ort-library", remoteOrtLibrary]);
        }

        try
        {
            var text = await RemoteRun.ExecuteAsync(machine, [], arguments, "providers.txt", cancellationToken).ConfigureAwait(false);
            findings.Add(new("onnx runtime", true, text.ReplaceLineEndings("; ").Trim(' ', ';')));
        }
        catch (RemoteException e)
        {
            findings.Add(new("onnx runtime", false, e.Message[(host.Target.Length + 2)..]));
        }

        return findings;
    }
}
