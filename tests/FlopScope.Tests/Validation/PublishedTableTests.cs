using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Tests.Support;
using FlopScope.Validation;

namespace FlopScope.Tests.Validation;

/// <summary>The published-measurement table: its rows, its model graphs, and how close the default catalogue's
/// estimates come (docs/estimator.md, "Validation against published measurements"). Not timed.</summary>
public sealed class PublishedTableTests
{
    private static readonly string TablePath = Path.Combine(Fixtures.Root, "published", "measurements.json");

    private static readonly Lazy<PublishedTable> Table = new(() => PublishedTable.Load(TablePath));

    private static readonly Lazy<IReadOnlyList<ValidationRow>> Rows = new(() =>
        PublishedValidation.Evaluate(Table.Value, DeviceCatalog.BuiltIn(), (path, options) => OnnxModel.Load(path).Profile(options)));

    [Fact]
    public void HasAtLeastThirtyCitedRowsOnCatalogueDevices()
    {
        var table = Table.Value;
        var catalog = DeviceCatalog.BuiltIn();

        Assert.True(table.Rows.Count >= 30, $"{table.Rows.Count} rows");
        Assert.Equal(table.Rows.Count, table.Rows.Select(r => r.Id).Distinct().Count());
        foreach (var row in table.Rows)
        {
            Assert.NotNull(catalog.Get(row.Device));
            Assert.Contains(row.Runtime, new[] { "ort-cpu", "ort-cuda", "tensorrt", "torch-eager", "torch-cudagraph" });
            Assert.True(row.MeasuredMs > 0);
            Assert.False(string.IsNullOrWhiteSpace(row.Quote));
            Assert.StartsWith("https://", table.Sources[row.Source].Url, StringComparison.Ordinal);
            Assert.True(File.Exists(table.ModelPath(row)), table.ModelPath(row));
        }
    }

    // Ultralytics' docs tables: params (M) and FLOPs (B) of the fused models at 640, FLOPs = thop conv MACs x 2
    // (thop does not count the attention MatMuls of YOLO11's C2PSA, so neither does this comparison).
    [Theory]
    // yolov8n is Ultralytics' own export, whose exporter de-duplicated identical zero biases: 3,147,056 stored
    // elements against 3,151,904 in the fused PyTorch model (reference.json in tests/fixtures/models).
    [InlineData("yolov8n", 3.1, 8.7)]
    [InlineData("yolov8s", 11.2, 28.6)]
    [InlineData("yolov8m", 25.9, 78.9)]
    [InlineData("yolov8l", 43.7, 165.2)]
    [InlineData("yolov8x", 68.2, 257.8)]
    [InlineData("yolo11n", 2.6, 6.5)]
    [InlineData("yolo11s", 9.4, 21.5)]
    [InlineData("yolo11m", 20.1, 68.0)]
    [InlineData("yolo11l", 25.3, 86.9)]
    [InlineData("yolo11x", 56.9, 194.9)]
    public void ModelGraphsCarryUltralyticsPublishedParametersAndGflops(string model, double paramsM, double gflops)
    {
        var report = OnnxModel.Load(Path.Combine(Fixtures.Root, "published", model + ".onnx.gz")).Profile(imgsz: 640);
        var convGflops = report.Layers.Where(l => l.Op == "Conv").Sum(l => l.Macs) * 2 / 1e9;

        Assert.True(report.Summary.IsComplete);
        Assert.Equal(paramsM, Math.Round(report.Summary.Parameters.Total / 1e6, 1));
        // Rounds to the table's one decimal, except YOLOv8l: 165.15 against 165.2 printed (0.03%; its parameter count
        // matches Ultralytics' model.info() exactly, see benchmarks/published/export_yolo.py).
        Assert.True(Math.Round(convGflops, 1) == gflops || Math.Abs((convGflops / gflops) - 1) < 1e-3, $"{model}: {convGflops} GFLOPs");
    }

    [Fact]
    public void EstimatesStayWithinTheirCurrentPublishedTableAccuracy()
    {
        var rows = Rows.Value;
        var overall = PublishedValidation.Overall(rows.ToList());

        // The figures docs/estimator.md reports for the default catalogue (est/meas median and the worst miss).
        Assert.Equal(74, overall.Rows);
        Assert.InRange(overall.MedianRatio, 1.0, 1.06);
        Assert.InRange(overall.WorstFactor, 2.2, 2.3);
        Assert.Equal(72, rows.Count(r => AccuracySummary.Factor(r.Ratio) <= 2));
    }

