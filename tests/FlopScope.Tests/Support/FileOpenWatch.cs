using System.Runtime.InteropServices;

namespace FlopScope.Tests.Support;

/// <summary>Counts the times any process opens one file, through Linux inotify (IN_OPEN): the kernel's own record, so
/// a test can tell whether code read a file without instrumenting that code.</summary>
internal sealed class FileOpenWatch : IDisposable
{
    private const int InNonBlock = 0x800, InCloexec = 0x80000;
    private const uint InOpen = 0x20;
    private readonly int _fd;

    public FileOpenWatch(string path)
    {
        _fd = inotify_init1(InNonBlock | InCloexec);
        if (_fd < 0 || inotify_add_watch(_fd, path, InOpen) < 0)
        {
            throw new InvalidOperationException($"inotify on '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Opens seen since the last call (reads and clears the queued events).</summary>
    public int Opens()
    {
        var opens = 0;
        var buffer = new byte[4096];
        nint read;
        while ((read = Read(_fd, buffer, buffer.Length)) > 0)
        {
            // struct inotify_event { int wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }
            for (var offset = 0; offset + 16 <= read; offset += 16 + BitConverter.ToInt32(buffer, offset + 12))
            {
                opens += (BitConverter.ToUInt32(buffer, offset + 4) & InOpen) != 0 ? 1 : 0;
            }
        }

        return opens;
    }

    public void Dispose() => _ = close(_fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_add_watch(int fd, string path, uint mask);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);
}
