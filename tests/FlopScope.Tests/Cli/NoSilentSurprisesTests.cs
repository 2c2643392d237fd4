using System.Globalization;
using System.Text.Json;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>Issue 11 item 2: a flag never silently does nothing, and one convention reads the same everywhere.</summary>
public sealed class NoSilentSurprisesTests
{
    /// <summary>A Relu on images[batch, 3, height, width]: every dimension but channels is symbolic.</summary>
    private static string DynamicImageModel(TempFolder folder) => folder.Write("dynamic.onnx", ProtoModel.Model(g =>
    {
        g.Message(11, v => v.String(1, "images").Message(2, t => t.Message(1, tt =>
        {
            tt.Int(1, (int)DataType.Float);
            tt.Message(2, s =>
            {
                s.Message(1, d => d.String(2, "batch"));
                s.Message(1, d => d.Int(1, 3));
                s.Message(1, d => d.String(2, "height"));
                s.Message(1, d => d.String(2, "width"));
            });
        })));
        ProtoModel.Node(g, "Relu", ["images"], ["y"]);
        ProtoModel.Output(g, "y");
    }));

    [Fact]
    public void AnUnknownDimensionNameIsAnErrorThatListsTheModelsSymbols()
    {
        using var folder = new TempFolder();

        var dynamic = CliRunner.Run("profile", DynamicImageModel(folder), "--dim", "batch_size=8");
        var bert = CliRunner.Run("estimate", Fixtures.Model("bert_base"), "--device", "t4", "--dim", "seq_len=128");
        var known = CliRunner.Run("profile", DynamicImageModel(folder), "--dim", "batch=8", "--format", "json");

        Assert.Equal(2, dynamic.ExitCode);
        Assert.Contains("error: --dim batch_size: the model has no dimension 'batch_size'; its symbolic dimensions are: batch, height, width.", dynamic.Stderr);
        Assert.Equal(2, bert.ExitCode);
        Assert.Contains("its symbolic dimensions are: batch, sequence.", bert.Stderr);
        Assert.Equal(0, known.ExitCode);
        using var json = JsonDocument.Parse(known.Stdout);
        Assert.Equal(8, json.RootElement.GetProperty("inputs")[0].GetProperty("shape")[0].GetInt64());
    }

    [Fact]
    public void AStaticModelTakesNoDimension()
    {
        var result = CliRunner.Run("profile", Path.Combine(Fixtures.Root, "onnx-backend-tests", "light", "light_squeezenet.onnx"), "--dim", "batch=8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --dim batch: the model has no symbolic dimensions (inputs: data_0 1x3x224x224); use --input NAME=SHAPE, --batch or --imgsz.", result.Stderr);
    }

    [Fact]
    public void TheConsoleHeaderFlagsTheDefaultImageSize()
    {
        using var folder = new TempFolder();
        var model = DynamicImageModel(folder);

        var defaulted = CliRunner.Run("profile", model);
        var chosen = CliRunner.Run("profile", model, "--imgsz", "320");

        Assert.Equal(0, defaulted.ExitCode);
        Assert.Contains("images fp32 1x3x640x640 (640x640 chosen for dynamic H,W; use --imgsz)", defaulted.Stdout);
        Assert.Contains("images fp32 1x3x320x320", chosen.Stdout);
        Assert.DoesNotContain("chosen for dynamic", chosen.Stdout);
    }

