using FlopScope.Inference;

namespace FlopScope.Operators;

/// <summary>
/// Shape inference and cost of one operator, kept together: <see cref="Infer"/> sets every output's type, shape and
/// (for small integer tensors) value on the context, and adds the node's MACs and FLOPs.
/// </summary>
public interface IOperatorHandler
{
    /// <summary>Infers outputs and cost of the node in <paramref name="context"/>. Throws
    /// <see cref="UnresolvedException"/> when an input needed is unknown, and <see cref="Errors.ShapeException"/> when the
    /// inputs are impossible.</summary>
    void Infer(NodeContext context);

    /// <summary>What the op does with input <paramref name="index"/> (decides which stored tensors are parameters).</summary>
    InputRole GetInputRole(int index, NodeContext context) => InputRole.Data;
}
