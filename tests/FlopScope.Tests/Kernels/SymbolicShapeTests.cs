using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>
/// Shape computations on a symbolic batch under ort-cpu, on hand-built graphs: what runs as a kernel, what ONNX Runtime
/// merges, removes or folds, and which fusions need static shapes (docs/estimator.md, "Symbolic dimensions"). The same
/// rules are checked against ONNX Runtime's own sessions on the fixture models in <see cref="OrtCpuDetectionTests"/>.
/// </summary>
public sealed class SymbolicShapeTests
{
    // x: batch x 8 x 4 x 4 fp32, the batch symbolic (bound to 1 when profiled).
    private static TestGraph Batch() => new TestGraph().SymbolicInput("x", "batch", 8, 4, 4)
        .Ints("i0", [0], []).Ints("i1", [1], []).Ints("two", [2], []).Ints("one", [1], []).Ints("axes", [0], [1])
        .Ints("c2", [2], [1]).Ints("c16", [16], [1]).Ints("m1", [-1], [1]);

    private static IReadOnlyList<Kernel> Detect(TestGraph graph, bool pinned, params string[] outputs)
    {
        var profile = Profiler.Profile(graph.BuildModel(outputs));
        if (pinned)
        {
            profile = OrtCpuDetectionTests.Pinned(profile);
        }

        return KernelDetector.Detect(profile, RuntimeCatalog.BuiltIn.Get("ort-cpu") with { Layout = null });
    }

    private static string[] ShapeKernels(IReadOnlyList<Kernel> kernels) =>
        kernels.Where(k => k.Rule == KernelDetector.ShapeArithmeticRule).Select(k => k.Op).ToArray();

    [Fact]
    public void ShapeArithmeticOnASymbolicBatchRunsAsSmallKernelsAndFoldsWhenPinned()
    {
        // Reshape(x, [batch, 2, channels / 2, height, width]): the channel shuffle's shape. Height and width come from
        // Shape(x)[2] and [3] at positions 3 and 4, so ReshapeFusion would need two -1s and leaves it alone.
        var graph = Batch().Ints("i2", [2], []).Ints("i3", [3], [])
            .Node("Shape", ["x"], ["s"])
            .Node("Gather", ["s", "i0"], ["n"], ("axis", 0)).Node("Unsqueeze", ["n", "axes"], ["un"])
            .Node("Gather", ["s", "i1"], ["c"], ("axis", 0)).Node("Div", ["c", "two"], ["h"]).Node("Unsqueeze", ["h", "axes"], ["uh"])
            .Node("Gather", ["s", "i2"], ["g2"], ("axis", 0)).Node("Unsqueeze", ["g2", "axes"], ["u2"])
            .Node("Gather", ["s", "i3"], ["g3"], ("axis", 0)).Node("Unsqueeze", ["g3", "axes"], ["u3"])
            .Node("Concat", ["un", "c2", "uh", "u2", "u3"], ["shape"], ("axis", 0))
            .Node("Reshape", ["x", "shape"], ["r"]).Node("Relu", ["r"], ["y"]);

        var symbolic = Detect(graph, pinned: false, "y");
        var pinned = Detect(graph, pinned: true, "y");

        Assert.Equal(["Concat", "Div", "Gather", "Gather", "Gather", "Gather", "Shape", "Unsqueeze", "Unsqueeze", "Unsqueeze", "Unsqueeze"],
            ShapeKernels(symbolic).Order(StringComparer.Ordinal));
        Assert.All(symbolic.Where(k => k.Rule == KernelDetector.ShapeArithmeticRule), k => Assert.Equal(KernelClass.DataMovement, k.Class));
        Assert.Equal(["Reshape", "Relu"], symbolic.Where(k => k.Rule != KernelDetector.ShapeArithmeticRule).Select(k => k.Op));
        Assert.Empty(ShapeKernels(pinned));
        Assert.Equal(["Reshape", "Relu"], pinned.Select(k => k.Op));
    }

    [Fact]
    public void AReshapeThatCopiesItsOwnDimensionsGetsAConstantShape()
    {
        // Reshape(x, [Shape(x)[0], 2, Shape(x)[1] / 2, 16]): ReshapeFusion makes the shape [0, 2, -1, 16] (dimension 0
        // copied, the one-element quotient a -1) and nothing is left to run.
        var graph = Batch()
            .Node("Shape", ["x"], ["s"])
            .Node("Gather", ["s", "i0"], ["n"], ("axis", 0)).Node("Unsqueeze", ["n", "axes"], ["un"])
            .Node("Gather", ["s", "i1"], ["c"], ("axis", 0)).Node("Div", ["c", "two"], ["h"]).Node("Unsqueeze", ["h", "axes"], ["uh"])
            .Node("Concat", ["un", "c2", "uh", "c16"], ["shape"], ("axis", 0))
            .Node("Reshape", ["x", "shape"], ["r"]).Node("Relu", ["r"], ["y"]);

        Assert.Empty(ShapeKernels(Detect(graph, pinned: false, "y")));
    }

