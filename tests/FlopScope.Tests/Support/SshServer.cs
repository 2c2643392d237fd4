using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlopScope.Tests.Support;

/// <summary>
/// Real OpenSSH servers on localhost for the remote tests: Debian's /usr/sbin/sshd run as a child with its own
/// sshd_config and host key in a temporary folder, on free non-default ports, accepting one throwaway key. The client
/// side is an ssh_config (passed with --ssh-config) with aliases: fs-a and fs-b (two servers), fs-refused (a key the
/// servers do not accept), fs-closed (a port nobody listens on), fs-nowhere (a name that does not resolve). The
/// "remote flopscope" is the CLI built with the tests, behind a wrapper script. Outside CI a missing sshd skips the
/// test with the reason; in CI (CI=true) it is a failure.
/// </summary>
internal sealed class SshServer : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly List<Process> _servers = [];

    private SshServer(string root)
    {
        Root = root;
    }

    /// <summary>The temporary folder of keys, configs and wrapper scripts.</summary>
    public string Root { get; }

    /// <summary>The ssh_config with the aliases.</summary>
    public string Config => Path.Combine(Root, "ssh_config");

    /// <summary>The wrapper that runs the built CLI: the remote flopscope.</summary>
    public string FlopScope => Path.Combine(Root, "bin", "flopscope");

    /// <summary>A fresh folder for the remote's temporary folders (so a test can see that nothing is left there).</summary>
    public string RemoteTemp { get; private set; } = string.Empty;

    /// <summary>Starts two servers; skips (outside CI) or fails (CI) without sshd.</summary>
    public static SshServer Start()
    {
        if (!File.Exists(Sshd) || !File.Exists("/usr/bin/ssh") || !File.Exists("/usr/bin/scp"))
        {
            if (Chromium.IsCi)
            {
                Assert.Fail("openssh-server/openssh-client are not installed, and CI=true: install them (apt-get install -y openssh-server openssh-client; .ci/run does).");
            }

            Skip.If(true, "OpenSSH server not installed (apt-get install -y openssh-server openssh-client); the remote bench tests against a real sshd did not run.");
        }

        var root = Path.Combine(Path.GetTempPath(), "flopscope-ssh-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new SshServer(root);
        try
        {
            server.Setup();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A new empty remote temp folder for one test.</summary>
    public string NewRemoteTemp()
    {
        RemoteTemp = Path.Combine(Root, "remote-tmp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(RemoteTemp);
        return RemoteTemp;
    }

    /// <summary>Writes an executable script under the root and returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(Root, "bin", name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        return path;
    }

    /// <summary>The exec line that runs the built CLI with the script's arguments.</summary>
    public static string ExecCli => $"exec {Dotnet} {Path.Combine(AppContext.BaseDirectory, "flopscope.dll")} \"$@\"";

    /// <summary>The dotnet host running these tests.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : File.Exists("/usr/share/dotnet/dotnet") ? "/usr/share/dotnet/dotnet" : "dotnet";

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            try
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    server.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            server.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Setup()
    {
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        Keygen("host_key");
        Keygen("client_key");
        Keygen("refused_key");
        File.WriteAllText(Path.Combine(Root, "authorized_keys"), File.ReadAllText(Path.Combine(Root, "client_key.pub")));
        Script("flopscope", ExecCli);
        if (Environment.UserName == "root")
        {
            // sshd refuses to start as root without its privilege-separation folder.
            Directory.CreateDirectory("/run/sshd");
        }

        var hostKey = File.ReadAllText(Path.Combine(Root, "host_key.pub")).Trim();
        var user = Environment.UserName;
        var ports = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var port = FreePort();
            ports.Add(port);
            var config = Path.Combine(Root, $"sshd_config_{i}");
            File.WriteAllText(config, $"""
                Port {port}
                ListenAddress 127.0.0.1
                HostKey {Path.Combine(Root, "host_key")}
                PidFile {Path.Combine(Root, $"sshd_{i}.pid")}
                AuthorizedKeysFile {Path.Combine(Root, "authorized_keys")}
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                Subsystem sftp /usr/lib/openssh/sftp-server
                LogLevel ERROR

                """);
            var info = new ProcessStartInfo(Sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-D", "-e", "-f", config })
            {
                info.ArgumentList.Add(a);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sshd");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            _servers.Add(process);
        }

        var known = string.Join('\n', ports.Select(p => $"[127.0.0.1]:{p} {hostKey}"));
        File.WriteAllText(Path.Combine(Root, "known_hosts"), known + "\n");
        var closed = FreePort();
        string Entry(string alias, string hostName, int port, string key) => $"""
            Host {alias}
              HostName {hostName}
              Port {port}
              User {user}
              IdentityFile {Path.Combine(Root, key)}
              IdentitiesOnly yes
              IdentityAgent none
              UserKnownHostsFile {Path.Combine(Root, "known_hosts")}
              StrictHostKeyChecking yes
              LogLevel ERROR

            """;
        File.WriteAllText(Config, Entry("fs-a", "127.0.0.1", ports[0], "client_key") + Entry("fs-b", "127.0.0.1", ports[1], "client_key")
            + Entry("fs-refused", "127.0.0.1", ports[0], "refused_key") + Entry("fs-closed", "127.0.0.1", closed, "client_key")
            + Entry("fs-nowhere", "no-such-host.invalid", 22, "client_key"));
        foreach (var port in ports)
        {
            WaitForPort(port);
        }
    }

    private void Keygen(string name)
    {
        var info = new ProcessStartInfo("ssh-keygen") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "flopscope-test", "-f", Path.Combine(Root, name) })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ssh-keygen failed: " + process.StandardError.ReadToEnd());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(Root, name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_servers.FirstOrDefault(s => s.HasExited) is { } dead)
            {
                Assert.Fail($"sshd exited with {dead.ExitCode} at start-up");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Assert.Fail($"sshd did not listen on port {port} within 20 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
