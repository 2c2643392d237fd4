using System.Text.Json;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class ProfileCommandTests
{
    [Fact]
    public void ConsoleSummaryLineReadsLikeUltralytics()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("resnet18 summary: 65 nodes, 11,680,872 parameters, 11,680,872 gradients, 3.6 GFLOPs at 1x3x224x224", result.Stdout);
    }

    [Fact]
    public void JsonOnStdoutIsTheWholeDocumentAndMessagesGoToStderr()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(1_814_073_344, summary.GetProperty("macs").GetInt64());
        Assert.Equal(3_628_146_688, summary.GetProperty("flops").GetInt64());
        Assert.Equal(11_680_872, summary.GetProperty("parameters").GetInt64());
        Assert.Equal("default", json.RootElement.GetProperty("convention").GetString());
        Assert.Equal([1, 3, 224, 224], json.RootElement.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains("resnet18 summary", result.Stderr);
    }

    [Fact]
    public void TorchvisionConventionPrintsGmacs()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--convention", "torchvision");

        Assert.Contains("1.814 GMACs at 1x3x224x224", result.Stdout);
    }

    [Fact]
    public void UnboundSymbolIsOneLineAndExitTwo()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("bert_base"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unbound symbolic dimension: sequence (input 'input_ids' axis 1, 'attention_mask' axis 1). Bind with --dim sequence=N (or set a whole shape with --input NAME=1x...).", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void BoundSequenceProfilesBert()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("bert_base"), "--dim", "sequence=128", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(11_173_625_856, json.RootElement.GetProperty("summary").GetProperty("macs").GetInt64());
    }

    /// <summary>Relu -> FrobnicateXyz (no handler) x2 -> Relu, written to a temp file.</summary>
    private static string UnknownOpModel(TempFolder folder) => folder.Write("unknown.onnx", OnnxWriter.Write(new TestGraph()
        .Input("x", 1, 4)
        .Node("Relu", ["x"], ["a"])
        .Node("FrobnicateXyz", ["a"], ["b"])
        .Node("FrobnicateXyz", ["b"], ["c"])
        .Node("Relu", ["c"], ["y"])
        .BuildModel("y")));

    [Fact]
    public void StrictExitsOneWhenAnOpIsUnsupported()
    {
        using var folder = new TempFolder();
        var path = UnknownOpModel(folder);

        var strict = CliRunner.Run("profile", path, "--strict");
        var lenient = CliRunner.Run("profile", path);

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("warning: unsupported op FrobnicateXyz (2 node(s)): cost not counted", strict.Stderr);
        Assert.Contains("--strict: some ops are not counted", strict.Stderr);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("warning: unsupported op FrobnicateXyz (2 node(s)): cost not counted", lenient.Stderr);
        Assert.DoesNotContain("--strict", lenient.Stderr);
    }

    [Fact]
    public void StrictExitsZeroWhenEveryOpIsCounted()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--strict", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("unsupported").GetArrayLength());
        Assert.DoesNotContain("warning", result.Stderr);
    }

    [Fact]
    public void JsonSummaryListsUnsupportedOpsWithTheirNodeCounts()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("profile", UnknownOpModel(folder), "--format", "json", "--strict");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        var issue = Assert.Single(summary.GetProperty("unsupported").EnumerateArray());
        Assert.Equal("FrobnicateXyz", issue.GetProperty("op").GetString());
        Assert.Equal(2, issue.GetProperty("nodes").GetInt32());
        Assert.Equal("no handler for FrobnicateXyz", issue.GetProperty("reason").GetString());
        // The Relu before the unknown ops is counted; the one after has no known input, so it is unresolved, not zero.
        var unresolved = Assert.Single(summary.GetProperty("unresolved").EnumerateArray());
        Assert.Equal("Relu", unresolved.GetProperty("op").GetString());
        Assert.Equal(1, unresolved.GetProperty("nodes").GetInt32());
        Assert.Equal(4, summary.GetProperty("total_flops").GetInt64());
    }

    [Fact]
    public void DeviceAddsBoundAndEstimatedTimeToTheLayerTable()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--device", "rpi5", "--top", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Est. \u00b5s", result.Stdout);
        Assert.Contains("compute", result.Stdout);
        Assert.Contains("estimated 42.021 ms on rpi5 under ort-cpu at fp32", result.Stdout);
    }
}
