using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Reshape(data, shape) (opset 5+; opset 1 took a <c>shape</c> attribute): 0 copies the input dimension at that index
/// (unless <c>allowzero</c>=1, opset 14+, where 0 is a real zero), -1 is inferred from the element count. Values pass
/// through unchanged (row-major order is kept). 0 FLOPs.
/// </summary>
public sealed class ReshapeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var inShape = context.Shape(0);
        var requested = context.Opset < 5 ? context.IntList("shape") ?? throw context.Invalid("lacks its 'shape' attribute") : context.Ints(1);
        var allowZero = context.Opset >= 14 && context.Int("allowzero", 0) != 0;
        var output = new Dim[requested.Length];
        var inferred = -1;
        var copied = new bool[inShape.Rank];
        for (var i = 0; i < requested.Length; i++)
        {
            var r = requested[i];
            if (r == -1)
            {
                if (inferred >= 0)
                {
                    throw context.Invalid($"shape [{string.Join(",", requested)}] has more than one -1");
                }

                inferred = i;
            }
            else if (r == 0 && !allowZero)
            {
                if (i >= inShape.Rank)
                {
                    throw context.Invalid($"shape [{string.Join(",", requested)}] copies dimension {i} of a rank-{inShape.Rank} input");
                }

                output[i] = inShape[i];
                copied[i] = true;
            }
            else if (r < 0)
            {
                throw context.Invalid($"shape [{string.Join(",", requested)}] has invalid entry {r}");
            }
            else
            {
                output[i] = r;
            }
        }

        if (allowZero && inferred >= 0 && requested.Contains(0))
        {
            throw context.Invalid("with allowzero=1 the shape cannot hold both 0 and -1");
        }

        // Known part of the input and output sizes; unknown input dims copied to the same index cancel out.
        long inKnown = 1;
        var inUnknown = new List<Dim>();
        for (var i = 0; i < inShape.Rank; i++)
        {
            if (inShape[i].IsKnown)
            {
                inKnown = checked(inKnown * inShape[i].Value);
            }
            else if (!copied[i])
            {
                inUnknown.Add(inShape[i]);
            }
        }

        long outKnown = 1;
        var outUnknown = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (i == inferred)
            {
                continue;
            }

            if (output[i].IsKnown)
            {
                outKnown = checked(outKnown * output[i].Value);
            }
            else if (i >= copied.Length || !copied[i])
            {
                outUnknown++;
            }
        }

        if (inferred >= 0)
        {
            output[inferred] = Infer(context, requested, inKnown, inUnknown, outKnown, outUnknown);
        }
        else if (inUnknown.Count == 0 && outUnknown == 0 && inKnown != outKnown && inShape.IsFullyKnown)
        {
            throw context.Invalid($"cannot reshape {inShape} ({inKnown} elements) to [{string.Join(",", requested)}]");
        }

        context.SetOutput(0, input.DataType, new TensorShape(output), input.Value);
    }

    private static Dim Infer(NodeContext context, long[] requested, long inKnown, List<Dim> inUnknown, long outKnown, int outUnknown)
    {
        if (outUnknown > 0)
        {
            return Dim.Unknown("Reshape");
        }

        if (inUnknown.Count == 0)
        {
            if (outKnown == 0)
            {
                if (inKnown == 0)
                {
                    throw context.Invalid($"-1 in shape [{string.Join(",", requested)}] is ambiguous with zero-sized dimensions");
                }

                throw context.Invalid($"cannot reshape {inKnown} elements to [{string.Join(",", requested)}]");
            }

            return inKnown % outKnown == 0
                ? inKnown / outKnown
                : throw context.Invalid($"cannot reshape {inKnown} elements to [{string.Join(",", requested)}]");
        }

        // One symbolic input dimension left over, and the known parts match: -1 is that dimension.
        return inUnknown.Count == 1 && inKnown == outKnown ? inUnknown[0] : Dim.Unknown("Reshape");
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
