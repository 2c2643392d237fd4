using System.Collections.Concurrent;
using System.IO.Compression;
using FlopScope.Onnx;

namespace FlopScope.Tests.Support;

/// <summary>Loads each fixture once per test run (the large ones take seconds to inflate).</summary>
internal static class ModelCache
{
    private static readonly ConcurrentDictionary<string, Lazy<OnnxModel>> Models = new();
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Bytes = new();

    public static OnnxModel Fixture(string name) =>
        Models.GetOrAdd(name, n => new Lazy<OnnxModel>(() => OnnxModel.Load(Fixtures.Model(n)))).Value;

    /// <summary>The decompressed model bytes, for ONNX Runtime.</summary>
    public static byte[] FixtureBytes(string name) =>
        Bytes.GetOrAdd(name, n => new Lazy<byte[]>(() =>
        {
            using var file = File.OpenRead(Fixtures.Model(n));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            return memory.ToArray();
        })).Value;
}
