using System.Text.Json;
using FlopScope.Onnx.Batch;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>Issue 11 item 7: profile and compare take several files, folders and globs; a model that fails is named
/// and the others go on (exit 2).</summary>
public sealed class ManyModelsTests
{
    /// <summary>squeezenet1_1 and resnet18 at the top, mobilenet_v2 and a truncated googlenet one folder down, plus a
    /// file that is not a model.</summary>
    private static TempFolder Zoo()
    {
        var folder = new TempFolder();
        folder.Write("squeezenet1_1.onnx.gz", File.ReadAllBytes(Fixtures.Model("squeezenet1_1")));
        folder.Write("resnet18.onnx.gz", File.ReadAllBytes(Fixtures.Model("resnet18")));
        folder.Write("sub/mobilenet_v2.onnx.gz", File.ReadAllBytes(Fixtures.Model("mobilenet_v2")));
        folder.Write("sub/broken.onnx", File.ReadAllBytes(Fixtures.Model("googlenet"))[..1000]);
        folder.Write("notes.txt", "not a model"u8.ToArray());
        return folder;
    }

    [Fact]
    public void AFolderIsProfiledRecursivelyAndItsBrokenModelIsNamed()
    {
        using var zoo = Zoo();

        var result = CliRunner.Run("profile", zoo.Path, "--format", "json", "--jobs", "2");

        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("flopscope.profile-summary/1", json.RootElement.GetProperty("schema").GetString());
        var rows = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);
        Assert.Equal(["resnet18", "squeezenet1_1", "broken", "mobilenet_v2"], json.RootElement.GetProperty("models").EnumerateArray().Select(r => r.GetProperty("model").GetString()));
        // The figures of each model are those of its own profile (reference.json's published counts are tested elsewhere).
        Assert.Equal(1_233_288, rows["squeezenet1_1"].GetProperty("params").GetInt64());
        Assert.Equal(3_628_146_688, rows["resnet18"].GetProperty("flops").GetInt64());
        Assert.Equal(3_475_008, rows["mobilenet_v2"].GetProperty("params").GetInt64());
        Assert.Equal("ok", rows["mobilenet_v2"].GetProperty("status").GetString());
        Assert.StartsWith("failed: Not a valid ONNX model", rows["broken"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rows["broken"].GetProperty("params").ValueKind);
        Assert.Contains($"error: {Path.Combine(zoo.Path, "sub", "broken.onnx")}: Not a valid ONNX model", result.Stderr);
        Assert.Contains("profiled 3 of 4 model(s)", result.Stderr);
    }

    [Fact]
    public void FilesGlobsAndMissingFilesMix()
    {
        using var zoo = Zoo();

        var result = CliRunner.Run("profile", Path.Combine(zoo.Path, "**", "*.onnx.gz"), Fixtures.Model("googlenet"), Path.Combine(zoo.Path, "nope.onnx"), "--format", "csv");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.Equal("model,input,params,flops,convention,total_flops,memory_bytes,status", lines[0]);
        Assert.Equal(["resnet18", "squeezenet1_1", "mobilenet_v2", "googlenet", "nope"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.EndsWith("failed: File not found: '" + Path.Combine(zoo.Path, "nope.onnx") + "'.", lines[^1]);
    }

    [Fact]
    public void ADimensionBindsTheModelsThatDeclareIt()
    {
        using var zoo = Zoo();
        zoo.Write("bert_base.onnx.gz", File.ReadAllBytes(Fixtures.Model("bert_base")));
        File.Delete(zoo.File("sub/broken.onnx"));

        var bound = CliRunner.Run("profile", zoo.Path, "--dim", "sequence=128", "--format", "json");
        var unknown = CliRunner.Run("profile", zoo.Path, "--dim", "seq=128");

        Assert.Equal(0, bound.ExitCode);
        using var json = JsonDocument.Parse(bound.Stdout);
        var bert = json.RootElement.GetProperty("models").EnumerateArray().Single(r => r.GetProperty("model").GetString() == "bert_base");
        Assert.Equal("input_ids=1x128, attention_mask=1x128", bert.GetProperty("input").GetString());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--dim seq: none of the 4 models has a dimension 'seq'", unknown.Stderr);
    }

    [Theory]
    [InlineData("--sweep", "imgsz=224,320")]
    [InlineData("--top", "3")]
    [InlineData("--format", "html")]
    public void OptionsForOneModelSaySo(string option, string value)
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), Fixtures.Model("resnet18"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void CompareNamesTheModelThatFailsAndShowsTheOthers()
    {
        using var zoo = Zoo();

        var result = CliRunner.Run("compare", Fixtures.Model("squeezenet1_1"), zoo.File("sub/broken.onnx"), Fixtures.Model("resnet18"), "--format", "markdown");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.StartsWith("| squeezenet1_1 | 1x3x224x224 | 1.233 M | 0.698 |", lines[2]);
        Assert.StartsWith("| broken | - | - | - |", lines[3]);
        Assert.Contains("failed: Not a valid ONNX model", lines[3]);
        Assert.StartsWith("| resnet18 |", lines[4]);
        Assert.Contains($"error: {zoo.File("sub/broken.onnx")}: Not a valid ONNX model", result.Stderr);
    }

    [Fact]
    public void ExpansionKeepsArgumentOrderAndSortsWithinAFolder()
    {
        using var zoo = Zoo();

        var files = ModelFiles.Expand([zoo.File("sub"), zoo.File("resnet18.onnx.gz"), Path.Combine(zoo.Path, "*.gz"), Path.Combine(zoo.Path, "none-*.onnx")]);

        Assert.Equal(
            [zoo.File("sub/broken.onnx"), zoo.File("sub/mobilenet_v2.onnx.gz"), zoo.File("resnet18.onnx.gz"), zoo.File("resnet18.onnx.gz"), zoo.File("squeezenet1_1.onnx.gz"), Path.Combine(zoo.Path, "none-*.onnx")],
            files);
        Assert.Equal($"no .onnx or .onnx.gz file matches '{Path.Combine(zoo.Path, "none-*.onnx")}'.", ModelFiles.NothingUnder(files[^1]));
    }
}
