using FlopScope.Inference;
using FlopScope.Operators;
using FlopScope.Operators.Elementwise;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators;

public sealed class OperatorRegistryTests
{
    /// <summary>The handler of docs/adding-an-operator.md.</summary>
    private sealed class MyOpHandler : IOperatorHandler
    {
        public void Infer(NodeContext context)
        {
            var x = context.Input(0);
            context.SetOutput(0, x.DataType, x.Shape);
            context.AddFlops(FloatCost.Of(x.DataType, context.Elements(0), 3));
        }
    }

    [Fact]
    public void UnknownOpIsListedUntilAHandlerIsRegistered()
    {
        var model = new TestGraph().Opset(1, "com.acme").Input("x", 2, 50).NodeIn("com.acme", "MyOp", ["x"], ["y"]).Node("Relu", ["y"], ["z"]).BuildModel("z");

        var without = Profiler.Profile(model);
        var with = Profiler.Profile(model, new ProfileOptions { Registry = OperatorRegistry.CreateDefault().Register("com.acme", "MyOp", new MyOpHandler()) });

        Assert.Equal("com.acme.MyOp", Assert.Single(without.Summary.Unsupported).Op);
        Assert.Equal("Relu", Assert.Single(without.Summary.Unresolved).Op);
        Assert.True(with.Summary.IsComplete);
        Assert.Equal((3 * 100) + 100, with.Summary.TotalFlops);
    }

    [Fact]
    public void RegisteringABuiltInOpReplacesItsRule()
    {
        var model = new TestGraph().Input("x", 100).Node("Relu", ["x"], ["y"]).BuildModel("y");

        var report = Profiler.Profile(model, new ProfileOptions { Registry = OperatorRegistry.CreateDefault().Register("Relu", new MyOpHandler()) });

        Assert.Equal(300, report.Summary.TotalFlops);
    }
}
