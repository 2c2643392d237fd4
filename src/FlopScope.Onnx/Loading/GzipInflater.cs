using System.IO.Compression;
using FlopScope.Errors;
using FlopScope.Safety;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Inflates <c>.onnx.gz</c> models in memory, bounded by the decompressed-size limit whatever the gzip trailer says
/// (docs/limits.md): a thread's buffer is reused model after model (batches), a trailer may size at most
/// <see cref="TrustedHintBytes"/> before any byte arrives, and a cut or corrupt file is an <see cref="InvalidModelException"/>.
/// </summary>
internal static class GzipInflater
{
    public static ReadOnlyMemory<byte> Inflate(string path, long length)
    {
        using var stream = File.OpenRead(path);
        return InflateStream(stream, length, null);
    }

    public static ReadOnlyMemory<byte> InflateBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return InflateStream(stream, bytes.Length, null);
    }

    // One inflate buffer per thread, kept only weakly: a batch reuses it model after model (its pages stay mapped),
    // and a garbage collection still reclaims it when nothing is being read.
    [ThreadStatic]
    private static WeakReference<byte[]>? _reusable;

    public static Inflated InflateReusing(string path, long length)
    {
        var cached = _reusable is { } weak && weak.TryGetTarget(out var b) ? b : null;
        _reusable = null;
        using var stream = File.OpenRead(path);
        var memory = InflateStream(stream, length, cached);
        return new Inflated(memory);
    }

    /// <summary>Inflated bytes in the thread's reusable buffer, handed back to it on dispose.</summary>
    public readonly struct Inflated(ReadOnlyMemory<byte> memory) : IDisposable
    {
        public ReadOnlySpan<byte> Span => memory.Span;

        public void Dispose()
        {
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is { } array)
            {
                _reusable = new WeakReference<byte[]>(array);
            }
        }
    }

    /// <summary>An uninitialized, pinned buffer; on Linux its whole 2 MiB pages are marked for transparent huge pages, so
    /// inflating a model of tens of MB into it takes a few dozen page faults instead of thousands (the largest part of
    /// a one-model start-up otherwise).</summary>
    private static unsafe byte[] NewBuffer(int length)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        const long HugePage = 2L << 20;
        if (OperatingSystem.IsLinux() && length >= 2 * HugePage)
        {
            fixed (byte* pointer = buffer)
            {
                var first = ((long)pointer + HugePage - 1) & ~(HugePage - 1);
                var end = ((long)pointer + length) & ~(HugePage - 1);
                if (end > first && !_noMadvise)
                {
                    // A hint: an error (no THP in this kernel) changes nothing but page size; a C library without
                    // madvise (or one the loader cannot name) only loses the hint.
                    try
                    {
                        _ = Madvise((nint)first, (nuint)(end - first), MadviseHugePage);
                    }
                    catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                    {
                        _noMadvise = true;
                    }
                }
            }
        }

        return buffer;
    }

    private const int MadviseHugePage = 14;

    private static volatile bool _noMadvise;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);

    // The most a forged trailer may reserve before any byte is inflated.
    private const long TrustedHintBytes = 256L << 20;

    // The most a deflate stream can expand (a 258-byte match per 2 bits, about 1032:1), with room for headers: a bound
    // the gzip trailer's size hint must respect before it sizes a buffer.
    private static long MaxInflated(long compressedLength) => compressedLength * 1032 + (1 << 20);

    /// <summary>The gzip trailer: CRC-32 and ISIZE (inflated size mod 2^32) of the last member. Used only to check the
    /// result and as a bounded first guess of the buffer size (at most TrustedHintBytes), never to allocate gigabytes.</summary>
    private static (uint Crc, uint Size)? Trailer(Stream stream, long length)
    {
        if (length < 18)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(trailer);
        stream.Position = 0;
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
    }

    // Inflates in chunks into a buffer that grows with what is actually produced, stopping at the decompressed-size
    // limit (default: protobuf's 2 GiB), so neither a bomb nor a lying trailer can take more than the limit.
    private static ReadOnlyMemory<byte> InflateStream(Stream stream, long compressedLength, byte[]? reusable)
    {
        // Array.MaxLength: the largest byte[] there is (a little under protobuf's 2 GiB).
        var limit = Math.Min(Math.Min(Limits.Current.Decompressed, ModelFile.MaxProtobufBytes), Array.MaxLength);
        var expected = Trailer(stream, compressedLength);
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            // Start from the trailer's size when deflate could produce it from this many bytes (so one buffer, no
            // copies), else from the compressed size x 4 (typical for weights) but never more than 64 MiB before
            // bytes arrive. Uninitialized: pages are touched only as bytes are inflated into them. The trailer is
            // the file's word, so it sizes at most TrustedHintBytes up front; larger models grow as bytes arrive.
            var start = expected is { } hint && hint.Size <= MaxInflated(compressedLength) ? Math.Clamp(hint.Size, 1L, TrustedHintBytes) : Math.Clamp(compressedLength * 4, 4096, 64L << 20);
            var buffer = reusable is not null && reusable.Length >= Math.Min(start, limit) ? reusable : NewBuffer((int)Math.Min(start, limit));
            var capacity = (int)Math.Min(buffer.Length, limit);
            var used = 0;
            while (true)
            {
                if (used == capacity)
                {
                    // Full: one more byte says whether to grow (and whether the limit is passed).
                    var next = gzip.ReadByte();
                    if (next < 0)
                    {
                        break;
                    }

                    if (used >= limit)
                    {
                        throw Limits.Exceeded("decompressed", $"Not a usable ONNX model: it inflates to more than {limit:N0} bytes");
                    }

                    var larger = NewBuffer((int)Math.Min((long)capacity * 2, limit));
                    buffer.AsSpan(0, used).CopyTo(larger);
                    buffer = larger;
                    capacity = buffer.Length;
                    buffer[used++] = (byte)next;
                    continue;
                }

                var read = gzip.Read(buffer, used, capacity - used);
                if (read == 0)
                {
                    break;
                }

                used += read;
            }

            // .NET inflates every member of a multi-member file (RFC 1952 allows concatenated members) and stops
            // quietly where a cut file ends. The last member's trailer describes the last ISIZE bytes inflated: their
            // CRC-32 must match. A cut file ends in deflate data instead of a trailer, which matches by chance only
            // once in 2^32.
            if (expected is { } trailer
                && (trailer.Size > (uint)used || System.IO.Hashing.Crc32.HashToUInt32(buffer.AsSpan(used - (int)trailer.Size, (int)trailer.Size)) != trailer.Crc))
            {
                throw new InvalidModelException($"Not a valid ONNX model: the gzip file is truncated or corrupt (it inflates to {used:N0} bytes; its last member's trailer says {trailer.Size:N0} bytes with another checksum).");
            }

            return buffer.AsMemory(0, used);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidModelException("Not a valid ONNX model: the gzip data is corrupt or truncated.", e);
        }
    }
}
