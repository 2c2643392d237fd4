namespace FlopScope.Operators.ControlFlow;

/// <summary>Control flow: If, Loop and Scan, analysed through their subgraphs.</summary>
internal static class ControlFlowOperators
{
    public static void Register(OperatorRegistry registry)
    {
        registry.Register("If", new IfHandler());
        registry.Register("Loop", new LoopHandler());
        registry.Register("Scan", new ScanHandler());
    }
}
