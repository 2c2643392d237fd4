using System.IO.Compression;
using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Onnx.Loading;

public sealed class ModelFileTests
{
    private static string Light(string name) => Path.Combine(Fixtures.Root, "onnx-backend-tests", "light", name + ".onnx");

    private static string Json(ProfileReport report)
    {
        using var text = new StringWriter();
        new JsonReportWriter().Write(report, new ReportView(), text);
        return text.ToString();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return memory.ToArray();
    }

    [Theory]
    [InlineData("light_squeezenet")]
    [InlineData("light_inception_v2")]
    public void GzipAndPlainFilesGiveIdenticalReports(string name)
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(Light(name));
        var plain = folder.Write("model.onnx", bytes);
        var gzip = folder.Write("model.onnx.gz", Gzip(bytes));

        var a = OnnxModel.Load(plain);
        var b = OnnxModel.Load(gzip);

        Assert.Equal("model", a.Model.Name);
        Assert.Equal("model", b.Model.Name);
        Assert.Equal(Json(a.Profile()), Json(b.Profile()));
    }

    [Fact]
    public void GzipFixtureAndItsInflatedBytesGiveIdenticalReports()
    {
        using var folder = new TempFolder();
        var plain = folder.Write("resnet18.onnx", ModelCache.FixtureBytes("resnet18"));

        var fromPlain = OnnxModel.Load(plain).Profile();
        var fromGzip = OnnxModel.Load(Fixtures.Model("resnet18")).Profile();

        Assert.Equal(11_680_872, fromPlain.Summary.Parameters.Total);
        Assert.Equal(Json(fromGzip), Json(fromPlain));
    }

    [Fact]
    public void GzipIsDetectedByMagicBytesNotByExtension()
    {
        using var folder = new TempFolder();
        var path = folder.Write("light_squeezenet.onnx", Gzip(File.ReadAllBytes(Light("light_squeezenet"))));

        var model = OnnxModel.Load(path);

        Assert.Equal("light_squeezenet", model.Model.Name);
        Assert.Equal(Json(OnnxModel.Load(Light("light_squeezenet")).Profile()), Json(model.Profile()));
    }

    [Fact]
    public void BytesLoadPlainAndGzipAlike()
    {
        var bytes = File.ReadAllBytes(Light("light_squeezenet"));

        Assert.Equal(Json(OnnxModel.Load(bytes, "m").Profile()), Json(OnnxModel.Load(Gzip(bytes), "m").Profile()));
    }

    [Fact]
    public void CorruptGzipIsAnInvalidModel()
    {
        using var folder = new TempFolder();
        // A gzip header followed by a deflate block of the reserved type 11.
        var path = folder.Write("model.onnx.gz", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
        Assert.Equal("Not a valid ONNX model: the gzip data is corrupt or truncated.", e.Message);
    }

    [Fact]
    public void TruncatedGzipIsAnInvalidModel()
    {
        using var folder = new TempFolder();
        var gzip = Gzip(File.ReadAllBytes(Light("light_squeezenet")));
        var path = folder.Write("model.onnx.gz", gzip[..(gzip.Length / 2)]);

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
        Assert.StartsWith("Not a valid ONNX model", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
