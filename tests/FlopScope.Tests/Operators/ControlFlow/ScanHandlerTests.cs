using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.ControlFlow;

public sealed class ScanHandlerTests
{
    // Body: s2 = s + xt (2 FLOPs), y = s2 * s2 (2 FLOPs); outputs state s2 and scan output y.
    private static Graph.Graph Body => new TestGraph().Input("s", 2).Input("xt", 2)
        .Node("Add", ["s", "xt"], ["s2"]).Node("Mul", ["s2", "s2"], ["y"])
        .Build("s2", "y");

    [Fact]
    public void CostIsBodyTimesSequenceLength()
    {
        var result = new TestGraph().Input("s0", 2).Input("x", 5, 2)
            .Node("Scan", ["s0", "x"], ["sN", "ys"], ("body", Body), ("num_scan_inputs", 1))
            .Analyze();

        Assert.Equal("2", result.ShapeOf("sN"));
        Assert.Equal("5x2", result.ShapeOf("ys"));
        Assert.Equal(new NodeCost(0, 5 * 4), result.TotalCost);
    }

    [Fact]
    public void ScanAxesMayBeNegative()
    {
        var result = new TestGraph().Input("s0", 2).Input("x", 2, 7)
            .Node("Scan", ["s0", "x"], ["sN", "ys"], ("body", Body), ("num_scan_inputs", 1),
                ("scan_input_axes", new[] { -1 }), ("scan_output_axes", new[] { -1 }))
            .Analyze();

        Assert.Equal("2x7", result.ShapeOf("ys"));
        Assert.Equal(new NodeCost(0, 7 * 4), result.TotalCost);
    }

    [Fact]
    public void Opset8ScanHasBatchAndSequenceAxes()
    {
        var result = new TestGraph().Opset(8).Input("s0", 3, 2).Input("x", 3, 5, 2)
            .Node("Scan", ["", "s0", "x"], ["sN", "ys"], ("body", Body), ("num_scan_inputs", 1))
            .Analyze();

        Assert.Equal("3x2", result.ShapeOf("sN"));
        Assert.Equal("3x5x2", result.ShapeOf("ys"));
        Assert.Equal(new NodeCost(0, 3 * 5 * 4), result.TotalCost);
    }

    [Fact]
    public void ScanInputsMustAgreeOnSequenceLength()
    {
        var body = new TestGraph().Input("a", 2).Input("b", 2).Node("Add", ["a", "b"], ["y"]).Build("y");
        var graph = new TestGraph().Input("x1", 5, 2).Input("x2", 6, 2)
            .Node("Scan", ["x1", "x2"], ["ys"], ("body", body), ("num_scan_inputs", 2));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("disagree", error.Message);
    }

    [Fact]
    public void BodyMustFitStatesAndScanInputs()
    {
        var graph = new TestGraph().Input("x", 5, 2)
            .Node("Scan", ["x"], ["ys"], ("body", Body), ("num_scan_inputs", 1));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
