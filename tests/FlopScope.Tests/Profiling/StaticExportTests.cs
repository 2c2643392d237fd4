using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Profiling;

/// <summary>Static exports (Ultralytics' default) at another size: a one-line error, or --rescale scaling the stored
/// profile by batch and spatial area, as Ultralytics' get_flops scales its stride-sized profile.</summary>
public sealed class StaticExportTests
{
    [Fact]
    public void OtherImageSizeOnAStaticYoloExportSaysTheShapesAreFixed()
    {
        var error = Assert.Throws<ShapeException>(() => ModelCache.Fixture("yolov8n").Profile(imgsz: 320));

        Assert.StartsWith("The export's shapes are fixed at 1x3x640x640, so it cannot be profiled at 1x3x320x320", error.Message);
        Assert.Contains("re-export with dynamic=True, or use --rescale", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void RescaledYolov8nAt320IsUltralyticsOwnRule()
    {
        var model = ModelCache.Fixture("yolov8n");
        var stored = model.Profile(new ProfileOptions { Convention = CountingConvention.Ultralytics });
        var scaled = model.Profile(new ProfileOptions { Convention = CountingConvention.Ultralytics, ImageSize = (320, 320), Rescale = true });

        // Ultralytics model.info() of the fused model at 640 (reference.json) and its published 8.7 GFLOPs.
        var info = Fixtures.ReferenceOf("yolov8n").GetProperty("ultralytics_info_fused")[3].GetDouble();
        Assert.Equal(8.7, Math.Round(stored.Summary.GFlops, 1));
        Assert.Equal(info, stored.Summary.GFlops, 9);
        // get_flops: GFLOPs x (320 / 640) x (320 / 640).
        Assert.Equal(info * (320.0 / 640) * (320.0 / 640), scaled.Summary.GFlops, 9);
        Assert.Equal(2_185_996_800, scaled.Summary.Flops);
        Assert.Equal(stored.Summary.Parameters.Total, scaled.Summary.Parameters.Total);

        var scaling = Assert.IsType<ProfileScaling>(scaled.Scaling);
        Assert.Equal("1x3x640x640", scaling.StoredShape);
        Assert.Equal(0.25, scaling.Factor);
        Assert.Equal(67, scaling.ExactNodes); // 64 Conv + 3 MaxPool, each re-derived at the scaled size
        Assert.Equal(0, scaling.ApproximateMacs); // every weight-bearing op is a checked convolution
        Assert.Equal("1x3x320x320 (scaled x0.25 from 1x3x640x640)", scaled.InputShapeText);
        Assert.Null(stored.Scaling);
    }

    [Fact]
    public void BatchRescaleMultipliesActivationsNotWeights()
    {
        var model = ModelCache.Fixture("yolov8n");
        var stored = model.Profile(new ProfileOptions());
        var scaled = model.Profile(new ProfileOptions { Batch = 8, Rescale = true });

        Assert.Equal(8 * stored.Summary.Macs, scaled.Summary.Macs);
        Assert.Equal(stored.Memory.WeightBytes, scaled.Memory.WeightBytes);
        Assert.Equal(8 * stored.Memory.PeakActivationBytes, scaled.Memory.PeakActivationBytes);
    }

    [Theory]
    [InlineData(448)]
    [InlineData(112)]
    public void ScaledConvolutionsEqualTheDirectProfileAndTheRestIsFlagged(long size)
    {
        // resnet18's H and W are fixed at 224 but nothing in its graph hard-codes them, so it can also be profiled
        // directly at another size: the truth the scaled figures are checked against.
        var model = ModelCache.Fixture("resnet18");
        var direct = model.Profile(imgsz: size);
        var scaled = model.Profile(new ProfileOptions { ImageSize = (size, size), Rescale = true });
        Assert.Null(direct.Scaling);

        var exact = scaled.Layers.Where(l => l.Notes.Any(n => n.EndsWith("(exact)", StringComparison.Ordinal)) && l.TotalFlops > 0).ToArray();
        var approximate = scaled.Layers.Where(l => l.Notes.Any(n => n.EndsWith("(approximate)", StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(exact);
        foreach (var layer in exact)
        {
            Assert.Equal(direct.Layers[layer.Index].Macs, layer.Macs);
            Assert.Equal(direct.Layers[layer.Index].TotalFlops, layer.TotalFlops);
        }

        // The classifier's Gemm follows global pooling: its cost does not grow with the image, so it must be flagged.
        var gemm = Assert.Single(scaled.Layers, l => l.Op == "Gemm");
        Assert.Contains(gemm, approximate);
        Assert.Equal(512_000, direct.Layers[gemm.Index].Macs);
        Assert.NotEqual(512_000, gemm.Macs);
        Assert.Equal(approximate.Length, scaled.Scaling!.ApproximateNodes.Count);
        if (size == 112)
        {
            // 7x7 maps halve to 3.5: layer4's convolutions cannot be exact and are flagged too.
            Assert.Contains(approximate, l => l.Op == "Conv" && l.Module == "layer4");
        }
        else
        {
            Assert.All(scaled.Layers.Where(l => l.Op == "Conv"), l => Assert.Contains(l, exact));
        }
    }

    [Fact]
    public void RescaleOnlyScalesBatchAndImageAxes()
    {
        var error = Assert.Throws<ShapeException>(() => ModelCache.Fixture("yolov8n").Profile(new ProfileOptions
        {
            InputShapes = new Dictionary<string, long[]> { ["images"] = [1, 4, 640, 640] },
            Rescale = true,
        }));

        Assert.Contains("axis 1 is fixed at 3", error.Message);
    }

    [Fact]
    public void CliSaysOneLineAndExitsTwoForImgszBatchAndSweep()
    {
        string[][] runs = [["--imgsz", "320"], ["--batch", "8"], ["--sweep", "imgsz=320,640"]];
        foreach (var extra in runs)
        {
            var result = CliRunner.Run(["profile", Fixtures.Model("yolov8n"), .. extra]);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.Contains("fixed at 1x3x640x640", line);
            Assert.Contains("--rescale", line);
        }
    }

    [Fact]
    public void CliLabelsScaledFiguresInEveryFormat()
    {
        var model = Fixtures.Model("yolov8n");
        string[] common = ["profile", model, "--imgsz", "320", "--rescale", "--convention", "ultralytics", "--top", "3"];

        var console = CliRunner.Run(common);
        Assert.Equal(0, console.ExitCode);
        Assert.Contains("Scaled", console.Stdout);
        Assert.Contains("2.2 GFLOPs at 1x3x320x320 (scaled x0.25 from 1x3x640x640)", console.Stdout);

        var json = CliRunner.Run([.. common, "--format", "json"]);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("1x3x640x640", doc.RootElement.GetProperty("scaling").GetProperty("stored_shape").GetString());
        Assert.Equal(2_185_996_800, doc.RootElement.GetProperty("summary").GetProperty("flops").GetInt64());

        var csv = CliRunner.Run([.. common, "--format", "csv"]);
        Assert.All(csv.Stdout.Trim().Split('\n').Skip(1), row => Assert.Contains("scaled x0.25 from 1x3x640x640", row));

        var markdown = CliRunner.Run([.. common, "--format", "markdown"]);
        Assert.Contains("| Scaled | scaled x0.25 from the stored 1x3x640x640 profile", markdown.Stdout);

        var html = CliRunner.Run([.. common, "--format", "html"]);
        Assert.Contains("data-key=\"scaling\"", html.Stdout);

        var sweep = CliRunner.Run("profile", model, "--sweep", "imgsz=320,640", "--rescale", "--convention", "ultralytics");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Contains("scaled x0.25", sweep.Stdout);
    }
}
