using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>ONNX Runtime CPU's element-by-element transposes and the two an inner-axis Softmax runs (docs/estimator.md,
/// "Strided transposes"), on hand-built shapes.</summary>
public sealed class StridedTransposeTests
{
    [Theory]
    // A detection head's Softmax on axis 1 of 1x16x4x8400: axes 1 and 3 swap around 2 (element by element).
    [InlineData(new long[] { 1, 16, 4, 8400 }, new long[] { 0, 3, 2, 1 }, true)]
    [InlineData(new long[] { 5, 6, 7 }, new long[] { 2, 1, 0 }, true)]
    // One axis moves (NCHW -> NHWC, a 2-D swap): the fast inwards/outwards paths.
    [InlineData(new long[] { 1, 64, 112, 112 }, new long[] { 0, 2, 3, 1 }, false)]
    [InlineData(new long[] { 64, 128 }, new long[] { 1, 0 }, false)]
    // The innermost axis stays last (attention heads, channel shuffle): block copies.
    [InlineData(new long[] { 1, 197, 12, 64 }, new long[] { 0, 2, 1, 3 }, false)]
    [InlineData(new long[] { 1, 2, 58, 28, 28 }, new long[] { 0, 2, 1, 3, 4 }, false)]
    // Size-1 axes do not count: [1, 16, 1, 8] by (2, 3, 0, 1) moves only the 16-axis past the 8-axis.
    [InlineData(new long[] { 1, 16, 1, 8 }, new long[] { 2, 3, 0, 1 }, false)]
    // Merged runs: (1,2) stay adjacent and in order, so [a, (b c), d] -> [d, (b c), a] is a three-group swap.
    [InlineData(new long[] { 3, 4, 5, 6 }, new long[] { 3, 1, 2, 0 }, true)]
    public void ElementwisePathIsThePermutationsThatMoveMoreThanOneAxisAndTheLast(long[] dims, long[] perm, bool elementwise) =>
        Assert.Equal(elementwise, StridedTransposes.IsElementwise(dims, perm));

    private static IReadOnlyList<Kernel> Detect(TestGraph graph, string runtime = "ort-cpu") =>
        KernelDetector.Detect(Profiler.Profile(graph.BuildModel("y")), RuntimeCatalog.BuiltIn.Get(runtime) with { Layout = null });

    [Fact]
    public void AnInnerAxisSoftmaxRunsBetweenTwoStridedCopiesOfItsTensor()
    {
        // 1x16x4x8400 fp32 = 2,150,400 bytes: each transpose reads and writes all of it.
        var kernels = Detect(new TestGraph().Input("x", 1, 16, 4, 8400).Node("Softmax", ["x"], ["y"], ("axis", 1L)));

        Assert.Equal(["Transpose", "Softmax", "Transpose"], kernels.Select(k => k.Op));
        Assert.All([kernels[0], kernels[2]], k =>
        {
            Assert.Equal(KernelClass.StridedCopy, k.Class);
            Assert.Equal(StridedTransposes.InnerAxisRule, k.Rule);
            Assert.Equal(2_150_400, k.BytesRead);
            Assert.Equal(2_150_400, k.BytesWritten);
        });
        Assert.Equal(KernelClass.Normalization, kernels[1].Class);
    }

    [Fact]
    public void TheLastAxisOlderOpsetsAndOtherRuntimesAddNothing()
    {
        Assert.Single(Detect(new TestGraph().Input("x", 1, 16, 4, 8400).Node("Softmax", ["x"], ["y"], ("axis", -1L))));
        // Opset 12 coerces to 2-D [N, rest]: contiguous rows, no transpose.
        Assert.Single(Detect(new TestGraph().Opset(12).Input("x", 1, 16, 4, 8400).Node("Softmax", ["x"], ["y"], ("axis", 1L))));
        // Nothing follows the axis (trailing extent 1): already contiguous.
        Assert.Single(Detect(new TestGraph().Input("x", 1, 4, 16, 1).Node("Softmax", ["x"], ["y"], ("axis", 2L))));
        Assert.Single(Detect(new TestGraph().Input("x", 1, 16, 4, 8400).Node("Softmax", ["x"], ["y"], ("axis", 1L)), "tensorrt"));
    }

    [Fact]
    public void ATransposeTakesTheStridedClassOnlyOnTheElementwisePath()
    {
        var strided = Assert.Single(Detect(new TestGraph().Input("x", 1, 16, 4, 8400).Node("Transpose", ["x"], ["y"], ("perm", new long[] { 0, 3, 2, 1 }))));
        var blocked = Assert.Single(Detect(new TestGraph().Input("x", 1, 16, 4, 8400).Node("Transpose", ["x"], ["y"], ("perm", new long[] { 0, 2, 1, 3 }))));

        Assert.Equal(KernelClass.StridedCopy, strided.Class);
        Assert.Equal(KernelClass.DataMovement, blocked.Class);
    }
}
