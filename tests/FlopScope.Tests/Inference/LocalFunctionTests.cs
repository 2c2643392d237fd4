using FlopScope.Graph;
using FlopScope.Profiling;

namespace FlopScope.Tests.Inference;

/// <summary>Model-local functions (FunctionProto, as the dynamo exporter writes them) are expanded in place.</summary>
public sealed class LocalFunctionTests
{
    [Fact]
    public void CallsAreAnalysedThroughTheFunctionBody()
    {
        // custom.TwoRelus(a) = Relu(Relu(a)); the graph calls it on x (2x50) and adds a MatMul by a 50x10 weight.
        var function = new LocalFunction("custom", "TwoRelus", ["a"], ["b"], [],
            [new Node("r1", "Relu", "", ["a"], ["t"]), new Node("r2", "Relu", "", ["t"], ["b"])],
            new Dictionary<string, long> { [""] = 17 });
        var graph = new Graph.Graph("g",
            [new Node("call", "TwoRelus", "custom", ["x"], ["y"]), new Node("mm", "MatMul", "", ["y", "w"], ["z"])],
            [new ValueInfo("x", DataType.Float, new TensorShape(2, 50))],
            [new ValueInfo("z", DataType.Float, null)],
            new Dictionary<string, TensorDescriptor> { ["w"] = new() { Name = "w", DataType = DataType.Float, Dims = [50, 10] } });
        var model = new Model(graph, new Dictionary<string, long> { [""] = 17, ["custom"] = 1 }, functions: [function]);

        var report = Profiler.Profile(model);

        Assert.True(report.Summary.IsComplete);
        var call = report.Layers.Single(l => l.Name == "call");
        Assert.Equal(["2x50"], call.Outputs);
        Assert.Equal(200, call.TotalFlops);
        Assert.Contains("local function custom.TwoRelus expanded", call.Notes);
        Assert.Equal(2 * 50 * 10, report.Summary.Macs);
    }
}
