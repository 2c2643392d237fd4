using FlopScope.Graph;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Memory;

/// <summary>A gather reads the rows it gathers (indices x row bytes), not its whole table.</summary>
public sealed class GatherTrafficTests
{
    // Embedding table 8192 x 1024 fp32 (33,554,432 B) gathered by 3 int64 token ids (24 B): reads 3 rows of
    // 1024 x 4 = 4,096 B = 12,288 B of the table, writes 3 x 1024 fp32 = 12,288 B.
    private static Model Embedding(long tokens) => new TestGraph().Input("ids", DataType.Int64, 1, tokens).Weight("table", 8192, 1024)
        .Node("Gather", ["table", "ids"], ["x"], ("axis", 0L)).BuildModel("x");

    [Fact]
    public void GatherReadsOnlyTheGatheredRows()
    {
        var layer = Assert.Single(Profiler.Profile(Embedding(3)).Layers);

        Assert.Equal(12_288, layer.Traffic.WeightBytesRead);
        Assert.Equal(24, layer.Traffic.ActivationBytesRead);
        Assert.Equal(12_288, layer.Traffic.BytesWritten);
        Assert.Equal(33_554_432, Profiler.Profile(Embedding(3)).Memory.WeightBytes);
    }

    [Fact]
    public void GatherKernelReadsOnlyTheGatheredRows()
    {
        var kernel = Assert.Single(KernelDetector.Detect(Profiler.Profile(Embedding(1)), RuntimeCatalog.BuiltIn.Get("ort-cpu")));

        // One token: one 4,096 B row plus the 8 B index; writes the 4,096 B row.
        Assert.Equal(4_104, kernel.BytesRead);
        Assert.Equal(4_096, kernel.BytesWritten);
    }

    [Fact]
    public void GatherNeverReadsMoreThanItsTable()
    {
        // 4 x 2 fp32 table (32 B) gathered by 6 indices along axis 0: 6 rows of 8 B = 48 B copied, but only 32 B exist.
        var model = new TestGraph().Input("ids", DataType.Int64, 6).Weight("table", 4, 2)
            .Node("Gather", ["table", "ids"], ["x"], ("axis", 0L)).BuildModel("x");

        Assert.Equal(32, Assert.Single(Profiler.Profile(model).Layers).Traffic.WeightBytesRead);
    }

    [Fact]
    public void GatherElementsReadsOneElementPerOutput()
    {
        // Data 100 x 50 fp32 activations (20,000 B), indices 100 x 2 int64 (1,600 B): 200 fp32 gathered = 800 B.
        var model = new TestGraph().Input("data", 100, 50).Input("idx", DataType.Int64, 100, 2)
            .Node("GatherElements", ["data", "idx"], ["y"], ("axis", 1L)).BuildModel("y");

        var layer = Assert.Single(Profiler.Profile(model).Layers);

        Assert.Equal(800 + 1_600, layer.Traffic.ActivationBytesRead);
        Assert.Equal(800, layer.Traffic.BytesWritten);
    }
}
