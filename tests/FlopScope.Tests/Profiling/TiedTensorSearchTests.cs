using System.Text.Json;
using FlopScope.Cli.Exporting;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Profiling;

/// <summary>The tied-tensor search (the only reader of weight bytes) runs for outputs that report unique parameters
/// and for no other: the tied model keeps its four tables in an external data file, which nothing but the search
/// opens, and the kernel's inotify record of that file says which commands read it.</summary>
public sealed class TiedTensorSearchTests
{
    [Fact]
    public void OnlyProfileOpensTheWeightsToFindTiedTensors()
    {
        using var folder = new TempFolder();
        var path = UniqueParameterTests.WriteWithExternalTables(folder);
        var second = folder.Write("copy/tiny_lm_b.onnx", File.ReadAllBytes(path));
        File.Copy(folder.File("weights.bin"), folder.File("copy/weights.bin"));
        using var watch = new FileOpenWatch(folder.File("weights.bin"));

        foreach (var args in new[]
        {
            new[] { "estimate", path, "--device", "rpi5,t4" },
            ["estimate", path, "--device", "t4", "--format", "json"],
            ["check", path, "--max-params", "1M", "--max-gflops", "1"],
            ["compare", path, second],
            ["profile", path, second],
            ["profile", path, "--sweep", "batch=1,2", "--format", "json"],
        })
        {
            var result = CliRunner.Run(args);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: exit {result.ExitCode}: {result.Stderr}");
            Assert.True(watch.Opens() == 0, $"{args[0]} read the weights: {string.Join(' ', args)}");
        }

        // The stored count is the same without the search: estimate's header names the four tables and two biases.
        Assert.Contains("3,232 parameters", CliRunner.Run("estimate", path, "--device", "t4").Stdout);
        Assert.Equal(0, watch.Opens());

        // A profile reports unique parameters: it opens the weights and finds the tied head, as before.
        var profile = CliRunner.Run("profile", path);
        Assert.True(watch.Opens() > 0);
        Assert.Contains("tiny_lm summary: 9 nodes, 3,232 parameters (2,432 unique)", profile.Stdout);
        Assert.Contains("wte.weight = lm_head.weight tied", profile.Stdout);
        using var json = JsonDocument.Parse(CliRunner.Run("profile", path, "--format", "json").Stdout);
        Assert.True(watch.Opens() > 0);
        Assert.Equal(2432, json.RootElement.GetProperty("summary").GetProperty("unique_parameters").GetInt64());
        Assert.True(json.RootElement.GetProperty("summary").GetProperty("duplicates_checked").GetBoolean());
    }

    [Fact]
    public void LoadingWithoutTheSearchChangesOnlyTheUniqueFigures()
    {
        using var folder = new TempFolder();
        var path = UniqueParameterTests.WriteWithExternalTables(folder);
        using var watch = new FileOpenWatch(folder.File("weights.bin"));

        var without = OnnxModel.Load(path, findTiedTensors: false);
        var lean = without.Profile();
        Assert.Equal(0, watch.Opens());
        var full = OnnxModel.Load(path).Profile();
        Assert.True(watch.Opens() > 0);

        Assert.Null(without.Model.IdenticalTensors);
        Assert.False(lean.Summary.Parameters.DuplicatesChecked);
        Assert.Empty(lean.Summary.Parameters.Tied);
        Assert.Equal(3232, lean.Summary.Parameters.Unique);
        Assert.True(full.Summary.Parameters.DuplicatesChecked);
        Assert.Equal(2432, full.Summary.Parameters.Unique);
        // Every other figure is the same either way.
        Assert.Equal(full.Summary.Parameters.Total, lean.Summary.Parameters.Total);
        Assert.Equal(full.Summary.Parameters.Bytes, lean.Summary.Parameters.Bytes);
        Assert.Equal(full.Summary.TotalFlops, lean.Summary.TotalFlops);
        Assert.Equal(full.Memory.TotalBytes, lean.Memory.TotalBytes);
        Assert.Equal(full.Layers.Select(l => (l.Name, l.Parameters, l.TotalFlops)), lean.Layers.Select(l => (l.Name, l.Parameters, l.TotalFlops)));
    }

    [Fact]
    public void ModelBytesCanBeLoadedWithOrWithoutTheSearch()
    {
        var bytes = OnnxWriter.Write(UniqueParameterTests.TiedLanguageModel());

        Assert.Null(OnnxModel.Load(bytes, "tiny_lm", findTiedTensors: false).Model.IdenticalTensors);
        Assert.Equal(["wte.weight", "lm_head.weight"], Assert.Single(OnnxModel.Load(bytes, "tiny_lm").Model.IdenticalTensors!));
    }

    [Fact]
    public void OnlyAProfileResultAsksForTheSearch()
    {
        Assert.Equal([ResultKind.Profile], Enum.GetValues<ResultKind>().Where(k => k.ReportsTiedTensors()));
    }
}
