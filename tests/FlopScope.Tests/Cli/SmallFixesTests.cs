using System.Text.Json;
using FlopScope.Graph;
using FlopScope.Onnx.Writing;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>Issue 11 item 9: an empty producer, module order, the SiLU kernel's name, the bench thread count.</summary>
public sealed class SmallFixesTests
{
    [Fact]
    public void EmptyProducerLeavesNoDanglingComma()
    {
        using var folder = new TempFolder();
        // A ModelProto with no producer_name: IR 4, opset 9, one Relu.
        var bytes = new MessageWriter().Int(1, 4).Message(8, o => o.Int(2, 9)).Message(7, g =>
        {
            g.String(2, "graph");
            ProtoModel.Node(g, "Relu", ["x"], ["y"]);
            ProtoModel.Input(g, "x", 1, 8);
            ProtoModel.Output(g, "y");
        }).ToArray();
        var path = folder.Write("relu.onnx", bytes);

        var console = CliRunner.Run("profile", path);
        var html = CliRunner.Run("profile", path, "--format", "html");

        Assert.Equal(0, console.ExitCode);
        Assert.Contains("relu (opset 9)", console.Stdout);
        Assert.DoesNotContain("opset 9, ", console.Stdout + html.Stdout);
        Assert.Contains("<p class=\"sub\">opset 9 &middot;", html.Stdout);
    }

    [Fact]
    public void ModulesFollowTheGraphNotTheConstants()
    {
        // yolov8n's Constant nodes of model.10, model.13 and model.22 are evaluated first; the table follows the graph.
        var modules = ModelCache.Fixture("yolov8n").Profile().ByModule.Select(m => m.Module).Where(m => m.StartsWith("model.", StringComparison.Ordinal)).ToArray();

        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"model.{i}"), modules);
    }

    [Fact]
    public void QuickGeluWithAlphaOneIsNamedSilu()
    {
        var silu = new Node("n", "QuickGelu", "com.microsoft", ["x"], ["y"], new Dictionary<string, AttributeValue> { ["alpha"] = AttributeValue.Of(1f) });
        var gelu = new Node("n", "QuickGelu", "com.microsoft", ["x"], ["y"], new Dictionary<string, AttributeValue> { ["alpha"] = AttributeValue.Of(1.702f) });

        Assert.Equal("SiLU", KernelAttribution.KernelOp(silu));
        Assert.Equal("QuickGelu", KernelAttribution.KernelOp(gelu));
    }

    [Fact]
    public void YoloKernelsNameTheFusedSiluAndTheBenchRecordsItsThreads()
    {
        // ONNX Runtime fuses yolov8n's x * sigmoid(x) into QuickGelu(alpha = 1): the kernel table must say SiLU.
        var result = CliRunner.Run("bench", Fixtures.Model("yolov8n"), "--runs", "1", "--warmup", "0", "--layer-runs", "1", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var ops = json.RootElement.GetProperty("layers").GetProperty("kernels").EnumerateArray().Select(k => k.GetProperty("op").GetString()!).ToArray();
        Assert.Contains(ops, op => op.Contains("SiLU", StringComparison.Ordinal));
        Assert.DoesNotContain(ops, op => op.Contains("QuickGelu", StringComparison.Ordinal));
        var threads = json.RootElement.GetProperty("machine").GetProperty("threads").GetInt32();
        Assert.Equal(CpuTopology.PhysicalCores(), threads);
        Assert.InRange(threads, 1, Environment.ProcessorCount);
    }
}