    [Fact]
    public void EqualShapeComputationsRunOnceAndAMultiplyByOneIsRemoved()
    {
        // Two identical chains Shape -> Gather 1 -> Div 2 -> Unsqueeze -> Concat(., [-1]) feed two Reshapes of x; a third
        // chain multiplies by one first. Common-subexpression elimination keeps one of each node (the last), and
        // NoopElimination drops the Mul; neither Concat folds (a value at position 0 that is not dimension 0 of x is a -1,
        // and the constant -1 makes two).
        var graph = Batch()
            .Node("Shape", ["x"], ["s1"]).Node("Gather", ["s1", "i1"], ["c1"], ("axis", 0)).Node("Div", ["c1", "two"], ["h1"])
            .Node("Unsqueeze", ["h1", "axes"], ["u1"]).Node("Concat", ["u1", "m1"], ["shape1"], ("axis", 0)).Node("Reshape", ["x", "shape1"], ["r1"])
            .Node("Shape", ["x"], ["s2"]).Node("Gather", ["s2", "i1"], ["c2x"], ("axis", 0)).Node("Div", ["c2x", "two"], ["h2"])
            .Node("Unsqueeze", ["h2", "axes"], ["u2"]).Node("Concat", ["u2", "m1"], ["shape2"], ("axis", 0)).Node("Reshape", ["x", "shape2"], ["r2"])
            .Node("Mul", ["c1", "one"], ["k"]).Node("Unsqueeze", ["k", "axes"], ["uk"]).Node("Concat", ["uk", "m1"], ["shape3"], ("axis", 0))
            .Node("Reshape", ["x", "shape3"], ["r3"]);

        var kernels = Detect(graph, pinned: false, "r1", "r2", "r3");

        Assert.Equal(["Concat", "Concat", "Div", "Gather", "Shape", "Unsqueeze", "Unsqueeze"], ShapeKernels(kernels).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false, "MatMul | Add")]
    [InlineData(true, "MatMul+Add | Reshape | Reshape")]
    public void MatMulAndBiasOnASymbolicThreeDimensionalInputStayApart(bool pinned, string expected)
    {
        // ONNX Runtime's MatMulAddFusion reshapes a 3-D input to 2-D and back, which needs its sizes at session build.
        var graph = new TestGraph().SymbolicInput("x", "batch", 4, 8).Weight("w", 8, 8).Weight("b", 8)
            .Node("MatMul", ["x", "w"], ["m"]).Node("Add", ["m", "b"], ["y"]);

        Assert.Equal(expected, string.Join(" | ", Detect(graph, pinned, "y").Select(k => k.Op)));
    }

    [Fact]
    public void MatMulAndBiasOnASymbolicTwoDimensionalInputStillFuse()
    {
        var graph = new TestGraph().SymbolicInput("x", "batch", 8).Weight("w", 8, 8).Weight("b", 8)
            .Node("MatMul", ["x", "w"], ["m"]).Node("Add", ["m", "b"], ["y"]);

        Assert.Equal("MatMul+Add", Assert.Single(Detect(graph, pinned: false, "y")).Op);
    }

    [Theory]
    [InlineData("b", "Add+Div+Erf+Add+Mul+Mul")]
    [InlineData("r", "Add | Div+Erf+Add+Mul+Mul")]
    public void TheBiasAddLeftByAnUnfusedMatMulFusesIntoTheGeluAndAResidualAddDoesNot(string addend, string expected)
    {
        // MatMul on a symbolic 3-D input keeps its bias Add (MatMulAddFusion needs static sizes); BiasGeluFusion takes
        // that Add into the Gelu. An Add of two computed tensors (r is a graph input) is not a bias.
        var graph = new TestGraph().SymbolicInput("x", "batch", 4, 8).SymbolicInput("r", "batch", 4, 8).Weight("w", 8, 8).Weight("b", 8)
            .Floats("sqrt2", [1.4142135623730951], []).Floats("one", [1], []).Floats("half", [0.5], [])
            .Node("MatMul", ["x", "w"], ["m"]).Node("Add", ["m", addend], ["a"])
            .Node("Div", ["a", "sqrt2"], ["d"]).Node("Erf", ["d"], ["e"]).Node("Add", ["e", "one"], ["e1"])
            .Node("Mul", ["a", "e1"], ["g"]).Node("Mul", ["g", "half"], ["y"]);

        var kernels = Detect(graph, pinned: false, "y").Where(k => k.Op != "MatMul");

        Assert.Equal(expected, string.Join(" | ", kernels.Select(k => k.Op)));
    }

    [Theory]
    [InlineData(false, "Add | LayerNormalization")]
    [InlineData(true, "Add+LayerNormalization")]
    public void AResidualAddAndLayerNormOnASymbolicThreeDimensionalInputStayApart(bool pinned, string expected)
    {
        // SkipLayerNormFusion's shape checks need static sizes: with a symbolic batch the two run as they are.
        var graph = new TestGraph().SymbolicInput("x", "batch", 4, 8).SymbolicInput("r", "batch", 4, 8).Weight("gamma", 8).Weight("beta", 8)
            .Node("Add", ["x", "r"], ["a"]).Node("LayerNormalization", ["a", "gamma", "beta"], ["y"], ("axis", -1));

        Assert.Equal(expected, string.Join(" | ", Detect(graph, pinned, "y").Select(k => k.Op)));
    }
}
