namespace FlopScope.Operators;

/// <summary>Registers every built-in handler, family by family. Each family's file lists its ops explicitly.</summary>
internal static class BuiltInOperators
{
    public static void RegisterAll(OperatorRegistry registry)
    {
        Linear.LinearOperators.Register(registry);
        Elementwise.ElementwiseOperators.Register(registry);
        Tensor.TensorOperators.Register(registry);
        Nn.NnOperators.Register(registry);
        ControlFlow.ControlFlowOperators.Register(registry);
        Microsoft.MicrosoftOperators.Register(registry);
    }
}
