namespace FlopScope.Operators;

/// <summary>Identifies an operator: domain (empty for the default ONNX domain) and op type.</summary>
/// <param name="Domain">Operator domain.</param>
/// <param name="OpType">Operator type.</param>
public readonly record struct OperatorKey(string Domain, string OpType)
{
    /// <summary>The Microsoft contrib-op domain of ONNX Runtime.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    /// <inheritdoc />
    public override string ToString() => Domain.Length == 0 ? OpType : $"{Domain}.{OpType}";
}
