using FlopScope.Tests.Support;

namespace FlopScope.Tests.Remote;

/// <summary>The sshd servers shared by the remote tests of one class; started on first use.</summary>
public sealed class SshFixture : IDisposable
{
    private SshServer? _server;

    internal SshServer Server => _server ??= SshServer.Start();

    public void Dispose() => _server?.Dispose();
}
