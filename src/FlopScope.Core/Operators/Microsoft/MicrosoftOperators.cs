namespace FlopScope.Operators.Microsoft;

/// <summary>ONNX Runtime contrib ops of the com.microsoft domain.</summary>
internal static class MicrosoftOperators
{
    public static void Register(OperatorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
