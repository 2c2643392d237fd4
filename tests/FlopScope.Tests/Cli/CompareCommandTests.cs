using System.Text.Json;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class CompareCommandTests
{
    [Fact]
    public void OneRowPerModelWithEstimatesAndMeasuredResultsJoined()
    {
        using var folder = new TempFolder();
        var benchJson = Path.Combine(folder.Path, "squeezenet-bench.json");
        var profileJson = Path.Combine(folder.Path, "mobilenet.json");
        Assert.Equal(0, CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "2", "--warmup", "1", "--layer-runs", "0", "-o", benchJson).ExitCode);
        Assert.Equal(0, CliRunner.Run("profile", Fixtures.Model("mobilenet_v2"), "-o", profileJson).ExitCode);

        var result = CliRunner.Run("compare", Fixtures.Model("squeezenet1_1"), Fixtures.Model("resnet18"), benchJson, profileJson,
            "--device", "rpi5", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["squeezenet1_1", "resnet18", "mobilenet_v2"], rows.Select(r => r.GetProperty("model").GetString()));
        Assert.Equal(1_233_288, rows[0].GetProperty("params").GetInt64());
        Assert.Equal(3_628_146_688, rows[1].GetProperty("flops").GetInt64());
        Assert.True(rows[0].GetProperty("measured_ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("measured_ms").ValueKind);
        Assert.True(rows[1].GetProperty("estimated_ms_rpi5").GetDouble() > rows[0].GetProperty("estimated_ms_rpi5").GetDouble());
        Assert.Equal(3_475_008, rows[2].GetProperty("params").GetInt64());
    }

    [Fact]
    public void MarkdownTableForAPullRequest()
    {
        var result = CliRunner.Run("compare", Fixtures.Model("squeezenet1_1"), Fixtures.Model("mobilenet_v2"), "--format", "markdown");

        var lines = result.Stdout.Trim().Split('\n');
        Assert.Equal("| Model | Input | Params | GFLOPs | Convention | Total GFLOPs | Memory |", lines[0]);
        Assert.StartsWith("| squeezenet1_1 | 1x3x224x224 | 1.233 M | 0.698 | default |", lines[2]);
        Assert.StartsWith("| mobilenet_v2 | 1x3x224x224 | 3.475 M | 0.602 | default |", lines[3]);
    }

    [Fact]
    public void UnknownJsonIsExitTwo()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "other.json");
        File.WriteAllText(path, """{"schema": "something/1"}""");

        var result = CliRunner.Run("compare", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is neither a flopscope profile nor a bench result (schema 'something/1')", result.Stderr);
    }

    [Fact]
    public void ModelsWithUncountedOpsAreFlagged()
    {
        using var folder = new TempFolder();
        var model = new TestGraph().Input("x", 1, 8).Node("NoSuchOp", ["x"], ["y"]).BuildModel("y");
        var path = folder.Write("partial.onnx", FlopScope.Onnx.Writing.OnnxWriter.Write(model));

        var result = CliRunner.Run("compare", path, Fixtures.Model("squeezenet1_1"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: partial: NoSuchOp x 1 not counted: its figures are incomplete", result.Stderr);
    }
}