    // Per device class and runtime: rows, median est/meas and worst factor (docs/estimator.md, "The table").
    [Theory]
    [InlineData("cpu", "ort-cpu", 2, 0.86, 1.35)]
    [InlineData("cpu", "torch-eager", 2, 0.46, 2.26)]
    [InlineData("edge-gpu", "ort-cuda", 10, 1.33, 1.43)]
    [InlineData("edge-gpu", "tensorrt", 37, 1.02, 1.41)]
    [InlineData("edge-gpu", "torch-eager", 11, 1.47, 1.72)]
    [InlineData("gpu", "tensorrt", 12, 0.86, 1.69)]
    public void EachClassKeepsItsPublishedTableAccuracy(string deviceClass, string runtime, int count, double median, double worst)
    {
        var summary = PublishedValidation.Summarise(Rows.Value).Single(s => s.DeviceClass == deviceClass && s.Runtime == runtime);

        Assert.Equal(count, summary.Rows);
        Assert.Equal(median, summary.MedianRatio, 2);
        Assert.Equal(worst, summary.WorstFactor, 2);
    }

    [Fact]
    public void Int8RowsAreNoLongerUnderestimatedThroughout()
    {
        // Before the INT8-engine rule (docs/estimator.md, "INT8 engines") the 11 YOLO INT8 rows had a median est/meas of
        // 0.77 and two rows beyond 2x; the rule was judged on them and all 11 were within 1.3x. Counting the reformat
        // kernels' time in full in the latency (it had hidden under the convolution each joins) moved them to 1.32 at worst.
        var yolo = Rows.Value.Where(r => r.Measurement.Precision == "int8" && r.Measurement.Source != "mlperf-inference-v3.1-edge").ToList();
        Assert.Equal(11, yolo.Count);
        Assert.All(yolo, r => Assert.InRange(AccuracySummary.Factor(r.Ratio), 1.0, 1.33));

        // The held-out MLPerf rows (models never checked before), in file order: Orin rows within 1.1x, the L4 RetinaNet
        // within 1.1x, the L4 ResNet-50 at 1.46 (2.50 before weight streaming of matrix products, docs/estimator.md).
        var mlperf = Rows.Value.Where(r => r.Measurement.Source == "mlperf-inference-v3.1-edge").Select(r => Math.Round(r.Ratio, 2)).ToList();
        Assert.Equal([0.98, 1.06, 1.05, 1.10, 1.46, 1.06], mlperf);
    }

    // MLPerf's ResNet-50 v1.5 (1001 classes): 53 convolutions (BatchNorm folded in by the exporter) and one classifier;
    // 4.09 GMACs at 224 as torchvision documents for resnet50 (its "GFLOPS" column counts multiply-adds; the 1001st
    // class adds 2,048). The unfused parameter count (25,557,032 + 2,049) is checked by export_mlperf.py.
    [Fact]
    public void MlperfResNet50GraphCarriesThePublishedCounts()
    {
        var report = OnnxModel.Load(Path.Combine(Fixtures.Root, "published", "resnet50.onnx.gz")).Profile(imgsz: 224);

        Assert.True(report.Summary.IsComplete);
        Assert.Equal(53, report.Layers.Count(l => l.Op == "Conv"));
        Assert.Equal(1, report.Layers.Count(l => l.Op == "Gemm"));
        Assert.Equal(4.09, Math.Round(report.Layers.Where(l => l.Op is "Conv" or "Gemm").Sum(l => l.Macs) / 1e9, 2));
    }

    [Fact]
    public void EmbeddedAccuracyNotesMatchAFreshRun()
    {
        var fresh = PublishedValidation.Summarise(Rows.Value);
        var stored = PublishedAccuracy.All;

        Assert.Equal(fresh.Count, stored.Count);
        foreach (var (f, s) in fresh.Zip(stored))
        {
            Assert.Equal((f.DeviceClass, f.Runtime, f.Rows), (s.DeviceClass, s.Runtime, s.Rows));
            Assert.Equal(f.MedianRatio, s.MedianRatio, 3);
            Assert.Equal(f.MedianFactor, s.MedianFactor, 3);
            Assert.Equal(f.WorstFactor, s.WorstFactor, 3);
        }
    }

    [Fact]
    public void MalformedTableIsOneClearError()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "m.json");
        File.WriteAllText(path, "{\"schema\":\"flopscope.published-measurements/1\",\"sources\":{},\"measurements\":[{\"id\":\"x\"}]}");

        var e = Assert.Throws<FlopScopeException>(() => PublishedTable.Load(path));
        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
    }
}
