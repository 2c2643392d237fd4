using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Elementwise;

/// <summary>Clip's propagated values on integer tensors (shape arithmetic), against the ONNX specification.</summary>
public sealed class ClipHandlerTests
{
    [Fact]
    public void KnownIntegersAreClippedToTheBounds()
    {
        var result = new TestGraph().Ints("v", [1, 5, 9]).Ints("lo", [3], []).Ints("hi", [6], [])
            .Node("Clip", ["v", "lo", "hi"], ["y"]).Analyze();

        Assert.Equal([3L, 5L, 6L], result.IntsOf("y"));
    }

    [Fact]
    public void AMinimumAboveTheMaximumSetsEveryValueToTheMaximum()
    {
        // ONNX: "When 'min' is greater than 'max', the clip operator sets all the 'input' values to the value of 'max'."
        // A fuzzed model with such bounds used to end in an ArgumentException from Math.Clamp.
        var result = new TestGraph().Ints("v", [1, 5, 9]).Ints("lo", [6], []).Ints("hi", [3], [])
            .Node("Clip", ["v", "lo", "hi"], ["y"]).Analyze();

        Assert.Equal([3L, 3L, 3L], result.IntsOf("y"));
    }
}
