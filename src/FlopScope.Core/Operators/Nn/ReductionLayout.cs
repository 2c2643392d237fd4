using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// Which axes a reduction removes, the resulting shape, and (for value propagation) which output element each input
/// element of a row-major tensor contributes to.
/// </summary>
public sealed class ReductionLayout
{
    private readonly bool[] _reduced;

    /// <summary>Creates the layout of reducing <paramref name="axes"/> (normalized, distinct) of <paramref name="input"/>.</summary>
    public ReductionLayout(TensorShape input, IReadOnlyCollection<int> axes, bool keepDims)
    {
        Input = input;
        _reduced = Enumerable.Range(0, input.Rank).Select(axes.Contains).ToArray();
        var dims = new List<Dim>();
        for (var i = 0; i < input.Rank; i++)
        {
            if (!_reduced[i])
            {
                dims.Add(input[i]);
            }
            else if (keepDims)
            {
                dims.Add(1);
            }
        }

        Output = new TensorShape(dims);
    }

    /// <summary>The input shape.</summary>
    public TensorShape Input { get; }

    /// <summary>The output shape.</summary>
    public TensorShape Output { get; }

    /// <summary>Normalizes and checks reduction axes against <paramref name="rank"/>.</summary>
    public static int[] NormalizeAxes(NodeContext context, IEnumerable<long> axes, int rank)
    {
        var normalized = axes.Select(a => ShapeMath.Axis(context, a, rank)).ToArray();
        return normalized.Distinct().Count() == normalized.Length
            ? normalized
            : throw context.Invalid($"axes [{string.Join(",", axes)}] repeat an axis");
    }

    /// <summary>For each input element (row-major), the index of the output element it reduces into. Needs a fully
    /// known input shape.</summary>
    public int[] OutputIndexOfEachInput()
    {
        var dims = Input.ToArray();
        var total = checked((int)ShapeMath.Product(dims));
        var outStrides = new long[dims.Length];
        long stride = 1;
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            outStrides[i] = _reduced[i] ? 0 : stride;
            stride *= _reduced[i] ? 1 : dims[i];
        }

        var result = new int[total];
        var coords = new long[dims.Length];
        for (var flat = 0; flat < total; flat++)
        {
            long index = 0;
            for (var i = 0; i < dims.Length; i++)
            {
                index += coords[i] * outStrides[i];
            }

            result[flat] = (int)index;
            for (var i = dims.Length - 1; i >= 0; i--)
            {
                if (++coords[i] < dims[i])
                {
                    break;
                }

                coords[i] = 0;
            }
        }

        return result;
    }
}