    [Theory]
    [InlineData("estimate", "--device", "t4")]
    [InlineData("check", "--max-params", "20M")]
    [InlineData("compare")]
    public void DepthIsOnlyOnCommandsWithModuleTables(string command, params string[] options)
    {
        var result = CliRunner.Run([command, Fixtures.Model("squeezenet1_1"), .. options, "--depth", "2"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option 'depth'.", result.Stderr);
    }

    [Fact]
    public void DepthChangesTheModuleTableOfProfile()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--depth", "2", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("module_depth").GetInt32());
    }

    /// <summary>
    /// The convention matrix: every command and format that shows the headline figure shows the same quantity with the
    /// same unit. resnet18's torchvision figure is the published one (torchvision model docs: ResNet18_Weights
    /// "GFLOPS" 1.81, which counts multiply-accumulates).
    /// </summary>
    [Theory]
    [InlineData("default", "GFLOPs", "flops")]
    [InlineData("torchvision", "GMACs", "macs")]
    [InlineData("ultralytics", "GFLOPs", "flops")]
    public void OneConventionReadsTheSameInEveryCommandAndFormat(string convention, string unit, string key)
    {
        var model = Fixtures.Model("resnet18");
        using var profile = JsonDocument.Parse(CliRunner.Run("profile", model, "--convention", convention, "--format", "json").Stdout);
        var summary = profile.RootElement.GetProperty("summary");
        var count = summary.GetProperty(key).GetInt64();
        var giga = count / 1e9;
        var precise = giga.ToString("0.###", CultureInfo.InvariantCulture);
        var headline = unit == "GMACs" ? $"{giga.ToString("0.000", CultureInfo.InvariantCulture)} GMACs" : $"{giga.ToString("0.0", CultureInfo.InvariantCulture)} GFLOPs";
        if (convention == "torchvision")
        {
            Assert.Equal(1.81, Math.Round(giga, 2));
        }

        // profile: JSON, console, Markdown
        Assert.Equal(unit, summary.GetProperty("headline_unit").GetString());
        Assert.Equal(Math.Round(giga, 6), summary.GetProperty("headline").GetDouble());
        Assert.Contains($"{headline} at 1x3x224x224", CliRunner.Run("profile", model, "--convention", convention).Stdout);
        Assert.Contains($"{headline} at 1x3x224x224", CliRunner.Run("profile", model, "--convention", convention, "--format", "markdown").Stdout);

        // profile --baseline: console, Markdown and HTML deltas name the headline in the same unit; the HTML card too
        using var folder = new TempFolder();
        var baseline = folder.Write("baseline.json", System.Text.Encoding.UTF8.GetBytes(CliRunner.Run("profile", model, "--convention", convention, "--format", "json").Stdout));
        var other = unit == "GMACs" ? "GFLOPs" : "GMACs";
        var line = CliRunner.Run("profile", model, "--convention", convention, "--baseline", baseline).Stdout.Split('\n').Single(l => l.StartsWith("vs baseline:", StringComparison.Ordinal));
        Assert.StartsWith($"vs baseline: +0.0% {unit}, ", line);
        var deltaMarkdown = CliRunner.Run("profile", model, "--convention", convention, "--baseline", baseline, "--format", "markdown").Stdout;
        Assert.Contains($"**vs baseline: +0.0% {unit}, ", deltaMarkdown);
        Assert.Contains($"| {unit} | {precise} | {precise} | +0.0% |", deltaMarkdown);
        var htmlPath = folder.File("report.html");
        Assert.Equal(0, CliRunner.Run("profile", model, "--convention", convention, "--baseline", baseline, "--format", "html", "-o", htmlPath).ExitCode);
        var html = File.ReadAllText(htmlPath);
        Assert.Contains($"vs baseline: +0.0% {unit}, ", html);
        var card = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"card\" data-key=\"flops\" data-value=\"([0-9]+)\"><div class=\"label\">([^<]*)</div><div class=\"value\">([^<]*)</div><div class=\"detail\">([^<]*)</div>");
        Assert.True(card.Success, "the HTML headline card");
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), card.Groups[1].Value);
        Assert.StartsWith(unit, card.Groups[2].Value);
        Assert.Equal(headline, card.Groups[3].Value);
        Assert.StartsWith($"{count.ToString("N0", CultureInfo.InvariantCulture)} {unit[1..]} at 1x3x224x224", card.Groups[4].Value);
        foreach (var text in new[] { line, card.Groups[2].Value, card.Groups[3].Value })
        {
            Assert.DoesNotContain(other, text);
        }

        // compare: console, Markdown, CSV, JSON
        string[] compare = ["compare", model, "--convention", convention];
        var console = CliRunner.Run(compare).Stdout;
        Assert.Contains($" {unit} ", console);
        Assert.Contains($" {precise} ", console);
        var markdown = CliRunner.Run([.. compare, "--format", "markdown"]).Stdout.Split('\n');
        var headers = markdown[0].Split(" | ").Select(h => h.Trim('|', ' ')).ToList();
        Assert.Equal(precise, markdown[2].Split(" | ")[headers.IndexOf(unit)].Trim('|', ' '));
        Assert.DoesNotContain(unit == "GMACs" ? "GFLOPs" : "GMACs", headers);
        var csv = CliRunner.Run([.. compare, "--format", "csv"]).Stdout.Split('\n');
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), csv[1].Split(',')[csv[0].Split(',').ToList().IndexOf(key)]);
        using var compareJson = JsonDocument.Parse(CliRunner.Run([.. compare, "--format", "json"]).Stdout);
        Assert.Equal(count, compareJson.RootElement.GetProperty("rows")[0].GetProperty(key).GetInt64());

        // check: the budget reads the headline figure
        var check = CliRunner.Run("check", model, "--convention", convention, "--max-gflops", "5");
        Assert.Contains($"ok     {unit}: {precise} {unit} at 1x3x224x224 (limit 5 {unit})", check.Stdout);
        var tight = CliRunner.Run("check", model, "--convention", convention, "--max-gflops", (giga * 0.99).ToString("0.###", CultureInfo.InvariantCulture));
        Assert.Equal(1, tight.ExitCode);

        // estimate: console and JSON
        Assert.Contains($"11,680,872 parameters, {headline},", CliRunner.Run("estimate", model, "--device", "t4", "--convention", convention).Stdout);
        using var estimate = JsonDocument.Parse(CliRunner.Run("estimate", model, "--device", "t4", "--convention", convention, "--format", "json").Stdout);
        Assert.Equal(unit, estimate.RootElement.GetProperty("headline_unit").GetString());
        Assert.Equal(Math.Round(giga, 6), estimate.RootElement.GetProperty("headline").GetDouble());
    }
}
