namespace FlopScope.Runtime;

/// <summary>One kernel of ONNX Runtime's optimized session graph and the original nodes it covers.</summary>
/// <param name="Name">Node name in the session graph.</param>
/// <param name="Op">Op type, domain-prefixed outside the default domain (<c>com.microsoft.nchwc.Conv</c>).</param>
/// <param name="Covers">Profile layer indices of the original nodes it covers (empty for inserted layout kernels).</param>
/// <param name="Ran">True when the profiling trace recorded it running.</param>
public sealed record OrtKernel(string Name, string Op, IReadOnlyList<int> Covers, bool Ran);
