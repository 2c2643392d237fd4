using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using FlopScope.Graph;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Finds stored tensors with identical bytes (exporters store a tied embedding twice) while reading as little as
/// possible: only tensors sharing their type and shape with another are candidates; a candidate's first and last
/// 256 bytes screen it; only candidates whose screen matches another's are read whole (SHA-256), from the model bytes
/// or a memory-mapped external data file. Tensors of one repeated value (zero biases, unit scales) are equal by
/// initialization, not shared, and are left out.
/// </summary>
internal static class IdenticalTensorFinder
{
    private const int ScreenBytes = 256;

    /// <summary>Groups of names of identical tensors among <paramref name="tensors"/>, largest first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IEnumerable<TensorDescriptor> tensors, IReadOnlyDictionary<TensorDescriptor, PayloadRange> payloads,
        ReadOnlySpan<byte> model, string? modelDirectory)
    {
        var candidates = tensors
            .Where(t => payloads.ContainsKey(t) && t.ByteSize > 0 && payloads[t].Length == t.ByteSize)
            .GroupBy(t => (t.DataType, Shape: string.Join("x", t.Dims)))
            .Where(g => g.Count() > 1)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        using var files = new ExternalFiles(modelDirectory);
        var groups = new List<IReadOnlyList<string>>();
        foreach (var group in candidates)
        {
            var elementSize = Math.Max(1, (int)(group.First().ByteSize / Math.Max(1, group.First().ElementCount)));
            var screened = new List<(TensorDescriptor Tensor, string Screen)>();
            foreach (var tensor in group)
            {
                var bytes = files.Payload(model, payloads[tensor]);
                if (bytes.IsEmpty)
                {
                    continue;
                }

                var head = bytes[..Math.Min(ScreenBytes, bytes.Length)];
                var tail = bytes[Math.Max(0, bytes.Length - ScreenBytes)..];
                screened.Add((tensor, Convert.ToHexString(head) + Convert.ToHexString(tail)));
            }

            foreach (var same in screened.GroupBy(s => s.Screen).Where(g => g.Count() > 1))
            {
                var full = new List<(string Name, string Hash)>();
                foreach (var (tensor, _) in same)
                {
                    var bytes = files.Payload(model, payloads[tensor]);
                    // One value repeated: equal by initialization (zeros, ones), not a shared tensor.
                    if (bytes.Length <= elementSize || bytes[elementSize..].SequenceEqual(bytes[..^elementSize]))
                    {
                        continue;
                    }

                    full.Add((tensor.Name, Convert.ToHexString(SHA256.HashData(bytes))));
                }

                groups.AddRange(full.GroupBy(f => f.Hash).Where(g => g.Count() > 1).Select(g => (IReadOnlyList<string>)g.Select(f => f.Name).ToArray()));
            }
        }

        return groups;
    }

    /// <summary>External data files, memory-mapped on first use and released together.</summary>
    private sealed unsafe class ExternalFiles(string? modelDirectory) : IDisposable
    {
        private readonly Dictionary<string, (MemoryMappedFile File, MemoryMappedViewAccessor View, long Length, nint Base)?> _open = [];

        public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> model, PayloadRange range)
        {
            if (range.ExternalLocation is null)
            {
                return range.Offset + range.Length <= model.Length ? model.Slice((int)range.Offset, (int)range.Length) : default;
            }

            if (!_open.TryGetValue(range.ExternalLocation, out var mapped))
            {
                _open[range.ExternalLocation] = mapped = Map(range.ExternalLocation);
            }

            if (mapped is not { } m || range.Offset < 0 || range.Length > int.MaxValue || range.Offset + range.Length > m.Length)
            {
                return default;
            }

            return new ReadOnlySpan<byte>((byte*)m.Base + range.Offset, (int)range.Length);
        }

        public void Dispose()
        {
            foreach (var mapped in _open.Values)
            {
                if (mapped is { } m)
                {
                    m.View.SafeMemoryMappedViewHandle.ReleasePointer();
                    m.View.Dispose();
                    m.File.Dispose();
                }
            }
        }

        private (MemoryMappedFile, MemoryMappedViewAccessor, long, nint)? Map(string location)
        {
            try
            {
                var path = Path.Combine(modelDirectory ?? Directory.GetCurrentDirectory(), location);
                var length = new FileInfo(path).Length;
                if (length == 0)
                {
                    return null;
                }

                var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
                byte* pointer = null;
                // Released in Dispose: the view stays mapped while spans over it are in use.
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                return (file, view, length, (nint)(pointer + view.PointerOffset));
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
